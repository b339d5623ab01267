// libFuzzer target for the XLSForm import's reading of uploads
// (src/surveys/xlsx_reader.cpp and xlsform.cpp; built by tests/fuzz/build.sh).
//
// Besides the sanitizers' checks the target checks what the reader
// promises: an error is one of the documented keys; a workbook keeps the
// caps (rows, columns, cells); and the form read from it either has a valid
// definition and no problem, or problems and no definition.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "surveys/definition.hpp"
#include "surveys/xlsform.hpp"
#include "surveys/xlsx_reader.hpp"

namespace {

using namespace crm::surveys;

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "xlsx_fuzz: broken promise: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  xlsx::Limits limits;
  limits.total_bytes = 8 * 1024 * 1024;  // the fuzzer's memory, not production's
  limits.part_bytes = 4 * 1024 * 1024;
  auto book = xlsx::read(input, limits);
  if (!book) {
    const std::string& k = book.error().key;
    check(k == xlsx::kTooLarge || k == xlsx::kNotXlsx || k == xlsx::kDamaged ||
              k == xlsx::kUnpacksTooLarge || k == xlsx::kTooManyRows ||
              k == xlsx::kTooManyColumns || k == xlsx::kTooManyCells || k == xlsx::kCellTooLong ||
              k == xlsx::kNoSheets || k == xlsx::kTooManySheets,
          "known error key");
    return 0;
  }
  check(!book->sheets.empty(), "a workbook has sheets");
  for (const auto& s : book->sheets) {
    check(s.rows.size() <= limits.rows, "rows capped");
    for (const auto& r : s.rows) check(r.size() <= limits.columns, "columns capped");
  }
  auto form = xlsform::read_form(*book, "fuzz");
  check(form.definition.has_value() == form.problems.empty(), "all or nothing");
  if (form.definition) check(validate(*form.definition).empty(), "an imported form is valid");
  for (const auto& p : form.problems) check(!p.key.empty(), "a problem has a message");
  return 0;
}

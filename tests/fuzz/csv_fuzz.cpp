// libFuzzer target for src/imports/csv.cpp (built by tests/fuzz/build.sh).
//
// Besides the sanitizers' checks the target checks what parse() promises:
// every row has as many fields as the header, fields are valid UTF-8, the
// problem keys are the documented ones with rows in range, and a table
// written back out (every field quoted) parses to the same table.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/parse.hpp"
#include "imports/csv.hpp"

namespace {

using namespace crm::imports;

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "csv_fuzz: broken promise: %s\n", what);
  std::abort();
}

std::string write(const csv::Table& t) {
  auto line = [&](const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += t.delimiter;
      out += '"';
      for (char c : fields[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    return out + "\r\n";
  };
  std::string out = line(t.header);
  for (const auto& r : t.rows) out += line(r);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::size_t kMax = 50;
  auto p = csv::parse(input, kMax);
  if (!p) {
    auto k = p.problem.key;
    check(k == csv::kNotUtf8 || k == csv::kEmpty || k == csv::kNoRows ||
              k == csv::kUnterminatedQuote || k == csv::kWrongFieldCount || k == csv::kTooManyRows,
          "known problem key");
    check(p.problem.row <= kMax + 1, "problem row in range");
    if (k == csv::kWrongFieldCount)
      check(p.problem.found != p.problem.expected && p.problem.row >= 1, "field count problem");
    check(k != csv::kNotUtf8 || !crm::http::valid_utf8(input) ||
              input.find('\0') != std::string_view::npos,
          "kNotUtf8 only for bytes that are not UTF-8");
    return 0;
  }
  const auto& t = *p.table;
  check(t.delimiter == ',' || t.delimiter == ';', "delimiter");
  check(!t.rows.empty() && t.rows.size() <= kMax, "row count");
  for (const auto& r : t.rows) {
    check(r.size() == t.header.size(), "every row as wide as the header");
    for (const auto& f : r) check(crm::http::valid_utf8(f), "field UTF-8");
  }
  auto again = csv::parse(write(t), kMax);
  check(again.table.has_value(), "written table parses");
  check(again.table->header == t.header, "header round trip");
  check(again.table->rows == t.rows, "rows round trip");
  return 0;
}

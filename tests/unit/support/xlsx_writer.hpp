// Writes .xlsx workbooks with libxlsxwriter for tests of the XLSForm import:
// sheets of text cells, with "#n:12" written as a number and "#b:1" as a
// boolean. `inline_strings` writes the cells as inline strings (the library's
// constant-memory mode) instead of shared strings.
#pragma once

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace crm::test {

using SheetCells = std::vector<std::vector<std::string>>;

inline std::string write_xlsx(const std::vector<std::pair<std::string, SheetCells>>& sheets,
                              bool inline_strings = false) {
  char path[] = "/tmp/crm-xlsform-XXXXXX.xlsx";
  const int fd = mkstemps(path, 5);
  if (fd < 0) throw std::runtime_error("write_xlsx: no temporary file");
  close(fd);
  lxw_workbook_options options = {};
  options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = const_cast<char*>("/tmp");
  lxw_workbook* wb = workbook_new_opt(path, &options);
  if (!wb) throw std::runtime_error("write_xlsx: cannot start a workbook");
  for (const auto& [name, rows] : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    for (size_t r = 0; r < rows.size(); ++r)
      for (size_t c = 0; c < rows[r].size(); ++c) {
        const std::string& v = rows[r][c];
        const auto row = static_cast<lxw_row_t>(r);
        const auto col = static_cast<lxw_col_t>(c);
        if (v.empty()) continue;
        if (v.rfind("#n:", 0) == 0)
          worksheet_write_number(ws, row, col, std::strtod(v.c_str() + 3, nullptr), nullptr);
        else if (v.rfind("#b:", 0) == 0)
          worksheet_write_boolean(ws, row, col, v == "#b:1", nullptr);
        else
          worksheet_write_string(ws, row, col, v.c_str(), nullptr);
      }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("write_xlsx: close failed");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

}  // namespace crm::test

#include "web/export.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace crm::web {

namespace {

// Characters (not bytes) of UTF-8 text, for column widths.
size_t characters(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Removes the temporary file when the workbook is done with, whatever happens.
struct TempFile {
  std::string path;
  TempFile() {
    auto p = (std::filesystem::temp_directory_path() / "crm-export-XXXXXX.xlsx").string();
    int fd = mkstemps(p.data(), 5);
    if (fd < 0) throw std::runtime_error("export: cannot create a temporary file");
    ::close(fd);
    path = std::move(p);
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

}  // namespace

bool is_plain_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (digits == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t decimals = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++decimals;
    if (decimals == 0) return false;
  }
  return i == s.size() && digits <= 15;
}

std::string csv_cell(std::string_view cell) {
  std::string v;
  if (!cell.empty() && !is_plain_number(cell) &&
      std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos)
    v += '\'';
  v += cell;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string quoted = "\"";
  for (char c : v) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string to_csv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < t.header.size(); ++i) {
      if (i) out += ',';
      if (i < cells.size()) out += csv_cell(cells[i]);
    }
    out += "\r\n";
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
  return out;
}

std::string to_xlsx(const Table& t, const XlsxOptions& options) {
  TempFile file;
  lxw_workbook* wb = workbook_new(file.path.c_str());
  if (!wb) throw std::runtime_error("export: cannot start a workbook");
  const char* name =
      !options.sheet_name.empty() &&
              workbook_validate_sheet_name(wb, options.sheet_name.c_str()) == LXW_NO_ERROR
          ? options.sheet_name.c_str()
          : nullptr;
  lxw_worksheet* ws = workbook_add_worksheet(wb, name);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  if (options.right_to_left) worksheet_right_to_left(ws);
  std::vector<size_t> widths(t.header.size(), 0);
  auto write = [&](lxw_row_t row, const std::vector<std::string>& cells, lxw_format* f) {
    for (size_t i = 0; i < t.header.size() && i < cells.size(); ++i) {
      const auto& v = cells[i];
      auto col = static_cast<lxw_col_t>(i);
      if (f == nullptr && is_plain_number(v))
        worksheet_write_number(ws, row, col, std::strtod(v.c_str(), nullptr), nullptr);
      else if (!v.empty())
        worksheet_write_string(ws, row, col, v.c_str(), f);
      widths[i] = std::max(widths[i], characters(v));
    }
  };
  write(0, t.header, bold);
  lxw_row_t row = 1;
  for (const auto& r : t.rows) write(row++, r, nullptr);
  for (size_t i = 0; i < widths.size(); ++i)
    worksheet_set_column(ws, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i),
                         static_cast<double>(std::clamp<size_t>(widths[i] + 2, 8, 60)), nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  if (workbook_close(wb) != LXW_NO_ERROR)
    throw std::runtime_error("export: cannot write the workbook");
  std::ifstream in(file.path, std::ios::binary);
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (out.empty()) throw std::runtime_error("export: empty workbook");
  return out;
}

http::Response download(std::string body, std::string_view content_type,
                        std::string_view filename) {
  http::Response r;
  r.status = 200;
  r.body = std::move(body);
  r.set("Content-Type", std::string(content_type));
  r.set("Content-Disposition", "attachment; filename=\"" + std::string(filename) + "\"");
  r.set("Cache-Control", "no-store");
  return r;
}

http::Response table_download(const Table& table, bool xlsx, const Tr& t, std::string_view sheet,
                              std::string_view basename) {
  const std::string name(basename);
  if (!xlsx) return download(to_csv(table), kCsvType, name + ".csv");
  XlsxOptions o;
  o.sheet_name = std::string(sheet);
  o.right_to_left = t.rtl();
  return download(to_xlsx(table, o), kXlsxType, name + ".xlsx");
}

void export_links(Html& h, const Tr& t, const std::string& base, const std::string& query) {
  h.open("p", {{"class", "exports"}});
  h.open("a", {{"href", base + ".csv" + query}, {"download", ""}})
      .text(t("Download CSV"))
      .close("a");
  h.text(" ");
  h.open("a", {{"href", base + ".xlsx" + query}, {"download", ""}})
      .text(t("Download Excel (XLSX)"))
      .close("a");
  h.close("p");
}

}  // namespace crm::web

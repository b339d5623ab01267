// Exports of list pages: a plain table of text cells written as CSV or XLSX,
// and the download answers that carry them. Thread-safe (no shared state;
// XLSX goes through a temporary file of its own per call).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"
#include "http/message.hpp"
#include "web/html.hpp"

namespace crm::web {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as header (shorter rows are padded)
};

// True for a plain decimal number ("12", "-3", "40.5"): such a cell cannot be
// a formula, is left as it is in CSV and written as a number in XLSX.
bool is_plain_number(std::string_view cell);

// One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF; a
// cell that a spreadsheet would run as a formula (starting with = + - @, tab
// or CR, and not a plain number) gets a leading apostrophe.
std::string csv_cell(std::string_view cell);

// RFC 4180 CSV: UTF-8 with a byte-order mark (so Excel reads Arabic), CRLF
// line ends, the header first.
std::string to_csv(const Table& t);

struct XlsxOptions {
  std::string sheet_name = "Sheet1";  // replaced by "Sheet1" when not a valid sheet name
  bool right_to_left = false;         // for readers of Arabic
};
// An .xlsx workbook of one sheet: bold header row, frozen below it, columns
// as wide as their content (within limits), plain numbers as numbers and
// every other cell as a string (never a formula). Throws std::runtime_error
// when the workbook cannot be written (temporary directory full …).
std::string to_xlsx(const Table& t, const XlsxOptions& options = {});

constexpr std::string_view kCsvType = "text/csv; charset=utf-8";
constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A download: Content-Type, Content-Disposition attachment with `filename`
// (REQUIRES: ASCII letters, digits, '-', '_', '.'), and no caching (exports
// hold personal data).
http::Response download(std::string body, std::string_view content_type, std::string_view filename);

// `table` as "<basename>.csv" or "<basename>.xlsx" (sheet `sheet`, right to
// left when `t` is a right-to-left language). REQUIRES: basename as for download().
http::Response table_download(const Table& table, bool xlsx, const Tr& t, std::string_view sheet,
                              std::string_view basename);

// The "Download CSV" and "Download Excel" links of a list page: `base` is the
// page's export path without extension, `query` its filters ("" or "?a=b").
void export_links(Html& h, const Tr& t, const std::string& base, const std::string& query);

}  // namespace crm::web

// Reads the cells of an .xlsx workbook (Office Open XML: a zip of XML parts)
// from memory, as text: for the XLSForm import (surveys/xlsform.hpp).
//
// What it reads: the sheets named in xl/workbook.xml, found through
// xl/_rels/workbook.xml.rels; shared strings (rich text runs joined, phonetic
// runs left out); each sheet's cells: shared strings, inline strings,
// numbers (as written in the file, e.g. "1", "2.5"), booleans ("TRUE",
// "FALSE"), formula results and error values as their text.
//
// Defensive: the file, each part's and all parts' unpacked sizes, rows,
// columns and cells are capped (Limits); a part that claims one size and
// unpacks to more is stopped at the cap (zip bombs). XML is read with
// libxml2's streaming reader without network access, without DTDs and
// without entity expansion (a part with a DOCTYPE is refused: no XXE, no
// billion laughs). Every failure is an Error (key: an English msgid), never
// an exception.
//
// Thread safety: read() keeps no state between calls; any thread may call it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"
#include "core/result.hpp"

namespace crm::surveys::xlsx {

struct Limits {
  std::size_t file_bytes = 10 * 1024 * 1024;   // the .xlsx as uploaded
  std::size_t part_bytes = 16 * 1024 * 1024;   // one XML part unpacked
  std::size_t total_bytes = 48 * 1024 * 1024;  // all parts read, unpacked
  std::size_t rows = 10000;                    // per sheet
  std::size_t columns = 100;                   // per sheet (A..CV)
  std::size_t cells = 300000;                  // per sheet, gaps included
  std::size_t cell_bytes = 32 * 1024;          // one cell's text
  std::size_t shared_strings = 300000;         // entries of sharedStrings.xml
  std::size_t sheets = 50;
};

struct Sheet {
  std::string name;
  // rows[r][c]: the text of the cell in row r+1, column c (0: A); a row is as
  // wide as its last cell with a value, missing cells are "".
  std::vector<std::vector<std::string>> rows;
  // The cell's text, "" when there is none.
  const std::string& cell(std::size_t row, std::size_t column) const;
};

struct Workbook {
  std::vector<Sheet> sheets;  // in the workbook's order
  // The sheet whose name is `name` ignoring ASCII case; nullptr when none.
  const Sheet* find(std::string_view name) const;
};

// Keys of the errors read() returns (English msgids; numbers: {max}).
inline constexpr const char* kTooLarge = N_("The file is larger than {max} MB.");
inline constexpr const char* kNotXlsx = N_("The file is not an Excel workbook (.xlsx).");
inline constexpr const char* kDamaged = N_("The workbook is damaged and cannot be read.");
inline constexpr const char* kUnpacksTooLarge =
    N_("The workbook unpacks to more than {max} MB and is refused.");
inline constexpr const char* kTooManyRows = N_("A sheet has more than {max} rows.");
inline constexpr const char* kTooManyColumns = N_("A sheet has more than {max} columns.");
inline constexpr const char* kTooManyCells = N_("A sheet has more than {max} cells.");
inline constexpr const char* kCellTooLong = N_("A cell holds more than {max} characters.");
inline constexpr const char* kTooManySheets = N_("The workbook has more than {max} sheets.");
inline constexpr const char* kNoSheets = N_("The workbook has no sheets.");

// Whether `data` starts as a zip archive does ("PK\3\4"): a cheap check
// before anything is unpacked.
bool looks_like_zip(std::string_view data);

// The workbook's sheets and cells.
Result<Workbook> read(std::string_view data, const Limits& limits = {});

// "AB12" → column 27 (0-based), row 12 (1-based); false when it is not a
// cell reference.
bool parse_cell_reference(std::string_view ref, std::size_t& column, std::size_t& row);

// Column 0 → "A", 27 → "AB".
std::string column_letters(std::size_t column);

}  // namespace crm::surveys::xlsx

// Reading a CSV file as spreadsheets save it: UTF-8 with or without a byte
// order mark, fields separated by commas or semicolons (whichever the header
// line uses more of, outside quotes), fields in double quotes with doubled
// quotes ("") inside and line breaks kept, lines ending in CRLF or LF.
//
// A pure function of its input: no Asio, no database, no globals, so it is
// safe from any thread and fuzzed on its own (tests/fuzz/csv_fuzz.cpp). Any
// bytes give either a table or a Problem, never undefined behaviour; the work
// is linear in the input size. Only std::bad_alloc can escape.
//
// Rows are numbered as people: the header line is row 0, the first line of
// data row 1. Columns count from 1. Lines that hold nothing (no character, or
// only separators) are skipped and take no number. A quote inside a field that
// does not start with one is kept as a character (as spreadsheets read it);
// empty fields after the last column are dropped. Bytes that are not UTF-8 and
// NUL (a UTF-16 file) are kNotUtf8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::imports::csv {

// Rows of data a file may hold: a programme's cohort is tens of people, a
// whole programme's history a few thousand.
inline constexpr std::size_t kMaxRows = 20000;

// The message keys of the problems (English source text of the messages).
inline constexpr std::string_view kNotUtf8 = "The file is not UTF-8; save it as CSV UTF-8.";
inline constexpr std::string_view kEmpty = "The file is empty.";
inline constexpr std::string_view kUnterminatedQuote =
    "A quoted field that starts on row {row} never ends: a closing quote is missing.";
inline constexpr std::string_view kWrongFieldCount =
    "Row {row} has {found} fields; the header line has {expected}.";
inline constexpr std::string_view kNoRows = "The file has a header line but no rows.";
inline constexpr std::string_view kTooManyRows = "The file has more than {max} rows.";

// Why a file could not be read, and where. `row` and `column` are 0 when the
// problem concerns the whole file; `expected`/`found` are set for
// kWrongFieldCount only.
struct Problem {
  std::string_view key;
  std::size_t row = 0, column = 0;
  std::size_t expected = 0, found = 0;
};

struct Table {
  char delimiter = ',';
  std::vector<std::string> header;             // as written (trimmed of spaces)
  std::vector<std::vector<std::string>> rows;  // each as many fields as the header
};

// Either the table or the first problem found.
struct Parsed {
  std::optional<Table> table;
  Problem problem;  // meaningful when !table
  explicit operator bool() const { return table.has_value(); }
};

Parsed parse(std::string_view bytes, std::size_t max_rows = kMaxRows);

// ',' or ';': the one that appears more often outside quotes on the first
// line that is not empty; ',' when neither does or they tie.
char detect_delimiter(std::string_view bytes);

}  // namespace crm::imports::csv

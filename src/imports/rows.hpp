// From the bytes of an uploaded CSV to the people it lists: the file read
// (imports/csv.hpp), the header matched to the known columns, and every row
// checked on its own and against the other rows (duplicate emails). Checks
// that need the database (who is already in crm) are the service's.
//
// Pure apart from ICU's country list: safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "imports/model.hpp"

namespace crm::imports {

// A file larger than this is refused before it is read or stored: 20,000
// rows (csv::kMaxRows) of about 500 bytes.
inline constexpr std::size_t kMaxFileBytes = 10 * 1024 * 1024;

struct FileRows {
  std::optional<FileProblem> problem;  // set: the file cannot be imported at all
  std::vector<Row> rows;
  std::vector<RowProblem> problems;  // by row, then column order
  std::vector<std::string> unknown_columns;
};

// File problems: larger than kMaxFileBytes, the reader's (not UTF-8, empty,
// unterminated quote, wrong number of fields, too many rows), a required
// column missing, a column twice. Row problems: a value missing, not valid,
// or over the profile's limits (programme/limits.hpp) or with a line break or
// another control character in it, each by its row and column.
FileRows read_rows(std::string_view bytes);

// "Email" -> "email", "Name Latin" -> "name_latin".
std::string column_key(std::string_view header);

}  // namespace crm::imports

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
  // Rows of a crm export whose role is not participant (lecturers, staff):
  // left out, since the import enrols participants.
  std::vector<std::size_t> left_out;
};

class Vocabulary;

// File problems: larger than kMaxFileBytes, the reader's (not UTF-8, empty,
// unterminated quote, wrong number of fields, too many rows), a required
// column missing, a column twice. Row problems: a value missing, not valid,
// or over the profile's limits (programme/limits.hpp) or with a line break or
// another control character in it, each by its row and column.
//
// With `words`, crm's own exports are read too: headers in any of crm's
// languages, country names instead of codes, organisation types and
// statuses by their labels, and a role column (rows of another role than
// participant are left out).
FileRows read_rows(std::string_view bytes, const Vocabulary* words = nullptr);

// "Email" -> "email", "Name Latin" -> "name_latin".
std::string column_key(std::string_view header);

}  // namespace crm::imports

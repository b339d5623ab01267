// Plain data of a people import: the uploaded file as stored between its
// preview and its confirmation, the rows read from it, and what validating
// every row against crm found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace crm::imports {

// The columns a file may have (header names, matched case-insensitively, with
// spaces and hyphens read as underscores). email, name and country are required.
const std::vector<std::string>& known_columns();
const std::vector<std::string>& required_columns();

// A person_import row: the file waits here until someone commits it.
struct ImportRecord {
  int64_t id = 0, programme_id = 0, cohort_id = 0, account_id = 0;
  std::string filename;
  std::string content;
  int64_t created_at = 0, committed_at = 0;  // committed_at 0: not yet
};

// An import not committed yet (a preview waiting, or its commit running), for
// the start page's open tasks.
struct OpenImport {
  int64_t id = 0, cohort_id = 0;
  std::string filename, cohort_name;
  int64_t created_at = 0;
};

// One row of the file, trimmed; `number` counts from 1 after the header line.
// country is upper-cased, email normalised; status defaults to "applicant".
struct Row {
  std::size_t number = 0;
  std::string email, name, name_latin, country, organisation, organisation_latin, organisation_type,
      position, gender, status;
};

// A problem of one row: `column` is a known column name; `key` an English
// msgid; `other_row` the second row of a duplicate ({row} in the message);
// `max` the limit a value is over ({max}).
struct RowProblem {
  std::size_t row = 0;
  std::string column;
  const char* key = "";
  std::size_t other_row = 0;
  std::size_t max = 0;
};

// Why the file as a whole cannot be imported (nothing is stored): a msgid
// and its placeholders.
struct FileProblem {
  const char* key = "";
  std::vector<std::pair<std::string, std::string>> args;
};

// A row matched against crm: person_id 0 means a new person; enrolment_id 0
// no enrolment in the cohort yet (else its current status in `current_status`).
struct Planned {
  Row row;
  int64_t person_id = 0;
  int64_t enrolment_id = 0;
  std::string current_status;
};

struct Check {
  std::vector<Planned> rows;
  std::vector<RowProblem> problems;
  std::vector<std::string> unknown_columns;  // as written in the header
  long new_people = 0, updates = 0;
};

}  // namespace crm::imports

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
// `max` the limit a value is over ({max}); `value` what the file holds
// there, trimmed (shown beside the problem, shortened by the page).
struct RowProblem {
  std::size_t row = 0;
  std::string column;
  const char* key = "";
  std::size_t other_row = 0;
  std::size_t max = 0;
  std::string value;
};

// Why the file as a whole cannot be imported (nothing is stored): a msgid
// and its placeholders.
struct FileProblem {
  const char* key = "";
  std::vector<std::pair<std::string, std::string>> args;
};

// What crm holds now of a person the file updates (the organisation by its
// name and country).
struct Stored {
  std::string name, name_latin, country, organisation, organisation_country, position, gender;
};

// A row matched against crm: person_id 0 means a new person; enrolment_id 0
// no enrolment in the cohort yet (else its current status in `current_status`).
// `has_problem`: the row has a problem and would not go in as it is.
struct Planned {
  Row row;
  int64_t person_id = 0;
  int64_t enrolment_id = 0;
  std::string current_status;
  bool has_problem = false;
  Stored before;  // of an update, when the check asked for it
};

// An organisation of the file that crm does not hold (by country and exact
// name): the import would create it, unless staff choose one of `matches`,
// organisations of the same country with a similar name, best first.
struct NewOrganisation {
  std::string country, name, name_latin, type;
  long people = 0;  // rows of the file that name it
  struct Match {
    int64_t id = 0;
    std::string name, name_latin;
  };
  std::vector<Match> matches;
  // "COUNTRY|name": how the commit's choices name it.
  std::string key() const { return country + "|" + name; }
};

struct Check {
  std::vector<Planned> rows;
  std::vector<RowProblem> problems;
  std::vector<std::string> unknown_columns;  // as written in the header
  std::vector<std::size_t> left_out;         // rows of another role than participant
  // Rows without a problem only: those that would go in.
  long new_people = 0, updates = 0;
  long rows_with_problems = 0;
  // People of the cohort taking part (admitted, participant, graduate) now
  // and once the rows without a problem are in.
  long taking_part_now = 0, taking_part_after = 0;
  std::vector<NewOrganisation> new_organisations;  // by country, then name
};

}  // namespace crm::imports

// The demo's bulk loading: many rows per statement (multi-row INSERT), so
// `crm demo --scale 100` (~100,000 rows) takes a few hundred statements
// instead of one per row, which on PostgreSQL meant a round trip each.
// The rows are the ones programme::store would insert one at a time, with
// the same columns and the same values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "programme/model.hpp"

namespace crm::demo::store {

// Rows per INSERT statement (a person has 16 columns: 8,000 parameters, well
// below SQLite's 32,766 and PostgreSQL's 65,535).
constexpr size_t kBatchRows = 500;

// Tables whose new rows the demo gives ids itself (they are referred to
// before they are inserted).
enum class Table { organisation, person, enrolment };

// `n` ids for new rows of `table`, in ascending order, for the caller to
// insert with: PostgreSQL takes them from the table's sequence, SQLite
// continues after the highest id it has handed out (AUTOINCREMENT).
// REQUIRES: inside a db::Transaction (SQLite: the write lock keeps other
// writers out until the rows are in).
std::vector<int64_t> reserve_ids(db::Session& db, Table table, size_t n);

// Each with its id set (reserve_ids).
void insert_organisations(db::Session& db, const std::vector<programme::Organisation>& rows);
void insert_people(db::Session& db, const std::vector<programme::Person>& rows);
void insert_enrolments(db::Session& db, const std::vector<programme::Enrolment>& rows);

struct StatusChange {
  int64_t enrolment_id = 0;
  std::string status;
  int64_t at = 0;
  int64_t by_account_id = 0;  // 0: nobody (NULL)
};
void insert_status_changes(db::Session& db, const std::vector<StatusChange>& rows);

struct Target {
  int64_t cohort_id = 0;
  programme::CohortTarget target;
};
void insert_cohort_targets(db::Session& db, const std::vector<Target>& rows);

}  // namespace crm::demo::store

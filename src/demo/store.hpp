// The demo's bulk loading: many rows per statement (multi-row INSERT), so
// `crm demo --scale 100` (~100,000 rows) takes a few hundred statements
// instead of one per row, which on PostgreSQL meant a round trip each.
// The rows are the ones programme::store would insert one at a time, with
// the same columns and the same values.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "programme/model.hpp"

namespace crm::demo::store {

// Rows per INSERT statement (a person has 16 columns: 8,000 parameters, well
// below SQLite's 32,766 and PostgreSQL's 65,535).
constexpr size_t kBatchRows = 500;

// The values of one multi-row INSERT, bound in column order. SOCI keeps
// pointers to them until the statement has run: deques never move what
// they hold.
class Values {
 public:
  explicit Values(db::Session& db) : st_(db.raw()) {}  // a batch: prepared for its one run

  void integer(int64_t v) { st_.exchange(soci::use(ints_.emplace_back(v))); }
  // 0 is NULL (no account, no organisation).
  void id_or_null(int64_t v) {
    st_.exchange(
        soci::use(ints_.emplace_back(v), indicators_.emplace_back(v ? soci::i_ok : soci::i_null)));
  }
  void text(const std::string& v) { st_.exchange(soci::use(v)); }
  // "" is NULL.
  void text_or_null(const std::string& v) {
    st_.exchange(soci::use(v, indicators_.emplace_back(v.empty() ? soci::i_null : soci::i_ok)));
  }

  void run(const std::string& sql) {
    st_.alloc();
    st_.prepare(sql);
    st_.define_and_bind();
    st_.execute(true);
  }

 private:
  soci::statement st_;
  std::deque<long long> ints_;
  std::deque<soci::indicator> indicators_;
};

// `head` ("INSERT INTO t (a, b)") with rows of `columns` values each, in
// statements of at most kBatchRows rows; `bind(values, row)` binds one row.
template <class Row, class Bind>
void insert_all(db::Session& db, const std::string& head, size_t columns,
                const std::vector<Row>& rows, Bind bind) {
  const bool sqlite = db.backend() == db::Backend::sqlite;
  for (size_t start = 0; start < rows.size(); start += kBatchRows) {
    const size_t end = std::min(rows.size(), start + kBatchRows);
    std::string sql = head + " VALUES ";
    size_t n = 0;
    Values values(db);
    for (size_t r = start; r < end; ++r) {
      sql += r == start ? "(" : ", (";
      for (size_t c = 0; c < columns; ++c) {
        if (c) sql += ", ";
        // SQLite looks a named parameter up among all the others (8,000
        // names: seconds); its anonymous ones cost nothing. SOCI turns
        // PostgreSQL's named ones into $1, $2, ….
        sql += sqlite ? "?" : ":v" + std::to_string(n++);
      }
      sql += ")";
      bind(values, rows[r]);
    }
    values.run(sql);
  }
}

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

// The programme with the most cohorts (the one `crm demo --scale N` grows),
// for the benchmarks' data generators; 0 when there is none.
int64_t programme_with_most_cohorts(db::Session& db);

}  // namespace crm::demo::store

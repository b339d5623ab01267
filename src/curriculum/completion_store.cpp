#include "curriculum/completion_store.hpp"

#include <algorithm>

#include "programme/person_row.hpp"

namespace crm::curriculum::store {

using soci::into;
using soci::use;
using ll = long long;

std::optional<CompletionRules> completion_rules(db::Session& db, int64_t cohort_id) {
  ll id = cohort_id, attendance = 0, percent = 0, modules = 0, paper = 0;
  db.sql() << "SELECT attendance_enabled, attendance_min_percent, modules_enabled, paper_enabled "
              "FROM completion_rule WHERE cohort_id = :c",
      into(attendance), into(percent), into(modules), into(paper), use(id);
  if (!db.sql().got_data()) return std::nullopt;
  return CompletionRules{attendance != 0, static_cast<long>(percent), modules != 0, paper != 0};
}

void save_completion_rules(db::Session& db, int64_t cohort_id, const CompletionRules& r,
                           int64_t now) {
  ll id = cohort_id, attendance = r.attendance, percent = r.min_percent, modules = r.modules,
     paper = r.paper, at = now;
  db.sql()
      << "INSERT INTO completion_rule (cohort_id, attendance_enabled, attendance_min_percent, "
         "modules_enabled, paper_enabled, updated_at) VALUES (:c, :a, :p, :m, :f, :t) "
         "ON CONFLICT (cohort_id) DO UPDATE SET attendance_enabled = excluded.attendance_enabled, "
         "attendance_min_percent = excluded.attendance_min_percent, "
         "modules_enabled = excluded.modules_enabled, paper_enabled = excluded.paper_enabled, "
         "updated_at = excluded.updated_at",
      use(id), use(attendance), use(percent), use(modules), use(paper), use(at);
}

std::vector<int64_t> module_ids_of_cohort(db::Session& db, int64_t cohort_id) {
  ll id = cohort_id;
  db::Rows rows = (db.sql().prepare << "SELECT id FROM module WHERE cohort_id = :c "
                                       "ORDER BY semester, position, id",
                   use(id));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

std::vector<CompletionFacts> completion_facts(db::Session& db, int64_t cohort_id,
                                              int64_t person_id) {
  ll cohort = cohort_id, person = person_id, person2 = person_id;
  std::vector<CompletionFacts> out;
  {
    // The paper rule applies once the cohort keeps its papers in crm (it has
    // at least one); then everyone without an accepted paper misses it.
    ll cohort2 = cohort_id, cohort3 = cohort_id;
    db::Rows rows =
        (db.sql().prepare << "SELECT DISTINCT e.person_id, "
                             "CASE WHEN EXISTS (SELECT 1 FROM paper a WHERE a.cohort_id = :c2) "
                             "THEN (SELECT COUNT(*) FROM paper p WHERE p.cohort_id = :c3 "
                             "AND p.person_id = e.person_id AND p.status = 'accepted') "
                             "ELSE -1 END "
                             "FROM enrolment e "
                             "WHERE e.cohort_id = :c AND e.role = 'participant' "
                             "AND e.status IN " +
                                 programme::taking_part_sql() +
                                 " AND (CAST(:p AS BIGINT) = 0 OR e.person_id = :p2) "
                                 "ORDER BY e.person_id",
         use(cohort2), use(cohort3), use(cohort), use(person), use(person2));
    for (const auto& r : rows) {
      CompletionFacts f{db::get_int64(r, 0)};
      if (auto accepted = db::get_int64(r, 1); accepted >= 0) f.paper_accepted = accepted > 0;
      out.push_back(std::move(f));
    }
  }
  if (out.empty()) return out;
  auto find = [&](int64_t id) -> CompletionFacts* {
    auto it = std::lower_bound(out.begin(), out.end(), id,
                               [](const CompletionFacts& f, int64_t v) { return f.person_id < v; });
    return it != out.end() && it->person_id == id ? &*it : nullptr;
  };
  {
    db::Rows rows =
        (db.sql().prepare << "SELECT a.person_id, "
                             "SUM(CASE WHEN a.status = 'present' THEN 1 ELSE 0 END), COUNT(*) "
                             "FROM attendance a JOIN course_session s ON s.id = a.session_id "
                             "WHERE s.cohort_id = :c AND s.status = 'scheduled' "
                             "AND (CAST(:p AS BIGINT) = 0 OR a.person_id = :p2) "
                             "GROUP BY a.person_id",
         use(cohort), use(person), use(person2));
    for (const auto& r : rows) {
      if (auto* f = find(db::get_int64(r, 0))) {
        f->present = static_cast<long>(db::get_int64(r, 1));
        f->recorded = static_cast<long>(db::get_int64(r, 2));
      }
    }
  }
  {
    db::Rows rows = (db.sql().prepare << "SELECT r.person_id, r.module_id FROM module_result r "
                                         "JOIN module m ON m.id = r.module_id "
                                         "WHERE m.cohort_id = :c AND r.result = 'passed' "
                                         "AND (CAST(:p AS BIGINT) = 0 OR r.person_id = :p2)",
                     use(cohort), use(person), use(person2));
    for (const auto& r : rows)
      if (auto* f = find(db::get_int64(r, 0))) f->modules_passed.push_back(db::get_int64(r, 1));
  }
  return out;
}

}  // namespace crm::curriculum::store

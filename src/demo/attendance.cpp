// Demo attendance and module results: for every session that has ended and
// was not cancelled, an entry for every participant taking part in its
// cohort; for every module whose sessions are all over, results. Both are
// derived from the ids (no randomness), so the same data gives the same
// demo: most are present, some excused or absent, and every sixth person
// misses much more, so a cohort shows both complete and not complete people;
// most modules are passed, a few failed or not marked yet. Reads the
// sessions and modules that exist (another part of the demo plans them) and
// inserts only what is missing, so running the demo again adds nothing twice.
#include "demo/demo.hpp"

#include "programme/person_row.hpp"

namespace crm::demo {

void load_attendance(db::Session& db, int64_t now) {
  using soci::use;
  using ll = long long;
  static const std::string attendance =
      "INSERT INTO attendance (session_id, person_id, status, note, recorded_at) "
      "SELECT s.id, e.person_id, CASE WHEN (s.id * 31 + e.person_id * 17) % 100 < "
      "(CASE WHEN e.person_id % 6 = 0 THEN 62 ELSE 94 END) THEN 'present' "
      "WHEN (s.id + e.person_id) % 3 = 0 THEN 'excused' ELSE 'absent' END, '', s.ends_at "
      "FROM course_session s JOIN enrolment e ON e.cohort_id = s.cohort_id "
      "WHERE s.status = 'scheduled' AND s.ends_at < :now AND e.role = 'participant' "
      "AND e.status IN " +
      programme::taking_part_sql() + " ON CONFLICT (session_id, person_id) DO NOTHING";
  static const std::string results =
      "INSERT INTO module_result (module_id, person_id, result, note, recorded_at) "
      "SELECT m.id, e.person_id, CASE WHEN (m.id * 13 + e.person_id * 7) % 19 = 0 THEN 'failed' "
      "ELSE 'passed' END, '', CAST(:now AS BIGINT) FROM module m JOIN enrolment e ON e.cohort_id = "
      "m.cohort_id "
      "WHERE e.role = 'participant' AND e.status IN " +
      programme::taking_part_sql() +
      " AND (m.id * 13 + e.person_id * 7) % 23 <> 5 "
      "AND EXISTS (SELECT 1 FROM course_session s WHERE s.module_id = m.id) "
      "AND NOT EXISTS (SELECT 1 FROM course_session s WHERE s.module_id = m.id "
      "AND s.status = 'scheduled' AND s.ends_at >= :now2) "
      "ON CONFLICT (module_id, person_id) DO NOTHING";
  ll t = now;
  db::Transaction tx(db);
  db.sql() << attendance, use(t);
  db.sql() << results, use(t), use(t);
  tx.commit();
}

}  // namespace crm::demo

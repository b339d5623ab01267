#include "curriculum/attendance_store.hpp"

#include "curriculum/rows.hpp"
#include "programme/person_row.hpp"
#include "programme/scope.hpp"

namespace crm::curriculum::store {

using soci::into;
using soci::use;
using ll = long long;

std::optional<SessionAccess> find_session_access(db::Session& db, int64_t session_id,
                                                 int64_t account_id, const std::string& language) {
  static const std::string sql =
      "SELECT s.id, s.cohort_id, COALESCE(s.module_id, 0), s.title, s.kind, s.starts_at, "
      "s.ends_at, s.time_zone, s.status, s.place, s.room, c.programme_id, c.name, "
      "CASE WHEN c.programme_id IN " +
      programme::programmes_of_account_sql() +
      " THEN 1 ELSE 0 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM session_lecturer sl JOIN person lp ON lp.id = "
      "sl.person_id WHERE sl.session_id = s.id AND lp.account_id = :a3) THEN 1 ELSE 0 END, " +
      module_title_sql("s.module_id") +
      " FROM course_session s JOIN cohort c ON c.id = s.cohort_id WHERE s.id = :id";
  soci::row r;
  ll a = account_id, id = session_id;
  std::string lang = language;
  db.sql() << sql, use(a), use(a), use(a), use(lang), use(id), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  SessionAccess out;
  auto& s = out.session;
  s.id = db::get_int64(r, 0);
  s.cohort_id = db::get_int64(r, 1);
  s.module_id = db::get_int64(r, 2);
  s.title = db::get_text(r, 3);
  s.kind = db::get_text(r, 4);
  s.starts_at = db::get_int64(r, 5);
  s.ends_at = db::get_int64(r, 6);
  s.time_zone = db::get_text(r, 7);
  s.status = db::get_text(r, 8);
  s.place = db::get_text(r, 9);
  s.room = db::get_text(r, 10);
  out.programme_id = db::get_int64(r, 11);
  out.cohort_name = db::get_text(r, 12);
  out.in_programme = account_id != 0 && db::get_int64(r, 13) == 1;
  out.lecturer_of_session = account_id != 0 && db::get_int64(r, 14) == 1;
  out.module_title = db::get_text(r, 15);
  return out;
}

std::optional<ModuleAccess> find_module_access(db::Session& db, int64_t module_id,
                                               int64_t account_id, const std::string& language) {
  static const std::string sql = "SELECT m.id, m.cohort_id, c.programme_id, c.name, " +
                                 module_title_sql("m.id") + ", CASE WHEN c.programme_id IN " +
                                 programme::programmes_of_account_sql() +
                                 " THEN 1 ELSE 0 END FROM module m JOIN cohort c ON c.id = "
                                 "m.cohort_id WHERE m.id = :id";
  soci::row r;
  ll a = account_id, id = module_id;
  std::string lang = language;
  db.sql() << sql, use(lang), use(a), use(a), use(id), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  ModuleAccess m;
  m.id = db::get_int64(r, 0);
  m.cohort_id = db::get_int64(r, 1);
  m.programme_id = db::get_int64(r, 2);
  m.cohort_name = db::get_text(r, 3);
  m.title = db::get_text(r, 4);
  m.in_programme = account_id != 0 && db::get_int64(r, 5) == 1;
  return m;
}

std::vector<Participant> participants_of_cohort(db::Session& db, int64_t cohort_id) {
  static const std::string sql =
      "SELECT p.id, p.name, p.name_latin FROM person p WHERE p.id IN (SELECT e.person_id FROM "
      "enrolment e WHERE e.cohort_id = :c AND e.role = 'participant' AND e.status IN " +
      programme::taking_part_sql() + ") ORDER BY p.name, p.id";
  ll c = cohort_id;
  db::Rows rows = (db.sql().prepare << sql, use(c));
  std::vector<Participant> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2)});
  return out;
}

std::map<int64_t, Attendance> attendance_of_session(db::Session& db, int64_t session_id) {
  ll s = session_id;
  db::Rows rows = (db.sql().prepare << "SELECT person_id, status, note FROM attendance "
                                       "WHERE session_id = :s",
                   use(s));
  std::map<int64_t, Attendance> out;
  for (const auto& r : rows) {
    Attendance a{session_id, db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2)};
    out.emplace(a.person_id, std::move(a));
  }
  return out;
}

void upsert_attendance(db::Session& db, const Attendance& a, int64_t account_id, int64_t now) {
  ll s = a.session_id, p = a.person_id, by = account_id, at = now;
  std::string status = a.status, note = a.note;
  db.sql() << "INSERT INTO attendance (session_id, person_id, status, note, recorded_by, "
              "recorded_at) VALUES (:s, :p, :st, :n, :b, :t) ON CONFLICT (session_id, person_id) "
              "DO UPDATE SET status = excluded.status, note = excluded.note, "
              "recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
      use(s), use(p), use(status), use(note), use(by), use(at);
}

std::map<int64_t, std::string> results_of_module(db::Session& db, int64_t module_id) {
  ll m = module_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT person_id, result FROM module_result WHERE module_id = :m",
       use(m));
  std::map<int64_t, std::string> out;
  for (const auto& r : rows) out[db::get_int64(r, 0)] = db::get_text(r, 1);
  return out;
}

void upsert_result(db::Session& db, int64_t module_id, int64_t person_id, const std::string& result,
                   int64_t account_id, int64_t now) {
  ll m = module_id, p = person_id, by = account_id, at = now;
  std::string res = result;
  db.sql() << "INSERT INTO module_result (module_id, person_id, result, recorded_by, recorded_at) "
              "VALUES (:m, :p, :r, :b, :t) ON CONFLICT (module_id, person_id) DO UPDATE SET "
              "result = excluded.result, recorded_by = excluded.recorded_by, "
              "recorded_at = excluded.recorded_at",
      use(m), use(p), use(res), use(by), use(at);
}

void delete_result(db::Session& db, int64_t module_id, int64_t person_id) {
  ll m = module_id, p = person_id;
  db.sql() << "DELETE FROM module_result WHERE module_id = :m AND person_id = :p", use(m), use(p);
}

std::map<int64_t, std::string> module_titles(db::Session& db, int64_t cohort_id,
                                             const std::string& language) {
  static const std::string sql =
      "SELECT m.id, " + module_title_sql("m.id") + " FROM module m WHERE m.cohort_id = :c";
  ll c = cohort_id;
  std::string lang = language;
  db::Rows rows = (db.sql().prepare << sql, use(lang), use(c));
  std::map<int64_t, std::string> out;
  for (const auto& r : rows) out[db::get_int64(r, 0)] = db::get_text(r, 1);
  return out;
}

std::optional<int64_t> person_of_account(db::Session& db, int64_t account_id) {
  ll a = account_id, id = 0;
  db.sql() << "SELECT id FROM person WHERE account_id = :a", use(a), into(id);
  if (!db.sql().got_data()) return std::nullopt;
  return id;
}

std::vector<OwnCohort> cohorts_of_participant(db::Session& db, int64_t person_id) {
  static const std::string sql =
      "SELECT c.id, c.name FROM cohort c WHERE c.id IN (SELECT e.cohort_id FROM enrolment e "
      "WHERE e.person_id = :p AND e.role = 'participant' AND e.status IN " +
      programme::taking_part_sql() + ") ORDER BY c.starts_on DESC, c.id DESC";
  ll p = person_id;
  db::Rows rows = (db.sql().prepare << sql, use(p));
  std::vector<OwnCohort> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

std::vector<OwnSession> sessions_of_participant(db::Session& db, int64_t person_id, int64_t now,
                                                const std::string& language) {
  static const std::string sql =
      "SELECT s.id, s.cohort_id, s.starts_at, s.title, " + module_title_sql("s.module_id") +
      ", s.time_zone, s.status, a.status, a.note FROM course_session s LEFT JOIN attendance a "
      "ON a.session_id = s.id AND a.person_id = :p WHERE s.starts_at <= :now AND s.cohort_id IN "
      "(SELECT e.cohort_id FROM enrolment e WHERE e.person_id = :p2 AND e.role = 'participant' "
      "AND e.status IN " +
      programme::taking_part_sql() + ") ORDER BY s.cohort_id, s.starts_at, s.id";
  ll p = person_id, t = now;
  std::string lang = language;
  db::Rows rows = (db.sql().prepare << sql, use(lang), use(p), use(t), use(p));
  std::vector<OwnSession> out;
  for (const auto& r : rows) {
    OwnSession s;
    s.id = db::get_int64(r, 0);
    s.cohort_id = db::get_int64(r, 1);
    s.starts_at = db::get_int64(r, 2);
    s.title = db::get_text(r, 3);
    s.module_title = db::get_text(r, 4);
    s.time_zone = db::get_text(r, 5);
    s.session_status = db::get_text(r, 6);
    s.status = db::get_text(r, 7);
    s.note = db::get_text(r, 8);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace crm::curriculum::store

#include "curriculum/timetable_store.hpp"

#include "curriculum/rows.hpp"
#include "programme/person_row.hpp"

namespace crm::curriculum::timetable_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

// Columns 0–17 of a Row; binds :lang.
const std::string kRowColumns =
    std::string("SELECT ") + kSessionColumns + ", COALESCE(" + module_title_sql("s.module_id") +
    ", ''), c.name FROM course_session s JOIN cohort c ON c.id = s.cohort_id ";

// Who teaches a session: those named on it (kNamedLecturers), else those
// named on its module (kModuleLecturers); columns session id, name, person
// id. Each is followed by its scope: "WHERE …" and "AND …".
constexpr const char* kNamedLecturers =
    "SELECT sl.session_id, p.name, p.id FROM session_lecturer sl "
    "JOIN course_session s ON s.id = sl.session_id JOIN person p ON p.id = sl.person_id ";
constexpr const char* kModuleLecturers =
    "SELECT s.id, p.name, p.id FROM course_session s "
    "JOIN module_lecturer ml ON ml.module_id = s.module_id JOIN person p ON p.id = ml.person_id "
    "WHERE NOT EXISTS (SELECT 1 FROM session_lecturer x WHERE x.session_id = s.id) ";

Row row_from(const soci::row& r) {
  Row out;
  out.session = session_from_row(r);
  out.module_title = db::get_text(r, 16);
  out.cohort_name = db::get_text(r, 17);
  return out;
}

// The sessions (alias s) an account takes part in; binds :a1, :a2, :a3,
// :a4 (bind_scope), their names followed by `x`. A lecturer teaches the
// sessions they are named on and those of the modules they are named on,
// while they take part in the cohort. An administrator: every session (no
// parameter), a text of its own so that the others' can use the indexes of
// each branch (a constant term in the OR would make it a full scan).
std::string visible_sql(bool all, const std::string& x = "") {
  if (all) return "1 = 1";
  const std::string& taking_part = programme::taking_part_sql();
  return std::string("(") +
         // A participant (or a lecturer or alumnus enrolled as one): the cohort.
         "s.cohort_id IN (SELECT e.cohort_id FROM enrolment e"
         " JOIN person p ON p.id = e.person_id JOIN account a ON a.id = p.account_id"
         " WHERE p.account_id = :a1" +
         x +
         " AND a.role IN ('participant', 'alumnus', 'lecturer') AND e.role = 'participant'"
         " AND e.status IN " +
         taking_part + ")" +
         // A lecturer named on the session.
         " OR s.id IN (SELECT sl.session_id FROM session_lecturer sl"
         " JOIN person p ON p.id = sl.person_id JOIN account a ON a.id = p.account_id"
         " JOIN course_session ls ON ls.id = sl.session_id"
         " JOIN enrolment e ON e.person_id = p.id AND e.cohort_id = ls.cohort_id"
         " WHERE p.account_id = :a2" +
         x + " AND a.role = 'lecturer' AND e.status IN " + taking_part + ")" +
         // A lecturer named on the session's module.
         " OR s.module_id IN (SELECT ml.module_id FROM module_lecturer ml"
         " JOIN person p ON p.id = ml.person_id JOIN account a ON a.id = p.account_id"
         " JOIN module lm ON lm.id = ml.module_id"
         " JOIN enrolment e ON e.person_id = p.id AND e.cohort_id = lm.cohort_id"
         " WHERE p.account_id = :a3" +
         x + " AND a.role = 'lecturer' AND e.status IN " + taking_part + ")" +
         // Staff: their programmes' cohorts.
         " OR s.cohort_id IN (SELECT sc.id FROM cohort sc"
         " JOIN programme_staff ps ON ps.programme_id = sc.programme_id"
         " JOIN account sa ON sa.id = ps.account_id WHERE ps.account_id = :a4" +
         x + " AND sa.role = 'staff'))";
}

// " AND <when> ORDER BY … LIMIT :n" for the three kinds of list.
std::string window_sql(bool upcoming, long limit, const std::string& x = "") {
  if (limit <= 0) return " ORDER BY s.starts_at, s.id";
  return upcoming
             ? " AND s.ends_at > :now" + x + " ORDER BY s.starts_at, s.id LIMIT :n" + x
             : " AND s.ends_at <= :now" + x + " ORDER BY s.starts_at DESC, s.id DESC LIMIT :n" + x;
}

// Binds what visible_sql and window_sql name, in their order.
void bind_scope(db::Sql::Prepare& p, bool all, const ll& account, bool window, const ll& now,
                const ll& limit) {
  if (!all) (void)(p, use(account), use(account), use(account), use(account));
  if (window) (void)(p, use(now), use(limit));
}

}  // namespace

std::vector<Row> cohort_sessions(db::Session& db, int64_t cohort_id, const std::string& language) {
  static const std::string sql =
      std::string(kRowColumns) + "WHERE s.cohort_id = :c ORDER BY s.starts_at, s.id";
  ll c = cohort_id;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(c));
  std::vector<Row> out;
  for (const auto& r : rows) out.push_back(row_from(r));
  return out;
}

std::vector<Lecturer> cohort_lecturers(db::Session& db, int64_t cohort_id) {
  static const std::string sql = std::string(kNamedLecturers) + "WHERE s.cohort_id = :c UNION " +
                                 kModuleLecturers + "AND s.cohort_id = :c2 ORDER BY 2, 3";
  ll c = cohort_id;
  db::Rows rows = (db.sql().prepare << sql, use(c), use(c));
  std::vector<Lecturer> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

std::vector<Row> sessions_of_account(db::Session& db, const AccountScope& scope, int64_t now,
                                     bool upcoming, long limit, const std::string& language) {
  const std::string sql =
      std::string(kRowColumns) + "WHERE " + visible_sql(scope.all) + window_sql(upcoming, limit);
  const ll a = scope.account_id, t = now, n = limit;
  db::Sql::Prepare p = (db.sql().prepare << sql);
  (void)(p, use(language));
  bind_scope(p, scope.all, a, limit > 0, t, n);
  db::Rows rows(p);
  std::vector<Row> out;
  for (const auto& r : rows) out.push_back(row_from(r));
  return out;
}

std::vector<Lecturer> lecturers_of_account(db::Session& db, const AccountScope& scope, int64_t now,
                                           bool upcoming, long limit) {
  // The same window twice, its parameters named apart (SQLite binds a name once).
  auto window = [&](const std::string& x) {
    return "(SELECT s.id FROM course_session s WHERE " + visible_sql(scope.all, x) +
           window_sql(upcoming, limit, x) + ")";
  };
  const std::string sql = std::string(kNamedLecturers) + "WHERE s.id IN " + window("") + " UNION " +
                          kModuleLecturers + "AND s.id IN " + window("_m") + " ORDER BY 2, 3";
  const ll a = scope.account_id, t = now, n = limit;
  db::Sql::Prepare p = (db.sql().prepare << sql);
  bind_scope(p, scope.all, a, limit > 0, t, n);
  bind_scope(p, scope.all, a, limit > 0, t, n);
  db::Rows rows(p);
  std::vector<Lecturer> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

std::optional<Feed> find_feed(db::Session& db, const std::string& token_digest) {
  soci::row r;
  db.sql() << "SELECT f.id, f.account_id, COALESCE(f.cohort_id, 0), a.role, a.language, "
              "a.time_zone, a.disabled FROM calendar_feed f JOIN account a ON a.id = f.account_id "
              "WHERE f.token_digest = :d AND f.revoked_at IS NULL",
      use(token_digest), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return Feed{db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2),     db::get_text(r, 3),
              db::get_text(r, 4),  db::get_text(r, 5),  db::get_int64(r, 6) != 0};
}

long revoke_feeds(db::Session& db, int64_t account_id, int64_t cohort_id, int64_t now) {
  ll a = account_id, c = cohort_id, t = now;
  db.sql() << "UPDATE calendar_feed SET revoked_at = :t WHERE account_id = :a "
              "AND COALESCE(cohort_id, 0) = :c AND revoked_at IS NULL",
      use(t), use(a), use(c);
  return static_cast<long>(db.sql().affected_rows());
}

int64_t insert_feed(db::Session& db, const std::string& token_digest, int64_t account_id,
                    int64_t cohort_id, int64_t now) {
  ll id = 0, a = account_id, t = now;
  soci::indicator ci = cohort_id ? soci::i_ok : soci::i_null;
  ll c = cohort_id;
  db.sql() << "INSERT INTO calendar_feed (token_digest, account_id, cohort_id, created_at) "
              "VALUES (:d, :a, :c, :t) RETURNING id",
      use(token_digest), use(a), use(c, ci), use(t), into(id);
  return id;
}

std::optional<int64_t> feed_created_at(db::Session& db, int64_t account_id, int64_t cohort_id) {
  ll a = account_id, c = cohort_id, t = 0;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT MAX(created_at) FROM calendar_feed WHERE account_id = :a "
              "AND COALESCE(cohort_id, 0) = :c AND revoked_at IS NULL",
      use(a), use(c), into(t, ind);
  if (!db.sql().got_data() || ind == soci::i_null) return std::nullopt;
  return t;
}

}  // namespace crm::curriculum::timetable_store

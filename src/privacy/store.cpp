#include "privacy/store.hpp"

#include <map>

#include <boost/json.hpp>

#include "auth/model.hpp"
#include "curriculum/rows.hpp"
#include "db/like.hpp"
#include "programme/person_row.hpp"
#include "programme/scope.hpp"

namespace crm::privacy::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {}  // namespace

std::optional<programme::Person> find_person_of_account(db::Session& db, int64_t account_id) {
  soci::row r;
  ll a = account_id;
  db.sql() << std::string(programme::kSelectPerson) +
                  "WHERE account_id = :a AND merged_into IS NULL AND erased_at IS NULL",
      use(a), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return programme::person_from_row(r);
}

std::optional<programme::Person> find_person(db::Session& db, int64_t person_id,
                                             const programme::Scope& scope) {
  soci::row r;
  ll p = person_id, every = scope.all ? 1 : 0, a = scope.account_id;
  db.sql() << std::string(programme::kSelectPerson) + "WHERE id = :p AND " +
                  programme::person_in_scope_sql(),
      use(p), use(every), use(a), use(a), use(a), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return programme::person_from_row(r);
}

std::optional<programme::Organisation> find_organisation(db::Session& db, int64_t id) {
  soci::row r;
  ll i = id;
  db.sql() << "SELECT id, name, name_latin, country, type FROM organisation WHERE id = :id", use(i),
      into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return programme::Organisation{db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2),
                                 db::get_text(r, 3), db::get_text(r, 4)};
}

std::optional<std::pair<std::string, int64_t>> photo_of(db::Session& db, int64_t person_id) {
  soci::row r;
  ll p = person_id;
  db.sql() << "SELECT content_type, updated_at FROM person_photo WHERE person_id = :p", use(p),
      into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return std::make_pair(db::get_text(r, 0), db::get_int64(r, 1));
}

bool is_staff_of_person(db::Session& db, int64_t account_id, int64_t person_id) {
  ll a = account_id, p = person_id, n = 0;
  db.sql() << std::string(
                  "SELECT COUNT(*) FROM enrolment e JOIN cohort c ON c.id = e.cohort_id "
                  "WHERE e.person_id = :p AND c.programme_id IN ") +
                  programme::programmes_of_account_sql(),
      use(p), use(a), use(a), into(n);
  return n > 0;
}

std::optional<AccountData> account_data(db::Session& db, int64_t account_id) {
  soci::row r;
  ll a = account_id;
  db.sql()
      << "SELECT a.id, a.email, a.name, a.role, a.language, a.time_zone, a.totp_enabled, "
         "a.created_at, (SELECT MAX(l.at) FROM audit_log l WHERE l.action = 'account.login' "
         "AND l.actor_id = a.id), (SELECT COUNT(*) FROM web_session s WHERE s.account_id = "
         "a.id), (SELECT COUNT(*) FROM calendar_feed f WHERE f.account_id = a.id AND f.revoked_at "
         "IS NULL) FROM account a WHERE a.id = :a",
      use(a), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  AccountData d;
  d.id = db::get_int64(r, 0);
  d.email = db::get_text(r, 1);
  d.name = db::get_text(r, 2);
  d.role = db::get_text(r, 3);
  d.language = db::get_text(r, 4);
  d.time_zone = db::get_text(r, 5);
  d.two_factor = db::get_int64(r, 6) != 0;
  d.created_at = db::get_int64(r, 7);
  d.last_login_at = db::get_int64(r, 8);
  d.active_sessions = static_cast<long>(db::get_int64(r, 9));
  d.calendar_feeds = static_cast<long>(db::get_int64(r, 10));
  return d;
}

std::vector<AttendanceRecord> attendance_of(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT a.session_id, s.cohort_id, s.starts_at, a.recorded_at, c.name, "
                           "s.title, a.status, a.note FROM attendance a JOIN course_session s ON "
                           "s.id = a.session_id JOIN cohort c ON c.id = s.cohort_id "
                           "WHERE a.person_id = :p ORDER BY s.starts_at, s.id",
       use(p));
  std::vector<AttendanceRecord> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2),
                   db::get_int64(r, 3), db::get_text(r, 4), db::get_text(r, 5), db::get_text(r, 6),
                   db::get_text(r, 7)});
  return out;
}

std::vector<ModuleResultRecord> module_results_of(db::Session& db, int64_t person_id) {
  ll p = person_id;
  std::string en = "en";  // the download names modules in English, else in their first language
  db::Rows rows =
      (db.sql().prepare
           << "SELECT r.module_id, m.cohort_id, r.recorded_at, c.name, " +
                  curriculum::module_title_sql("m.id") +
                  ", r.result, r.note FROM module_result r "
                  "JOIN module m ON m.id = r.module_id JOIN cohort c ON c.id = m.cohort_id "
                  "WHERE r.person_id = :p ORDER BY m.cohort_id, m.semester, m.position, m.id",
       use(en), use(p));
  std::vector<ModuleResultRecord> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2),
                   db::get_text(r, 3), db::get_text(r, 4), db::get_text(r, 5), db::get_text(r, 6)});
  return out;
}

std::vector<TeachingData> teaching_of(db::Session& db, int64_t person_id) {
  ll p = person_id, p2 = person_id;
  std::string en = "en";
  db::Rows rows =
      (db.sql().prepare
           << "SELECT 'module', m.id, c.name, " + curriculum::module_title_sql("m.id") +
                  ", 0 FROM module_lecturer l "
                  "JOIN module m ON m.id = l.module_id JOIN cohort c ON c.id = m.cohort_id "
                  "WHERE l.person_id = :p "
                  "UNION ALL SELECT 'session', s.id, c.name, s.title, s.starts_at "
                  "FROM session_lecturer l JOIN course_session s ON s.id = l.session_id "
                  "JOIN cohort c ON c.id = s.cohort_id WHERE l.person_id = :p2 "
                  "ORDER BY 1, 5, 2",
       use(en), use(p), use(p2));
  std::vector<TeachingData> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_int64(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   db::get_int64(r, 4)});
  return out;
}

std::vector<EnrolmentData> enrolments_of(db::Session& db, int64_t person_id) {
  ll p = person_id;
  std::vector<EnrolmentData> out;
  {
    db::Rows rows =
        (db.sql().prepare << "SELECT e.id, e.cohort_id, c.name, e.role, e.status, e.created_at "
                             "FROM enrolment e JOIN cohort c ON c.id = e.cohort_id "
                             "WHERE e.person_id = :p ORDER BY e.created_at, e.id",
         use(p));
    for (const auto& r : rows)
      out.push_back(EnrolmentData{db::get_int64(r, 0),
                                  db::get_int64(r, 1),
                                  db::get_text(r, 2),
                                  db::get_text(r, 3),
                                  db::get_text(r, 4),
                                  db::get_int64(r, 5),
                                  {}});
  }
  db::Rows rows =
      (db.sql().prepare << "SELECT h.enrolment_id, h.status, h.at FROM enrolment_status_history h "
                           "JOIN enrolment e ON e.id = h.enrolment_id WHERE e.person_id = :p "
                           "ORDER BY h.at, h.id",
       use(p));
  for (const auto& r : rows) {
    int64_t e = db::get_int64(r, 0);
    for (auto& en : out)
      if (en.id == e) en.history.push_back({db::get_text(r, 1), db::get_int64(r, 2)});
  }
  return out;
}

std::vector<ConsentRecord> consents_of(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT id, purpose, given_at, withdrawn_at, recorded_by_account_id "
                           "FROM consent WHERE person_id = :p ORDER BY given_at, id",
       use(p));
  std::vector<ConsentRecord> out;
  for (const auto& r : rows)
    out.push_back(ConsentRecord{db::get_int64(r, 0), db::get_text(r, 1), db::get_int64(r, 2),
                                db::get_int64(r, 3), db::get_int64(r, 4)});
  return out;
}

std::vector<SentInvitation> invitations_sent_by(db::Session& db, int64_t account_id, int64_t now) {
  ll a = account_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT id, role, created_at, expires_at, accepted_at, revoked_at "
                           "FROM invitation WHERE invited_by = :a ORDER BY created_at, id",
       use(a));
  std::vector<SentInvitation> out;
  for (const auto& r : rows) {
    auth::Invitation i;
    i.expires_at = db::get_int64(r, 3);
    i.accepted_at = db::get_int64(r, 4);
    i.revoked_at = db::get_int64(r, 5);
    out.push_back(SentInvitation{db::get_int64(r, 0), db::get_text(r, 1),
                                 auth::invitation_state(i, now), db::get_int64(r, 2)});
  }
  return out;
}

std::vector<AuditLine> audit_about(db::Session& db, int64_t account_id, int64_t person_id,
                                   long limit) {
  std::string acct = std::to_string(account_id), person = std::to_string(person_id);
  ll a = account_id, l = limit;
  db::Rows rows =
      (db.sql().prepare << "SELECT at, action, entity, entity_id FROM audit_log "
                           "WHERE (:a <> 0 AND (actor_id = :a2 OR (entity = 'account' AND "
                           "entity_id = :acct))) OR (entity = 'person' AND entity_id = :person) "
                           "ORDER BY id DESC LIMIT :l",
       use(a), use(a), use(acct), use(person), use(l));
  std::vector<AuditLine> out;
  for (const auto& r : rows)
    out.push_back(
        AuditLine{db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3)});
  return out;
}

std::optional<ConsentRecord> open_consent(db::Session& db, int64_t person_id,
                                          const std::string& purpose) {
  soci::row r;
  ll p = person_id;
  db.sql() << "SELECT id, purpose, given_at, withdrawn_at, recorded_by_account_id FROM consent "
              "WHERE person_id = :p AND purpose = :purpose AND withdrawn_at IS NULL "
              "ORDER BY id DESC LIMIT 1",
      use(p), use(purpose), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return ConsentRecord{db::get_int64(r, 0), db::get_text(r, 1), db::get_int64(r, 2),
                       db::get_int64(r, 3), db::get_int64(r, 4)};
}

int64_t insert_consent(db::Session& db, int64_t person_id, const std::string& purpose, int64_t at,
                       int64_t recorded_by_account_id) {
  ll id = 0, p = person_id, t = at, by = recorded_by_account_id;
  soci::indicator by_ind = recorded_by_account_id ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO consent (person_id, purpose, given_at, recorded_by_account_id) "
              "VALUES (:p, :purpose, :t, :by) RETURNING id",
      use(p), use(purpose), use(t), use(by, by_ind), into(id);
  return id;
}

bool withdraw_consent(db::Session& db, int64_t person_id, int64_t consent_id, int64_t at) {
  ll p = person_id, c = consent_id, t = at;
  db.sql() << "UPDATE consent SET withdrawn_at = :t WHERE id = :c AND person_id = :p "
              "AND withdrawn_at IS NULL",
      use(t), use(c), use(p);
  return db.sql().affected_rows() == 1;
}

void insert_consents_at_first_enrolment(db::Session& db, const std::string& purpose) {
  db.sql() << "INSERT INTO consent (person_id, purpose, given_at) SELECT person_id, :purpose, "
              "MIN(created_at) FROM enrolment GROUP BY person_id ORDER BY person_id",
      use(purpose);
}

void hide_from_directory(db::Session& db, int64_t person_id, int64_t now) {
  ll p = person_id, t = now;
  db.sql() << "UPDATE person SET visible_fields = '', updated_at = :t WHERE id = :p", use(t),
      use(p);
}

bool mark_erasure_requested(db::Session& db, int64_t person_id, int64_t at) {
  ll p = person_id, t = at;
  db.sql() << "UPDATE person SET erasure_requested_at = :t WHERE id = :p AND "
              "erasure_requested_at IS NULL AND erased_at IS NULL",
      use(t), use(p);
  return db.sql().affected_rows() == 1;
}

bool clear_erasure_request(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db.sql() << "UPDATE person SET erasure_requested_at = NULL WHERE id = :p AND "
              "erasure_requested_at IS NOT NULL AND erased_at IS NULL",
      use(p);
  return db.sql().affected_rows() == 1;
}

namespace {

// The people with an open erasure request that a team member (0: an admin)
// may see; binds :a0, :a, :a2, all the account.
const std::string& erasure_requests_where() {
  static const std::string sql =
      "WHERE p.erasure_requested_at IS NOT NULL AND p.erased_at IS NULL "
      "AND (CAST(:a0 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM enrolment "
      "e JOIN cohort c ON c.id = e.cohort_id WHERE e.person_id = p.id "
      "AND c.programme_id IN " +
      programme::programmes_of_account_sql() + ")) ";
  return sql;
}

}  // namespace

std::vector<ErasureRequest> erasure_requests(db::Session& db, int64_t team_account_id) {
  ll a = team_account_id;
  std::vector<ErasureRequest> out;
  {
    db::Rows rows =
        (db.sql().prepare << "SELECT p.id, p.name, p.name_latin, p.email, p.country, "
                             "p.erasure_requested_at FROM person p " +
                                 erasure_requests_where() + "ORDER BY p.erasure_requested_at, p.id",
         use(a), use(a), use(a));
    for (const auto& r : rows) {
      ErasureRequest e;
      e.person_id = db::get_int64(r, 0);
      e.name = db::get_text(r, 1);
      e.name_latin = db::get_text(r, 2);
      e.email = db::get_text(r, 3);
      e.country = db::get_text(r, 4);
      e.requested_at = db::get_int64(r, 5);
      out.push_back(std::move(e));
    }
  }
  if (out.empty()) return out;
  // The cohorts of all of them in one statement (as cohort_names_of, per person).
  std::map<int64_t, std::vector<std::string>> cohorts;
  db::Rows rows =
      (db.sql().prepare << "SELECT DISTINCT e.person_id, c.name, c.number FROM enrolment e JOIN "
                           "cohort c ON c.id = e.cohort_id WHERE e.person_id IN (SELECT p.id FROM "
                           "person p " +
                               erasure_requests_where() + ") ORDER BY e.person_id, c.number",
       use(a), use(a), use(a));
  for (const auto& r : rows) cohorts[db::get_int64(r, 0)].push_back(db::get_text(r, 1));
  for (auto& e : out) e.cohorts = std::move(cohorts[e.person_id]);
  return out;
}

long count_erasure_requests(db::Session& db, int64_t team_account_id) {
  ll a = team_account_id;
  long long n = 0;
  db.sql() << "SELECT COUNT(*) FROM person p " + erasure_requests_where(), soci::into(n), use(a),
      use(a), use(a);
  return static_cast<long>(n);
}

std::vector<std::string> cohort_names_of(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT DISTINCT c.name, c.number FROM enrolment e JOIN cohort c ON "
                           "c.id = e.cohort_id WHERE e.person_id = :p ORDER BY c.number",
       use(p));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(db::get_text(r, 0));
  return out;
}

bool erase_person(db::Session& db, int64_t person_id, int64_t now) {
  ll p = person_id, t = now;
  std::string email = "erased-" + std::to_string(person_id) + "@invalid";
  db.sql() << "UPDATE person SET name = '', name_latin = '', email = :email, "
              "position = '', languages = '', expertise = '', time_zone = '', "
              "bio = '', visible_fields = '', account_id = NULL, erased_at = :t, "
              "updated_at = :t2 WHERE id = :p AND erased_at IS NULL",
      use(email), use(t), use(t), use(p);
  return db.sql().affected_rows() == 1;
}

void delete_photo(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db.sql() << "DELETE FROM person_photo WHERE person_id = :p", use(p);
}

void close_consents(db::Session& db, int64_t person_id, int64_t at) {
  ll p = person_id, t = at;
  db.sql() << "UPDATE consent SET withdrawn_at = :t WHERE person_id = :p AND withdrawn_at IS NULL",
      use(t), use(p);
}

void scrub_audit_about(db::Session& db, int64_t account_id, int64_t person_id,
                       const std::string& email) {
  std::string acct = account_id ? std::to_string(account_id) : "-",
              person = std::to_string(person_id);
  db.sql() << "UPDATE audit_log SET changes = '' WHERE (entity = 'account' AND entity_id = :acct) "
              "OR (entity = 'person' AND entity_id = :person) OR (entity = 'invitation' AND "
              "entity_id IN (SELECT CAST(id AS TEXT) FROM invitation WHERE email = :email))",
      use(acct), use(person), use(email);
}

void scrub_audit_mentioning(db::Session& db, const std::string& text) {
  // The text is matched as it is: `%`, `_` and `\` in a name are no wildcards.
  // The changes are JSON, where a backslash or a quote in the text is written
  // escaped: match that spelling too.
  const std::string quoted = boost::json::serialize(boost::json::string(text));
  const std::string plain = db::like_contains(text),
                    in_json = db::like_contains(quoted.substr(1, quoted.size() - 2));
  db.sql() << std::string("UPDATE audit_log SET changes = '' WHERE changes LIKE :plain") +
                  db::kLikeEscape + " OR changes LIKE :json" + db::kLikeEscape,
      use(plain), use(in_json);
  db.sql() << std::string("UPDATE audit_log SET actor_label = '' WHERE actor_label LIKE :plain") +
                  db::kLikeEscape,
      use(plain);
}

void relabel_audit_actor(db::Session& db, int64_t account_id, const std::string& label) {
  ll a = account_id;
  db.sql() << "UPDATE audit_log SET actor_label = :label, address = '' WHERE actor_id = :a",
      use(label), use(a);
}

void anonymise_invitations(db::Session& db, const std::string& email, int64_t account_id,
                           const std::string& placeholder) {
  ll a = account_id;
  db.sql() << "UPDATE invitation SET email = :placeholder, name = '' "
              "WHERE email = :email OR (:a <> 0 AND account_id = :a2)",
      use(placeholder), use(email), use(a), use(a);
}

void delete_login_attempts(db::Session& db, const std::string& email) {
  db.sql() << "DELETE FROM login_attempt WHERE email = :email", use(email);
}

void delete_mail_to(db::Session& db, const std::string& email) {
  db.sql() << "DELETE FROM mail_outbox WHERE to_address = :email", use(email);
}

void delete_account(db::Session& db, int64_t account_id) {
  ll a = account_id;
  db.sql() << "DELETE FROM web_session WHERE account_id = :a", use(a);
  db.sql() << "DELETE FROM account WHERE id = :a", use(a);
}

}  // namespace crm::privacy::store

#include "surveys/round_store.hpp"

#include "programme/person_row.hpp"
#include "surveys/store.hpp"

namespace crm::surveys::round_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

// survey_round r joined with its survey s (and its title, store.hpp),
// cohort c and session cs. Binds the reader's language twice first.
const std::string& round_select() {
  static const std::string sql =
      "SELECT r.id, r.survey_id, r.audience, r.cohort_id, COALESCE(r.session_id, 0), "
      "COALESCE(r.months_after, 0), r.phase, r.opens_at, r.closes_at, r.reminder_days, "
      "r.created_at, COALESCE(r.cancelled_at, 0), s.programme_id, COALESCE(lv.id, 0), "
      "c.name, COALESCE(cs.title, ''), s.anonymous, COALESCE(cs.starts_at, 0), " +
      std::string(store::kStaffTitleColumns) +
      " FROM survey_round r JOIN survey s ON s.id = r.survey_id JOIN cohort c ON c.id = "
      "r.cohort_id "
      "LEFT JOIN course_session cs ON cs.id = r.session_id" +
      store::kStaffTitleJoins;
  return sql;
}

RoundRow round_of(const soci::row& x) {
  RoundRow o;
  auto& r = o.round;
  r.id = db::get_int64(x, 0);
  r.survey_id = db::get_int64(x, 1);
  r.audience = db::get_text(x, 2);
  r.cohort_id = db::get_int64(x, 3);
  r.session_id = db::get_int64(x, 4);
  r.months_after = static_cast<long>(db::get_int64(x, 5));
  r.phase = db::get_text(x, 6);
  r.opens_at = db::get_int64(x, 7);
  r.closes_at = db::get_int64(x, 8);
  r.reminder_days = static_cast<long>(db::get_int64(x, 9));
  r.created_at = db::get_int64(x, 10);
  r.cancelled_at = db::get_int64(x, 11);
  o.programme_id = db::get_int64(x, 12);
  o.version_id = db::get_int64(x, 13);
  o.cohort_name = db::get_text(x, 14);
  o.session_title = db::get_text(x, 15);
  o.anonymous = db::get_int64(x, 16) != 0;
  o.session_starts_at = db::get_int64(x, 17);
  o.title = store::staff_title_at(x, 18);
  o.survey_title = o.title.working;
  return o;
}

std::vector<int64_t> ids(db::Rows& rows) {
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

// Invitations with the person's address and account settings.
constexpr const char* kDueSelect =
    "SELECT i.id, i.person_id, COALESCE(i.sent_at, 0), p.name, "
    "COALESCE(NULLIF(p.email, ''), a.email, ''), COALESCE(a.language, ''), "
    "COALESCE(a.time_zone, '') FROM survey_invitation i JOIN person p ON p.id = i.person_id "
    "LEFT JOIN account a ON a.id = p.account_id ";

std::vector<Due> dues(db::Rows& rows) {
  std::vector<Due> out;
  for (const auto& r : rows) {
    Due d{db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2), db::get_text(r, 3),
          db::get_text(r, 4),  db::get_text(r, 5),  db::get_text(r, 6)};
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::optional<RoundRow> find(db::Session& db, int64_t programme, int64_t round,
                             const std::string& language) {
  ll r = round, p = programme;
  db::Rows rows =
      (db.sql().prepare << round_select() + "WHERE r.id = :r AND (:p = 0 OR s.programme_id = :p2)",
       use(language), use(language), use(r), use(p), use(p));
  for (const auto& x : rows) return round_of(x);
  return std::nullopt;
}

int64_t insert_round(db::Session& db, const Round& r, int64_t created_by) {
  ll id = 0, s = r.survey_id, c = r.cohort_id, ses = r.session_id, m = r.months_after,
     o = r.opens_at, cl = r.closes_at, rem = r.reminder_days, at = r.created_at, by = created_by;
  soci::indicator ses_ind = r.session_id ? soci::i_ok : soci::i_null;
  soci::indicator m_ind = r.audience == "graduates" ? soci::i_ok : soci::i_null;
  soci::indicator by_ind = created_by ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO survey_round (survey_id, audience, cohort_id, session_id, months_after, "
              "phase, opens_at, closes_at, reminder_days, created_at, created_by) VALUES (:s, :a, "
              ":c, :ses, :m, :ph, :o, :cl, :rem, :at, :by) RETURNING id",
      use(s), use(r.audience), use(c), use(ses, ses_ind), use(m, m_ind), use(r.phase), use(o),
      use(cl), use(rem), use(at), use(by, by_ind), into(id);
  return id;
}

bool cancel(db::Session& db, int64_t round, int64_t now) {
  ll r = round, at = now;
  db.sql() << "UPDATE survey_round SET cancelled_at = :t WHERE id = "
              ":r AND cancelled_at IS NULL",
      use(at), use(r);
  return db.sql().affected_rows() > 0;
}

std::vector<int64_t> cohort_participants(db::Session& db, int64_t cohort) {
  ll c = cohort;
  db::Rows rows = (db.sql().prepare << "SELECT e.person_id FROM enrolment e JOIN person p ON p.id "
                                       "= e.person_id WHERE e.cohort_id = :c AND e.role = "
                                       "'participant' AND e.status IN ('admitted', 'participant', "
                                       "'graduate') AND p.erased_at IS NULL ORDER BY e.person_id",
                   use(c));
  return ids(rows);
}

std::vector<int64_t> session_attendees(db::Session& db, int64_t session, int64_t cohort) {
  ll s = session, c = cohort;
  db::Rows rows =
      (db.sql().prepare << "SELECT e.person_id FROM enrolment e JOIN attendance at ON "
                           "at.person_id = e.person_id AND at.session_id = :s AND at.status = "
                           "'present' JOIN person p ON p.id = e.person_id WHERE e.cohort_id = :c "
                           "AND e.role = 'participant' AND e.status IN ('admitted', "
                           "'participant', 'graduate') AND p.erased_at IS NULL ORDER BY "
                           "e.person_id",
       use(s), use(c));
  return ids(rows);
}

std::vector<Graduate> graduates(db::Session& db, int64_t cohort) {
  ll c = cohort, c2 = cohort;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT e.person_id, COALESCE((SELECT MAX(ce.completed_on) FROM certificate ce "
              "WHERE ce.person_id = e.person_id AND ce.cohort_id = e.cohort_id AND ce.revoked_at "
              "IS NULL), co.ends_on) FROM enrolment e JOIN cohort co ON co.id = e.cohort_id JOIN "
              "person p ON p.id = e.person_id WHERE e.cohort_id = :c AND e.role = 'participant' "
              "AND p.erased_at IS NULL AND (e.status = 'graduate' OR EXISTS (SELECT 1 FROM "
              "certificate ce2 WHERE ce2.person_id = e.person_id AND ce2.cohort_id = :c2 AND "
              "ce2.revoked_at IS NULL)) ORDER BY e.person_id",
       use(c), use(c2));
  std::vector<Graduate> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_int64(r, 1)});
  return out;
}

bool insert_invitation(db::Session& db, int64_t round, int64_t person, const std::string& hash,
                       int64_t send_at) {
  ll r = round, p = person, at = send_at;
  long long exists = 0;
  db.sql() << "SELECT COUNT(*) FROM survey_invitation WHERE round_id = :r AND person_id = :p",
      use(r), use(p), into(exists);
  if (exists) return false;
  db.sql() << "INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at) VALUES "
              "(:r, :p, :h, :at)",
      use(r), use(p), use(hash), use(at);
  return true;
}

std::optional<Invitation> invitation_by_link(db::Session& db, const std::string& hash) {
  db::Rows rows = (db.sql().prepare << "SELECT id, round_id, person_id, send_at, "
                                       "COALESCE(sent_at, 0), COALESCE(reminded_at, 0), answered "
                                       "FROM survey_invitation WHERE token_hash = :h OR "
                                       "previous_token_hash = :h2",
                   use(hash), use(hash));
  for (const auto& r : rows) {
    Invitation i;
    i.id = db::get_int64(r, 0);
    i.round_id = db::get_int64(r, 1);
    i.person_id = db::get_int64(r, 2);
    i.send_at = db::get_int64(r, 3);
    i.sent_at = db::get_int64(r, 4);
    i.reminded_at = db::get_int64(r, 5);
    i.answered = db::get_int64(r, 6) != 0;
    return i;
  }
  return std::nullopt;
}

std::vector<int64_t> invited(db::Session& db, int64_t round) {
  ll r = round;
  db::Rows rows = (db.sql().prepare << "SELECT person_id FROM survey_invitation WHERE round_id = "
                                       ":r ORDER BY person_id",
                   use(r));
  return ids(rows);
}

std::vector<Due> due_to_send(db::Session& db, int64_t round, int64_t now, long limit) {
  ll r = round, t = now, n = limit;
  db::Rows rows = (db.sql().prepare << std::string(kDueSelect) +
                                           "WHERE i.round_id = :r AND i.sent_at IS NULL AND "
                                           "i.send_at <= :t AND p.erased_at IS NULL ORDER BY "
                                           "i.send_at, i.id LIMIT :n",
                   use(r), use(t), use(n));
  return dues(rows);
}

std::vector<Due> due_to_remind(db::Session& db, int64_t round, int64_t sent_before, bool again,
                               long limit) {
  ll r = round, t = sent_before, n = limit;
  int a = again ? 1 : 0;
  db::Rows rows = (db.sql().prepare << std::string(kDueSelect) +
                                           "WHERE i.round_id = :r AND i.sent_at IS NOT NULL AND "
                                           "i.answered = 0 AND i.sent_at <= :t AND (:a = 1 OR "
                                           "i.reminded_at IS NULL) AND p.erased_at IS NULL "
                                           "ORDER BY i.sent_at, i.id LIMIT :n",
                   use(r), use(t), use(a), use(n));
  return dues(rows);
}

int64_t next_send_at(db::Session& db, int64_t round) {
  ll r = round, at = 0;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT MIN(send_at) FROM survey_invitation WHERE round_id = :r AND sent_at IS NULL",
      use(r), into(at, ind);
  return ind == soci::i_ok ? at : 0;
}

int64_t next_unreminded_sent_at(db::Session& db, int64_t round) {
  ll r = round, at = 0;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT MIN(sent_at) FROM survey_invitation WHERE round_id = :r AND sent_at IS NOT "
              "NULL AND reminded_at IS NULL AND answered = 0",
      use(r), into(at, ind);
  return ind == soci::i_ok ? at : 0;
}

bool mark_sent(db::Session& db, int64_t invitation, const std::string& hash, int64_t now) {
  ll i = invitation, t = now;
  db.sql() << "UPDATE survey_invitation SET token_hash = :h, "
              "sent_at = :t WHERE id = :i AND sent_at IS NULL",
      use(hash), use(t), use(i);
  return db.sql().affected_rows() > 0;
}

bool mark_reminded(db::Session& db, int64_t invitation, const std::string& hash, int64_t now) {
  ll i = invitation, t = now;
  db.sql() << "UPDATE survey_invitation SET previous_token_hash = token_hash, token_hash = :h, "
              "reminded_at = :t WHERE id = :i AND answered = 0 AND sent_at IS NOT NULL",
      use(hash), use(t), use(i);
  return db.sql().affected_rows() > 0;
}

Counts counts(db::Session& db, int64_t round) {
  ll r = round;
  ll invited = 0, sent = 0, answered = 0, reminded = 0;
  soci::indicator a = soci::i_ok, b = soci::i_ok, c = soci::i_ok;
  db.sql() << "SELECT COUNT(*), SUM(CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END), SUM(answered), "
              "SUM(CASE WHEN reminded_at IS NULL THEN 0 ELSE 1 END) FROM survey_invitation WHERE "
              "round_id = :r",
      use(r), into(invited), into(sent, a), into(answered, b), into(reminded, c);
  Counts out;
  out.invited = static_cast<long>(invited);
  out.sent = a == soci::i_ok ? static_cast<long>(sent) : 0;
  out.answered = b == soci::i_ok ? static_cast<long>(answered) : 0;
  out.reminded = c == soci::i_ok ? static_cast<long>(reminded) : 0;
  return out;
}

std::vector<Person> people(db::Session& db, int64_t round) {
  ll r = round;
  db::Rows rows = (db.sql().prepare << "SELECT i.person_id, p.name, p.name_latin, i.send_at, "
                                       "COALESCE(i.sent_at, 0), COALESCE(i.reminded_at, 0), "
                                       "i.answered FROM survey_invitation i JOIN person p ON p.id "
                                       "= i.person_id WHERE i.round_id = :r ORDER BY p.name, "
                                       "i.person_id",
                   use(r));
  std::vector<Person> out;
  for (const auto& x : rows) {
    Person p;
    p.person_id = db::get_int64(x, 0);
    p.name = db::get_text(x, 1);
    p.name_latin = db::get_text(x, 2);
    p.send_at = db::get_int64(x, 3);
    p.sent_at = db::get_int64(x, 4);
    p.reminded_at = db::get_int64(x, 5);
    p.answered = db::get_int64(x, 6) != 0;
    out.push_back(std::move(p));
  }
  return out;
}

VersionTexts version_texts(db::Session& db, int64_t version) {
  ll v = version, v2 = version;
  VersionTexts out;
  std::string languages;
  db.sql() << "SELECT languages, default_language FROM survey_version WHERE id = :v", use(v),
      into(languages), into(out.default_language);
  size_t start = 0;
  while (start <= languages.size()) {
    size_t end = languages.find(',', start);
    if (end == std::string::npos) end = languages.size();
    if (end > start) out.languages.push_back(languages.substr(start, end - start));
    start = end + 1;
  }
  db::Rows rows = (db.sql().prepare << "SELECT language, title, intro FROM survey_version_text "
                                       "WHERE version_id = :v",
                   use(v2));
  for (const auto& r : rows) {
    out.title[db::get_text(r, 0)] = db::get_text(r, 1);
    out.intro[db::get_text(r, 0)] = db::get_text(r, 2);
  }
  return out;
}

std::vector<CohortOption> cohorts(db::Session& db, int64_t programme) {
  ll p = programme;
  db::Rows rows = (db.sql().prepare << "SELECT id, number, name, ends_on FROM cohort WHERE "
                                       "programme_id = :p ORDER BY number DESC",
                   use(p));
  std::vector<CohortOption> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), static_cast<long>(db::get_int64(r, 1)), db::get_text(r, 2),
                   db::get_int64(r, 3)});
  return out;
}

std::vector<SessionOption> sessions(db::Session& db, int64_t programme) {
  ll p = programme;
  db::Rows rows =
      (db.sql().prepare << "SELECT s.id, s.cohort_id, s.starts_at, s.title, c.name FROM "
                           "course_session s JOIN cohort c ON c.id = s.cohort_id WHERE "
                           "c.programme_id = :p AND s.status = 'scheduled' ORDER BY c.number "
                           "DESC, s.starts_at, s.id",
       use(p));
  std::vector<SessionOption> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2),
                   db::get_text(r, 3), db::get_text(r, 4)});
  return out;
}

}  // namespace crm::surveys::round_store

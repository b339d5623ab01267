#include "surveys/answer_store.hpp"

#include <algorithm>
#include <map>

namespace crm::surveys::answer_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

constexpr const char* kInvitationColumns =
    "SELECT i.id, i.round_id, i.person_id, s.programme_id, s.id, r.cohort_id, i.token_hash, "
    "i.answered, s.anonymous, i.send_at, r.opens_at, r.closes_at, COALESCE(r.cancelled_at, 0), "
    "COALESCE(a.language, ''), COALESCE(i.previous_token_hash, ''), COALESCE(i.draft_seed, '') "
    "FROM survey_invitation i JOIN survey_round r ON r.id = i.round_id "
    "JOIN survey s ON s.id = r.survey_id JOIN person p ON p.id = i.person_id LEFT JOIN account a "
    "ON a.id = p.account_id ";

std::optional<InvitationRow> first_invitation(db::Rows& rows) {
  for (const auto& r : rows) {
    InvitationRow i;
    i.id = db::get_int64(r, 0);
    i.round_id = db::get_int64(r, 1);
    i.person_id = db::get_int64(r, 2);
    i.programme_id = db::get_int64(r, 3);
    i.survey_id = db::get_int64(r, 4);
    i.cohort_id = db::get_int64(r, 5);
    i.token_hash = db::get_text(r, 6);
    i.answered = db::get_int64(r, 7) != 0;
    i.anonymous = db::get_int64(r, 8) != 0;
    i.send_at = db::get_int64(r, 9);
    i.opens_at = db::get_int64(r, 10);
    i.closes_at = db::get_int64(r, 11);
    i.cancelled_at = db::get_int64(r, 12);
    i.person_language = db::get_text(r, 13);
    i.previous_token_hash = db::get_text(r, 14);
    i.draft_seed = db::get_text(r, 15);
    return i;
  }
  return std::nullopt;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Answer answer_of(const soci::row& r, size_t first) {
  Answer a;
  a.question = db::get_text(r, first);
  a.item = db::get_text(r, first + 1);
  a.choice = db::get_text(r, first + 2);
  a.number = db::get_optional_double(r, first + 3);
  if (r.get_indicator(first + 4) != soci::i_null) a.text = db::get_text(r, first + 4);
  return a;
}

std::optional<Draft> first_draft(db::Rows& rows) {
  for (const auto& r : rows) {
    Draft d;
    d.id = db::get_int64(r, 0);
    d.version_id = db::get_int64(r, 1);
    d.page = static_cast<long>(db::get_int64(r, 2));
    d.language = db::get_text(r, 3);
    return d;
  }
  return std::nullopt;
}

}  // namespace

std::optional<InvitationRow> find_by_hash(db::Session& db, const std::string& hash) {
  // The link of the invitation mail or of its reminder: a reminder issues a
  // new link and keeps the first working (surveys/dispatch.hpp).
  db::Rows rows = (db.sql().prepare << std::string(kInvitationColumns) +
                                           "WHERE i.token_hash = :h OR i.previous_token_hash = :h2",
                   use(hash), use(hash));
  return first_invitation(rows);
}

std::optional<InvitationRow> find_of_account(db::Session& db, int64_t id, int64_t account) {
  ll i = id, a = account;
  db::Rows rows = (db.sql().prepare
                       << std::string(kInvitationColumns) + "WHERE i.id = :i AND p.account_id = :a",
                   use(i), use(a));
  return first_invitation(rows);
}

std::vector<OpenInvitation> open_invitations(db::Session& db, int64_t account, int64_t now) {
  ll a = account, t = now;
  std::vector<OpenInvitation> out;
  std::map<ll, std::vector<size_t>> by_version;
  {
    db::Rows rows =
        (db.sql().prepare
             << "SELECT i.id, r.closes_at, s.anonymous, s.title, i.token_hash, COALESCE(v.id, 0), "
                "COALESCE(v.default_language, 'en'), COALESCE(v.languages, ''), CASE WHEN EXISTS "
                "(SELECT 1 FROM survey_response x WHERE x.round_id = i.round_id AND x.person_id = "
                "i.person_id) THEN 1 ELSE 0 END, COALESCE(i.draft_seed, '') FROM survey_invitation "
                "i JOIN person p ON p.id = "
                "i.person_id JOIN survey_round r ON r.id = i.round_id JOIN survey s ON s.id = "
                "r.survey_id LEFT JOIN survey_version v ON v.id = (SELECT MAX(id) FROM "
                "survey_version WHERE survey_id = s.id) WHERE p.account_id = :a AND i.answered = 0 "
                "AND i.send_at <= :t AND r.opens_at <= :t2 AND r.closes_at > :t3 AND "
                "r.cancelled_at IS NULL ORDER BY r.closes_at, i.id",
         use(a), use(t), use(t), use(t));
    for (const auto& r : rows) {
      OpenInvitation o;
      o.id = db::get_int64(r, 0);
      o.closes_at = db::get_int64(r, 1);
      o.anonymous = db::get_int64(r, 2) != 0;
      o.survey_title = db::get_text(r, 3);
      o.token_hash = db::get_text(r, 4);
      o.default_language = db::get_text(r, 6);
      o.languages = split(db::get_text(r, 7));
      o.started = db::get_int64(r, 8) != 0;
      o.draft_seed = db::get_text(r, 9);
      by_version[db::get_int64(r, 5)].push_back(out.size());
      out.push_back(std::move(o));
    }
  }
  if (out.empty()) return out;
  // The titles of those versions: one statement (ids are numbers from the
  // database, written into the list).
  std::string ids;
  for (const auto& [v, _] : by_version) ids += (ids.empty() ? "" : ",") + std::to_string(v);
  db::Rows rows = (db.sql().prepare << "SELECT version_id, language, title FROM "
                                       "survey_version_text WHERE version_id IN (" +
                                           ids + ")");
  for (const auto& r : rows)
    for (size_t i : by_version[db::get_int64(r, 0)])
      out[i].title[db::get_text(r, 1)] = db::get_text(r, 2);
  return out;
}

namespace {
// Keys are hex digests made by crm, never user text; checked before they are
// written into the statement.
std::string key_list(const std::vector<std::string>& keys) {
  std::string list;
  for (const auto& k : keys) {
    if (k.empty() || k.find_first_not_of("0123456789abcdef") != std::string::npos) continue;
    list += (list.empty() ? "'" : ",'") + k + "'";
  }
  return list;
}
}  // namespace

std::vector<std::string> drafts_with_keys(db::Session& db, const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  std::string list = key_list(keys);
  if (list.empty()) return out;
  db::Rows rows = (db.sql().prepare << "SELECT resume_hash FROM survey_response WHERE resume_hash "
                                       "IN (" +
                                           list + ")");
  for (const auto& r : rows) out.push_back(db::get_text(r, 0));
  return out;
}

std::optional<Draft> draft_of_person(db::Session& db, int64_t round, int64_t person) {
  ll r = round, p = person;
  db::Rows rows = (db.sql().prepare << "SELECT id, version_id, page, language FROM survey_response "
                                       "WHERE round_id = :r AND person_id = :p AND submitted_on IS "
                                       "NULL",
                   use(r), use(p));
  auto d = first_draft(rows);
  if (d) load_answers(db, *d);
  return d;
}

std::optional<Draft> draft_by_keys(db::Session& db, int64_t round,
                                   const std::vector<std::string>& keys) {
  std::string list = key_list(keys);
  if (list.empty()) return std::nullopt;
  ll r = round;
  db::Rows rows =
      (db.sql().prepare << "SELECT id, version_id, page, language, resume_hash FROM "
                           "survey_response WHERE round_id = :r AND resume_hash IN (" +
                               list + ") AND person_id IS NULL AND submitted_on IS NULL",
       use(r));
  std::optional<Draft> best;
  size_t rank = keys.size();
  for (const auto& row : rows) {
    std::string key = db::get_text(row, 4);
    size_t at = static_cast<size_t>(std::find(keys.begin(), keys.end(), key) - keys.begin());
    if (at >= rank) continue;
    rank = at;
    best = Draft{db::get_int64(row, 0),
                 db::get_int64(row, 1),
                 static_cast<long>(db::get_int64(row, 2)),
                 db::get_text(row, 3),
                 key,
                 {}};
  }
  if (best) load_answers(db, *best);
  return best;
}

void load_answers(db::Session& db, Draft& d) {
  ll id = d.id;
  db::Rows rows =
      (db.sql().prepare << "SELECT q.name, a.item, a.choice, a.number, a.text FROM "
                           "survey_answer a JOIN survey_question q ON q.id = "
                           "a.question_id WHERE a.response_id = :r ORDER BY q.position, "
                           "a.item, a.choice",
       use(id));
  d.answers.clear();
  for (const auto& r : rows) d.answers.push_back(answer_of(r, 0));
}

bool submitted_by_person(db::Session& db, int64_t round, int64_t person) {
  ll r = round, p = person, n = 0;
  db.sql() << "SELECT COUNT(*) FROM survey_response WHERE round_id = :r AND person_id = :p AND "
              "submitted_on IS NOT NULL",
      use(r), use(p), into(n);
  return n > 0;
}

int64_t insert_draft(db::Session& db, int64_t round, int64_t version, int64_t person,
                     const std::string& resume_key, const std::string& language) {
  ll id = 0, r = round, v = version, p = person;
  soci::indicator p_ind = person ? soci::i_ok : soci::i_null;
  std::string key = resume_key;
  soci::indicator k_ind = person ? soci::i_null : soci::i_ok;
  db.sql() << "INSERT INTO survey_response (round_id, version_id, person_id, resume_hash, "
              "language, page) VALUES (:r, :v, :p, :k, :l, 0) RETURNING id",
      use(r), use(v), use(p, p_ind), use(key, k_ind), use(language), into(id);
  return id;
}

void replace_answers(db::Session& db, int64_t response, const std::vector<int64_t>& questions,
                     const std::vector<std::pair<int64_t, Answer>>& answers) {
  ll r = response;
  if (!questions.empty()) {
    std::string ids;
    for (int64_t q : questions) ids += (ids.empty() ? "" : ",") + std::to_string(q);
    db.sql() << "DELETE FROM survey_answer WHERE response_id = :r AND question_id IN (" + ids + ")",
        use(r);
  }
  for (const auto& [question, a] : answers) {
    ll q = question;
    double n = a.number.value_or(0);
    std::string t = a.text.value_or("");
    soci::indicator n_ind = a.number ? soci::i_ok : soci::i_null;
    soci::indicator t_ind = a.text ? soci::i_ok : soci::i_null;
    db.sql() << "INSERT INTO survey_answer (response_id, question_id, item, choice, number, text) "
                "VALUES (:r, :q, :i, :c, :n, :t)",
        use(r), use(q), use(a.item), use(a.choice), use(n, n_ind), use(t, t_ind);
  }
}

void set_progress(db::Session& db, int64_t response, long page, const std::string& language) {
  ll r = response, p = page;
  db.sql() << "UPDATE survey_response SET page = :p, language = :l WHERE id = :r AND "
              "submitted_on IS NULL",
      use(p), use(language), use(r);
}

std::string claim_draft_seed(db::Session& db, int64_t invitation, const std::string& seed) {
  ll i = invitation;
  db.sql() << "UPDATE survey_invitation SET draft_seed = :s WHERE id = :i AND draft_seed IS NULL",
      use(seed), use(i);
  std::string out;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT draft_seed FROM survey_invitation WHERE id = :i", use(i), into(out, ind);
  return ind == soci::i_null ? std::string() : out;
}

void rekey_draft(db::Session& db, int64_t response, const std::string& key) {
  ll r = response;
  db.sql() << "UPDATE survey_response SET resume_hash = :k WHERE id = :r AND person_id IS NULL AND "
              "submitted_on IS NULL",
      use(key), use(r);
}

PersonFacts person_facts(db::Session& db, int64_t person) {
  ll p = person;
  PersonFacts f;
  db::Rows rows = (db.sql().prepare << "SELECT p.country, COALESCE(p.gender, ''), COALESCE(o.type, "
                                       "'') FROM person p LEFT JOIN organisation o ON o.id = "
                                       "p.organisation_id WHERE p.id = :p",
                   use(p));
  for (const auto& r : rows) {
    f.country = db::get_text(r, 0);
    f.gender = db::get_text(r, 1);
    f.organisation_type = db::get_text(r, 2);
  }
  return f;
}

bool submit(db::Session& db, int64_t response, int64_t day, const RespondentFacts& facts) {
  ll r = response, d = day, c = facts.cohort_id;
  soci::indicator c_ind = facts.cohort_id ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE survey_response SET submitted_on = :d, resume_hash = NULL, cohort_id = :c, "
              "country = :country, gender = :g, organisation_type = :o WHERE id = :r AND "
              "submitted_on IS NULL",
      use(d), use(c, c_ind), use(facts.country), use(facts.gender), use(facts.organisation_type),
      use(r);
  if (db.sql().affected_rows() != 1) return false;
  record_indicator_answers(db, response);
  return true;
}

namespace {

// The indicator rows of the submitted responses the caller's WHERE adds to;
// migration 0029 runs the same statement for the responses before it.
constexpr const char* kIndicatorAnswers =
    "INSERT INTO survey_indicator_answer (response_id, indicator, programme_id, cohort_id, "
    "country, gender, organisation_type, audience, months_after, submitted_on, positive) "
    "SELECT r.id, q.indicator, sv.programme_id, COALESCE(r.cohort_id, rd.cohort_id, 0), "
    "r.country, r.gender, r.organisation_type, rd.audience, COALESCE(rd.months_after, 0), "
    "r.submitted_on, MAX(COALESCE(ch.positive, 0)) "
    "FROM survey_response r "
    "JOIN survey_round rd ON rd.id = r.round_id "
    "JOIN survey sv ON sv.id = rd.survey_id "
    "JOIN survey_answer a ON a.response_id = r.id "
    "JOIN survey_question q ON q.id = a.question_id AND q.indicator IS NOT NULL "
    "LEFT JOIN survey_choice ch ON ch.question_id = q.id AND ch.role = 'choice' "
    "AND ch.name = a.choice "
    "WHERE r.submitted_on IS NOT NULL ";
constexpr const char* kIndicatorAnswersGroups =
    "GROUP BY r.id, q.indicator, sv.programme_id, r.cohort_id, rd.cohort_id, r.country, "
    "r.gender, r.organisation_type, rd.audience, rd.months_after, r.submitted_on";

}  // namespace

void record_indicator_answers(db::Session& db, int64_t response) {
  static const std::string kSql =
      std::string(kIndicatorAnswers) + "AND r.id = :r " + kIndicatorAnswersGroups;
  ll r = response;
  db.sql() << kSql, use(r);
}

long record_missing_indicator_answers(db::Session& db) {
  static const std::string kSql = std::string(kIndicatorAnswers) +
                                  "AND NOT EXISTS (SELECT 1 FROM survey_indicator_answer x "
                                  "WHERE x.response_id = r.id) " +
                                  kIndicatorAnswersGroups;
  db.sql() << kSql;
  return static_cast<long>(db.sql().affected_rows());
}

bool mark_answered(db::Session& db, int64_t invitation) {
  ll i = invitation;
  db.sql() << "UPDATE survey_invitation SET answered = 1, draft_seed = NULL WHERE id = :i AND "
              "answered = 0",
      use(i);
  return db.sql().affected_rows() == 1;
}

std::vector<PersonResponse> responses_of_person(db::Session& db, int64_t person) {
  ll p = person;
  std::vector<PersonResponse> out;
  std::map<ll, size_t> index;
  {
    db::Rows rows =
        (db.sql().prepare << "SELECT r.id, r.round_id, r.version_id, r.submitted_on, s.title, "
                             "r.language FROM survey_response r JOIN survey_round rd ON rd.id = "
                             "r.round_id JOIN survey s ON s.id = rd.survey_id WHERE r.person_id = "
                             ":p AND s.anonymous = 0 AND r.submitted_on IS NOT NULL ORDER BY "
                             "r.submitted_on, r.id",
         use(p));
    for (const auto& r : rows) {
      PersonResponse pr;
      pr.id = db::get_int64(r, 0);
      pr.round_id = db::get_int64(r, 1);
      pr.version_id = db::get_int64(r, 2);
      pr.submitted_on = db::get_int64(r, 3);
      pr.survey_title = db::get_text(r, 4);
      pr.language = db::get_text(r, 5);
      index[pr.id] = out.size();
      out.push_back(std::move(pr));
    }
  }
  if (out.empty()) return out;
  db::Rows rows = (db.sql().prepare << "SELECT a.response_id, q.name, a.item, a.choice, a.number, "
                                       "a.text FROM survey_answer a JOIN survey_question q ON q.id "
                                       "= a.question_id JOIN survey_response r ON r.id = "
                                       "a.response_id WHERE r.person_id = :p AND r.submitted_on IS "
                                       "NOT NULL ORDER BY a.response_id, q.position, a.item, "
                                       "a.choice",
                   use(p));
  for (const auto& r : rows) {
    auto it = index.find(db::get_int64(r, 0));
    if (it != index.end()) out[it->second].answers.push_back(answer_of(r, 1));
  }
  return out;
}

void delete_responses_of_person(db::Session& db, int64_t person) {
  ll p = person;
  db.sql() << "DELETE FROM survey_answer WHERE response_id IN (SELECT id FROM survey_response "
              "WHERE person_id = :p)",
      use(p);
  db.sql() << "DELETE FROM survey_response WHERE person_id = :p", use(p);
}

}  // namespace crm::surveys::answer_store

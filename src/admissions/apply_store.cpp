#include "admissions/apply_store.hpp"

#include <algorithm>

#include "auth/tokens.hpp"
#include "db/blob.hpp"

namespace crm::admissions::apply_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

std::optional<int64_t> optional_of(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return db::get_int64(r, i);
}

constexpr const char* kPersonSelect =
    "SELECT id, account_id, name, email, COALESCE(gender, ''), country FROM person ";

std::optional<PersonRow> person_where(db::Session& db, const std::string& where, ll x,
                                      const std::string& text) {
  db::Rows rows = text.empty() ? (db.sql().prepare << kPersonSelect + where, use(x))
                               : (db.sql().prepare << kPersonSelect + where, use(text));
  for (const auto& r : rows) {
    PersonRow p;
    p.id = db::get_int64(r, 0);
    p.account = optional_of(r, 1);
    p.name = db::get_text(r, 2);
    p.email = db::get_text(r, 3);
    p.gender = db::get_text(r, 4);
    p.country = db::get_text(r, 5);
    return p;
  }
  return std::nullopt;
}

constexpr const char* kCallSelect =
    "SELECT c.id, c.programme_id, c.cohort_id, c.status, c.opens_at, c.closes_at, c.time_zone, "
    "c.places, c.blind_fields, c.retention_months, c.created_at, c.updated_at FROM call c ";

Call call_of(const soci::row& r) {
  Call c;
  c.id = db::get_int64(r, 0);
  c.programme_id = db::get_int64(r, 1);
  c.cohort_id = db::get_int64(r, 2);
  c.status = db::get_text(r, 3);
  c.opens_at = db::get_int64(r, 4);
  c.closes_at = db::get_int64(r, 5);
  c.time_zone = db::get_text(r, 6);
  c.places = static_cast<long>(db::get_int64(r, 7));
  c.blind_fields = db::get_text(r, 8);
  c.retention_months = static_cast<long>(db::get_int64(r, 9));
  c.created_at = db::get_int64(r, 10);
  c.updated_at = db::get_int64(r, 11);
  return c;
}

// The texts of the calls chosen by `scope` (a condition on call c, one bind :x).
void add_texts(db::Session& db, std::map<int64_t, Call*>& calls, const std::string& scope, ll x) {
  db::Rows rows = (db.sql().prepare << "SELECT t.call_id, t.language, t.title, t.retention_notice "
                                       "FROM call_text t JOIN call c ON c.id = t.call_id WHERE " +
                                           scope,
                   use(x));
  for (const auto& r : rows) {
    auto it = calls.find(db::get_int64(r, 0));
    if (it == calls.end()) continue;
    auto& t = it->second->texts[db::get_text(r, 1)];
    t.title = db::get_text(r, 2);
    t.retention_notice = db::get_text(r, 3);
  }
}

constexpr const char* kApplicationSelect =
    "SELECT a.id, a.call_id, a.person_id, a.status, a.page, a.language, "
    "COALESCE(a.route_role, ''), a.organisation_name, a.organisation_type, a.organisation_country, "
    "a.position, a.motivation, a.experience, a.languages, a.birth_year, a.nationality, "
    "a.submitted_at, a.withdrawn_at, a.decision, a.decided_at, a.created_at, a.updated_at, "
    "a.waiting_rank, a.confirm_by, a.confirmed_at, a.declined_at "
    "FROM application a ";

Application application_of_row(const soci::row& r) {
  Application a;
  a.id = db::get_int64(r, 0);
  a.call_id = db::get_int64(r, 1);
  a.person_id = db::get_int64(r, 2);
  a.status = db::get_text(r, 3);
  a.page = static_cast<long>(db::get_int64(r, 4));
  a.language = db::get_text(r, 5);
  a.route_role = db::get_text(r, 6);
  a.organisation_name = db::get_text(r, 7);
  a.organisation_type = db::get_text(r, 8);
  a.organisation_country = db::get_text(r, 9);
  a.position = db::get_text(r, 10);
  a.motivation = db::get_text(r, 11);
  a.experience = db::get_text(r, 12);
  a.languages = db::get_text(r, 13);
  if (auto y = optional_of(r, 14)) a.birth_year = static_cast<long>(*y);
  a.nationality = db::get_text(r, 15);
  a.submitted_at = optional_of(r, 16);
  a.withdrawn_at = optional_of(r, 17);
  a.decision = db::get_text(r, 18);
  a.decided_at = optional_of(r, 19);
  a.created_at = db::get_int64(r, 20);
  a.updated_at = db::get_int64(r, 21);
  if (auto w = optional_of(r, 22)) a.waiting_rank = static_cast<long>(*w);
  a.confirm_by = optional_of(r, 23);
  a.confirmed_at = optional_of(r, 24);
  a.declined_at = optional_of(r, 25);
  return a;
}

}  // namespace

// ------------------------------------------------------------- sign-up

std::string form_key(db::Session& db, const std::string& name, int64_t now) {
  std::string secret;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT secret FROM form_key WHERE name = :n", use(name), into(secret, ind);
  if (ind == soci::i_ok && db.sql().got_data()) return secret;
  std::string fresh = auth::random_token(32);
  ll t = now;
  db.sql() << "INSERT INTO form_key (name, secret, created_at) VALUES (:n, :s, :t) "
              "ON CONFLICT (name) DO NOTHING",
      use(name), use(fresh), use(t);
  db.sql() << "SELECT secret FROM form_key WHERE name = :n", use(name), into(secret);
  return secret;
}

long signup_mails_for(db::Session& db, const std::string& email, int64_t since) {
  ll s = since, n = 0;
  db.sql() << "SELECT COUNT(*) FROM login_attempt WHERE email = :e AND kind = 'signup' AND "
              "succeeded = 1 AND at >= :s",
      use(email), use(s), into(n);
  return static_cast<long>(n);
}

long signup_requests_from(db::Session& db, const std::string& network, int64_t since) {
  ll s = since, n = 0;
  db.sql() << "SELECT COUNT(*) FROM login_attempt WHERE network = :n AND kind = 'signup' AND "
              "at >= :s",
      use(network), use(s), into(n);
  return static_cast<long>(n);
}

void delete_expired_signups(db::Session& db, int64_t now) {
  ll t = now;
  db.sql() << "DELETE FROM applicant_signup WHERE confirmed_at IS NULL AND expires_at <= :t",
      use(t);
}

void insert_signup(db::Session& db, const std::string& email, const std::string& digest,
                   const std::string& language, std::optional<int64_t> call, int64_t now,
                   int64_t expires) {
  ll c = call.value_or(0), t = now, e = expires;
  soci::indicator ci = call ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO applicant_signup (email, token_hash, language, call_id, created_at, "
              "expires_at) VALUES (:e, :d, :l, :c, :t, :x)",
      use(email), use(digest), use(language), use(c, ci), use(t), use(e);
}

std::optional<Signup> find_signup(db::Session& db, const std::string& digest) {
  db::Rows rows = (db.sql().prepare << "SELECT id, email, language, call_id, expires_at, "
                                       "confirmed_at FROM applicant_signup WHERE token_hash = :d",
                   use(digest));
  for (const auto& r : rows) {
    Signup s;
    s.id = db::get_int64(r, 0);
    s.email = db::get_text(r, 1);
    s.language = db::get_text(r, 2);
    s.call = optional_of(r, 3);
    s.expires_at = db::get_int64(r, 4);
    s.confirmed_at = optional_of(r, 5);
    return s;
  }
  return std::nullopt;
}

bool confirm_signup(db::Session& db, int64_t id, int64_t now) {
  ll i = id, t = now;
  db.sql() << "UPDATE applicant_signup SET confirmed_at = :t WHERE id = :i AND confirmed_at IS "
              "NULL",
      use(t), use(i);
  return db.sql().affected_rows() == 1;
}

// -------------------------------------------------------------- people

std::optional<PersonRow> person_by_email(db::Session& db, const std::string& email) {
  return person_where(db, "WHERE LOWER(email) = LOWER(:e)", 0, email);
}

std::optional<PersonRow> person_of_account(db::Session& db, int64_t account) {
  return person_where(db, "WHERE account_id = :x", account, {});
}

std::optional<PersonRow> find_person(db::Session& db, int64_t id) {
  return person_where(db, "WHERE id = :x", id, {});
}

int64_t insert_person(db::Session& db, int64_t account, const std::string& name,
                      const std::string& email, int64_t now) {
  ll a = account, t = now, id = 0;
  db.sql() << "INSERT INTO person (account_id, name, email, country, created_at) VALUES (:a, :n, "
              ":e, '', :t) RETURNING id",
      use(a), use(name), use(email), use(t), into(id);
  return id;
}

void link_person(db::Session& db, int64_t person, int64_t account) {
  ll p = person, a = account;
  db.sql() << "UPDATE person SET account_id = :a WHERE id = :p AND account_id IS NULL", use(a),
      use(p);
}

void update_person(db::Session& db, int64_t person, const std::string& name,
                   const std::string& gender, const std::string& country) {
  ll p = person;
  soci::indicator gi = gender.empty() ? soci::i_null : soci::i_ok;
  db.sql() << "UPDATE person SET name = :n, gender = :g, country = :c WHERE id = :p", use(name),
      use(gender, gi), use(country), use(p);
}

// --------------------------------------------------------------- calls

std::optional<Call> find_call(db::Session& db, int64_t id) {
  ll x = id;
  db::Rows rows = (db.sql().prepare << std::string(kCallSelect) + "WHERE c.id = :x", use(x));
  std::optional<Call> out;
  for (const auto& r : rows) out = call_of(r);
  if (!out) return out;
  std::map<int64_t, Call*> calls{{out->id, &*out}};
  add_texts(db, calls, "c.id = :x", x);
  return out;
}

std::vector<Question> call_questions(db::Session& db, int64_t call) {
  ll c = call, c2 = call;
  db::Rows rows = (db.sql().prepare << "SELECT id, position, kind, required, "
                                       "COALESCE(eligible_answer, '') FROM call_question WHERE "
                                       "call_id = :c ORDER BY position",
                   use(c));
  std::vector<Question> out;
  std::map<int64_t, size_t> at;
  for (const auto& r : rows) {
    Question q;
    q.id = db::get_int64(r, 0);
    q.position = static_cast<long>(db::get_int64(r, 1));
    q.kind = db::get_text(r, 2);
    q.required = db::get_int64(r, 3) != 0;
    q.eligible_answer = db::get_text(r, 4);
    at[q.id] = out.size();
    out.push_back(std::move(q));
  }
  db::Rows texts = (db.sql().prepare << "SELECT t.question_id, t.language, t.label, t.hint FROM "
                                        "call_question_text t JOIN call_question q ON q.id = "
                                        "t.question_id WHERE q.call_id = :c",
                    use(c2));
  for (const auto& r : texts) {
    auto it = at.find(db::get_int64(r, 0));
    if (it == at.end()) continue;
    out[it->second].texts[db::get_text(r, 1)] = {db::get_text(r, 2), db::get_text(r, 3)};
  }
  return out;
}

std::vector<DocumentRule> call_documents(db::Session& db, int64_t call) {
  ll c = call;
  db::Rows rows = (db.sql().prepare << "SELECT kind, required, max_bytes FROM call_document WHERE "
                                       "call_id = :c ORDER BY CASE kind WHEN 'cv' THEN 1 WHEN "
                                       "'support_letter' THEN 2 ELSE 3 END",
                   use(c));
  std::vector<DocumentRule> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_int64(r, 1) != 0, db::get_int64(r, 2)});
  return out;
}

// -------------------------------------------------------- applications

std::optional<Application> find_application(db::Session& db, int64_t id) {
  ll x = id, x2 = id;
  db::Rows rows = (db.sql().prepare << std::string(kApplicationSelect) + "WHERE a.id = :x", use(x));
  std::optional<Application> out;
  for (const auto& r : rows) out = application_of_row(r);
  if (!out) return out;
  db::Rows answers = (db.sql().prepare << "SELECT question_id, value FROM application_answer WHERE "
                                          "application_id = :x",
                      use(x2));
  for (const auto& r : answers) out->answers[db::get_int64(r, 0)] = db::get_text(r, 1);
  return out;
}

std::optional<int64_t> application_of(db::Session& db, int64_t call, int64_t person) {
  ll c = call, p = person, id = 0;
  db.sql() << "SELECT id FROM application WHERE call_id = :c AND person_id = :p", use(c), use(p),
      into(id);
  if (!db.sql().got_data()) return std::nullopt;
  return id;
}

std::optional<int64_t> insert_application(db::Session& db, int64_t call, int64_t person,
                                          const std::string& language, int64_t now) {
  ll c = call, p = person, t = now, t2 = now, id = 0;
  soci::indicator ind = soci::i_null;
  db.sql() << "INSERT INTO application (call_id, person_id, language, created_at, updated_at) "
              "VALUES (:c, :p, :l, :t, :t2) ON CONFLICT (call_id, person_id) DO NOTHING "
              "RETURNING id",
      use(c), use(p), use(language), use(t), use(t2), into(id, ind);
  if (!db.sql().got_data() || ind == soci::i_null) return std::nullopt;
  return id;
}

void save_application(db::Session& db, const Application& a, int64_t now) {
  ll id = a.id, page = a.page, t = now, year = a.birth_year.value_or(0);
  soci::indicator yi = a.birth_year ? soci::i_ok : soci::i_null;
  soci::indicator ri = a.route_role.empty() ? soci::i_null : soci::i_ok;
  db.sql() << "UPDATE application SET page = :pg, language = :l, route_role = :r, "
              "organisation_name = :on, organisation_type = :ot, organisation_country = :oc, "
              "position = :po, motivation = :m, experience = :e, languages = :la, birth_year = "
              ":y, nationality = :n, updated_at = :t WHERE id = :id",
      use(page), use(a.language), use(a.route_role, ri), use(a.organisation_name),
      use(a.organisation_type), use(a.organisation_country), use(a.position), use(a.motivation),
      use(a.experience), use(a.languages), use(year, yi), use(a.nationality), use(t), use(id);
}

void replace_answers(db::Session& db, int64_t application,
                     const std::map<int64_t, std::string>& values) {
  ll a = application;
  db.sql() << "DELETE FROM application_answer WHERE application_id = :a", use(a);
  for (const auto& [question, value] : values) {
    if (value.empty()) continue;
    ll q = question;
    db.sql() << "INSERT INTO application_answer (application_id, question_id, value) VALUES (:a, "
                ":q, :v)",
        use(a), use(q), use(value);
  }
}

void set_submitted(db::Session& db, int64_t application, int64_t now) {
  ll a = application, t = now, t2 = now;
  db.sql() << "UPDATE application SET status = 'submitted', submitted_at = :t, updated_at = :t2 "
              "WHERE id = :a",
      use(t), use(t2), use(a);
}

void set_withdrawn(db::Session& db, int64_t application, int64_t now) {
  ll a = application, t = now, t2 = now;
  db.sql() << "UPDATE application SET status = 'withdrawn', withdrawn_at = :t, updated_at = :t2 "
              "WHERE id = :a",
      use(t), use(t2), use(a);
}

bool under_review(db::Session& db, int64_t application) {
  ll a = application, n = 0;
  db.sql() << "SELECT COUNT(*) FROM review_assignment WHERE application_id = :a", use(a), into(n);
  return n > 0;
}

std::vector<Mine> applications_of(db::Session& db, int64_t person) {
  ll p = person, p2 = person, p3 = person;
  db::Rows rows = (db.sql().prepare << std::string(kApplicationSelect) +
                                           "WHERE a.person_id = :p ORDER BY a.created_at DESC, "
                                           "a.id DESC",
                   use(p));
  std::vector<Mine> out;
  for (const auto& r : rows) out.push_back({application_of_row(r), {}, false});
  if (out.empty()) return out;
  db::Rows calls = (db.sql().prepare << std::string(kCallSelect) +
                                            "WHERE c.id IN (SELECT call_id FROM application "
                                            "WHERE person_id = :p)",
                    use(p2));
  std::map<int64_t, Call> by_id;
  for (const auto& r : calls) {
    auto c = call_of(r);
    by_id[c.id] = c;
  }
  std::map<int64_t, Call*> ptrs;
  for (auto& [id, c] : by_id) ptrs[id] = &c;
  add_texts(db, ptrs, "c.id IN (SELECT call_id FROM application WHERE person_id = :x)", p3);
  ll p4 = person;
  db::Rows reviewed =
      (db.sql().prepare << "SELECT DISTINCT r.application_id FROM review_assignment r JOIN "
                           "application a ON a.id = r.application_id WHERE a.person_id = :p",
       use(p4));
  std::vector<int64_t> in_review;
  for (const auto& r : reviewed) in_review.push_back(db::get_int64(r, 0));
  for (auto& m : out) {
    m.call = by_id[m.application.call_id];
    m.under_review =
        std::find(in_review.begin(), in_review.end(), m.application.id) != in_review.end();
  }
  return out;
}

namespace {
std::vector<Document> documents_where(db::Session& db, const std::string& scope, ll x) {
  db::Rows rows = (db.sql().prepare << "SELECT d.id, d.application_id, d.kind, d.filename, "
                                       "d.content_type, d.size, d.uploaded_at, d.deleted_at FROM "
                                       "application_document d JOIN application a ON a.id = "
                                       "d.application_id WHERE " +
                                           scope + " ORDER BY d.application_id, d.kind",
                   use(x));
  std::vector<Document> out;
  for (const auto& r : rows) {
    Document d;
    d.id = db::get_int64(r, 0);
    d.application_id = db::get_int64(r, 1);
    d.kind = db::get_text(r, 2);
    d.filename = db::get_text(r, 3);
    d.content_type = db::get_text(r, 4);
    d.size = db::get_int64(r, 5);
    d.uploaded_at = db::get_int64(r, 6);
    d.deleted_at = optional_of(r, 7);
    out.push_back(std::move(d));
  }
  return out;
}
}  // namespace

std::vector<Document> documents_of(db::Session& db, int64_t application) {
  return documents_where(db, "a.id = :x", application);
}

std::vector<Document> documents_of_person(db::Session& db, int64_t person) {
  return documents_where(db, "a.person_id = :x", person);
}

int64_t put_document(db::Session& db, const Document& d, const std::string& data, int64_t now) {
  delete_document(db, d.application_id, d.kind);
  ll a = d.application_id, size = d.size, t = now, id = 0;
  std::string bytes = db::blob_param(db, data);
  db.sql() << "INSERT INTO application_document (application_id, kind, filename, content_type, "
              "size, data, uploaded_at) VALUES (:a, :k, :f, :ct, :s, :d, :t) RETURNING id",
      use(a), use(d.kind), use(d.filename), use(d.content_type), use(size), use(bytes), use(t),
      into(id);
  return id;
}

bool delete_document(db::Session& db, int64_t application, const std::string& kind) {
  ll a = application;
  db.sql() << "DELETE FROM application_document WHERE application_id = :a AND kind = :k", use(a),
      use(kind);
  return db.sql().affected_rows() > 0;
}

std::optional<DocumentFile> document_file(db::Session& db, int64_t application,
                                          const std::string& kind) {
  for (auto& d : documents_of(db, application)) {
    if (d.kind != kind || d.deleted_at) continue;
    ll id = d.id;
    std::string data;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT data FROM application_document WHERE id = :i", use(id), into(data, ind);
    if (ind == soci::i_null) return std::nullopt;
    return DocumentFile{std::move(d), db::blob_value(db, std::move(data))};
  }
  return std::nullopt;
}

}  // namespace crm::admissions::apply_store

#include "admissions/call_store.hpp"

#include "programme/scope.hpp"

namespace crm::admissions::call_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

constexpr const char* kCallColumns =
    "c.id, c.programme_id, c.cohort_id, c.status, c.opens_at, c.closes_at, c.time_zone, "
    "c.places, c.blind_fields, c.conflict_same_country, c.second_stage, "
    "c.reviewers_per_application, c.review_due_at, c.retention_months, c.created_at, "
    "c.updated_at";
constexpr size_t kCallWidth = 16;

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
  c.conflict_same_country = db::get_int64(r, 9) != 0;
  c.second_stage = db::get_int64(r, 10) != 0;
  c.reviewers_per_application = static_cast<long>(db::get_int64(r, 11));
  if (r.get_indicator(12) != soci::i_null) c.review_due_at = db::get_int64(r, 12);
  c.retention_months = static_cast<long>(db::get_int64(r, 13));
  c.created_at = db::get_int64(r, 14);
  c.updated_at = db::get_int64(r, 15);
  return c;
}

// The programme's name in the reader's language, else English, else its slug
// (g: programme; binds :lang).
constexpr const char* kProgrammeName =
    "COALESCE((SELECT t.name FROM programme_text t WHERE t.programme_id = g.id AND t.language = "
    ":plang), (SELECT en.name FROM programme_text en WHERE en.programme_id = g.id AND "
    "en.language = 'en'), g.slug)";

// The call's title and its language: the reader's, else English, else the
// first language (by code) that has one (binds :lang twice).
constexpr const char* kTitle =
    "COALESCE((SELECT t.title FROM call_text t WHERE t.call_id = c.id AND t.title <> '' ORDER BY "
    "CASE WHEN t.language = :lang THEN 0 WHEN t.language = 'en' THEN 1 ELSE 2 END, t.language "
    "LIMIT 1), ''), COALESCE((SELECT t.language FROM call_text t WHERE t.call_id = c.id AND "
    "t.title <> '' ORDER BY CASE WHEN t.language = :lang2 THEN 0 WHEN t.language = 'en' THEN 1 "
    "ELSE 2 END, t.language LIMIT 1), '')";

CallRow row_of(const soci::row& r) {
  CallRow row;
  row.call = call_of(r);
  size_t i = kCallWidth;
  row.title = db::get_text(r, i++);
  row.title_language = db::get_text(r, i++);
  row.cohort = db::get_text(r, i++);
  row.cohort_number = static_cast<long>(db::get_int64(r, i++));
  row.programme = db::get_text(r, i++);
  return row;
}

}  // namespace

std::optional<Call> find_call(db::Session& db, int64_t id) {
  static const std::string sql =
      std::string("SELECT ") + kCallColumns + " FROM call c WHERE c.id = :id";
  ll i = id;
  db::Rows rows = (db.sql().prepare << sql, use(i));
  for (const auto& r : rows) return call_of(r);
  return std::nullopt;
}

std::map<std::string, CallText> call_texts(db::Session& db, int64_t call_id) {
  ll c = call_id;
  std::map<std::string, CallText> out;
  db::Rows rows = (db.sql().prepare << "SELECT language, title, who_may_apply, offer, costs, "
                                       "dates, retention_notice FROM call_text WHERE call_id = :c",
                   use(c));
  for (const auto& r : rows)
    out[db::get_text(r, 0)] = CallText{db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                                       db::get_text(r, 4), db::get_text(r, 5), db::get_text(r, 6)};
  return out;
}

int64_t insert_call(db::Session& db, const Call& c) {
  ll p = c.programme_id, co = c.cohort_id, o = c.opens_at, cl = c.closes_at, n = c.places,
     rpa = c.reviewers_per_application, rm = c.retention_months, t = c.created_at,
     t2 = c.updated_at, id = 0;
  int sc = c.conflict_same_country ? 1 : 0, ss = c.second_stage ? 1 : 0;
  db.sql() << "INSERT INTO call (programme_id, cohort_id, status, opens_at, closes_at, time_zone, "
              "places, blind_fields, conflict_same_country, second_stage, "
              "reviewers_per_application, retention_months, created_at, updated_at) VALUES (:p, "
              ":co, :st, :o, :cl, :z, :n, :b, :sc, :ss, :rpa, :rm, :t, :t2) RETURNING id",
      use(p), use(co), use(c.status), use(o), use(cl), use(c.time_zone), use(n),
      use(c.blind_fields), use(sc), use(ss), use(rpa), use(rm), use(t), use(t2), into(id);
  return id;
}

void update_call(db::Session& db, const Call& c) {
  ll id = c.id, o = c.opens_at, cl = c.closes_at, n = c.places, rpa = c.reviewers_per_application,
     rm = c.retention_months, t = c.updated_at;
  int sc = c.conflict_same_country ? 1 : 0, ss = c.second_stage ? 1 : 0;
  db.sql() << "UPDATE call SET status = :st, opens_at = :o, closes_at = :cl, time_zone = :z, "
              "places = :n, blind_fields = :b, conflict_same_country = :sc, second_stage = :ss, "
              "reviewers_per_application = :rpa, retention_months = :rm, updated_at = :t WHERE "
              "id = :id",
      use(c.status), use(o), use(cl), use(c.time_zone), use(n), use(c.blind_fields), use(sc),
      use(ss), use(rpa), use(rm), use(t), use(id);
}

void replace_texts(db::Session& db, int64_t call_id, const std::map<std::string, CallText>& texts) {
  ll c = call_id;
  db.sql() << "DELETE FROM call_text WHERE call_id = :c", use(c);
  for (const auto& [language, t] : texts)
    db.sql() << "INSERT INTO call_text (call_id, language, title, who_may_apply, offer, costs, "
                "dates, retention_notice) VALUES (:c, :l, :t, :w, :o, :co, :d, :r)",
        use(c), use(language), use(t.title), use(t.who_may_apply), use(t.offer), use(t.costs),
        use(t.dates), use(t.retention_notice);
}

void set_status(db::Session& db, int64_t call_id, const std::string& status, int64_t now) {
  ll c = call_id, t = now;
  db.sql() << "UPDATE call SET status = :s, updated_at = :t WHERE id = :c", use(status), use(t),
      use(c);
}

std::vector<DocumentRule> list_documents(db::Session& db, int64_t call_id) {
  ll c = call_id;
  std::vector<DocumentRule> out;
  db::Rows rows = (db.sql().prepare << "SELECT kind, required, max_bytes FROM call_document WHERE "
                                       "call_id = :c ORDER BY CASE kind WHEN 'cv' THEN 0 WHEN "
                                       "'support_letter' THEN 1 ELSE 2 END",
                   use(c));
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_int64(r, 1) != 0, db::get_int64(r, 2)});
  return out;
}

void replace_documents(db::Session& db, int64_t call_id, const std::vector<DocumentRule>& docs) {
  ll c = call_id;
  db.sql() << "DELETE FROM call_document WHERE call_id = :c", use(c);
  for (const auto& d : docs) {
    int req = d.required ? 1 : 0;
    ll max = d.max_bytes;
    db.sql() << "INSERT INTO call_document (call_id, kind, required, max_bytes) VALUES (:c, :k, "
                ":r, :m)",
        use(c), use(d.kind), use(req), use(max);
  }
}

std::vector<Question> list_questions(db::Session& db, int64_t call_id) {
  ll c = call_id;
  std::vector<Question> out;
  db::Rows rows =
      (db.sql().prepare << "SELECT q.id, q.position, q.kind, q.required, "
                           "COALESCE(q.eligible_answer, ''), COALESCE(t.language, ''), "
                           "COALESCE(t.label, ''), COALESCE(t.hint, '') FROM call_question q "
                           "LEFT JOIN call_question_text t ON t.question_id = q.id WHERE "
                           "q.call_id = :c ORDER BY q.position, q.id",
       use(c));
  for (const auto& r : rows) {
    const int64_t id = db::get_int64(r, 0);
    if (out.empty() || out.back().id != id) {
      Question q;
      q.id = id;
      q.position = static_cast<long>(db::get_int64(r, 1));
      q.kind = db::get_text(r, 2);
      q.required = db::get_int64(r, 3) != 0;
      q.eligible_answer = db::get_text(r, 4);
      out.push_back(std::move(q));
    }
    auto language = db::get_text(r, 5);
    if (!language.empty()) out.back().texts[language] = {db::get_text(r, 6), db::get_text(r, 7)};
  }
  return out;
}

int64_t insert_question(db::Session& db, int64_t call_id, const Question& q) {
  ll c = call_id, position = 0, id = 0;
  db.sql() << "SELECT COALESCE(MAX(position), 0) + 1 FROM call_question WHERE call_id = :c", use(c),
      into(position);
  int req = q.required ? 1 : 0;
  std::string eligible = q.eligible_answer;
  soci::indicator ind = eligible.empty() ? soci::i_null : soci::i_ok;
  db.sql() << "INSERT INTO call_question (call_id, position, kind, required, eligible_answer) "
              "VALUES (:c, :p, :k, :r, :e) RETURNING id",
      use(c), use(position), use(q.kind), use(req), use(eligible, ind), into(id);
  for (const auto& [language, text] : q.texts)
    db.sql() << "INSERT INTO call_question_text (question_id, language, label, hint) VALUES (:q, "
                ":l, :la, :h)",
        use(id), use(language), use(text.first), use(text.second);
  return id;
}

bool delete_question(db::Session& db, int64_t call_id, int64_t question_id) {
  ll c = call_id, q = question_id;
  db.sql() << "DELETE FROM call_question WHERE id = :q AND call_id = :c", use(q), use(c);
  return db.sql().affected_rows() > 0;
}

std::vector<Criterion> list_criteria(db::Session& db, int64_t call_id) {
  ll c = call_id;
  std::vector<Criterion> out;
  db::Rows rows =
      (db.sql().prepare << "SELECT k.id, k.position, k.weight, k.scale_min, k.scale_max, "
                           "COALESCE(t.language, ''), COALESCE(t.label, ''), "
                           "COALESCE(t.guidance, '') FROM call_criterion k LEFT JOIN "
                           "call_criterion_text t ON t.criterion_id = k.id WHERE k.call_id = :c "
                           "ORDER BY k.position, k.id",
       use(c));
  for (const auto& r : rows) {
    const int64_t id = db::get_int64(r, 0);
    if (out.empty() || out.back().id != id) {
      Criterion k;
      k.id = id;
      k.position = static_cast<long>(db::get_int64(r, 1));
      k.weight = db::get_optional_double(r, 2).value_or(1);
      k.scale_min = static_cast<long>(db::get_int64(r, 3));
      k.scale_max = static_cast<long>(db::get_int64(r, 4));
      out.push_back(std::move(k));
    }
    auto language = db::get_text(r, 5);
    if (!language.empty()) out.back().texts[language] = {db::get_text(r, 6), db::get_text(r, 7)};
  }
  return out;
}

int64_t insert_criterion(db::Session& db, int64_t call_id, const Criterion& k) {
  ll c = call_id, position = 0, id = 0, lo = k.scale_min, hi = k.scale_max;
  double w = k.weight;
  db.sql() << "SELECT COALESCE(MAX(position), 0) + 1 FROM call_criterion WHERE call_id = :c",
      use(c), into(position);
  db.sql() << "INSERT INTO call_criterion (call_id, position, weight, scale_min, scale_max) "
              "VALUES (:c, :p, :w, :lo, :hi) RETURNING id",
      use(c), use(position), use(w), use(lo), use(hi), into(id);
  for (const auto& [language, text] : k.texts)
    db.sql() << "INSERT INTO call_criterion_text (criterion_id, language, label, guidance) "
                "VALUES (:k, :l, :la, :g)",
        use(id), use(language), use(text.first), use(text.second);
  return id;
}

bool delete_criterion(db::Session& db, int64_t call_id, int64_t criterion_id) {
  ll c = call_id, k = criterion_id;
  db.sql() << "DELETE FROM call_criterion WHERE id = :k AND call_id = :c", use(k), use(c);
  return db.sql().affected_rows() > 0;
}

std::vector<Bound> list_bounds(db::Session& db, int64_t call_id) {
  ll c = call_id;
  std::vector<Bound> out;
  db::Rows rows = (db.sql().prepare << "SELECT dimension, value, min_count, max_count FROM "
                                       "call_bound WHERE call_id = :c ORDER BY CASE dimension "
                                       "WHEN 'route_role' THEN 0 WHEN 'gender' THEN 1 WHEN "
                                       "'country' THEN 2 ELSE 3 END, value",
                   use(c));
  for (const auto& r : rows) {
    Bound b;
    b.dimension = db::get_text(r, 0);
    b.value = db::get_text(r, 1);
    b.min_count = static_cast<long>(db::get_int64(r, 2));
    if (r.get_indicator(3) != soci::i_null) b.max_count = static_cast<long>(db::get_int64(r, 3));
    out.push_back(std::move(b));
  }
  return out;
}

void insert_bound(db::Session& db, int64_t call_id, const Bound& b) {
  ll c = call_id, lo = b.min_count, hi = b.max_count.value_or(0);
  soci::indicator ind = b.max_count ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO call_bound (call_id, dimension, value, min_count, max_count) VALUES "
              "(:c, :d, :v, :lo, :hi)",
      use(c), use(b.dimension), use(b.value), use(lo), use(hi, ind);
}

bool delete_bound(db::Session& db, int64_t call_id, const std::string& dimension,
                  const std::string& value) {
  ll c = call_id;
  db.sql() << "DELETE FROM call_bound WHERE call_id = :c AND dimension = :d AND value = :v", use(c),
      use(dimension), use(value);
  return db.sql().affected_rows() > 0;
}

long count_applications(db::Session& db, int64_t call_id) {
  ll c = call_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM application WHERE call_id = :c", use(c), into(n);
  return static_cast<long>(n);
}

long count_reviews(db::Session& db, int64_t call_id) {
  ll c = call_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM review_assignment r JOIN application a ON a.id = "
              "r.application_id WHERE a.call_id = :c",
      use(c), into(n);
  return static_cast<long>(n);
}

std::vector<CohortChoice> cohorts_without_call(db::Session& db, int64_t account_id, bool all,
                                               const std::string& language) {
  static const std::string sql =
      std::string("SELECT co.id, co.programme_id, co.number, co.name, ") + kProgrammeName +
      " FROM cohort co JOIN programme g ON g.id = co.programme_id WHERE (CAST(:all AS BIGINT) = "
      "1 OR co.programme_id IN " +
      programme::programmes_of_account_sql() +
      ") AND NOT EXISTS (SELECT 1 FROM call c WHERE c.cohort_id = co.id) ORDER BY "
      "co.programme_id, co.number DESC";
  ll a = account_id, every = all ? 1 : 0;
  std::vector<CohortChoice> out;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(every), use(a), use(a));
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), static_cast<long>(db::get_int64(r, 2)),
                   db::get_text(r, 3), db::get_text(r, 4)});
  return out;
}

std::optional<CohortChoice> find_cohort(db::Session& db, int64_t cohort_id,
                                        const std::string& language) {
  static const std::string sql =
      std::string("SELECT co.id, co.programme_id, co.number, co.name, ") + kProgrammeName +
      " FROM cohort co JOIN programme g ON g.id = co.programme_id WHERE co.id = :id";
  ll id = cohort_id;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(id));
  for (const auto& r : rows)
    return CohortChoice{db::get_int64(r, 0), db::get_int64(r, 1),
                        static_cast<long>(db::get_int64(r, 2)), db::get_text(r, 3),
                        db::get_text(r, 4)};
  return std::nullopt;
}

std::vector<CallRow> list_open_calls(db::Session& db, int64_t now, const std::string& language) {
  static const std::string sql = std::string("SELECT ") + kCallColumns + ", " + kTitle +
                                 ", co.name, co.number, " + kProgrammeName +
                                 " FROM call c JOIN cohort co ON co.id = c.cohort_id JOIN "
                                 "programme g ON g.id = c.programme_id WHERE c.status = "
                                 "'published' AND c.closes_at > :now ORDER BY c.closes_at, c.id";
  ll n = now;
  std::vector<CallRow> out;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(language), use(language), use(n));
  for (const auto& r : rows) out.push_back(row_of(r));
  return out;
}

std::vector<CallRow> list_programme_calls(db::Session& db, int64_t account_id, bool all,
                                          const std::string& language) {
  static const std::string sql =
      std::string("SELECT ") + kCallColumns + ", " + kTitle + ", co.name, co.number, " +
      kProgrammeName +
      ", (SELECT COUNT(*) FROM application a WHERE a.call_id = c.id AND a.status = 'draft'), "
      "(SELECT COUNT(*) FROM application a WHERE a.call_id = c.id AND a.status = 'submitted'), "
      "(SELECT COUNT(*) FROM application a WHERE a.call_id = c.id AND a.status = 'withdrawn') "
      "FROM call c JOIN cohort co ON co.id = c.cohort_id JOIN programme g ON g.id = "
      "c.programme_id WHERE (CAST(:all AS BIGINT) = 1 OR c.programme_id IN " +
      programme::programmes_of_account_sql() + ") ORDER BY c.programme_id, co.number DESC";
  ll a = account_id, every = all ? 1 : 0;
  std::vector<CallRow> out;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(language), use(language), use(every),
                   use(a), use(a));
  for (const auto& r : rows) {
    auto row = row_of(r);
    row.drafts = static_cast<long>(db::get_int64(r, kCallWidth + 5));
    row.submitted = static_cast<long>(db::get_int64(r, kCallWidth + 6));
    row.withdrawn = static_cast<long>(db::get_int64(r, kCallWidth + 7));
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<CallRow> call_header(db::Session& db, int64_t call_id, const std::string& language) {
  static const std::string sql = std::string("SELECT ") + kCallColumns + ", " + kTitle +
                                 ", co.name, co.number, " + kProgrammeName +
                                 " FROM call c JOIN cohort co ON co.id = c.cohort_id JOIN "
                                 "programme g ON g.id = c.programme_id WHERE c.id = :id";
  ll id = call_id;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(language), use(language), use(id));
  for (const auto& r : rows) return row_of(r);
  return std::nullopt;
}

}  // namespace crm::admissions::call_store

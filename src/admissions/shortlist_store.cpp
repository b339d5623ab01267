#include "admissions/shortlist_store.hpp"

namespace crm::admissions::shortlist_store {

using soci::into;
using soci::use;
using ll = long long;

std::optional<CallRow> find_call(db::Session& db, int64_t call_id, const std::string& language) {
  ll id = call_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT c.id, c.programme_id, c.cohort_id, c.status, c.places, "
                           "c.reviewers_per_application, c.second_stage, c.opens_at, c.closes_at, "
                           "COALESCE((SELECT t.title FROM call_text t WHERE t.call_id = c.id AND "
                           "t.language = :l), (SELECT t.title FROM call_text t WHERE t.call_id = "
                           "c.id AND t.language = 'en'), '') FROM call c WHERE c.id = :i",
       use(language), use(id));
  for (const auto& r : rows) {
    CallRow out;
    out.call.id = db::get_int64(r, 0);
    out.call.programme_id = db::get_int64(r, 1);
    out.call.cohort_id = db::get_int64(r, 2);
    out.call.status = db::get_text(r, 3);
    out.call.places = static_cast<long>(db::get_int64(r, 4));
    out.call.reviewers_per_application = static_cast<long>(db::get_int64(r, 5));
    out.call.second_stage = db::get_int64(r, 6) != 0;
    out.call.opens_at = db::get_int64(r, 7);
    out.call.closes_at = db::get_int64(r, 8);
    out.title = db::get_text(r, 9);
    return out;
  }
  return std::nullopt;
}

std::vector<ApplicantRow> applicants(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare
                       << "SELECT a.id, a.person_id, p.name, a.status, COALESCE(p.gender, ''), "
                          "COALESCE(a.route_role, ''), a.organisation_name, a.organisation_type, "
                          "a.organisation_country, a.submitted_at FROM application a JOIN person "
                          "p ON p.id = a.person_id WHERE a.call_id = :c AND a.status IN "
                          "('submitted', 'withdrawn') AND a.submitted_at IS NOT NULL ORDER BY a.id",
                   use(c));
  std::vector<ApplicantRow> out;
  for (const auto& r : rows) {
    ApplicantRow a;
    a.id = db::get_int64(r, 0);
    a.person_id = db::get_int64(r, 1);
    a.name = db::get_text(r, 2);
    a.status = db::get_text(r, 3);
    a.gender = db::get_text(r, 4);
    a.route_role = db::get_text(r, 5);
    a.organisation_name = db::get_text(r, 6);
    a.organisation_type = db::get_text(r, 7);
    a.organisation_country = db::get_text(r, 8);
    a.submitted_at = db::get_int64(r, 9);
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<Bound> bounds(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare << "SELECT dimension, value, min_count, max_count FROM "
                                       "call_bound WHERE call_id = :c ORDER BY dimension, value",
                   use(c));
  std::vector<Bound> out;
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

std::vector<int64_t> failing_eligibility(db::Session& db, int64_t call_id) {
  ll c = call_id;
  const std::string sql =
      std::string(
          "SELECT a.id FROM application a WHERE a.call_id = :c AND a.submitted_at IS NOT "
          "NULL AND NOT ") +
      kPassesQuestionsSql + " ORDER BY a.id";
  db::Rows rows = (db.sql().prepare << sql, use(c));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

std::vector<programme::ProgrammeCountry> country_roles(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT country, role FROM programme_country WHERE "
                                       "programme_id = :p ORDER BY country, role",
                   use(p));
  std::vector<programme::ProgrammeCountry> out;
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_text(r, 1)});
  return out;
}

std::vector<ChangeRow> changes(db::Session& db, int64_t call_id) {
  ll c = call_id;
  db::Rows rows = (db.sql().prepare << "SELECT s.id, s.application_id, s.source, s.reason, "
                                       "COALESCE(a.name, ''), s.at FROM shortlist_change s LEFT "
                                       "JOIN account a ON a.id = s.by_account_id WHERE s.call_id "
                                       "= :c ORDER BY s.id",
                   use(c));
  std::vector<ChangeRow> out;
  for (const auto& r : rows) {
    ChangeRow x;
    x.id = db::get_int64(r, 0);
    x.application_id = db::get_int64(r, 1);
    x.source = db::get_text(r, 2);
    x.reason = db::get_text(r, 3);
    x.by_name = db::get_text(r, 4);
    x.at = db::get_int64(r, 5);
    out.push_back(std::move(x));
  }
  return out;
}

int64_t insert_change(db::Session& db, int64_t call_id, int64_t application_id,
                      const std::string& source, const std::string& reason, int64_t by_account,
                      int64_t now) {
  ll c = call_id, a = application_id, by = by_account, t = now, id = 0;
  db.sql() << "INSERT INTO shortlist_change (call_id, application_id, source, reason, "
              "by_account_id, at) VALUES (:c, :a, :s, :r, :b, :t) RETURNING id",
      use(c), use(a), use(source), use(reason), use(by), use(t), into(id);
  return id;
}

}  // namespace crm::admissions::shortlist_store

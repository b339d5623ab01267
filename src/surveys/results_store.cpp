#include "surveys/results_store.hpp"

#include <string>

namespace crm::surveys::results_store {

namespace {

using ll = long long;
using soci::use;

// The group a response falls in, as SQL (scope.by is checked by the service;
// anything else is one group).
std::string group_expr(const Scope& s) {
  if (s.by == "cohort") return "COALESCE(CAST(r.cohort_id AS TEXT), '')";
  if (s.by == "country") return "r.country";
  if (s.by == "gender") return "r.gender";
  if (s.by == "organisation_type") return "r.organisation_type";
  if (s.by == "route_role") return "COALESCE(pc.role, 'none')";
  return "''";
}

// ", <group>" for a GROUP BY list; "" without a cross-tab (PostgreSQL
// refuses a constant there).
std::string and_group(const Scope& s) {
  return s.by.empty() ? "" : ", " + group_expr(s);
}

// FROM and WHERE of the submitted responses in scope. Ids are numbers
// written by std::to_string: nothing from the request reaches the SQL as text.
std::string responses_in(const Scope& s, bool with_filters, bool with_group) {
  std::string sql =
      " FROM survey_response r JOIN survey_round rd ON rd.id = r.round_id "
      "JOIN survey s ON s.id = rd.survey_id ";
  if (with_group && s.by == "route_role")
    sql +=
        "LEFT JOIN programme_country pc ON pc.programme_id = s.programme_id "
        "AND pc.country = r.country ";
  sql += "WHERE s.id = " + std::to_string(s.survey) +
         " AND s.programme_id = " + std::to_string(s.programme) + " AND r.submitted_on IS NOT NULL";
  if (s.version) sql += " AND r.version_id = " + std::to_string(s.version);
  if (with_filters) {
    if (s.round) sql += " AND r.round_id = " + std::to_string(s.round);
    if (s.cohort) sql += " AND r.cohort_id = " + std::to_string(s.cohort);
  }
  return sql;
}

// responses_in() with the answers and their questions joined.
std::string answers_in(const Scope& s) {
  std::string base = responses_in(s, true, true);
  auto where = base.find("WHERE");
  return base.substr(0, where) +
         "JOIN survey_answer a ON a.response_id = r.id "
         "JOIN survey_question q ON q.id = a.question_id " +
         base.substr(where);
}

long as_long(const soci::row& r, std::size_t i) {
  return static_cast<long>(db::get_int64(r, i));
}

}  // namespace

std::vector<VersionCount> versions(db::Session& db, int64_t programme, int64_t survey) {
  ll p = programme, s = survey;
  db::Rows rows = (db.sql().prepare << "SELECT v.id, v.number, COUNT(r.id) FROM survey_version v "
                                       "JOIN survey s ON s.id = v.survey_id "
                                       "LEFT JOIN survey_response r ON r.version_id = v.id "
                                       "AND r.submitted_on IS NOT NULL "
                                       "WHERE v.survey_id = :s AND s.programme_id = :p "
                                       "GROUP BY v.id, v.number ORDER BY v.number DESC",
                   use(s), use(p));
  std::vector<VersionCount> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), as_long(r, 1), as_long(r, 2)});
  return out;
}

std::vector<RoundCount> rounds(db::Session& db, const Scope& scope) {
  ll p = scope.programme, s = scope.survey, v = scope.version;
  db::Rows rows =
      (db.sql().prepare << "SELECT rd.id, rd.cohort_id, c.name, rd.audience, rd.phase, "
                           "rd.opens_at, COUNT(r.id) FROM survey_round rd "
                           "JOIN survey s ON s.id = rd.survey_id "
                           "JOIN cohort c ON c.id = rd.cohort_id "
                           "LEFT JOIN survey_response r ON r.round_id = rd.id "
                           "AND r.submitted_on IS NOT NULL AND (:v = 0 OR r.version_id = :v2) "
                           "WHERE rd.survey_id = :s AND s.programme_id = :p "
                           "GROUP BY rd.id, rd.cohort_id, c.name, rd.audience, rd.phase, "
                           "rd.opens_at ORDER BY rd.opens_at, rd.id",
       use(v), use(v), use(s), use(p));
  std::vector<RoundCount> out;
  for (const auto& r : rows) {
    RoundCount x;
    x.id = db::get_int64(r, 0);
    x.cohort_id = db::get_int64(r, 1);
    x.cohort_name = db::get_text(r, 2);
    x.audience = db::get_text(r, 3);
    x.phase = db::get_text(r, 4);
    x.opens_at = db::get_int64(r, 5);
    x.responses = as_long(r, 6);
    out.push_back(std::move(x));
  }
  return out;
}

Respondents respondents(db::Session& db, const Scope& scope) {
  std::string filtered = "1 = 1";
  if (scope.round) filtered += " AND r.round_id = " + std::to_string(scope.round);
  if (scope.cohort) filtered += " AND r.cohort_id = " + std::to_string(scope.cohort);
  soci::row row;
  db.sql() << "SELECT COALESCE(SUM(CASE WHEN " + filtered + " THEN 1 ELSE 0 END), 0), COUNT(*)" +
                  responses_in(scope, false, false),
      soci::into(row);
  return {as_long(row, 0), as_long(row, 1)};
}

std::vector<GroupCount> groups(db::Session& db, const Scope& scope) {
  const std::string g = group_expr(scope);
  db::Rows rows = (db.sql().prepare
                   << "SELECT " + g + ", COUNT(DISTINCT r.id)" + responses_in(scope, true, true) +
                          (scope.by.empty() ? "" : " GROUP BY " + g) + " ORDER BY 1");
  std::vector<GroupCount> out;
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), as_long(r, 1)});
  return out;
}

std::vector<ChoiceCount> choice_counts(db::Session& db, const Scope& scope) {
  const std::string g = group_expr(scope);
  db::Rows rows =
      (db.sql().prepare << "SELECT q.name, a.item, a.choice, " + g + ", COUNT(DISTINCT r.id)" +
                               answers_in(scope) +
                               " AND q.type IN ('single', 'multiple', 'likert', 'matrix') "
                               "AND a.choice <> '' GROUP BY q.name, a.item, a.choice" +
                               and_group(scope) + " ORDER BY 1, 2, 3, 4");
  std::vector<ChoiceCount> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   as_long(r, 4)});
  return out;
}

std::vector<AnsweredCount> answered(db::Session& db, const Scope& scope) {
  const std::string g = group_expr(scope);
  db::Rows rows = (db.sql().prepare << "SELECT q.name, a.item, " + g + ", COUNT(DISTINCT r.id)" +
                                           answers_in(scope) + " GROUP BY q.name, a.item" +
                                           and_group(scope) + " ORDER BY 1, 2, 3");
  std::vector<AnsweredCount> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2), as_long(r, 3)});
  return out;
}

std::vector<NumberAnswer> numbers(db::Session& db, const Scope& scope) {
  Scope s = scope;
  s.by.clear();
  db::Rows rows = (db.sql().prepare << "SELECT q.name, a.number" + answers_in(s) +
                                           " AND q.type IN ('integer', 'decimal') AND a.number "
                                           "IS NOT NULL ORDER BY q.name, a.number");
  std::vector<NumberAnswer> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_optional_double(r, 1).value_or(0)});
  return out;
}

std::vector<MonthCount> months(db::Session& db, const Scope& scope) {
  Scope s = scope;
  s.by.clear();
  db::Rows rows = (db.sql().prepare << "SELECT q.name, SUBSTR(a.text, 1, 7), COUNT(DISTINCT r.id)" +
                                           answers_in(s) +
                                           " AND q.type = 'date' AND a.text IS NOT NULL "
                                           "GROUP BY q.name, SUBSTR(a.text, 1, 7) ORDER BY 1, 2");
  std::vector<MonthCount> out;
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_text(r, 1), as_long(r, 2)});
  return out;
}

std::vector<TextAnswer> texts(db::Session& db, const Scope& scope, long limit) {
  Scope s = scope;
  s.by.clear();
  ll n = limit;
  db::Rows rows = (db.sql().prepare << "SELECT q.name, a.text" + answers_in(s) +
                                           " AND q.type = 'text' AND a.text IS NOT NULL AND "
                                           "a.text <> '' ORDER BY q.name, a.text LIMIT :n",
                   use(n));
  std::vector<TextAnswer> out;
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_text(r, 1)});
  return out;
}

std::vector<PhaseAnswer> phase_answers(db::Session& db, int64_t programme, int64_t survey) {
  ll p = programme, s = survey;
  db::Rows rows =
      (db.sql().prepare << "SELECT r.person_id, rd.phase, q.name, a.item, a.choice, a.number "
                           "FROM survey_response r JOIN survey_round rd ON rd.id = r.round_id "
                           "JOIN survey s ON s.id = rd.survey_id "
                           "JOIN survey_answer a ON a.response_id = r.id "
                           "JOIN survey_question q ON q.id = a.question_id "
                           "WHERE s.id = :s AND s.programme_id = :p AND s.anonymous = 0 "
                           "AND r.submitted_on IS NOT NULL AND r.person_id IS NOT NULL "
                           "AND rd.phase IN ('pre', 'post') "
                           "AND q.type IN ('matrix', 'likert', 'single', 'integer', 'decimal') "
                           "ORDER BY q.name, a.item, r.person_id, rd.phase",
       use(s), use(p));
  std::vector<PhaseAnswer> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   db::get_text(r, 4), db::get_optional_double(r, 5)});
  return out;
}

namespace {

std::string raw_ids(const Scope& scope, long limit) {
  Scope s = scope;
  s.by.clear();
  return "SELECT r.id" + responses_in(s, true, false) +
         " AND s.anonymous = 0 AND r.person_id IS NOT NULL ORDER BY r.id LIMIT " +
         std::to_string(limit);
}

}  // namespace

std::vector<RawResponse> raw_responses(db::Session& db, const Scope& scope, long limit) {
  db::Rows rows = (db.sql().prepare << "SELECT r.id, r.person_id, r.round_id, r.submitted_on, "
                                       "p.name, COALESCE(c.name, ''), r.language "
                                       "FROM survey_response r JOIN person p ON p.id = r.person_id "
                                       "LEFT JOIN cohort c ON c.id = r.cohort_id "
                                       "WHERE r.id IN (" +
                                           raw_ids(scope, limit) + ") ORDER BY r.id");
  std::vector<RawResponse> out;
  for (const auto& r : rows) {
    RawResponse x;
    x.id = db::get_int64(r, 0);
    x.person = db::get_int64(r, 1);
    x.round = db::get_int64(r, 2);
    x.submitted_on = db::get_int64(r, 3);
    x.person_name = db::get_text(r, 4);
    x.cohort_name = db::get_text(r, 5);
    x.language = db::get_text(r, 6);
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<RawAnswer> raw_answers(db::Session& db, const Scope& scope, long limit) {
  db::Rows rows =
      (db.sql().prepare << "SELECT a.response_id, q.name, a.item, a.choice, "
                           "COALESCE(a.text, ''), a.number FROM survey_answer a "
                           "JOIN survey_question q ON q.id = a.question_id "
                           "WHERE a.response_id IN (" +
                               raw_ids(scope, limit) +
                               ") ORDER BY a.response_id, q.position, a.item, a.choice");
  std::vector<RawAnswer> out;
  for (const auto& r : rows) {
    RawAnswer x;
    x.response = db::get_int64(r, 0);
    x.question = db::get_text(r, 1);
    x.item = db::get_text(r, 2);
    x.choice = db::get_text(r, 3);
    x.text = db::get_text(r, 4);
    x.number = db::get_optional_double(r, 5);
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace crm::surveys::results_store

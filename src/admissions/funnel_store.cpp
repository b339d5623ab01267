#include "admissions/funnel_store.hpp"

namespace crm::admissions::funnel_store {

namespace {

using soci::use;
using ll = long long;

// The one rule of eligibility by the call's questions: an application passes
// unless it answered a question that has an eligible answer otherwise. An
// unanswered optional question is not answered otherwise.
constexpr const char* kPassesQuestions =
    "NOT EXISTS (SELECT 1 FROM application_answer aa JOIN call_question q ON q.id = "
    "aa.question_id WHERE aa.application_id = a.id AND q.call_id = a.call_id AND "
    "q.eligible_answer IS NOT NULL AND aa.value <> q.eligible_answer)";

constexpr const char* kRunning = "a.submitted_at IS NOT NULL AND a.status <> 'withdrawn'";

// The grouping expression and the join it needs: fixed text, never input.
std::pair<std::string, std::string> grouping(By by) {
  switch (by) {
    case By::total:
      return {"''", ""};
    case By::country:
      return {"a.organisation_country", ""};
    case By::route_role:
      return {"COALESCE(pc.role, a.route_role, '')",
              " LEFT JOIN programme_country pc ON pc.programme_id = c.programme_id AND "
              "pc.country = a.organisation_country"};
    case By::organisation_type:
      return {"a.organisation_type", ""};
    case By::gender:
      return {"COALESCE(p.gender, '')", ""};
  }
  return {"''", ""};
}

}  // namespace

std::vector<Counts> counts(db::Session& db, int64_t call_id, By by) {
  ll c = call_id;
  auto [expr, join] = grouping(by);
  const std::string running = kRunning;
  const std::string sql =
      "SELECT " + expr +
      ", COUNT(*), SUM(CASE WHEN a.submitted_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN " +
      running + " AND " + kPassesQuestions +
      " THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN " +
      running +
      " AND a.decision = 'accepted' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN " +
      running +
      " AND a.decision = 'accepted' AND a.confirmed_at IS NOT NULL "
      "AND a.declined_at IS NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN " +
      running +
      " AND EXISTS (SELECT 1 FROM enrolment e WHERE e.person_id = "
      "a.person_id AND e.cohort_id = c.cohort_id AND e.role = 'participant' AND e.status <> "
      "'not_admitted') THEN 1 ELSE 0 END) "
      "FROM application a JOIN call c ON c.id = a.call_id JOIN person p ON p.id = a.person_id" +
      join + " WHERE a.call_id = :c" +
      (by == By::total ? std::string() : " GROUP BY " + expr + " ORDER BY " + expr);
  db::Rows rows = (db.sql().prepare << sql, use(c));
  std::vector<Counts> out;
  for (const auto& r : rows) {
    Counts x;
    x.value = db::get_text(r, 0);
    x.started = static_cast<long>(db::get_int64(r, 1));
    x.submitted = static_cast<long>(db::get_int64(r, 2));
    x.eligible = static_cast<long>(db::get_int64(r, 3));
    x.accepted = static_cast<long>(db::get_int64(r, 4));
    x.confirmed = static_cast<long>(db::get_int64(r, 5));
    x.enrolled = static_cast<long>(db::get_int64(r, 6));
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<int64_t> failing_eligibility(db::Session& db, int64_t call_id) {
  ll c = call_id;
  const std::string sql =
      std::string(
          "SELECT a.id FROM application a WHERE a.call_id = :c AND a.submitted_at IS NOT "
          "NULL AND NOT ") +
      kPassesQuestions + " ORDER BY a.id";
  db::Rows rows = (db.sql().prepare << sql, use(c));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

}  // namespace crm::admissions::funnel_store

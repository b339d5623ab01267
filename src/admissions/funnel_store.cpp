#include "admissions/funnel_store.hpp"

#include "admissions/shortlist_store.hpp"

namespace crm::admissions::funnel_store {

namespace {

using soci::use;
using ll = long long;

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
      running + " AND " + shortlist_store::kPassesQuestionsSql +
      " THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN " +
      running +
      " AND a.decision = 'accepted' AND a.decided_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN " +
      running +
      " AND a.decision = 'accepted' AND a.decided_at IS NOT NULL AND a.confirmed_at IS NOT NULL "
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

}  // namespace crm::admissions::funnel_store

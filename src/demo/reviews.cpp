// Demo reviews: for every closed or decided call that has submitted
// applications and no assignment yet, the demo's lecturers, staff and
// stakeholders become its reviewers (each of an organisation of their own),
// every application gets the call's number of reviewers evenly at random
// (admissions/assign.hpp, seeded with the call's id) and most reviews are
// scored on the call's rubric (scores derived from the ids, so the same
// demo gives the same scores; the people the cohort admitted at the top of
// the scale, so the ranking proposes them); in a closed call a few of the
// others' reviews stay open and overdue.
// Reads the calls and applications others' demo code made from the
// database; a call with assignments is left alone (idempotent).
#include "demo/reviews.hpp"

#include <algorithm>
#include <set>

#include "admissions/assign.hpp"
#include "admissions/review_store.hpp"
#include "db/migrate.hpp"

namespace crm::demo {

namespace {

constexpr int kAdmissionsSchema = 16;
constexpr int64_t kDay = 86400;

// The applications of the people the call's cohort admitted (enrolled as
// participants, not 'not_admitted').
std::set<int64_t> cohort_members_applying(db::Session& db, int64_t call_id) {
  long long c = call_id;
  std::set<int64_t> out;
  db::Rows rows = (db.sql().prepare << "SELECT a.id FROM application a JOIN call c ON c.id = "
                                       "a.call_id JOIN enrolment e ON e.person_id = a.person_id "
                                       "AND e.cohort_id = c.cohort_id AND e.role = 'participant' "
                                       "AND e.status <> 'not_admitted' WHERE a.call_id = :c",
                   soci::use(c));
  for (const auto& r : rows) out.insert(db::get_int64(r, 0));
  return out;
}

}  // namespace

void load_reviews(db::Session& db, int64_t now) {
  namespace rs = admissions::review_store;
  if (db::schema_version(db) < kAdmissionsSchema) return;
  const char* organisations[] = {"University of Vienna",      "Danube Migration Office",
                                 "Steering Committee",        "Université Cheikh Anta Diop",
                                 "Geneva Graduate Institute", "Ministry of the Interior"};
  const char* countries[] = {"AT", "DE", "GH", "SN", "CH", "MA"};
  const auto candidates = rs::review_candidates(db, 6);
  if (candidates.size() < 2) return;
  for (const std::string status : {"closed", "decided"})
    for (int64_t call_id : rs::calls_with_applications(db, status)) {
      if (!rs::call_assignments(db, call_id).empty()) continue;
      auto call = rs::find_call(db, call_id, "en");
      if (!call) continue;
      const auto criteria = rs::criteria(db, call_id, "en");
      db::Transaction tx(db);
      if (rs::reviewers(db, call_id).empty())
        for (size_t k = 0; k < candidates.size(); ++k)
          rs::insert_reviewer(db, call_id, candidates[k], organisations[k], countries[k], now);
      admissions::assign::Input in;
      in.per_application = call->per_application;
      in.same_country = call->same_country;
      in.seed = static_cast<uint64_t>(call_id);
      for (const auto& r : rs::reviewers(db, call_id))
        in.reviewers.push_back({r.account, r.organisation, r.country, 0});
      for (const auto& a : rs::submitted_applications(db, call_id))
        in.applications.push_back({a.id, a.organisation, a.country, {}, {}});
      const auto due = call->review_due_at.value_or(now - 7 * kDay);
      const auto admitted = cohort_members_applying(db, call_id);
      long n = 0;
      for (const auto& p : admissions::assign::plan(in).add) {
        const auto id =
            rs::insert_assignment(db, p.application, p.account, 1, due, due - 21 * kDay);
        const bool member = admitted.count(p.application) > 0;
        // In a closed call every seventh review of the others is still open.
        if (status == "closed" && !member && ++n % 7 == 0) continue;
        std::vector<admissions::Score> scores;
        for (const auto& c : criteria) {
          // The cohort's people scored at the top of the scale (they were
          // chosen), the others below them.
          const long top = member ? 2 : std::max(1L, c.scale_max - c.scale_min - 1);
          const long base = member ? c.scale_max - 1 : c.scale_min;
          const long v = base + static_cast<long>((p.application * 7 + p.account * 3 + c.id) % top);
          scores.push_back({c.id, std::min(v, c.scale_max), ""});
        }
        if (!scores.empty()) rs::save_scores(db, id, scores, due - kDay);
      }
      tx.commit();
    }
}

}  // namespace crm::demo

// SQL of a call's funnel (issue 13 §6): the only file of the funnel with
// SQL. Each read takes the call in its WHERE and is one statement for the
// whole call, counted in SQL (GROUP BY), never a statement per applicant.
// Reads only: the funnel writes nothing.
//
// The stages counted here (the reviewed and shortlisted stages come from the
// shortlist's own logic, shortlist_service.hpp):
//   started    every application of the call, drafts included;
//   submitted  submitted_at set (sent at least once, withdrawn later or not);
//   eligible   submitted, not withdrawn, and no answer to an eligibility
//              question (call_question.eligible_answer) other than the one it
//              asks for (shortlist_store::kPassesQuestionsSql, the shortlist's rule);
//   accepted   not withdrawn, decision 'accepted' (declined later or not);
//   confirmed  accepted and confirmed_at set, not declined;
//   enrolled   not withdrawn, and the person has an enrolment with the role
//              participant in the call's cohort (any status but not_admitted).
// A withdrawn application leaves every stage after "submitted".
//
// Documents are never read: retention empties them and the counts stay.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::admissions::funnel_store {

// What the counts are grouped by: everything in one group, the applicant's
// country of work, their route role (the roles the programme gives that
// country — one row per role when it holds several —, the role they gave
// when it holds none: as programme/parity and the shortlist count them),
// organisation type, or the gender written on the person record (as written:
// the service puts it into programme::gender_bucket's buckets).
enum class By { total, country, route_role, organisation_type, gender };

// Counts of one group: started, submitted, eligible, accepted, confirmed,
// enrolled.
struct Counts {
  std::string value;  // "" for By::total and for applications without one
  long started = 0, submitted = 0, eligible = 0, accepted = 0, confirmed = 0, enrolled = 0;
};
std::vector<Counts> counts(db::Session& db, int64_t call_id, By by);

}  // namespace crm::admissions::funnel_store

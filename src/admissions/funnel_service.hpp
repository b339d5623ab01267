// The funnel of a call (issue 13 §6): how many applications reached each
// stage — started, submitted, eligible, reviewed, shortlisted, accepted,
// confirmed, enrolled — in total and by country, route role, organisation
// type and gender, for the programme's staff. The page, its CSV and its XLSX
// come from the same call of funnel_page().
//
// Stages (funnel_store.hpp says how started … enrolled are counted):
//   reviewed     eligible, with at least the call's reviewers_per_application
//                submitted first-stage reviews (the shortlist's own rule for
//                who is in the running: RankedRow::eligible);
//   shortlisted  on the shortlist as it stands (the proposal with the hand
//                changes on top: RankedRow::shortlisted), withdrawn never.
// Buckets as the shortlist counts them: route roles of the country (an
// applicant counts once for each role their country holds, so route-role
// rows can add up to more than the total), programme::gender_bucket of the
// person's gender, country and organisation type of the application.
//
// Anonymous: counts only, no names. Documents are never read, so the funnel
// keeps its numbers after retention empties them (retention.hpp).
// Statements: a fixed number whatever the number of applicants (the
// shortlist's reads and one count per dimension and the total).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "admissions/shortlist_store.hpp"
#include "core/result.hpp"
#include "web/context.hpp"

namespace crm::admissions {

enum class Stage {
  started,
  submitted,
  eligible,
  reviewed,
  shortlisted,
  accepted,
  confirmed,
  enrolled
};
constexpr size_t kStages = 8;
using StageCounts = std::array<long, kStages>;

struct FunnelRow {
  std::string value;  // the bucket ("MA", "origin", "ngo", "female"); "" none given
  StageCounts n{};
};

struct FunnelDimension {
  std::string dimension;        // country | route_role | organisation_type | gender
  std::vector<FunnelRow> rows;  // by number started (largest first), then value
};

struct FunnelPage {
  shortlist_store::CallRow call;
  StageCounts total{};
  std::vector<FunnelDimension> dimensions;  // route_role, country, organisation_type, gender
};

// not_found unless the actor manages the calls of the call's programme
// (policy::can_manage_calls); conflict when the shortlist's solver fails.
Result<FunnelPage> funnel_page(web::Ctx& ctx, int64_t call_id);

// The same for a call already found, without asking who reads it (tests).
Result<FunnelPage> funnel(db::Session& db, shortlist_store::CallRow call);

}  // namespace crm::admissions

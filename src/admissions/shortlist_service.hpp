// The ranking of a call's applicants and its shortlist (issue 13 §4): the
// ranked list with the weighted scores, the proposed shortlist
// (selection.hpp), why each applicant is in or out, the parity of the
// resulting cohort against the call's bounds, and changes by hand.
//
// Scores: each submitted review's weighted mean over the criteria it scored
// (Σ weight · score / Σ weight), the application's score the mean of those
// over its submitted reviews (both stages when the call has a second). An
// application with fewer submitted first-stage reviews than the call's
// reviewers_per_application is not eligible for the proposal, nor one that
// answered an eligibility question otherwise (shortlist_store::
// kPassesQuestionsSql): the page says why.
//
// Buckets as the cohort's parity page counts them (programme/parity.hpp):
// route roles are those the programme gives the applicant's country of work
// (all of them when it holds several), the role the applicant gave when the
// country holds none; gender by programme::gender_bucket of the person's
// record; country and organisation type of the application.
//
// The shortlist is the proposal with the hand changes on top: for each
// application its latest change (added or removed) wins over the proposal;
// without one the proposal decides. Hand changes need a reason, are kept in
// shortlist_change and the audit log; a decided call's shortlist no longer
// changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "admissions/selection.hpp"
#include "admissions/shortlist_store.hpp"
#include "core/result.hpp"
#include "web/context.hpp"

namespace crm::admissions {

struct RankedRow {
  shortlist_store::ApplicantRow applicant;
  double score = 0;
  long reviews = 0;       // submitted, both stages
  bool eligible = false;  // for the proposal: not withdrawn, passes the questions, enough reviews
  std::vector<std::string> route_roles;
  std::string gender;  // bucket
  bool proposed = false, shortlisted = false;
  std::string hand;  // "" | added | removed: the latest hand change
  std::string hand_reason;
  selection::Verdict verdict;
};

struct RankingPage {
  shortlist_store::CallRow call;
  std::vector<Bound> bounds;
  selection::Outcome proposal;
  std::vector<RankedRow> rows;           // by rank
  std::vector<selection::Group> parity;  // of the shortlist as it stands
  long shortlisted = 0;
  std::vector<shortlist_store::ChangeRow> changes;  // newest first
  bool can_change = false;
};

// The call with its head when the actor manages its programme's calls
// (staff of the programme, admins); nullopt otherwise or when there is none.
// The one gate of the pages built on the ranking (shortlist, decisions, funnel).
std::optional<shortlist_store::CallRow> managed_call(web::Ctx& ctx, int64_t call_id);

// not_found unless the actor manages the call's programme's calls.
// conflict when the solver fails.
Result<RankingPage> ranking_page(web::Ctx& ctx, int64_t call_id);

// The same for a call already found, without asking who reads it (the demo
// and the benchmark).
Result<RankingPage> rank(db::Session& db, shortlist_store::CallRow call);

struct ShortlistForm {
  std::string application;  // id
  std::string action;       // add | remove
  std::string reason;
};
// Adds an application to the shortlist or removes one, with a reason, in
// one transaction with an audit entry. invalid (nothing written) when the
// reason is empty or longer than 1,000 characters (field "reason"), the
// application is not one of the call's submitted ones (field "application"),
// the action is neither (field "action"), it is already on (add) or off
// (remove) the shortlist, or the call is decided; not_found as ranking_page.
Status change_shortlist(web::Ctx& ctx, int64_t call_id, const ShortlistForm& form);

}  // namespace crm::admissions

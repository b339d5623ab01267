// Who may do what with calls, applications and reviews: small, pure,
// deny-by-default rules the admissions services check first. What a role may
// not see answers 404. `in_programme` is programme::store::Membership's.
#pragma once

#include "auth/roles.hpp"

namespace crm::admissions::policy {

// Writing calls (texts, questions, rubric, bounds), inviting reviewers,
// assigning, the shortlist and decisions: the programme's staff and admins.
constexpr bool can_manage_calls(auth::Role r, bool in_programme) {
  return r == auth::Role::admin || (r == auth::Role::staff && in_programme);
}

// Applying: a signed-in person who is not on a programme's team — an
// applicant's own account, or a former participant, alumnus, stakeholder or
// lecturer applying with the account they have. Staff and admins see the
// reviews, so they never apply. Anonymous visitors sign up first.
constexpr bool can_apply(auth::Role r) {
  switch (r) {
    case auth::Role::applicant:
    case auth::Role::participant:
    case auth::Role::alumnus:
    case auth::Role::stakeholder:
    case auth::Role::lecturer:
      return true;
    default:
      return false;
  }
}

// An application is seen whole by the person who made it (`own`) and the
// programme's staff. Reviewers see it only through the review pages
// (blinding.hpp decides what they see there). The applicant sees the state
// of their application (submitted, under review, decided) and nothing of
// the review: no scores, reviewers or shortlist.
constexpr bool can_see_application(auth::Role r, bool own, bool in_programme) {
  return own || can_manage_calls(r, in_programme);
}

// Reviewing: an account invited as a reviewer of the call (call_reviewer),
// for the applications assigned to it. Applicants, participants and
// anonymous visitors never review, whatever the tables say.
constexpr bool can_review(auth::Role r, bool is_call_reviewer, bool is_assigned) {
  if (r == auth::Role::anonymous || r == auth::Role::applicant || r == auth::Role::participant)
    return false;
  return is_call_reviewer && is_assigned;
}

// Who may be invited as a reviewer of a call: lecturers, the programme's
// staff and admins, and members of the steering committee (stakeholders).
// Applicants, participants and alumni never review.
constexpr bool can_be_reviewer(auth::Role r) {
  return r == auth::Role::lecturer || r == auth::Role::staff || r == auth::Role::admin ||
         r == auth::Role::stakeholder;
}

// Other reviewers' scores of an application: only once one's own review of
// it is submitted (staff see them all).
constexpr bool can_see_other_scores(bool own_review_submitted) {
  return own_review_submitted;
}

}  // namespace crm::admissions::policy

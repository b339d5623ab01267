// Who may see and do what with final papers and practice projects: small,
// pure, deny-by-default rules the papers and projects services check first.
// What a role may not see answers 404. `in_programme` is
// programme::store::Membership's (on the programme's team, or taking part in
// one of its cohorts); `is_author`: the paper is the account's person's own;
// `is_supervisor`: the account's person supervises it.
#pragma once

#include "auth/roles.hpp"

namespace crm::papers::policy {

// The programme's staff and admins: they run the supervision.
constexpr bool is_programme_staff(auth::Role r, bool in_programme) {
  return r == auth::Role::admin || (r == auth::Role::staff && in_programme);
}

// A paper, its versions, comments and assessments: its author, its
// supervisor, the programme's staff. Another participant never sees an
// unpublished paper or its feedback (the published work is public anyway,
// without the feedback).
constexpr bool can_see_paper(auth::Role r, bool in_programme, bool is_author, bool is_supervisor) {
  if (is_programme_staff(r, in_programme)) return true;
  if (!in_programme) return false;
  return is_author || is_supervisor;
}

// Writing the paper (texts, tags) and uploading versions: its author while it
// is not accepted or rejected, and staff for them.
constexpr bool can_edit_paper(auth::Role r, bool in_programme, bool is_author) {
  return is_programme_staff(r, in_programme) || (in_programme && is_author);
}

// Commenting a version: whoever may see the paper.
constexpr bool can_comment(auth::Role r, bool in_programme, bool is_author, bool is_supervisor) {
  return can_see_paper(r, in_programme, is_author, is_supervisor);
}

// Assessing with the rubric and deciding: the paper's supervisor and the
// programme's staff — never the author, even when they are staff.
constexpr bool can_assess(auth::Role r, bool in_programme, bool is_author, bool is_supervisor) {
  if (is_author) return false;
  return is_programme_staff(r, in_programme) || (in_programme && is_supervisor);
}

// A cohort's milestones, rubric and the supervisors of its papers: staff.
constexpr bool can_manage_cohort_papers(auth::Role r, bool in_programme) {
  return is_programme_staff(r, in_programme);
}

// A cohort's list of papers: staff see all; a supervisor sees those they
// supervise (the service filters); others see only their own (/papers).
constexpr bool can_list_cohort_papers(auth::Role r, bool in_programme) {
  return is_programme_staff(r, in_programme) || (r == auth::Role::lecturer && in_programme);
}

// Practice projects of a programme: everyone taking part in it, so people
// of different cohorts can find ideas and join.
constexpr bool can_see_projects(auth::Role r, bool in_programme) {
  switch (r) {
    case auth::Role::admin:
      return true;
    case auth::Role::staff:
    case auth::Role::lecturer:
    case auth::Role::participant:
    case auth::Role::alumnus:
      return in_programme;
    default:
      return false;
  }
}

// Starting a project: whoever sees the programme's projects.
constexpr bool can_start_project(auth::Role r, bool in_programme) {
  return can_see_projects(r, in_programme);
}

// Editing a project, its team, partners and progress: its team and staff.
constexpr bool can_edit_project(auth::Role r, bool in_programme, bool is_member) {
  return is_programme_staff(r, in_programme) || (in_programme && is_member);
}

// A project's team (adding or removing someone, making someone lead): its
// leads and staff. Anyone else on the team may only leave it.
constexpr bool can_manage_team(auth::Role r, bool in_programme, bool is_lead) {
  return is_programme_staff(r, in_programme) || (in_programme && is_lead);
}

// Joining a project oneself: someone who sees the programme's projects and
// takes part in one of its cohorts (a person of the programme).
constexpr bool can_join_project(auth::Role r, bool in_programme, bool takes_part) {
  return can_see_projects(r, in_programme) && takes_part;
}

// Publishing (giving or withdrawing consent) is the author's own act: the
// paper's author (only once it is accepted), a project's lead. Staff cannot
// publish for them.
constexpr bool can_publish_paper(bool is_author, bool accepted) {
  return is_author && accepted;
}
constexpr bool can_publish_project(bool is_lead) {
  return is_lead;
}

}  // namespace crm::papers::policy

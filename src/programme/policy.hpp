// Who may see what of the programme: small, pure, deny-by-default rules that
// the programme service checks first. What a role may not see answers 404.
#pragma once

#include "auth/roles.hpp"

namespace crm::programme::policy {

// The overview (name, description, countries, cohorts and their sizes) is public.
constexpr bool can_see_programme(auth::Role) {
  return true;
}

// The people of a cohort: the programme team, and participants and alumni
// (who see each other's names and what each chose to show). Everyone but an
// admin sees only the programmes they belong to (`in_programme`: on the
// programme's team, or enrolled in one of its cohorts in any role).
constexpr bool can_see_members(auth::Role r, bool in_programme) {
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

// Whose start page lists "their" cohorts (programme::my_cohorts): the team's
// programmes for staff, the cohorts they take part in for lecturers,
// participants and alumni. Admins have every programme in /programmes.
constexpr bool has_own_cohorts(auth::Role r) {
  switch (r) {
    case auth::Role::staff:
    case auth::Role::lecturer:
    case auth::Role::participant:
    case auth::Role::alumnus:
      return true;
    default:
      return false;
  }
}

// Whom of the people enrolled a role sees, wherever people are listed or
// opened (cohort pages, their counts, filters and exports, person pages,
// organisation pages): the programme team sees everyone in any status; the
// others (participants, alumni) only the people who are or were taking part
// (taking_part_statuses(): admitted, participant, graduate), in whatever role,
// so lecturers and staff too while their enrolment is active. Applicants,
// people not admitted and people who withdrew are for the team only.
constexpr bool sees_everyone_enrolled(auth::Role r) {
  return r == auth::Role::admin || r == auth::Role::staff || r == auth::Role::lecturer;
}

// Email, position, role and enrolment status of the people of a cohort.
constexpr bool can_see_member_details(auth::Role r) {
  return r == auth::Role::admin || r == auth::Role::staff || r == auth::Role::lecturer;
}

// The composition of a cohort (counts by route role, country, organisation
// type and gender), its parity view and exports of it: the programme team
// only. Participants and alumni could otherwise work out what a peer hid
// (the one woman from a country …).
constexpr bool can_see_composition(auth::Role r, bool in_programme) {
  switch (r) {
    case auth::Role::admin:
      return true;
    case auth::Role::staff:
    case auth::Role::lecturer:
      return in_programme;
    default:
      return false;
  }
}

// A cohort's targets: the programme's staff and admins.
constexpr bool can_edit_targets(auth::Role r, bool in_programme) {
  return r == auth::Role::admin || (r == auth::Role::staff && in_programme);
}

// Which programmes /programmes lists for a role.
enum class ProgrammeList {
  all,  // every programme
  own,  // the actor's own: staff those whose team they are on, the others those in
        // whose cohorts they are enrolled
};
// Admins see every programme; staff, lecturers, participants and alumni their
// own; everyone else (visitors, stakeholders) the public overviews of all.
constexpr ProgrammeList programme_list(auth::Role r) {
  switch (r) {
    case auth::Role::staff:
    case auth::Role::lecturer:
    case auth::Role::participant:
    case auth::Role::alumnus:
      return ProgrammeList::own;
    default:
      return ProgrammeList::all;  // the overviews are public (can_see_programme)
  }
}

// Creating a programme, editing its texts, countries, funders and anonymity
// threshold, and choosing its team: admins only.
constexpr bool can_manage_programmes(auth::Role r) {
  return r == auth::Role::admin;
}

// Who may be on a programme's team (`account_role`: the role of the account
// added): staff only. Admins see every programme without it; lecturers,
// participants and alumni belong to a programme through their enrolments.
constexpr bool can_join_team(auth::Role account_role) {
  return account_role == auth::Role::staff;
}

// Adding a cohort to a programme: admins, and staff on that programme's team
// (`on_team`).
constexpr bool can_add_cohort(auth::Role r, bool on_team) {
  return r == auth::Role::admin || (r == auth::Role::staff && on_team);
}

}  // namespace crm::programme::policy

// Who may see and change what of a person: small, pure, deny-by-default rules
// that the people services check first. What an actor may not see answers 404.
//
// `shares_programme`: the actor is on the team of a programme the person is
// enrolled in, or is enrolled (in any role) in one of its cohorts. For
// participants and alumni the person must be taking part there
// (programme::policy::sees_everyone_enrolled): applicants, people not
// admitted and people who withdrew do not exist for them.
#pragma once

#include "auth/roles.hpp"

namespace crm::people::policy {

enum class PersonView {
  none,  // 404
  peer,  // the name and what the person chose to show (visible_fields)
  full,  // everything, with the enrolment history
};

constexpr PersonView person_view(auth::Role r, bool shares_programme, bool own) {
  if (own) return PersonView::full;
  switch (r) {
    case auth::Role::admin:
      return PersonView::full;
    case auth::Role::staff:
    case auth::Role::lecturer:
      return shares_programme ? PersonView::full : PersonView::none;
    case auth::Role::participant:
    case auth::Role::alumnus:
      return shares_programme ? PersonView::peer : PersonView::none;
    default:
      return PersonView::none;
  }
}

// Enrolment status changes and merges: the programme's staff (`in_programme`:
// on its team or enrolled in it), and admins.
constexpr bool can_manage_people(auth::Role r, bool in_programme) {
  return r == auth::Role::admin || (r == auth::Role::staff && in_programme);
}

// The list of organisations (with counts of people): the programme team.
constexpr bool can_list_organisations(auth::Role r) {
  return r == auth::Role::admin || r == auth::Role::staff || r == auth::Role::lecturer;
}

enum class OrganisationView {
  none,  // 404
  peer,  // only people taking part who show their organisation, without role or status
  full,  // every person of the actor's programmes, with role and status
};

constexpr OrganisationView organisation_view(auth::Role r) {
  switch (r) {
    case auth::Role::admin:
    case auth::Role::staff:
    case auth::Role::lecturer:
      return OrganisationView::full;
    case auth::Role::participant:
    case auth::Role::alumnus:
      return OrganisationView::peer;
    default:
      return OrganisationView::none;
  }
}

// The own profile: anyone signed in whose account staff linked to a person.
constexpr bool can_edit_own_profile(auth::Role r) {
  return r != auth::Role::anonymous;
}

}  // namespace crm::people::policy

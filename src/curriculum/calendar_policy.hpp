// Who may subscribe to which calendar feed: pure, deny by default.
#pragma once

#include "auth/roles.hpp"
#include "curriculum/policy.hpp"

namespace crm::curriculum::policy {

// An own feed (the sessions of one's own timetable): everyone who can take
// part in or run a programme.
constexpr bool can_have_own_feed(auth::Role r) {
  switch (r) {
    case auth::Role::admin:
    case auth::Role::staff:
    case auth::Role::lecturer:
    case auth::Role::participant:
    case auth::Role::alumnus:
      return true;
    default:
      return false;
  }
}

// A whole cohort's feed: who plans it (the programme's staff, admins).
constexpr bool can_have_cohort_feed(auth::Role r, bool in_programme) {
  return can_plan(r, in_programme);
}

}  // namespace crm::curriculum::policy

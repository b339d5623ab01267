// Who may do what with personal data: small, pure, deny-by-default rules that
// the privacy service checks first. What an actor may not see answers 404.
#pragma once

#include "auth/roles.hpp"

namespace crm::privacy::policy {

// Everyone signed in sees, downloads and controls their own data.
constexpr bool can_see_own_data(auth::Role r) {
  return r != auth::Role::anonymous;
}

// The list of pending erasure requests (each member of staff sees those of
// the people of their programmes).
constexpr bool can_see_erasure_requests(auth::Role r) {
  return r == auth::Role::admin || r == auth::Role::staff;
}

// Erasing a person, and recording a consent given or withdrawn on paper:
// admins for anyone, staff for the people of a programme they are on the
// team of (`on_team`), nobody else.
constexpr bool can_manage_person_data(auth::Role r, bool on_team) {
  switch (r) {
    case auth::Role::admin:
      return true;
    case auth::Role::staff:
      return on_team;
    default:
      return false;
  }
}

}  // namespace crm::privacy::policy

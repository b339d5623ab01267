// Who may see and do what in the knowledge base: small, pure, deny-by-default
// rules. The public sees published works only; `in_programme` as in
// programme::policy.
#pragma once

#include "auth/roles.hpp"

namespace crm::knowledge::policy {

// Curating outside resources (add, edit, attach a file, publish, unpublish):
// the programme's staff and admins.
constexpr bool can_curate(auth::Role r, bool in_programme) {
  return r == auth::Role::admin || (r == auth::Role::staff && in_programme);
}

// Unpublished works (papers not yet published, projects, unpublished
// resources) in the knowledge base's search: the staff of the programme they
// belong to, and admins (every programme). Anonymous visitors and everyone
// else see published works only.
constexpr bool can_search_unpublished(auth::Role r, bool in_programme) {
  return can_curate(r, in_programme);
}

}  // namespace crm::knowledge::policy

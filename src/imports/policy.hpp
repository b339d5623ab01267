// Who may import people into a cohort: small, pure, deny-by-default rules that
// the import service checks first. What a role may not see answers 404.
#pragma once

#include "auth/roles.hpp"

namespace crm::imports::policy {

// Upload, preview and commit an import into a cohort of a programme: admins,
// and staff on that programme's team (`in_programme`, see
// programme::store::find_cohort_access). An import belongs to its cohort's
// programme, so the uploader keeps access exactly as long as they run it.
constexpr bool can_import(auth::Role r, bool in_programme) {
  switch (r) {
    case auth::Role::admin:
      return true;
    case auth::Role::staff:
      return in_programme;
    default:
      return false;
  }
}

}  // namespace crm::imports::policy

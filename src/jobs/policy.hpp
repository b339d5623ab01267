// Who may see and retry jobs: small, pure, deny-by-default rules that the jobs
// service checks first. What a role may not see answers 404.
#pragma once

#include "auth/roles.hpp"

namespace crm::jobs::policy {

// The jobs page and retrying a job by hand: administrators. Jobs carry the
// work of every programme (mail to anyone, imports into any cohort).
constexpr bool can_manage_jobs(auth::Role r) {
  return r == auth::Role::admin;
}

}  // namespace crm::jobs::policy

// Demo data for trying crm and for tests and benchmarks: for now one account
// per role. Accounts whose role needs a second factor come enrolled.
#pragma once

#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::demo {

struct DemoAccount {
  std::string role, email, password, totp_secret;  // totp_secret empty when none
};

// Loads the demo accounts (skipping those that exist) and returns them.
std::vector<DemoAccount> load(db::Session& db, int64_t now);

}  // namespace crm::demo

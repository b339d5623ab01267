// Demo data for trying crm and for tests and benchmarks: one account per role
// (accounts whose role needs a second factor come enrolled) and the programme
// with its four cohorts, organisations, people and enrolments.
#pragma once

#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::demo {

struct DemoAccount {
  std::string role, email, password, totp_secret;  // totp_secret empty when none
};

// Loads the demo accounts (skipping those that exist) and the demo programme
// (only when there is none yet), and returns the accounts.
std::vector<DemoAccount> load(db::Session& db, int64_t now);

// The demo programme alone; does nothing when it is already there. Links the
// demo participant, alumnus, lecturer and staff accounts to their person.
void load_programme(db::Session& db, int64_t now);

}  // namespace crm::demo

// The demo's curriculum (src/demo/curriculum.cpp), loaded by demo::load after
// the programme.
#pragma once

#include <cstdint>

#include "db/database.hpp"

namespace crm::demo {

// The curriculum of every demo cohort that has none yet: modules, online and
// on-site sessions in their zones, a few materials, one cancelled and one
// moved session per cohort. One transaction.
void load_curriculum(db::Session& db, int64_t now);

}  // namespace crm::demo

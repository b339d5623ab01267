// Demo shortlists (src/demo/shortlists.cpp).
#pragma once

#include <cstdint>

#include "db/database.hpp"

namespace crm::demo {
// Hand changes of the proposed shortlist of the demo's closed calls with
// reviewed applications. Idempotent.
void load_shortlists(db::Session& db, int64_t now);
}  // namespace crm::demo

// Demo decisions (src/demo/decisions.cpp).
#pragma once

#include <cstdint>

#include "db/database.hpp"

namespace crm::demo {
// Decisions on the demo's closed calls with reviewed applications, sent
// (without mails) and answered. Idempotent.
void load_decisions(db::Session& db, int64_t now);
}  // namespace crm::demo

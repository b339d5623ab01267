// How hard crm makes guessing codes: pure rules, no database. The service
// counts, these decide.
#pragma once

#include <cstdint>

namespace crm::auth::throttle {

// Second factor: at most kCodeLimit wrong codes per kCodeWindow per account.
inline constexpr long kCodeLimit = 5;
inline constexpr int64_t kCodeWindow = 15 * 60;

}  // namespace crm::auth::throttle

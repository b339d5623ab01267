// How hard crm makes guessing passwords, codes and reset mail (OWASP ASVS
// V2.2): pure rules, no database. The service counts, these decide.
//
// Failed logins never lock anyone out for a fixed time. After a few free
// failures each further attempt must wait an interval that doubles with every
// failure (up to a ceiling), counted from the latest failure; an attempt that
// comes too early is refused without looking at the password and is not
// counted, so hammering does not lengthen the wait. Three counters apply:
// - per account, failures from devices the account does not know;
// - per network (auth: http::throttle_network), failures across accounts;
// - per known device, its own failures for the account. A login from a
//   device that signed in to the account before is subject to this one
//   only, so an attacker elsewhere cannot keep the owner out.
#pragma once

#include <algorithm>
#include <cstdint>

namespace crm::auth::throttle {

struct Rule {
  long free = 0;            // failures before any wait
  int64_t first_delay = 0;  // seconds after the first failure beyond `free`
  int64_t max_delay = 0;    // the doubling stops here
  int64_t window = 0;       // failures older than this are forgotten
};

// Per account from unknown devices (reset by a successful login from one). The
// owner is warned by mail when this rule starts to delay (`free` failures).
inline constexpr Rule kAccount{5, 30, 30 * 60, 24 * 3600};
// Per network across accounts (one address behind a trusted proxy, or an IPv6 /64).
inline constexpr Rule kNetwork{20, 10, 15 * 60, 3600};
// Per device known to the account.
inline constexpr Rule kDevice{10, 30, 30 * 60, 24 * 3600};

// Seconds that must pass after the latest of `failures` failures before the
// next attempt is evaluated: 0 below `free`, then first_delay, doubling, at
// most max_delay.
constexpr int64_t delay(const Rule& r, long failures) {
  if (failures < r.free) return 0;
  int64_t d = r.first_delay;
  for (long i = r.free; i < failures && d < r.max_delay; ++i) d *= 2;
  return std::min(d, r.max_delay);
}

// Seconds to wait from `now`: 0 when the next attempt may be evaluated.
constexpr int64_t wait(const Rule& r, long failures, int64_t last_failure_at, int64_t now) {
  return std::max<int64_t>(0, last_failure_at + delay(r, failures) - now);
}

// Links looked up without signing in (survey links /s/{token}): unknown
// tokens per network. A token carries 256 bits, so guessing cannot succeed;
// this keeps a scan from costing a lookup per request. Generous: a
// training room behind one address may mistype a few links.
inline constexpr Rule kLinkNetwork{20, 60, 15 * 60, 3600};

// A device's cookie and its row live this long after its last sign-in.
inline constexpr int64_t kDeviceSeconds = 365 * 24 * 3600;

// Second factor: at most kCodeLimit wrong codes per kCodeWindow per account.
inline constexpr long kCodeLimit = 5;
inline constexpr int64_t kCodeWindow = 15 * 60;

// Password-reset mail: one per account per kResetGap, kResetPerHour per
// account per hour, and kResetPerNetworkHour requests per network per hour.
inline constexpr int64_t kResetGap = 5 * 60;
inline constexpr long kResetPerHour = 3;
inline constexpr long kResetPerNetworkHour = 10;

}  // namespace crm::auth::throttle

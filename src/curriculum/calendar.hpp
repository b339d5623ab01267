// Calendar feeds (RFC 5545, built with libical): a private subscription
// address per account (/calendar/{token}.ics: the sessions of its own
// timetable) and, for a cohort's staff, per cohort (every session of the
// cohort).
//
// The token is 32 random bytes (libsodium) shown once, in the address, right
// after it was made; crm keeps only its digest (calendar_feed.token_digest).
// Making a new one revokes the old: its address answers 404 from then on.
// A feed request carries no cookie (calendar apps have none), so the token is
// the only credential, and what its account may see is checked again at every
// request: a lecturer who left the cohort, a staff member who left the team,
// a disabled account get nothing more (404 for a cohort feed; an own feed
// keeps to what the account takes part in now).
//
// Who may have which feed: calendar_policy.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "curriculum/timetable.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::curriculum {

struct FeedPage {
  std::optional<programme::Cohort> cohort;  // set: the cohort's feed
  std::optional<int64_t> since;             // when the current address was made; none: no feed
  // Only right after making it (the token is not kept): the address as
  // https:// (or http://, as the site's base URL) and as webcal://.
  std::string url, webcal_url;
};

// The actor's own feed page; not_found for visitors and roles without one.
Result<FeedPage> own_feed_page(web::Ctx& ctx);
// Makes a new address for the actor's own feed, revoking the old, in one
// transaction with an audit entry ("calendar.renew"); not_found as above.
Result<FeedPage> renew_own_feed(web::Ctx& ctx);
// The same for a cohort's feed: not_found unless the actor plans the cohort
// (policy::can_plan).
Result<FeedPage> cohort_feed_page(web::Ctx& ctx, int64_t cohort_id);
Result<FeedPage> renew_cohort_feed(web::Ctx& ctx, int64_t cohort_id);

// The iCalendar text of the feed whose address holds `token` (without
// ".ics"); nullopt for an unknown or revoked token, a disabled account, or a
// cohort its account may no longer plan.
std::optional<std::string> feed_text(web::Ctx& ctx, const std::string& token);

// VCALENDAR of `entries` (PRODID, VERSION, X-WR-CALNAME, a VTIMEZONE for
// every zone used, one VEVENT per session with UID, SEQUENCE, DTSTAMP `now`,
// DTSTART/DTEND in the session's zone with its TZID, SUMMARY, LOCATION, URL
// (`base_url` + /sessions/{id}), DESCRIPTION, STATUS). Pure but for libical's
// zone data.
std::string render_calendar(const std::string& name, const std::vector<Entry>& entries,
                            const std::string& base_url, int64_t now);

}  // namespace crm::curriculum

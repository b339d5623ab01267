// When a call takes applications, decided by the server to the second in
// the call's own time zone. Staff set the opening and closing as a local
// date and minute in that zone; the call is open from the first second of
// the opening minute to the last second of the closing minute ("closes
// 31 March 2026, 23:59, Europe/Berlin": an application sent at 23:59:59
// Berlin time counts, one at 00:00:00 does not). Daylight-saving changes are
// the zone's business: the instants are computed with ICU's rules for it.
#pragma once

#include <cstdint>
#include <string_view>

#include "admissions/model.hpp"
#include "core/result.hpp"

namespace crm::admissions::deadline {

// The first second of `time` ("HH:MM") on `date` ("YYYY-MM-DD") in `zone`.
// invalid on "<field>_date" or "<field>_time" when the date or time is not
// one or that minute does not exist there (the clocks skip it), on
// "time_zone" when the zone is unknown (the form fields of
// curriculum::local_instant).
Result<int64_t> opening_instant(std::string_view date, std::string_view time, std::string_view zone,
                                const std::string& field);
// The first second after the minute `time` on `date` in `zone`: Call::closes_at.
Result<int64_t> closing_instant(std::string_view date, std::string_view time, std::string_view zone,
                                const std::string& field);

// Whether `call` takes applications and changes to them at `now`:
// published, opens_at <= now < closes_at. Withdrawing is allowed at any time
// (not decided here).
constexpr bool is_open(const Call& call, int64_t now) {
  return call.status == "published" && call.opens_at <= now && now < call.closes_at;
}

}  // namespace crm::admissions::deadline

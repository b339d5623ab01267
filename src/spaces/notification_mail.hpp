// Mails of the spaces' notifications (issue 14 §4).
//
// "spaces.notify" (enqueued by notifications::record_*): sends what is due
// at once — mentions and replies (unless switched off), posts and materials
// of spaces set to 'immediate' — one mail per notification, in the
// recipient's language and time zone, and marks notification.mailed_at in
// the transaction that queues the mail: a second run sends nothing again.
//
// "spaces.digest" runs every hour (each run enqueues the next; crm serve
// starts the chain with schedule_digests): everyone whose local time
// (account.time_zone, through ICU) is in the 08:00 hour gets the daily
// digest, on Mondays also the weekly one, covering what came since their
// last (notification_setting.last_daily_at / last_weekly_at), grouped by
// space. A second run in the same hour finds the digest sent.
//
// Protected spaces: a mail names the space and says how many things are new,
// with a link; never a thread title, a post's text or an author. Elsewhere a
// mail may show titles, authors and a short excerpt. Every mail carries an
// RFC 8058 one-click unsubscribe for its kind (notification_service.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"
#include "jobs/runner.hpp"

namespace crm::spaces::notification_mail {

constexpr std::string_view kSendJob = "spaces.notify";
constexpr std::string_view kDigestJob = "spaces.digest";
constexpr int kDigestHour = 8;       // local time
constexpr long kExcerptBytes = 160;  // of a post's text, outside protected spaces

// A send job (key "spaces.notify:<key>"). REQUIRES: an open transaction.
void enqueue_send(db::Session& db, std::string key, int64_t now);
// Enqueues the digest run of the hour after `now` (and none twice).
void schedule_digests(db::Session& db, int64_t now);

// Hour (0–23) and whether it is Monday at `now` in `time_zone` (UTC when
// ICU does not know it). Pure.
struct LocalTime {
  int hour = 0;
  bool monday = false;
};
LocalTime local_time(const std::string& time_zone, int64_t now);

// At most `max_bytes` of `text` on a character boundary, with "…" when cut. Pure.
std::string excerpt(std::string_view text, std::size_t max_bytes);

// One run; each returns how many mails it queued.
long send_immediate(db::Session& db, const Config& config, const Catalogs& catalogs, int64_t now);
long send_digests(db::Session& db, const Config& config, const Catalogs& catalogs, int64_t now);

jobs::Handler send_job(const Config& config, const Catalogs& catalogs);
jobs::Handler digest_job(const Config& config, const Catalogs& catalogs);

}  // namespace crm::spaces::notification_mail

// Retention of applicants' documents (issue 13 §5): the documents of
// applicants who were not admitted are emptied (application_document.data
// NULL, deleted_at set; the row, its name and size stay) once their call's
// retention_months have passed. The application, its answers and the
// funnel's counts stay; only the files go.
//
// Not admitted, and the instant the period runs from:
//   withdrawn                               withdrawn_at
//   accepted, then declined                 declined_at
//   rejected, or on the waiting list and    decided_at
//     never accepted (an accepted one's
//     decision is 'accepted')
//   a draft never sent                      the call's deadline (closes_at)
// Never: an accepted applicant who has not declined, an application sent
// and not decided yet, and anyone enrolled as a participant in the call's
// cohort (whatever their application says).
// A period of N months ends N calendar months after that instant, in UTC, on
// the same day of the month or the month's last day (31 August + 6 months:
// 28 or 29 February); 0 months: at once.
//
// The job "admissions.retention" runs once a day (03:00 UTC): one
// transaction per run, one audit entry with the count when it emptied
// anything, idempotent (emptied documents are not emptied again).
// schedule_retention() starts the chain (crm serve calls it at start); each
// run enqueues the next day's, one job per day (key
// "admissions.retention:YYYY-MM-DD").
#pragma once

#include <cstdint>
#include <string_view>

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"
#include "jobs/runner.hpp"
#include "web/assets.hpp"
#include "web/context.hpp"

namespace crm::admissions::retention {

constexpr std::string_view kRetentionJob = "admissions.retention";
constexpr int64_t kRunHour = 3;  // UTC

// The instant `months` calendar months after `from` (see above). Pure.
int64_t period_end(int64_t from, long months);

struct Outcome {
  long documents = 0;     // emptied by this run
  long applications = 0;  // whose documents they were
};
// Empties every document whose period is over at ctx.now, in one transaction
// with one audit entry ("admissions.retention", the counts) when there were
// any. A second run finds nothing more to do.
Outcome run(web::Ctx& ctx);

// Enqueues today's run (at once) unless a run of today exists.
void schedule_retention(db::Session& db, int64_t now);

jobs::Handler retention_job(const Config& config, const Catalogs& catalogs,
                            const web::Assets& assets);

}  // namespace crm::admissions::retention

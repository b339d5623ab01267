// The one job table: every kind of background job and its handler, so every
// kind crm runs is found from this file (jobs/views.cpp names them for the
// jobs page).
#include "admissions/decision_service.hpp"
#include "admissions/retention.hpp"
#include "admissions/review_service.hpp"
#include "app/app.hpp"
#include "certificates/service.hpp"
#include "imports/service.hpp"
#include "search/change_log.hpp"
#include "search/extract.hpp"
#include "spaces/notification_mail.hpp"
#include "surveys/dispatch.hpp"

namespace crm::app {

void register_jobs(jobs::Registry& r, const Config& config, const Catalogs& catalogs,
                   const web::Assets& assets, mail::SenderConfig mail, mail::Transport transport) {
  r.add(std::string(mail::kJobKind), mail::send_job(std::move(mail), std::move(transport)));
  r.add(std::string(imports::kCommitJob), imports::commit_job(config, catalogs, assets));
  r.add(std::string(certificates::kIssueJob), certificates::issue_job(config, catalogs, assets));
  r.add(std::string(search::kExtractJob), search::extract_job());
  r.add(std::string(surveys::kDispatchJob), surveys::dispatch_job(config, catalogs, assets));
  r.add(std::string(admissions::review::kReminderJob),
        admissions::review::reminder_job(config, catalogs, assets));
  r.add(std::string(admissions::decision::kExpiryJob),
        admissions::decision::expiry_job(config, catalogs, assets));
  // Daily: empties the documents of applicants not admitted after the call's
  // retention period; each run enqueues the next (crm serve starts the chain).
  r.add(std::string(admissions::retention::kRetentionJob),
        admissions::retention::retention_job(config, catalogs, assets));
  // notifications: mails due at once after a post; the hourly digests (each
  // run enqueues the next; crm serve starts the chain).
  r.add(std::string(spaces::notification_mail::kSendJob),
        spaces::notification_mail::send_job(config, catalogs));
  r.add(std::string(spaces::notification_mail::kDigestJob),
        spaces::notification_mail::digest_job(config, catalogs));
}

}  // namespace crm::app

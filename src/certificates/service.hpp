// Certificates: issuing one to a participant who has completed a cohort (or
// to everyone complete, as a job), revoking one with a reason, the PDF for
// its holder and the programme's staff, and the public verification of a
// code. Who may issue and revoke: curriculum::policy::can_issue_certificates
// (the programme's staff and admins); anyone else gets not_found, as does
// anyone but the holder and those staff for a PDF. Each write is one
// transaction with its audit entry.
//
// Decisions where the issue was silent:
// - The completion date is the cohort's last day, or the day of issue when a
//   participant completes before it.
// - A certificate lists every module of the cohort and their ECTS total (with
//   the module rule on, all of them were passed).
// - The PDF is made once, when the certificate is issued, and kept: what was
//   certified does not change when the cohort or the person does later.
// - "Issue for everyone complete" issues each certificate in a transaction
//   of its own, so a job cut short keeps what it issued and, run again,
//   skips everyone who holds a valid certificate for the cohort.
// - Erasure of a person revokes their certificates with the reason
//   kErasedReason, clears the names copied into them and drops their PDFs:
//   the public page then says that the certificate was revoked, and shows
//   no name.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certificates/model.hpp"
#include "certificates/store.hpp"
#include "core/result.hpp"
#include "jobs/model.hpp"
#include "jobs/runner.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::certificates {

constexpr std::string_view kIssueJob = "certificates.issue";
// The reason an erasure revokes with; pages show it in the reader's language.
constexpr std::string_view kErasedReason = "erased";
constexpr std::size_t kMaxReasonBytes = 500;

// A certificate's QR code and printed link lead to the public verification
// page: the configured base URL (as links in mail use it) + "/verify/" + code.

// ------------------------------------------------------------ cohort page

struct CohortPage {
  programme::Cohort cohort;
  std::vector<Participant> people;
  std::vector<store::ModuleRow> modules;  // to name a module someone has not passed
  std::optional<jobs::Job> job;           // the newest "issue for everyone complete"
  long ready = 0;  // complete and without a valid certificate: what the job would issue
  bool issuing() const {
    return job && (job->state == jobs::State::queued || job->state == jobs::State::running);
  }
};
// not_found unless the actor may issue certificates in the cohort.
Result<CohortPage> cohort_page(web::Ctx& ctx, int64_t cohort_id);

// Issues the person's certificate for the cohort. invalid ("person") when
// they have not completed it (`incomplete` then gets what is missing, for
// the page) or are not taking part; conflict when they hold a valid one.
// Returns the certificate's id.
Result<int64_t> issue(web::Ctx& ctx, int64_t cohort_id, int64_t person_id,
                      curriculum::Completion* incomplete = nullptr);

// Asks for the job that issues a certificate to everyone complete without a
// valid one. Nothing new while such a job waits or runs.
Status start_issue_all(web::Ctx& ctx, int64_t cohort_id);

// What the job does (as ctx.actor): issued and skipped (valid already)
// counts. `progress` (may be empty) hears (done, total) of those to issue.
struct IssuedAll {
  long issued = 0, skipped = 0;
};
Result<IssuedAll> issue_all(web::Ctx& ctx, int64_t cohort_id,
                            const std::function<void(int64_t, int64_t)>& progress);

// The handler of kIssueJob jobs (payload {"cohort": id}): issue_all() as the
// account that asked for it.
jobs::Handler issue_job(const Config& config, const Catalogs& catalogs, const web::Assets& assets);

// For `crm demo`: issue_all() as crm itself (no account, no audit entry),
// with verification links on `base_url`, skipping also those whose
// certificate was revoked (so a second run undoes no revocation); returns
// how many were issued.
long issue_all_as_crm(db::Session& db, int64_t cohort_id, const std::string& base_url, int64_t now);
// For `crm demo`: revokes as crm itself; false when revoked already.
bool revoke_as_crm(db::Session& db, int64_t certificate_id, const std::string& reason, int64_t now);

// ------------------------------------------------------------ revoking

struct RevokePage {
  Certificate certificate;
  programme::Cohort cohort;
};
// not_found unless the actor may issue certificates in its cohort.
Result<RevokePage> revoke_page(web::Ctx& ctx, int64_t certificate_id);
// invalid ("reason") when the reason is empty or longer than kMaxReasonBytes;
// conflict when revoked already. Returns the cohort's id.
Result<int64_t> revoke(web::Ctx& ctx, int64_t certificate_id, const std::string& reason);

// ------------------------------------------------------------ the PDF

struct Pdf {
  std::string bytes, filename;  // filename: "certificate-<code>.pdf" (ASCII)
};
// For its holder and the programme's staff; not_found for anyone else, and
// when no PDF is kept (erased).
Result<Pdf> pdf(web::Ctx& ctx, int64_t certificate_id);

// ------------------------------------------------------------ public

struct Verified {
  std::string code;                   // as stored, when the typed text was a code
  std::optional<Verification> found;  // nullopt: no certificate with this code
};
// Anyone, signed in or not. One statement whatever the answer.
Verified verify(web::Ctx& ctx, std::string_view typed);

// ------------------------------------------------------------ the person

// The person's certificates, for their own page and the programme's staff:
// all when the actor is the holder (`holder_account_id`, the person's
// account), else those of programmes where the actor may issue certificates.
// REQUIRES: the caller may show the person to the actor.
std::vector<Certificate> held_by(web::Ctx& ctx, int64_t person_id, int64_t holder_account_id);
// Every certificate of the person (their data download; the caller checked).
std::vector<Certificate> of_person(db::Session& db, int64_t person_id);
// Erasure (privacy): see above. REQUIRES: the caller's transaction.
void erase_holder(db::Session& db, int64_t person_id, int64_t now);

}  // namespace crm::certificates

// The people import use cases: the upload form, the upload (read and checked,
// stored for its preview), the preview and the commit, which runs as a job
// (jobs/) so that the page can show its progress. Each checks the actor's
// permissions first (imports/policy.hpp) and answers not_found for what the
// actor may not see. Only the commit writes people, in one transaction with
// an audit entry; the upload writes the person_import row alone, asking for
// the commit its job and an audit entry.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "imports/model.hpp"
#include "jobs/model.hpp"
#include "jobs/runner.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::imports {

// The imports of the actor's programmes that wait for a commit or are being
// committed, uploaded in the last kOpenImportDays days, newest first (at most
// 5): the start page's open tasks. Empty for anyone who may not import.
constexpr int64_t kOpenImportDays = 14;
std::vector<OpenImport> open_imports(web::Ctx& ctx);

struct ImportForm {
  programme::Cohort cohort;
  std::string programme_name;
};
// not_found when the cohort does not exist or the actor may not import into it.
Result<ImportForm> import_form(web::Ctx& ctx, int64_t cohort_id);

// The upload: the id of the stored import, or the problem of the file as a
// whole (then nothing is stored). Row problems do not stop the upload: the
// preview shows them.
struct Uploaded {
  int64_t import_id = 0;
  std::optional<FileProblem> problem;
};
Result<Uploaded> upload(web::Ctx& ctx, int64_t cohort_id, const std::string& filename,
                        const std::string& content);

// The staff member's choice for each new organisation that has similar ones
// in crm: "COUNTRY|name" (NewOrganisation::key) -> the id of the organisation
// to use instead, or 0 to create it.
using OrganisationChoices = std::map<std::string, int64_t>;

struct Preview {
  ImportRecord record;  // content cleared
  programme::Cohort cohort;
  Check check;  // empty while the commit job is queued or running, and once committed
  OrganisationChoices choices;  // as sent with a refused commit, to show them again
  // The commit's job, once the commit was asked for.
  std::optional<jobs::Job> job;
  bool committing() const {
    return job && (job->state == jobs::State::queued || job->state == jobs::State::running);
  }
  // Why the commit's job failed, as a msgid for its starter; "" when it did not.
  std::string failure() const;
};
// Reads and checks the stored file again against crm as it is now (not while
// its commit runs or once it is committed: then the record, the cohort and
// the job only).
Result<Preview> preview(web::Ctx& ctx, int64_t import_id);

// Asks for the commit: checks every row again now and enqueues the job that
// imports them (kCommitJob; its progress is the page's) with the choices for
// the new organisations. invalid when a row has a problem now, or when a new
// organisation that has similar ones in crm has no choice or one that was
// not offered (field "organisations"); the preview is then returned through
// `preview_out` for the page. conflict when the import was already
// committed. Asking again while the job waits, runs or has failed changes
// nothing.
Status start_commit(web::Ctx& ctx, int64_t import_id, const OrganisationChoices& choices,
                    Preview* preview_out);

constexpr std::string_view kCommitJob = "import.commit";

// Creates and updates the organisations, people and enrolments of every row,
// or nothing, in one transaction with an audit entry, as ctx.actor: invalid
// when a row has a problem now or a chosen organisation (`choices`, ids
// other than 0) is no longer one of its country, conflict when the import
// was already committed. `progress` (may be empty) hears (people written, rows).
// Returns the cohort id and the number of people imported.
struct Committed {
  int64_t cohort_id = 0;
  long people = 0;
};
Result<Committed> commit(web::Ctx& ctx, int64_t import_id, const OrganisationChoices& choices,
                         const std::function<void(int64_t, int64_t)>& progress);

// The handler of kCommitJob jobs (payload {"import": id}): commit() as the
// account that asked for it, built into a web::Ctx of its own.
jobs::Handler commit_job(const Config& config, const Catalogs& catalogs, const web::Assets& assets);

}  // namespace crm::imports

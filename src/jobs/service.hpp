// The job queue's use cases: enqueueing a job in the transaction of the
// change that causes it, the page that started a job reading how it stands,
// and the administrators' list with retrying by hand. The list and the retry
// check the actor first (jobs/policy.hpp) and answer not_found otherwise.
#pragma once

#include <optional>
#include <string>

#include "auth/roles.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "jobs/model.hpp"
#include "web/context.hpp"

namespace crm::jobs {

// Writes the job; it runs once the caller's transaction commits (at j.run_at
// or at once). Returns its id, or nullopt when a job with the same key
// exists: then nothing changes. REQUIRES: an open db::Transaction on db.
std::optional<int64_t> enqueue(db::Session& db, const NewJob& j, int64_t now);
// The same from a request: this process's runners are also woken once the
// answer is on its way (ctx.jobs_enqueued), instead of at their next poll.
std::optional<int64_t> enqueue(web::Ctx& ctx, const NewJob& j);

// A job that ran elsewhere, as it ended (demo data): `state` done or failed.
// Nothing when a job with its key exists. REQUIRES: an open db::Transaction.
void record_finished(db::Session& db, const NewJob& j, State state, int attempts,
                     const std::string& error, int64_t progress_total, int64_t finished_at);

// The job with this key, for the page that started it.
// REQUIRES: the caller has checked that the actor may see what the job works on.
std::optional<Job> job_for_key(db::Session& db, const std::string& key);
// The newest job of `kind` whose key starts with `key_prefix`, for a page
// that starts a job of that kind again and again (each with its own key).
// REQUIRES: as for job_for_key.
std::optional<Job> newest_job_with_key_prefix(db::Session& db, const std::string& kind,
                                              const std::string& key_prefix);

// The account a job runs for (who started it), when it still exists and is
// not disabled: a job started from a page acts with that account's rights.
std::optional<auth::Actor> actor_of(db::Session& db, const Job& job);

// The jobs page: `state` nullopt for every state, newest change first, with
// the number in each state.
Result<JobList> job_list(web::Ctx& ctx, std::optional<State> state, long limit, long offset);

// Runs a failed job again now, with all its attempts, or a queued one that
// waits for its next attempt at once; audit-logged. conflict when the job is
// running or done.
Status retry(web::Ctx& ctx, int64_t id);

}  // namespace crm::jobs

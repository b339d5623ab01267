// SQL of the job queue: the only file in jobs/ with SQL. Writes run in the
// caller's transaction unless said otherwise. Every change of a running job
// names its lease owner in the WHERE, so a runner whose lease ran out (and
// whose job another runner took) changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/roles.hpp"
#include "db/database.hpp"
#include "jobs/model.hpp"

namespace crm::jobs::store {

// The new job's id; nullopt when a job with its key exists (nothing written).
std::optional<int64_t> insert(db::Session& db, const NewJob& j, int64_t now);

// Sets a job as it ended elsewhere (demo data): `state` done or failed.
void set_finished(db::Session& db, int64_t id, State state, int attempts, const std::string& error,
                  int64_t progress_done, int64_t progress_total, int64_t finished_at);

// Whether any job is due (see claim): a read, so that an idle runner's poll
// takes no write lock.
bool any_due(db::Session& db, int64_t now);

// Leases the due job that waited longest: queued with run_at <= now, or
// running with a lease that ran out before now (its runner died). Counts the
// attempt. PostgreSQL skips rows another transaction is claiming (FOR UPDATE
// SKIP LOCKED); SQLite's BEGIN IMMEDIATE lets one claim run at a time.
// REQUIRES: the caller's transaction (db::Transaction).
std::optional<Job> claim(db::Session& db, const std::string& owner, int64_t now,
                         int64_t lease_until);

// The end of a run, each only while `owner` holds the lease (false otherwise).
bool complete(db::Session& db, int64_t id, const std::string& owner, int64_t now);
// Back to queued at run_at with the error; `count_attempt` false gives the
// attempt back (a job put off, not failed).
bool reschedule(db::Session& db, int64_t id, const std::string& owner, int64_t run_at,
                const std::string& error, bool count_attempt, int64_t now);
bool park(db::Session& db, int64_t id, const std::string& owner, const std::string& error,
          int64_t now);
// Progress of a running job; also renews its lease until `lease_until`.
bool report_progress(db::Session& db, int64_t id, const std::string& owner, int64_t done,
                     int64_t total, int64_t lease_until, int64_t now);

// A failed job, or a queued one waiting for its next attempt, runs again now
// with all its attempts; false for a running or done job (or none).
bool retry(db::Session& db, int64_t id, int64_t by_account, int64_t now);

std::optional<Job> find(db::Session& db, int64_t id);
std::optional<Job> find_by_key(db::Session& db, const std::string& key);
// The newest job of `kind` whose key starts with `key_prefix`.
std::optional<Job> find_newest_by_key_prefix(db::Session& db, const std::string& kind,
                                             const std::string& key_prefix);

// Newest change first; `state` nullopt: every state.
std::vector<Job> list(db::Session& db, std::optional<State> state, long limit, long offset);
// How many jobs are in each state (JobList's counters; items stay empty).
JobList count_by_state(db::Session& db);

// Forgets jobs that were done before `before`; returns how many.
long delete_done_before(db::Session& db, int64_t before);

// The account a job runs for, when it still exists and is not disabled.
std::optional<auth::Actor> find_actor(db::Session& db, int64_t account_id);

}  // namespace crm::jobs::store

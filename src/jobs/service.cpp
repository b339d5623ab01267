#include "jobs/service.hpp"

#include "auth/service.hpp"
#include "jobs/policy.hpp"
#include "jobs/store.hpp"

namespace crm::jobs {

std::optional<int64_t> enqueue(db::Session& db, const NewJob& j, int64_t now) {
  return store::insert(db, j, now);
}

std::optional<int64_t> enqueue(web::Ctx& ctx, const NewJob& j) {
  auto id = store::insert(ctx.db, j, ctx.now);
  if (id) ctx.jobs_enqueued = true;
  return id;
}

void record_finished(db::Session& db, const NewJob& j, State state, int attempts,
                     const std::string& error, int64_t progress_total, int64_t finished_at) {
  auto id = store::insert(db, j, finished_at);
  if (!id) return;
  store::set_finished(db, *id, state, attempts, error, state == State::done ? progress_total : 0,
                      progress_total, finished_at);
}

std::optional<Job> job_for_key(db::Session& db, const std::string& key) {
  return store::find_by_key(db, key);
}

std::optional<Job> newest_job_with_key_prefix(db::Session& db, const std::string& kind,
                                              const std::string& key_prefix) {
  return store::find_newest_by_key_prefix(db, kind, key_prefix);
}

std::optional<auth::Actor> actor_of(db::Session& db, const Job& job) {
  if (!job.account_id) return std::nullopt;
  return store::find_actor(db, job.account_id);
}

Result<JobList> job_list(web::Ctx& ctx, std::optional<State> state, long limit, long offset) {
  if (!policy::can_manage_jobs(ctx.actor.role)) return not_found();
  JobList list = store::count_by_state(ctx.db);
  if (state) {
    switch (*state) {
      case State::queued:
        list.total = list.queued;
        break;
      case State::running:
        list.total = list.running;
        break;
      case State::failed:
        list.total = list.failed;
        break;
      case State::done:
        list.total = list.done;
        break;
    }
  }
  list.items = store::list(ctx.db, state, limit, offset);
  return list;
}

Status retry(web::Ctx& ctx, int64_t id) {
  if (!policy::can_manage_jobs(ctx.actor.role)) return not_found();
  db::Transaction tx(ctx.db);
  auto job = store::find(ctx.db, id);
  if (!job) return not_found();
  if (!store::retry(ctx.db, id, ctx.actor.id, ctx.now))
    return Error{ErrorKind::conflict, {}, N_("Only a failed or waiting job can be run again.")};
  auth::audit(ctx, "job.retry", "job", std::to_string(id),
              auth::changes_json({{"state", {std::string(state_name(job->state)), "queued"}},
                                  {"attempts", {std::to_string(job->attempts), "0"}}}));
  tx.commit();
  ctx.jobs_enqueued = true;
  return ok();
}

}  // namespace crm::jobs

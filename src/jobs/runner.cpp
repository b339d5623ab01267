#include "jobs/runner.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <random>

#include "core/log.hpp"
#include "jobs/store.hpp"

namespace crm::jobs {

namespace {

int64_t wall_clock() {
  return static_cast<int64_t>(std::time(nullptr));
}

// `now` moved on by the real time that passed since `since`: tests run a job
// at a chosen time, and its end is dated from that time.
int64_t later(int64_t now, std::chrono::steady_clock::time_point since) {
  return now +
         std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - since)
             .count();
}

std::string shorten(std::string s) {
  constexpr size_t kMax = 2000;
  if (s.size() > kMax) s.resize(kMax);
  return s;
}

// Records how a run ended. False when the lease was lost meanwhile.
bool finish(db::Session& db, const Job& job, const std::string& owner, const Outcome& out,
            int64_t at) {
  db::Transaction tx(db);
  bool held = false;
  std::string error = shorten(out.error);
  switch (out.kind) {
    case Outcome::Kind::done:
      held = store::complete(db, job.id, owner, at);
      break;
    case Outcome::Kind::retry:
      if (job.attempts >= job.max_attempts)
        held = store::park(db, job.id, owner, error, at);
      else
        held = store::reschedule(db, job.id, owner, at + backoff_seconds(job.attempts), error, true,
                                 at);
      break;
    case Outcome::Kind::fail:
      held = store::park(db, job.id, owner, error, at);
      break;
    case Outcome::Kind::postpone:
      held = store::reschedule(db, job.id, owner, at + std::max<int64_t>(out.delay, 1), error,
                               false, at);
      break;
  }
  tx.commit();
  return held;
}

const char* outcome_name(const Outcome& out, const Job& job) {
  switch (out.kind) {
    case Outcome::Kind::done:
      return "done";
    case Outcome::Kind::retry:
      return job.attempts >= job.max_attempts ? "failed" : "retry";
    case Outcome::Kind::fail:
      return "failed";
    case Outcome::Kind::postpone:
      return "postponed";
  }
  return "";
}

}  // namespace

Progress::Progress(db::Session& writer, const Job& job, std::string owner, int64_t now,
                   int64_t lease_seconds)
    : writer_(writer),
      id_(job.id),
      owner_(std::move(owner)),
      now_(now),
      lease_seconds_(lease_seconds),
      started_(std::chrono::steady_clock::now()) {}

void Progress::operator()(int64_t done, int64_t total) {
  auto t = std::chrono::steady_clock::now();
  if (written_ && done < total && t - last_write_ < std::chrono::milliseconds(500)) return;
  int64_t at = later(now_, started_);
  if (!store::report_progress(writer_, id_, owner_, done, total, at + lease_seconds_, at))
    throw LeaseLost(fmt::format("job {} is no longer leased to {}", id_, owner_));
  written_ = true;
  last_write_ = t;
}

void Registry::add(std::string kind, Handler handler) {
  handlers_[std::move(kind)] = std::move(handler);
}

const Handler* Registry::find(std::string_view kind) const {
  auto it = handlers_.find(kind);
  return it == handlers_.end() ? nullptr : &it->second;
}

int64_t backoff_seconds(int attempts) {
  const int n = std::clamp(attempts, 1, 5);
  return std::min<int64_t>(30LL << (2 * (n - 1)), 7200);
}

bool run_one(db::Session& db, const Registry& registry, const RunOptions& options, int64_t now) {
  if (!store::any_due(db, now)) return false;
  std::optional<Job> job;
  {
    db::Transaction tx(db);
    job = store::claim(db, options.owner, now, now + options.lease_seconds);
    tx.commit();
  }
  if (!job) return false;
  const auto started = std::chrono::steady_clock::now();
  Outcome out;
  const Handler* handler = registry.find(job->kind);
  if (!handler) {
    out = Outcome::fail(fmt::format("This crm has no handler for jobs of kind \"{}\".", job->kind));
  } else if (job->attempts > job->max_attempts) {
    // Claimed again after its runner stopped during the last attempt.
    out = Outcome::fail(job->last_error.empty()
                            ? std::string("The job was interrupted during its last attempt.")
                            : job->last_error);
  } else {
    db::Session& writer =
        options.control && db.backend() == db::Backend::postgresql ? *options.control : db;
    Progress progress(writer, *job, options.owner, now, options.lease_seconds);
    JobContext ctx{db, *job, now, job->retried_at != 0 && job->attempts == 1, progress};
    try {
      out = (*handler)(ctx);
    } catch (const LeaseLost& e) {
      log::error(fmt::format("event=job_lease_lost id={} kind={} detail={}", job->id,
                             log::value(job->kind), log::value(e.what())));
      return true;
    } catch (const std::exception& e) {
      out = Outcome::retry(e.what());
    }
  }
  const int64_t at = later(now, started);
  const bool held = finish(db, *job, options.owner, out, at);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  std::string line = fmt::format("event=job id={} kind={} attempt={} outcome={} ms={}", job->id,
                                 log::value(job->kind), job->attempts,
                                 held ? outcome_name(out, *job) : "lease_lost", ms);
  if (!out.error.empty()) line += " detail=" + log::value(shorten(out.error));
  if (out.kind == Outcome::Kind::done || out.kind == Outcome::Kind::postpone)
    log::info(line);
  else
    log::error(line);
  return true;
}

int run_due(db::Session& db, const Registry& registry, const RunOptions& options, int64_t now,
            int limit) {
  int n = 0;
  while (n < limit && run_one(db, registry, options, now)) ++n;
  return n;
}

std::string new_owner_prefix() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device rd;
  return fmt::format("{}:{}:{:08x}", host, ::getpid(), rd());
}

Runner::Runner(db::Url url, const Registry& registry, RunnerConfig config)
    : url_(std::move(url)),
      registry_(registry),
      config_(config),
      owner_prefix_(new_owner_prefix()) {
  for (unsigned i = 0; i < config_.threads; ++i) threads_.emplace_back([this, i] { run(i); });
}

Runner::~Runner() {
  stop();
}

void Runner::wake() {
  {
    std::lock_guard lock(mutex_);
    ++generation_;
  }
  cv_.notify_all();
}

void Runner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

bool Runner::wait(uint64_t& seen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, timeout, [&] { return stopping_ || generation_ != seen; });
  seen = generation_;
  return !stopping_;
}

void Runner::run(unsigned index) {
  const RunOptions base{fmt::format("{}:{}", owner_prefix_, index), config_.lease_seconds, nullptr};
  std::unique_ptr<db::Session> db, control;
  uint64_t seen = 0;
  int failures = 0;
  int64_t pruned_at = 0;
  std::chrono::milliseconds pause{0};  // the first round runs at once
  while (wait(seen, pause)) {
    pause = config_.poll;
    try {
      if (!db) db = std::make_unique<db::Session>(url_);
      if (!control && db->backend() == db::Backend::postgresql)
        control = std::make_unique<db::Session>(url_);
      RunOptions options = base;
      options.control = control.get();
      // Drain what is due, but look up between jobs whether to stop.
      for (;;) {
        {
          std::lock_guard lock(mutex_);
          if (stopping_) return;
        }
        if (!run_one(*db, registry_, options, wall_clock())) break;
      }
      if (index == 0 && wall_clock() - pruned_at >= 3600) {
        db::Transaction tx(*db);
        long n = store::delete_done_before(*db, wall_clock() - config_.keep_done_seconds);
        tx.commit();
        pruned_at = wall_clock();
        if (n) log::info(fmt::format("event=jobs_pruned count={}", n));
      }
      if (failures) log::info(fmt::format("event=job_runner_reconnected runner={}", index));
      failures = 0;
    } catch (const std::exception& e) {
      // The database is unreachable or failed: start over with new sessions
      // after a pause that doubles up to half a minute.
      ++failures;
      log::error(fmt::format("event=job_runner_error runner={} failures={} detail={}", index,
                             failures, log::value(e.what())));
      db.reset();
      control.reset();
      pause = std::chrono::milliseconds(std::min(30000, 500 << std::min(failures, 6)));
    }
  }
}

}  // namespace crm::jobs

// Running jobs: the handlers by kind, one claim-and-run step (run_one) and
// the runner threads that `crm serve` starts.
//
// A handler runs at least once per job and may run again after a crash (its
// runner died after the work and before recording it), so handlers are
// idempotent: they check what is already done (the import is committed, the
// mail is sent) before doing it. Two runners never run one job at the same
// time: a claim takes a lease (`lease_seconds`, renewed by every progress
// report), and a runner whose lease ran out changes nothing of the job.
//
// Retries: an attempt that fails (Outcome::retry or an exception) runs again
// after backoff_seconds(attempts); after max_attempts, or at once for
// Outcome::fail, the job is parked as failed with its error, shown on
// /admin/jobs until an administrator retries it by hand.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "jobs/model.hpp"

namespace crm::jobs {

// What one run of a handler came to.
struct Outcome {
  enum class Kind { done, retry, fail, postpone };
  Kind kind = Kind::done;
  std::string error;  // for the admin page and the log (English, or a msgid)
  int64_t delay = 0;  // postpone: seconds
  static Outcome done() { return {}; }
  // A failed attempt: runs again after a back-off, parked after max attempts.
  static Outcome retry(std::string error) { return {Kind::retry, std::move(error), 0}; }
  // A permanent failure: parked now.
  static Outcome fail(std::string error) { return {Kind::fail, std::move(error), 0}; }
  // Not run yet (e.g. no SMTP server configured): again in `seconds`, the
  // attempt not counted; `why` is shown on the admin page meanwhile.
  static Outcome postpone(int64_t seconds, std::string why) {
    return {Kind::postpone, std::move(why), seconds};
  }
};

// Thrown by Progress when the job's lease was lost (another runner took it
// after the lease ran out): the handler stops, its transaction rolls back.
struct LeaseLost : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// How far a running job is, for the page that started it; renews the lease.
// Writes at most twice a second (and always the first and the last report).
// On PostgreSQL it writes through the runner's second session, so the page
// sees progress made inside the handler's own transaction; SQLite admits one
// writer at a time, so there it writes through the handler's session, and
// progress made inside a transaction shows when that commits.
class Progress {
 public:
  Progress(db::Session& writer, const Job& job, std::string owner, int64_t now,
           int64_t lease_seconds);
  // REQUIRES: 0 <= done <= total. Throws LeaseLost.
  void operator()(int64_t done, int64_t total);

 private:
  db::Session& writer_;
  int64_t id_;
  std::string owner_;
  int64_t now_, lease_seconds_;
  std::chrono::steady_clock::time_point started_, last_write_{};
  bool written_ = false;
};

struct JobContext {
  db::Session& db;  // the runner's session; no transaction is open
  const Job& job;
  int64_t now;   // when the job was claimed (Unix seconds)
  bool by_hand;  // this is the first attempt after an administrator's retry
  Progress& progress;
};

using Handler = std::function<Outcome(JobContext&)>;

// Job kinds and their handlers. Filled once at start (app::register_jobs),
// then only read: safe to share between runner threads.
class Registry {
 public:
  void add(std::string kind, Handler handler);
  const Handler* find(std::string_view kind) const;

 private:
  std::map<std::string, Handler, std::less<>> handlers_;
};

// Seconds before the next attempt after `attempts` failed ones:
// 30 s, 2 min, 8 min, 32 min, then 2 hours.
int64_t backoff_seconds(int attempts);

struct RunOptions {
  std::string owner;  // lease owner: unique per runner thread
  int64_t lease_seconds = 300;
  // PostgreSQL: a second session for progress reports (see Progress).
  db::Session* control = nullptr;
};

// Claims one due job on `db` (its own transaction) and runs it; false when
// none was due. A job of a kind without a handler is parked with an error
// that says so. Throws only when the database fails (the job's lease then
// runs out and it runs again).
bool run_one(db::Session& db, const Registry& registry, const RunOptions& options, int64_t now);

// Runs due jobs until none is left or `limit` ran; returns how many ran.
int run_due(db::Session& db, const Registry& registry, const RunOptions& options, int64_t now,
            int limit = 1000);

struct RunnerConfig {
  unsigned threads = 1;
  std::chrono::milliseconds poll{1000};
  int64_t lease_seconds = 300;
  int64_t keep_done_seconds = 30 * 86400;  // done jobs are forgotten after this
};

// `threads` threads, each with its own database session (and on PostgreSQL a
// second one for progress), that run due jobs: at once when wake() is
// called, and otherwise every `poll`. A thread whose connection fails
// reconnects with back-off. Thread safety: wake() and stop() from any thread.
class Runner {
 public:
  Runner(db::Url url, const Registry& registry, RunnerConfig config);
  ~Runner();  // stop()
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  void wake();
  // Lets running jobs finish, then joins the threads. Idempotent.
  void stop();

 private:
  void run(unsigned index);
  bool wait(uint64_t& seen, std::chrono::milliseconds timeout);  // false once stopping

  db::Url url_;
  const Registry& registry_;
  RunnerConfig config_;
  std::string owner_prefix_;
  std::mutex mutex_;
  std::condition_variable cv_;
  uint64_t generation_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// "host:pid:random": distinct for every runner, even in containers where
// every crm is pid 1.
std::string new_owner_prefix();

}  // namespace crm::jobs

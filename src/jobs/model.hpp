// Plain data of the job queue: a job as stored, what enqueueing one takes,
// and what the admin page lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::jobs {

// A job's life: queued (waiting for run_at) → running (leased) → done, or
// back to queued with a later run_at (retry), or failed (parked until an
// administrator retries it by hand).
enum class State { queued, running, done, failed };

std::string_view state_name(State s);                  // "queued"
std::optional<State> parse_state(std::string_view s);  // nullopt for anything else
const std::vector<State>& all_states();                // queued, running, failed, done

struct Job {
  int64_t id = 0;
  std::string kind;     // the handler's name, e.g. "mail.send"
  std::string payload;  // JSON text, read by the handler
  std::string key;      // idempotency key, unique
  State state = State::queued;
  int attempts = 0;  // runs started so far (the current one included while running)
  int max_attempts = 1;
  int64_t run_at = 0;  // not before (Unix seconds)
  std::string lease_owner;
  int64_t lease_until = 0;
  std::string last_error;
  int64_t progress_done = 0, progress_total = 0;
  int64_t programme_id = 0;  // 0: not a programme's
  int64_t account_id = 0;    // who started it; 0: crm itself (or the account is gone)
  int64_t retried_by = 0;    // the administrator who last retried it by hand
  int64_t retried_at = 0;
  int64_t created_at = 0, updated_at = 0, finished_at = 0;
};

// What enqueue() takes. REQUIRES: kind and key not empty; max_attempts >= 1.
struct NewJob {
  std::string kind;
  std::string payload = "{}";
  std::string key;
  int64_t run_at = 0;  // 0: now
  int max_attempts = 5;
  int64_t programme_id = 0;
  int64_t account_id = 0;
};

// One page of the admin list and the number of jobs in each state.
struct JobList {
  std::vector<Job> items;
  long total = 0;  // of the filter
  long queued = 0, running = 0, failed = 0, done = 0;
};

}  // namespace crm::jobs

// A worker's database session, and how every worker of a running crm gets
// back to the database server after losing it (PostgreSQL restarted or
// stopped, the network cut).
//
// A session whose statement fails with a lost connection (db::connection_lost)
// is given up: the worker reconnects, at once the first time and then with a
// back-off (kFirstRetry doubling up to kLongestRetry), so a server that is
// down is not hammered by every worker. Until it is connected again the
// worker answers 503 without touching the database. A restart ends every
// session at once, so the first worker to notice tells the others
// (DatabaseHealth): they reconnect too, also while idle, instead of each
// failing one request of its own later. SQLite sessions never lose their
// connection this way.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "db/database.hpp"

namespace crm::app {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kFirstRetry{50};
constexpr std::chrono::milliseconds kLongestRetry{2000};

// The wait before the next reconnect attempt after one that failed.
constexpr std::chrono::milliseconds next_retry(std::chrono::milliseconds last) {
  return last < kFirstRetry ? kFirstRetry : last * 2 > kLongestRetry ? kLongestRetry : last * 2;
}

// What the workers know about the database server. Thread-safe.
class DatabaseHealth {
 public:
  // A worker lost its connection: every session is suspect. Calls the
  // listeners (they wake idle workers).
  void lost();
  // Counts up with every lost(): a worker that has seen an older value
  // reconnects before its next statement.
  uint64_t losses() const { return losses_.load(std::memory_order_acquire); }
  // Called by lost(), from the thread that noticed.
  void on_lost(std::function<void()> listener);

  // Workers whose connection is lost and not yet back.
  // (Logged when the first goes down and when the last is back.)
  void worker_down();
  void worker_up();
  // True when no worker is known to be without its connection.
  bool every_worker_connected() const { return down_.load(std::memory_order_acquire) == 0; }

 private:
  std::atomic<uint64_t> losses_{0};
  std::atomic<int> down_{0};
  std::mutex mutex_;
  std::vector<std::function<void()>> listeners_;
};

// One worker thread's session. Not thread-safe: used by its thread only.
class Worker {
 public:
  // Connects; throws soci::soci_error when the database cannot be reached.
  Worker(const db::Url& url, DatabaseHealth& health);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  db::Session db;

  // Before a request: true when the session may be used. Reconnects first
  // when the connection is lost (or another worker lost its own) and the
  // back-off allows it; false while that fails or is not due yet.
  bool ready();
  // A request failed with a lost connection (db::connection_lost): gives the
  // session up, tells the other workers, and reconnects at once. True when
  // the session works again (a request that is safe to repeat may be).
  bool lost();
  // Between requests: reconnects when due. How long until it should be
  // called again; nullopt while connected.
  std::optional<std::chrono::milliseconds> tend();
  bool connected() const { return connected_; }

 private:
  bool try_reconnect();
  DatabaseHealth& health_;
  uint64_t seen_losses_ = 0;
  bool connected_ = true;
  std::chrono::milliseconds retry_{0};
  Clock::time_point next_attempt_{};
};

}  // namespace crm::app

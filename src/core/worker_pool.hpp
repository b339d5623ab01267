// A fixed set of threads with a bounded queue. Each thread owns a State made
// by the factory on that thread (crm: a database session), so tasks never
// share one. submit() never blocks: when the queue is full it returns false
// and the caller answers 503 at once.
//
// Waking a sleeping thread is a system call and, on a small machine, a
// context switch away from the thread that woke it; an I/O thread paid that
// for every request, and the woken worker preempted it. submit_batched()
// queues without waking and the caller calls flush() once for its whole
// batch, which wakes as many sleeping workers as the batch has tasks (not
// counting workers woken already and not yet running); a worker that takes
// a task while more wait wakes one more itself.
//
// A worker with something to do between tasks (crm: reconnect to a database
// server that went away) gets an idle function: it runs on the worker's
// thread before each wait and says how long the worker may sleep before it
// runs again (nullopt: until a task comes); wake() runs it at once.
//
// Thread safety: submit(), submit_batched(), flush() and wake() from any
// thread. The destructor drains the queue (every accepted task runs) and joins.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace crm {

template <class State>
class WorkerPool {
 public:
  using Task = std::function<void(State&)>;
  using Factory = std::function<std::unique_ptr<State>()>;
  using Idle = std::function<std::optional<std::chrono::milliseconds>(State&)>;

  WorkerPool(unsigned threads, size_t queue_limit, Factory factory, Idle idle = {})
      : queue_limit_(queue_limit), factory_(std::move(factory)), idle_(std::move(idle)) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
  }
  ~WorkerPool() { shutdown(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool submit(Task task) {
    {
      std::lock_guard lock(mutex_);
      if (closed_ || queue_.size() >= queue_limit_) return false;
      queue_.push_back(std::move(task));
    }
    ready_.notify_one();
    return true;
  }

  // Every waiting worker runs its idle function now.
  void wake() {
    {
      std::lock_guard lock(mutex_);
      ++wakes_;
    }
    ready_.notify_all();
  }

  // Like submit(), but wakes no worker: the caller owes a flush() after its
  // batch (REQUIRES: one follows, else the task may wait for the next one).
  bool submit_batched(Task task) {
    std::lock_guard lock(mutex_);
    if (closed_ || queue_.size() >= queue_limit_) return false;
    queue_.push_back(std::move(task));
    ++owed_;
    return true;
  }

  // Wakes workers for what submit_batched() queued: one per task, as far as
  // workers sleep and are not on their way already. (One per batch and the
  // rest woken in a chain was cheaper on /login, but a chain is as slow as
  // its slowest link: on a busy machine answers waited for seconds.)
  void flush() {
    size_t wake = 0;
    {
      std::lock_guard lock(mutex_);
      while (wake < owed_ && wake_due()) ++wake;
      owed_ = 0;
    }
    for (size_t i = 0; i < wake; ++i) ready_.notify_one();
  }

  // Runs what is queued, then stops the threads. Idempotent.
  void shutdown() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

 private:
  // REQUIRES: mutex_ held. Counts the wake it says is due.
  bool wake_due() {
    // Workers already woken will take what is queued first.
    if (queue_.size() <= waking_ || waiting_ <= waking_) return false;
    ++waking_;
    return true;
  }

  void run() {
    std::unique_ptr<State> state = factory_();
    uint64_t seen_wakes = 0;
    for (;;) {
      std::optional<std::chrono::milliseconds> sleep;
      if (idle_) sleep = idle_(*state);
      Task task;
      bool wake = false;
      {
        std::unique_lock lock(mutex_);
        auto due = [&] { return closed_ || !queue_.empty() || wakes_ != seen_wakes; };
        ++waiting_;
        if (sleep)
          ready_.wait_for(lock, *sleep, due);
        else
          ready_.wait(lock, due);
        --waiting_;
        if (waking_ > 0) --waking_;
        seen_wakes = wakes_;
        if (queue_.empty()) {
          if (closed_) return;
          continue;  // the idle function's turn
        }
        task = std::move(queue_.front());
        queue_.pop_front();
        wake = wake_due();
      }
      if (wake) ready_.notify_one();
      task(*state);
    }
  }

  size_t queue_limit_;
  Factory factory_;
  Idle idle_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Task> queue_;
  size_t waiting_ = 0;  // threads in wait()
  size_t waking_ = 0;   // of those, notified and not yet out of wait()
  size_t owed_ = 0;     // tasks submit_batched() queued since the last flush()
  bool closed_ = false;
  uint64_t wakes_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace crm

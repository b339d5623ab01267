// A fixed set of threads with a bounded queue. Each thread owns a State made
// by the factory on that thread (crm: a database session), so tasks never
// share one. submit() never blocks: when the queue is full it returns false
// and the caller answers 503 at once.
//
// Thread safety: submit() from any thread. The destructor drains the queue
// (every accepted task runs) and joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace crm {

template <class State>
class WorkerPool {
 public:
  using Task = std::function<void(State&)>;
  using Factory = std::function<std::unique_ptr<State>()>;

  WorkerPool(unsigned threads, size_t queue_limit, Factory factory)
      : queue_limit_(queue_limit), factory_(std::move(factory)) {
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
  void run() {
    std::unique_ptr<State> state = factory_();
    for (;;) {
      Task task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task(*state);
    }
  }

  size_t queue_limit_;
  Factory factory_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Task> queue_;
  bool closed_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace crm

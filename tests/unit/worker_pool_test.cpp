// The worker pool's batched hand-off: tasks queued with submit_batched()
// wait for flush(), one flush() gets a whole backlog worked on by every
// worker (each woken worker wakes the next while more is queued), and the
// queue limit and draining hold as for submit().
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "core/worker_pool.hpp"

namespace crm {
namespace {

using namespace std::chrono_literals;

struct NoState {};

auto no_state() {
  return std::make_unique<NoState>();
}

// Counts arrivals; wait_for() is true once `n` have arrived within `limit`.
class Meeting {
 public:
  void arrive() {
    {
      std::lock_guard lock(mutex_);
      ++arrived_;
    }
    changed_.notify_all();
  }
  bool wait_for(int n, std::chrono::seconds limit) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return arrived_ >= n; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
};

// Three tasks that can only finish together: each waits until all three
// have started. One flush() must therefore get all three workers up.
TEST(WorkerPoolBatched, OneFlushGetsTheWholeBacklogEveryWorker) {
  constexpr int kWorkers = 3;
  Meeting started;
  std::atomic<int> together{0};
  {
    WorkerPool<NoState> pool(kWorkers, 16, no_state);
    // Every worker up, done and (after a moment) asleep, so the batch below
    // finds none awake by chance.
    Meeting warm;
    for (int i = 0; i < kWorkers; ++i) ASSERT_TRUE(pool.submit([&](NoState&) { warm.arrive(); }));
    ASSERT_TRUE(warm.wait_for(kWorkers, 30s));
    std::this_thread::sleep_for(100ms);
    for (int i = 0; i < kWorkers; ++i)
      ASSERT_TRUE(pool.submit_batched([&](NoState&) {
        started.arrive();
        // Bounds that only a missing wake-up would reach.
        if (started.wait_for(kWorkers, 40s)) ++together;
      }));
    pool.flush();
    // Before the destructor, whose shutdown would wake every worker anyway.
    EXPECT_TRUE(started.wait_for(kWorkers, 20s)) << "the backlog did not get every worker";
  }
  EXPECT_EQ(together.load(), kWorkers);
}

TEST(WorkerPoolBatched, TasksRunAfterTheFlush) {
  Meeting done;
  WorkerPool<NoState> pool(2, 16, no_state);
  for (int round = 1; round <= 50; ++round) {
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(pool.submit_batched([&](NoState&) { done.arrive(); }));
    pool.flush();
    pool.flush();  // a second flush with nothing owed changes nothing
    ASSERT_TRUE(done.wait_for(3 * round, 30s)) << "round " << round;
  }
}

// Two threads submit rounds of different sizes at once, as two I/O threads
// do, each flushing after its round and waiting for it: a wake-up lost
// anywhere leaves a round unfinished (no later submission would rescue it).
TEST(WorkerPoolBatched, NoRoundIsLeftWaiting) {
  WorkerPool<NoState> pool(4, 1024, no_state);
  auto submitter = [&pool](unsigned seed) {
    for (int round = 0; round < 2000; ++round) {
      // Shared with the tasks: a round that fails the test must not leave
      // them arriving at a meeting that is gone (the test would hang).
      auto done = std::make_shared<Meeting>();
      const int n = 1 + static_cast<int>((seed * 7 + static_cast<unsigned>(round) * 13) % 20);
      for (int i = 0; i < n; ++i)
        if (!pool.submit_batched([done](NoState&) { done->arrive(); })) return false;
      pool.flush();
      if (!done->wait_for(n, 20s)) return false;
    }
    return true;
  };
  auto a = std::async(std::launch::async, submitter, 1u);
  auto b = std::async(std::launch::async, submitter, 2u);
  EXPECT_TRUE(a.get());
  EXPECT_TRUE(b.get());
}

TEST(WorkerPoolBatched, RefusesWhenTheQueueIsFullAndDrainsWhatItAccepted) {
  std::atomic<int> ran{0};
  std::promise<void> release;
  auto gate = release.get_future().share();
  {
    WorkerPool<NoState> pool(1, 2, no_state);
    std::promise<void> started;
    ASSERT_TRUE(pool.submit([&](NoState&) {
      started.set_value();
      gate.wait();
      ++ran;
    }));
    started.get_future().wait();  // the one worker is busy now
    EXPECT_TRUE(pool.submit_batched([&](NoState&) { ++ran; }));
    EXPECT_TRUE(pool.submit_batched([&](NoState&) { ++ran; }));
    EXPECT_FALSE(pool.submit_batched([&](NoState&) { ++ran; }));  // queue of 2 is full
    release.set_value();
    // No flush: the busy worker takes what is queued when it is done.
  }
  EXPECT_EQ(ran.load(), 3);
}

}  // namespace
}  // namespace crm

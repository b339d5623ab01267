#include "app/worker.hpp"

#include <fmt/format.h>

#include "core/log.hpp"

namespace crm::app {

void DatabaseHealth::lost() {
  losses_.fetch_add(1, std::memory_order_acq_rel);
  std::vector<std::function<void()>> listeners;
  {
    std::lock_guard lock(mutex_);
    listeners = listeners_;
  }
  for (auto& f : listeners) f();
}

void DatabaseHealth::on_lost(std::function<void()> listener) {
  std::lock_guard lock(mutex_);
  listeners_.push_back(std::move(listener));
}

void DatabaseHealth::worker_down() {
  if (down_.fetch_add(1, std::memory_order_acq_rel) == 0)
    log::error("event=database_connection_lost detail=\"workers reconnect with back-off\"");
}

void DatabaseHealth::worker_up() {
  if (down_.fetch_sub(1, std::memory_order_acq_rel) == 1)
    log::info("event=database_connection_back detail=\"every worker is connected again\"");
}

Worker::Worker(const db::Url& url, DatabaseHealth& health)
    : db(url), health_(health), seen_losses_(health.losses()) {}

Worker::~Worker() {
  if (!connected_) health_.worker_up();
}

bool Worker::ready() {
  if (connected_ && health_.losses() == seen_losses_) return true;
  if (connected_) {
    // Another worker lost its connection: a restart ended this one too.
    connected_ = false;
    health_.worker_down();
    retry_ = std::chrono::milliseconds(0);
    next_attempt_ = Clock::now();
  }
  if (Clock::now() < next_attempt_) return false;
  return try_reconnect();
}

bool Worker::lost() {
  if (connected_) {
    connected_ = false;
    health_.worker_down();
  }
  health_.lost();
  retry_ = std::chrono::milliseconds(0);
  next_attempt_ = Clock::now();
  return try_reconnect();
}

std::optional<std::chrono::milliseconds> Worker::tend() {
  if (ready()) return std::nullopt;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(next_attempt_ - Clock::now());
  return std::max(left, std::chrono::milliseconds(1));
}

bool Worker::try_reconnect() {
  const uint64_t losses = health_.losses();
  try {
    db.reconnect();
  } catch (const std::exception&) {
    // Still out of reach (the server refuses, or is starting): wait longer.
    retry_ = next_retry(retry_);
    next_attempt_ = Clock::now() + retry_;
    return false;
  }
  seen_losses_ = losses;
  retry_ = std::chrono::milliseconds(0);
  if (!connected_) {
    connected_ = true;
    health_.worker_up();
  }
  return true;
}

}  // namespace crm::app

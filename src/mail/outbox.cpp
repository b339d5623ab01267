#include "mail/outbox.hpp"

#include <ctime>

#include "auth/tokens.hpp"
#include "core/log.hpp"
#include "mail/message.hpp"

namespace crm::mail {

using ll = long long;

void queue(db::Session& db, const OutMail& m, int64_t now) {
  ll t = now;
  std::string message_id = auth::random_token(18);
  db.sql()
      << "INSERT INTO mail_outbox (to_address, to_name, subject, text_body, html_body, message_id, "
         "next_attempt_at, created_at) VALUES (:a, :n, :s, :tx, :h, :m, :t, :t2)",
      soci::use(m.to_address), soci::use(m.to_name), soci::use(m.subject), soci::use(m.text),
      soci::use(m.html), soci::use(message_id), soci::use(t), soci::use(t);
}

int deliver_due(db::Session& db, const SenderConfig& cfg, int64_t now) {
  int sent = 0;
  for (int batch = 0; batch < 100; ++batch) {
    ll id = 0, t = now, attempts = 0;
    Message msg;
    {
      // Claim one due mail with a lease, so a crashed sender's mail is retried
      // later and another app server does not take it meanwhile.
      db::Transaction tx(db);
      db.sql() << "SELECT id, attempts, to_address, to_name, subject, text_body, html_body, "
                  "message_id FROM "
                  "mail_outbox WHERE (status = 'queued' AND next_attempt_at <= :t) OR (status = "
                  "'sending' "
                  "AND locked_until < :t2) ORDER BY id LIMIT 1",
          soci::use(t), soci::use(t), soci::into(id), soci::into(attempts),
          soci::into(msg.to_address), soci::into(msg.to_name), soci::into(msg.subject),
          soci::into(msg.text), soci::into(msg.html), soci::into(msg.message_id);
      if (!db.sql().got_data()) return sent;
      ll lease = now + 300;
      db.sql() << "UPDATE mail_outbox SET status = 'sending', locked_until = :l, attempts = "
                  "attempts + 1 "
                  "WHERE id = :id",
          soci::use(lease), soci::use(id);
      tx.commit();
    }
    msg.from_address = cfg.from_address;
    msg.from_name = cfg.from_name;
    auto result = send(cfg.smtp, msg, render(msg, now));
    db::Transaction tx(db);
    if (result.ok) {
      db.sql()
          << "UPDATE mail_outbox SET status = 'sent', sent_at = :t, last_error = '' WHERE id = :id",
          soci::use(t), soci::use(id);
      ++sent;
    } else if (result.permanent || attempts + 1 >= cfg.max_attempts) {
      db.sql() << "UPDATE mail_outbox SET status = 'failed', last_error = :e WHERE id = :id",
          soci::use(result.detail), soci::use(id);
      log::error("event=mail_failed id=" + std::to_string(id) +
                 " detail=" + log::value(result.detail));
    } else {
      // Back-off: 30 s, 2 min, 8 min, … capped at 2 h.
      ll delay = std::min<ll>(30LL << (2 * std::min<ll>(attempts, 4)), 7200);
      ll next = now + delay;
      db.sql() << "UPDATE mail_outbox SET status = 'queued', next_attempt_at = :n, last_error = :e "
                  "WHERE id "
                  "= :id",
          soci::use(next), soci::use(result.detail), soci::use(id);
    }
    tx.commit();
    if (!result.ok) return sent;  // the server is probably down: wait for the next round
  }
  return sent;
}

Sender::Sender(db::Url url, SenderConfig cfg) : url_(std::move(url)), cfg_(std::move(cfg)) {
  thread_ = std::thread([this] { run(); });
}

Sender::~Sender() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sender::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Sender::run() {
  std::unique_ptr<db::Session> db;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_ || woken_; });
      if (stop_) return;
      woken_ = false;
    }
    try {
      if (!db) db = std::make_unique<db::Session>(url_);
      deliver_due(*db, cfg_, static_cast<int64_t>(std::time(nullptr)));
    } catch (const std::exception& e) {
      log::error(std::string("event=mail_sender_error detail=") + log::value(e.what()));
      db.reset();  // reconnect next round
    }
  }
}

}  // namespace crm::mail

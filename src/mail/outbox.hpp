// The outbound mail queue, in the database: a mail is queued inside the
// transaction of the change that causes it (so no mail without the change and
// no change without its mail), and a sender thread delivers it over SMTP,
// retrying with back-off. A mail that the server accepted is marked sent and
// never sent again; a claimed mail is leased, so a second app server skips it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "db/database.hpp"
#include "mail/smtp.hpp"

namespace crm::mail {

struct OutMail {
  std::string to_address, to_name, subject, text, html;
};

// REQUIRES: an open transaction on db (the caller's).
void queue(db::Session& db, const OutMail& m, int64_t now);

struct SenderConfig {
  SmtpConfig smtp;
  std::string from_address, from_name;
  int max_attempts = 8;
};

// Delivers due mail; returns how many were sent. Used by the sender thread
// and directly by tests.
int deliver_due(db::Session& db, const SenderConfig& cfg, int64_t now);

// A background thread that calls deliver_due about once a second.
class Sender {
 public:
  Sender(db::Url url, SenderConfig cfg);
  ~Sender();  // stops and joins
  void wake();

 private:
  void run();
  db::Url url_;
  SenderConfig cfg_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace crm::mail

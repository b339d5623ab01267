// Outgoing mail: a message is queued inside the transaction of the change
// that causes it (so no mail without the change and no change without its
// mail), as a row of the outbox and a job of kind kJobKind that sends it
// (jobs/: leased, retried with back-off, shown on /admin/jobs).
//
// Sent at most once. Before talking to the server the handler commits the
// message as 'sending' (with its Message-ID); right after the server's 250
// it commits 'sent'. Should crm die between the two, nobody can know whether
// the server took the message: the job, run again after its lease runs out,
// finds 'sending' and does not send blindly but parks itself as failed with
// a message saying so. An administrator who learns that the mail did not
// arrive runs it again by hand (/admin/jobs); it goes out with the same
// Message-ID, so a mail program that got it twice can tell.
//
// SMTP answers: 2xx sent; 4xx, 535 (authentication failed: a setting to fix,
// not the message's fault), timeouts and network errors are tried again with
// back-off and shown on the jobs page meanwhile; other 5xx fail at once. The
// job's error leaves out the recipient's address (an erasure deletes the
// message, not the job).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "jobs/runner.hpp"
#include "mail/smtp.hpp"
#include "web/context.hpp"

namespace crm::mail {

constexpr std::string_view kJobKind = "mail.send";
constexpr int kMaxAttempts = 8;  // over about nine hours (jobs::backoff_seconds)

struct OutMail {
  std::string to_address, to_name, subject, text, html;
};

// Queues `m`; returns the outbox id. REQUIRES: an open transaction on db (the caller's).
int64_t queue(db::Session& db, const OutMail& m, int64_t now);
// The same from a request: this process's job runners are woken afterwards.
int64_t queue(web::Ctx& ctx, const OutMail& m);

struct SenderConfig {
  SmtpConfig smtp;  // smtp.url empty: mail waits in the queue (the job is put off)
  std::string from_address, from_name;
};

// How a rendered message reaches the server: send() (smtp.hpp); tests wrap it.
using Transport =
    std::function<SendResult(const SmtpConfig&, const Message&, const std::string& rendered)>;

// The handler of kJobKind jobs (payload {"outbox": id}).
jobs::Handler send_job(SenderConfig cfg, Transport transport = send);

}  // namespace crm::mail

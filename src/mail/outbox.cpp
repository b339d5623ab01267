#include "mail/outbox.hpp"

#include <boost/json.hpp>

#include <cctype>

#include "auth/tokens.hpp"
#include "core/i18n.hpp"
#include "jobs/service.hpp"
#include "mail/list_unsubscribe.hpp"
#include "mail/message.hpp"
#include "mail/store.hpp"

namespace crm::mail {

namespace {

jobs::NewJob send_job_for(int64_t outbox_id) {
  jobs::NewJob j;
  j.kind = std::string(kJobKind);
  j.payload = boost::json::serialize(boost::json::object{{"outbox", outbox_id}});
  j.key = "mail:" + std::to_string(outbox_id);
  j.max_attempts = kMaxAttempts;
  return j;
}

int64_t outbox_of(const std::string& payload) {
  boost::system::error_code ec;
  auto v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return 0;
  const auto* id = v.as_object().if_contains("outbox");
  return id && id->is_int64() ? id->as_int64() : 0;
}

// The server's answer without the recipient's address (servers repeat it):
// the job's error stays on the jobs page after an erasure deletes the
// message and its own copy of the answer.
std::string without_address(std::string detail, const std::string& address) {
  if (address.empty()) return detail;
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string needle = lower(address);
  const std::string replacement = "(recipient)";
  std::string haystack = lower(detail);
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + replacement.size())) {
    detail.replace(at, needle.size(), replacement);
    haystack.replace(at, needle.size(), replacement);
  }
  return detail;
}

int64_t insert(db::Session& db, const OutMail& m, int64_t now,
               const std::string& list_unsubscribe = {}) {
  return store::insert(db, m.to_address, m.to_name, m.subject, m.text, m.html,
                       auth::random_token(18), now, list_unsubscribe);
}

}  // namespace

int64_t queue(db::Session& db, const OutMail& m, int64_t now) {
  int64_t id = insert(db, m, now);
  jobs::enqueue(db, send_job_for(id), now);
  return id;
}

int64_t queue_with_unsubscribe(db::Session& db, const OutMail& m,
                               const std::string& list_unsubscribe, int64_t now) {
  int64_t id = insert(db, m, now, list_unsubscribe);
  jobs::enqueue(db, send_job_for(id), now);
  return id;
}

int64_t queue(web::Ctx& ctx, const OutMail& m) {
  int64_t id = insert(ctx.db, m, ctx.now);
  jobs::enqueue(ctx, send_job_for(id));
  return id;
}

jobs::Handler send_job(SenderConfig cfg, Transport transport) {
  return [cfg = std::move(cfg), transport = std::move(transport)](jobs::JobContext& jc) {
    if (cfg.smtp.url.empty())
      return jobs::Outcome::postpone(
          300, N_("No SMTP server is set (--smtp-url), so the mail waits in the queue."));
    const int64_t id = outbox_of(jc.job.payload);
    if (!id) return jobs::Outcome::fail("The job names no message of the outbox.");
    auto m = store::find(jc.db, id);
    // Gone: the recipient's data was erased meanwhile. Nothing to send.
    if (!m || m->status == "sent") return jobs::Outcome::done();
    if (m->status == "sending" && !jc.by_hand) {
      const char* interrupted =
          N_("crm stopped while handing this mail to the mail server, so it may have arrived. "
             "It is not sent again by itself: run it again if the recipient did not get it.");
      db::Transaction tx(jc.db);
      store::mark_unsent(jc.db, id, true, interrupted);
      tx.commit();
      return jobs::Outcome::fail(interrupted);
    }
    {
      db::Transaction tx(jc.db);
      if (!store::mark_sending(jc.db, id)) return jobs::Outcome::done();
      tx.commit();
    }
    Message msg;
    msg.from_address = cfg.from_address;
    msg.from_name = cfg.from_name;
    msg.to_address = m->to_address;
    msg.to_name = m->to_name;
    msg.subject = m->subject;
    msg.text = m->text;
    msg.html = m->html;
    msg.message_id = m->message_id;
    const SendResult r = transport(cfg.smtp, msg, render(msg, jc.now, m->list_unsubscribe));
    const bool last = r.permanent || jc.job.attempts >= jc.job.max_attempts;
    db::Transaction tx(jc.db);
    if (r.ok)
      store::mark_sent(jc.db, id, jc.now);
    else
      store::mark_unsent(jc.db, id, last, r.detail);
    tx.commit();
    if (r.ok) return jobs::Outcome::done();
    std::string error = without_address(r.detail, m->to_address);
    return r.permanent ? jobs::Outcome::fail(std::move(error))
                       : jobs::Outcome::retry(std::move(error));
  };
}

}  // namespace crm::mail

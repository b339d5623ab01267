// SQL of the outbox: the messages crm sends and how each stands (queued,
// sending, sent, failed). The only file in mail/ with SQL; the schedule, the
// lease and the retries are the job's (jobs/), one job per message. Writes
// run in the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include "db/database.hpp"

namespace crm::mail::store {

struct Outgoing {
  int64_t id = 0;
  std::string to_address, to_name, subject, text, html, message_id, status, list_unsubscribe;
  int attempts = 0;
};

int64_t insert(db::Session& db, const std::string& to_address, const std::string& to_name,
               const std::string& subject, const std::string& text, const std::string& html,
               const std::string& message_id, int64_t now,
               const std::string& list_unsubscribe = {});
std::optional<Outgoing> find(db::Session& db, int64_t id);
// Before talking to the server: 'sending', one more attempt. False when the
// message was sent already (or is gone).
bool mark_sending(db::Session& db, int64_t id);
void mark_sent(db::Session& db, int64_t id, int64_t now);
// After a failed attempt: 'queued' (it is tried again) or 'failed'.
void mark_unsent(db::Session& db, int64_t id, bool failed, const std::string& error);

}  // namespace crm::mail::store

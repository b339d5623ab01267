#include "mail/store.hpp"

namespace crm::mail::store {

using soci::into;
using soci::use;
using ll = long long;

int64_t insert(db::Session& db, const std::string& to_address, const std::string& to_name,
               const std::string& subject, const std::string& text, const std::string& html,
               const std::string& message_id, int64_t now, const std::string& list_unsubscribe) {
  ll t = now, id = 0;
  db.sql() << "INSERT INTO mail_outbox (to_address, to_name, subject, text_body, html_body, "
              "message_id, created_at, list_unsubscribe) VALUES (:a, :n, :s, :tx, :h, :m, :t, :u) "
              "RETURNING id",
      use(to_address), use(to_name), use(subject), use(text), use(html), use(message_id), use(t),
      use(list_unsubscribe), into(id);
  return id;
}

std::optional<Outgoing> find(db::Session& db, int64_t id) {
  ll i = id, attempts = 0;
  Outgoing o;
  db.sql() << "SELECT to_address, to_name, subject, text_body, html_body, message_id, status, "
              "attempts, list_unsubscribe FROM mail_outbox WHERE id = :id",
      use(i), into(o.to_address), into(o.to_name), into(o.subject), into(o.text), into(o.html),
      into(o.message_id), into(o.status), into(attempts), into(o.list_unsubscribe);
  if (!db.sql().got_data()) return std::nullopt;
  o.id = id;
  o.attempts = static_cast<int>(attempts);
  return o;
}

bool mark_sending(db::Session& db, int64_t id) {
  ll i = id, back = 0;
  db.sql() << "UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1 WHERE id = :id "
              "AND status <> 'sent' RETURNING id",
      use(i), into(back);
  return db.sql().got_data();
}

void mark_sent(db::Session& db, int64_t id, int64_t now) {
  ll i = id, t = now;
  db.sql()
      << "UPDATE mail_outbox SET status = 'sent', sent_at = :t, last_error = '' WHERE id = :id",
      use(t), use(i);
}

void mark_unsent(db::Session& db, int64_t id, bool failed, const std::string& error) {
  ll i = id;
  const std::string status = failed ? "failed" : "queued";
  db.sql() << "UPDATE mail_outbox SET status = :s, last_error = :e WHERE id = :id", use(status),
      use(error), use(i);
}

}  // namespace crm::mail::store

// Notifications for the demo (issue 14 §4): varied choices across the demo
// people, and unread notifications for the demo participant — a thread in
// their cohort's space with a reply that mentions them, written here when
// their space has no posts by others yet. The rows are marked as mailed
// already: the demo (and every test database made from it) queues no mail.
// Idempotent: nothing is added once the participant has notifications.
#include "demo/demo.hpp"
#include "spaces/notification_store.hpp"

namespace crm::demo {

namespace {
using ll = long long;

ll account_of(db::Session& db, const std::string& email) {
  ll id = 0;
  db.sql() << "SELECT COALESCE(MIN(id), 0) FROM account WHERE email = :e", soci::use(email),
      soci::into(id);
  return id;
}

// Another member of the space than `not_this`, by the smallest account id.
ll other_member(db::Session& db, ll space, ll not_this, ll nor_this) {
  ll id = 0;
  db.sql() << "SELECT COALESCE(MIN(account_id), 0) FROM space_membership WHERE space_id = :s AND "
              "account_id <> :a AND account_id <> :b",
      soci::use(space), soci::use(not_this), soci::use(nor_this), soci::into(id);
  return id;
}

ll insert_post(db::Session& db, ll thread, ll author, const std::string& body, ll reply_to, ll at) {
  ll id = 0;
  soci::indicator reply_ind = reply_to ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO post (thread_id, author_account_id, reply_to_post_id, body, created_at) "
              "VALUES (:t, :a, :r, :b, :c) RETURNING id",
      soci::use(thread), soci::use(author), soci::use(reply_to, reply_ind), soci::use(body),
      soci::use(at), soci::into(id);
  db.sql() << "UPDATE thread SET post_count = post_count + 1, last_post_at = :c WHERE id = :t",
      soci::use(at), soci::use(thread);
  return id;
}
}  // namespace

void load_spaces_notifications(db::Session& db, int64_t now) {
  db::Transaction tx(db);
  const ll participant = account_of(db, "participant@demo.crm.example");
  if (!participant) return;
  ll space = 0;
  db.sql() << "SELECT COALESCE(MIN(s.id), 0) FROM space s JOIN space_membership sm ON "
              "sm.space_id = s.id WHERE s.kind = 'cohort' AND sm.account_id = :a",
      soci::use(participant), soci::into(space);
  if (!space) return;
  ll already = 0;
  db.sql() << "SELECT COUNT(*) FROM notification WHERE account_id = :a", soci::use(participant),
      soci::into(already);
  if (already) return;

  // Choices across the demo people: the participant hears of their cohort at
  // once, the alumnus weekly, the lecturer only of mentions.
  const ll alumnus = account_of(db, "alumnus@demo.crm.example");
  const ll lecturer = account_of(db, "lecturer@demo.crm.example");
  const std::string immediate = "immediate";
  db.sql() << "INSERT INTO space_reader (space_id, account_id, notify) VALUES (:s, :a, :n) ON "
              "CONFLICT (space_id, account_id) DO NOTHING",
      soci::use(space), soci::use(participant), soci::use(immediate);
  if (alumnus)
    db.sql() << "INSERT INTO space_reader (space_id, account_id, notify) SELECT DISTINCT "
                "space_id, account_id, 'weekly' FROM space_membership WHERE account_id = :a ON "
                "CONFLICT (space_id, account_id) DO NOTHING",
        soci::use(alumnus);
  if (lecturer) {
    db.sql() << "INSERT INTO space_reader (space_id, account_id, notify) SELECT DISTINCT "
                "space_id, account_id, 'none' FROM space_membership WHERE account_id = :a ON "
                "CONFLICT (space_id, account_id) DO NOTHING",
        soci::use(lecturer);
    db.sql() << "INSERT INTO notification_setting (account_id, mentions, replies) VALUES (:a, 1, "
                "0) ON CONFLICT (account_id) DO NOTHING",
        soci::use(lecturer);
  }

  // A thread of two other members, the second post mentioning the participant.
  const ll first = other_member(db, space, participant, 0);
  const ll second = other_member(db, space, participant, first);
  if (!first || !second) return;
  const ll at = static_cast<ll>(now) - 2 * 3600;
  const std::string title = "Return counselling: what worked for you?";
  ll thread = 0;
  db.sql() << "INSERT INTO thread (space_id, title, author_account_id, created_at, last_post_at) "
              "VALUES (:s, :t, :a, :c, :l) RETURNING id",
      soci::use(space), soci::use(title), soci::use(first), soci::use(at), soci::use(at),
      soci::into(thread);
  const ll opening = insert_post(
      db, thread, first,
      "Between the on-site weeks: which counselling steps before a return did your office "
      "find most useful?",
      0, at);
  const ll reply = insert_post(
      db, thread, second,
      "In our office the first interview in the person's own language made the difference. "
      "@participant, you mentioned something similar in Beirut — could you share it?",
      opening, at + 1800);
  db.sql() << "INSERT INTO post_mention (post_id, account_id) VALUES (:p, :a)", soci::use(reply),
      soci::use(participant);
  for (ll p : {opening, reply}) {
    spaces::notification_store::insert_mentions(db, p, at);
    spaces::notification_store::insert_reply(db, p, at);
    spaces::notification_store::insert_posts(db, p, at);
  }
  const ll mailed = now;
  db.sql() << "UPDATE notification SET mailed_at = :t WHERE post_id IN (:a, :b)", soci::use(mailed),
      soci::use(opening), soci::use(reply);
  tx.commit();
}

}  // namespace crm::demo

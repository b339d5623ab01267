#include "spaces/notification_store.hpp"

#include <algorithm>
#include <iterator>

#include "auth/tokens.hpp"
#include "spaces/access_store.hpp"

namespace crm::spaces::notification_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

// Nobody is told twice of one post; the statements run in the order of
// precedence (mention, reply, post), so the first kind to claim an account wins.
constexpr const char* kNotYetTold =
    " AND NOT EXISTS (SELECT 1 FROM notification x WHERE x.post_id = p.id AND x.account_id = ";

Recipient recipient_of(const soci::row& r, std::size_t at) {
  Recipient to;
  to.account_id = db::get_int64(r, at);
  to.email = db::get_text(r, at + 1);
  to.name = db::get_text(r, at + 2);
  to.language = db::get_text(r, at + 3);
  to.time_zone = db::get_text(r, at + 4);
  return to;
}

}  // namespace

void insert_mentions(db::Session& db, int64_t post_id, int64_t now) {
  ll p = post_id, t = now;
  db.sql()
      << "INSERT INTO notification (account_id, kind, space_id, thread_id, post_id, "
         "created_at) SELECT m.account_id, 'mention', th.space_id, th.id, p.id, CAST(:t AS BIGINT) "
         "FROM post p JOIN thread th ON th.id = p.thread_id "
         "JOIN post_mention m ON m.post_id = p.id WHERE p.id = :p "
         "AND m.account_id <> COALESCE(p.author_account_id, 0) AND " +
             access_store::member_of_sql("th.space_id", "m.account_id") + kNotYetTold +
             "m.account_id)",
      use(t), use(p);
}

void insert_reply(db::Session& db, int64_t post_id, int64_t now) {
  ll p = post_id, t = now;
  // A reply to no post in particular answers the thread's opening post.
  db.sql() << "INSERT INTO notification (account_id, kind, space_id, thread_id, post_id, "
              "created_at) SELECT q.author_account_id, 'reply', th.space_id, th.id, p.id, CAST(:t "
              "AS BIGINT) "
              "FROM post p JOIN thread th ON th.id = p.thread_id JOIN post q ON q.id = "
              "COALESCE(p.reply_to_post_id, (SELECT MIN(o.id) FROM post o WHERE o.thread_id = "
              "p.thread_id)) WHERE p.id = :p AND q.id <> p.id AND q.author_account_id IS NOT NULL "
              "AND q.author_account_id <> COALESCE(p.author_account_id, 0) AND " +
                  access_store::member_of_sql("th.space_id", "q.author_account_id") + kNotYetTold +
                  "q.author_account_id)",
      use(t), use(p);
}

void insert_posts(db::Session& db, int64_t post_id, int64_t now) {
  ll p = post_id, t = now;
  db.sql() << "INSERT INTO notification (account_id, kind, space_id, thread_id, post_id, "
              "created_at) SELECT DISTINCT sm.account_id, 'post', th.space_id, th.id, p.id, "
              "CAST(:t AS BIGINT) "
              "FROM post p JOIN thread th ON th.id = p.thread_id "
              "JOIN space_membership sm ON sm.space_id = th.space_id "
              "LEFT JOIN space_reader r ON r.space_id = th.space_id AND r.account_id = "
              "sm.account_id WHERE p.id = :p AND COALESCE(r.notify, 'daily') <> 'none' "
              "AND sm.account_id <> COALESCE(p.author_account_id, 0)" +
                  std::string(kNotYetTold) + "sm.account_id)",
      use(t), use(p);
}

void insert_materials(db::Session& db, int64_t material_id, int64_t now) {
  ll m = material_id, t = now;
  db.sql() << "INSERT INTO notification (account_id, kind, space_id, material_id, created_at) "
              "SELECT DISTINCT sm.account_id, 'material', mt.space_id, mt.id, CAST(:t AS BIGINT) "
              "FROM space_material mt JOIN space_membership sm ON sm.space_id = mt.space_id "
              "LEFT JOIN space_reader r ON r.space_id = mt.space_id AND r.account_id = "
              "sm.account_id WHERE mt.id = :m AND COALESCE(r.notify, 'daily') <> 'none' "
              "AND sm.account_id <> COALESCE(mt.added_by_account_id, 0) AND NOT EXISTS (SELECT 1 "
              "FROM notification x WHERE x.material_id = mt.id AND x.account_id = sm.account_id)",
      use(t), use(m);
}

void insert_hidden(db::Session& db, int64_t post_id, int64_t now) {
  ll p = post_id, t = now;
  db.sql() << "INSERT INTO notification (account_id, kind, space_id, thread_id, post_id, "
              "created_at) SELECT p.author_account_id, 'hidden', th.space_id, th.id, p.id, CAST(:t "
              "AS BIGINT) "
              "FROM post p JOIN thread th ON th.id = p.thread_id WHERE p.id = :p "
              "AND p.author_account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notification x "
              "WHERE x.post_id = p.id AND x.account_id = p.author_account_id AND x.kind = "
              "'hidden' AND x.read_at IS NULL)",
      use(t), use(p);
}

std::vector<Row> list(db::Session& db, int64_t account_id, long limit, long offset) {
  ll a = account_id, a2 = account_id, l = limit, o = offset;
  db::Rows rows =
      (db.sql().prepare << "SELECT n.id, n.kind, n.space_id, n.thread_id, n.post_id, "
                           "n.material_id, n.created_at, n.read_at, th.title, mt.title "
                           "FROM notification n LEFT JOIN thread th ON th.id = n.thread_id "
                           "LEFT JOIN space_material mt ON mt.id = n.material_id "
                           "WHERE n.account_id = :a AND " +
                               access_store::member_of_sql("n.space_id", ":a2") +
                               " ORDER BY n.id DESC LIMIT :l OFFSET :o",
       use(a), use(a2), use(l), use(o));
  std::vector<Row> out;
  for (const auto& r : rows) {
    Row n;
    n.id = db::get_int64(r, 0);
    n.kind = db::get_text(r, 1);
    n.space_id = db::get_int64(r, 2);
    n.thread_id = db::get_int64(r, 3);
    n.post_id = db::get_int64(r, 4);
    n.material_id = db::get_int64(r, 5);
    n.created_at = db::get_int64(r, 6);
    n.read = r.get_indicator(7) != soci::i_null;
    n.thread_title = db::get_text(r, 8);
    n.material_title = db::get_text(r, 9);
    out.push_back(std::move(n));
  }
  return out;
}

long count(db::Session& db, int64_t account_id) {
  ll a = account_id, a2 = account_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM notification n WHERE n.account_id = :a AND " +
                  access_store::member_of_sql("n.space_id", ":a2"),
      use(a), use(a2), into(n);
  return static_cast<long>(n);
}

long mark_all_read(db::Session& db, int64_t account_id, int64_t now) {
  ll a = account_id, t = now;
  db.sql() << "UPDATE notification SET read_at = :t WHERE account_id = :a AND read_at IS NULL",
      use(t), use(a);
  return static_cast<long>(db.sql().affected_rows());
}

long mark_post_read(db::Session& db, int64_t account_id, int64_t post_id, int64_t now) {
  ll a = account_id, p = post_id, t = now;
  db.sql() << "UPDATE notification SET read_at = :t WHERE account_id = :a AND post_id = :p AND "
              "read_at IS NULL",
      use(t), use(a), use(p);
  return static_cast<long>(db.sql().affected_rows());
}

Setting setting(db::Session& db, int64_t account_id) {
  ll a = account_id, m = 1, r = 1, d = 1, w = 1, ld = 0, lw = 0;
  db.sql() << "SELECT mentions, replies, daily_digest, weekly_digest, last_daily_at, "
              "last_weekly_at FROM notification_setting WHERE account_id = :a",
      use(a), into(m), into(r), into(d), into(w), into(ld), into(lw);
  Setting s;
  if (!db.sql().got_data()) return s;
  s.mentions = m != 0;
  s.replies = r != 0;
  s.daily_digest = d != 0;
  s.weekly_digest = w != 0;
  s.last_daily_at = ld;
  s.last_weekly_at = lw;
  return s;
}

void save_flags(db::Session& db, int64_t account_id, const Setting& s) {
  ll a = account_id, m = s.mentions, r = s.replies, d = s.daily_digest, w = s.weekly_digest;
  db.sql() << "INSERT INTO notification_setting (account_id, mentions, replies, daily_digest, "
              "weekly_digest) VALUES (:a, :m, :r, :d, :w) ON CONFLICT (account_id) DO UPDATE SET "
              "mentions = excluded.mentions, replies = excluded.replies, daily_digest = "
              "excluded.daily_digest, weekly_digest = excluded.weekly_digest",
      use(a), use(m), use(r), use(d), use(w);
}

void set_digest_sent(db::Session& db, int64_t account_id, bool weekly, int64_t now) {
  ll a = account_id, t = now;
  if (weekly)
    db.sql() << "INSERT INTO notification_setting (account_id, last_weekly_at) VALUES (:a, :t) "
                "ON CONFLICT (account_id) DO UPDATE SET last_weekly_at = excluded.last_weekly_at",
        use(a), use(t);
  else
    db.sql() << "INSERT INTO notification_setting (account_id, last_daily_at) VALUES (:a, :t) "
                "ON CONFLICT (account_id) DO UPDATE SET last_daily_at = excluded.last_daily_at",
        use(a), use(t);
}

std::vector<SpaceChoice> space_choices(db::Session& db, int64_t account_id) {
  ll a = account_id;
  db::Rows rows = (db.sql().prepare << "SELECT DISTINCT sm.space_id, COALESCE(r.notify, 'daily') "
                                       "FROM space_membership sm LEFT JOIN space_reader r ON "
                                       "r.space_id = sm.space_id AND r.account_id = sm.account_id "
                                       "WHERE sm.account_id = :a ORDER BY sm.space_id",
                   use(a));
  std::vector<SpaceChoice> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), parse_notify(db::get_text(r, 1))});
  return out;
}

void set_notify(db::Session& db, int64_t account_id, int64_t space_id, Notify n) {
  ll a = account_id, s = space_id;
  std::string v(notify_name(n));
  db.sql() << "INSERT INTO space_reader (space_id, account_id, notify) VALUES (:s, :a, :n) "
              "ON CONFLICT (space_id, account_id) DO UPDATE SET notify = excluded.notify",
      use(s), use(a), use(v);
}

bool space_exists(db::Session& db, int64_t space_id) {
  ll s = space_id, back = 0;
  db.sql() << "SELECT id FROM space WHERE id = :s", use(s), into(back);
  return db.sql().got_data();
}

std::string unsubscribe_key(db::Session& db, int64_t now) {
  const std::string name = "spaces.unsubscribe";
  std::string secret;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT secret FROM form_key WHERE name = :n", use(name), into(secret, ind);
  if (db.sql().got_data() && ind == soci::i_ok) return secret;
  std::string fresh = auth::random_token(32);
  ll t = now;
  db.sql() << "INSERT INTO form_key (name, secret, created_at) VALUES (:n, :s, :t) "
              "ON CONFLICT (name) DO NOTHING",
      use(name), use(fresh), use(t);
  db.sql() << "SELECT secret FROM form_key WHERE name = :n", use(name), into(secret);
  return secret;
}

std::string existing_unsubscribe_key(db::Session& db) {
  const std::string name = "spaces.unsubscribe";
  std::string secret;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT secret FROM form_key WHERE name = :n", use(name), into(secret, ind);
  return db.sql().got_data() && ind == soci::i_ok ? secret : std::string();
}

std::optional<PostSummary> post_summary(db::Session& db, int64_t post_id) {
  ll p = post_id;
  db::Rows rows = (db.sql().prepare << "SELECT th.title, a.name, po.body FROM post po JOIN thread "
                                       "th ON th.id = po.thread_id LEFT JOIN account a ON a.id = "
                                       "po.author_account_id WHERE po.id = :p",
                   use(p));
  for (const auto& r : rows)
    return PostSummary{db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2)};
  return std::nullopt;
}

namespace {
// The columns of a Pending, read after the FROM and WHERE of `tail`.
std::vector<Pending> pending(db::Session& db, const std::string& tail, long limit) {
  ll l = limit;
  db::Rows rows =
      (db.sql().prepare << "SELECT n.id, n.kind, n.space_id, n.thread_id, n.post_id, "
                           "n.material_id, s.protected, a.id, a.email, a.name, "
                           "a.language, a.time_zone " +
                               tail + " AND a.disabled = 0 AND " +
                               access_store::member_of_sql("n.space_id", "n.account_id") +
                               " ORDER BY n.id LIMIT :l",
       use(l));
  std::vector<Pending> out;
  for (const auto& r : rows) {
    Pending p;
    p.id = db::get_int64(r, 0);
    p.kind = db::get_text(r, 1);
    p.space_id = db::get_int64(r, 2);
    p.thread_id = db::get_int64(r, 3);
    p.post_id = db::get_int64(r, 4);
    p.material_id = db::get_int64(r, 5);
    p.is_protected = db::get_int64(r, 6) != 0;
    p.to = recipient_of(r, 7);
    out.push_back(std::move(p));
  }
  return out;
}
}  // namespace

std::vector<Pending> immediate(db::Session& db, long limit) {
  // Two statements, each led by its own partial index (migrations/0028):
  // mentions and replies; then posts and materials from the few readers who
  // want them at once (CROSS JOIN keeps SQLite starting from space_reader,
  // not from every unmailed notification in id order).
  auto out = pending(db,
                     "FROM notification n JOIN account a ON a.id = n.account_id JOIN space s ON "
                     "s.id = n.space_id LEFT JOIN notification_setting ns ON ns.account_id = "
                     "n.account_id WHERE n.mailed_at IS NULL AND n.kind IN ('mention', 'reply') "
                     "AND ((n.kind = 'mention' AND COALESCE(ns.mentions, 1) = 1) OR (n.kind = "
                     "'reply' AND COALESCE(ns.replies, 1) = 1))",
                     limit);
  auto posts = pending(db,
                       "FROM space_reader r CROSS JOIN notification n JOIN account a ON a.id = "
                       "n.account_id JOIN space s ON s.id = n.space_id WHERE n.account_id = "
                       "r.account_id AND n.space_id = r.space_id AND r.notify = 'immediate' AND "
                       "n.mailed_at IS NULL AND n.kind IN ('post', 'material')",
                       limit);
  out.insert(out.end(), std::make_move_iterator(posts.begin()),
             std::make_move_iterator(posts.end()));
  std::sort(out.begin(), out.end(), [](const Pending& a, const Pending& b) { return a.id < b.id; });
  if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
  return out;
}

void mark_mailed(db::Session& db, int64_t notification_id, int64_t now) {
  ll i = notification_id, t = now;
  db.sql() << "UPDATE notification SET mailed_at = :t WHERE id = :i", use(t), use(i);
}

namespace {
// The rows a digest covers: posts and materials of spaces the account hears
// of in that rhythm, newer than `since_column`, while still a member.
std::string digest_where(bool weekly) {
  return std::string(
             " n.kind IN ('post', 'material') AND n.mailed_at IS NULL AND "
             "COALESCE(r.notify, 'daily') = '") +
         (weekly ? "weekly" : "daily") + "' AND " +
         access_store::member_of_sql("n.space_id", "n.account_id");
}
}  // namespace

std::vector<Recipient> digest_candidates(db::Session& db, bool weekly) {
  db::Rows rows =
      (db.sql().prepare
       << "SELECT DISTINCT a.id, a.email, a.name, a.language, a.time_zone FROM notification n "
          "JOIN account a ON a.id = n.account_id "
          "LEFT JOIN notification_setting ns ON ns.account_id = n.account_id "
          "LEFT JOIN space_reader r ON r.space_id = n.space_id AND r.account_id = n.account_id "
          "WHERE a.disabled = 0 AND COALESCE(" +
              std::string(weekly ? "ns.weekly_digest" : "ns.daily_digest") + ", 1) = 1 AND " +
              digest_where(weekly) + " ORDER BY a.id");
  std::vector<Recipient> out;
  for (const auto& r : rows) out.push_back(recipient_of(r, 0));
  return out;
}

std::vector<DigestItem> digest_items(db::Session& db, int64_t account_id, bool weekly,
                                     int64_t since) {
  ll a = account_id, s = since;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT n.id, n.space_id, n.thread_id, n.post_id, sp.protected, sp.authors_hidden, "
              "n.kind, COALESCE(th.title, mt.title), au.name, p.body FROM notification n "
              "JOIN space sp ON sp.id = n.space_id "
              "LEFT JOIN space_reader r ON r.space_id = n.space_id AND r.account_id = n.account_id "
              "LEFT JOIN thread th ON th.id = n.thread_id LEFT JOIN post p ON p.id = n.post_id "
              "LEFT JOIN account au ON au.id = p.author_account_id "
              "LEFT JOIN space_material mt ON mt.id = n.material_id "
              "WHERE n.account_id = :a AND n.created_at > :s AND " +
                  digest_where(weekly) + " ORDER BY n.space_id, n.id",
       use(a), use(s));
  std::vector<DigestItem> out;
  for (const auto& r : rows) {
    DigestItem d;
    d.notification_id = db::get_int64(r, 0);
    d.space_id = db::get_int64(r, 1);
    d.thread_id = db::get_int64(r, 2);
    d.post_id = db::get_int64(r, 3);
    d.is_protected = db::get_int64(r, 4) != 0;
    d.authors_hidden = db::get_int64(r, 5) != 0;
    d.kind = db::get_text(r, 6);
    d.title = db::get_text(r, 7);
    d.author = db::get_text(r, 8);
    d.body = db::get_text(r, 9);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace crm::spaces::notification_store

#include "spaces/thread_store.hpp"

#include "spaces/access_store.hpp"

namespace crm::spaces::thread_store {

namespace {

using soci::into;
using soci::use;
using ll = long long;

// Posts of thread `t` unread by the account bound as `account_bind`, given
// its thread_read row `tr` (fixed text).
std::string unread_posts_sql(const char* t, const char* account_bind) {
  return std::string("(SELECT COUNT(*) FROM post p WHERE p.thread_id = ") + t +
         ".id AND p.id > COALESCE(tr.last_read_post_id, 0) AND p.deleted_at IS NULL AND "
         "COALESCE(p.author_account_id, 0) <> " +
         account_bind + ")";
}

ThreadRow thread_row(const soci::row& r) {
  ThreadRow t;
  t.id = db::get_int64(r, 0);
  t.space_id = db::get_int64(r, 1);
  t.title = db::get_text(r, 2);
  t.pinned = db::get_int64(r, 3) != 0;
  t.locked = db::get_int64(r, 4) != 0;
  t.post_count = static_cast<long>(db::get_int64(r, 5));
  t.created_at = db::get_int64(r, 6);
  t.last_post_at = db::get_int64(r, 7);
  t.unread = static_cast<long>(db::get_int64(r, 8));
  t.seen = db::get_int64(r, 9) != 0;
  return t;
}

const std::string kThreadColumns =
    "t.id, t.space_id, t.title, t.pinned, t.locked, t.post_count, t.created_at, t.last_post_at, " +
    unread_posts_sql("t", ":a1") + ", CASE WHEN tr.thread_id IS NULL THEN 0 ELSE 1 END ";
const std::string kThreadFrom =
    "FROM thread t LEFT JOIN thread_read tr ON tr.thread_id = t.id AND tr.account_id = :a2 ";

}  // namespace

std::map<int64_t, long> unread_threads_by_space(db::Session& db, int64_t account_id) {
  ll a1 = account_id, a2 = account_id, a3 = account_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT t.space_id, COUNT(*) FROM thread t LEFT JOIN thread_read tr ON "
                           "tr.thread_id = t.id AND tr.account_id = :a1 WHERE t.space_id IN "
                           "(SELECT space_id FROM space_membership WHERE account_id = :a2) AND "
                           "EXISTS (SELECT 1 FROM post p WHERE p.thread_id = t.id AND p.id > "
                           "COALESCE(tr.last_read_post_id, 0) AND p.deleted_at IS NULL AND "
                           "COALESCE(p.author_account_id, 0) <> :a3) GROUP BY t.space_id",
       use(a1), use(a2), use(a3));
  std::map<int64_t, long> out;
  for (const auto& r : rows) out[db::get_int64(r, 0)] = static_cast<long>(db::get_int64(r, 1));
  return out;
}

long count_threads(db::Session& db, int64_t space_id) {
  ll s = space_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM thread WHERE space_id = :s", use(s), into(n);
  return static_cast<long>(n);
}

std::vector<ThreadRow> threads_of_space(db::Session& db, int64_t space_id, int64_t account_id,
                                        long limit, long offset) {
  ll a1 = account_id, a2 = account_id, s = space_id, l = limit, o = offset;
  db::Rows rows = (db.sql().prepare << "SELECT " + kThreadColumns + kThreadFrom +
                                           "WHERE t.space_id = :s ORDER BY t.pinned DESC, "
                                           "t.last_post_at DESC, t.id DESC LIMIT :l OFFSET :o",
                   use(a1), use(a2), use(s), use(l), use(o));
  std::vector<ThreadRow> out;
  for (const auto& r : rows) out.push_back(thread_row(r));
  return out;
}

void mark_space_visited(db::Session& db, int64_t space_id, int64_t account_id, int64_t now) {
  ll s = space_id, a = account_id, t = now, t2 = now;
  db.sql() << "INSERT INTO space_reader (space_id, account_id, last_visit_at) VALUES (:s, :a, :t) "
              "ON CONFLICT (space_id, account_id) DO UPDATE SET last_visit_at = :t2",
      use(s), use(a), use(t), use(t2);
}

std::optional<ThreadHead> thread_head(db::Session& db, int64_t thread_id, int64_t account_id) {
  ll a1 = account_id, a2 = account_id, id = thread_id;
  db::Rows rows = (db.sql().prepare << "SELECT " + kThreadColumns +
                                           ", COALESCE(tr.last_read_post_id, 0), (SELECT "
                                           "COUNT(*) FROM post p2 WHERE p2.thread_id = t.id AND "
                                           "p2.id <= COALESCE(tr.last_read_post_id, 0)) " +
                                           kThreadFrom + "WHERE t.id = :id",
                   use(a1), use(a2), use(id));
  for (const auto& r : rows) {
    ThreadHead h;
    h.row = thread_row(r);
    h.last_read_post_id = db::get_int64(r, 10);
    h.read_count = static_cast<long>(db::get_int64(r, 11));
    return h;
  }
  return std::nullopt;
}

std::vector<PostRow> posts_of_thread(db::Session& db, int64_t thread_id, long limit, long offset) {
  ll t = thread_id, l = limit, o = offset;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT p.id, COALESCE(p.author_account_id, 0), COALESCE(a.name, ''), "
              "COALESCE(p.reply_to_post_id, 0), p.body, p.created_at, COALESCE(p.edited_at, 0), "
              "COALESCE(p.deleted_at, 0), COALESCE(p.hidden_at, 0), p.hidden_reason, CASE WHEN "
              "EXISTS (SELECT 1 FROM post_revision r WHERE r.post_id = p.id) THEN 1 ELSE 0 END "
              "FROM post p LEFT JOIN account a ON a.id = p.author_account_id WHERE p.thread_id = "
              ":t ORDER BY p.id LIMIT :l OFFSET :o",
       use(t), use(l), use(o));
  std::vector<PostRow> out;
  for (const auto& r : rows) {
    PostRow p;
    p.id = db::get_int64(r, 0);
    p.author_account_id = db::get_int64(r, 1);
    p.author_name = db::get_text(r, 2);
    p.reply_to_post_id = db::get_int64(r, 3);
    p.body = db::get_text(r, 4);
    p.created_at = db::get_int64(r, 5);
    p.edited_at = db::get_int64(r, 6);
    p.deleted_at = db::get_int64(r, 7);
    p.hidden_at = db::get_int64(r, 8);
    p.hidden_reason = db::get_text(r, 9);
    p.has_revisions = db::get_int64(r, 10) != 0;
    out.push_back(std::move(p));
  }
  return out;
}

std::map<int64_t, std::vector<std::string>> mention_names(db::Session& db, int64_t thread_id,
                                                          int64_t first, int64_t last) {
  ll t = thread_id, f = first, l = last;
  db::Rows rows = (db.sql().prepare << "SELECT pm.post_id, a.name FROM post_mention pm JOIN post p "
                                       "ON p.id = pm.post_id JOIN account a ON a.id = "
                                       "pm.account_id WHERE p.thread_id = :t AND p.id BETWEEN :f "
                                       "AND :l ORDER BY pm.post_id, a.name",
                   use(t), use(f), use(l));
  std::map<int64_t, std::vector<std::string>> out;
  for (const auto& r : rows) out[db::get_int64(r, 0)].push_back(db::get_text(r, 1));
  return out;
}

void mark_read(db::Session& db, int64_t thread_id, int64_t account_id, int64_t post_id) {
  ll t = thread_id, a = account_id, p = post_id, p2 = post_id, p3 = post_id;
  db.sql() << "INSERT INTO thread_read (thread_id, account_id, last_read_post_id) VALUES (:t, :a, "
              ":p) ON CONFLICT (thread_id, account_id) DO UPDATE SET last_read_post_id = CASE "
              "WHEN thread_read.last_read_post_id < :p2 THEN :p3 ELSE "
              "thread_read.last_read_post_id END",
      use(t), use(a), use(p), use(p2), use(p3);
}

std::optional<PostPlace> post_place(db::Session& db, int64_t post_id) {
  ll id = post_id;
  db::Rows rows = (db.sql().prepare << "SELECT p.thread_id, (SELECT COUNT(*) FROM post p2 WHERE "
                                       "p2.thread_id = p.thread_id AND p2.id < p.id) FROM post p "
                                       "WHERE p.id = :id",
                   use(id));
  for (const auto& r : rows)
    return PostPlace{db::get_int64(r, 0), static_cast<long>(db::get_int64(r, 1))};
  return std::nullopt;
}

bool post_in_thread(db::Session& db, int64_t post_id, int64_t thread_id) {
  ll p = post_id, t = thread_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM post WHERE id = :p AND thread_id = :t", use(p), use(t), into(n);
  return n > 0;
}

std::vector<Member> members(db::Session& db, int64_t space_id) {
  ll s = space_id;
  db::Rows rows = (db.sql().prepare << "SELECT DISTINCT a.id, a.name FROM space_membership sm JOIN "
                                       "account a ON a.id = sm.account_id WHERE sm.space_id = :s "
                                       "ORDER BY a.name, a.id",
                   use(s));
  std::vector<Member> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

std::string account_name_prefix(db::Session& db, const std::string& text) {
  // substr/length compare code points on both databases: no LIKE, so a name
  // with "%" or "_" is matched as written.
  db::Rows rows = (db.sql().prepare << "SELECT name FROM account WHERE length(name) > 0 AND "
                                       "substr(:t, 1, length(name)) = name ORDER BY length(name) "
                                       "DESC, name LIMIT 1",
                   use(text));
  for (const auto& r : rows) return db::get_text(r, 0);
  return {};
}

int64_t insert_thread(db::Session& db, int64_t space_id, const std::string& title,
                      int64_t author_account_id, int64_t now) {
  ll s = space_id, a = author_account_id, c = now, l = now, id = 0;
  db.sql() << "INSERT INTO thread (space_id, title, author_account_id, created_at, last_post_at, "
              "post_count) VALUES (:s, :title, :a, :c, :l, 0) RETURNING id",
      use(s), use(title), use(a), use(c), use(l), into(id);
  return id;
}

int64_t insert_post(db::Session& db, int64_t thread_id, int64_t author_account_id,
                    int64_t reply_to_post_id, const std::string& body, int64_t now) {
  ll t = thread_id, a = author_account_id, r = reply_to_post_id, c = now, id = 0;
  soci::indicator r_ind = reply_to_post_id ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO post (thread_id, author_account_id, reply_to_post_id, body, created_at) "
              "VALUES (:t, :a, :r, :body, :c) RETURNING id",
      use(t), use(a), use(r, r_ind), use(body), use(c), into(id);
  return id;
}

void count_post(db::Session& db, int64_t thread_id, int64_t now) {
  ll t = thread_id, n = now;
  db.sql() << "UPDATE thread SET post_count = post_count + 1, last_post_at = :n WHERE id = :t",
      use(n), use(t);
}

void insert_mentions(db::Session& db, int64_t post_id, const std::vector<int64_t>& account_ids) {
  for (int64_t account : account_ids) {
    ll p = post_id, a = account;
    db.sql() << "INSERT INTO post_mention (post_id, account_id) VALUES (:p, :a)", use(p), use(a);
  }
}

}  // namespace crm::spaces::thread_store

#include "spaces/moderation_store.hpp"

#include <algorithm>
#include <map>

#include "spaces/access_store.hpp"

namespace crm::spaces::moderation_store {

namespace {

using soci::into;
using soci::use;
using ll = long long;

const char* const kPostSelect =
    "SELECT p.id, p.thread_id, t.space_id, COALESCE(p.author_account_id, 0), "
    "COALESCE(a.name, ''), p.body, t.title, p.created_at, COALESCE(p.edited_at, 0), "
    "CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN p.hidden_at IS NULL THEN 0 ELSE 1 END, p.hidden_reason, "
    "CASE WHEN p.id = (SELECT MIN(p2.id) FROM post p2 WHERE p2.thread_id = p.thread_id) "
    "THEN 1 ELSE 0 END, t.locked "
    "FROM post p JOIN thread t ON t.id = p.thread_id "
    "LEFT JOIN account a ON a.id = p.author_account_id ";

PostRow read_post(const soci::row& r) {
  PostRow p;
  p.id = db::get_int64(r, 0);
  p.thread_id = db::get_int64(r, 1);
  p.space_id = db::get_int64(r, 2);
  p.author_account_id = db::get_int64(r, 3);
  p.author_name = db::get_text(r, 4);
  p.body = db::get_text(r, 5);
  p.thread_title = db::get_text(r, 6);
  p.created_at = db::get_int64(r, 7);
  p.edited_at = db::get_int64(r, 8);
  p.deleted = db::get_int64(r, 9) != 0;
  p.hidden = db::get_int64(r, 10) != 0;
  p.hidden_reason = db::get_text(r, 11);
  p.opening = db::get_int64(r, 12) != 0;
  p.thread_locked = db::get_int64(r, 13) != 0;
  return p;
}

}  // namespace

std::optional<PostRow> post(db::Session& db, int64_t post_id) {
  ll id = post_id;
  db::Rows rows = (db.sql().prepare << std::string(kPostSelect) + "WHERE p.id = :id", use(id));
  for (const auto& r : rows) return read_post(r);
  return std::nullopt;
}

std::vector<Revision> revisions(db::Session& db, int64_t post_id) {
  ll id = post_id;
  db::Rows rows = (db.sql().prepare << "SELECT body, replaced_at FROM post_revision "
                                       "WHERE post_id = :id ORDER BY id DESC",
                   use(id));
  std::vector<Revision> out;
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_int64(r, 1)});
  return out;
}

void edit_post(db::Session& db, int64_t post_id, const std::string& body, int64_t now) {
  ll id = post_id, n = now;
  db.sql() << "INSERT INTO post_revision (post_id, body, replaced_at) "
              "SELECT id, body, :n FROM post WHERE id = :id",
      use(n), use(id);
  db.sql() << "UPDATE post SET body = :b, edited_at = :n WHERE id = :id", use(body), use(n),
      use(id);
}

bool delete_post(db::Session& db, int64_t post_id, int64_t thread_id, int64_t now) {
  ll id = post_id, n = now, t = thread_id;
  db.sql() << "UPDATE post SET body = '', deleted_at = :n WHERE id = :id AND deleted_at IS NULL",
      use(n), use(id);
  if (db.sql().affected_rows() != 1) return false;
  db.sql() << "DELETE FROM post_revision WHERE post_id = :id", use(id);
  db.sql() << "UPDATE thread SET post_count = CASE WHEN post_count > 0 THEN post_count - 1 "
              "ELSE 0 END WHERE id = :t",
      use(t);
  return true;
}

long live_replies(db::Session& db, int64_t thread_id, int64_t opening_post_id) {
  ll t = thread_id, o = opening_post_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM post WHERE thread_id = :t AND id <> :o AND deleted_at IS NULL",
      use(t), use(o), into(n);
  return static_cast<long>(n);
}

void delete_thread(db::Session& db, int64_t thread_id) {
  ll t = thread_id;
  db.sql() << "DELETE FROM thread WHERE id = :t", use(t);
}

bool has_open_report(db::Session& db, int64_t post_id, int64_t reporter) {
  ll p = post_id, r = reporter, n = 0;
  db.sql() << "SELECT COUNT(*) FROM post_report WHERE post_id = :p AND reporter_account_id = :r "
              "AND resolved_at IS NULL",
      use(p), use(r), into(n);
  return n > 0;
}

int64_t report(db::Session& db, int64_t post_id, int64_t reporter, const std::string& reason,
               int64_t now) {
  ll p = post_id, r = reporter, n = now, id = 0;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT id FROM post_report WHERE post_id = :p AND reporter_account_id = :r", use(p),
      use(r), into(id, ind);
  if (ind == soci::i_ok) {
    db.sql() << "UPDATE post_report SET reason = :reason, created_at = :n, resolved_at = NULL, "
                "resolved_by_account_id = NULL WHERE id = :id",
        use(reason), use(n), use(id);
    return id;
  }
  db.sql() << "INSERT INTO post_report (post_id, reporter_account_id, reason, created_at) "
              "VALUES (:p, :r, :reason, :n) RETURNING id",
      use(p), use(r), use(reason), use(n), into(id);
  return id;
}

std::vector<QueueEntry> open_reports(db::Session& db, int64_t space_id) {
  ll s = space_id;
  std::vector<QueueEntry> out;
  std::map<int64_t, size_t> at;
  {
    db::Rows rows =
        (db.sql().prepare << std::string(kPostSelect) +
                                 "WHERE t.space_id = :s AND EXISTS (SELECT 1 FROM post_report r "
                                 "WHERE r.post_id = p.id AND r.resolved_at IS NULL) ORDER BY p.id",
         use(s));
    for (const auto& r : rows) {
      QueueEntry e;
      e.post = read_post(r);
      at[e.post.id] = out.size();
      out.push_back(std::move(e));
    }
  }
  db::Rows rows = (db.sql().prepare << "SELECT r.post_id, r.reason, r.created_at FROM post_report "
                                       "r JOIN post p ON p.id = r.post_id JOIN thread t ON t.id = "
                                       "p.thread_id WHERE t.space_id = :s AND r.resolved_at IS "
                                       "NULL ORDER BY r.created_at, r.id",
                   use(s));
  for (const auto& r : rows) {
    auto it = at.find(db::get_int64(r, 0));
    if (it == at.end()) continue;
    auto& e = out[it->second];
    if (e.reports == 0) e.first_reported_at = db::get_int64(r, 2);
    ++e.reports;
    e.reasons.push_back(db::get_text(r, 1));
  }
  std::stable_sort(out.begin(), out.end(), [](const QueueEntry& a, const QueueEntry& b) {
    return a.first_reported_at < b.first_reported_at;
  });
  return out;
}

long resolve_reports(db::Session& db, int64_t post_id, int64_t by, int64_t now) {
  ll p = post_id, b = by, n = now;
  db.sql() << "UPDATE post_report SET resolved_at = :n, resolved_by_account_id = :b "
              "WHERE post_id = :p AND resolved_at IS NULL",
      use(n), use(b), use(p);
  return static_cast<long>(db.sql().affected_rows());
}

void hide(db::Session& db, int64_t post_id, int64_t by, const std::string& reason, int64_t now) {
  ll p = post_id, b = by, n = now;
  db.sql() << "UPDATE post SET hidden_at = :n, hidden_by_account_id = :b, hidden_reason = :r "
              "WHERE id = :p",
      use(n), use(b), use(reason), use(p);
}

void unhide(db::Session& db, int64_t post_id) {
  ll p = post_id;
  db.sql() << "UPDATE post SET hidden_at = NULL, hidden_by_account_id = NULL, hidden_reason = '' "
              "WHERE id = :p",
      use(p);
}

std::optional<ThreadRow> thread(db::Session& db, int64_t thread_id) {
  ll t = thread_id;
  db::Rows rows = (db.sql().prepare << "SELECT id, space_id, title, pinned, locked FROM thread "
                                       "WHERE id = :t",
                   use(t));
  for (const auto& r : rows)
    return ThreadRow{db::get_int64(r, 0), db::get_int64(r, 1), db::get_text(r, 2),
                     db::get_int64(r, 3) != 0, db::get_int64(r, 4) != 0};
  return std::nullopt;
}

void set_locked(db::Session& db, int64_t thread_id, bool locked) {
  ll t = thread_id, l = locked ? 1 : 0;
  db.sql() << "UPDATE thread SET locked = :l WHERE id = :t", use(l), use(t);
}

void set_pinned(db::Session& db, int64_t thread_id, bool pinned) {
  ll t = thread_id, p = pinned ? 1 : 0;
  db.sql() << "UPDATE thread SET pinned = :p WHERE id = :t", use(p), use(t);
}

std::vector<int64_t> moderated_spaces(db::Session& db, int64_t account_id, int64_t programme_id,
                                      int64_t except_space_id) {
  ll a = account_id, p = programme_id, e = except_space_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT s.id FROM space s WHERE s.programme_id = :p AND "
                           "s.id <> :e AND s.archived_at IS NULL AND " +
                               access_store::member_of_sql("s.id", ":a", true) + " ORDER BY s.id",
       use(p), use(e), use(a));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

void move_thread(db::Session& db, int64_t thread_id, int64_t to_space_id) {
  ll t = thread_id, s = to_space_id;
  db.sql() << "UPDATE thread SET space_id = :s WHERE id = :t", use(s), use(t);
  db.sql() << "UPDATE notification SET space_id = :s WHERE thread_id = :t", use(s), use(t);
}

std::vector<OwnPost> posts_by(db::Session& db, int64_t account_id, const std::string& language) {
  ll a = account_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT p.id, t.space_id, p.thread_id, COALESCE((SELECT x.name FROM space_text x "
              "WHERE x.space_id = s.id AND x.language = :l), (SELECT x.name FROM space_text x "
              "WHERE x.space_id = s.id AND x.language = 'en'), (SELECT MIN(x.name) FROM "
              "space_text x WHERE x.space_id = s.id), c.name, ''), t.title, p.body, "
              "p.created_at, COALESCE(p.edited_at, 0), CASE WHEN p.hidden_at IS NULL THEN 0 "
              "ELSE 1 END FROM post p JOIN thread t ON t.id = p.thread_id JOIN space s ON s.id = "
              "t.space_id LEFT JOIN cohort c ON c.id = s.cohort_id WHERE p.author_account_id = :a "
              "AND p.deleted_at IS NULL ORDER BY p.created_at, p.id",
       use(language), use(a));
  std::vector<OwnPost> out;
  for (const auto& r : rows) {
    OwnPost o;
    o.id = db::get_int64(r, 0);
    o.space_id = db::get_int64(r, 1);
    o.thread_id = db::get_int64(r, 2);
    o.space_name = db::get_text(r, 3);
    o.thread_title = db::get_text(r, 4);
    o.body = db::get_text(r, 5);
    o.created_at = db::get_int64(r, 6);
    o.edited_at = db::get_int64(r, 7);
    o.hidden = db::get_int64(r, 8) != 0;
    out.push_back(std::move(o));
  }
  return out;
}

void erase_account(db::Session& db, int64_t account_id, int64_t now) {
  ll a = account_id, n = now;
  db.sql() << "DELETE FROM post_revision WHERE post_id IN (SELECT id FROM post WHERE "
              "author_account_id = :a)",
      use(a);
  db.sql() << "UPDATE post SET body = '', hidden_reason = '', deleted_at = COALESCE(deleted_at, "
              ":n) WHERE author_account_id = :a",
      use(n), use(a);
  db.sql() << "DELETE FROM post_report WHERE reporter_account_id = :a", use(a);
  db.sql() << "DELETE FROM space_member WHERE account_id = :a", use(a);
}

}  // namespace crm::spaces::moderation_store

#include "spaces/access_store.hpp"

namespace crm::spaces::access_store {

namespace {

using soci::into;
using soci::use;
using ll = long long;

// The space's columns and the reader's place in it; the caller adds the
// FROM's tail and binds :a, :a2 (the account) and then its own.
const std::string& access_select() {
  static const std::string sql =
      "SELECT s.id, s.programme_id, s.kind, COALESCE(s.cohort_id, 0), s.protected, "
      "s.authors_hidden, CASE WHEN s.archived_at IS NULL THEN 0 ELSE 1 END, "
      "CASE WHEN " +
      member_of_sql("s.id", ":a") + " THEN 1 ELSE 0 END, CASE WHEN " +
      member_of_sql("s.id", ":a2", true) + " THEN 1 ELSE 0 END ";
  return sql;
}

std::optional<SpaceAccess> read_access(db::Session& db, const std::string& tail, int64_t account_id,
                                       int64_t id) {
  ll a = account_id, a2 = account_id, i = id;
  db::Rows rows = (db.sql().prepare << access_select() + tail, use(a), use(a2), use(i));
  for (const auto& r : rows) {
    SpaceAccess s;
    s.space_id = db::get_int64(r, 0);
    s.programme_id = db::get_int64(r, 1);
    s.kind = parse_kind(db::get_text(r, 2));
    s.cohort_id = db::get_int64(r, 3);
    s.is_protected = db::get_int64(r, 4) != 0;
    s.authors_hidden = db::get_int64(r, 5) != 0;
    s.archived = db::get_int64(r, 6) != 0;
    s.member = db::get_int64(r, 7) != 0;
    s.moderator = db::get_int64(r, 8) != 0;
    return s;
  }
  return std::nullopt;
}

}  // namespace

std::string member_of_sql(std::string_view space_column, std::string_view account_bind,
                          bool moderator) {
  std::string sql = "EXISTS (SELECT 1 FROM space_membership sm_ WHERE sm_.space_id = ";
  sql += space_column;
  sql += " AND sm_.account_id = ";
  sql += account_bind;
  if (moderator) sql += " AND sm_.moderator = 1";
  sql += ")";
  return sql;
}

std::optional<SpaceAccess> space_access(db::Session& db, int64_t account_id, int64_t space_id) {
  return read_access(db, "FROM space s WHERE s.id = :id", account_id, space_id);
}

std::optional<SpaceAccess> thread_access(db::Session& db, int64_t account_id, int64_t thread_id) {
  return read_access(db, "FROM thread t JOIN space s ON s.id = t.space_id WHERE t.id = :id",
                     account_id, thread_id);
}

std::optional<SpaceAccess> post_access(db::Session& db, int64_t account_id, int64_t post_id) {
  return read_access(db,
                     "FROM post p JOIN thread t ON t.id = p.thread_id JOIN space s ON s.id = "
                     "t.space_id WHERE p.id = :id",
                     account_id, post_id);
}

std::vector<int64_t> spaces_of(db::Session& db, int64_t account_id) {
  ll a = account_id;
  db::Rows rows = (db.sql().prepare << "SELECT DISTINCT space_id FROM space_membership "
                                       "WHERE account_id = :a ORDER BY space_id",
                   use(a));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

bool is_member(db::Session& db, int64_t account_id, int64_t space_id) {
  ll a = account_id, s = space_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM space_membership WHERE account_id = :a AND space_id = :s",
      use(a), use(s), into(n);
  return n > 0;
}

}  // namespace crm::spaces::access_store

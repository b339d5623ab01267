#include "spaces/search_store.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace crm::spaces::search_store {

using ll = long long;

namespace {

// Rows are read 64 at a time through one statement text per kind of read
// ("IN (:i0, …, :i63)", unused places 0: no row has id 0), so each text is
// prepared once per session whatever the number of ids.
constexpr size_t kBatch = 64;

std::string in_list() {
  std::string s = "(";
  for (size_t i = 0; i < kBatch; ++i) s += fmt::format("{}:i{}", i ? ", " : "", i);
  return s + ")";
}

template <typename Fn>
void in_batches(db::Session& db, const std::vector<int64_t>& ids, const std::string& sql, Fn each) {
  // One statement even for no ids: a page costs the same with hits or without.
  for (size_t at = 0; at == 0 || at < ids.size(); at += kBatch) {
    ll v[kBatch] = {};
    for (size_t i = 0; i < kBatch && at + i < ids.size(); ++i) v[i] = ids[at + i];
    auto p = db.sql().prepare << sql;
    for (size_t i = 0; i < kBatch; ++i) p, soci::use(v[i]);
    db::Rows rows(p);
    for (const auto& r : rows) each(r);
  }
}

}  // namespace

std::vector<Change> changes_after(db::Session& db, int64_t after, int limit) {
  std::vector<Change> out;
  ll a = after, n = limit;
  db::Rows rows((db.sql().prepare << "SELECT id, item_kind, item_id FROM space_search_change "
                                     "WHERE id > :a ORDER BY id LIMIT :n",
                 soci::use(a), soci::use(n)));
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1) == "thread", db::get_int64(r, 2)});
  return out;
}

int64_t last_change_id(db::Session& db) {
  ll id = 0;
  db.sql() << "SELECT COALESCE(MAX(id), 0) FROM space_search_change", soci::into(id);
  return id;
}

std::vector<PostDocument> load_posts(db::Session& db, const std::vector<int64_t>& post_ids) {
  std::vector<PostDocument> out;
  in_batches(
      db, post_ids,
      "SELECT p.id, p.thread_id, t.space_id, COALESCE(p.author_account_id, 0), p.created_at, "
      "CASE WHEN p.id = (SELECT MIN(f.id) FROM post f WHERE f.thread_id = p.thread_id "
      "AND f.deleted_at IS NULL AND f.hidden_at IS NULL) THEN t.title ELSE '' END, p.body "
      "FROM post p JOIN thread t ON t.id = p.thread_id "
      "WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.id IN " +
          in_list() + " ORDER BY p.id",
      [&](const soci::row& r) {
        PostDocument d;
        d.post_id = db::get_int64(r, 0);
        d.thread_id = db::get_int64(r, 1);
        d.space_id = db::get_int64(r, 2);
        d.author_account_id = db::get_int64(r, 3);
        d.created_at = db::get_int64(r, 4);
        d.title = db::get_text(r, 5);
        d.body = db::get_text(r, 6);
        out.push_back(std::move(d));
      });
  return out;
}

std::vector<int64_t> posts_of_threads(db::Session& db, const std::vector<int64_t>& thread_ids) {
  std::vector<int64_t> out;
  in_batches(db, thread_ids, "SELECT id FROM post WHERE thread_id IN " + in_list(),
             [&](const soci::row& r) { out.push_back(db::get_int64(r, 0)); });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<int64_t> title_posts_of_threads_of(db::Session& db,
                                               const std::vector<int64_t>& post_ids) {
  std::vector<int64_t> out;
  in_batches(db, post_ids,
             "SELECT id FROM (SELECT f.id, ROW_NUMBER() OVER (PARTITION BY f.thread_id ORDER BY "
             "f.id) AS n FROM post f WHERE f.deleted_at IS NULL AND f.hidden_at IS NULL AND "
             "f.thread_id IN (SELECT thread_id FROM post WHERE id IN " +
                 in_list() + ")) x WHERE n <= 2",
             [&](const soci::row& r) { out.push_back(db::get_int64(r, 0)); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<int64_t> all_visible_posts(db::Session& db) {
  std::vector<int64_t> out;
  db::Rows rows((db.sql().prepare << "SELECT id FROM post WHERE deleted_at IS NULL AND hidden_at "
                                     "IS NULL ORDER BY id"));
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

std::map<int64_t, std::string> thread_titles(db::Session& db, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  in_batches(db, ids, "SELECT id, title FROM thread WHERE id IN " + in_list(),
             [&](const soci::row& r) { out[db::get_int64(r, 0)] = db::get_text(r, 1); });
  return out;
}

std::map<int64_t, std::string> account_names(db::Session& db, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  in_batches(db, ids, "SELECT id, name FROM account WHERE id IN " + in_list(),
             [&](const soci::row& r) { out[db::get_int64(r, 0)] = db::get_text(r, 1); });
  return out;
}

}  // namespace crm::spaces::search_store

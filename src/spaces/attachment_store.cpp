#include "spaces/attachment_store.hpp"

#include "db/blob.hpp"

namespace crm::spaces::attachment_store {

using soci::into;
using soci::use;
using ll = long long;

int64_t insert(db::Session& db, int64_t post_id, const NewAttachment& a, int64_t now) {
  ll p = post_id, size = static_cast<ll>(a.data.size()), w = a.width, h = a.height, t = now, id = 0;
  std::string bytes = db::blob_param(db, a.data);
  std::string small = db::blob_param(db, a.small_data);
  soci::indicator si = a.small_data.empty() ? soci::i_null : soci::i_ok;
  db.sql() << "INSERT INTO post_attachment (post_id, filename, content_type, size, data, "
              "small_data, small_content_type, width, height, created_at) VALUES (:p, :f, :ct, "
              ":size, :data, :small, :sct, :w, :h, :t) RETURNING id",
      use(p), use(a.filename), use(a.content_type), use(size), use(bytes), use(small, si),
      use(a.small_content_type), use(w), use(h), use(t), into(id);
  return id;
}

std::vector<Attachment> for_posts(db::Session& db, const std::vector<int64_t>& post_ids) {
  std::vector<Attachment> out;
  if (post_ids.empty()) return out;
  // Numbers only: no user text reaches the statement.
  std::string list;
  for (auto id : post_ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  db::Rows rows = (db.sql().prepare << "SELECT id, post_id, filename, content_type, size, "
                                       "small_content_type, width, height FROM post_attachment "
                                       "WHERE post_id IN (" +
                                           list + ") ORDER BY post_id, id");
  for (const auto& r : rows) {
    Attachment a;
    a.id = db::get_int64(r, 0);
    a.post_id = db::get_int64(r, 1);
    a.filename = db::get_text(r, 2);
    a.content_type = db::get_text(r, 3);
    a.size = db::get_int64(r, 4);
    a.has_small = !db::get_text(r, 5).empty();
    a.width = db::get_int64(r, 6);
    a.height = db::get_int64(r, 7);
    out.push_back(std::move(a));
  }
  return out;
}

int64_t count_for_post(db::Session& db, int64_t post_id) {
  ll p = post_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM post_attachment WHERE post_id = :p", use(p), into(n);
  return n;
}

std::optional<Owner> owner(db::Session& db, int64_t attachment_id) {
  ll i = attachment_id;
  std::optional<Owner> out;
  db::Rows rows = (db.sql().prepare << "SELECT p.id, COALESCE(p.author_account_id, 0), "
                                       "CASE WHEN p.hidden_at IS NULL THEN 0 ELSE 1 END, "
                                       "CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END "
                                       "FROM post_attachment a JOIN post p ON p.id = a.post_id "
                                       "WHERE a.id = :id",
                   use(i));
  for (const auto& r : rows)
    out = Owner{db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2) != 0,
                db::get_int64(r, 3) != 0};
  return out;
}

std::optional<Owner> post_owner(db::Session& db, int64_t post_id) {
  ll i = post_id;
  std::optional<Owner> out;
  db::Rows rows = (db.sql().prepare << "SELECT id, COALESCE(author_account_id, 0), "
                                       "CASE WHEN hidden_at IS NULL THEN 0 ELSE 1 END, "
                                       "CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END "
                                       "FROM post WHERE id = :id",
                   use(i));
  for (const auto& r : rows)
    out = Owner{db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2) != 0,
                db::get_int64(r, 3) != 0};
  return out;
}

std::optional<File> original(db::Session& db, int64_t attachment_id) {
  ll i = attachment_id;
  File f;
  std::string data;
  db.sql() << "SELECT filename, content_type, data FROM post_attachment WHERE id = :id", use(i),
      into(f.filename), into(f.content_type), into(data);
  if (!db.sql().got_data()) return std::nullopt;
  f.data = db::blob_value(db, std::move(data));
  return f;
}

std::optional<File> small(db::Session& db, int64_t attachment_id) {
  ll i = attachment_id;
  File f;
  std::string data;
  soci::indicator ind = soci::i_ok;
  db.sql() << "SELECT filename, small_content_type, small_data FROM post_attachment "
              "WHERE id = :id",
      use(i), into(f.filename), into(f.content_type), into(data, ind);
  if (!db.sql().got_data() || ind == soci::i_null) return std::nullopt;
  f.data = db::blob_value(db, std::move(data));
  return f;
}

}  // namespace crm::spaces::attachment_store

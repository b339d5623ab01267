#include "spaces/materials_store.hpp"

#include "db/blob.hpp"

namespace crm::spaces::materials_store {

namespace {

using soci::into;
using soci::use;
using ll = long long;

const char* kSelect =
    "SELECT m.id, m.space_id, m.title, m.description, m.language, COALESCE(m.module_id, 0), "
    "m.kind, m.url, m.filename, m.content_type, m.size, COALESCE(m.replaces_id, 0), "
    "COALESCE(m.added_by_account_id, 0), COALESCE(a.name, ''), m.created_at "
    "FROM space_material m LEFT JOIN account a ON a.id = m.added_by_account_id ";

MaterialRow row_of(const soci::row& r) {
  MaterialRow m;
  m.id = db::get_int64(r, 0);
  m.space_id = db::get_int64(r, 1);
  m.title = db::get_text(r, 2);
  m.description = db::get_text(r, 3);
  m.language = db::get_text(r, 4);
  m.module_id = db::get_int64(r, 5);
  m.kind = db::get_text(r, 6);
  m.url = db::get_text(r, 7);
  m.filename = db::get_text(r, 8);
  m.content_type = db::get_text(r, 9);
  m.size = db::get_int64(r, 10);
  m.replaces_id = db::get_int64(r, 11);
  m.added_by = db::get_int64(r, 12);
  m.added_by_name = db::get_text(r, 13);
  m.created_at = db::get_int64(r, 14);
  return m;
}

}  // namespace

std::vector<MaterialRow> list(db::Session& db, int64_t space_id) {
  ll s = space_id;
  db::Rows rows =
      (db.sql().prepare << std::string(kSelect) + "WHERE m.space_id = :s ORDER BY m.id", use(s));
  std::vector<MaterialRow> out;
  for (const auto& r : rows) out.push_back(row_of(r));
  return out;
}

std::optional<MaterialRow> find(db::Session& db, int64_t id) {
  ll i = id;
  db::Rows rows = (db.sql().prepare << std::string(kSelect) + "WHERE m.id = :id", use(i));
  for (const auto& r : rows) return row_of(r);
  return std::nullopt;
}

std::string data(db::Session& db, int64_t id) {
  ll i = id;
  std::string bytes;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT data FROM space_material WHERE id = :id", use(i), into(bytes, ind);
  if (ind == soci::i_null) return {};
  return db::blob_value(db, std::move(bytes));
}

bool replaced(db::Session& db, int64_t id) {
  ll i = id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM space_material WHERE replaces_id = :id", use(i), into(n);
  return n > 0;
}

int64_t insert(db::Session& db, const MaterialRow& m, const std::string& data, int64_t now) {
  ll s = m.space_id, mod = m.module_id, size = m.size, r = m.replaces_id, by = m.added_by, t = now,
     id = 0;
  soci::indicator mi = m.module_id ? soci::i_ok : soci::i_null;
  soci::indicator ri = m.replaces_id ? soci::i_ok : soci::i_null;
  soci::indicator bi = m.added_by ? soci::i_ok : soci::i_null;
  std::string bytes = db::blob_param(db, data);
  soci::indicator di = m.kind == "file" ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO space_material (space_id, title, description, language, module_id, "
              "kind, url, filename, content_type, size, data, replaces_id, added_by_account_id, "
              "created_at) VALUES (:s, :title, :d, :l, :mod, :k, :url, :f, :ct, :size, :data, :r, "
              ":by, :t) RETURNING id",
      use(s), use(m.title), use(m.description), use(m.language), use(mod, mi), use(m.kind),
      use(m.url), use(m.filename), use(m.content_type), use(size), use(bytes, di), use(r, ri),
      use(by, bi), use(t), into(id);
  return id;
}

int64_t seen_at(db::Session& db, int64_t space_id, int64_t account_id) {
  ll s = space_id, a = account_id, at = 0;
  soci::indicator ind = soci::i_null;
  db.sql() << "SELECT materials_seen_at FROM space_reader WHERE space_id = :s AND account_id = :a",
      use(s), use(a), into(at, ind);
  return ind == soci::i_null ? 0 : at;
}

void mark_seen(db::Session& db, int64_t space_id, int64_t account_id, int64_t now) {
  ll s = space_id, a = account_id, t = now;
  db.sql() << "INSERT INTO space_reader (space_id, account_id, materials_seen_at) VALUES (:s, :a, "
              ":t) ON CONFLICT (space_id, account_id) DO UPDATE SET materials_seen_at = "
              "excluded.materials_seen_at",
      use(s), use(a), use(t);
}

std::vector<std::string> programme_languages(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT DISTINCT language FROM programme_text WHERE "
                                       "programme_id = :p ORDER BY language",
                   use(p));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(db::get_text(r, 0));
  return out;
}

}  // namespace crm::spaces::materials_store

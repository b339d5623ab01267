#include "knowledge/resource_store.hpp"

#include "db/blob.hpp"
#include "programme/scope.hpp"

namespace crm::knowledge::resource_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

constexpr const char* kColumns =
    "SELECT r.id, r.programme_id, r.kind, r.title, r.authors, r.publisher, COALESCE(r.year, 0), "
    "r.language, r.summary, r.url, r.filename, r.content_type, r.size, COALESCE(r.published_at, "
    "0), COALESCE(r.created_by, 0), r.created_at, r.updated_at ";

Resource resource_of(const soci::row& row) {
  Resource r;
  r.id = db::get_int64(row, 0);
  r.programme_id = db::get_int64(row, 1);
  r.kind = db::get_text(row, 2);
  r.title = db::get_text(row, 3);
  r.authors = db::get_text(row, 4);
  r.publisher = db::get_text(row, 5);
  r.year = db::get_int64(row, 6);
  r.language = db::get_text(row, 7);
  r.summary = db::get_text(row, 8);
  r.url = db::get_text(row, 9);
  r.filename = db::get_text(row, 10);
  r.content_type = db::get_text(row, 11);
  r.size = db::get_int64(row, 12);
  r.published_at = db::get_int64(row, 13);
  r.created_by = db::get_int64(row, 14);
  r.created_at = db::get_int64(row, 15);
  r.updated_at = db::get_int64(row, 16);
  return r;
}

}  // namespace

std::vector<ResourceRow> list_resources(db::Session& db, int64_t account_id, bool all,
                                        const std::string& language) {
  static const std::string sql =
      std::string(kColumns) +
      ", COALESCE(t.name, en.name, g.slug) FROM resource r JOIN programme g ON g.id = "
      "r.programme_id LEFT JOIN programme_text t ON t.programme_id = g.id AND t.language = :lang "
      "LEFT JOIN programme_text en ON en.programme_id = g.id AND en.language = 'en' "
      "WHERE (CAST(:all AS BIGINT) = 1 OR r.programme_id IN " +
      programme::programmes_of_account_sql() + ") ORDER BY r.updated_at DESC, r.id DESC";
  ll every = all ? 1 : 0, a = account_id;
  std::vector<ResourceRow> out;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(every), use(a), use(a));
  for (const auto& r : rows) out.push_back({resource_of(r), db::get_text(r, 17)});
  return out;
}

std::optional<Resource> find_resource(db::Session& db, int64_t id) {
  ll i = id;
  std::optional<Resource> out;
  db::Rows rows =
      (db.sql().prepare << std::string(kColumns) + "FROM resource r WHERE r.id = :id", use(i));
  for (const auto& r : rows) out = resource_of(r);
  return out;
}

std::string resource_data(db::Session& db, int64_t id) {
  ll i = id;
  std::string data;
  soci::indicator ind = soci::i_ok;
  db.sql() << "SELECT data FROM resource WHERE id = :id", use(i), into(data, ind);
  if (!db.sql().got_data() || ind == soci::i_null) return {};
  return db::blob_value(db, std::move(data));
}

std::string programme_name(db::Session& db, int64_t programme_id, const std::string& language) {
  ll p = programme_id;
  std::string name;
  db.sql() << "SELECT COALESCE(t.name, en.name, g.slug) FROM programme g LEFT JOIN programme_text "
              "t ON t.programme_id = g.id AND t.language = :lang LEFT JOIN programme_text en ON "
              "en.programme_id = g.id AND en.language = 'en' WHERE g.id = :p",
      use(language), use(p), into(name);
  return name;
}

int64_t insert_resource(db::Session& db, const Resource& r, const std::string& data) {
  ll prog = r.programme_id, year = r.year, size = r.filename.empty() ? 0 : r.size,
     published = r.published_at, by = r.created_by, t = r.created_at, id = 0;
  soci::indicator yi = r.year ? soci::i_ok : soci::i_null;
  soci::indicator pi = r.published_at ? soci::i_ok : soci::i_null;
  soci::indicator bi = r.created_by ? soci::i_ok : soci::i_null;
  soci::indicator di = r.filename.empty() ? soci::i_null : soci::i_ok;
  std::string bytes = db::blob_param(db, r.filename.empty() ? std::string() : data);
  db.sql() << "INSERT INTO resource (programme_id, kind, title, authors, publisher, year, "
              "language, summary, url, filename, content_type, size, data, published_at, "
              "created_by, created_at, updated_at) VALUES (:prog, :kind, :title, :authors, "
              ":publisher, :year, :lang, :summary, :url, :filename, :ct, :size, :data, :pub, :by, "
              ":t, :t2) RETURNING id",
      use(prog), use(r.kind), use(r.title), use(r.authors), use(r.publisher), use(year, yi),
      use(r.language), use(r.summary), use(r.url), use(r.filename), use(r.content_type), use(size),
      use(bytes, di), use(published, pi), use(by, bi), use(t), use(t), into(id);
  return id;
}

void update_resource(db::Session& db, const Resource& r) {
  ll id = r.id, year = r.year, t = r.updated_at;
  soci::indicator yi = r.year ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE resource SET kind = :kind, title = :title, authors = :authors, publisher = "
              ":publisher, year = :year, language = :lang, summary = :summary, url = :url, "
              "updated_at = :t WHERE id = :id",
      use(r.kind), use(r.title), use(r.authors), use(r.publisher), use(year, yi), use(r.language),
      use(r.summary), use(r.url), use(t), use(id);
}

void set_file(db::Session& db, int64_t id, const std::string& filename,
              const std::string& content_type, const std::string& data, int64_t now) {
  ll i = id, t = now, size = filename.empty() ? 0 : static_cast<ll>(data.size());
  soci::indicator di = filename.empty() ? soci::i_null : soci::i_ok;
  std::string bytes = db::blob_param(db, filename.empty() ? std::string() : data);
  db.sql() << "UPDATE resource SET filename = :f, content_type = :ct, size = :size, data = :data, "
              "extracted_text = NULL, updated_at = :t WHERE id = :id",
      use(filename), use(content_type), use(size), use(bytes, di), use(t), use(i);
}

void set_extracted_text(db::Session& db, int64_t id, const std::string& text) {
  ll i = id;
  db.sql() << "UPDATE resource SET extracted_text = :text WHERE id = :id", use(text), use(i);
}

void set_published(db::Session& db, int64_t id, int64_t published_at, int64_t now) {
  ll i = id, p = published_at, t = now;
  soci::indicator pi = published_at ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE resource SET published_at = :p, updated_at = :t WHERE id = :id", use(p, pi),
      use(t), use(i);
}

std::vector<Tag> list_tags(db::Session& db, int64_t id) {
  ll i = id;
  std::vector<Tag> out;
  db::Rows rows = (db.sql().prepare << "SELECT kind, value FROM resource_tag WHERE resource_id = "
                                       ":id ORDER BY kind, value",
                   use(i));
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_text(r, 1)});
  return out;
}

void replace_tags(db::Session& db, int64_t id, const std::vector<Tag>& tags) {
  ll i = id;
  db.sql() << "DELETE FROM resource_tag WHERE resource_id = :id", use(i);
  for (const auto& t : tags)
    db.sql() << "INSERT INTO resource_tag (resource_id, kind, value) VALUES (:id, :k, :v)", use(i),
        use(t.kind), use(t.value);
}

}  // namespace crm::knowledge::resource_store

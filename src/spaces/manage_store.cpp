#include "spaces/manage_store.hpp"

namespace crm::spaces::manage_store {

namespace {

using soci::into;
using soci::use;
using ll = long long;

void write_texts(db::Session& db, ll space, const Settings& s) {
  db.sql() << "DELETE FROM space_text WHERE space_id = :s", use(space);
  for (const auto& [language, text] : s.texts)
    db.sql() << "INSERT INTO space_text (space_id, language, name, description) VALUES (:s, :l, "
                ":n, :d)",
        use(space), use(language), use(text.name), use(text.description);
}

}  // namespace

int64_t insert_space(db::Session& db, int64_t programme_id, const std::string& kind,
                     const Settings& s, int64_t now) {
  ll p = programme_id, t = now, id = 0, prot = s.is_protected ? 1 : 0,
     hidden = s.authors_hidden ? 1 : 0;
  db.sql() << "INSERT INTO space (programme_id, kind, protected, authors_hidden, created_at) "
              "VALUES (:p, :k, :pr, :h, :t) RETURNING id",
      use(p), use(kind), use(prot), use(hidden), use(t), into(id);
  write_texts(db, id, s);
  return id;
}

Settings settings(db::Session& db, int64_t space_id) {
  ll id = space_id, prot = 0, hidden = 0, archived = 0;
  Settings s;
  db.sql() << "SELECT protected, authors_hidden, CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END "
              "FROM space WHERE id = :s",
      use(id), into(prot), into(hidden), into(archived);
  s.is_protected = prot != 0;
  s.authors_hidden = hidden != 0;
  s.archived = archived != 0;
  db::Rows rows = (db.sql().prepare << "SELECT language, name, description FROM space_text "
                                       "WHERE space_id = :s ORDER BY language",
                   use(id));
  for (const auto& r : rows)
    s.texts[db::get_text(r, 0)] = SpaceText{db::get_text(r, 1), db::get_text(r, 2)};
  return s;
}

void update_space(db::Session& db, int64_t space_id, const Settings& s, int64_t now) {
  ll id = space_id, prot = s.is_protected ? 1 : 0, hidden = s.authors_hidden ? 1 : 0,
     archived = s.archived ? 1 : 0, t = now;
  db.sql() << "UPDATE space SET protected = :p, authors_hidden = :h, archived_at = CASE WHEN :a = "
              "0 THEN NULL ELSE COALESCE(archived_at, :t) END WHERE id = :s",
      use(prot), use(hidden), use(archived), use(t), use(id);
  write_texts(db, id, s);
}

}  // namespace crm::spaces::manage_store

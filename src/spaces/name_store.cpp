#include "spaces/name_store.hpp"

#include <fmt/format.h>

namespace crm::spaces::name_store {

namespace {

using soci::use;
using ll = long long;

// A column of space_text in the language, else English, else the first by
// language code; `column` is fixed text.
std::string text_in(const char* column, const char* lang_bind, const char* en_bind) {
  return fmt::format(
      "(SELECT st.{0} FROM space_text st WHERE st.space_id = s.id ORDER BY CASE WHEN st.language "
      "= {1} THEN 0 WHEN st.language = {2} THEN 1 ELSE 2 END, st.language LIMIT 1)",
      column, lang_bind, en_bind);
}

// The names of the spaces `where` selects (it binds one number, `key`).
void read_names(db::Session& db, const char* where, const std::string& language, ll key,
                std::map<int64_t, SpaceName>& out) {
  const std::string en = "en", en2 = "en", en3 = "en";
  std::string l1 = language, l2 = language, l3 = language;
  static const std::string select =
      "SELECT s.id, s.kind, s.protected, COALESCE(" + text_in("name", ":l1", ":e1") +
      ", c.name, ''), COALESCE(" + text_in("description", ":l2", ":e2") +
      ", ''), COALESCE((SELECT pt.name FROM programme_text pt WHERE pt.programme_id = "
      "s.programme_id ORDER BY CASE WHEN pt.language = :l3 THEN 0 WHEN pt.language = :e3 THEN 1 "
      "ELSE 2 END, pt.language LIMIT 1), '') FROM space s LEFT JOIN cohort c ON c.id = "
      "s.cohort_id ";
  db::Rows rows = (db.sql().prepare << select + where, use(l1), use(en), use(l2), use(en2), use(l3),
                   use(en3), use(key));
  for (const auto& r : rows) {
    SpaceName n;
    n.space_id = db::get_int64(r, 0);
    n.kind = parse_kind(db::get_text(r, 1));
    n.is_protected = db::get_int64(r, 2) != 0;
    n.name = db::get_text(r, 3);
    n.description = db::get_text(r, 4);
    n.programme_name = db::get_text(r, 5);
    out.emplace(n.space_id, std::move(n));
  }
}

}  // namespace

std::map<int64_t, SpaceName> names_of_readers_spaces(db::Session& db, int64_t account_id,
                                                     const std::string& language) {
  ll a = account_id;
  std::map<int64_t, SpaceName> out;
  read_names(db, "WHERE s.id IN (SELECT space_id FROM space_membership WHERE account_id = :a)",
             language, a, out);
  return out;
}

std::map<int64_t, SpaceName> names_of_programme_spaces(db::Session& db, int64_t programme_id,
                                                       const std::string& language) {
  ll p = programme_id;
  std::map<int64_t, SpaceName> out;
  read_names(db, "WHERE s.programme_id = :p", language, p, out);
  return out;
}

std::optional<SpaceName> space_name(db::Session& db, int64_t space_id,
                                    const std::string& language) {
  ll id = space_id;
  std::map<int64_t, SpaceName> out;
  read_names(db, "WHERE s.id = :id", language, id, out);
  if (out.empty()) return std::nullopt;
  return std::move(out.begin()->second);
}

std::string display_name(const SpaceName& s, const Tr& t) {
  if (!s.name.empty()) return s.name;
  if (s.kind == Kind::alumni) return t("Alumni of {programme}", {{"programme", s.programme_name}});
  return t("Space");
}

}  // namespace crm::spaces::name_store

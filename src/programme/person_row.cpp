#include "programme/person_row.hpp"

#include "db/database.hpp"

namespace crm::programme {

const char* const kSelectPerson =
    "SELECT id, account_id, name, name_latin, email, country, organisation_id, position, gender, "
    "created_at, languages, expertise, time_zone, bio, visible_fields, updated_at, merged_into, "
    "erasure_requested_at, erased_at FROM person ";

Person person_from_row(const soci::row& r) {
  Person p;
  p.id = db::get_int64(r, 0);
  p.account_id = db::get_int64(r, 1);
  p.name = db::get_text(r, 2);
  p.name_latin = db::get_text(r, 3);
  p.email = db::get_text(r, 4);
  p.country = db::get_text(r, 5);
  p.organisation_id = db::get_int64(r, 6);
  p.position = db::get_text(r, 7);
  p.gender = db::get_text(r, 8);
  p.created_at = db::get_int64(r, 9);
  p.languages = db::get_text(r, 10);
  p.expertise = db::get_text(r, 11);
  p.time_zone = db::get_text(r, 12);
  p.bio = db::get_text(r, 13);
  p.visible_fields = db::get_text(r, 14);
  p.updated_at = db::get_int64(r, 15);
  p.merged_into = db::get_int64(r, 16);
  p.erasure_requested_at = db::get_int64(r, 17);
  p.erased_at = db::get_int64(r, 18);
  return p;
}

const std::string& taking_part_sql() {
  static const std::string list = [] {
    std::string out;
    for (auto s : taking_part_statuses())
      out += (out.empty() ? "('" : ", '") + std::string(s) + "'";
    return out + ")";
  }();
  return list;
}

}  // namespace crm::programme

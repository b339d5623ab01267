#include "curriculum/rows.hpp"

#include "db/database.hpp"

namespace crm::curriculum {

const char* const kSessionColumns =
    "s.id, s.cohort_id, COALESCE(s.module_id, 0), s.title, s.description, s.kind, s.starts_at, "
    "s.ends_at, s.time_zone, s.place, s.room, s.meeting_url, s.status, s.cancel_reason, s.uid, "
    "s.sequence";

Session session_from_row(const soci::row& r) {
  Session s;
  s.id = db::get_int64(r, 0);
  s.cohort_id = db::get_int64(r, 1);
  s.module_id = db::get_int64(r, 2);
  s.title = db::get_text(r, 3);
  s.description = db::get_text(r, 4);
  s.kind = db::get_text(r, 5);
  s.starts_at = db::get_int64(r, 6);
  s.ends_at = db::get_int64(r, 7);
  s.time_zone = db::get_text(r, 8);
  s.place = db::get_text(r, 9);
  s.room = db::get_text(r, 10);
  s.meeting_url = db::get_text(r, 11);
  s.status = db::get_text(r, 12);
  s.cancel_reason = db::get_text(r, 13);
  s.uid = db::get_text(r, 14);
  s.sequence = static_cast<long>(db::get_int64(r, 15));
  return s;
}

std::string module_title_sql(std::string_view column) {
  return "(SELECT mt.title FROM module_text mt WHERE mt.module_id = " + std::string(column) +
         " ORDER BY CASE WHEN mt.language = :lang THEN 0 WHEN mt.language = 'en' THEN 1 ELSE 2 "
         "END, mt.language LIMIT 1)";
}

}  // namespace crm::curriculum

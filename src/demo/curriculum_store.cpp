#include "demo/curriculum_store.hpp"

#include "db/blob.hpp"
#include "demo/store.hpp"

namespace crm::demo::store {

using ll = long long;

std::set<int64_t> planned_cohorts(db::Session& db) {
  std::set<int64_t> out;
  db::Rows rows = (db.sql().prepare << "SELECT DISTINCT cohort_id FROM module");
  for (const auto& r : rows) out.insert(db::get_int64(r, 0));
  return out;
}

std::map<int64_t, std::vector<int64_t>> lecturers_by_cohort(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT e.cohort_id, pe.id FROM enrolment e "
                                       "JOIN person pe ON pe.id = e.person_id "
                                       "JOIN cohort c ON c.id = e.cohort_id "
                                       "WHERE c.programme_id = :p AND e.role = 'lecturer' "
                                       "ORDER BY e.cohort_id, pe.name, pe.id",
                   soci::use(p));
  std::map<int64_t, std::vector<int64_t>> out;
  for (const auto& r : rows) out[db::get_int64(r, 0)].push_back(db::get_int64(r, 1));
  return out;
}

void insert_modules(db::Session& db, const std::vector<curriculum::Module>& rows, int64_t now) {
  insert_all(db,
             "INSERT INTO module (cohort_id, position, semester, ects_tenths, created_at, "
             "updated_at)",
             6, rows, [now](Values& v, const curriculum::Module& m) {
               v.integer(m.cohort_id);
               v.integer(m.position);
               v.integer(m.semester);
               v.integer(m.ects_tenths);
               v.integer(now);
               v.integer(now);
             });
}

std::map<std::tuple<int64_t, long, long>, int64_t> module_ids(db::Session& db,
                                                              int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT m.id, m.cohort_id, m.semester, m.position "
                                       "FROM module m JOIN cohort c ON c.id = m.cohort_id "
                                       "WHERE c.programme_id = :p",
                   soci::use(p));
  std::map<std::tuple<int64_t, long, long>, int64_t> out;
  for (const auto& r : rows)
    out[{db::get_int64(r, 1), static_cast<long>(db::get_int64(r, 2)),
         static_cast<long>(db::get_int64(r, 3))}] = db::get_int64(r, 0);
  return out;
}

void insert_module_details(db::Session& db, const std::vector<curriculum::Module>& rows) {
  struct Text {
    int64_t module;
    const curriculum::ModuleText* text;
  };
  std::vector<Text> texts;
  std::vector<std::pair<int64_t, int64_t>> lecturers;
  for (const auto& m : rows) {
    for (const auto& t : m.texts) texts.push_back({m.id, &t});
    for (auto l : m.lecturer_ids) lecturers.emplace_back(m.id, l);
  }
  insert_all(db, "INSERT INTO module_text (module_id, language, title, description, outcomes)", 5,
             texts, [](Values& v, const Text& t) {
               v.integer(t.module);
               v.text(t.text->language);
               v.text(t.text->title);
               v.text(t.text->description);
               v.text(t.text->outcomes);
             });
  insert_all(db, "INSERT INTO module_lecturer (module_id, person_id)", 2, lecturers,
             [](Values& v, const std::pair<int64_t, int64_t>& l) {
               v.integer(l.first);
               v.integer(l.second);
             });
}

void insert_sessions(db::Session& db, const std::vector<curriculum::Session>& rows, int64_t now) {
  insert_all(db,
             "INSERT INTO course_session (cohort_id, module_id, title, description, kind, "
             "starts_at, ends_at, time_zone, place, room, meeting_url, status, cancel_reason, "
             "uid, sequence, created_at, updated_at)",
             17, rows, [now](Values& v, const curriculum::Session& s) {
               v.integer(s.cohort_id);
               v.id_or_null(s.module_id);
               v.text(s.title);
               v.text(s.description);
               v.text(s.kind);
               v.integer(s.starts_at);
               v.integer(s.ends_at);
               v.text(s.time_zone);
               v.text(s.place);
               v.text(s.room);
               v.text(s.meeting_url);
               v.text(s.status);
               v.text(s.cancel_reason);
               v.text(s.uid);
               v.integer(s.sequence);
               v.integer(now);
               v.integer(now);
             });
}

std::map<std::string, int64_t> session_ids(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT s.id, s.uid FROM course_session s "
                                       "JOIN cohort c ON c.id = s.cohort_id "
                                       "WHERE c.programme_id = :p",
                   soci::use(p));
  std::map<std::string, int64_t> out;
  for (const auto& r : rows) out[db::get_text(r, 1)] = db::get_int64(r, 0);
  return out;
}

void insert_session_lecturers(db::Session& db, const std::vector<curriculum::Session>& rows) {
  std::vector<std::pair<int64_t, int64_t>> lecturers;
  for (const auto& s : rows)
    for (auto l : s.lecturer_ids) lecturers.emplace_back(s.id, l);
  insert_all(db, "INSERT INTO session_lecturer (session_id, person_id)", 2, lecturers,
             [](Values& v, const std::pair<int64_t, int64_t>& l) {
               v.integer(l.first);
               v.integer(l.second);
             });
}

void insert_materials(db::Session& db,
                      const std::vector<std::pair<curriculum::Material, std::string>>& rows,
                      int64_t now) {
  // The bytes as the column takes them (PostgreSQL: bytea's hex form); a
  // link has none (NULL).
  std::vector<std::pair<const curriculum::Material*, std::string>> bound;
  for (const auto& [m, data] : rows)
    bound.emplace_back(&m, m.kind == "file" ? db::blob_param(db, data) : std::string());
  insert_all(db,
             "INSERT INTO session_material (session_id, title, kind, url, filename, "
             "content_type, size, data, created_at)",
             9, bound,
             [now](Values& v, const std::pair<const curriculum::Material*, std::string>& b) {
               const auto& m = *b.first;
               v.integer(m.session_id);
               v.text(m.title);
               v.text(m.kind);
               v.text(m.url);
               v.text(m.filename);
               v.text(m.content_type);
               v.integer(m.size);
               v.text_or_null(b.second);
               v.integer(now);
             });
}

}  // namespace crm::demo::store

#include "curriculum/store.hpp"

#include <algorithm>
#include <map>

#include "curriculum/rows.hpp"
#include "db/blob.hpp"
#include "programme/person_row.hpp"

namespace crm::curriculum::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

constexpr const char* kModuleColumns =
    "SELECT id, cohort_id, position, semester, ects_tenths FROM module ";

Module module_of(const soci::row& r) {
  Module m;
  m.id = db::get_int64(r, 0);
  m.cohort_id = db::get_int64(r, 1);
  m.position = static_cast<long>(db::get_int64(r, 2));
  m.semester = static_cast<long>(db::get_int64(r, 3));
  m.ects_tenths = static_cast<long>(db::get_int64(r, 4));
  return m;
}

const std::string kSelectSession =
    std::string("SELECT ") + kSessionColumns + " FROM course_session s ";

constexpr const char* kMaterialColumns =
    "SELECT m.id, m.session_id, m.title, m.kind, m.url, m.filename, m.content_type, m.size, "
    "m.replaces_id, m.created_at FROM session_material m ";

Material material_of(const soci::row& r) {
  Material m;
  m.id = db::get_int64(r, 0);
  m.session_id = db::get_int64(r, 1);
  m.title = db::get_text(r, 2);
  m.kind = db::get_text(r, 3);
  m.url = db::get_text(r, 4);
  m.filename = db::get_text(r, 5);
  m.content_type = db::get_text(r, 6);
  m.size = db::get_int64(r, 7);
  m.replaces_id = db::get_int64(r, 8);
  m.created_at = db::get_int64(r, 9);
  return m;
}

}  // namespace

std::vector<Module> list_modules(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  std::vector<Module> out;
  {
    db::Rows rows = (db.sql().prepare << std::string(kModuleColumns) +
                                             "WHERE cohort_id = :c ORDER BY semester, position, id",
                     use(c));
    for (const auto& r : rows) out.push_back(module_of(r));
  }
  if (out.empty()) return out;
  std::map<int64_t, Module*> by_id;
  for (auto& m : out) by_id[m.id] = &m;
  {
    db::Rows rows = (db.sql().prepare << "SELECT t.module_id, t.language, t.title, t.description, "
                                         "t.outcomes FROM module_text t JOIN module m ON m.id = "
                                         "t.module_id WHERE m.cohort_id = :c ORDER BY t.language",
                     use(c));
    for (const auto& r : rows)
      if (auto it = by_id.find(db::get_int64(r, 0)); it != by_id.end())
        it->second->texts.push_back(
            {db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3), db::get_text(r, 4)});
  }
  {
    db::Rows rows = (db.sql().prepare << "SELECT l.module_id, l.person_id FROM module_lecturer l "
                                         "JOIN module m ON m.id = l.module_id "
                                         "WHERE m.cohort_id = :c ORDER BY l.person_id",
                     use(c));
    for (const auto& r : rows)
      if (auto it = by_id.find(db::get_int64(r, 0)); it != by_id.end())
        it->second->lecturer_ids.push_back(db::get_int64(r, 1));
  }
  return out;
}

std::optional<Module> find_module(db::Session& db, int64_t id) {
  ll i = id;
  std::optional<Module> m;
  {
    db::Rows rows = (db.sql().prepare << std::string(kModuleColumns) + "WHERE id = :id", use(i));
    for (const auto& r : rows) m = module_of(r);
  }
  if (!m) return m;
  {
    db::Rows rows = (db.sql().prepare << "SELECT language, title, description, outcomes "
                                         "FROM module_text WHERE module_id = :m ORDER BY language",
                     use(i));
    for (const auto& r : rows)
      m->texts.push_back(
          {db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3)});
  }
  {
    db::Rows rows = (db.sql().prepare << "SELECT person_id FROM module_lecturer "
                                         "WHERE module_id = :m ORDER BY person_id",
                     use(i));
    for (const auto& r : rows) m->lecturer_ids.push_back(db::get_int64(r, 0));
  }
  return m;
}

long count_modules(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM module WHERE cohort_id = :c", use(c), into(n);
  return static_cast<long>(n);
}

long next_position(db::Session& db, int64_t cohort_id, long semester) {
  ll c = cohort_id, s = semester, n = 0;
  db.sql() << "SELECT COALESCE(MAX(position), 0) + 1 FROM module "
              "WHERE cohort_id = :c AND semester = :s",
      use(c), use(s), into(n);
  return static_cast<long>(n);
}

int64_t insert_module(db::Session& db, const Module& m, int64_t now) {
  ll c = m.cohort_id, p = m.position, s = m.semester, e = m.ects_tenths, t = now, id = 0;
  db.sql() << "INSERT INTO module (cohort_id, position, semester, ects_tenths, created_at, "
              "updated_at) VALUES (:c, :p, :s, :e, :t, :t2) RETURNING id",
      use(c), use(p), use(s), use(e), use(t), use(t), into(id);
  return id;
}

void update_module(db::Session& db, const Module& m, int64_t now) {
  ll i = m.id, p = m.position, s = m.semester, e = m.ects_tenths, t = now;
  db.sql() << "UPDATE module SET position = :p, semester = :s, ects_tenths = :e, "
              "updated_at = :t WHERE id = :id",
      use(p), use(s), use(e), use(t), use(i);
}

void delete_module(db::Session& db, int64_t id) {
  ll i = id;
  db.sql() << "DELETE FROM module WHERE id = :id", use(i);
}

void replace_module_texts(db::Session& db, const Module& m) {
  ll i = m.id;
  db.sql() << "DELETE FROM module_text WHERE module_id = :m", use(i);
  for (const auto& t : m.texts)
    db.sql() << "INSERT INTO module_text (module_id, language, title, description, outcomes) "
                "VALUES (:m, :l, :t, :d, :o)",
        use(i), use(t.language), use(t.title), use(t.description), use(t.outcomes);
}

void replace_module_lecturers(db::Session& db, int64_t module_id,
                              const std::vector<int64_t>& person_ids) {
  ll i = module_id;
  db.sql() << "DELETE FROM module_lecturer WHERE module_id = :m", use(i);
  for (int64_t p : person_ids) {
    ll pp = p;
    db.sql() << "INSERT INTO module_lecturer (module_id, person_id) VALUES (:m, :p)", use(i),
        use(pp);
  }
}

long module_records(db::Session& db, int64_t module_id) {
  ll i = module_id, i2 = module_id, n = 0;
  db.sql() << "SELECT (SELECT COUNT(*) FROM module_result WHERE module_id = :m) + "
              "(SELECT COUNT(*) FROM attendance a JOIN course_session s ON s.id = a.session_id "
              "WHERE s.module_id = :m2)",
      use(i), use(i2), into(n);
  return static_cast<long>(n);
}

std::vector<Lecturer> cohort_lecturers(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  db::Rows rows = (db.sql().prepare << "SELECT DISTINCT p.id, p.name FROM enrolment e "
                                       "JOIN person p ON p.id = e.person_id WHERE e.cohort_id = :c "
                                       "AND e.role = 'lecturer' AND p.erased_at IS NULL "
                                       "AND p.merged_into IS NULL ORDER BY p.name, p.id",
                   use(c));
  std::vector<Lecturer> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

std::vector<Session> list_sessions(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  std::vector<Session> out;
  {
    db::Rows rows =
        (db.sql().prepare << kSelectSession + "WHERE s.cohort_id = :c ORDER BY s.starts_at, s.id",
         use(c));
    for (const auto& r : rows) out.push_back(session_from_row(r));
  }
  if (out.empty()) return out;
  std::map<int64_t, Session*> by_id;
  for (auto& s : out) by_id[s.id] = &s;
  db::Rows rows = (db.sql().prepare << "SELECT l.session_id, l.person_id FROM session_lecturer l "
                                       "JOIN course_session s ON s.id = l.session_id "
                                       "WHERE s.cohort_id = :c ORDER BY l.person_id",
                   use(c));
  for (const auto& r : rows)
    if (auto it = by_id.find(db::get_int64(r, 0)); it != by_id.end())
      it->second->lecturer_ids.push_back(db::get_int64(r, 1));
  return out;
}

std::optional<Session> find_session(db::Session& db, int64_t id) {
  ll i = id;
  std::optional<Session> s;
  {
    db::Rows rows = (db.sql().prepare << kSelectSession + "WHERE s.id = :id", use(i));
    for (const auto& r : rows) s = session_from_row(r);
  }
  if (!s) return s;
  db::Rows rows = (db.sql().prepare << "SELECT person_id FROM session_lecturer "
                                       "WHERE session_id = :s ORDER BY person_id",
                   use(i));
  for (const auto& r : rows) s->lecturer_ids.push_back(db::get_int64(r, 0));
  return s;
}

int64_t insert_session(db::Session& db, const Session& s, int64_t now) {
  ll c = s.cohort_id, m = s.module_id, a = s.starts_at, b = s.ends_at, q = s.sequence, t = now,
     id = 0;
  soci::indicator mi = s.module_id ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO course_session (cohort_id, module_id, title, description, kind, "
              "starts_at, ends_at, time_zone, place, room, meeting_url, status, cancel_reason, "
              "uid, sequence, created_at, updated_at) VALUES (:c, :m, :title, :d, :k, :a, :b, "
              ":tz, :place, :room, :url, :status, :reason, :uid, :q, :t, :t2) RETURNING id",
      use(c), use(m, mi), use(s.title), use(s.description), use(s.kind), use(a), use(b),
      use(s.time_zone), use(s.place), use(s.room), use(s.meeting_url), use(s.status),
      use(s.cancel_reason), use(s.uid), use(q), use(t), use(t), into(id);
  return id;
}

void update_session(db::Session& db, const Session& s, int64_t now) {
  ll i = s.id, m = s.module_id, a = s.starts_at, b = s.ends_at, q = s.sequence, t = now;
  soci::indicator mi = s.module_id ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE course_session SET module_id = :m, title = :title, description = :d, "
              "kind = :k, starts_at = :a, ends_at = :b, time_zone = :tz, place = :place, "
              "room = :room, meeting_url = :url, status = :status, cancel_reason = :reason, "
              "sequence = :q, updated_at = :t WHERE id = :id",
      use(m, mi), use(s.title), use(s.description), use(s.kind), use(a), use(b), use(s.time_zone),
      use(s.place), use(s.room), use(s.meeting_url), use(s.status), use(s.cancel_reason), use(q),
      use(t), use(i);
}

void replace_session_lecturers(db::Session& db, int64_t session_id,
                               const std::vector<int64_t>& person_ids) {
  ll i = session_id;
  db.sql() << "DELETE FROM session_lecturer WHERE session_id = :s", use(i);
  for (int64_t p : person_ids) {
    ll pp = p;
    db.sql() << "INSERT INTO session_lecturer (session_id, person_id) VALUES (:s, :p)", use(i),
        use(pp);
  }
}

std::string last_session_zone(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  std::string zone;
  db.sql() << "SELECT time_zone FROM course_session WHERE cohort_id = :c "
              "ORDER BY created_at DESC, id DESC LIMIT 1",
      use(c), into(zone);
  if (!db.sql().got_data()) return {};
  return zone;
}

bool is_session_lecturer(db::Session& db, int64_t session_id, int64_t account_id) {
  ll s = session_id, a = account_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM session_lecturer l JOIN person p ON p.id = l.person_id "
              "WHERE l.session_id = :s AND p.account_id = :a",
      use(s), use(a), into(n);
  return n > 0;
}

std::vector<Recipient> session_recipients(db::Session& db, int64_t session_id, int64_t cohort_id) {
  ll s = session_id, c = cohort_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT p.id, p.name, COALESCE(NULLIF(p.email, ''), a.email, ''), "
              "COALESCE(a.language, p.languages, ''), COALESCE(a.time_zone, p.time_zone, '') "
              "FROM person p LEFT JOIN account a ON a.id = p.account_id "
              "WHERE p.erased_at IS NULL AND p.merged_into IS NULL AND (p.id IN "
              "(SELECT e.person_id FROM enrolment e WHERE e.cohort_id = :c "
              "AND e.role = 'participant' AND e.status IN " +
                  programme::taking_part_sql() +
                  ") OR p.id IN (SELECT person_id FROM session_lecturer WHERE session_id = :s)) "
                  "ORDER BY p.id",
       use(c), use(s));
  std::vector<Recipient> out;
  for (const auto& r : rows) {
    Recipient x{db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                db::get_text(r, 4)};
    if (auto comma = x.language.find(','); comma != std::string::npos) x.language.resize(comma);
    if (!x.email.empty()) out.push_back(std::move(x));
  }
  return out;
}

std::vector<Material> list_materials(db::Session& db, int64_t session_id) {
  ll s = session_id;
  db::Rows rows = (db.sql().prepare << std::string(kMaterialColumns) +
                                           "WHERE m.session_id = :s ORDER BY m.created_at DESC, "
                                           "m.id DESC",
                   use(s));
  std::vector<Material> out;
  for (const auto& r : rows) out.push_back(material_of(r));
  return out;
}

std::vector<Material> list_cohort_materials(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  db::Rows rows =
      (db.sql().prepare << std::string(kMaterialColumns) +
                               "JOIN course_session s ON s.id = m.session_id "
                               "WHERE s.cohort_id = :c ORDER BY m.created_at DESC, m.id DESC",
       use(c));
  std::vector<Material> out;
  for (const auto& r : rows) out.push_back(material_of(r));
  return out;
}

int64_t insert_material(db::Session& db, const Material& m, const std::string& data,
                        int64_t added_by, int64_t now) {
  ll s = m.session_id, size = m.size, r = m.replaces_id, by = added_by, t = now, id = 0;
  soci::indicator ri = m.replaces_id ? soci::i_ok : soci::i_null;
  soci::indicator bi = added_by ? soci::i_ok : soci::i_null;
  std::string bytes = db::blob_param(db, data);
  soci::indicator di = m.kind == "file" ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO session_material (session_id, title, kind, url, filename, "
              "content_type, size, data, replaces_id, added_by, created_at) VALUES (:s, :title, "
              ":k, :url, :f, :ct, :size, :data, :r, :by, :t) RETURNING id",
      use(s), use(m.title), use(m.kind), use(m.url), use(m.filename), use(m.content_type),
      use(size), use(bytes, di), use(r, ri), use(by, bi), use(t), into(id);
  return id;
}

std::optional<MaterialFile> find_material(db::Session& db, int64_t id) {
  ll i = id;
  std::optional<MaterialFile> out;
  {
    db::Rows rows = (db.sql().prepare << "SELECT m.id, m.session_id, m.title, m.kind, m.url, "
                                         "m.filename, m.content_type, m.size, m.replaces_id, "
                                         "m.created_at, s.cohort_id FROM session_material m "
                                         "JOIN course_session s ON s.id = m.session_id "
                                         "WHERE m.id = :id",
                     use(i));
    for (const auto& r : rows) out = MaterialFile{material_of(r), db::get_int64(r, 10), {}};
  }
  if (!out || out->material.kind != "file") return out;
  std::string data;
  soci::indicator ind = soci::i_ok;
  db.sql() << "SELECT data FROM session_material WHERE id = :id", use(i), into(data, ind);
  if (ind != soci::i_null) out->data = db::blob_value(db, std::move(data));
  return out;
}

}  // namespace crm::curriculum::store

#include "certificates/store.hpp"

#include "db/blob.hpp"
#include "programme/person_row.hpp"

namespace crm::certificates::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

const std::string kColumns =
    "c.id, c.code, c.person_id, c.cohort_id, c.name, c.name_latin, c.ects_tenths, c.completed_on, "
    "c.issued_at, COALESCE(c.issued_by, 0), COALESCE(c.revoked_at, 0), c.revoked_reason, "
    "COALESCE(c.revoked_by, 0), co.name, co.programme_id";

Certificate from_row(const soci::row& r) {
  Certificate c;
  c.id = db::get_int64(r, 0);
  c.code = db::get_text(r, 1);
  c.person_id = db::get_int64(r, 2);
  c.cohort_id = db::get_int64(r, 3);
  c.name = db::get_text(r, 4);
  c.name_latin = db::get_text(r, 5);
  c.ects_tenths = static_cast<long>(db::get_int64(r, 6));
  c.completed_on = db::get_int64(r, 7);
  c.issued_at = db::get_int64(r, 8);
  c.issued_by = db::get_int64(r, 9);
  c.revoked_at = db::get_int64(r, 10);
  c.revoked_reason = db::get_text(r, 11);
  c.revoked_by = db::get_int64(r, 12);
  c.cohort_name = db::get_text(r, 13);
  c.programme_id = db::get_int64(r, 14);
  return c;
}

}  // namespace

int64_t insert(db::Session& db, const Certificate& c, const std::string& pdf) {
  ll id = 0, person = c.person_id, cohort = c.cohort_id, ects = c.ects_tenths,
     completed = c.completed_on, issued = c.issued_at, by = c.issued_by;
  soci::indicator by_ind = c.issued_by ? soci::i_ok : soci::i_null;
  const std::string bytes = db::blob_param(db, pdf);
  db.sql() << "INSERT INTO certificate (code, person_id, cohort_id, name, name_latin, ects_tenths, "
              "completed_on, pdf, issued_at, issued_by) VALUES (:code, :person, :cohort, :name, "
              ":latin, :ects, :completed, :pdf, :issued, :by) RETURNING id",
      use(c.code), use(person), use(cohort), use(c.name), use(c.name_latin), use(ects),
      use(completed), use(bytes), use(issued), use(by, by_ind), into(id);
  return id;
}

std::optional<Found> find(db::Session& db, int64_t id) {
  ll i = id;
  db::Rows rows =
      (db.sql().prepare << "SELECT " + kColumns +
                               ", COALESCE(p.account_id, 0) "
                               "FROM certificate c JOIN cohort co ON co.id = c.cohort_id "
                               "JOIN person p ON p.id = c.person_id WHERE c.id = :id",
       use(i));
  for (const auto& r : rows) return Found{from_row(r), db::get_int64(r, 15)};
  return std::nullopt;
}

std::optional<std::string> pdf(db::Session& db, int64_t id) {
  ll i = id;
  std::string bytes;
  soci::indicator ind = soci::i_ok;
  db.sql() << "SELECT pdf FROM certificate WHERE id = :id", use(i), into(bytes, ind);
  if (!db.sql().got_data() || ind == soci::i_null) return std::nullopt;
  return db::blob_value(db, std::move(bytes));
}

std::vector<Certificate> of_cohort(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT " + kColumns +
                               " FROM certificate c JOIN cohort co ON co.id = c.cohort_id "
                               "WHERE c.cohort_id = :c ORDER BY c.person_id, c.issued_at, c.id",
       use(c));
  std::vector<Certificate> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::vector<Certificate> of_person(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT " + kColumns +
                               " FROM certificate c JOIN cohort co ON co.id = c.cohort_id "
                               "WHERE c.person_id = :p ORDER BY c.issued_at DESC, c.id DESC",
       use(p));
  std::vector<Certificate> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

bool has_valid(db::Session& db, int64_t person_id, int64_t cohort_id) {
  ll p = person_id, c = cohort_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM certificate WHERE person_id = :p AND cohort_id = :c "
              "AND revoked_at IS NULL",
      use(p), use(c), into(n);
  return n > 0;
}

bool revoke(db::Session& db, int64_t id, int64_t cohort_id, const std::string& reason,
            int64_t by_account, int64_t now) {
  ll i = id, c = cohort_id, by = by_account, t = now, back = 0;
  soci::indicator by_ind = by_account ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE certificate SET revoked_at = :t, revoked_reason = :reason, revoked_by = :by "
              "WHERE id = :id AND cohort_id = :c AND revoked_at IS NULL RETURNING id",
      use(t), use(reason), use(by, by_ind), use(i), use(c), into(back);
  return db.sql().got_data();
}

long erase_holder(db::Session& db, int64_t person_id, const std::string& reason, int64_t now) {
  ll p = person_id, t = now;
  db::Rows rows =
      (db.sql().prepare << "UPDATE certificate SET revoked_reason = CASE WHEN revoked_at IS NULL "
                           "THEN :reason ELSE revoked_reason END, revoked_at = COALESCE("
                           "revoked_at, :t), name = '', name_latin = '', pdf = NULL "
                           "WHERE person_id = :p RETURNING id",
       use(reason), use(t), use(p));
  long n = 0;
  for (const auto& r : rows) {
    (void)r;
    ++n;
  }
  return n;
}

std::optional<Verification> verification(db::Session& db, const std::string& code,
                                         const std::string& language) {
  db::Rows rows =
      (db.sql().prepare
           << "SELECT c.name, c.name_latin, COALESCE(tl.name, te.name, (SELECT MIN(t.name) FROM "
              "programme_text t WHERE t.programme_id = co.programme_id), ''), co.name, "
              "c.completed_on, c.ects_tenths, COALESCE(c.revoked_at, 0), c.revoked_reason "
              "FROM certificate c JOIN cohort co ON co.id = c.cohort_id "
              "LEFT JOIN programme_text tl ON tl.programme_id = co.programme_id AND tl.language = "
              ":lang LEFT JOIN programme_text te ON te.programme_id = co.programme_id AND "
              "te.language = 'en' WHERE c.code = :code",
       use(language), use(code));
  for (const auto& r : rows) {
    Verification v;
    v.name = db::get_text(r, 0);
    v.name_latin = db::get_text(r, 1);
    v.programme = db::get_text(r, 2);
    v.cohort = db::get_text(r, 3);
    v.completed_on = db::get_int64(r, 4);
    v.ects_tenths = static_cast<long>(db::get_int64(r, 5));
    v.revoked_at = db::get_int64(r, 6);
    v.revoked_reason = db::get_text(r, 7);
    return v;
  }
  return std::nullopt;
}

std::vector<PersonName> participants(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT p.id, p.name, p.name_latin FROM person p WHERE p.id IN ("
                           "SELECT e.person_id FROM enrolment e WHERE e.cohort_id = :c AND "
                           "e.role = 'participant' AND e.status IN " +
                               programme::taking_part_sql() + ") ORDER BY p.id",
       use(c));
  std::vector<PersonName> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2)});
  return out;
}

std::vector<ModuleRow> modules(db::Session& db, int64_t cohort_id, const std::string& language) {
  ll c = cohort_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT m.id, m.ects_tenths, COALESCE(en.title, ''), COALESCE(de.title, ''), "
              "COALESCE(rd.title, ''), COALESCE((SELECT MIN(t.title) FROM module_text t WHERE "
              "t.module_id = m.id), '') FROM module m "
              "LEFT JOIN module_text en ON en.module_id = m.id AND en.language = 'en' "
              "LEFT JOIN module_text de ON de.module_id = m.id AND de.language = 'de' "
              "LEFT JOIN module_text rd ON rd.module_id = m.id AND rd.language = :lang "
              "WHERE m.cohort_id = :c ORDER BY m.semester, m.position, m.id",
       use(language), use(c));
  std::vector<ModuleRow> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), static_cast<long>(db::get_int64(r, 1)), db::get_text(r, 2),
                   db::get_text(r, 3), db::get_text(r, 4), db::get_text(r, 5)});
  return out;
}

ProgrammeNames programme_names(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT language, name FROM programme_text "
                                       "WHERE programme_id = :p ORDER BY language",
                   use(p));
  ProgrammeNames out;
  for (const auto& r : rows) {
    std::string lang = db::get_text(r, 0), name = db::get_text(r, 1);
    if (lang == "en") out.en = name;
    if (lang == "de") out.de = name;
    if (out.any.empty()) out.any = name;
  }
  return out;
}

}  // namespace crm::certificates::store

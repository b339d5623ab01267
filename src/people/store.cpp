#include "people/store.hpp"

#include "db/blob.hpp"
#include "programme/person_row.hpp"
#include "programme/scope.hpp"

namespace crm::people::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

using programme::programmes_of_account_sql;

// Organisations of the people in scope (binds :all, :a, :a2).
const std::string kOrganisationsInScope =
    std::string(
        "FROM organisation o JOIN person p ON p.organisation_id = o.id "
        "JOIN enrolment e ON e.person_id = p.id JOIN cohort c ON c.id = e.cohort_id "
        "WHERE p.merged_into IS NULL AND (CAST(:all AS BIGINT) = 1 OR c.programme_id IN ") +
    programmes_of_account_sql() + ") ";

EnrolmentRow enrolment_from(const soci::row& r) {
  EnrolmentRow e;
  e.id = db::get_int64(r, 0);
  e.person_id = db::get_int64(r, 1);
  e.cohort_id = db::get_int64(r, 2);
  e.programme_id = db::get_int64(r, 3);
  e.cohort_name = db::get_text(r, 4);
  e.role = db::get_text(r, 5);
  e.status = db::get_text(r, 6);
  return e;
}

constexpr const char* kEnrolmentColumns =
    "SELECT e.id, e.person_id, e.cohort_id, c.programme_id, c.name, e.role, e.status "
    "FROM enrolment e JOIN cohort c ON c.id = e.cohort_id ";

}  // namespace

std::optional<Person> find_person(db::Session& db, int64_t id, const programme::Scope& scope) {
  soci::row r;
  ll i = id, every = scope.all ? 1 : 0, a = scope.account_id;
  db.sql() << std::string(programme::kSelectPerson) + "WHERE id = :id AND " +
                  programme::person_in_scope_sql(),
      use(i), use(every), use(a), use(a), use(a), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return programme::person_from_row(r);
}

std::optional<Person> find_person_by_email(db::Session& db, const std::string& email,
                                           int64_t account_id, bool all) {
  soci::row r;
  ll a = account_id, every = all ? 1 : 0;
  db.sql() << std::string(programme::kSelectPerson) +
                  "WHERE email = :email AND merged_into IS NULL AND (CAST(:all AS BIGINT) = 1 OR "
                  "id IN (SELECT e.person_id FROM enrolment e JOIN cohort c ON c.id = "
                  "e.cohort_id WHERE c.programme_id IN " +
                  programmes_of_account_sql() + ")) ORDER BY id LIMIT 1",
      use(email), use(every), use(a), use(a), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return programme::person_from_row(r);
}

std::optional<int64_t> person_of_account(db::Session& db, int64_t account_id) {
  ll a = account_id, id = 0;
  db.sql() << "SELECT id FROM person WHERE account_id = :a", use(a), into(id);
  if (!db.sql().got_data()) return std::nullopt;
  return id;
}

bool shares_programme(db::Session& db, int64_t person_id, int64_t account_id,
                      bool taking_part_only) {
  ll p = person_id, a = account_id, n = 0, tp = taking_part_only ? 1 : 0;
  db.sql() << "SELECT COUNT(*) FROM enrolment e JOIN cohort c ON c.id = e.cohort_id "
              "WHERE e.person_id = :p AND (CAST(:tp AS BIGINT) = 0 OR e.status IN " +
                  programme::taking_part_sql() + ") AND c.programme_id IN " +
                  programmes_of_account_sql(),
      use(p), use(tp), use(a), use(a), into(n);
  return n > 0;
}

std::set<int64_t> programmes_of(db::Session& db, int64_t account_id) {
  ll a = account_id;
  db::Rows rows = (db.sql().prepare << std::string("SELECT id FROM programme WHERE id IN ") +
                                           programmes_of_account_sql(),
                   use(a), use(a));
  std::set<int64_t> out;
  for (const auto& r : rows) out.insert(db::get_int64(r, 0));
  return out;
}

void update_profile(db::Session& db, const Person& p) {
  ll id = p.id, org = p.organisation_id, t = p.updated_at;
  soci::indicator org_ind = p.organisation_id ? soci::i_ok : soci::i_null;
  soci::indicator gender_ind = p.gender.empty() ? soci::i_null : soci::i_ok;
  db.sql() << "UPDATE person SET name = :name, name_latin = :latin, country = :country, "
              "organisation_id = :org, position = :position, gender = :gender, languages = "
              ":languages, expertise = :expertise, time_zone = :tz, bio = :bio, visible_fields = "
              ":visible, updated_at = :t WHERE id = :id",
      use(p.name), use(p.name_latin), use(p.country), use(org, org_ind), use(p.position),
      use(p.gender, gender_ind), use(p.languages), use(p.expertise), use(p.time_zone), use(p.bio),
      use(p.visible_fields), use(t), use(id);
}

std::vector<EnrolmentRow> list_enrolments(db::Session& db, int64_t person_id,
                                          const programme::Scope& scope) {
  ll p = person_id, a = scope.account_id, every = scope.all ? 1 : 0;
  db::Rows rows =
      (db.sql().prepare << std::string(kEnrolmentColumns) +
                               "WHERE e.person_id = :p AND (CAST(:all AS BIGINT) = 1 OR "
                               "c.programme_id IN " +
                               programmes_of_account_sql() + ") ORDER BY c.starts_on, c.id, e.id",
       use(p), use(every), use(a), use(a));
  std::vector<EnrolmentRow> out;
  for (const auto& r : rows) out.push_back(enrolment_from(r));
  return out;
}

std::vector<StatusChange> list_status_changes(db::Session& db, int64_t person_id,
                                              const programme::Scope& scope) {
  ll p = person_id, a = scope.account_id, every = scope.all ? 1 : 0;
  db::Rows rows =
      (db.sql().prepare << std::string("SELECT h.enrolment_id, h.status, h.at, ac.name "
                                       "FROM enrolment_status_history h JOIN enrolment e ON e.id = "
                                       "h.enrolment_id JOIN cohort c ON c.id = e.cohort_id "
                                       "LEFT JOIN account ac ON ac.id = h.by_account_id "
                                       "WHERE e.person_id = :p AND (CAST(:all AS BIGINT) = 1 OR "
                                       "c.programme_id IN ") +
                               programmes_of_account_sql() + ") ORDER BY h.at, h.id",
       use(p), use(every), use(a), use(a));
  std::vector<StatusChange> out;
  for (const auto& r : rows)
    out.push_back(
        {db::get_int64(r, 0), db::get_text(r, 1), db::get_int64(r, 2), db::get_text(r, 3)});
  return out;
}

std::optional<EnrolmentRow> find_enrolment(db::Session& db, int64_t id,
                                           const programme::Scope& scope) {
  soci::row r;
  ll i = id, a = scope.account_id, every = scope.all ? 1 : 0;
  db.sql() << std::string(kEnrolmentColumns) +
                  "WHERE e.id = :id AND (CAST(:all AS BIGINT) = 1 OR c.programme_id IN " +
                  programmes_of_account_sql() + ")",
      use(i), use(every), use(a), use(a), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return enrolment_from(r);
}

void update_enrolment_status(db::Session& db, int64_t id, const std::string& status) {
  ll i = id;
  db.sql() << "UPDATE enrolment SET status = :status WHERE id = :id", use(status), use(i);
}

void insert_status_change(db::Session& db, int64_t enrolment_id, const std::string& status,
                          int64_t at, int64_t by_account_id) {
  ll e = enrolment_id, t = at, by = by_account_id;
  soci::indicator by_ind = by_account_id ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO enrolment_status_history (enrolment_id, status, at, by_account_id) "
              "VALUES (:e, :status, :t, :by)",
      use(e), use(status), use(t), use(by, by_ind);
}

bool has_photo(db::Session& db, int64_t person_id) {
  ll p = person_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM person_photo WHERE person_id = :p", use(p), into(n);
  return n > 0;
}

std::optional<Photo> find_photo(db::Session& db, int64_t person_id, PhotoSize size) {
  ll p = person_id;
  Photo photo;
  // Only the copy asked for is read: an original may be megabytes.
  static const std::string kShown =
      "SELECT CASE WHEN small IS NULL THEN content_type ELSE 'image/jpeg' END, "
      "COALESCE(small, data) FROM person_photo WHERE person_id = :p";
  static const std::string kOriginal =
      "SELECT content_type, data FROM person_photo WHERE person_id = :p";
  db.sql() << (size == PhotoSize::shown ? kShown : kOriginal), use(p), into(photo.content_type),
      into(photo.data);
  if (!db.sql().got_data()) return std::nullopt;
  photo.data = db::blob_value(db, std::move(photo.data));
  return photo;
}

void save_photo(db::Session& db, int64_t person_id, const Photo& original, const std::string& small,
                int64_t now) {
  ll p = person_id, t = now;
  std::string data = db::blob_param(db, original.data);
  std::string small_data = db::blob_param(db, small);
  db.sql() << "INSERT INTO person_photo (person_id, content_type, data, small, updated_at) "
              "VALUES (:p, :type, :data, :small, :t) ON CONFLICT (person_id) DO UPDATE SET "
              "content_type = excluded.content_type, data = excluded.data, "
              "small = excluded.small, updated_at = excluded.updated_at",
      use(p), use(original.content_type), use(data), use(small_data), use(t);
}

void delete_photo(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db.sql() << "DELETE FROM person_photo WHERE person_id = :p", use(p);
}

std::optional<Organisation> find_organisation(db::Session& db, int64_t id) {
  soci::row r;
  ll i = id;
  db.sql() << "SELECT id, name, name_latin, country, type FROM organisation WHERE id = :id", use(i),
      into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return Organisation{db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2),
                      db::get_text(r, 3), db::get_text(r, 4)};
}

std::vector<Organisation> list_organisations_in(db::Session& db, const std::string& country,
                                                int64_t also_id) {
  ll also = also_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT id, name, name_latin, country, type FROM organisation "
                           "WHERE country = :c OR id = :also "
                           "ORDER BY CASE WHEN name_latin = '' THEN name ELSE name_latin END, id",
       use(country), use(also));
  std::vector<Organisation> out;
  for (const auto& r : rows)
    out.push_back(Organisation{db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2),
                               db::get_text(r, 3), db::get_text(r, 4)});
  return out;
}

std::optional<Organisation> find_organisation_in(db::Session& db, int64_t id,
                                                 const std::string& country, int64_t also_id) {
  soci::row r;
  ll i = id, also = also_id;
  db.sql() << "SELECT id, name, name_latin, country, type FROM organisation "
              "WHERE id = :id AND (country = :c OR id = :also)",
      use(i), use(country), use(also), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return Organisation{db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2),
                      db::get_text(r, 3), db::get_text(r, 4)};
}

long count_organisations(db::Session& db, int64_t account_id, bool all) {
  ll a = account_id, every = all ? 1 : 0, n = 0;
  db.sql() << "SELECT COUNT(DISTINCT o.id) " + kOrganisationsInScope, use(every), use(a), use(a),
      into(n);
  return static_cast<long>(n);
}

std::vector<OrganisationRow> list_organisations(db::Session& db, int64_t account_id, bool all,
                                                long limit, long offset) {
  ll a = account_id, every = all ? 1 : 0, l = limit, o = offset;
  db::Rows rows = (db.sql().prepare << "SELECT o.id, o.name, o.name_latin, o.country, o.type, "
                                       "COUNT(DISTINCT p.id) " +
                                           kOrganisationsInScope +
                                           "GROUP BY o.id, o.name, o.name_latin, o.country, o.type "
                                           "ORDER BY CASE WHEN o.name_latin = '' THEN o.name ELSE "
                                           "o.name_latin END, o.id LIMIT :l OFFSET :o",
                   use(every), use(a), use(a), use(l), use(o));
  std::vector<OrganisationRow> out;
  for (const auto& r : rows)
    out.push_back({Organisation{db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2),
                                db::get_text(r, 3), db::get_text(r, 4)},
                   static_cast<long>(db::get_int64(r, 5))});
  return out;
}

namespace {

// The enrolments an organisation page lists (organisation_people); binds
// :org, :peer, :all and :a twice, in that order.
std::string organisation_people_where() {
  return std::string(
             "FROM person p JOIN enrolment e ON e.person_id = p.id JOIN cohort c ON c.id = "
             "e.cohort_id WHERE p.organisation_id = :org AND p.merged_into IS NULL AND "
             "(CAST(:peer AS BIGINT) = 0 OR ((',' || p.visible_fields || ',') LIKE "
             "'%,organisation,%' AND e.status IN ") +
         programme::taking_part_sql() + ")) AND (CAST(:all AS BIGINT) = 1 OR c.programme_id IN " +
         programmes_of_account_sql() + ") ";
}

}  // namespace

long count_organisation_people(db::Session& db, int64_t organisation_id, int64_t account_id,
                               bool all, bool peer) {
  ll org = organisation_id, a = account_id, every = all ? 1 : 0, shown = peer ? 1 : 0, n = 0;
  db.sql() << "SELECT COUNT(*) " + organisation_people_where(), use(org), use(shown), use(every),
      use(a), use(a), into(n);
  return static_cast<long>(n);
}

std::vector<PersonRow> organisation_people(db::Session& db, int64_t organisation_id,
                                           int64_t account_id, bool all, bool peer, long limit,
                                           long offset) {
  ll org = organisation_id, a = account_id, every = all ? 1 : 0, shown = peer ? 1 : 0, l = limit,
     o = offset;
  db::Rows rows =
      (db.sql().prepare << "SELECT p.id, p.name, p.name_latin, c.id, c.name, e.role, e.status " +
                               organisation_people_where() +
                               "ORDER BY c.starts_on, c.id, CASE WHEN p.name_latin = '' THEN "
                               "p.name ELSE p.name_latin END, p.id, e.id LIMIT :l OFFSET :o",
       use(org), use(shown), use(every), use(a), use(a), use(l), use(o));
  std::vector<PersonRow> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_int64(r, 3),
                   db::get_text(r, 4), db::get_text(r, 5), db::get_text(r, 6)});
  return out;
}

void move_enrolment(db::Session& db, int64_t enrolment_id, int64_t to_person) {
  ll e = enrolment_id, p = to_person;
  db.sql() << "UPDATE enrolment SET person_id = :p WHERE id = :e", use(p), use(e);
}

void move_status_changes(db::Session& db, int64_t from_enrolment, int64_t to_enrolment) {
  ll f = from_enrolment, t = to_enrolment;
  db.sql() << "UPDATE enrolment_status_history SET enrolment_id = :t WHERE enrolment_id = :f",
      use(t), use(f);
}

void delete_enrolment(db::Session& db, int64_t enrolment_id) {
  ll e = enrolment_id;
  db.sql() << "DELETE FROM enrolment WHERE id = :e", use(e);
}

void move_consents(db::Session& db, int64_t from, int64_t to) {
  ll f = from, t = to;
  db.sql() << "UPDATE consent SET person_id = :t WHERE person_id = :f", use(t), use(f);
}

void move_photo(db::Session& db, int64_t from, int64_t to) {
  ll f = from, t = to;
  db.sql() << "UPDATE person_photo SET person_id = :t WHERE person_id = :f", use(t), use(f);
}

void set_account(db::Session& db, int64_t person_id, int64_t account_id) {
  ll p = person_id, a = account_id;
  soci::indicator ind = account_id ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE person SET account_id = :a WHERE id = :p", use(a, ind), use(p);
}

void repoint_merged(db::Session& db, int64_t from, int64_t to) {
  ll f = from, t = to;
  db.sql() << "UPDATE person SET merged_into = :t WHERE merged_into = :f", use(t), use(f);
}

void mark_merged(db::Session& db, int64_t id, int64_t into_id, const std::string& vacated_email,
                 int64_t now) {
  ll i = id, m = into_id, t = now;
  db.sql() << "UPDATE person SET account_id = NULL, name = '', name_latin = '', email = :email, "
              "country = '', organisation_id = NULL, position = '', gender = NULL, languages = '', "
              "expertise = '', time_zone = '', bio = '', visible_fields = '', updated_at = :t, "
              "merged_into = :m WHERE id = :id",
      use(vacated_email), use(t), use(m), use(i);
}

}  // namespace crm::people::store

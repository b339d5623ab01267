#include "imports/store.hpp"

#include <memory>

namespace crm::imports::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

// Lookups by a list of values run as `… IN (:v0, :v1, …)` in chunks this big:
// far below SQLite's and PostgreSQL's limits on bound parameters, big enough
// that 10,000 rows take 20 statements.
constexpr std::size_t kChunk = 500;

std::string placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += (i ? ", :v" : ":v") + std::to_string(i);
  return s;
}

// The stored file is a BYTEA (PostgreSQL) or BLOB (SQLite) column; SOCI 4's
// blob type speaks PostgreSQL large objects, not BYTEA. Only files that read
// as UTF-8 without NUL are stored, so they travel as text and are converted
// in SQL. (A dialect difference outside db/: it concerns this column only.)
std::string to_bytes(db::Session& db, const char* param) {
  return db.backend() == db::Backend::postgresql ? std::string("convert_to(") + param + ", 'UTF8')"
                                                 : std::string("CAST(") + param + " AS BLOB)";
}
std::string from_bytes(db::Session& db, const char* column) {
  return db.backend() == db::Backend::postgresql
             ? std::string("convert_from(") + column + ", 'UTF8')"
             : std::string("CAST(") + column + " AS TEXT)";
}

}  // namespace

int64_t insert_import(db::Session& db, const ImportRecord& r) {
  ll id = 0, p = r.programme_id, c = r.cohort_id, a = r.account_id, t = r.created_at;
  db.sql() << "INSERT INTO person_import (programme_id, cohort_id, account_id, filename, content, "
              "created_at) VALUES (:p, :c, :a, :filename, " +
                  to_bytes(db, "CAST(:content AS TEXT)") + ", :t) RETURNING id",
      use(p), use(c), use(a), use(r.filename), use(r.content), use(t), into(id);
  return id;
}

std::optional<ImportRecord> find_import(db::Session& db, int64_t programme_id, int64_t id) {
  ImportRecord r;
  ll i = id, p = programme_id, c = 0, a = 0, created = 0, committed = 0;
  soci::indicator committed_ind = soci::i_ok;
  db.sql() << "SELECT cohort_id, account_id, filename, " + from_bytes(db, "content") +
                  ", created_at, committed_at FROM person_import WHERE id = :id AND "
                  "programme_id = :p",
      use(i), use(p), into(c), into(a), into(r.filename), into(r.content), into(created),
      into(committed, committed_ind);
  if (!db.sql().got_data()) return std::nullopt;
  r.id = id;
  r.programme_id = programme_id;
  r.cohort_id = c;
  r.account_id = a;
  r.created_at = created;
  r.committed_at = committed_ind == soci::i_null ? 0 : committed;
  return r;
}

std::optional<int64_t> import_programme_id(db::Session& db, int64_t id) {
  ll i = id, p = 0;
  db.sql() << "SELECT programme_id FROM person_import WHERE id = :id", use(i), into(p);
  if (!db.sql().got_data()) return std::nullopt;
  return p;
}

bool mark_committed(db::Session& db, int64_t id, int64_t now) {
  ll i = id, t = now, back = 0;
  db.sql() << "UPDATE person_import SET committed_at = :t WHERE id = :id AND committed_at IS NULL "
              "RETURNING id",
      use(t), use(i), into(back);
  return db.sql().got_data();
}

std::map<std::string, int64_t> people_by_email(db::Session& db,
                                               const std::vector<std::string>& emails) {
  std::map<std::string, int64_t> out;
  for (std::size_t from = 0; from < emails.size(); from += kChunk) {
    std::size_t n = std::min(kChunk, emails.size() - from);
    ll id = 0;
    std::string email;
    soci::statement st(db.sql());
    st.exchange(into(id));
    st.exchange(into(email));
    for (std::size_t i = 0; i < n; ++i) st.exchange(use(emails[from + i]));
    st.alloc();
    st.prepare("SELECT id, email FROM person WHERE email IN (" + placeholders(n) + ")");
    st.define_and_bind();
    if (st.execute(true)) do
        out.emplace(email, id);
      while (st.fetch());
  }
  return out;
}

std::map<std::string, int64_t> organisations_by_name(db::Session& db,
                                                     const std::vector<std::string>& names) {
  std::map<std::string, int64_t> out;
  for (std::size_t from = 0; from < names.size(); from += kChunk) {
    std::size_t n = std::min(kChunk, names.size() - from);
    ll id = 0;
    std::string country, name;
    soci::statement st(db.sql());
    st.exchange(into(id));
    st.exchange(into(country));
    st.exchange(into(name));
    for (std::size_t i = 0; i < n; ++i) st.exchange(use(names[from + i]));
    st.alloc();
    st.prepare("SELECT id, country, name FROM organisation WHERE name IN (" + placeholders(n) +
               ")");
    st.define_and_bind();
    if (st.execute(true)) do
        out.emplace(country + "|" + name, id);
      while (st.fetch());
  }
  return out;
}

std::map<int64_t, std::pair<int64_t, std::string>> cohort_enrolments(db::Session& db,
                                                                     int64_t cohort_id) {
  ll c = cohort_id;
  soci::rowset<soci::row> rows =
      (db.sql().prepare << "SELECT person_id, id, status FROM enrolment "
                           "WHERE cohort_id = :c AND role = 'participant'",
       use(c));
  std::map<int64_t, std::pair<int64_t, std::string>> out;
  for (const auto& r : rows)
    out.emplace(db::get_int64(r, 0), std::make_pair(db::get_int64(r, 1), db::get_text(r, 2)));
  return out;
}

// The bound variables come first: the statements hold references to them.
struct Writer::Statements {
  ll now = 0, by = 0;
  soci::indicator by_ind = soci::i_ok;
  // organisation
  std::string o_name, o_latin, o_country, o_type;
  ll o_id = 0;
  // person
  std::string p_name, p_latin, p_email, p_country, p_position, p_gender;
  ll p_org = 0, p_id = 0;
  soci::indicator p_org_ind = soci::i_ok, p_gender_ind = soci::i_ok;
  // enrolment and its history
  ll e_person = 0, e_cohort = 0, e_id = 0;
  std::string e_status;

  soci::statement org, person, person_update, enrolment, enrolment_update, history;

  explicit Statements(db::Session& db)
      : org((db.sql().prepare << "INSERT INTO organisation (name, name_latin, country, type) "
                                 "VALUES (:name, :latin, :country, :type) RETURNING id",
             use(o_name), use(o_latin), use(o_country), use(o_type), into(o_id))),
        person((db.sql().prepare
                    << "INSERT INTO person (name, name_latin, email, country, organisation_id, "
                       "position, gender, created_at, updated_at) VALUES (:name, :latin, :email, "
                       ":country, :org, :position, :gender, :t, :t2) RETURNING id",
                use(p_name), use(p_latin), use(p_email), use(p_country), use(p_org, p_org_ind),
                use(p_position), use(p_gender, p_gender_ind), use(now), use(now), into(p_id))),
        person_update((db.sql().prepare
                           << "UPDATE person SET "
                              "name = CASE WHEN CAST(:n AS TEXT) = '' THEN name ELSE :n2 END, "
                              "name_latin = CASE WHEN CAST(:l AS TEXT) = '' THEN name_latin "
                              "ELSE :l2 END, "
                              "country = CASE WHEN CAST(:c AS TEXT) = '' THEN country ELSE :c2 "
                              "END, "
                              "organisation_id = CASE WHEN CAST(:o AS BIGINT) = 0 THEN "
                              "organisation_id ELSE :o2 END, "
                              "position = CASE WHEN CAST(:p AS TEXT) = '' THEN position ELSE :p2 "
                              "END, "
                              "gender = CASE WHEN CAST(:g AS TEXT) = '' THEN gender ELSE :g2 END, "
                              "updated_at = :t WHERE id = :id",
                       use(p_name), use(p_name), use(p_latin), use(p_latin), use(p_country),
                       use(p_country), use(p_org), use(p_org), use(p_position), use(p_position),
                       use(p_gender), use(p_gender), use(now), use(p_id))),
        enrolment((db.sql().prepare
                       << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) "
                          "VALUES (:person, :cohort, 'participant', :status, :t) RETURNING id",
                   use(e_person), use(e_cohort), use(e_status), use(now), into(e_id))),
        enrolment_update(
            (db.sql().prepare << "UPDATE enrolment SET status = :status WHERE id = :id",
             use(e_status), use(e_id))),
        history((db.sql().prepare << "INSERT INTO enrolment_status_history (enrolment_id, status, "
                                     "at, by_account_id) VALUES (:e, :status, :t, :by)",
                 use(e_id), use(e_status), use(now), use(by, by_ind))) {}
};

Writer::Writer(db::Session& db, int64_t now, int64_t by_account_id) {
  s_ = std::make_unique<Statements>(db);
  s_->now = now;
  s_->by = by_account_id;
  s_->by_ind = by_account_id ? soci::i_ok : soci::i_null;
}

Writer::~Writer() = default;

int64_t Writer::insert_organisation(const std::string& name, const std::string& name_latin,
                                    const std::string& country, const std::string& type) {
  s_->o_name = name;
  s_->o_latin = name_latin;
  s_->o_country = country;
  s_->o_type = type;
  s_->org.execute(true);
  return s_->o_id;
}

int64_t Writer::insert_person(const Row& r, int64_t organisation_id) {
  s_->p_name = r.name;
  s_->p_latin = r.name_latin;
  s_->p_email = r.email;
  s_->p_country = r.country;
  s_->p_org = organisation_id;
  s_->p_org_ind = organisation_id ? soci::i_ok : soci::i_null;
  s_->p_position = r.position;
  s_->p_gender = r.gender;
  s_->p_gender_ind = r.gender.empty() ? soci::i_null : soci::i_ok;
  s_->person.execute(true);
  return s_->p_id;
}

void Writer::update_person(int64_t person_id, const Row& r, int64_t organisation_id) {
  s_->p_id = person_id;
  s_->p_name = r.name;
  s_->p_latin = r.name_latin;
  s_->p_country = r.country;
  s_->p_org = organisation_id;
  s_->p_position = r.position;
  s_->p_gender = r.gender;
  s_->person_update.execute(true);
}

int64_t Writer::insert_enrolment(int64_t person_id, int64_t cohort_id, const std::string& status) {
  s_->e_person = person_id;
  s_->e_cohort = cohort_id;
  s_->e_status = status;
  s_->enrolment.execute(true);
  return s_->e_id;
}

void Writer::update_enrolment_status(int64_t enrolment_id, const std::string& status) {
  s_->e_id = enrolment_id;
  s_->e_status = status;
  s_->enrolment_update.execute(true);
}

void Writer::insert_status_change(int64_t enrolment_id, const std::string& status) {
  s_->e_id = enrolment_id;
  s_->e_status = status;
  s_->history.execute(true);
}

}  // namespace crm::imports::store

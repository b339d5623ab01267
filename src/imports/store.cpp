#include "imports/store.hpp"

#include "db/blob.hpp"
#include "programme/scope.hpp"

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

// ":v0, :v1, …, :v{n-1}": the bind names of an IN list of n values.
std::string bind_list(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += (i ? ", :v" : ":v") + std::to_string(i);
  return s;
}

}  // namespace

int64_t insert_import(db::Session& db, const ImportRecord& r) {
  ll id = 0, p = r.programme_id, c = r.cohort_id, a = r.account_id, t = r.created_at;
  const std::string content = db::blob_param(db, r.content);
  db.sql() << "INSERT INTO person_import (programme_id, cohort_id, account_id, filename, content, "
              "created_at) VALUES (:p, :c, :a, :filename, :content, :t) RETURNING id",
      use(p), use(c), use(a), use(r.filename), use(content), use(t), into(id);
  return id;
}

std::optional<ImportRecord> find_import(db::Session& db, int64_t id,
                                        const programme::Scope& scope) {
  ImportRecord r;
  ll i = id, p = 0, c = 0, a = 0, created = 0, committed = 0;
  ll me = scope.account_id, every = scope.all ? 1 : 0;
  soci::indicator committed_ind = soci::i_ok;
  db.sql() << "SELECT programme_id, cohort_id, account_id, filename, content, created_at, "
              "committed_at FROM person_import WHERE id = :id AND (CAST(:all AS BIGINT) = 1 OR "
              "programme_id IN " +
                  programme::programmes_of_account_sql() + ")",
      use(i), use(every), use(me), use(me), into(p), into(c), into(a), into(r.filename),
      into(r.content), into(created), into(committed, committed_ind);
  if (!db.sql().got_data()) return std::nullopt;
  r.content = db::blob_value(db, std::move(r.content));
  r.id = id;
  r.programme_id = p;
  r.cohort_id = c;
  r.account_id = a;
  r.created_at = created;
  r.committed_at = committed_ind == soci::i_null ? 0 : committed;
  return r;
}

bool mark_committed(db::Session& db, int64_t id, int64_t now) {
  ll i = id, t = now, back = 0;
  db.sql() << "UPDATE person_import SET committed_at = :t WHERE id = :id AND committed_at IS NULL "
              "RETURNING id",
      use(t), use(i), into(back);
  return db.sql().got_data();
}

std::vector<OpenImport> open_imports(db::Session& db, const programme::Scope& scope, int64_t since,
                                     long limit) {
  static const std::string sql =
      "SELECT i.id, i.cohort_id, i.filename, c.name, i.created_at FROM person_import i "
      "JOIN cohort c ON c.id = i.cohort_id WHERE i.committed_at IS NULL AND i.created_at >= :since "
      "AND (CAST(:all AS BIGINT) = 1 OR i.programme_id IN " +
      programme::programmes_of_account_sql() + ") ORDER BY i.created_at DESC, i.id DESC LIMIT :n";
  ll t = since, every = scope.all ? 1 : 0, me = scope.account_id, n = limit;
  db::Rows rows = (db.sql().prepare << sql, use(t), use(every), use(me), use(me), use(n));
  std::vector<OpenImport> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   db::get_int64(r, 4)});
  return out;
}

std::multimap<std::string, int64_t> people_by_email(db::Session& db,
                                                    const std::vector<std::string>& emails,
                                                    int64_t account_id, bool all) {
  std::multimap<std::string, int64_t> out;
  ll a = account_id, every = all ? 1 : 0;
  for (std::size_t from = 0; from < emails.size(); from += kChunk) {
    std::size_t n = std::min(kChunk, emails.size() - from);
    ll id = 0;
    std::string email;
    soci::statement st(db.raw());
    st.exchange(into(id));
    st.exchange(into(email));
    for (std::size_t i = 0; i < n; ++i) st.exchange(use(emails[from + i]));
    st.exchange(use(every));
    st.exchange(use(a));
    st.exchange(use(a));
    st.alloc();
    // Only people of the importer's programmes: anyone else is a new person
    // to them, so the preview cannot tell who else is in crm.
    st.prepare("SELECT p.id, p.email FROM person p WHERE p.email IN (" + bind_list(n) +
               ") AND p.merged_into IS NULL AND p.erased_at IS NULL AND (CAST(:all AS BIGINT) = 1 "
               "OR EXISTS (SELECT 1 FROM enrolment e JOIN cohort c ON c.id = e.cohort_id "
               "WHERE e.person_id = p.id AND c.programme_id IN " +
               programme::programmes_of_account_sql() + ")) ORDER BY p.id");
    st.define_and_bind();
    if (st.execute(true)) do
        out.emplace(email, id);
      while (st.fetch());
  }
  return out;
}

std::map<int64_t, Stored> stored_people(db::Session& db, const std::vector<int64_t>& ids,
                                        int64_t account_id, bool all) {
  std::map<int64_t, Stored> out;
  ll a = account_id, every = all ? 1 : 0;
  for (std::size_t from = 0; from < ids.size(); from += kChunk) {
    std::size_t n = std::min(kChunk, ids.size() - from);
    std::vector<ll> bound(ids.begin() + static_cast<long>(from),
                          ids.begin() + static_cast<long>(from + n));
    ll id = 0;
    Stored v;
    soci::statement st(db.raw());
    st.exchange(into(id));
    for (auto* field : {&v.name, &v.name_latin, &v.country, &v.organisation,
                        &v.organisation_country, &v.position, &v.gender})
      st.exchange(into(*field));
    for (auto& b : bound) st.exchange(use(b));
    st.exchange(use(every));
    st.exchange(use(a));
    st.exchange(use(a));
    st.alloc();
    st.prepare(
        "SELECT p.id, p.name, p.name_latin, p.country, COALESCE(o.name, ''), "
        "COALESCE(o.country, ''), p.position, COALESCE(p.gender, '') FROM person p "
        "LEFT JOIN organisation o ON o.id = p.organisation_id WHERE p.id IN (" +
        bind_list(n) +
        ") AND (CAST(:all AS BIGINT) = 1 OR EXISTS (SELECT 1 FROM enrolment e JOIN cohort "
        "c ON c.id = e.cohort_id WHERE e.person_id = p.id AND c.programme_id IN " +
        programme::programmes_of_account_sql() + "))");
    st.define_and_bind();
    if (st.execute(true)) do
        out.emplace(id, v);
      while (st.fetch());
  }
  return out;
}

std::vector<programme::Organisation> organisations_in_countries(
    db::Session& db, const std::vector<std::string>& countries) {
  std::vector<programme::Organisation> out;
  for (std::size_t from = 0; from < countries.size(); from += kChunk) {
    std::size_t n = std::min(kChunk, countries.size() - from);
    programme::Organisation o;
    ll id = 0;
    soci::statement st(db.raw());
    st.exchange(into(id));
    st.exchange(into(o.name));
    st.exchange(into(o.name_latin));
    st.exchange(into(o.country));
    for (std::size_t i = 0; i < n; ++i) st.exchange(use(countries[from + i]));
    st.alloc();
    st.prepare("SELECT id, name, name_latin, country FROM organisation WHERE country IN (" +
               bind_list(n) + ") ORDER BY id");
    st.define_and_bind();
    if (st.execute(true)) do {
        o.id = id;
        out.push_back(o);
      } while (st.fetch());
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
    soci::statement st(db.raw());
    st.exchange(into(id));
    st.exchange(into(country));
    st.exchange(into(name));
    for (std::size_t i = 0; i < n; ++i) st.exchange(use(names[from + i]));
    st.alloc();
    st.prepare("SELECT id, country, name FROM organisation WHERE name IN (" + bind_list(n) + ")");
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
  db::Rows rows = (db.sql().prepare << "SELECT person_id, id, status FROM enrolment "
                                       "WHERE cohort_id = :c AND role = 'participant'",
                   use(c));
  std::map<int64_t, std::pair<int64_t, std::string>> out;
  for (const auto& r : rows)
    out.emplace(db::get_int64(r, 0), std::make_pair(db::get_int64(r, 1), db::get_text(r, 2)));
  return out;
}

namespace {

// Rows per multi-row INSERT: with at most 9 parameters a row, far below
// SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
constexpr std::size_t kBatch = 250;

// "(:r0c0, :r0c1, …), (:r1c0, …)": distinct names, so SQLite binds each once.
std::string values(std::size_t rows, std::size_t columns, const char* constants = "") {
  std::string s;
  for (std::size_t r = 0; r < rows; ++r) {
    s += r ? ", (" : "(";
    for (std::size_t c = 0; c < columns; ++c)
      s += (c ? ", :r" : ":r") + std::to_string(r) + "c" + std::to_string(c);
    s += constants;
    s += ")";
  }
  return s;
}

}  // namespace

// The bound variables come first: the statements hold references to them.
struct Writer::Statements {
  ll now = 0, by = 0;
  soci::indicator by_ind = soci::i_ok;
  // organisation
  std::string o_name, o_latin, o_country, o_type;
  ll o_id = 0;
  // person
  std::string p_name, p_latin, p_country, p_position, p_gender;
  ll p_org = 0, p_id = 0;
  // enrolment
  ll e_id = 0;
  std::string e_status;

  soci::statement org, person_update, enrolment_update;

  explicit Statements(db::Session& db)
      : org((db.raw().prepare << "INSERT INTO organisation (name, name_latin, country, type) "
                                 "VALUES (:name, :latin, :country, :type) RETURNING id",
             use(o_name), use(o_latin), use(o_country), use(o_type), into(o_id))),
        person_update((db.raw().prepare
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
        enrolment_update(
            (db.raw().prepare << "UPDATE enrolment SET status = :status WHERE id = :id",
             use(e_status), use(e_id))) {}
};

Writer::Writer(db::Session& db, int64_t now, int64_t by_account_id) : db_(db) {
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

std::map<std::string, int64_t> Writer::insert_people(const std::vector<NewPerson>& people) {
  std::map<std::string, int64_t> out;
  for (std::size_t from = 0; from < people.size(); from += kBatch) {
    std::size_t n = std::min(kBatch, people.size() - from);
    std::vector<ll> orgs(n);
    std::vector<soci::indicator> org_ind(n), gender_ind(n);
    ll id = 0;
    std::string email;
    soci::statement st(db_.raw());
    st.exchange(into(id));
    st.exchange(into(email));
    for (std::size_t i = 0; i < n; ++i) {
      const auto& p = people[from + i];
      orgs[i] = p.organisation_id;
      org_ind[i] = p.organisation_id ? soci::i_ok : soci::i_null;
      gender_ind[i] = p.row->gender.empty() ? soci::i_null : soci::i_ok;
      st.exchange(use(p.row->name));
      st.exchange(use(p.row->name_latin));
      st.exchange(use(p.row->email));
      st.exchange(use(p.row->country));
      st.exchange(use(orgs[i], org_ind[i]));
      st.exchange(use(p.row->position));
      st.exchange(use(p.row->gender, gender_ind[i]));
      st.exchange(use(s_->now));
      st.exchange(use(s_->now));
    }
    st.alloc();
    st.prepare(
        "INSERT INTO person (name, name_latin, email, country, organisation_id, position, "
        "gender, created_at, updated_at) VALUES " +
        values(n, 9) + " RETURNING id, email");
    st.define_and_bind();
    if (st.execute(true)) do
        out.emplace(email, id);
      while (st.fetch());
  }
  return out;
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

std::map<int64_t, int64_t> Writer::insert_enrolments(
    int64_t cohort_id, const std::vector<std::pair<int64_t, std::string>>& enrolments) {
  std::map<int64_t, int64_t> out;
  ll cohort = cohort_id;
  for (std::size_t from = 0; from < enrolments.size(); from += kBatch) {
    std::size_t n = std::min(kBatch, enrolments.size() - from);
    std::vector<ll> persons(n);
    ll id = 0, person = 0;
    soci::statement st(db_.raw());
    st.exchange(into(id));
    st.exchange(into(person));
    for (std::size_t i = 0; i < n; ++i) {
      persons[i] = enrolments[from + i].first;
      st.exchange(use(persons[i]));
      st.exchange(use(cohort));
      st.exchange(use(enrolments[from + i].second));
      st.exchange(use(s_->now));
    }
    st.alloc();
    st.prepare("INSERT INTO enrolment (person_id, cohort_id, status, created_at, role) VALUES " +
               values(n, 4, ", 'participant'") + " RETURNING id, person_id");
    st.define_and_bind();
    if (st.execute(true)) do
        out.emplace(person, id);
      while (st.fetch());
  }
  return out;
}

void Writer::update_enrolment_status(int64_t enrolment_id, const std::string& status) {
  s_->e_id = enrolment_id;
  s_->e_status = status;
  s_->enrolment_update.execute(true);
}

void Writer::insert_status_changes(const std::vector<std::pair<int64_t, std::string>>& changes) {
  for (std::size_t from = 0; from < changes.size(); from += kBatch) {
    std::size_t n = std::min(kBatch, changes.size() - from);
    std::vector<ll> ids(n);
    soci::statement st(db_.raw());
    for (std::size_t i = 0; i < n; ++i) {
      ids[i] = changes[from + i].first;
      st.exchange(use(ids[i]));
      st.exchange(use(changes[from + i].second));
      st.exchange(use(s_->now));
      st.exchange(use(s_->by, s_->by_ind));
    }
    st.alloc();
    st.prepare(
        "INSERT INTO enrolment_status_history (enrolment_id, status, at, by_account_id) "
        "VALUES " +
        values(n, 4));
    st.define_and_bind();
    st.execute(true);
  }
}

}  // namespace crm::imports::store

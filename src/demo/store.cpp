#include "demo/store.hpp"

#include <algorithm>
#include <deque>

namespace crm::demo::store {

namespace {

using ll = long long;

}  // namespace

std::vector<int64_t> reserve_ids(db::Session& db, Table table, size_t n) {
  const char* name = table == Table::organisation ? "organisation"
                     : table == Table::person     ? "person"
                                                  : "enrolment";
  std::vector<int64_t> ids;
  if (n == 0) return ids;
  ids.reserve(n);
  ll count = static_cast<ll>(n);
  if (db.backend() == db::Backend::postgresql) {
    // Taken from the sequence, so an app server inserting at the same time
    // gets others; one after the other when nobody does.
    db::Rows rows =
        (db.sql().prepare << std::string("SELECT nextval(pg_get_serial_sequence('") + name +
                                 "', 'id')) FROM generate_series(1, :n) ORDER BY 1",
         soci::use(count));
    for (const auto& r : rows) ids.push_back(db::get_int64(r, 0));
  } else {
    // What AUTOINCREMENT would hand out next: after the highest id there is
    // or ever was. SQLite moves its counter on when the rows come in.
    ll last = 0;
    db.sql() << std::string("SELECT MAX(COALESCE((SELECT MAX(id) FROM ") + name +
                    "), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '" + name +
                    "'), 0))",
        soci::into(last);
    for (ll i = 1; i <= count; ++i) ids.push_back(last + i);
  }
  if (ids.size() != n) throw std::runtime_error("demo: could not reserve ids");
  return ids;
}

void insert_organisations(db::Session& db, const std::vector<programme::Organisation>& rows) {
  insert_all(db, "INSERT INTO organisation (id, name, name_latin, country, type)", 5, rows,
             [](Values& v, const programme::Organisation& o) {
               v.integer(o.id);
               v.text(o.name);
               v.text(o.name_latin);
               v.text(o.country);
               v.text(o.type);
             });
}

void insert_people(db::Session& db, const std::vector<programme::Person>& rows) {
  insert_all(db,
             "INSERT INTO person (id, account_id, name, name_latin, email, country, "
             "organisation_id, position, gender, created_at, languages, expertise, time_zone, "
             "bio, visible_fields, updated_at)",
             16, rows, [](Values& v, const programme::Person& p) {
               v.integer(p.id);
               v.id_or_null(p.account_id);
               v.text(p.name);
               v.text(p.name_latin);
               v.text(p.email);
               v.text(p.country);
               v.id_or_null(p.organisation_id);
               v.text(p.position);
               v.text_or_null(p.gender);
               v.integer(p.created_at);
               v.text(p.languages);
               v.text(p.expertise);
               v.text(p.time_zone);
               v.text(p.bio);
               v.text(p.visible_fields);
               v.integer(p.created_at);  // updated_at: as programme::store::insert_person
             });
}

void insert_enrolments(db::Session& db, const std::vector<programme::Enrolment>& rows) {
  insert_all(db, "INSERT INTO enrolment (id, person_id, cohort_id, role, status, created_at)", 6,
             rows, [](Values& v, const programme::Enrolment& e) {
               v.integer(e.id);
               v.integer(e.person_id);
               v.integer(e.cohort_id);
               v.text(e.role);
               v.text(e.status);
               v.integer(e.created_at);
             });
}

void insert_status_changes(db::Session& db, const std::vector<StatusChange>& rows) {
  insert_all(db, "INSERT INTO enrolment_status_history (enrolment_id, status, at, by_account_id)",
             4, rows, [](Values& v, const StatusChange& c) {
               v.integer(c.enrolment_id);
               v.text(c.status);
               v.integer(c.at);
               v.id_or_null(c.by_account_id);
             });
}

void insert_cohort_targets(db::Session& db, const std::vector<Target>& rows) {
  insert_all(db, "INSERT INTO cohort_target (cohort_id, dimension, value, share_percent)", 4, rows,
             [](Values& v, const Target& t) {
               v.integer(t.cohort_id);
               v.text(t.target.dimension);
               v.text(t.target.value);
               v.integer(t.target.share_percent);
             });
}

int64_t programme_with_most_cohorts(db::Session& db) {
  long long programme = 0;
  db.sql() << "SELECT p.id FROM programme p ORDER BY (SELECT COUNT(*) FROM cohort c WHERE "
              "c.programme_id = p.id) DESC, p.id LIMIT 1",
      soci::into(programme);
  return db.sql().got_data() ? programme : 0;
}

}  // namespace crm::demo::store

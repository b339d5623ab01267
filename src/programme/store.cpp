#include "programme/store.hpp"
#include "programme/person_row.hpp"
#include "programme/scope.hpp"

namespace crm::programme::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

Cohort cohort_from(const soci::row& r) {
  Cohort c;
  c.id = db::get_int64(r, 0);
  c.programme_id = db::get_int64(r, 1);
  c.number = static_cast<long>(db::get_int64(r, 2));
  c.name = db::get_text(r, 3);
  c.starts_on = db::get_int64(r, 4);
  c.ends_on = db::get_int64(r, 5);
  c.status = db::get_text(r, 6);
  c.regional_focus = db::get_text(r, 7);
  c.capacity = static_cast<long>(db::get_int64(r, 8));
  c.location = db::get_text(r, 9);
  c.size = static_cast<long>(db::get_int64(r, 10));
  c.semesters = static_cast<long>(db::get_int64(r, 11));
  return c;
}

constexpr const char* kCohortFields =
    "SELECT c.id, c.programme_id, c.number, c.name, c.starts_on, c.ends_on, c.status, "
    "c.regional_focus, c.capacity, c.location, "
    "(SELECT COUNT(*) FROM enrolment e WHERE e.cohort_id = c.id AND e.role = 'participant' "
    "AND e.status IN ('admitted', 'participant', 'graduate', 'withdrawn')), c.semesters ";
const std::string kCohortColumns = std::string(kCohortFields) + "FROM cohort c ";

// The filter of a cohort page. Every condition is always present and switched
// off by an empty value, so the statement and its bindings stay fixed. For
// participants and alumni (:peer = 1) only people taking part are there, and
// a filter on country, route role or organisation type matches only people
// who show that field, so filtering cannot reveal what someone hid.
const std::string& member_where() {
  static const std::string where =
      "FROM enrolment e JOIN person p ON p.id = e.person_id "
      "LEFT JOIN organisation o ON o.id = p.organisation_id "
      "WHERE e.cohort_id = :cohort AND (CAST(:peer0 AS BIGINT) = 0 OR e.status IN " +
      taking_part_sql() +
      ") "
      "AND (CAST(:country AS TEXT) = '' OR (p.country = :country2 AND (CAST(:peer AS BIGINT) = 0 "
      "OR (',' || p.visible_fields || ',') LIKE '%,country,%'))) "
      "AND (CAST(:type AS TEXT) = '' OR (o.type = :type2 AND (CAST(:peer2 AS BIGINT) = 0 "
      "OR (',' || p.visible_fields || ',') LIKE '%,organisation,%'))) "
      "AND (CAST(:status AS TEXT) = '' OR e.status = :status2) "
      "AND (CAST(:route AS TEXT) = '' OR (EXISTS (SELECT 1 FROM programme_country pc "
      "WHERE pc.programme_id = :programme AND pc.country = p.country AND pc.role = :route2) "
      "AND (CAST(:peer3 AS BIGINT) = 0 OR (',' || p.visible_fields || ',') LIKE '%,country,%'))) ";
  return where;
}

}  // namespace

std::optional<int64_t> find_programme_id(db::Session& db, const std::string& slug) {
  ll id = 0;
  db.sql() << "SELECT id FROM programme WHERE slug = :slug", use(slug), into(id);
  if (!db.sql().got_data()) return std::nullopt;
  return id;
}

std::optional<Programme> find_programme(db::Session& db, int64_t id, const std::string& language) {
  soci::row r;
  ll i = id;
  db.sql() << "SELECT p.id, p.slug, p.anonymity_threshold, t.language, t.name, t.description "
              "FROM programme p JOIN programme_text t ON t.programme_id = p.id "
              "WHERE p.id = :id AND t.language IN (:lang, 'en') "
              "ORDER BY CASE WHEN t.language = :lang2 THEN 0 ELSE 1 END LIMIT 1",
      use(i), use(language), use(language), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  Programme p;
  p.id = db::get_int64(r, 0);
  p.slug = db::get_text(r, 1);
  p.anonymity_threshold = static_cast<long>(db::get_int64(r, 2));
  p.language = db::get_text(r, 3);
  p.name = db::get_text(r, 4);
  p.description = db::get_text(r, 5);
  return p;
}

int64_t insert_programme(db::Session& db, const std::string& slug, long anonymity_threshold,
                         int64_t now) {
  ll id = 0, threshold = anonymity_threshold, t = now;
  db.sql() << "INSERT INTO programme (slug, anonymity_threshold, created_at) "
              "VALUES (:slug, :threshold, :t) RETURNING id",
      use(slug), use(threshold), use(t), into(id);
  return id;
}

void insert_programme_text(db::Session& db, int64_t programme_id, const std::string& language,
                           const std::string& name, const std::string& description) {
  ll p = programme_id;
  db.sql() << "INSERT INTO programme_text (programme_id, language, name, description) "
              "VALUES (:p, :lang, :name, :description)",
      use(p), use(language), use(name), use(description);
}

void insert_programme_country(db::Session& db, int64_t programme_id, const ProgrammeCountry& c) {
  ll p = programme_id;
  db.sql() << "INSERT INTO programme_country (programme_id, country, role) "
              "VALUES (:p, :country, :role)",
      use(p), use(c.country), use(c.role);
}

std::vector<ProgrammeCountry> list_programme_countries(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT country, role FROM programme_country WHERE programme_id = :p "
                           "ORDER BY CASE role WHEN 'origin' THEN 0 WHEN 'transit' THEN 1 "
                           "ELSE 2 END, country",
       use(p));
  std::vector<ProgrammeCountry> out;
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_text(r, 1)});
  return out;
}

void insert_programme_funder(db::Session& db, int64_t programme_id, long position,
                             const std::string& name) {
  ll p = programme_id, pos = position;
  db.sql() << "INSERT INTO programme_funder (programme_id, position, name) "
              "VALUES (:p, :pos, :name)",
      use(p), use(pos), use(name);
}

std::vector<std::string> list_programme_funders(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT name FROM programme_funder WHERE programme_id = :p "
                                       "ORDER BY position",
                   use(p));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(db::get_text(r, 0));
  return out;
}

void insert_programme_staff(db::Session& db, int64_t programme_id, int64_t account_id) {
  ll p = programme_id, a = account_id;
  db.sql() << "INSERT INTO programme_staff (programme_id, account_id) VALUES (:p, :a) "
              "ON CONFLICT DO NOTHING",
      use(p), use(a);
}

int64_t insert_cohort(db::Session& db, const Cohort& c) {
  ll id = 0, p = c.programme_id, n = c.number, s = c.starts_on, e = c.ends_on, cap = c.capacity;
  ll semesters = c.semesters;
  db.sql() << "INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status, "
              "regional_focus, capacity, location, semesters) VALUES (:p, :n, :name, :s, :e, "
              ":status, :focus, :cap, :location, :semesters) RETURNING id",
      use(p), use(n), use(c.name), use(s), use(e), use(c.status), use(c.regional_focus), use(cap),
      use(c.location), use(semesters), into(id);
  return id;
}

std::vector<Cohort> list_cohorts(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows = (db.sql().prepare << std::string(kCohortColumns) +
                                           "WHERE c.programme_id = :p ORDER BY c.number, c.id",
                   use(p));
  std::vector<Cohort> out;
  for (const auto& r : rows) out.push_back(cohort_from(r));
  return out;
}

std::map<std::string, std::string> sole_programme_names(db::Session& db) {
  db::Rows rows = (db.sql().prepare << "SELECT language, name FROM programme_text "
                                       "WHERE programme_id = (SELECT MIN(id) FROM programme) "
                                       "AND (SELECT COUNT(*) FROM programme) = 1");
  std::map<std::string, std::string> out;
  for (const auto& r : rows) out[db::get_text(r, 0)] = db::get_text(r, 1);
  return out;
}

std::vector<Cohort> cohorts_of_account(db::Session& db, int64_t account_id, long limit) {
  static const std::string sql =
      kCohortColumns +
      "WHERE c.programme_id IN (SELECT ps.programme_id FROM programme_staff ps JOIN account sa "
      "ON sa.id = ps.account_id WHERE ps.account_id = :a AND sa.role = 'staff') "
      "OR c.id IN (SELECT se.cohort_id FROM enrolment se JOIN person sp ON sp.id = se.person_id "
      "JOIN account sa2 ON sa2.id = sp.account_id WHERE sp.account_id = :a2 "
      "AND sa2.role IN ('lecturer', 'participant', 'alumnus') AND se.status IN " +
      taking_part_sql() + ") ORDER BY c.starts_on DESC, c.id DESC LIMIT :limit";
  ll a = account_id, n = limit;
  db::Rows rows = (db.sql().prepare << sql, use(a), use(a), use(n));
  std::vector<Cohort> out;
  for (const auto& r : rows) out.push_back(cohort_from(r));
  return out;
}

std::optional<CohortAccess> find_cohort_access(db::Session& db, int64_t id, int64_t account_id) {
  // Column 12: the programme is one of the account's.
  static const std::string sql = std::string(kCohortFields) + ", CASE WHEN c.programme_id IN " +
                                 programmes_of_account_sql() +
                                 " THEN 1 ELSE 0 END FROM cohort c WHERE c.id = :id";
  soci::row r;
  ll i = id, a = account_id;
  db.sql() << sql, use(a), use(a), use(i), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return CohortAccess{cohort_from(r), account_id != 0 && db::get_int64(r, 12) == 1};
}

Membership membership(db::Session& db, int64_t programme_id, int64_t account_id) {
  static const std::string sql =
      "SELECT (SELECT COUNT(*) FROM programme WHERE id = :p AND id IN " +
      programmes_of_account_sql() +
      "), (SELECT COUNT(*) FROM programme_staff WHERE programme_id = :p2 AND account_id = :a3)";
  ll p = programme_id, a = account_id, in = 0, team = 0;
  db.sql() << sql, use(p), use(a), use(a), use(p), use(a), into(in), into(team);
  return {in > 0, team > 0};
}

std::optional<Cohort> find_cohort(db::Session& db, int64_t programme_id, int64_t id) {
  soci::row r;
  ll p = programme_id, i = id;
  db.sql() << std::string(kCohortColumns) + "WHERE c.id = :id AND c.programme_id = :p", use(i),
      use(p), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return cohort_from(r);
}

int64_t insert_organisation(db::Session& db, const Organisation& o) {
  ll id = 0;
  db.sql() << "INSERT INTO organisation (name, name_latin, country, type) "
              "VALUES (:name, :latin, :country, :type) RETURNING id",
      use(o.name), use(o.name_latin), use(o.country), use(o.type), into(id);
  return id;
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

int64_t insert_person(db::Session& db, const Person& p) {
  ll id = 0, account = p.account_id, org = p.organisation_id, t = p.created_at;
  soci::indicator account_ind = p.account_id ? soci::i_ok : soci::i_null;
  soci::indicator org_ind = p.organisation_id ? soci::i_ok : soci::i_null;
  soci::indicator gender_ind = p.gender.empty() ? soci::i_null : soci::i_ok;
  db.sql() << "INSERT INTO person (account_id, name, name_latin, email, country, organisation_id, "
              "position, gender, created_at, languages, expertise, time_zone, bio, "
              "visible_fields, updated_at) VALUES (:account, :name, :latin, :email, :country, "
              ":org, :position, :gender, :t, :languages, :expertise, :tz, :bio, :visible, :t2) "
              "RETURNING id",
      use(account, account_ind), use(p.name), use(p.name_latin), use(p.email), use(p.country),
      use(org, org_ind), use(p.position), use(p.gender, gender_ind), use(t), use(p.languages),
      use(p.expertise), use(p.time_zone), use(p.bio), use(p.visible_fields), use(t), into(id);
  return id;
}

std::optional<Person> find_person(db::Session& db, int64_t id) {
  soci::row r;
  ll i = id;
  db.sql() << std::string(kSelectPerson) + "WHERE id = :id", use(i), into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return person_from_row(r);
}

int64_t insert_enrolment(db::Session& db, const Enrolment& e) {
  ll id = 0, person = e.person_id, cohort = e.cohort_id, t = e.created_at;
  db.sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) "
              "VALUES (:person, :cohort, :role, :status, :t) RETURNING id",
      use(person), use(cohort), use(e.role), use(e.status), use(t), into(id);
  return id;
}

void insert_status_change(db::Session& db, int64_t enrolment_id, const std::string& status,
                          int64_t at, int64_t by_account_id) {
  ll e = enrolment_id, t = at, by = by_account_id;
  soci::indicator by_ind = by_account_id ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO enrolment_status_history (enrolment_id, status, at, by_account_id) "
              "VALUES (:e, :status, :t, :by)",
      use(e), use(status), use(t), use(by, by_ind);
}

std::vector<Enrolment> list_enrolments_of(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db::Rows rows = (db.sql().prepare << "SELECT id, person_id, cohort_id, role, status, created_at "
                                       "FROM enrolment WHERE person_id = :p ORDER BY id",
                   use(p));
  std::vector<Enrolment> out;
  for (const auto& r : rows)
    out.push_back(Enrolment{db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2),
                            db::get_text(r, 3), db::get_text(r, 4), db::get_int64(r, 5)});
  return out;
}

long count_status_changes(db::Session& db, int64_t enrolment_id) {
  ll e = enrolment_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM enrolment_status_history WHERE enrolment_id = :e", use(e),
      into(n);
  return static_cast<long>(n);
}

long count_members(db::Session& db, int64_t programme_id, int64_t cohort_id, const MemberFilter& f,
                   bool peer) {
  ll p = programme_id, c = cohort_id, n = 0, pv = peer ? 1 : 0;
  db.sql() << "SELECT COUNT(*) " + member_where(), use(c), use(pv), use(f.country), use(f.country),
      use(pv), use(f.organisation_type), use(f.organisation_type), use(pv), use(f.status),
      use(f.status), use(f.route_role), use(p), use(f.route_role), use(pv), into(n);
  return static_cast<long>(n);
}

std::vector<Member> list_members(db::Session& db, int64_t programme_id, int64_t cohort_id,
                                 const MemberFilter& f, long limit, long offset, bool peer) {
  ll p = programme_id, c = cohort_id, l = limit, o = offset, pv = peer ? 1 : 0;
  db::Rows rows =
      (db.sql().prepare << std::string("SELECT p.id, p.name, p.name_latin, p.email, p.country, "
                                       "o.name, o.name_latin, o.type, p.position, e.role, "
                                       "e.status, p.visible_fields ") +
                               member_where() +
                               "ORDER BY CASE e.role WHEN 'participant' THEN 1 ELSE 0 END, "
                               "CASE WHEN p.name_latin = '' THEN p.name ELSE p.name_latin END, "
                               "p.id LIMIT :l OFFSET :o",
       use(c), use(pv), use(f.country), use(f.country), use(pv), use(f.organisation_type),
       use(f.organisation_type), use(pv), use(f.status), use(f.status), use(f.route_role), use(p),
       use(f.route_role), use(pv), use(l), use(o));
  std::vector<Member> out;
  for (const auto& r : rows) {
    Member m;
    m.person_id = db::get_int64(r, 0);
    m.name = db::get_text(r, 1);
    m.name_latin = db::get_text(r, 2);
    m.email = db::get_text(r, 3);
    m.country = db::get_text(r, 4);
    m.organisation = db::get_text(r, 5);
    m.organisation_latin = db::get_text(r, 6);
    m.organisation_type = db::get_text(r, 7);
    m.position = db::get_text(r, 8);
    m.role = db::get_text(r, 9);
    m.status = db::get_text(r, 10);
    m.visible_fields = db::get_text(r, 11);
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::string> member_countries(db::Session& db, int64_t cohort_id, bool peer) {
  ll c = cohort_id, pv = peer ? 1 : 0;
  db::Rows rows =
      (db.sql().prepare << "SELECT DISTINCT p.country FROM enrolment e JOIN person p ON p.id = "
                           "e.person_id WHERE e.cohort_id = :c AND (CAST(:peer AS BIGINT) = 0 "
                           "OR ((',' || p.visible_fields || ',') LIKE '%,country,%' AND "
                           "e.status IN " +
                               taking_part_sql() + ")) ORDER BY p.country",
       use(c), use(pv));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(db::get_text(r, 0));
  return out;
}

std::vector<ParticipantFacts> list_participant_facts(db::Session& db, int64_t programme_id,
                                                     int64_t cohort_id) {
  ll p = programme_id, c = cohort_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT pe.country, o.type, pe.gender, e.status FROM enrolment e "
                           "JOIN cohort c ON c.id = e.cohort_id "
                           "JOIN person pe ON pe.id = e.person_id "
                           "LEFT JOIN organisation o ON o.id = pe.organisation_id "
                           "WHERE e.cohort_id = :c AND c.programme_id = :p "
                           "AND e.role = 'participant' "
                           "AND e.status IN ('admitted', 'participant', 'graduate', 'withdrawn') "
                           "ORDER BY e.id",
       use(c), use(p));
  std::vector<ParticipantFacts> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3)});
  return out;
}

std::vector<CohortTarget> list_cohort_targets(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  db::Rows rows = (db.sql().prepare << "SELECT dimension, value, share_percent FROM cohort_target "
                                       "WHERE cohort_id = :c ORDER BY dimension, value",
                   use(c));
  std::vector<CohortTarget> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_text(r, 1), static_cast<long>(db::get_int64(r, 2))});
  return out;
}

void delete_cohort_targets(db::Session& db, int64_t cohort_id, const std::string& dimension) {
  ll c = cohort_id;
  db.sql() << "DELETE FROM cohort_target WHERE cohort_id = :c AND dimension = :d", use(c),
      use(dimension);
}

void insert_cohort_target(db::Session& db, int64_t cohort_id, const CohortTarget& t) {
  ll c = cohort_id, share = t.share_percent;
  db.sql() << "INSERT INTO cohort_target (cohort_id, dimension, value, share_percent) "
              "VALUES (:c, :d, :v, :s)",
      use(c), use(t.dimension), use(t.value), use(share);
}

// ------------------------------------------------------------ programme administration

namespace {

// A programme named in :lang, or in English; the scope follows in the WHERE.
constexpr const char* kSummaryColumns =
    "SELECT p.id, p.slug, COALESCE(t.name, en.name, p.slug), COALESCE(t.language, en.language, "
    "'en'), (SELECT COUNT(*) FROM cohort c WHERE c.programme_id = p.id) FROM programme p "
    "LEFT JOIN programme_text t ON t.programme_id = p.id AND t.language = :lang "
    "LEFT JOIN programme_text en ON en.programme_id = p.id AND en.language = 'en' ";

std::vector<ProgrammeSummary> summaries(db::Rows& rows) {
  std::vector<ProgrammeSummary> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   static_cast<long>(db::get_int64(r, 4))});
  return out;
}

TeamMember team_member_from(const soci::row& r) {
  return {db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3)};
}

}  // namespace

std::vector<ProgrammeSummary> list_programmes(db::Session& db, const std::string& language) {
  db::Rows rows =
      (db.sql().prepare << std::string(kSummaryColumns) + "ORDER BY p.id", use(language));
  return summaries(rows);
}

std::vector<ProgrammeSummary> list_team_programmes(db::Session& db, int64_t account_id,
                                                   const std::string& language) {
  ll a = account_id;
  db::Rows rows =
      (db.sql().prepare << std::string(kSummaryColumns) +
                               "WHERE EXISTS (SELECT 1 FROM programme_staff ps WHERE "
                               "ps.programme_id = p.id AND ps.account_id = :a) ORDER BY p.id",
       use(language), use(a));
  return summaries(rows);
}

std::vector<ProgrammeSummary> list_enrolled_programmes(db::Session& db, int64_t account_id,
                                                       const std::string& language) {
  ll a = account_id;
  db::Rows rows =
      (db.sql().prepare << std::string(kSummaryColumns) +
                               "WHERE EXISTS (SELECT 1 FROM cohort c JOIN enrolment e ON "
                               "e.cohort_id = c.id JOIN person pe ON pe.id = e.person_id WHERE "
                               "c.programme_id = p.id AND pe.account_id = :a) ORDER BY p.id",
       use(language), use(a));
  return summaries(rows);
}

std::optional<int64_t> insert_programme_if_free(db::Session& db, const std::string& slug,
                                                long anonymity_threshold, int64_t now) {
  ll id = 0, threshold = anonymity_threshold, t = now;
  db.sql() << "INSERT INTO programme (slug, anonymity_threshold, created_at) "
              "VALUES (:slug, :threshold, :t) ON CONFLICT (slug) DO NOTHING RETURNING id",
      use(slug), use(threshold), use(t), into(id);
  if (!db.sql().got_data()) return std::nullopt;
  return id;
}

void update_anonymity_threshold(db::Session& db, int64_t programme_id, long threshold) {
  ll p = programme_id, n = threshold;
  db.sql() << "UPDATE programme SET anonymity_threshold = :n WHERE id = :p", use(n), use(p);
}

std::vector<ProgrammeText> list_programme_texts(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT language, name, description FROM programme_text "
                                       "WHERE programme_id = :p ORDER BY language",
                   use(p));
  std::vector<ProgrammeText> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2)});
  return out;
}

void delete_programme_texts(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db.sql() << "DELETE FROM programme_text WHERE programme_id = :p", use(p);
}

void delete_programme_countries(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db.sql() << "DELETE FROM programme_country WHERE programme_id = :p", use(p);
}

void delete_programme_funders(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db.sql() << "DELETE FROM programme_funder WHERE programme_id = :p", use(p);
}

bool is_on_team(db::Session& db, int64_t programme_id, int64_t account_id) {
  ll p = programme_id, a = account_id, n = 0;
  db.sql() << "SELECT COUNT(*) FROM programme_staff WHERE programme_id = :p AND account_id = :a",
      use(p), use(a), into(n);
  return n > 0;
}

std::vector<TeamMember> list_team(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT a.id, a.name, a.email, a.role FROM programme_staff ps JOIN account a "
              "ON a.id = ps.account_id WHERE ps.programme_id = :p "
              "ORDER BY a.name, a.id",
       use(p));
  std::vector<TeamMember> out;
  for (const auto& r : rows) out.push_back(team_member_from(r));
  return out;
}

std::vector<TeamMember> list_staff_not_on_team(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT a.id, a.name, a.email, a.role FROM account a WHERE a.role = 'staff' "
              "AND a.disabled = 0 AND NOT EXISTS (SELECT 1 FROM programme_staff ps "
              "WHERE ps.programme_id = :p AND ps.account_id = a.id) "
              "ORDER BY a.name, a.id",
       use(p));
  std::vector<TeamMember> out;
  for (const auto& r : rows) out.push_back(team_member_from(r));
  return out;
}

std::optional<TeamMember> find_active_account(db::Session& db, int64_t account_id) {
  soci::row r;
  ll a = account_id;
  db.sql() << "SELECT id, name, email, role FROM account WHERE id = :a AND disabled = 0", use(a),
      into(r);
  if (!db.sql().got_data()) return std::nullopt;
  return team_member_from(r);
}

bool delete_programme_staff(db::Session& db, int64_t programme_id, int64_t account_id) {
  ll p = programme_id, a = account_id;
  db.sql() << "DELETE FROM programme_staff WHERE programme_id = :p AND "
              "account_id = :a",
      use(p), use(a);
  return db.sql().affected_rows() == 1;
}

std::optional<int64_t> insert_cohort_if_free(db::Session& db, const Cohort& c) {
  ll id = 0, p = c.programme_id, n = c.number, s = c.starts_on, e = c.ends_on, cap = c.capacity;
  ll semesters = c.semesters;
  db.sql() << "INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status, "
              "regional_focus, capacity, location, semesters) VALUES (:p, :n, :name, :s, :e, "
              ":status, :focus, :cap, :location, :semesters) "
              "ON CONFLICT (programme_id, number) DO NOTHING RETURNING id",
      use(p), use(n), use(c.name), use(s), use(e), use(c.status), use(c.regional_focus), use(cap),
      use(c.location), use(semesters), into(id);
  if (!db.sql().got_data()) return std::nullopt;
  return id;
}

bool find_cohort_number(db::Session& db, int64_t programme_id, long number) {
  ll p = programme_id, n = number, found = 0;
  db.sql() << "SELECT COUNT(*) FROM cohort WHERE programme_id = :p AND number = :n", use(p), use(n),
      into(found);
  return found > 0;
}

long max_cohort_number(db::Session& db, int64_t programme_id) {
  ll p = programme_id, n = 0;
  db.sql() << "SELECT COALESCE(MAX(number), 0) FROM cohort WHERE programme_id = :p", use(p),
      into(n);
  return static_cast<long>(n);
}

}  // namespace crm::programme::store

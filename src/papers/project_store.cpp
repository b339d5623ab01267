#include "papers/project_store.hpp"

#include "programme/person_row.hpp"
#include "programme/scope.hpp"

namespace crm::papers::project_store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

constexpr const char* kProjectColumns =
    "SELECT p.id, p.programme_id, COALESCE(p.paper_id, 0), p.title, p.problem, p.summary, "
    "p.language, p.status, COALESCE(p.created_by, 0), p.created_at, p.updated_at ";

Project project_of(const soci::row& r) {
  Project p;
  p.id = db::get_int64(r, 0);
  p.programme_id = db::get_int64(r, 1);
  p.paper_id = db::get_int64(r, 2);
  p.title = db::get_text(r, 3);
  p.problem = db::get_text(r, 4);
  p.summary = db::get_text(r, 5);
  p.language = db::get_text(r, 6);
  p.status = db::get_text(r, 7);
  p.created_by = db::get_int64(r, 8);
  p.created_at = db::get_int64(r, 9);
  p.updated_at = db::get_int64(r, 10);
  return p;
}

// A paper's title in the reader's language, else the first one written.
constexpr const char* kPaperTitle =
    "COALESCE((SELECT tt.title FROM paper_text tt WHERE tt.paper_id = pa.id AND tt.language = "
    ":lang), (SELECT MIN(ta.title) FROM paper_text ta WHERE ta.paper_id = pa.id), '')";

}  // namespace

int64_t person_of_account(db::Session& db, int64_t account_id) {
  ll a = account_id, id = 0;
  db.sql() << "SELECT COALESCE(MIN(id), 0) FROM person WHERE account_id = :a", use(a), into(id);
  return id;
}

std::vector<ProjectRow> list_projects(db::Session& db, int64_t account_id, bool all,
                                      int64_t person_id, const std::string& status,
                                      const std::string& language) {
  static const std::string sql =
      std::string(kProjectColumns) +
      ", COALESCE(t.name, en.name, g.slug), (SELECT COUNT(*) FROM project_member m WHERE "
      "m.project_id = p.id), (SELECT COUNT(*) FROM project_member mm WHERE mm.project_id = p.id "
      "AND mm.person_id = :me) AS mine FROM project p JOIN programme g ON g.id = p.programme_id "
      "LEFT JOIN programme_text t ON t.programme_id = g.id AND t.language = :lang "
      "LEFT JOIN programme_text en ON en.programme_id = g.id AND en.language = 'en' "
      "WHERE (CAST(:all AS BIGINT) = 1 OR p.programme_id IN " +
      programme::programmes_of_account_sql() +
      ") AND (CAST(:status AS TEXT) = '' OR p.status = :status2) "
      "ORDER BY mine DESC, p.updated_at DESC, p.id DESC";
  ll me = person_id, every = all ? 1 : 0, a = account_id;
  std::vector<ProjectRow> out;
  db::Rows rows = (db.sql().prepare << sql, use(me), use(language), use(every), use(a), use(a),
                   use(status), use(status));
  for (const auto& r : rows) {
    ProjectRow row;
    row.project = project_of(r);
    row.programme = db::get_text(r, 11);
    row.members = static_cast<long>(db::get_int64(r, 12));
    row.mine = db::get_int64(r, 13) > 0;
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<Project> find_project(db::Session& db, int64_t id) {
  ll i = id;
  std::optional<Project> out;
  db::Rows rows =
      (db.sql().prepare << std::string(kProjectColumns) + "FROM project p WHERE p.id = :id",
       use(i));
  for (const auto& r : rows) out = project_of(r);
  return out;
}

std::string programme_name(db::Session& db, int64_t programme_id, const std::string& language) {
  ll p = programme_id;
  std::string name;
  db.sql() << "SELECT COALESCE(t.name, en.name, g.slug) FROM programme g LEFT JOIN programme_text "
              "t ON t.programme_id = g.id AND t.language = :lang LEFT JOIN programme_text en ON "
              "en.programme_id = g.id AND en.language = 'en' WHERE g.id = :p",
      use(language), use(p), into(name);
  return name;
}

int64_t insert_project(db::Session& db, const Project& p) {
  ll prog = p.programme_id, paper = p.paper_id, by = p.created_by, t = p.created_at, id = 0;
  soci::indicator pi = p.paper_id ? soci::i_ok : soci::i_null;
  soci::indicator bi = p.created_by ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO project (programme_id, paper_id, title, problem, summary, language, "
              "status, created_by, created_at, updated_at) VALUES (:prog, :paper, :title, "
              ":problem, :summary, :lang, :status, :by, :t, :t2) RETURNING id",
      use(prog), use(paper, pi), use(p.title), use(p.problem), use(p.summary), use(p.language),
      use(p.status), use(by, bi), use(t), use(t), into(id);
  return id;
}

void update_project(db::Session& db, const Project& p) {
  ll id = p.id, paper = p.paper_id, t = p.updated_at;
  soci::indicator pi = p.paper_id ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE project SET paper_id = :paper, title = :title, problem = :problem, summary = "
              ":summary, language = :lang, status = :status, updated_at = :t WHERE id = :id",
      use(paper, pi), use(p.title), use(p.problem), use(p.summary), use(p.language), use(p.status),
      use(t), use(id);
}

void touch_project(db::Session& db, int64_t id, int64_t now) {
  ll i = id, t = now;
  db.sql() << "UPDATE project SET updated_at = :t WHERE id = :id", use(t), use(i);
}

std::vector<ProjectMember> list_members(db::Session& db, int64_t project_id, int64_t programme_id) {
  ll p = project_id, prog = programme_id;
  std::vector<ProjectMember> out;
  db::Rows rows =
      (db.sql().prepare << "SELECT m.person_id, pe.name, m.role, COALESCE((SELECT MIN(c.name) FROM "
                           "enrolment e JOIN cohort c ON c.id = e.cohort_id WHERE e.person_id = "
                           "m.person_id AND c.programme_id = :prog), ''), m.joined_at FROM "
                           "project_member m JOIN person pe ON pe.id = m.person_id WHERE "
                           "m.project_id = :p ORDER BY CASE m.role WHEN 'lead' THEN 0 ELSE 1 END, "
                           "m.joined_at, pe.name",
       use(prog), use(p));
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   db::get_int64(r, 4)});
  return out;
}

void insert_member(db::Session& db, int64_t project_id, int64_t person_id, const std::string& role,
                   int64_t now) {
  ll p = project_id, pe = person_id, t = now;
  db.sql() << "INSERT INTO project_member (project_id, person_id, role, joined_at) VALUES (:p, "
              ":pe, :role, :t)",
      use(p), use(pe), use(role), use(t);
}

void update_member_role(db::Session& db, int64_t project_id, int64_t person_id,
                        const std::string& role) {
  ll p = project_id, pe = person_id;
  db.sql() << "UPDATE project_member SET role = :role WHERE project_id = :p AND person_id = :pe",
      use(role), use(p), use(pe);
}

void delete_member(db::Session& db, int64_t project_id, int64_t person_id) {
  ll p = project_id, pe = person_id;
  db.sql() << "DELETE FROM project_member WHERE project_id = :p AND person_id = :pe", use(p),
      use(pe);
}

std::vector<ProjectPartner> list_partners(db::Session& db, int64_t project_id) {
  ll p = project_id;
  std::vector<ProjectPartner> out;
  db::Rows rows = (db.sql().prepare << "SELECT COALESCE(organisation_id, 0), name FROM "
                                       "project_partner WHERE project_id = :p ORDER BY id",
                   use(p));
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

void replace_partners(db::Session& db, int64_t project_id,
                      const std::vector<ProjectPartner>& partners) {
  ll p = project_id;
  db.sql() << "DELETE FROM project_partner WHERE project_id = :p", use(p);
  for (const auto& partner : partners) {
    ll o = partner.organisation_id;
    soci::indicator oi = o ? soci::i_ok : soci::i_null;
    db.sql() << "INSERT INTO project_partner (project_id, organisation_id, name) VALUES (:p, :o, "
                ":name)",
        use(p), use(o, oi), use(partner.name);
  }
}

std::vector<ProjectUpdate> list_updates(db::Session& db, int64_t project_id) {
  ll p = project_id;
  std::vector<ProjectUpdate> out;
  db::Rows rows =
      (db.sql().prepare << "SELECT u.id, u.happened_on, u.created_at, u.body, COALESCE(a.name, '') "
                           "FROM project_update u LEFT JOIN account a ON a.id = u.author_id WHERE "
                           "u.project_id = :p ORDER BY u.happened_on DESC, u.id DESC",
       use(p));
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2),
                   db::get_text(r, 3), db::get_text(r, 4)});
  return out;
}

int64_t insert_update(db::Session& db, int64_t project_id, int64_t happened_on,
                      const std::string& body, int64_t author_id, int64_t now) {
  ll p = project_id, h = happened_on, a = author_id, t = now, id = 0;
  soci::indicator ai = author_id ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO project_update (project_id, happened_on, body, author_id, created_at) "
              "VALUES (:p, :h, :body, :a, :t) RETURNING id",
      use(p), use(h), use(body), use(a, ai), use(t), into(id);
  return id;
}

std::vector<knowledge::Tag> list_tags(db::Session& db, int64_t project_id) {
  ll p = project_id;
  std::vector<knowledge::Tag> out;
  db::Rows rows = (db.sql().prepare << "SELECT kind, value FROM project_tag WHERE project_id = :p "
                                       "ORDER BY kind, value",
                   use(p));
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_text(r, 1)});
  return out;
}

void replace_tags(db::Session& db, int64_t project_id, const std::vector<knowledge::Tag>& tags) {
  ll p = project_id;
  db.sql() << "DELETE FROM project_tag WHERE project_id = :p", use(p);
  for (const auto& t : tags)
    db.sql() << "INSERT INTO project_tag (project_id, kind, value) VALUES (:p, :k, :v)", use(p),
        use(t.kind), use(t.value);
}

std::vector<Choice> papers_of_person(db::Session& db, int64_t person_id,
                                     const std::string& language) {
  static const std::string sql = std::string("SELECT pa.id, ") + kPaperTitle +
                                 ", c.name, c.programme_id FROM paper pa JOIN cohort c ON c.id = "
                                 "pa.cohort_id WHERE pa.person_id = :pe ORDER BY pa.id";
  ll pe = person_id;
  std::vector<Choice> out;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(pe));
  for (const auto& r : rows)
    out.push_back(
        {db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_int64(r, 3)});
  return out;
}

std::optional<Choice> find_paper(db::Session& db, int64_t paper_id, const std::string& language) {
  static const std::string sql = std::string("SELECT pa.id, ") + kPaperTitle +
                                 ", c.name, c.programme_id FROM paper pa JOIN cohort c ON c.id = "
                                 "pa.cohort_id WHERE pa.id = :id";
  ll id = paper_id;
  std::optional<Choice> out;
  db::Rows rows = (db.sql().prepare << sql, use(language), use(id));
  for (const auto& r : rows)
    out = Choice{db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_int64(r, 3)};
  return out;
}

std::vector<Choice> programme_organisations(db::Session& db, int64_t programme_id) {
  ll p = programme_id;
  std::vector<Choice> out;
  db::Rows rows =
      (db.sql().prepare << "SELECT o.id, o.name, o.country FROM organisation o WHERE EXISTS "
                           "(SELECT 1 FROM person pe JOIN enrolment e ON e.person_id = pe.id JOIN "
                           "cohort c ON c.id = e.cohort_id WHERE pe.organisation_id = o.id AND "
                           "c.programme_id = :p) ORDER BY o.name, o.id",
       use(p));
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), 0});
  return out;
}

std::vector<Choice> programme_people(db::Session& db, int64_t programme_id) {
  static const std::string sql =
      "SELECT pe.id, pe.name, MIN(c.name) FROM person pe JOIN enrolment e ON e.person_id = pe.id "
      "JOIN cohort c ON c.id = e.cohort_id WHERE c.programme_id = :p AND pe.erased_at IS NULL "
      "AND pe.merged_into IS NULL AND e.status IN " +
      programme::taking_part_sql() + " GROUP BY pe.id, pe.name ORDER BY pe.name, pe.id";
  ll p = programme_id;
  std::vector<Choice> out;
  db::Rows rows = (db.sql().prepare << sql, use(p));
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), 0});
  return out;
}

bool takes_part(db::Session& db, int64_t programme_id, int64_t person_id) {
  static const std::string sql =
      "SELECT COUNT(*) FROM enrolment e JOIN cohort c ON c.id = e.cohort_id JOIN person pe ON "
      "pe.id = e.person_id WHERE c.programme_id = :p AND e.person_id = :pe AND pe.erased_at IS "
      "NULL AND e.status IN " +
      programme::taking_part_sql();
  ll p = programme_id, pe = person_id, n = 0;
  db.sql() << sql, use(p), use(pe), into(n);
  return n > 0;
}

std::vector<PersonProject> projects_of_person(db::Session& db, int64_t person_id) {
  ll pe = person_id;
  std::vector<PersonProject> out;
  db::Rows rows = (db.sql().prepare << "SELECT p.id, p.title, m.role, p.status, m.joined_at FROM "
                                       "project_member m JOIN project p ON p.id = m.project_id "
                                       "WHERE m.person_id = :pe ORDER BY m.joined_at, p.id",
                   use(pe));
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   db::get_int64(r, 4)});
  return out;
}

std::vector<PersonUpdate> updates_by_account(db::Session& db, int64_t account_id) {
  ll a = account_id;
  std::vector<PersonUpdate> out;
  if (!account_id) return out;
  db::Rows rows = (db.sql().prepare << "SELECT u.project_id, u.happened_on, p.title, u.body FROM "
                                       "project_update u JOIN project p ON p.id = u.project_id "
                                       "WHERE u.author_id = :a ORDER BY u.happened_on, u.id",
                   use(a));
  for (const auto& r : rows)
    out.push_back(
        {db::get_int64(r, 0), db::get_int64(r, 1), db::get_text(r, 2), db::get_text(r, 3)});
  return out;
}

}  // namespace crm::papers::project_store

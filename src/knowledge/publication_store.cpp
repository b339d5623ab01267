#include "knowledge/publication_store.hpp"

#include "db/blob.hpp"

namespace crm::knowledge::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

std::vector<TextRow> texts_of(db::Rows& rows) {
  std::vector<TextRow> out;
  for (const auto& r : rows)
    out.push_back({db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2)});
  return out;
}

std::vector<TagRow> tags_of(db::Rows& rows) {
  std::vector<TagRow> out;
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_text(r, 1)});
  return out;
}

const std::string kPublicationColumns =
    "id, work_kind, work_id, COALESCE(version_id, 0), COALESCE(consent_by, 0), consent_at, "
    "published_at, COALESCE(withdrawn_at, 0)";

PublicationRow publication_of(const soci::row& r) {
  PublicationRow p;
  p.id = db::get_int64(r, 0);
  p.work_kind = db::get_text(r, 1);
  p.work_id = db::get_int64(r, 2);
  p.version_id = db::get_int64(r, 3);
  p.consent_by = db::get_int64(r, 4);
  p.consent_at = db::get_int64(r, 5);
  p.published_at = db::get_int64(r, 6);
  p.withdrawn_at = db::get_int64(r, 7);
  return p;
}

std::optional<FileRow> file_of(db::Session& db, db::Rows& rows) {
  for (const auto& r : rows) {
    FileRow f{db::get_text(r, 0), db::get_text(r, 1), db::get_text(r, 2)};
    f.data = db::blob_value(db, std::move(f.data));
    return f;
  }
  return std::nullopt;
}

}  // namespace

std::optional<PaperRow> find_paper(db::Session& db, int64_t paper_id) {
  ll id = paper_id;
  // The newest accepting assessment names the version the public may read.
  db::Rows rows =
      (db.sql().prepare
           << "SELECT p.id, p.cohort_id, c.programme_id, p.status, pe.id, "
              "COALESCE(pe.account_id, 0), pe.name, pe.name_latin, c.name, COALESCE(v.id, 0), "
              "COALESCE(v.filename, ''), COALESCE(v.content_type, ''), COALESCE(v.size, 0) "
              "FROM paper p JOIN person pe ON pe.id = p.person_id "
              "JOIN cohort c ON c.id = p.cohort_id "
              "LEFT JOIN paper_version v ON v.paper_id = p.id AND v.id = ("
              "SELECT a.version_id FROM paper_assessment a WHERE a.paper_id = p.id "
              "AND a.decision = 'accepted' ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) "
              "WHERE p.id = :id",
       use(id));
  for (const auto& r : rows) {
    PaperRow p;
    p.id = db::get_int64(r, 0);
    p.cohort_id = db::get_int64(r, 1);
    p.programme_id = db::get_int64(r, 2);
    p.status = db::get_text(r, 3);
    p.author.person_id = db::get_int64(r, 4);
    p.author.account_id = db::get_int64(r, 5);
    p.author.name = db::get_text(r, 6);
    p.author.name_latin = db::get_text(r, 7);
    p.author.role = "lead";
    p.cohort_name = db::get_text(r, 8);
    p.accepted_version = db::get_int64(r, 9);
    p.file_name = db::get_text(r, 10);
    p.content_type = db::get_text(r, 11);
    p.file_size = db::get_int64(r, 12);
    return p;
  }
  return std::nullopt;
}

std::vector<TextRow> paper_texts(db::Session& db, int64_t paper_id) {
  ll id = paper_id;
  db::Rows rows = (db.sql().prepare << "SELECT language, title, abstract FROM paper_text "
                                       "WHERE paper_id = :id ORDER BY language",
                   use(id));
  return texts_of(rows);
}

std::vector<TagRow> paper_tags(db::Session& db, int64_t paper_id) {
  ll id = paper_id;
  db::Rows rows = (db.sql().prepare << "SELECT kind, value FROM paper_tag WHERE paper_id = :id "
                                       "ORDER BY kind, value",
                   use(id));
  return tags_of(rows);
}

std::optional<ProjectRow> find_project(db::Session& db, int64_t project_id) {
  ll id = project_id;
  db::Rows rows = (db.sql().prepare << "SELECT id, programme_id, title, problem, summary, language "
                                       "FROM project WHERE id = :id",
                   use(id));
  for (const auto& r : rows)
    return ProjectRow{db::get_int64(r, 0), db::get_int64(r, 1), db::get_text(r, 2),
                      db::get_text(r, 3),  db::get_text(r, 4),  db::get_text(r, 5)};
  return std::nullopt;
}

std::vector<NameRow> project_team(db::Session& db, int64_t project_id) {
  ll id = project_id;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT pe.id, COALESCE(pe.account_id, 0), pe.name, pe.name_latin, "
              "m.role FROM project_member m JOIN person pe ON pe.id = m.person_id "
              "WHERE m.project_id = :id "
              "ORDER BY CASE WHEN m.role = 'lead' THEN 0 ELSE 1 END, m.joined_at, pe.id",
       use(id));
  std::vector<NameRow> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                   db::get_text(r, 4)});
  return out;
}

std::vector<std::string> project_cohorts(db::Session& db, int64_t project_id,
                                         int64_t programme_id) {
  ll id = project_id, p = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT c.name, MIN(c.number) FROM cohort c "
                                       "WHERE c.programme_id = :p AND c.id IN ("
                                       "SELECT e.cohort_id FROM enrolment e JOIN project_member m "
                                       "ON m.person_id = e.person_id WHERE m.project_id = :id "
                                       "AND e.role = 'participant') "
                                       "GROUP BY c.id, c.name ORDER BY MIN(c.number)",
                   use(p), use(id));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(db::get_text(r, 0));
  return out;
}

std::vector<TagRow> project_tags(db::Session& db, int64_t project_id) {
  ll id = project_id;
  db::Rows rows = (db.sql().prepare << "SELECT kind, value FROM project_tag "
                                       "WHERE project_id = :id ORDER BY kind, value",
                   use(id));
  return tags_of(rows);
}

std::string programme_name(db::Session& db, int64_t programme_id, const std::string& language) {
  ll id = programme_id;
  db::Rows rows = (db.sql().prepare << "SELECT name FROM programme_text WHERE programme_id = :id "
                                       "ORDER BY CASE WHEN language = :l THEN 0 WHEN language = "
                                       "'en' THEN 1 ELSE 2 END, language",
                   use(id), use(language));
  for (const auto& r : rows) return db::get_text(r, 0);
  return {};
}

std::optional<PublicationRow> find_publication(db::Session& db, const std::string& work_kind,
                                               int64_t work_id) {
  ll id = work_id;
  db::Rows rows = (db.sql().prepare << "SELECT " + kPublicationColumns +
                                           " FROM publication WHERE work_kind = :k AND "
                                           "work_id = :id",
                   use(work_kind), use(id));
  for (const auto& r : rows) return publication_of(r);
  return std::nullopt;
}

std::optional<PublicationRow> find_public(db::Session& db, int64_t id) {
  ll i = id;
  db::Rows rows = (db.sql().prepare << "SELECT " + kPublicationColumns +
                                           " FROM publication WHERE id = :id AND "
                                           "withdrawn_at IS NULL",
                   use(i));
  for (const auto& r : rows) return publication_of(r);
  return std::nullopt;
}

int64_t insert_publication(db::Session& db, const std::string& work_kind, int64_t work_id,
                           int64_t version_id, int64_t consent_by, int64_t now) {
  ll w = work_id, v = version_id, by = consent_by, t = now, id = 0;
  soci::indicator v_ind = version_id ? soci::i_ok : soci::i_null;
  soci::indicator by_ind = consent_by ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO publication (work_kind, work_id, version_id, consent_by, consent_at, "
              "published_at) VALUES (:k, :w, :v, :by, :t, :t2) RETURNING id",
      use(work_kind), use(w), use(v, v_ind), use(by, by_ind), use(t), use(t), into(id);
  return id;
}

void revive_publication(db::Session& db, int64_t id, int64_t version_id, int64_t consent_by,
                        int64_t now) {
  ll i = id, v = version_id, by = consent_by, t = now;
  soci::indicator v_ind = version_id ? soci::i_ok : soci::i_null;
  soci::indicator by_ind = consent_by ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE publication SET version_id = :v, consent_by = :by, consent_at = :t, "
              "withdrawn_at = NULL WHERE id = :id",
      use(v, v_ind), use(by, by_ind), use(t), use(i);
}

bool withdraw_publication(db::Session& db, int64_t id, int64_t now) {
  ll i = id, t = now, back = 0;
  db.sql() << "UPDATE publication SET withdrawn_at = :t WHERE id = :id AND withdrawn_at IS NULL "
              "RETURNING id",
      use(t), use(i), into(back);
  return db.sql().got_data();
}

std::optional<FileRow> public_paper_file(db::Session& db, int64_t id) {
  ll i = id;
  db::Rows rows =
      (db.sql().prepare << "SELECT v.filename, v.content_type, v.data FROM publication pub "
                           "JOIN paper p ON p.id = pub.work_id "
                           "JOIN paper_version v ON v.id = pub.version_id AND v.paper_id = p.id "
                           "WHERE pub.id = :id AND pub.work_kind = 'paper' AND "
                           "pub.withdrawn_at IS NULL AND p.status = 'accepted' "
                           "AND v.data IS NOT NULL",
       use(i));
  return file_of(db, rows);
}

std::optional<ResourceRow> find_public_resource(db::Session& db, int64_t id) {
  ll i = id;
  db::Rows rows =
      (db.sql().prepare << "SELECT id, programme_id, COALESCE(year, 0), published_at, "
                           "CASE WHEN data IS NULL THEN 0 ELSE size END, kind, title, authors, "
                           "publisher, language, summary, url, filename, content_type "
                           "FROM resource WHERE id = :id AND published_at IS NOT NULL",
       use(i));
  for (const auto& r : rows) {
    ResourceRow x;
    x.id = db::get_int64(r, 0);
    x.programme_id = db::get_int64(r, 1);
    x.year = db::get_int64(r, 2);
    x.published_at = db::get_int64(r, 3);
    x.size = db::get_int64(r, 4);
    x.kind = db::get_text(r, 5);
    x.title = db::get_text(r, 6);
    x.authors = db::get_text(r, 7);
    x.publisher = db::get_text(r, 8);
    x.language = db::get_text(r, 9);
    x.summary = db::get_text(r, 10);
    x.url = db::get_text(r, 11);
    x.filename = db::get_text(r, 12);
    x.content_type = db::get_text(r, 13);
    return x;
  }
  return std::nullopt;
}

std::vector<TagRow> resource_tags(db::Session& db, int64_t resource_id) {
  ll id = resource_id;
  db::Rows rows = (db.sql().prepare << "SELECT kind, value FROM resource_tag "
                                       "WHERE resource_id = :id ORDER BY kind, value",
                   use(id));
  return tags_of(rows);
}

std::optional<FileRow> public_resource_file(db::Session& db, int64_t id) {
  ll i = id;
  db::Rows rows =
      (db.sql().prepare << "SELECT filename, content_type, data FROM resource WHERE id = :id "
                           "AND published_at IS NOT NULL AND data IS NOT NULL",
       use(i));
  return file_of(db, rows);
}

std::vector<PublicationRow> publications_of_person(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT " + kPublicationColumns +
                               " FROM publication WHERE (work_kind = 'paper' AND work_id IN ("
                               "SELECT id FROM paper WHERE person_id = :p)) OR (work_kind = "
                               "'project' AND work_id IN (SELECT project_id FROM project_member "
                               "WHERE person_id = :p2 AND role = 'lead')) ORDER BY id",
       use(p), use(p));
  std::vector<PublicationRow> out;
  for (const auto& r : rows) out.push_back(publication_of(r));
  return out;
}

std::vector<std::pair<std::string, int64_t>> works_naming(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT 'paper', id FROM paper WHERE person_id = :p OR supervisor_id = "
                           ":p2 UNION SELECT 'project', project_id FROM project_member WHERE "
                           "person_id = :p3 ORDER BY 1, 2",
       use(p), use(p), use(p));
  std::vector<std::pair<std::string, int64_t>> out;
  for (const auto& r : rows) out.emplace_back(db::get_text(r, 0), db::get_int64(r, 1));
  return out;
}

void move_papers(db::Session& db, int64_t from, int64_t to) {
  ll f = from, t = to;
  db.sql() << "UPDATE paper SET person_id = :t WHERE person_id = :f AND cohort_id NOT IN ("
              "SELECT cohort_id FROM paper WHERE person_id = :t2)",
      use(t), use(f), use(t);
}

void move_supervision(db::Session& db, int64_t from, int64_t to) {
  ll f = from, t = to;
  db.sql() << "UPDATE paper SET supervisor_id = :t WHERE supervisor_id = :f", use(t), use(f);
}

void move_memberships(db::Session& db, int64_t from, int64_t to) {
  ll f = from, t = to;
  db.sql() << "UPDATE project_member SET person_id = :t WHERE person_id = :f AND project_id NOT IN "
              "(SELECT project_id FROM project_member WHERE person_id = :t2)",
      use(t), use(f), use(t);
  db.sql() << "DELETE FROM project_member WHERE person_id = :f", use(f);
}

std::vector<Candidate> unpublished_accepted_papers(db::Session& db, long limit) {
  ll n = limit;
  db::Rows rows =
      (db.sql().prepare
           << "SELECT p.id, v.id, COALESCE(pe.account_id, 0) FROM paper p "
              "JOIN person pe ON pe.id = p.person_id "
              "JOIN paper_version v ON v.paper_id = p.id AND v.id = ("
              "SELECT a.version_id FROM paper_assessment a WHERE a.paper_id = p.id "
              "AND a.decision = 'accepted' ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) "
              "WHERE p.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM publication pub "
              "WHERE pub.work_kind = 'paper' AND pub.work_id = p.id) ORDER BY p.id LIMIT :n",
       use(n));
  std::vector<Candidate> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2)});
  return out;
}

std::vector<Candidate> unpublished_projects(db::Session& db, long limit) {
  ll n = limit;
  db::Rows rows =
      (db.sql().prepare << "SELECT pr.id, 0, COALESCE(MIN(pe.account_id), 0) FROM project pr "
                           "JOIN project_member m ON m.project_id = pr.id AND m.role = 'lead' "
                           "JOIN person pe ON pe.id = m.person_id "
                           "WHERE NOT EXISTS (SELECT 1 FROM publication pub WHERE "
                           "pub.work_kind = 'project' AND pub.work_id = pr.id) "
                           "GROUP BY pr.id ORDER BY pr.id LIMIT :n",
       use(n));
  std::vector<Candidate> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_int64(r, 1), db::get_int64(r, 2)});
  return out;
}

}  // namespace crm::knowledge::store

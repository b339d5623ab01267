#include "papers/store.hpp"

#include <algorithm>
#include <map>

#include "db/blob.hpp"
#include "programme/person_row.hpp"

namespace crm::papers::store {

using soci::into;
using soci::use;
using ll = long long;

namespace {

long milestone_order(const std::string& kind) {
  for (long i = 0; i < 3; ++i)
    if (kind == kMilestones[i]) return i;
  return 3;
}

// The paper columns every paper read takes, joined with its cohort and names.
constexpr const char* kPaperSelect =
    "SELECT p.id, p.cohort_id, c.programme_id, p.person_id, p.supervisor_id, p.status, "
    "p.created_at, p.updated_at, c.name, a.name, COALESCE(s.name, '') FROM paper p "
    "JOIN cohort c ON c.id = p.cohort_id JOIN person a ON a.id = p.person_id "
    "LEFT JOIN person s ON s.id = p.supervisor_id ";

Paper paper_of(const soci::row& r) {
  Paper p;
  p.id = db::get_int64(r, 0);
  p.cohort_id = db::get_int64(r, 1);
  p.programme_id = db::get_int64(r, 2);
  p.person_id = db::get_int64(r, 3);
  p.supervisor_id = db::get_int64(r, 4);
  p.status = db::get_text(r, 5);
  p.created_at = db::get_int64(r, 6);
  p.updated_at = db::get_int64(r, 7);
  p.cohort_name = db::get_text(r, 8);
  p.author_name = db::get_text(r, 9);
  p.supervisor_name = db::get_text(r, 10);
  return p;
}

constexpr const char* kVersionColumns =
    "SELECT v.id, v.paper_id, v.number, v.milestone, v.filename, v.content_type, v.note, v.size, "
    "v.uploaded_at FROM paper_version v ";

Version version_of(const soci::row& r) {
  Version v;
  v.id = db::get_int64(r, 0);
  v.paper_id = db::get_int64(r, 1);
  v.number = static_cast<long>(db::get_int64(r, 2));
  v.milestone = db::get_text(r, 3);
  v.filename = db::get_text(r, 4);
  v.content_type = db::get_text(r, 5);
  v.note = db::get_text(r, 6);
  v.size = db::get_int64(r, 7);
  v.uploaded_at = db::get_int64(r, 8);
  return v;
}

// What belongs to papers chosen by `scope` (a condition on paper p with one
// bind :x): texts, tags, versions, comments, assessments with their scores.
// Each is one statement whatever the number of papers.
std::vector<std::pair<int64_t, PaperText>> texts_where(db::Session& db, const std::string& scope,
                                                       ll x) {
  db::Rows rows = (db.sql().prepare << "SELECT t.paper_id, t.language, t.title, t.abstract FROM "
                                       "paper_text t JOIN paper p ON p.id = t.paper_id WHERE " +
                                           scope + " ORDER BY t.paper_id, t.language",
                   use(x));
  std::vector<std::pair<int64_t, PaperText>> out;
  for (const auto& r : rows)
    out.emplace_back(db::get_int64(r, 0),
                     PaperText{db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3)});
  return out;
}

std::vector<std::pair<int64_t, Tag>> tags_where(db::Session& db, const std::string& scope, ll x) {
  db::Rows rows = (db.sql().prepare << "SELECT t.paper_id, t.kind, t.value FROM paper_tag t "
                                       "JOIN paper p ON p.id = t.paper_id WHERE " +
                                           scope + " ORDER BY t.paper_id, t.kind, t.value",
                   use(x));
  std::vector<std::pair<int64_t, Tag>> out;
  for (const auto& r : rows)
    out.emplace_back(db::get_int64(r, 0), Tag{db::get_text(r, 1), db::get_text(r, 2)});
  return out;
}

std::vector<Version> versions_where(db::Session& db, const std::string& scope, ll x) {
  db::Rows rows = (db.sql().prepare << std::string(kVersionColumns) +
                                           "JOIN paper p ON p.id = v.paper_id WHERE " + scope +
                                           " ORDER BY v.paper_id, v.number DESC",
                   use(x));
  std::vector<Version> out;
  for (const auto& r : rows) out.push_back(version_of(r));
  return out;
}

std::vector<std::pair<int64_t, Comment>> comments_where(db::Session& db, const std::string& scope,
                                                        ll x) {
  db::Rows rows =
      (db.sql().prepare << "SELECT v.paper_id, m.id, m.version_id, COALESCE(m.author_id, 0), "
                           "COALESCE(a.name, ''), m.body, m.created_at FROM paper_comment m "
                           "JOIN paper_version v ON v.id = m.version_id "
                           "JOIN paper p ON p.id = v.paper_id "
                           "LEFT JOIN account a ON a.id = m.author_id WHERE " +
                               scope + " ORDER BY m.created_at, m.id",
       use(x));
  std::vector<std::pair<int64_t, Comment>> out;
  for (const auto& r : rows) {
    Comment c;
    c.id = db::get_int64(r, 1);
    c.version_id = db::get_int64(r, 2);
    c.author_account_id = db::get_int64(r, 3);
    c.author_name = db::get_text(r, 4);
    c.body = db::get_text(r, 5);
    c.created_at = db::get_int64(r, 6);
    out.emplace_back(db::get_int64(r, 0), std::move(c));
  }
  return out;
}

std::vector<Assessment> assessments_where(db::Session& db, const std::string& scope, ll x) {
  std::vector<Assessment> out;
  {
    db::Rows rows =
        (db.sql().prepare << "SELECT s.id, s.paper_id, s.version_id, v.number, s.decision, "
                             "s.feedback, COALESCE(a.name, ''), s.assessed_at "
                             "FROM paper_assessment s JOIN paper p ON p.id = s.paper_id "
                             "JOIN paper_version v ON v.id = s.version_id "
                             "LEFT JOIN account a ON a.id = s.assessed_by WHERE " +
                                 scope + " ORDER BY s.assessed_at DESC, s.id DESC",
         use(x));
    for (const auto& r : rows) {
      Assessment a;
      a.id = db::get_int64(r, 0);
      a.paper_id = db::get_int64(r, 1);
      a.version_id = db::get_int64(r, 2);
      a.version_number = static_cast<long>(db::get_int64(r, 3));
      a.decision = db::get_text(r, 4);
      a.feedback = db::get_text(r, 5);
      a.assessor_name = db::get_text(r, 6);
      a.assessed_at = db::get_int64(r, 7);
      out.push_back(std::move(a));
    }
  }
  if (out.empty()) return out;
  std::map<int64_t, Assessment*> by_id;
  for (auto& a : out) by_id[a.id] = &a;
  db::Rows rows =
      (db.sql().prepare << "SELECT x.assessment_id, x.criterion_id, c.title, x.score, c.scale_max "
                           "FROM paper_assessment_score x "
                           "JOIN paper_assessment s ON s.id = x.assessment_id "
                           "JOIN paper p ON p.id = s.paper_id "
                           "JOIN rubric_criterion c ON c.id = x.criterion_id WHERE " +
                               scope + " ORDER BY c.position, c.id",
       use(x));
  for (const auto& r : rows)
    if (auto it = by_id.find(db::get_int64(r, 0)); it != by_id.end())
      it->second->scores.push_back({db::get_int64(r, 1), db::get_text(r, 2),
                                    static_cast<long>(db::get_int64(r, 3)),
                                    static_cast<long>(db::get_int64(r, 4))});
  return out;
}

}  // namespace

int64_t person_of_account(db::Session& db, int64_t account_id) {
  if (!account_id) return 0;
  ll a = account_id, id = 0;
  db.sql() << "SELECT id FROM person WHERE account_id = :a AND merged_into IS NULL AND "
              "erased_at IS NULL",
      use(a), into(id);
  return db.sql().got_data() ? id : 0;
}

// ------------------------------------------------------------ milestones, rubric

std::vector<Milestone> list_milestones(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT kind, due_at FROM paper_milestone WHERE cohort_id = :c", use(c));
  std::vector<Milestone> out;
  for (const auto& r : rows) out.push_back({db::get_text(r, 0), db::get_int64(r, 1)});
  std::sort(out.begin(), out.end(), [](const Milestone& a, const Milestone& b) {
    return milestone_order(a.kind) < milestone_order(b.kind);
  });
  return out;
}

std::vector<std::pair<int64_t, Milestone>> milestones_of_cohorts(db::Session& db,
                                                                 const std::vector<int64_t>& ids) {
  std::vector<std::pair<int64_t, Milestone>> out;
  if (ids.empty()) return out;
  std::string list;
  for (auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  db::Rows rows = (db.sql().prepare << "SELECT cohort_id, kind, due_at FROM paper_milestone "
                                       "WHERE cohort_id IN (" +
                                           list + ")");
  for (const auto& r : rows)
    out.emplace_back(db::get_int64(r, 0), Milestone{db::get_text(r, 1), db::get_int64(r, 2)});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first
                              : milestone_order(a.second.kind) < milestone_order(b.second.kind);
  });
  return out;
}

void save_milestone(db::Session& db, int64_t cohort_id, const std::string& kind, int64_t due_at) {
  ll c = cohort_id, d = due_at;
  db.sql() << "INSERT INTO paper_milestone (cohort_id, kind, due_at) VALUES (:c, :k, :d) "
              "ON CONFLICT (cohort_id, kind) DO UPDATE SET due_at = excluded.due_at",
      use(c), use(kind), use(d);
}

void delete_milestone(db::Session& db, int64_t cohort_id, const std::string& kind) {
  ll c = cohort_id;
  db.sql() << "DELETE FROM paper_milestone WHERE cohort_id = :c AND kind = :k", use(c), use(kind);
}

namespace {
constexpr const char* kCriterionSelect =
    "SELECT c.id, c.cohort_id, c.position, c.title, c.description, c.scale_max, "
    "CASE WHEN EXISTS (SELECT 1 FROM paper_assessment_score x WHERE x.criterion_id = c.id) "
    "THEN 1 ELSE 0 END FROM rubric_criterion c ";

Criterion criterion_of(const soci::row& r) {
  Criterion c;
  c.id = db::get_int64(r, 0);
  c.cohort_id = db::get_int64(r, 1);
  c.position = static_cast<long>(db::get_int64(r, 2));
  c.title = db::get_text(r, 3);
  c.description = db::get_text(r, 4);
  c.scale_max = static_cast<long>(db::get_int64(r, 5));
  c.used = db::get_int64(r, 6) != 0;
  return c;
}
}  // namespace

std::vector<Criterion> list_criteria(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id;
  db::Rows rows = (db.sql().prepare << std::string(kCriterionSelect) +
                                           "WHERE c.cohort_id = :c ORDER BY c.position, c.id",
                   use(c));
  std::vector<Criterion> out;
  for (const auto& r : rows) out.push_back(criterion_of(r));
  return out;
}

std::optional<Criterion> find_criterion(db::Session& db, int64_t id) {
  ll i = id;
  db::Rows rows = (db.sql().prepare << std::string(kCriterionSelect) + "WHERE c.id = :i", use(i));
  for (const auto& r : rows) return criterion_of(r);
  return std::nullopt;
}

int64_t insert_criterion(db::Session& db, const Criterion& c, int64_t now) {
  ll cohort = c.cohort_id, pos = c.position, max = c.scale_max, t = now, id = 0;
  db.sql() << "INSERT INTO rubric_criterion (cohort_id, position, title, description, scale_max, "
              "created_at) VALUES (:c, :p, :t, :d, :m, :at) RETURNING id",
      use(cohort), use(pos), use(c.title), use(c.description), use(max), use(t), into(id);
  return id;
}

void update_criterion(db::Session& db, const Criterion& c) {
  ll id = c.id, pos = c.position, max = c.scale_max;
  db.sql() << "UPDATE rubric_criterion SET position = :p, title = :t, description = :d, "
              "scale_max = :m WHERE id = :i",
      use(pos), use(c.title), use(c.description), use(max), use(id);
}

bool delete_unused_criterion(db::Session& db, int64_t id) {
  ll i = id, i2 = id;
  db.sql() << "DELETE FROM rubric_criterion WHERE id = :i AND NOT EXISTS (SELECT 1 FROM "
              "paper_assessment_score x WHERE x.criterion_id = :i2)",
      use(i), use(i2);
  return db.sql().affected_rows() > 0;
}

// ------------------------------------------------------------ people

std::vector<Participant> cohort_participants(db::Session& db, int64_t cohort_id) {
  ll c = cohort_id, c2 = cohort_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT p.id, p.name, CASE WHEN EXISTS (SELECT 1 FROM paper x WHERE "
                           "x.cohort_id = :c2 AND x.person_id = p.id) THEN 1 ELSE 0 END "
                           "FROM person p WHERE p.erased_at IS NULL AND p.merged_into IS NULL "
                           "AND p.id IN (SELECT e.person_id FROM enrolment e WHERE e.cohort_id = "
                           ":c AND e.role = 'participant' AND e.status IN " +
                               programme::taking_part_sql() + ") ORDER BY p.name, p.id",
       use(c2), use(c));
  std::vector<Participant> out;
  for (const auto& r : rows)
    out.push_back({db::get_int64(r, 0), db::get_text(r, 1), db::get_int64(r, 2) != 0});
  return out;
}

std::vector<Supervisor> supervisor_candidates(db::Session& db, int64_t cohort_id,
                                              int64_t programme_id) {
  ll c = cohort_id, g = programme_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT p.id, p.name FROM person p WHERE p.erased_at IS NULL AND "
                           "p.merged_into IS NULL AND (p.id IN (SELECT e.person_id FROM "
                           "enrolment e WHERE e.cohort_id = :c AND e.role = 'lecturer' AND "
                           "e.status IN " +
                               programme::taking_part_sql() +
                               ") OR p.account_id IN (SELECT s.account_id FROM programme_staff s "
                               "WHERE s.programme_id = :g)) ORDER BY p.name, p.id",
       use(c), use(g));
  std::vector<Supervisor> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

std::optional<Recipient> recipient(db::Session& db, int64_t person_id) {
  ll p = person_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT p.id, p.name, COALESCE(NULLIF(p.email, ''), a.email, ''), "
                           "COALESCE(a.language, p.languages, ''), "
                           "COALESCE(a.time_zone, p.time_zone, '') FROM person p "
                           "LEFT JOIN account a ON a.id = p.account_id "
                           "WHERE p.id = :p AND p.erased_at IS NULL",
       use(p));
  for (const auto& r : rows) {
    Recipient x{db::get_int64(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3),
                db::get_text(r, 4)};
    if (auto comma = x.language.find(','); comma != std::string::npos) x.language.resize(comma);
    if (x.email.empty()) return std::nullopt;
    return x;
  }
  return std::nullopt;
}

std::vector<PersonName> cohorts_to_start(db::Session& db, int64_t person_id) {
  ll p = person_id, p2 = person_id;
  db::Rows rows =
      (db.sql().prepare << "SELECT c.id, c.name FROM cohort c JOIN enrolment e ON e.cohort_id = "
                           "c.id WHERE e.person_id = :p AND e.role = 'participant' AND e.status "
                           "IN " +
                               programme::taking_part_sql() +
                               " AND EXISTS (SELECT 1 FROM paper_milestone m WHERE m.cohort_id = "
                               "c.id) AND NOT EXISTS (SELECT 1 FROM paper x WHERE x.cohort_id = "
                               "c.id AND x.person_id = :p2) ORDER BY c.starts_on DESC, c.id",
       use(p), use(p2));
  std::vector<PersonName> out;
  for (const auto& r : rows) out.push_back({db::get_int64(r, 0), db::get_text(r, 1)});
  return out;
}

// ------------------------------------------------------------ papers

std::optional<Paper> find_paper(db::Session& db, int64_t id) {
  ll i = id;
  std::optional<Paper> out;
  {
    db::Rows rows = (db.sql().prepare << std::string(kPaperSelect) + "WHERE p.id = :i", use(i));
    for (const auto& r : rows) out = paper_of(r);
  }
  if (!out) return out;
  for (auto& [_, t] : texts_where(db, "p.id = :x", i)) out->texts.push_back(std::move(t));
  for (auto& [_, t] : tags_where(db, "p.id = :x", i)) out->tags.push_back(std::move(t));
  return out;
}

std::optional<int64_t> insert_paper(db::Session& db, int64_t cohort_id, int64_t person_id,
                                    int64_t supervisor_id, int64_t now) {
  ll c = cohort_id, p = person_id, s = supervisor_id, t = now, t2 = now, id = 0;
  soci::indicator si = supervisor_id ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO paper (cohort_id, person_id, supervisor_id, status, created_at, "
              "updated_at) VALUES (:c, :p, :s, 'draft', :t, :t2) "
              "ON CONFLICT (cohort_id, person_id) DO NOTHING RETURNING id",
      use(c), use(p), use(s, si), use(t), use(t2), into(id);
  if (!db.sql().got_data()) return std::nullopt;
  return id;
}

void set_supervisor(db::Session& db, int64_t paper_id, int64_t supervisor_id, int64_t now) {
  ll i = paper_id, s = supervisor_id, t = now;
  soci::indicator si = supervisor_id ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE paper SET supervisor_id = :s, updated_at = :t WHERE id = :i", use(s, si),
      use(t), use(i);
}

void set_status(db::Session& db, int64_t paper_id, const std::string& status, int64_t now) {
  ll i = paper_id, t = now;
  db.sql() << "UPDATE paper SET status = :s, updated_at = :t WHERE id = :i", use(status), use(t),
      use(i);
}

void replace_texts(db::Session& db, int64_t paper_id, const std::vector<PaperText>& texts,
                   int64_t now) {
  ll i = paper_id, t = now;
  db.sql() << "DELETE FROM paper_text WHERE paper_id = :i", use(i);
  for (const auto& x : texts)
    db.sql() << "INSERT INTO paper_text (paper_id, language, title, abstract) VALUES (:i, :l, "
                ":t, :a)",
        use(i), use(x.language), use(x.title), use(x.abstract);
  db.sql() << "UPDATE paper SET updated_at = :t WHERE id = :i", use(t), use(i);
}

void replace_tags(db::Session& db, int64_t paper_id, const std::vector<Tag>& tags) {
  ll i = paper_id;
  db.sql() << "DELETE FROM paper_tag WHERE paper_id = :i", use(i);
  for (const auto& x : tags)
    db.sql() << "INSERT INTO paper_tag (paper_id, kind, value) VALUES (:i, :k, :v) "
                "ON CONFLICT DO NOTHING",
        use(i), use(x.kind), use(x.value);
}

std::vector<PaperRow> list_rows(db::Session& db, ListScope scope, int64_t id, int64_t person,
                                const std::string& language) {
  std::string where;
  switch (scope) {
    case ListScope::cohort:
      where = "p.cohort_id = :x";
      break;
    case ListScope::cohort_supervised:
      where = "p.cohort_id = :x AND p.supervisor_id = " + std::to_string(person);
      break;
    case ListScope::author:
      where = "p.person_id = :x";
      break;
    case ListScope::supervisor:
      where = "p.supervisor_id = :x";
      break;
  }
  ll x = id;
  std::vector<PaperRow> out;
  {
    db::Rows rows =
        (db.sql().prepare
             << "SELECT p.id, p.cohort_id, p.person_id, COALESCE(p.supervisor_id, 0), c.name, "
                "a.name, COALESCE(s.name, ''), p.status, COALESCE(MAX(v.number), 0), "
                "COALESCE(MAX(v.uploaded_at), 0), "
                "MAX(CASE WHEN v.milestone = 'proposal' THEN 1 ELSE 0 END), "
                "MAX(CASE WHEN v.milestone = 'draft' THEN 1 ELSE 0 END), "
                "MAX(CASE WHEN v.milestone = 'final' THEN 1 ELSE 0 END) "
                "FROM paper p JOIN cohort c ON c.id = p.cohort_id "
                "JOIN person a ON a.id = p.person_id LEFT JOIN person s ON s.id = p.supervisor_id "
                "LEFT JOIN paper_version v ON v.paper_id = p.id WHERE " +
                    where +
                    " GROUP BY p.id, p.cohort_id, p.person_id, p.supervisor_id, c.name, a.name, "
                    "s.name, p.status, c.starts_on ORDER BY c.starts_on DESC, a.name, p.id",
         use(x));
    for (const auto& r : rows) {
      PaperRow p;
      p.id = db::get_int64(r, 0);
      p.cohort_id = db::get_int64(r, 1);
      p.person_id = db::get_int64(r, 2);
      p.supervisor_id = db::get_int64(r, 3);
      p.cohort_name = db::get_text(r, 4);
      p.author_name = db::get_text(r, 5);
      p.supervisor_name = db::get_text(r, 6);
      p.status = db::get_text(r, 7);
      p.versions = static_cast<long>(db::get_int64(r, 8));
      p.last_upload_at = db::get_int64(r, 9);
      for (int k = 0; k < 3; ++k) p.has_milestone[k] = db::get_int64(r, 10 + k) != 0;
      out.push_back(std::move(p));
    }
  }
  if (out.empty()) return out;
  std::map<int64_t, PaperRow*> by_id;
  for (auto& p : out) by_id[p.id] = &p;
  for (auto& [paper, t] : texts_where(db, where, x)) {
    auto it = by_id.find(paper);
    if (it == by_id.end()) continue;
    auto& row = *it->second;
    // The reader's language first, then English, then the first there is.
    auto rank = [&](const std::string& l) { return l == language ? 0 : l == "en" ? 1 : 2; };
    if (row.title_language.empty() || rank(t.language) < rank(row.title_language)) {
      row.title = t.title;
      row.title_language = t.language;
    }
  }
  return out;
}

// ------------------------------------------------------------ versions

std::vector<Version> list_versions(db::Session& db, int64_t paper_id) {
  return versions_where(db, "p.id = :x", paper_id);
}

std::optional<VersionFile> find_version(db::Session& db, int64_t id, bool with_data) {
  ll i = id;
  std::optional<VersionFile> out;
  {
    db::Rows rows = (db.sql().prepare << std::string(kVersionColumns) + "WHERE v.id = :i", use(i));
    for (const auto& r : rows) out = VersionFile{version_of(r), {}};
  }
  if (!out || !with_data) return out;
  std::string data;
  soci::indicator ind = soci::i_ok;
  db.sql() << "SELECT data FROM paper_version WHERE id = :i", use(i), into(data, ind);
  if (ind != soci::i_null) out->data = db::blob_value(db, std::move(data));
  return out;
}

int64_t insert_version(db::Session& db, const Version& v, const std::string& data,
                       int64_t uploaded_by, int64_t now) {
  ll p = v.paper_id, p2 = v.paper_id, size = v.size, by = uploaded_by, t = now, id = 0;
  soci::indicator bi = uploaded_by ? soci::i_ok : soci::i_null;
  std::string bytes = db::blob_param(db, data);
  db.sql() << "INSERT INTO paper_version (paper_id, number, milestone, filename, content_type, "
              "size, data, note, uploaded_by, uploaded_at) VALUES (:p, (SELECT COALESCE(MAX("
              "number), 0) + 1 FROM paper_version WHERE paper_id = :p2), :m, :f, :ct, :size, "
              ":data, :note, :by, :t) RETURNING id",
      use(p), use(p2), use(v.milestone), use(v.filename), use(v.content_type), use(size),
      use(bytes), use(v.note), use(by, bi), use(t), into(id);
  return id;
}

// ------------------------------------------------------------ supervision

std::vector<Comment> list_comments(db::Session& db, int64_t paper_id) {
  std::vector<Comment> out;
  for (auto& [_, c] : comments_where(db, "p.id = :x", paper_id)) out.push_back(std::move(c));
  return out;
}

int64_t insert_comment(db::Session& db, int64_t version_id, int64_t author_account,
                       const std::string& body, int64_t now) {
  ll v = version_id, a = author_account, t = now, id = 0;
  soci::indicator ai = author_account ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO paper_comment (version_id, author_id, body, created_at) VALUES (:v, "
              ":a, :b, :t) RETURNING id",
      use(v), use(a, ai), use(body), use(t), into(id);
  return id;
}

std::vector<Assessment> list_assessments(db::Session& db, int64_t paper_id) {
  return assessments_where(db, "p.id = :x", paper_id);
}

int64_t insert_assessment(db::Session& db, const Assessment& a, int64_t by_account, int64_t now) {
  ll p = a.paper_id, v = a.version_id, by = by_account, t = now, id = 0;
  soci::indicator bi = by_account ? soci::i_ok : soci::i_null;
  db.sql() << "INSERT INTO paper_assessment (paper_id, version_id, decision, feedback, "
              "assessed_by, assessed_at) VALUES (:p, :v, :d, :f, :by, :t) RETURNING id",
      use(p), use(v), use(a.decision), use(a.feedback), use(by, bi), use(t), into(id);
  return id;
}

void insert_score(db::Session& db, int64_t assessment_id, int64_t criterion_id, long score) {
  ll a = assessment_id, c = criterion_id, s = score;
  db.sql() << "INSERT INTO paper_assessment_score (assessment_id, criterion_id, score) VALUES "
              "(:a, :c, :s)",
      use(a), use(c), use(s);
}

// ------------------------------------------------------------ personal data

std::vector<PersonalPaper> papers_of_person(db::Session& db, int64_t person_id) {
  ll x = person_id;
  const std::string scope = "p.person_id = :x";
  std::vector<PersonalPaper> out;
  {
    db::Rows rows = (db.sql().prepare << std::string(kPaperSelect) + "WHERE " + scope +
                                             " ORDER BY p.created_at, p.id",
                     use(x));
    for (const auto& r : rows) out.push_back({paper_of(r), {}, {}, {}});
  }
  if (out.empty()) return out;
  auto find = [&](int64_t id) -> PersonalPaper* {
    for (auto& p : out)
      if (p.paper.id == id) return &p;
    return nullptr;
  };
  for (auto& [id, t] : texts_where(db, scope, x))
    if (auto* p = find(id)) p->paper.texts.push_back(std::move(t));
  for (auto& [id, t] : tags_where(db, scope, x))
    if (auto* p = find(id)) p->paper.tags.push_back(std::move(t));
  for (auto& v : versions_where(db, scope, x))
    if (auto* p = find(v.paper_id)) p->versions.push_back(std::move(v));
  for (auto& [id, c] : comments_where(db, scope, x))
    if (auto* p = find(id)) p->comments.push_back(std::move(c));
  for (auto& a : assessments_where(db, scope, x))
    if (auto* p = find(a.paper_id)) p->assessments.push_back(std::move(a));
  return out;
}

}  // namespace crm::papers::store

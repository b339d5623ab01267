#include "search/documents_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <map>

#include "db/blob.hpp"

namespace crm::search {

using soci::into;
using soci::use;
using ll = long long;

namespace {

// Works are read 64 at a time through one statement text per kind of read:
// "IN (:i0, …, :i63)" with the unused places 0 (no row has id 0), so each text
// is prepared once per session.
constexpr size_t kBatch = 64;

std::string in_list() {
  std::string s = "(";
  for (size_t i = 0; i < kBatch; ++i) s += fmt::format("{}:i{}", i ? ", " : "", i);
  return s + ")";
}

struct Batch {
  ll v[kBatch] = {};
};

db::Rows rows_for(db::Session& db, const std::string& sql, Batch& b) {
  auto p = db.sql().prepare << sql;
  for (size_t i = 0; i < kBatch; ++i) p, use(b.v[i]);
  return db::Rows(p);
}

int year_of(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm.tm_year + 1900;
}

// Cap of one text kept for the index (a long file's text beyond it is not
// searched).
constexpr size_t kTextCap = 200 * 1024;

std::string capped(std::string s) {
  if (s.size() <= kTextCap) return s;
  size_t n = kTextCap;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // whole characters
  s.resize(n);
  return s;
}

void add_name(WorkDocument& d, const std::string& name, const std::string& latin) {
  if (!name.empty()) d.names.push_back(name);
  if (!latin.empty() && latin != name) d.names.push_back(latin);
}

void finish(WorkDocument& d) {
  if (d.year == 0) d.year = year_of(d.date);
  d.facets.emplace_back("year", std::to_string(d.year));
  std::vector<std::string> langs;
  for (const auto& t : d.texts)
    if ((t.field == "title" || t.field == "abstract") &&
        std::find(langs.begin(), langs.end(), t.language) == langs.end())
      langs.push_back(t.language);
  for (const auto& l : langs) d.facets.emplace_back("language", l);
  std::sort(d.facets.begin(), d.facets.end());
  d.facets.erase(std::unique(d.facets.begin(), d.facets.end()), d.facets.end());
}

void load_tags(db::Session& db, const std::string& table, const std::string& column, Batch& b,
               std::map<int64_t, WorkDocument*>& by_id) {
  db::Rows rows = rows_for(
      db,
      fmt::format("SELECT {0}, kind, value FROM {1} WHERE {0} IN {2}", column, table, in_list()),
      b);
  for (const auto& r : rows) {
    auto it = by_id.find(db::get_int64(r, 0));
    if (it != by_id.end()) it->second->facets.emplace_back(db::get_text(r, 1), db::get_text(r, 2));
  }
}

void load_papers(db::Session& db, Batch& b, std::vector<WorkDocument>& out) {
  std::map<int64_t, WorkDocument*> by_id;
  std::map<int64_t, int64_t> pub_version;
  size_t first = out.size();
  {
    db::Rows rows = rows_for(
        db,
        "SELECT p.id, co.programme_id, p.cohort_id, p.updated_at, COALESCE(pm.name, pe.name), "
        "COALESCE(pm.name_latin, pe.name_latin), COALESCE(sm.name, s.name, ''), "
        "COALESCE(sm.name_latin, s.name_latin, ''), COALESCE(pub.id, 0), "
        "COALESCE(pub.published_at, 0), COALESCE(pub.withdrawn_at, 0), COALESCE(pub.version_id, 0) "
        // A merged person's works name the surviving record.
        "FROM paper p JOIN cohort co ON co.id = p.cohort_id JOIN person pe ON pe.id = p.person_id "
        "LEFT JOIN person pm ON pm.id = pe.merged_into "
        "LEFT JOIN person s ON s.id = p.supervisor_id LEFT JOIN person sm ON sm.id = s.merged_into "
        "LEFT JOIN publication pub ON pub.work_kind = 'paper' AND pub.work_id = p.id "
        "WHERE p.id IN " +
            in_list() + " ORDER BY p.id",
        b);
    for (const auto& r : rows) {
      WorkDocument d;
      d.kind = WorkKind::paper;
      d.id = db::get_int64(r, 0);
      d.programme_id = db::get_int64(r, 1);
      d.facets.emplace_back("cohort", std::to_string(db::get_int64(r, 2)));
      d.facets.emplace_back("kind", "paper");
      d.date = db::get_int64(r, 3);
      add_name(d, db::get_text(r, 4), db::get_text(r, 5));
      d.authors = db::get_text(r, 4);
      add_name(d, db::get_text(r, 6), db::get_text(r, 7));
      d.publication_id = db::get_int64(r, 8);
      d.published = d.publication_id != 0 && db::get_int64(r, 10) == 0;
      if (d.published) {
        d.date = db::get_int64(r, 9);
        d.year = year_of(d.date);
      }
      if (int64_t v = db::get_int64(r, 11)) pub_version[d.id] = v;
      out.push_back(std::move(d));
    }
  }
  for (size_t i = first; i < out.size(); ++i) by_id[out[i].id] = &out[i];
  if (by_id.empty()) return;
  {
    db::Rows rows = rows_for(db,
                             "SELECT paper_id, language, title, abstract FROM paper_text WHERE "
                             "paper_id IN " +
                                 in_list() + " ORDER BY paper_id, language",
                             b);
    for (const auto& r : rows) {
      auto it = by_id.find(db::get_int64(r, 0));
      if (it == by_id.end()) continue;
      auto& d = *it->second;
      auto lang = db::get_text(r, 1);
      d.titles.emplace_back(lang, db::get_text(r, 2));
      d.texts.push_back({"title", lang, db::get_text(r, 2)});
      auto abstract = db::get_text(r, 3);
      if (!abstract.empty()) d.texts.push_back({"abstract", lang, std::move(abstract)});
      if (d.language.empty()) d.language = lang;
    }
  }
  load_tags(db, "paper_tag", "paper_id", b, by_id);
  {
    // The published version's text, else the newest version that has text.
    db::Rows rows = rows_for(db,
                             "SELECT paper_id, id, extracted_text FROM paper_version WHERE "
                             "paper_id IN " +
                                 in_list() +
                                 " AND extracted_text IS NOT NULL AND extracted_text <> '' "
                                 "ORDER BY paper_id, number",
                             b);
    std::map<int64_t, std::string> text;  // paper → chosen text
    std::map<int64_t, bool> chosen_published;
    for (const auto& r : rows) {
      int64_t paper = db::get_int64(r, 0);
      auto pv = pub_version.find(paper);
      bool is_published = pv != pub_version.end() && pv->second == db::get_int64(r, 1);
      if (chosen_published[paper]) continue;  // the published version's text stays
      text[paper] = db::get_text(r, 2);       // newer versions come later
      if (is_published && by_id[paper]->published) chosen_published[paper] = true;
    }
    for (auto& [paper, t] : text) {
      auto& d = *by_id[paper];
      d.texts.push_back({"file", d.language.empty() ? "en" : d.language, capped(std::move(t))});
    }
  }
  for (size_t i = first; i < out.size(); ++i) finish(out[i]);
}

void load_projects(db::Session& db, Batch& b, std::vector<WorkDocument>& out) {
  std::map<int64_t, WorkDocument*> by_id;
  size_t first = out.size();
  {
    db::Rows rows =
        rows_for(db,
                 "SELECT pr.id, pr.programme_id, COALESCE(pa.cohort_id, 0), pr.title, pr.problem, "
                 "pr.summary, pr.language, pr.updated_at, COALESCE(pub.id, 0), "
                 "COALESCE(pub.published_at, 0), COALESCE(pub.withdrawn_at, 0) "
                 "FROM project pr LEFT JOIN paper pa ON pa.id = pr.paper_id "
                 "LEFT JOIN publication pub ON pub.work_kind = 'project' AND pub.work_id = pr.id "
                 "WHERE pr.id IN " +
                     in_list() + " ORDER BY pr.id",
                 b);
    for (const auto& r : rows) {
      WorkDocument d;
      d.kind = WorkKind::project;
      d.id = db::get_int64(r, 0);
      d.programme_id = db::get_int64(r, 1);
      if (int64_t c = db::get_int64(r, 2)) d.facets.emplace_back("cohort", std::to_string(c));
      d.facets.emplace_back("kind", "project");
      d.language = db::get_text(r, 6);
      d.titles.emplace_back(d.language, db::get_text(r, 3));
      d.texts.push_back({"title", d.language, db::get_text(r, 3)});
      for (int col : {5, 4}) {
        auto t = db::get_text(r, static_cast<size_t>(col));
        if (!t.empty()) d.texts.push_back({"abstract", d.language, std::move(t)});
      }
      d.date = db::get_int64(r, 7);
      d.publication_id = db::get_int64(r, 8);
      d.published = d.publication_id != 0 && db::get_int64(r, 10) == 0;
      if (d.published) {
        d.date = db::get_int64(r, 9);
        d.year = year_of(d.date);
      }
      out.push_back(std::move(d));
    }
  }
  for (size_t i = first; i < out.size(); ++i) by_id[out[i].id] = &out[i];
  if (by_id.empty()) return;
  {
    db::Rows rows =
        rows_for(db,
                 "SELECT m.project_id, COALESCE(pm.name, pe.name), "
                 "COALESCE(pm.name_latin, pe.name_latin) FROM project_member m "
                 "JOIN person pe ON pe.id = m.person_id "
                 "LEFT JOIN person pm ON pm.id = pe.merged_into WHERE m.project_id IN " +
                     in_list() +
                     // Published, a project is found under the lead who gave
                     // consent only; the other members were not asked.
                     " AND NOT EXISTS (SELECT 1 FROM publication u WHERE u.work_kind = 'project' "
                     "AND u.work_id = m.project_id AND u.withdrawn_at IS NULL "
                     "AND (u.consent_by IS NULL OR u.consent_by <> COALESCE(pe.account_id, 0)))"
                     " ORDER BY m.project_id, m.role, m.joined_at, pe.id",
                 b);
    for (const auto& r : rows) {
      auto it = by_id.find(db::get_int64(r, 0));
      if (it == by_id.end()) continue;
      auto& d = *it->second;
      add_name(d, db::get_text(r, 1), db::get_text(r, 2));
      if (!db::get_text(r, 1).empty())
        d.authors += (d.authors.empty() ? "" : ", ") + db::get_text(r, 1);
    }
  }
  load_tags(db, "project_tag", "project_id", b, by_id);
  for (size_t i = first; i < out.size(); ++i) finish(out[i]);
}

void load_resources(db::Session& db, Batch& b, std::vector<WorkDocument>& out) {
  std::map<int64_t, WorkDocument*> by_id;
  size_t first = out.size();
  {
    db::Rows rows = rows_for(
        db,
        "SELECT id, programme_id, kind, title, authors, publisher, COALESCE(year, 0), language, "
        "summary, COALESCE(extracted_text, ''), COALESCE(published_at, 0), updated_at "
        "FROM resource WHERE id IN " +
            in_list() + " ORDER BY id",
        b);
    for (const auto& r : rows) {
      WorkDocument d;
      d.kind = WorkKind::resource;
      d.id = db::get_int64(r, 0);
      d.programme_id = db::get_int64(r, 1);
      d.resource_kind = db::get_text(r, 2);
      d.facets.emplace_back("kind", d.resource_kind);
      d.language = db::get_text(r, 7);
      d.titles.emplace_back(d.language, db::get_text(r, 3));
      d.texts.push_back({"title", d.language, db::get_text(r, 3)});
      d.authors = db::get_text(r, 4);
      if (!d.authors.empty()) d.names.push_back(d.authors);
      if (!db::get_text(r, 5).empty()) d.names.push_back(db::get_text(r, 5));
      d.year = static_cast<int>(db::get_int64(r, 6));
      auto summary = db::get_text(r, 8);
      if (!summary.empty()) d.texts.push_back({"abstract", d.language, std::move(summary)});
      auto file = db::get_text(r, 9);
      if (!file.empty()) d.texts.push_back({"file", d.language, capped(std::move(file))});
      int64_t published = db::get_int64(r, 10);
      d.published = published != 0;
      d.date = published ? published : db::get_int64(r, 11);
      out.push_back(std::move(d));
    }
  }
  for (size_t i = first; i < out.size(); ++i) by_id[out[i].id] = &out[i];
  if (by_id.empty()) return;
  load_tags(db, "resource_tag", "resource_id", b, by_id);
  for (size_t i = first; i < out.size(); ++i) finish(out[i]);
}

}  // namespace

std::vector<WorkDocument> load_documents(db::Session& db, WorkKind kind,
                                         const std::vector<int64_t>& ids) {
  std::vector<WorkDocument> out;
  out.reserve(ids.size());
  for (size_t start = 0; start < ids.size(); start += kBatch) {
    Batch b;
    for (size_t i = 0; i < kBatch && start + i < ids.size(); ++i) b.v[i] = ids[start + i];
    switch (kind) {
      case WorkKind::paper:
        load_papers(db, b, out);
        break;
      case WorkKind::project:
        load_projects(db, b, out);
        break;
      case WorkKind::resource:
        load_resources(db, b, out);
        break;
    }
  }
  return out;
}

std::vector<int64_t> all_ids(db::Session& db, WorkKind kind) {
  std::vector<int64_t> ids;
  db::Rows rows = db.sql().prepare << fmt::format("SELECT id FROM {} ORDER BY id", to_string(kind));
  for (const auto& r : rows) ids.push_back(db::get_int64(r, 0));
  return ids;
}

std::vector<Change> changes_after(db::Session& db, int64_t after, int limit) {
  ll a = after, l = limit;
  std::vector<Change> out;
  db::Rows rows = (db.sql().prepare << "SELECT id, work_kind, work_id, changed_at FROM "
                                       "search_change WHERE id > :a ORDER BY id LIMIT :l",
                   use(a), use(l));
  for (const auto& r : rows) {
    Change c;
    c.id = db::get_int64(r, 0);
    if (!parse_work_kind(db::get_text(r, 1), c.kind)) continue;
    c.work_id = db::get_int64(r, 2);
    c.changed_at = db::get_int64(r, 3);
    out.push_back(c);
  }
  return out;
}

size_t count_works(db::Session& db) {
  ll n = 0;
  db.sql() << "SELECT (SELECT COUNT(*) FROM paper) + (SELECT COUNT(*) FROM project) + "
              "(SELECT COUNT(*) FROM resource)",
      into(n);
  return static_cast<size_t>(n);
}

int64_t last_change_id(db::Session& db) {
  ll id = 0;
  db.sql() << "SELECT COALESCE(MAX(id), 0) FROM search_change", into(id);
  return id;
}

FileToExtract file_to_extract(db::Session& db, bool paper_version, int64_t id) {
  FileToExtract f;
  ll i = id, work = 0;
  std::string type, data;
  soci::indicator ind = soci::i_ok;
  if (paper_version)
    db.sql() << "SELECT content_type, data, paper_id FROM paper_version WHERE id = :i", use(i),
        into(type), into(data, ind), into(work);
  else
    db.sql() << "SELECT content_type, data, id FROM resource WHERE id = :i", use(i), into(type),
        into(data, ind), into(work);
  if (!db.sql().got_data()) return f;
  f.found = true;
  f.content_type = type;
  f.work_id = work;
  if (ind != soci::i_null) f.data = db::blob_value(db, std::move(data));
  return f;
}

void store_extracted_text(db::Session& db, bool paper_version, int64_t id,
                          const std::string& text) {
  ll i = id;
  if (paper_version)
    db.sql() << "UPDATE paper_version SET extracted_text = :t WHERE id = :i", use(text), use(i);
  else
    db.sql() << "UPDATE resource SET extracted_text = :t WHERE id = :i", use(text), use(i);
}

}  // namespace crm::search

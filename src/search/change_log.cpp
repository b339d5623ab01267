#include "search/change_log.hpp"

#include <fmt/format.h>

#include <string>

#include "jobs/service.hpp"

namespace crm::search {

std::string_view to_string(WorkKind k) {
  switch (k) {
    case WorkKind::paper:
      return "paper";
    case WorkKind::project:
      return "project";
    case WorkKind::resource:
      return "resource";
  }
  return "paper";
}

bool parse_work_kind(std::string_view s, WorkKind& out) {
  for (auto k : {WorkKind::paper, WorkKind::project, WorkKind::resource}) {
    if (to_string(k) == s) {
      out = k;
      return true;
    }
  }
  return false;
}

void record_change(db::Session& db, WorkKind kind, int64_t work_id, int64_t now) {
  std::string k(to_string(kind));
  long long id = work_id, at = now;
  db.sql() << "INSERT INTO search_change (work_kind, work_id, changed_at) VALUES (:k, :i, :t)",
      soci::use(k), soci::use(id), soci::use(at);
}

void record_person_change(db::Session& db, int64_t person_id, int64_t now) {
  long long p = person_id, t = now;
  db.sql() << "INSERT INTO search_change (work_kind, work_id, changed_at) SELECT 'paper', id, :t "
              "FROM paper WHERE person_id = :p OR supervisor_id = :p2 ORDER BY id",
      soci::use(t), soci::use(p), soci::use(p);
  db.sql() << "INSERT INTO search_change (work_kind, work_id, changed_at) SELECT 'project', "
              "project_id, :t FROM project_member WHERE person_id = :p ORDER BY project_id",
      soci::use(t), soci::use(p);
}

void enqueue_extraction(db::Session& db, FileOwner owner, int64_t id, int64_t now) {
  std::string_view what = owner == FileOwner::paper_version ? "paper_version" : "resource";
  jobs::NewJob j;
  j.kind = std::string(kExtractJob);
  j.payload = fmt::format(R"({{"what":"{}","id":{}}})", what, id);
  // One extraction per file: a second upload of the same row is not possible,
  // and a replaced resource file gets a new key through its updated time.
  j.key = fmt::format("{}:{}:{}:{}", kExtractJob, what, id, now);
  jobs::enqueue(db, j, now);
}

}  // namespace crm::search

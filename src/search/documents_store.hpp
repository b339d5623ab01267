// What the search index shows of a work, read from the database: a paper
// (its texts, tags, author and supervisor, the extracted text of its file,
// its publication), a practice project (texts, tags, members, publication) or
// a curated resource. The index is derived data, so this reads the tables of
// papers, projects and resources directly (DESIGN.md).
//
// Reads in a fixed number of statements per 64 works.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "search/change_log.hpp"

namespace crm::search {

// One text of a work in one language ("title", "abstract", "file", …).
struct WorkText {
  std::string field;
  std::string language;
  std::string text;
};

struct WorkDocument {
  WorkKind kind = WorkKind::paper;
  int64_t id = 0;
  int64_t programme_id = 0;
  bool published = false;
  int64_t publication_id = 0;  // papers and projects: publication.id (0: none)
  int64_t date = 0;            // newest first: published, else last changed
  int year = 0;
  std::string resource_kind;                                // resources: report, manual, …
  std::string language;                                     // the work's main language
  std::vector<std::pair<std::string, std::string>> titles;  // language → title
  std::vector<std::string> names;  // people named in it (author, supervisor, members)
  std::string authors;             // for display
  std::vector<WorkText> texts;     // what is searched (titles, abstracts, file, …)
  std::vector<std::pair<std::string, std::string>> facets;  // facet → value
};

// The works of `kind` with these ids that exist (missing ones are left out:
// deleted).
std::vector<WorkDocument> load_documents(db::Session& db, WorkKind kind,
                                         const std::vector<int64_t>& ids);

// Every id of works of `kind`, ascending.
std::vector<int64_t> all_ids(db::Session& db, WorkKind kind);

// Papers, projects and resources in the database (the index holds one
// document each).
size_t count_works(db::Session& db);

// A change-log row.
struct Change {
  int64_t id = 0;
  WorkKind kind = WorkKind::paper;
  int64_t work_id = 0;
  int64_t changed_at = 0;
};
// Rows of search_change with id > after, oldest first, at most `limit`.
std::vector<Change> changes_after(db::Session& db, int64_t after, int limit);
// The newest change-log id (0: none).
int64_t last_change_id(db::Session& db);

// Texts written by an extraction job.
struct FileToExtract {
  std::string content_type;
  std::string data;
  int64_t work_id = 0;  // the paper or resource the file belongs to
  bool found = false;
};
FileToExtract file_to_extract(db::Session& db, bool paper_version, int64_t id);
// REQUIRES: an open transaction.
void store_extracted_text(db::Session& db, bool paper_version, int64_t id, const std::string& text);

}  // namespace crm::search

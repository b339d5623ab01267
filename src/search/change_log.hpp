// The search index's change log: what every write to a work must record.
//
// The index is derived data (DESIGN.md): each app server keeps its own Xapian
// index and applies the rows of search_change past the last one it has seen.
// So every transaction that changes what the index shows of a work — its
// texts, tags, file, supervisor, status, publication or consent, or the name
// of a person named in it (rename, erasure, merge) — calls record_change() in
// that same transaction. Forgetting it leaves the index stale until the next
// `crm reindex`.
//
// Files are turned into text by a job (pdftotext, odt2txt, docx2txt), never
// in a request: enqueue_extraction() after storing a paper version's or a
// resource's file.
//
// REQUIRES (every function): an open db::Transaction on `db`.
#pragma once

#include <cstdint>
#include <string_view>

#include "db/database.hpp"

namespace crm::search {

enum class WorkKind { paper, project, resource };

std::string_view to_string(WorkKind k);  // "paper", "project", "resource"
// nullopt-free parse for stored values: false when `s` names no kind.
bool parse_work_kind(std::string_view s, WorkKind& out);

// Appends a row to search_change for the work.
void record_change(db::Session& db, WorkKind kind, int64_t work_id, int64_t now);

// A change of every work that names the person (papers they wrote or
// supervise, projects they are a member of): after a rename, an erasure or a
// merge.
void record_person_change(db::Session& db, int64_t person_id, int64_t now);

// The job kind that extracts a file's text, and what it is given:
// payload {"what":"paper_version","id":N} or {"what":"resource","id":N}.
// The job writes extracted_text and records a change of the work.
inline constexpr std::string_view kExtractJob = "search.extract";
enum class FileOwner { paper_version, resource };
void enqueue_extraction(db::Session& db, FileOwner owner, int64_t id, int64_t now);

}  // namespace crm::search

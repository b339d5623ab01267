// SQL of publishing: what a paper or a practice project would make public
// (its texts, tags, author or team, cohort), its publication row (the
// author's consent: given, withdrawn, given again), and the public reads of a
// published work by its number. The only file of publishing with SQL; each
// function is one statement.
//
// Thread safety: none; a Session belongs to one worker. Writes REQUIRE an
// open db::Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::knowledge::store {

struct TextRow {
  std::string language, title, abstract;
};
struct TagRow {
  std::string kind, value;
};
struct NameRow {
  int64_t person_id = 0, account_id = 0;
  std::string name, name_latin;  // name empty: erased
  std::string role;              // projects: "lead" or "member"
};

// A paper as publishing sees it. accepted_version: the version the newest
// accepting assessment is about (0: none), with its file's name and size.
struct PaperRow {
  int64_t id = 0, cohort_id = 0, programme_id = 0;
  std::string status;
  NameRow author;
  std::string cohort_name;
  int64_t accepted_version = 0, file_size = 0;
  std::string file_name, content_type;
};
std::optional<PaperRow> find_paper(db::Session& db, int64_t paper_id);
std::vector<TextRow> paper_texts(db::Session& db, int64_t paper_id);
std::vector<TagRow> paper_tags(db::Session& db, int64_t paper_id);

struct ProjectRow {
  int64_t id = 0, programme_id = 0;
  std::string title, problem, summary, language;
};
std::optional<ProjectRow> find_project(db::Session& db, int64_t project_id);
// The team, the lead(s) first, then by name.
std::vector<NameRow> project_team(db::Session& db, int64_t project_id);
// The cohorts of the programme the team's participants take part in, by number.
std::vector<std::string> project_cohorts(db::Session& db, int64_t project_id, int64_t programme_id);
std::vector<TagRow> project_tags(db::Session& db, int64_t project_id);

// The programme's name in `language`, else in English, else any ("" when none).
std::string programme_name(db::Session& db, int64_t programme_id, const std::string& language);

struct PublicationRow {
  int64_t id = 0;
  std::string work_kind;  // "paper" or "project"
  int64_t work_id = 0, version_id = 0, consent_by = 0, consent_at = 0, published_at = 0;
  int64_t withdrawn_at = 0;  // 0: public
};
// The row of a work, withdrawn or not.
std::optional<PublicationRow> find_publication(db::Session& db, const std::string& work_kind,
                                               int64_t work_id);
// Work number `id` while it is public (not withdrawn).
std::optional<PublicationRow> find_public(db::Session& db, int64_t id);

// Creates the row, or revives a withdrawn one keeping its id (the public
// number) and its first publication date. Returns the id.
int64_t insert_publication(db::Session& db, const std::string& work_kind, int64_t work_id,
                           int64_t version_id, int64_t consent_by, int64_t now);
void revive_publication(db::Session& db, int64_t id, int64_t version_id, int64_t consent_by,
                        int64_t now);
// Sets withdrawn_at; false when it was not public.
bool withdraw_publication(db::Session& db, int64_t id, int64_t now);

// The published file of a public paper (work number `id`): nullopt when the
// work is withdrawn, not a paper, has no file or its paper is no longer accepted.
struct FileRow {
  std::string filename, content_type, data;
};
std::optional<FileRow> public_paper_file(db::Session& db, int64_t id);

// A curated resource while it is published.
struct ResourceRow {
  int64_t id = 0, programme_id = 0, year = 0, published_at = 0, size = 0;
  std::string kind, title, authors, publisher, language, summary, url, filename, content_type;
};
std::optional<ResourceRow> find_public_resource(db::Session& db, int64_t id);
std::vector<TagRow> resource_tags(db::Session& db, int64_t resource_id);
std::optional<FileRow> public_resource_file(db::Session& db, int64_t id);

// The publications of the person's own works: their papers and the projects
// they lead, withdrawn ones included, oldest first.
std::vector<PublicationRow> publications_of_person(db::Session& db, int64_t person_id);

// People named in works. Papers (as author or supervisor) and projects (as a
// member of the team) naming the person: ("paper"|"project", id).
std::vector<std::pair<std::string, int64_t>> works_naming(db::Session& db, int64_t person_id);
// A merge: the duplicate's papers pass to the survivor (except in a cohort
// where the survivor has one), so does their supervision, and their place in
// project teams (where the survivor is not in the team already).
void move_papers(db::Session& db, int64_t from, int64_t to);
void move_supervision(db::Session& db, int64_t from, int64_t to);
void move_memberships(db::Session& db, int64_t from, int64_t to);

// For the demo: accepted papers with a version to publish and no
// publication row yet (never consented, never withdrawn), and projects with
// a lead and no publication row, oldest first, at most `limit` of each.
struct Candidate {
  int64_t work_id = 0, version_id = 0, account_id = 0;  // account 0: the author has none
};
std::vector<Candidate> unpublished_accepted_papers(db::Session& db, long limit);
std::vector<Candidate> unpublished_projects(db::Session& db, long limit);

}  // namespace crm::knowledge::store

// Publishing with the author's consent: a final paper (by its author, once it
// is accepted) or a practice project (by its lead) becomes a public work of
// the knowledge base, and stops being one the moment the author withdraws.
//
// Who: papers::policy::can_publish_paper / can_publish_project. Anyone else —
// another participant, the supervisor, staff, someone of another programme —
// gets not_found (404): staff cannot publish for an author. Consent is asked
// explicitly (a checkbox); without it nothing changes.
//
// Writes: one transaction each, with an audit entry ("publication.consent",
// "publication.withdraw") and a search::record_change of the work, so every
// app server's index shows or drops it. Giving consent again after a
// withdrawal revives the same publication row: the work keeps its public
// number (/knowledge/works/{n}) and its first publication date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "knowledge/publication_store.hpp"
#include "search/change_log.hpp"
#include "web/context.hpp"

namespace crm::knowledge {

// What publishing a work makes public (the consent page lists exactly this,
// the public page shows it). Supervision (comments, assessments, feedback)
// is never part of it.
struct Work {
  search::WorkKind kind = search::WorkKind::paper;
  int64_t id = 0;  // the paper's or project's id
  int64_t programme_id = 0;
  std::string status;  // papers: paper.status
  // Titles and abstracts, one per language (a project: its one language,
  // its summary as the abstract).
  std::vector<store::TextRow> texts;
  std::string problem;                 // projects: the problem they address
  std::vector<store::NameRow> people;  // the author, or the team (lead first)
  std::vector<std::string> cohorts;
  std::string programme;  // its name in the reader's language
  std::vector<store::TagRow> tags;
  // Papers: the accepted version, whose file the public may download.
  int64_t version_id = 0, file_size = 0;
  std::string file_name, content_type;
};

// The work with everything publishing shows; nullopt when it does not exist.
// `language`: the reader's, for the programme's name. A fixed number of
// statements.
std::optional<Work> load_work(db::Session& db, search::WorkKind kind, int64_t id,
                              const std::string& language);

struct ConsentPage {
  Work work;
  // The paper is accepted (projects: always true): consent can be given.
  bool publishable = false;
  std::optional<store::PublicationRow> publication;  // withdrawn or not
  bool published() const { return publication && publication->withdrawn_at == 0; }
};

// The consent page of paper or project `id`; not_found unless the actor is
// its author (paper) or lead (project).
Result<ConsentPage> consent_page(web::Ctx& ctx, search::WorkKind kind, int64_t id);

// Gives consent and publishes; returns the public number. invalid (field
// "consent") without the checkbox; invalid when the paper is not accepted;
// conflict when it is public already. Nothing changes on any failure.
Result<int64_t> give_consent(web::Ctx& ctx, search::WorkKind kind, int64_t id, bool consent);

// Withdraws consent: the work leaves every public page at once. conflict
// when it is not public.
Status withdraw(web::Ctx& ctx, search::WorkKind kind, int64_t id);

// For the person's own data download: the publications of their papers and
// of the projects they lead (consent given, withdrawn). One statement.
std::vector<store::PublicationRow> own_publications(db::Session& db, int64_t person_id);

// Person `from` merged into `to`: from's papers (except in a cohort where `to`
// has one), supervision and places in project teams pass to `to`; every work
// naming either is recorded as changed, so it is found under the survivor.
void move_person_works(db::Session& db, int64_t from, int64_t to, int64_t now);

// "/papers/12" or "/projects/3"
std::string work_path(search::WorkKind kind, int64_t id);

}  // namespace crm::knowledge

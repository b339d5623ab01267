// SQL of final papers: the only file in papers/ (besides the projects') with
// SQL. Every function takes the open db::Session; writes expect the caller's
// transaction. Reads take their scope (cohort, paper, person) and put it in
// the WHERE; lists fetch related rows for all their papers at once (an IN
// list of ids), never a statement per paper.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "papers/model.hpp"

namespace crm::papers::store {

// The account's own person record (not merged, not erased); 0 when none.
int64_t person_of_account(db::Session& db, int64_t account_id);

// ------------------------------------------------------------ milestones, rubric

// The cohort's milestones in their order (proposal, draft, final).
std::vector<Milestone> list_milestones(db::Session& db, int64_t cohort_id);
// cohort id -> its milestones, for several cohorts in one statement.
std::vector<std::pair<int64_t, Milestone>> milestones_of_cohorts(db::Session& db,
                                                                 const std::vector<int64_t>& ids);
void save_milestone(db::Session& db, int64_t cohort_id, const std::string& kind, int64_t due_at);
void delete_milestone(db::Session& db, int64_t cohort_id, const std::string& kind);

// In the rubric's order, each with whether an assessment scored it.
std::vector<Criterion> list_criteria(db::Session& db, int64_t cohort_id);
std::optional<Criterion> find_criterion(db::Session& db, int64_t id);
int64_t insert_criterion(db::Session& db, const Criterion& c, int64_t now);
void update_criterion(db::Session& db, const Criterion& c);
// False when an assessment scored it (nothing is deleted then).
bool delete_unused_criterion(db::Session& db, int64_t id);

// ------------------------------------------------------------ people

struct PersonName {
  int64_t id = 0;
  std::string name;
};
// The cohort's participants taking part, by name, with whether they have a paper in it.
struct Participant {
  int64_t id = 0;
  std::string name;
  bool has_paper = false;
};
std::vector<Participant> cohort_participants(db::Session& db, int64_t cohort_id);
// Who may supervise the cohort's papers: people enrolled in it as lecturer
// (taking part) and the people of the programme team's accounts, by name.
std::vector<Supervisor> supervisor_candidates(db::Session& db, int64_t cohort_id,
                                              int64_t programme_id);
// The person's address and the language and zone they read in; nullopt
// when the person has no address (or is erased).
std::optional<Recipient> recipient(db::Session& db, int64_t person_id);
// The cohorts the person takes part in as participant that keep papers (have
// a milestone) and where the person has none yet.
std::vector<PersonName> cohorts_to_start(db::Session& db, int64_t person_id);

// ------------------------------------------------------------ papers

// The paper with its cohort's programme, names, texts and tags.
std::optional<Paper> find_paper(db::Session& db, int64_t id);
// A new paper in status draft; nullopt when the person has one in the cohort already.
std::optional<int64_t> insert_paper(db::Session& db, int64_t cohort_id, int64_t person_id,
                                    int64_t supervisor_id, int64_t now);
void set_supervisor(db::Session& db, int64_t paper_id, int64_t supervisor_id, int64_t now);
void set_status(db::Session& db, int64_t paper_id, const std::string& status, int64_t now);
void replace_texts(db::Session& db, int64_t paper_id, const std::vector<PaperText>& texts,
                   int64_t now);
void replace_tags(db::Session& db, int64_t paper_id, const std::vector<Tag>& tags);

// Lists, newest change first. `language`: the reader's, for the title shown.
enum class ListScope { cohort, cohort_supervised, author, supervisor };
// cohort: every paper of cohort `id`; cohort_supervised: those of cohort
// `id` that `person` supervises; author / supervisor: the papers of person `id`.
std::vector<PaperRow> list_rows(db::Session& db, ListScope scope, int64_t id, int64_t person,
                                const std::string& language);

// ------------------------------------------------------------ versions

std::vector<Version> list_versions(db::Session& db, int64_t paper_id);  // newest first
struct VersionFile {
  Version version;
  std::string data;
};
// The version's paper id is version.paper_id; data read only when `with_data`.
std::optional<VersionFile> find_version(db::Session& db, int64_t id, bool with_data);
// Numbered after the paper's last version.
int64_t insert_version(db::Session& db, const Version& v, const std::string& data,
                       int64_t uploaded_by, int64_t now);

// ------------------------------------------------------------ supervision

std::vector<Comment> list_comments(db::Session& db, int64_t paper_id);  // oldest first
int64_t insert_comment(db::Session& db, int64_t version_id, int64_t author_account,
                       const std::string& body, int64_t now);
std::vector<Assessment> list_assessments(db::Session& db, int64_t paper_id);  // newest first
int64_t insert_assessment(db::Session& db, const Assessment& a, int64_t by_account, int64_t now);
void insert_score(db::Session& db, int64_t assessment_id, int64_t criterion_id, long score);

// ------------------------------------------------------------ personal data

// Everything of the person's own papers (no file contents), in a fixed
// number of statements.
struct PersonalPaper {
  Paper paper;
  std::vector<Version> versions;
  std::vector<Comment> comments;
  std::vector<Assessment> assessments;
};
std::vector<PersonalPaper> papers_of_person(db::Session& db, int64_t person_id);

}  // namespace crm::papers::store

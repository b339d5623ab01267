// Final papers and their supervision: a cohort's milestones and rubric,
// starting papers and choosing supervisors, the paper's texts and tags, its
// versions, comments, assessments and decisions.
//
// Every function checks papers::policy first; what the actor may not see
// answers not_found (404), for writes too: another programme's staff, a
// participant asking for someone else's paper, a lecturer who does not
// supervise it. Every write is one transaction with its audit entry, its
// search::record_change (texts, tags, supervisor, status, a new version) and
// the mails it causes (to the supervisor on an upload, to the author on a
// supervisor's comment and on a decision), each in the recipient's language,
// queued in the same transaction. Bad input is `invalid` (field: the form
// field) and writes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "papers/model.hpp"
#include "papers/store.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::papers {

// The largest file a version may be.
constexpr int64_t kMaxVersionBytes = 20 * 1024 * 1024;

// What the milestones say of a paper: the next one due that no version
// answers yet, and whether one is overdue (its date passed, nothing
// uploaded for it, the paper not decided).
struct MilestoneState {
  std::optional<Milestone> next;
  std::vector<std::string> overdue;  // kinds
};
MilestoneState milestone_state(const std::vector<Milestone>& milestones, const bool answered[3],
                               const std::string& status, int64_t now);

// The content type of an uploaded paper file when it really is what its
// name says: a PDF (.pdf), a Word document (.docx, a zip holding
// word/document.xml), an OpenDocument text (.odt). invalid (field "file")
// otherwise, when empty, or larger than kMaxVersionBytes.
Result<std::string> paper_file_type(std::string_view filename, std::string_view bytes);

// ------------------------------------------------------------ lists

struct MyPapersPage {
  std::vector<PaperRow> own, supervised;
  std::vector<store::PersonName> can_start;  // cohorts where the actor may start their paper
  std::vector<std::pair<int64_t, Milestone>> milestones;  // of the listed papers' cohorts
};
// Everyone signed in; a person without papers gets empty lists.
Result<MyPapersPage> my_papers(web::Ctx& ctx);

struct CohortPapersPage {
  programme::Cohort cohort;
  std::vector<PaperRow> papers;
  std::vector<Milestone> milestones;
  bool can_manage = false;  // staff: settings, start papers, supervisors
};
// Staff: all papers; a lecturer of the programme: those they supervise.
Result<CohortPapersPage> cohort_papers(web::Ctx& ctx, int64_t cohort_id);

// ------------------------------------------------------------ settings

struct CriterionForm {
  std::string title, description, scale_max = "5", position;
};
struct SettingsPage {
  programme::Cohort cohort;
  std::vector<Milestone> milestones;
  std::vector<Criterion> criteria;
  std::string dates[3];     // the milestone dates as shown or typed (YYYY-MM-DD)
  CriterionForm criterion;  // the add form as typed
};
Result<SettingsPage> settings_page(web::Ctx& ctx, int64_t cohort_id);
// dates: YYYY-MM-DD or empty (no such milestone), due at the end of that day
// in the viewer's zone. invalid on "due_proposal" … when not a date.
Status save_milestones(web::Ctx& ctx, int64_t cohort_id, const std::string dates[3]);
// invalid: no title ("title"), too long, scale not a whole number 1..100
// ("scale_max"), position not a whole number ("position").
Result<int64_t> add_criterion(web::Ctx& ctx, int64_t cohort_id, const CriterionForm& form);
// Returns the cohort's id.
Result<int64_t> update_criterion(web::Ctx& ctx, int64_t criterion_id, const CriterionForm& form);
// invalid when an assessment already used it; returns the cohort's id.
Result<int64_t> delete_criterion(web::Ctx& ctx, int64_t criterion_id);

// ------------------------------------------------------------ starting papers

struct NewPaperPage {
  programme::Cohort cohort;
  std::vector<store::Participant> participants;  // those without a paper marked
  std::vector<Supervisor> supervisors;
  std::string participant, supervisor;  // as typed
};
Result<NewPaperPage> new_paper_page(web::Ctx& ctx, int64_t cohort_id);
// participant: a person id or "all" (everyone taking part without a paper).
// Returns how many papers were started. invalid: not a participant of the
// cohort ("participant"), one who has a paper here already ("participant"),
// "all" when everyone has one, a supervisor who is not a candidate ("supervisor").
Result<long> start_papers(web::Ctx& ctx, int64_t cohort_id, const std::string& participant,
                          const std::string& supervisor);
// A participant starts their own paper in a cohort they take part in that
// keeps papers (has a milestone); returns the paper's id. not_found otherwise;
// invalid when they have one there already.
Result<int64_t> start_own_paper(web::Ctx& ctx, int64_t cohort_id);
// Staff change the supervisor (empty: none). invalid: not a candidate.
Status change_supervisor(web::Ctx& ctx, int64_t paper_id, const std::string& supervisor);

// ------------------------------------------------------------ the paper

struct PaperPage {
  Paper paper;
  std::vector<Milestone> milestones;
  MilestoneState state;
  std::vector<Version> versions;        // newest first
  std::vector<Comment> comments;        // oldest first
  std::vector<Assessment> assessments;  // newest first
  std::vector<Supervisor> supervisors;  // to choose from (staff only)
  bool is_author = false, can_edit = false, can_upload = false, can_comment = false,
       can_assess = false, can_manage = false, can_publish = false;
};
Result<PaperPage> paper_page(web::Ctx& ctx, int64_t paper_id);

struct TextForm {
  std::string language, title, abstract;
};
struct PaperForm {
  std::vector<TextForm> texts;  // rows of the form; rows without title and abstract are dropped
  std::string topics;           // comma separated
  std::vector<std::string> countries, target_groups, dimensions, gcm;
};
struct EditPage {
  Paper paper;
  PaperForm form;
};
Result<EditPage> edit_page(web::Ctx& ctx, int64_t paper_id);
// invalid: no title in any language ("title_0"), a language that is not one
// of kTextLanguages or given twice ("language_N"), a text too long, more than
// 20 topics or one longer than 80 characters ("topics"), a country, target
// group, dimension or GCM objective that is not in its list. An author may
// not change a decided (accepted or rejected) paper.
Status update_paper(web::Ctx& ctx, int64_t paper_id, const PaperForm& form);

// ------------------------------------------------------------ versions

struct UploadForm {
  std::string milestone, note;
  std::optional<std::string> filename;
  std::string data;
};
// Returns the version's id. invalid: the milestone is not one of the
// cohort's ("milestone"); no file, an empty or too large one, one that is not
// what its name says ("file"); a note too long ("note"); a decided paper.
// Sets the status to submitted (from draft or revisions), mails the
// supervisor, queues the text extraction.
Result<int64_t> upload_version(web::Ctx& ctx, int64_t paper_id, const UploadForm& form);
Result<store::VersionFile> version_file(web::Ctx& ctx, int64_t version_id);

// ------------------------------------------------------------ supervision

// Returns the paper's id. invalid: an empty or too long comment ("body").
// Mails the author when someone else comments.
Result<int64_t> add_comment(web::Ctx& ctx, int64_t version_id, const std::string& body);

struct AssessForm {
  std::vector<std::pair<int64_t, std::string>> scores;  // criterion id -> as typed
  std::string feedback, decision;
};
struct AssessPage {
  Paper paper;
  Version version;  // the latest
  std::vector<Criterion> criteria;
  AssessForm form;
};
// not_found unless the actor may assess; invalid (field "") when nothing was uploaded yet.
Result<AssessPage> assess_page(web::Ctx& ctx, int64_t paper_id);
// invalid: a criterion without a score or a score out of 0..scale_max
// ("score_<id>"), no decision or an unknown one ("decision"), feedback too long.
// Sets the paper's status to the decision and mails the author.
Status assess(web::Ctx& ctx, int64_t paper_id, const AssessForm& form);

// ------------------------------------------------------------ personal data

// The person's own papers for their data download (no file contents).
std::vector<store::PersonalPaper> personal_papers(db::Session& db, int64_t person_id);

}  // namespace crm::papers

// The review of a call's applications (issue 13 §3): staff invite reviewers
// and assign applications (by hand or evenly at random, assign.hpp), a
// reviewer scores the applications assigned to them on the call's rubric —
// blind in the first stage (blinding.hpp decides what they see) —, staff
// follow the progress, the spread of scores and where reviewers disagree, and
// a job reminds reviewers of overdue reviews.
//
// Who sees what: staff of the call's programme (policy::can_manage_calls)
// everything; a reviewer only their own assignments (the store scopes every
// read by account), 404 for anything else.
//
// Disagreement: each submitted review has a weighted score (Σ weight ×
// score / Σ weight over the rubric's criteria). The reviewers of an
// application disagree strongly when the range of their weighted scores
// (highest minus lowest) is more than kDisagreementShare of the rubric's
// weighted scale (Σ weight × (max − min) / Σ weight): with a 1–5 scale, more
// than 1.6 points apart.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admissions/assign.hpp"
#include "admissions/model.hpp"
#include "admissions/review_store.hpp"
#include "core/result.hpp"
#include "jobs/runner.hpp"
#include "web/assets.hpp"
#include "web/context.hpp"

namespace crm::admissions::review {

constexpr double kDisagreementShare = 0.4;
constexpr size_t kMaxComment = 5000, kMaxReason = 1000;
constexpr std::string_view kReminderJob = "admissions.review_reminder";
constexpr int64_t kReminderInterval = 86400;  // at most one reminder a day per assignment

// ------------------------------------------------------------------ staff

struct ReviewerForm {
  std::string email, name, organisation, country, language = "en", role = "lecturer";
};

struct ReviewersPage {
  review_store::CallInfo call;
  std::vector<review_store::ReviewerRow> reviewers;
  std::vector<review_store::InvitedReviewer> invited;      // no account yet
  std::map<int64_t, long> load;                            // account → assignments in this call
  std::vector<review_store::ApplicationRef> applications;  // submitted, for assigning by hand
  ReviewerForm form;
};
Result<ReviewersPage> reviewers_page(web::Ctx& ctx, int64_t call_id);

enum class Added { reviewer, invited };
// An existing account (lecturer, staff, admin or stakeholder) becomes a
// reviewer of the call; an address without an account gets an ordinary
// invitation (auth::invite), and what staff said of them waits in
// call_reviewer_invitation. Once the address has an account that may review,
// the reviewer joins the call the next time staff open its reviewers page or
// assign (so nobody has to remember to add them); an account that may not
// review stays listed as invited, with the reason.
Result<Added> add_reviewer(web::Ctx& ctx, int64_t call_id, const ReviewerForm& f);
Status remove_reviewer(web::Ctx& ctx, int64_t call_id, int64_t account_id);

struct Assigned {
  long added = 0;
  std::vector<assign::Uncovered> uncovered;
};
// Every submitted application gets the call's number of stage-1 reviewers
// (and, with a second stage, as many stage-2 ones), evenly at random.
Result<Assigned> assign_evenly(web::Ctx& ctx, int64_t call_id, uint64_t seed);
// One reviewer for one application, by hand: the same rules.
Status assign_by_hand(web::Ctx& ctx, int64_t call_id, int64_t application_id, int64_t account_id,
                      int stage);

// Progress, scores, spread and disagreement.
struct ReviewerProgress {
  int64_t account = 0;
  std::string name;
  long due = 0, done = 0, overdue = 0;
};
struct ApplicationProgress {
  int64_t application = 0;
  std::string applicant;
  long reviewers = 0, due = 0, done = 0, overdue = 0;
  std::optional<double> score;  // mean weighted score of the submitted reviews
  double spread = 0;            // highest minus lowest weighted score
  bool disagree = false;
  std::vector<double> review_scores;
};
struct ProgressPage {
  review_store::CallInfo call;
  std::vector<Criterion> criteria;
  std::vector<ReviewerProgress> reviewers;
  std::vector<ApplicationProgress> applications;
  double threshold = 0;  // a spread above this is a strong disagreement
};
Result<ProgressPage> progress_page(web::Ctx& ctx, int64_t call_id);

// ---------------------------------------------------------------- reviewer

struct MyReview {
  review_store::MyAssignment item;
  std::string state;  // due | overdue | done
};
Result<std::vector<MyReview>> my_reviews(web::Ctx& ctx);

// What a reviewer sees of an application: blinded fields are not set (not
// read into the page at all).
struct Shown {
  int stage = 1;
  std::optional<std::string> name, email, gender, nationality, organisation;
  std::optional<long> birth_year;
  std::optional<std::vector<Document>> documents;
  std::string language, route_role, organisation_type, organisation_country, position;
  std::string motivation, experience, languages;
  std::vector<review_store::AnswerRow> answers;
};
// Built from the store's row; every field goes through blinding::reviewer_sees.
Shown shown(const review_store::AssignmentFull& f, std::vector<review_store::AnswerRow> answers,
            std::vector<Document> documents);

struct OtherReview {
  long number = 0;  // "Reviewer 1", … (never their names)
  std::vector<Score> scores;
};
struct ReviewPage {
  Assignment assignment;
  int64_t call_id = 0;
  std::string call_title;
  Shown shown;
  std::vector<Criterion> criteria;
  std::vector<Score> own;  // saved, or what was typed after an error
  bool submitted = false, can_edit = false;
  std::vector<OtherReview> others;  // only once one's own is submitted
};
Result<ReviewPage> review_page(web::Ctx& ctx, int64_t assignment_id);

// Scores as typed: criterion id → (score, comment).
using Typed = std::map<int64_t, std::pair<std::string, std::string>>;
// Checks every score against its criterion's scale and saves all in one
// transaction (or nothing, with every problem).
Result<std::vector<Error>> submit_review(web::Ctx& ctx, int64_t assignment_id, const Typed& typed);

// The reviewer declares a conflict: the assignment is dropped and another
// reviewer found (false: none could be).
Result<bool> declare_conflict(web::Ctx& ctx, int64_t assignment_id, const std::string& reason);

// ------------------------------------------------------------------ jobs

// Asks for a reminder run for the call at `run_at`. REQUIRES: a transaction.
void enqueue_reminder(web::Ctx& ctx, int64_t call_id, int64_t programme_id, int64_t run_at);
// Mails every reviewer with overdue assignments of the call not reminded in
// the last day, in their language (no blinded field: the call's title, the
// number of reviews and the link); returns the number of mails.
long send_reminders(web::Ctx& ctx, int64_t call_id);
jobs::Handler reminder_job(const Config& config, const Catalogs& catalogs,
                           const web::Assets& assets);

}  // namespace crm::admissions::review

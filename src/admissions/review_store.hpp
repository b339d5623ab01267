// SQL of the review: reviewers of a call, assignments, conflicts, scores and
// the rows of the progress page and the reminders. Each read is one statement
// whatever the number of criteria, reviewers or applications.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admissions/model.hpp"
#include "db/database.hpp"

namespace crm::admissions::review_store {

// What the review needs of a call; its title in `language`, else English,
// else any language written.
struct CallInfo {
  int64_t id = 0, programme_id = 0;
  std::string status, blind_fields, title;
  bool same_country = false, second_stage = false;
  long per_application = 2;
  std::optional<int64_t> review_due_at;
  int64_t closes_at = 0;
};
std::optional<CallInfo> find_call(db::Session& db, int64_t call_id, const std::string& language);

struct ReviewerRow {
  int64_t account = 0;
  std::string name, email, role, language, organisation, country;
  int64_t invited_at = 0;
};
std::vector<ReviewerRow> reviewers(db::Session& db, int64_t call_id);
bool is_reviewer(db::Session& db, int64_t call_id, int64_t account_id);
struct AccountRef {
  int64_t id = 0;
  std::string role;
  bool disabled = false;
};
std::optional<AccountRef> account_by_email(db::Session& db, const std::string& email);
void insert_reviewer(db::Session& db, int64_t call_id, int64_t account_id,
                     const std::string& organisation, const std::string& country, int64_t now);
// Reviewers invited by address (call_reviewer_invitation), with the account
// that address has now, if any; by invitation time.
struct InvitedReviewer {
  std::string email, organisation, country;
  int64_t invited_at = 0;
  std::optional<AccountRef> account;
};
std::vector<InvitedReviewer> invited_reviewers(db::Session& db, int64_t call_id);
// Keeps (or renews) the invitation of `email` to the call.
void insert_invited_reviewer(db::Session& db, int64_t call_id, const std::string& email,
                             const std::string& organisation, const std::string& country,
                             int64_t now);
void delete_invited_reviewer(db::Session& db, int64_t call_id, const std::string& email);
// Removes the reviewer and their assignments of the call not yet submitted.
void delete_reviewer(db::Session& db, int64_t call_id, int64_t account_id);

// What assignment needs of a submitted application.
struct ApplicationRef {
  int64_t id = 0;
  std::string organisation, country, applicant_name;
};
std::vector<ApplicationRef> submitted_applications(db::Session& db, int64_t call_id);
// Every assignment of the call's applications (all stages).
std::vector<Assignment> call_assignments(db::Session& db, int64_t call_id);
// (application, account) of every declared conflict in the call.
std::vector<std::pair<int64_t, int64_t>> call_conflicts(db::Session& db, int64_t call_id);
int64_t insert_assignment(db::Session& db, int64_t application_id, int64_t account_id, int stage,
                          std::optional<int64_t> due_at, int64_t now);

// A reviewer's assignment with what the review page needs of its
// application, call and applicant. The service decides (blinding.hpp) what
// of it leaves for the page.
struct AssignmentFull {
  Assignment a;
  int64_t call_id = 0, programme_id = 0;
  std::string call_title, blind_fields;
  bool second_stage = false;
  Application app;
  std::string person_name, person_email, person_gender;
};
// Only the account's own assignment (scope in the WHERE): nullopt otherwise.
std::optional<AssignmentFull> find_assignment(db::Session& db, int64_t id, int64_t account_id,
                                              const std::string& language);

struct MyAssignment {
  Assignment a;
  int64_t call_id = 0;
  std::string call_title;
};
std::vector<MyAssignment> assignments_of(db::Session& db, int64_t account_id,
                                         const std::string& language);

// Criteria of a call with their label and guidance in `language` (else
// English, else any).
std::vector<Criterion> criteria(db::Session& db, int64_t call_id, const std::string& language);

struct AnswerRow {
  std::string label, value;
};
std::vector<AnswerRow> answers(db::Session& db, int64_t application_id,
                               const std::string& language);
std::vector<Document> documents(db::Session& db, int64_t application_id);

// Scores of the application's submitted assignments of `stage` (their
// assignment id first), `own` included or not.
std::vector<std::pair<int64_t, Score>> scores_of_application(db::Session& db,
                                                             int64_t application_id, int stage);
std::vector<Score> scores_of(db::Session& db, int64_t assignment_id);
// Replaces the assignment's scores and marks it submitted.
void save_scores(db::Session& db, int64_t assignment_id, const std::vector<Score>& scores,
                 int64_t now);

void insert_conflict(db::Session& db, int64_t application_id, int64_t account_id,
                     const std::string& reason, int64_t now);
void delete_assignment(db::Session& db, int64_t assignment_id);

// The progress page: every assignment of the call with its reviewer's name
// and its application's applicant.
struct ProgressRow {
  Assignment a;
  std::string reviewer_name, applicant_name;
};
std::vector<ProgressRow> progress(db::Session& db, int64_t call_id);

// Each submitted review of the call's applications with its weighted mean
// (Σ weight · score / Σ weight over the criteria it scored), by application
// then assignment. The one definition of a review's score: the progress page
// and the ranking both read it.
struct ReviewMean {
  int64_t assignment_id = 0, application_id = 0;
  int stage = 1;
  double weighted = 0;
};
std::vector<ReviewMean> review_means(db::Session& db, int64_t call_id);

// The scores and comments an account wrote, for its own data download: per
// score the call's title (in `language`, else English, else any), the
// application's number, the stage, when the review was sent, the
// criterion's label. Nothing of the applicant: a first-stage reviewer never
// knew who it was.
struct WrittenScore {
  std::string call;
  int64_t application_id = 0;
  int stage = 1;
  std::optional<int64_t> submitted_at;
  std::string criterion;
  long score = 0;
  std::string comment;
};
std::vector<WrittenScore> scores_written_by(db::Session& db, int64_t account_id,
                                            const std::string& language);

// Reminders: the overdue assignments (due before `now`, not submitted, not
// reminded since `reminded_before`) of the call, with their reviewer.
struct Overdue {
  int64_t assignment = 0, account = 0;
  std::string email, name, language, time_zone;
};
std::vector<Overdue> overdue(db::Session& db, int64_t call_id, int64_t now,
                             int64_t reminded_before);
void mark_reminded(db::Session& db, int64_t assignment_id, int64_t now);
long open_assignments(db::Session& db, int64_t call_id);
// Calls with applications and reviews (demo).
std::vector<int64_t> calls_with_applications(db::Session& db, const std::string& status);

}  // namespace crm::admissions::review_store

namespace crm::admissions::review_store {
// Accounts that may review (lecturers, staff, stakeholders), oldest first (demo).
std::vector<int64_t> review_candidates(db::Session& db, long limit);
}  // namespace crm::admissions::review_store

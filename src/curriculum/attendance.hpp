// Attendance, module results and completion as use cases: taking a session's
// attendance on one phone screen, a participant's own attendance and
// completion, marking a module's results, and a cohort's completion list with
// its rules. Each checks curriculum/policy.hpp first and answers not_found for
// what the actor may not see; each write is one transaction with its audit
// entry, and bad input (a person not taking part, a value that is not one of
// the choices, a share out of range) changes nothing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "curriculum/attendance_store.hpp"
#include "curriculum/completion.hpp"
#include "web/context.hpp"

namespace crm::curriculum {

constexpr size_t kMaxAttendanceNote = 500;  // characters

// ------------------------------------------------------------ attendance

// What the attendance form holds for one person: the status chosen ("" for
// none) and the note.
struct AttendanceEntry {
  std::string status, note;
};

struct AttendanceForm {
  std::map<int64_t, AttendanceEntry> entries;  // by person id
  bool rest_present = false;                   // everyone without a choice is present
  bool forged = false;  // a field named someone who is not a person id at all
};

struct AttendanceRow {
  store::Participant person;
  AttendanceEntry entry;  // recorded, or what the user typed after an error
  bool recorded = false;  // an entry exists in the database
};

struct AttendancePage {
  store::SessionAccess session;
  std::vector<AttendanceRow> rows;  // every participant taking part, by name
  long recorded = 0;                // how many rows have an entry in the database
};

// not_found unless the actor may take the session's attendance
// (policy::can_take_attendance). A cancelled session is shown without a form.
Result<AttendancePage> attendance_page(web::Ctx& ctx, int64_t session_id);
// The form's fields: status-<person id>, note-<person id>, rest (present).
AttendanceForm attendance_form_of(const std::vector<std::pair<std::string, std::string>>& fields);
// Records the attendance of every participant in one transaction, with one
// audit entry listing each change with its old and new value (nothing written
// and no entry when nothing changed). Every problem at once (field
// "status-<id>" or "note-<id>", or the whole form): a session that was
// cancelled, an entry for someone not taking part in the cohort, a status
// that is not present/excused/absent, no choice for someone (unless
// rest_present), a note longer than kMaxAttendanceNote. not_found as attendance_page.
Result<std::vector<Error>> save_attendance(web::Ctx& ctx, int64_t session_id,
                                           const AttendanceForm& form);

// ------------------------------------------------------------ own attendance

struct OwnCohortAttendance {
  store::OwnCohort cohort;
  std::vector<store::OwnSession> sessions;  // begun by now, oldest first
  CompletionRules rules;
  std::optional<Completion> completion;
  std::map<int64_t, std::string> module_titles;
};

struct OwnAttendance {
  bool linked = false;  // the account has a person record
  std::vector<OwnCohortAttendance> cohorts;
};
// The signed-in person's own attendance and completion in every cohort they
// take part in as a participant; nobody else's. Only for the roles of
// policy::can_see_own_attendance (others get no cohorts). not_found for visitors.
Result<OwnAttendance> own_attendance(web::Ctx& ctx);

// ------------------------------------------------------------ module results

struct ResultRow {
  store::Participant person;
  std::string result;  // "passed", "failed" or "" (not yet)
};
struct ResultsPage {
  store::ModuleAccess module;
  std::vector<ResultRow> rows;
};
// not_found unless the actor may plan the module's cohort (policy::can_plan).
Result<ResultsPage> results_page(web::Ctx& ctx, int64_t module_id);
// result-<person id> → "passed", "failed" or "none" (not yet); a person
// without a field keeps their result.
using ResultsForm = std::map<int64_t, std::string>;
struct ParsedResults {
  ResultsForm results;
  bool forged = false;
};
ParsedResults results_form_of(const std::vector<std::pair<std::string, std::string>>& fields);
// In one transaction with one audit entry of the changes (old and new);
// every problem at once: someone not taking part, a value not among the choices.
Result<std::vector<Error>> save_results(web::Ctx& ctx, int64_t module_id,
                                        const ParsedResults& form);

// ------------------------------------------------------------ completion list

struct CompletionRulesForm {
  bool attendance = false, modules = false, paper = false;
  std::string min_percent;
};

struct CompletionRow {
  store::Participant person;
  Completion completion;
};
struct CompletionPage {
  int64_t cohort_id = 0, programme_id = 0;
  std::string cohort_name;
  CompletionRules rules;
  CompletionRulesForm form;         // the rules as the form shows them
  std::string filter;               // "", "complete" or "incomplete"
  std::vector<CompletionRow> rows;  // filtered
  long total = 0, complete = 0;     // of everyone, whatever the filter
  std::map<int64_t, std::string> module_titles;
};
// not_found unless policy::can_see_completion. `filter` other than
// "complete"/"incomplete" shows everyone. A fixed number of statements.
Result<CompletionPage> completion_page(web::Ctx& ctx, int64_t cohort_id, const std::string& filter);
// Saves the cohort's rules with an audit entry (old and new); invalid
// ("min_percent") unless a whole number from 0 to 100. not_found unless
// policy::can_plan.
Status save_completion_rules(web::Ctx& ctx, int64_t cohort_id, const CompletionRulesForm& form);

}  // namespace crm::curriculum

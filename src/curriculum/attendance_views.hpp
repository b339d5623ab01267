// HTML of the attendance screen (one phone screen, no script needed), a
// participant's own attendance and completion, a module's results and a
// cohort's completion list with its rules, and the list's export.
#pragma once

#include <string>
#include <vector>

#include "curriculum/attendance.hpp"
#include "web/context.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"

namespace crm::curriculum::views {

// "Return counselling, 3 Mar 2026, 09:00": the session's title (or its
// module's), for titles and messages.
std::string session_title(const web::Ctx& ctx, const store::SessionAccess& s);

// `errors` are shown beside each person (fields status-<id>, note-<id>) and
// at the top (the whole form); the rows carry what the user chose.
std::string attendance(const web::Ctx& ctx, const AttendancePage& p,
                       const std::vector<Error>& errors);
std::string own_attendance(const web::Ctx& ctx, const OwnAttendance& a);
std::string results(const web::Ctx& ctx, const ResultsPage& p, const std::vector<Error>& errors);
std::string completion(const web::Ctx& ctx, const CompletionPage& p, const Error* e);
web::Table completion_table(const web::Ctx& ctx, const CompletionPage& p);

// The problems of a list form for the error summary, each naming its person:
// "Amina Diallo: Choose present, excused or absent."
std::vector<web::Problem> problems_naming(const web::Ctx& ctx,
                                          const std::vector<store::Participant>& people,
                                          const std::vector<Error>& errors);

// What is missing, in words: "attendance 62 % of 80 % required", "module
// “Return counselling” not passed", "final paper not accepted".
std::string missing_text(const Tr& t, const Missing& m,
                         const std::map<int64_t, std::string>& module_titles);

}  // namespace crm::curriculum::views

// SQL of the ranking and the shortlist: the only file of the selection with
// SQL. Every read takes the call in its WHERE; each is one statement for
// the whole call, never one per applicant, review or criterion. Writes expect
// the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admissions/model.hpp"
#include "db/database.hpp"
#include "programme/model.hpp"

namespace crm::admissions::shortlist_store {

// A call with its title in `language` (English when it has none there).
struct CallRow {
  Call call;
  std::string title;
};
std::optional<CallRow> find_call(db::Session& db, int64_t call_id, const std::string& language);

// The call's submitted and withdrawn applications (drafts are no one's
// business yet) with the applicant's name and gender, by id.
struct ApplicantRow {
  int64_t id = 0, person_id = 0;
  std::string name, status, gender, route_role;
  std::string organisation_name, organisation_type, organisation_country;
  std::optional<int64_t> submitted_at;
};
std::vector<ApplicantRow> applicants(db::Session& db, int64_t call_id);

std::vector<Bound> bounds(db::Session& db, int64_t call_id);

// The one rule of eligibility by the call's questions, as a condition on
// `application a`: it passes unless it answered a question that has an
// eligible answer (call_question.eligible_answer) otherwise; an unanswered
// optional question is not answered otherwise. funnel_store counts with it.
constexpr const char* kPassesQuestionsSql =
    "NOT EXISTS (SELECT 1 FROM application_answer aa JOIN call_question q ON q.id = "
    "aa.question_id WHERE aa.application_id = a.id AND q.call_id = a.call_id AND "
    "q.eligible_answer IS NOT NULL AND aa.value <> q.eligible_answer)";
// The call's sent applications that fail it, by id.
std::vector<int64_t> failing_eligibility(db::Session& db, int64_t call_id);

// The route roles of the programme's countries.
std::vector<programme::ProgrammeCountry> country_roles(db::Session& db, int64_t programme_id);

// Hand changes of the shortlist, oldest first, with who made them.
struct ChangeRow {
  int64_t id = 0, application_id = 0;
  std::string source, reason, by_name;
  int64_t at = 0;
};
std::vector<ChangeRow> changes(db::Session& db, int64_t call_id);
int64_t insert_change(db::Session& db, int64_t call_id, int64_t application_id,
                      const std::string& source, const std::string& reason, int64_t by_account,
                      int64_t now);

}  // namespace crm::admissions::shortlist_store

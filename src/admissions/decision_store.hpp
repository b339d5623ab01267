// SQL of the decisions (issue 13 §5): the only file of the decisions with
// SQL. Every read takes the call (or the application and its call) in its
// WHERE and is one statement for the whole call, never one per applicant.
// Writes expect the caller's transaction; those that change a decision
// touch only decisions not sent yet (decided_at IS NULL) unless they say
// otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::admissions::decision_store {

// The decision of each of the call's submitted or withdrawn applications
// with where its mail goes. decided_at is the moment the decision was sent
// (NULL: not sent, staff may still change it).
struct DecisionRow {
  int64_t id = 0, person_id = 0, account_id = 0;  // account 0: none
  std::string status, decision, language, name, email;
  std::optional<int64_t> decided_at, waiting_rank, confirm_by, confirmed_at, declined_at;
};
std::vector<DecisionRow> decisions(db::Session& db, int64_t call_id);

// The call's zone (for confirm-by dates) and status; nullopt: no such call.
struct CallFacts {
  int64_t programme_id = 0, cohort_id = 0;
  std::string status, time_zone;
};
std::optional<CallFacts> call_facts(db::Session& db, int64_t call_id);

// Sets an unsent decision (decision "" clears it). False when the
// application is not the call's or its decision has been sent.
bool set_decision(db::Session& db, int64_t call_id, int64_t application_id,
                  const std::string& decision, std::optional<int64_t> waiting_rank,
                  std::optional<int64_t> confirm_by, int64_t now);
// A waiting application offered the place after the decisions went out:
// accepted, sent now. False unless it is the call's and on the waiting list.
bool accept_from_waiting_list(db::Session& db, int64_t call_id, int64_t application_id,
                              int64_t confirm_by, int64_t now);
// Marks every unsent decision of the call sent at `now`; how many.
long mark_sent(db::Session& db, int64_t call_id, int64_t now);
void set_call_status(db::Session& db, int64_t call_id, const std::string& status, int64_t now);

// The applicant's answer: only while accepted, sent, unanswered.
bool set_confirmed(db::Session& db, int64_t application_id, int64_t now);
bool set_declined(db::Session& db, int64_t application_id, int64_t now);
// Accepted, sent, unanswered applications whose confirm-by date has passed.
std::vector<int64_t> expired(db::Session& db, int64_t call_id, int64_t now);

// Mail templates written for the call.
struct TemplateRow {
  std::string kind, language, subject, body;
};
std::vector<TemplateRow> templates(db::Session& db, int64_t call_id);
void upsert_template(db::Session& db, int64_t call_id, const TemplateRow& t);
void delete_template(db::Session& db, int64_t call_id, const std::string& kind,
                     const std::string& language);

// Enrolment of a confirmed applicant in the call's cohort.
std::optional<int64_t> participant_enrolment(db::Session& db, int64_t person_id, int64_t cohort_id);
void set_enrolment_status(db::Session& db, int64_t enrolment_id, const std::string& status);
// The role of an account ("" when there is none).
std::string account_role(db::Session& db, int64_t account_id);
void set_account_role(db::Session& db, int64_t account_id, const std::string& role);

}  // namespace crm::admissions::decision_store

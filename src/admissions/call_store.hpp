// SQL of calls for applications: the only file of calls with SQL. Lists take
// their scope (an account's programmes, one call) and keep to it in the WHERE.
// REQUIRES for the writes: an open db::Transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "admissions/model.hpp"
#include "db/database.hpp"

namespace crm::admissions::call_store {

// The call without its texts; nullopt when there is none.
std::optional<Call> find_call(db::Session& db, int64_t id);
// The call's texts, language → text.
std::map<std::string, CallText> call_texts(db::Session& db, int64_t call_id);

int64_t insert_call(db::Session& db, const Call& c);
// Everything but id, programme, cohort and created_at.
void update_call(db::Session& db, const Call& c);
void replace_texts(db::Session& db, int64_t call_id, const std::map<std::string, CallText>& texts);
void set_status(db::Session& db, int64_t call_id, const std::string& status, int64_t now);

std::vector<DocumentRule> list_documents(db::Session& db, int64_t call_id);
void replace_documents(db::Session& db, int64_t call_id, const std::vector<DocumentRule>& docs);

// Questions with their texts (one statement), by position.
std::vector<Question> list_questions(db::Session& db, int64_t call_id);
int64_t insert_question(db::Session& db, int64_t call_id, const Question& q);
// Whether the question was the call's (and is gone).
bool delete_question(db::Session& db, int64_t call_id, int64_t question_id);

// Criteria with their texts (one statement), by position.
std::vector<Criterion> list_criteria(db::Session& db, int64_t call_id);
int64_t insert_criterion(db::Session& db, int64_t call_id, const Criterion& c);
bool delete_criterion(db::Session& db, int64_t call_id, int64_t criterion_id);

// Bounds by dimension and value.
std::vector<Bound> list_bounds(db::Session& db, int64_t call_id);
void insert_bound(db::Session& db, int64_t call_id, const Bound& b);
bool delete_bound(db::Session& db, int64_t call_id, const std::string& dimension,
                  const std::string& value);

// Applications of the call in any state, and review assignments of them.
long count_applications(db::Session& db, int64_t call_id);
long count_reviews(db::Session& db, int64_t call_id);

// A cohort a call can be written for.
struct CohortChoice {
  int64_t id = 0, programme_id = 0;
  long number = 0;
  std::string name, programme;
};
// The cohorts of the account's team programmes (`all`: every programme) that
// have no call yet, newest first.
std::vector<CohortChoice> cohorts_without_call(db::Session& db, int64_t account_id, bool all,
                                               const std::string& language);
std::optional<CohortChoice> find_cohort(db::Session& db, int64_t cohort_id,
                                        const std::string& language);

// A call in a list: the title in the reader's language, else English, else
// another language written (`title_language`: the one shown).
struct CallRow {
  Call call;
  std::string title, title_language, cohort, programme;
  long cohort_number = 0;
  long drafts = 0, submitted = 0, withdrawn = 0;
};
// Published calls that close after `now` (open now or opening later), by
// closing. One statement.
std::vector<CallRow> list_open_calls(db::Session& db, int64_t now, const std::string& language);
// The calls of the account's team programmes (`all`: every programme) with
// the counts of their applications, newest cohort first. One statement.
std::vector<CallRow> list_programme_calls(db::Session& db, int64_t account_id, bool all,
                                          const std::string& language);
// The cohort's name and number and the programme's name of a call.
std::optional<CallRow> call_header(db::Session& db, int64_t call_id, const std::string& language);

}  // namespace crm::admissions::call_store

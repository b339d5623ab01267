// SQL of survey results: counts aggregated in the database (GROUP BY
// question, choice, group), a fixed number of statements whatever the number
// of questions or responses. Only submitted responses are read. Every read
// takes the survey AND its programme as scope (the caller checked policy).
// Nothing here applies the anonymity threshold: results_service does, with
// surveys/anonymity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::surveys::results_store {

// Which responses to count. version 0: every version (questions paired by
// name); round, cohort 0: no filter. by: '' (one group) or cohort, country,
// route_role, organisation_type, gender (REQUIRES: one of these).
struct Scope {
  int64_t programme = 0, survey = 0;
  int64_t version = 0, round = 0, cohort = 0;
  std::string by;
};

struct VersionCount {
  int64_t id = 0;
  long number = 0;
  long responses = 0;  // submitted
};
// The survey's versions, newest first, with their submitted responses.
std::vector<VersionCount> versions(db::Session& db, int64_t programme, int64_t survey);

struct RoundCount {
  int64_t id = 0, cohort_id = 0;
  std::string cohort_name, audience, phase;
  int64_t opens_at = 0;
  long responses = 0;  // submitted, of the version(s) in scope
};
// The survey's rounds (cancelled ones too: they may have responses), oldest
// first, with the submitted responses of `scope`'s version(s).
std::vector<RoundCount> rounds(db::Session& db, const Scope& scope);

// Submitted responses in scope (every filter), and of the version(s) alone.
struct Respondents {
  long selected = 0, all = 0;
};
Respondents respondents(db::Session& db, const Scope& scope);

struct GroupCount {
  std::string group;  // '' without a cross-tab; cohort: its id; route_role: 'none' for none
  long respondents = 0;
};
// Respondents per group of scope.by (a response counts once for each route
// role of its country).
std::vector<GroupCount> groups(db::Session& db, const Scope& scope);

struct ChoiceCount {
  std::string question, item, choice, group;
  long respondents = 0;
};
// Per question (by name), matrix row, choice and group: how many chose it
// (single, multiple, likert, matrix).
std::vector<ChoiceCount> choice_counts(db::Session& db, const Scope& scope);

struct AnsweredCount {
  std::string question, item, group;
  long respondents = 0;
};
// Per question, matrix row and group: how many answered it (any type).
std::vector<AnsweredCount> answered(db::Session& db, const Scope& scope);

struct NumberAnswer {
  std::string question;
  double value = 0;
};
// Every answer of integer and decimal questions, by question then value.
std::vector<NumberAnswer> numbers(db::Session& db, const Scope& scope);

struct MonthCount {
  std::string question, month;  // "2026-03"
  long respondents = 0;
};
// Date answers counted per month.
std::vector<MonthCount> months(db::Session& db, const Scope& scope);

struct TextAnswer {
  std::string question, text;
};
// Free-text answers (non-empty), by question then text (not by when or by
// whom they were given), at most `limit`.
std::vector<TextAnswer> texts(db::Session& db, const Scope& scope, long limit);

// Pre/post pairing (identified surveys): each answer of a person in a round
// with phase pre or post, on matrix, likert, single, integer and decimal
// questions. Only submitted responses with a person.
struct PhaseAnswer {
  int64_t person = 0;
  std::string phase, question, item, choice;
  std::optional<double> number;
};
std::vector<PhaseAnswer> phase_answers(db::Session& db, int64_t programme, int64_t survey);

// Raw identified responses (staff, identified surveys only — the caller
// checks): responses with their person's name, and their answers.
struct RawResponse {
  int64_t id = 0, person = 0, round = 0, submitted_on = 0;
  std::string person_name, cohort_name, language;
};
std::vector<RawResponse> raw_responses(db::Session& db, const Scope& scope, long limit);
struct RawAnswer {
  int64_t response = 0;
  std::string question, item, choice, text;
  std::optional<double> number;
};
// The answers of raw_responses(scope, limit), by response.
std::vector<RawAnswer> raw_answers(db::Session& db, const Scope& scope, long limit);

}  // namespace crm::surveys::results_store

// SQL of answering a survey: the invitation behind a personal link or a
// signed-in person's invitation, drafts and their answers, submission. Writes
// REQUIRE an open db::Transaction and that the caller checked policy.
//
// Anonymous drafts are found by a key only (survey_response has no
// person_id): a digest of the invitation's draft_seed (links.hpp).
// Submission clears the key and the seed, after which nothing in the
// database leads from the invitation or the person to the response.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "surveys/model.hpp"

namespace crm::surveys::answer_store {

// An invitation with what answering needs of its round and survey.
struct InvitationRow {
  int64_t id = 0, round_id = 0, person_id = 0, programme_id = 0, survey_id = 0, cohort_id = 0;
  std::string token_hash, previous_token_hash;  // previous: "" when none
  std::string draft_seed;                       // anonymous drafts' seed, "" when none
  bool answered = false, anonymous = false;
  int64_t send_at = 0, opens_at = 0, closes_at = 0, cancelled_at = 0;  // 0: not cancelled
  std::string person_language;  // the person's account's language, "" when none
};

// The invitation whose token_hash is `hash`.
std::optional<InvitationRow> find_by_hash(db::Session& db, const std::string& hash);
// Invitation `id` when its person is the one of `account`.
std::optional<InvitationRow> find_of_account(db::Session& db, int64_t id, int64_t account);

// An invitation the signed-in person may still answer, for /my/surveys.
struct OpenInvitation {
  int64_t id = 0, closes_at = 0;
  bool anonymous = false, started = false;
  std::string draft_seed;        // anonymous: the draft's seed ("" when none)
  std::string token_hash;        // anonymous: for a draft's older signed-in key
  std::string survey_title;      // the staff's title, when the version has no text
  Texts title;                   // the newest version's title per language
  std::string default_language;  // the newest version's default
  std::vector<std::string> languages;
};
// The open invitations of `account`'s person (sent or due, round open, not
// answered), closing first. A fixed number of statements.
// `started` is set for identified surveys; anonymous drafts are looked up by
// their keys (drafts_with_keys).
std::vector<OpenInvitation> open_invitations(db::Session& db, int64_t account, int64_t now);
// Which of `keys` are resume keys of drafts (one statement).
std::vector<std::string> drafts_with_keys(db::Session& db, const std::vector<std::string>& keys);

// A draft: found by person (identified) or by key (anonymous).
struct Draft {
  int64_t id = 0, version_id = 0;
  long page = 0;
  std::string language;
  std::string key;              // anonymous: the key it was found by
  std::vector<Answer> answers;  // question names filled from `version`
};
// A draft of the round by `person` (identified surveys).
std::optional<Draft> draft_of_person(db::Session& db, int64_t round, int64_t person);
// The anonymous draft of the round behind the first of `keys` (hex digests)
// that has one (one statement).
std::optional<Draft> draft_by_keys(db::Session& db, int64_t round,
                                   const std::vector<std::string>& keys);
// Draft's answers with question names (two statements whatever its size).
void load_answers(db::Session& db, Draft& d);
// Whether the person has a submitted response in the round (identified).
bool submitted_by_person(db::Session& db, int64_t round, int64_t person);

// A new draft: person_id when identified (person != 0), else resume_key.
int64_t insert_draft(db::Session& db, int64_t round, int64_t version, int64_t person,
                     const std::string& resume_key, const std::string& language);
// Deletes the draft's answers to `questions` (ids) and inserts `answers`
// (question ids resolved through `ids`: name → id).
void replace_answers(db::Session& db, int64_t response, const std::vector<int64_t>& questions,
                     const std::vector<std::pair<int64_t, Answer>>& answers);
void set_progress(db::Session& db, int64_t response, long page, const std::string& language);
// The invitation's draft seed: sets `seed` unless it has one already, and
// returns the one it has (a parallel request may have set it first).
std::string claim_draft_seed(db::Session& db, int64_t invitation, const std::string& seed);
// Gives an anonymous draft the key `key` (a draft found by an older key).
void rekey_draft(db::Session& db, int64_t response, const std::string& key);

// The facts a response is counted by: the person's country, gender as
// written, organisation type.
struct PersonFacts {
  std::string country, gender, organisation_type;
};
PersonFacts person_facts(db::Session& db, int64_t person);

// Marks the draft submitted on `day` with `facts`, clearing its resume key,
// and records what the indicator report counts of it
// (record_indicator_answers). False, changing nothing, when it was no draft
// any more.
bool submit(db::Session& db, int64_t response, int64_t day, const RespondentFacts& facts);
// Writes the rows the funder's indicator report counts (table
// survey_indicator_answer, migration 0029) for submitted `response`: one per
// indicator it answered, positive when a chosen choice is. REQUIRES: the
// response is submitted with its answers and has no such rows yet.
void record_indicator_answers(db::Session& db, int64_t response);
// The same for every submitted response without them: for responses written
// in bulk (the demo, the benchmark generator). Returns how many rows.
long record_missing_indicator_answers(db::Session& db);
// Sets answered = 1 and clears the draft seed; false when it was answered
// already.
bool mark_answered(db::Session& db, int64_t invitation);

// For the person's data download: their identified, submitted responses.
struct PersonResponse {
  int64_t id = 0, round_id = 0, version_id = 0, submitted_on = 0;
  std::string survey_title, language;
  std::vector<Answer> answers;
};
std::vector<PersonResponse> responses_of_person(db::Session& db, int64_t person);
// Erasure: deletes every response (and draft) that carries the person.
void delete_responses_of_person(db::Session& db, int64_t person);

}  // namespace crm::surveys::answer_store

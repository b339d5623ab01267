// SQL of survey rounds and their invitations (sending; answering reads the
// invitation by its link). Reads that a page makes take the programme as
// scope in the WHERE; writes REQUIRE an open db::Transaction and that the
// caller checked policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "surveys/model.hpp"
#include "surveys/staff_title.hpp"

namespace crm::surveys::round_store {

// A round with what its pages and mails show of its survey, cohort and session.
struct RoundRow {
  Round round;
  int64_t programme_id = 0, version_id = 0;              // version: the survey's newest
  std::string survey_title, cohort_name, session_title;  // survey_title: the working title
  StaffTitle title;  // the survey's title in the language find() was given
  bool anonymous = false;
  int64_t session_starts_at = 0;
};
// The round when its survey belongs to `programme` (0: any programme; the
// caller then checks policy with programme_id), with the survey's title in
// `language` for staff (staff_title.hpp; '': the working title).
std::optional<RoundRow> find(db::Session& db, int64_t programme, int64_t round,
                             const std::string& language = "");

int64_t insert_round(db::Session& db, const Round& r, int64_t created_by);
bool cancel(db::Session& db, int64_t round, int64_t now);

// Whom an audience takes: person ids, ascending.
// A cohort's participants: enrolled as participant with status admitted,
// participant or graduate; nobody erased.
std::vector<int64_t> cohort_participants(db::Session& db, int64_t cohort);
// A session's attendees: those of its cohort's participants marked present.
std::vector<int64_t> session_attendees(db::Session& db, int64_t session, int64_t cohort);
// A cohort's graduates and the day each completed (see round_service.hpp):
// enrolment status graduate, or a valid certificate for the cohort.
struct Graduate {
  int64_t person_id = 0, completed_on = 0;
};
std::vector<Graduate> graduates(db::Session& db, int64_t cohort);

// One invitation; false when the person has one in the round already.
bool insert_invitation(db::Session& db, int64_t round, int64_t person, const std::string& hash,
                       int64_t send_at);
// The invitation a personal link leads to: by its digest (links.hpp), the
// current link's or the one a reminder replaced (both work; see dispatch.hpp).
std::optional<Invitation> invitation_by_link(db::Session& db, const std::string& hash);

// Person ids invited in the round.
std::vector<int64_t> invited(db::Session& db, int64_t round);

// An invitation with whom a mail goes to.
struct Due {
  int64_t invitation = 0, person_id = 0, sent_at = 0;
  std::string name, email, language, time_zone;  // language, zone: the account's ('' without)
};
// Not sent yet and send_at <= now (persons not erased, with an address).
std::vector<Due> due_to_send(db::Session& db, int64_t round, int64_t now, long limit);
// Sent, not answered, sent_at <= `sent_before`, and (unless `again`) not reminded.
std::vector<Due> due_to_remind(db::Session& db, int64_t round, int64_t sent_before, bool again,
                               long limit);
// The earliest send_at of an invitation not sent yet (0: none).
int64_t next_send_at(db::Session& db, int64_t round);
// The earliest sent_at of an invitation due a reminder later (0: none).
int64_t next_unreminded_sent_at(db::Session& db, int64_t round);

// Sets sent_at with the new link's digest, only while not sent (false otherwise).
bool mark_sent(db::Session& db, int64_t invitation, const std::string& hash, int64_t now);
// A reminder's new link: the current digest becomes previous_token_hash.
// Only while not answered (false otherwise).
bool mark_reminded(db::Session& db, int64_t invitation, const std::string& hash, int64_t now);

struct Counts {
  long invited = 0, sent = 0, answered = 0, reminded = 0;
};
Counts counts(db::Session& db, int64_t round);

// Who was asked (identified surveys only: the caller checks), by name.
struct Person {
  int64_t person_id = 0;
  std::string name, name_latin;
  int64_t send_at = 0, sent_at = 0, reminded_at = 0;
  bool answered = false;
};
std::vector<Person> people(db::Session& db, int64_t round);

// The version's title and intro per language, its languages and default.
struct VersionTexts {
  std::vector<std::string> languages;
  std::string default_language = "en";
  Texts title, intro;
};
VersionTexts version_texts(db::Session& db, int64_t version);

// Choices for the form: the programme's cohorts and sessions.
struct CohortOption {
  int64_t id = 0;
  long number = 0;
  std::string name;
  int64_t ends_on = 0;
};
std::vector<CohortOption> cohorts(db::Session& db, int64_t programme);
struct SessionOption {
  int64_t id = 0, cohort_id = 0, starts_at = 0;
  std::string title, cohort_name;
};
std::vector<SessionOption> sessions(db::Session& db, int64_t programme);

}  // namespace crm::surveys::round_store

// SQL behind attendance, module results and the completion pages (the
// curriculum's own tables of migration 0008). Every function takes its scope
// (the session, module or cohort, and for lookups the account asking) and
// puts it in the WHERE; the services check the policy with what it returns.
// One statement per function, whatever the number of people.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "curriculum/model.hpp"
#include "db/database.hpp"

namespace crm::curriculum::store {

// A session with its cohort and what the asking account is to it.
struct SessionAccess {
  Session session;           // without description, materials and lecturer ids
  std::string module_title;  // in the reader's language, else English, else any; "" without module
  int64_t programme_id = 0;
  std::string cohort_name;
  bool in_programme = false;         // programme::store::find_cohort_access's meaning
  bool lecturer_of_session = false;  // the account's person is among the session's lecturers
};
std::optional<SessionAccess> find_session_access(db::Session& db, int64_t session_id,
                                                 int64_t account_id, const std::string& language);

struct ModuleAccess {
  int64_t id = 0, cohort_id = 0, programme_id = 0;
  std::string title, cohort_name;
  bool in_programme = false;
};
std::optional<ModuleAccess> find_module_access(db::Session& db, int64_t module_id,
                                               int64_t account_id, const std::string& language);

// A participant taking part in a cohort (role participant; admitted,
// participant or graduate).
struct Participant {
  int64_t person_id = 0;
  std::string name, name_latin;
};
// By name, then id.
std::vector<Participant> participants_of_cohort(db::Session& db, int64_t cohort_id);

// What was recorded for a session, by person id.
std::map<int64_t, Attendance> attendance_of_session(db::Session& db, int64_t session_id);
// Records (or corrects) one person's attendance at a session.
void upsert_attendance(db::Session& db, const Attendance& a, int64_t account_id, int64_t now);

// The module's results, person id → "passed" or "failed".
std::map<int64_t, std::string> results_of_module(db::Session& db, int64_t module_id);
void upsert_result(db::Session& db, int64_t module_id, int64_t person_id, const std::string& result,
                   int64_t account_id, int64_t now);
void delete_result(db::Session& db, int64_t module_id, int64_t person_id);

// The cohort's module titles (reader's language, else English, else any), id → title.
std::map<int64_t, std::string> module_titles(db::Session& db, int64_t cohort_id,
                                             const std::string& language);

// The person record of an account; nullopt when none is linked.
std::optional<int64_t> person_of_account(db::Session& db, int64_t account_id);

// The cohorts a person takes part in as a participant, newest first.
struct OwnCohort {
  int64_t id = 0;
  std::string name;
};
std::vector<OwnCohort> cohorts_of_participant(db::Session& db, int64_t person_id);

// A session of one of the person's cohorts that has begun by `now`, with the
// person's own attendance ("" when none was recorded).
struct OwnSession {
  int64_t id = 0, cohort_id = 0, starts_at = 0;
  std::string title, module_title, time_zone, session_status, status, note;
};
// By cohort, then start.
std::vector<OwnSession> sessions_of_participant(db::Session& db, int64_t person_id, int64_t now,
                                                const std::string& language);

}  // namespace crm::curriculum::store

// SQL for programmes, cohorts, organisations, people and enrolments. The only
// file in programme/ with SQL. Every function takes the open db::Session;
// writes expect the caller's transaction. Reads take their scope (programme,
// cohort) and put it in the WHERE.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "programme/model.hpp"

namespace crm::programme::store {

// Programmes
std::optional<int64_t> find_programme_id(db::Session& db, const std::string& slug);
// Name and description in `language`, or in English when that has none.
std::optional<Programme> find_programme(db::Session& db, int64_t id, const std::string& language);
int64_t insert_programme(db::Session& db, const std::string& slug, long anonymity_threshold,
                         int64_t now);
void insert_programme_text(db::Session& db, int64_t programme_id, const std::string& language,
                           const std::string& name, const std::string& description);
void insert_programme_country(db::Session& db, int64_t programme_id, const ProgrammeCountry& c);
// Ordered by role (origin, transit, destination), then country code.
std::vector<ProgrammeCountry> list_programme_countries(db::Session& db, int64_t programme_id);

void insert_programme_funder(db::Session& db, int64_t programme_id, long position,
                             const std::string& name);
std::vector<std::string> list_programme_funders(db::Session& db, int64_t programme_id);
// The programme's team (staff accounts); idempotent.
void insert_programme_staff(db::Session& db, int64_t programme_id, int64_t account_id);
// Whether the programme is one of the account's (`in_programme`:
// programme/scope.hpp, staff by the programme team only, others by taking
// part in one of its cohorts) and whether the account is on its team, in one
// statement.
struct Membership {
  bool in_programme = false, on_team = false;
};
Membership membership(db::Session& db, int64_t programme_id, int64_t account_id);

// Cohorts (with their size)
int64_t insert_cohort(db::Session& db, const Cohort& c);
std::vector<Cohort> list_cohorts(db::Session& db, int64_t programme_id);
// The names of the programme, language → name, when crm has exactly one
// programme; empty otherwise.
std::map<std::string, std::string> sole_programme_names(db::Session& db);
// The cohorts an account works with, newest first, at most `limit`: those of
// the programmes whose team a staff account is on, and those a lecturer,
// participant or alumnus takes part in (enrolled in a taking-part status).
std::vector<Cohort> cohorts_of_account(db::Session& db, int64_t account_id, long limit);
std::optional<Cohort> find_cohort(db::Session& db, int64_t programme_id, int64_t id);
// A cohort by its id alone, with whether its programme is one of the
// account's (as Membership::in_programme), in one statement; nullopt when
// there is no such cohort. account_id 0: no one's.
struct CohortAccess {
  Cohort cohort;
  bool in_programme = false;
};
std::optional<CohortAccess> find_cohort_access(db::Session& db, int64_t id, int64_t account_id);

// Organisations and people
int64_t insert_organisation(db::Session& db, const Organisation& o);
std::optional<Organisation> find_organisation(db::Session& db, int64_t id);
int64_t insert_person(db::Session& db, const Person& p);
std::optional<Person> find_person(db::Session& db, int64_t id);

// Enrolments and their history
int64_t insert_enrolment(db::Session& db, const Enrolment& e);
void insert_status_change(db::Session& db, int64_t enrolment_id, const std::string& status,
                          int64_t at, int64_t by_account_id);
std::vector<Enrolment> list_enrolments_of(db::Session& db, int64_t person_id);
long count_status_changes(db::Session& db, int64_t enrolment_id);

// The people of a cohort, filtered, ordered by name. `peer`: the viewer is a
// participant or alumnus (policy::sees_everyone_enrolled), so only people
// taking part are listed and filters match only on fields people show.
long count_members(db::Session& db, int64_t programme_id, int64_t cohort_id, const MemberFilter& f,
                   bool peer = false);
std::vector<Member> list_members(db::Session& db, int64_t programme_id, int64_t cohort_id,
                                 const MemberFilter& f, long limit, long offset, bool peer = false);
// The distinct countries of the cohort's people (for the filter); `peer`: of
// those taking part who show their country.
std::vector<std::string> member_countries(db::Session& db, int64_t cohort_id, bool peer = false);

// Composition and targets (the parity view)
// The cohort's participant enrolments that count or withdrew (status admitted,
// participant, graduate or withdrawn), with the facts they are counted by.
std::vector<ParticipantFacts> list_participant_facts(db::Session& db, int64_t programme_id,
                                                     int64_t cohort_id);
// Ordered by dimension, then value.
std::vector<CohortTarget> list_cohort_targets(db::Session& db, int64_t cohort_id);
void delete_cohort_targets(db::Session& db, int64_t cohort_id, const std::string& dimension);
void insert_cohort_target(db::Session& db, int64_t cohort_id, const CohortTarget& t);

// ------------------------------------------------------------ programme administration
// (programmes list, creating and editing programmes, their team, new cohorts)

// One programme in a list, named in `language` (English when it has none there).
struct ProgrammeSummary {
  int64_t id = 0;
  std::string slug, name, language;
  long cohorts = 0;
};
// Every programme, oldest first.
std::vector<ProgrammeSummary> list_programmes(db::Session& db, const std::string& language);
// The programmes whose team the account is on, oldest first.
std::vector<ProgrammeSummary> list_team_programmes(db::Session& db, int64_t account_id,
                                                   const std::string& language);
// The programmes in whose cohorts the account's person is enrolled (any role), oldest first.
std::vector<ProgrammeSummary> list_enrolled_programmes(db::Session& db, int64_t account_id,
                                                       const std::string& language);
// Inserts the programme unless the slug is taken; nullopt when it is.
std::optional<int64_t> insert_programme_if_free(db::Session& db, const std::string& slug,
                                                long anonymity_threshold, int64_t now);
void update_anonymity_threshold(db::Session& db, int64_t programme_id, long threshold);
// Every language's name and description, ordered by language code.
struct ProgrammeText {
  std::string language, name, description;
};
std::vector<ProgrammeText> list_programme_texts(db::Session& db, int64_t programme_id);
// Remove all texts, countries or funders of the programme (to write the new ones).
void delete_programme_texts(db::Session& db, int64_t programme_id);
void delete_programme_countries(db::Session& db, int64_t programme_id);
void delete_programme_funders(db::Session& db, int64_t programme_id);

// The team. Reads the account table for names: a team member is an account.
struct TeamMember {
  int64_t account_id = 0;
  std::string name, email;
  std::string role;  // the account's role ("staff")
};
// True when the account is on the programme's team (programme_staff only).
bool is_on_team(db::Session& db, int64_t programme_id, int64_t account_id);
// The team, ordered by name.
std::vector<TeamMember> list_team(db::Session& db, int64_t programme_id);
// Active staff accounts (role staff, not disabled) not on the team, ordered by name.
std::vector<TeamMember> list_staff_not_on_team(db::Session& db, int64_t programme_id);
// An account that is not disabled, with its role; nullopt when there is none.
std::optional<TeamMember> find_active_account(db::Session& db, int64_t account_id);
// False when the account was not on the team.
bool delete_programme_staff(db::Session& db, int64_t programme_id, int64_t account_id);

// Inserts the cohort unless its number is taken in its programme; nullopt when it is.
std::optional<int64_t> insert_cohort_if_free(db::Session& db, const Cohort& c);
// True when the programme has a cohort with this number.
bool find_cohort_number(db::Session& db, int64_t programme_id, long number);
// The highest cohort number of the programme; 0 when it has none.
long max_cohort_number(db::Session& db, int64_t programme_id);

}  // namespace crm::programme::store

// SQL for programmes, cohorts, organisations, people and enrolments. The only
// file in programme/ with SQL. Every function takes the open db::Session;
// writes expect the caller's transaction. Reads take their scope (programme,
// cohort) and put it in the WHERE.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "programme/model.hpp"

namespace crm::programme::store {

// Programmes
std::optional<int64_t> find_programme_id(db::Session& db, const std::string& slug);
// The programme crm serves (the oldest one); nullopt when there is none yet.
std::optional<int64_t> first_programme_id(db::Session& db);
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
// True when the programme is one of the account's (programme/scope.hpp: staff
// by the programme team only, others by taking part in one of its cohorts).
bool is_in_programme(db::Session& db, int64_t programme_id, int64_t account_id);

// Cohorts (with their size)
int64_t insert_cohort(db::Session& db, const Cohort& c);
std::vector<Cohort> list_cohorts(db::Session& db, int64_t programme_id);
// The programme a cohort belongs to; nullopt when there is no such cohort.
std::optional<int64_t> cohort_programme_id(db::Session& db, int64_t cohort_id);
std::optional<Cohort> find_cohort(db::Session& db, int64_t programme_id, int64_t id);

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

}  // namespace crm::programme::store

// SQL for the people pages: persons, their enrolments and status history,
// photos, organisations with their people, profile updates and merges. The
// only file in people/ with SQL. Every function takes the open db::Session;
// writes expect the caller's transaction. Reads that list people take the
// viewer's account as scope and keep to the programmes it belongs to
// (`all`: an admin, every programme).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "people/model.hpp"
#include "programme/scope.hpp"

namespace crm::people::store {

// Persons
// nullopt when there is no such person or they are outside the scope
// (programme/scope.hpp person_in_scope_sql: their own record is always in).
std::optional<Person> find_person(db::Session& db, int64_t id, const programme::Scope& scope);
// The first (lowest id) person with this email among the people of the
// account's programmes (`all`: an admin, every programme), not merged.
// Emails are not unique: another programme may hold the same address.
std::optional<Person> find_person_by_email(db::Session& db, const std::string& email,
                                           int64_t account_id, bool all);
// The person record staff linked to an account; nullopt when none.
std::optional<int64_t> person_of_account(db::Session& db, int64_t account_id);
// True when `person_id` is enrolled in a cohort of one of the account's
// programmes (programme/scope.hpp); `taking_part_only`: in a status of
// programme::taking_part_statuses() (what participants and alumni see).
bool shares_programme(db::Session& db, int64_t person_id, int64_t account_id,
                      bool taking_part_only);
// The ids of all the account's programmes (programme/scope.hpp), in one statement.
std::set<int64_t> programmes_of(db::Session& db, int64_t account_id);
// Name, Latin name, country, organisation, position, gender, languages,
// expertise, time zone, bio, visible fields and updated_at of `p.id`.
void update_profile(db::Session& db, const Person& p);

// Enrolments and their history
// Only enrolments in cohorts of the scope's programmes: staff of one programme
// do not learn where else a person studies.
std::vector<EnrolmentRow> list_enrolments(db::Session& db, int64_t person_id,
                                          const programme::Scope& scope);
// Every status change of the person's enrolments in scope, oldest first.
std::vector<StatusChange> list_status_changes(db::Session& db, int64_t person_id,
                                              const programme::Scope& scope);
// nullopt when there is no such enrolment or it is outside the scope.
std::optional<EnrolmentRow> find_enrolment(db::Session& db, int64_t id,
                                           const programme::Scope& scope);
void update_enrolment_status(db::Session& db, int64_t id, const std::string& status);
void insert_status_change(db::Session& db, int64_t enrolment_id, const std::string& status,
                          int64_t at, int64_t by_account_id);

// Photos
bool has_photo(db::Session& db, int64_t person_id);
// `size` shown: the small copy, or the original when the photo has none
// (stored before migration 0030).
std::optional<Photo> find_photo(db::Session& db, int64_t person_id, PhotoSize size);
// Stores `original` and the JPEG `small` copy pages show.
void save_photo(db::Session& db, int64_t person_id, const Photo& original, const std::string& small,
                int64_t now);
void delete_photo(db::Session& db, int64_t person_id);

// Organisations
std::optional<Organisation> find_organisation(db::Session& db, int64_t id);
// The organisations of a country, and `also_id` wherever it is, by name (the
// profile's choice: a list of every organisation would outgrow a page).
std::vector<Organisation> list_organisations_in(db::Session& db, const std::string& country,
                                                int64_t also_id);
// Organisation `id` when it is among list_organisations_in(country, also_id).
std::optional<Organisation> find_organisation_in(db::Session& db, int64_t id,
                                                 const std::string& country, int64_t also_id);
// Organisations of the people of the account's programmes, with how many of
// those people each has, by name.
long count_organisations(db::Session& db, int64_t account_id, bool all);
std::vector<OrganisationRow> list_organisations(db::Session& db, int64_t account_id, bool all,
                                                long limit, long offset);
// The organisation's people in the account's programmes, one row per
// enrolment; `peer`: only enrolments of people taking part
// (programme::taking_part_statuses()) who show their organisation. By cohort
// start, then name; `limit` rows from `offset`.
long count_organisation_people(db::Session& db, int64_t organisation_id, int64_t account_id,
                               bool all, bool peer);
std::vector<PersonRow> organisation_people(db::Session& db, int64_t organisation_id,
                                           int64_t account_id, bool all, bool peer, long limit,
                                           long offset);

// Merging `from` into `to`
void move_enrolment(db::Session& db, int64_t enrolment_id, int64_t to_person);
void move_status_changes(db::Session& db, int64_t from_enrolment, int64_t to_enrolment);
void delete_enrolment(db::Session& db, int64_t enrolment_id);
void move_consents(db::Session& db, int64_t from, int64_t to);
void move_photo(db::Session& db, int64_t from, int64_t to);
void set_account(db::Session& db, int64_t person_id, int64_t account_id);  // 0: none
// Records merged into `from` earlier now point at `to`.
void repoint_merged(db::Session& db, int64_t from, int64_t to);
// Blanks every personal field of `id`, sets its email to `vacated_email`
// and merged_into to `into`.
void mark_merged(db::Session& db, int64_t id, int64_t into, const std::string& vacated_email,
                 int64_t now);

}  // namespace crm::people::store

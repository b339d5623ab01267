// SQL for data protection: the personal-data export, consent records and
// erasure. The only file in privacy/ with SQL. Every function takes the open
// db::Session; writes expect the caller's transaction. Each read takes its
// scope (the person or the account) and puts it in the WHERE.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "privacy/model.hpp"
#include "programme/scope.hpp"

namespace crm::privacy::store {

// People
// The person record linked to an account (not merged away, not erased).
std::optional<programme::Person> find_person_of_account(db::Session& db, int64_t account_id);
// nullopt when there is no such person or they are outside the scope.
std::optional<programme::Person> find_person(db::Session& db, int64_t person_id,
                                             const programme::Scope& scope);
std::optional<programme::Organisation> find_organisation(db::Session& db, int64_t id);
// Content type and time of the person's photo; nullopt when there is none.
std::optional<std::pair<std::string, int64_t>> photo_of(db::Session& db, int64_t person_id);
// True when the person is enrolled in a cohort of one of the account's
// programmes (programme/scope.hpp; for staff: a programme whose team they are on).
bool is_staff_of_person(db::Session& db, int64_t account_id, int64_t person_id);

// The export
std::optional<AccountData> account_data(db::Session& db, int64_t account_id);
// Oldest first, each with its status history.
std::vector<EnrolmentData> enrolments_of(db::Session& db, int64_t person_id);
// The modules (titled in English, else any language) and the sessions the person teaches.
std::vector<TeachingData> teaching_of(db::Session& db, int64_t person_id);
std::vector<ConsentRecord> consents_of(db::Session& db, int64_t person_id);
// Attendance at sessions, oldest first; module results by cohort and module.
std::vector<AttendanceRecord> attendance_of(db::Session& db, int64_t person_id);
std::vector<ModuleResultRecord> module_results_of(db::Session& db, int64_t person_id);
std::vector<SentInvitation> invitations_sent_by(db::Session& db, int64_t account_id, int64_t now);
// Entries by the account or about the account or the person, newest first.
std::vector<AuditLine> audit_about(db::Session& db, int64_t account_id, int64_t person_id,
                                   long limit);

// Consents
// The consent for `purpose` that is still given, if any.
std::optional<ConsentRecord> open_consent(db::Session& db, int64_t person_id,
                                          const std::string& purpose);
int64_t insert_consent(db::Session& db, int64_t person_id, const std::string& purpose, int64_t at,
                       int64_t recorded_by_account_id);
// False when the row is not open any more (withdrawn meanwhile).
bool withdraw_consent(db::Session& db, int64_t person_id, int64_t consent_id, int64_t at);
// Demo data: everyone enrolled gives `purpose`, dated at their first enrolment.
void insert_consents_at_first_enrolment(db::Session& db, const std::string& purpose);
// Withdrawal of the directory consent: the person shows nothing to others.
void hide_from_directory(db::Session& db, int64_t person_id, int64_t now);

// Erasure requests
// False when the person has asked already or is erased.
bool mark_erasure_requested(db::Session& db, int64_t person_id, int64_t at);
// The person changed their mind; false when there was no pending request.
bool clear_erasure_request(db::Session& db, int64_t person_id);
// Pending requests (asked, not erased) of people enrolled in a programme the
// account is on the team of (programme/scope.hpp); every pending request when
// `team_account_id` is 0. Each with its cohorts' names (as cohort_names_of),
// in two statements however many there are.
std::vector<ErasureRequest> erasure_requests(db::Session& db, int64_t team_account_id);
// How many of those there are (one statement, for the staff dashboard).
long count_erasure_requests(db::Session& db, int64_t team_account_id);
std::vector<std::string> cohort_names_of(db::Session& db, int64_t person_id);

// Erasure (each part of the one erasure transaction)
// Clears every personal field, sets the email to erased-<id>@invalid and
// erased_at; false when the person was erased already.
bool erase_person(db::Session& db, int64_t person_id, int64_t now);
void delete_photo(db::Session& db, int64_t person_id);
void close_consents(db::Session& db, int64_t person_id, int64_t at);
// Audit entries about the account, the person or invitations to `email`
// keep what happened and when, not the recorded changes.
void scrub_audit_about(db::Session& db, int64_t account_id, int64_t person_id,
                       const std::string& email);
// Entries whose changes contain `text` (an email, a name; literally, as the
// text or as JSON writes it) lose their changes; entries whose actor label
// contains it lose the label. For free text only: what the log records by id
// (the person, the account, invitations) goes by id, scrub_audit_about.
void scrub_audit_mentioning(db::Session& db, const std::string& text);
// Entries the account made keep their action and time; the label (name and
// email at the time) becomes `label` and the address is cleared.
void relabel_audit_actor(db::Session& db, int64_t account_id, const std::string& label);
// Invitations to `email` (or accepted by the account) keep their dates and
// role; their email becomes `placeholder` and the name is cleared.
void anonymise_invitations(db::Session& db, const std::string& email, int64_t account_id,
                           const std::string& placeholder);
void delete_login_attempts(db::Session& db, const std::string& email);
void delete_mail_to(db::Session& db, const std::string& email);
// The account and, by cascade, its sessions, recovery codes and resets.
void delete_account(db::Session& db, int64_t account_id);

}  // namespace crm::privacy::store

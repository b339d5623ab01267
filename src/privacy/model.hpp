// Plain data of data protection: what crm holds about one person (for the
// export), consent records, and erasure requests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "admissions/apply_store.hpp"
#include "admissions/review_store.hpp"
#include "certificates/model.hpp"
#include "knowledge/publication_store.hpp"
#include "papers/project_store.hpp"
#include "papers/store.hpp"
#include "programme/model.hpp"
#include "spaces/moderation_store.hpp"
#include "surveys/answer_store.hpp"

namespace crm::privacy {

// The signed-in account, as the person's own export shows it. Never the
// password hash, the TOTP secret or any session token.
struct AccountData {
  int64_t id = 0;
  std::string email, name, role, language, time_zone;
  bool two_factor = false;
  int64_t created_at = 0;
  int64_t last_login_at = 0;  // 0: never (from the audit log)
  long active_sessions = 0;
  long calendar_feeds = 0;  // private calendar addresses not revoked (own and cohort feeds)
};

struct StatusChange {
  std::string status;
  int64_t at = 0;
};

struct EnrolmentData {
  int64_t id = 0, cohort_id = 0;
  std::string cohort;  // the cohort's name
  std::string role, status;
  int64_t created_at = 0;
  std::vector<StatusChange> history;  // oldest first
};

struct ConsentRecord {
  int64_t id = 0;
  std::string purpose;                     // participation | directory | media
  int64_t given_at = 0, withdrawn_at = 0;  // withdrawn_at 0: still given
  // Who recorded it: 0 nobody (demo, import), the person's own account, or
  // a member of the programme team (a consent given on paper).
  int64_t recorded_by_account_id = 0;
};

// An invitation the account sent. The invitee's name and email are someone
// else's data and stay out of the export.
struct SentInvitation {
  int64_t id = 0;
  std::string role, state;  // state: see auth::invitation_state
  int64_t created_at = 0;
};

// An audit entry made by the account or about the person or their account:
// what and when, never the recorded changes (they may name other people).
struct AuditLine {
  int64_t at = 0;
  std::string action, entity, entity_id;
};

// One's attendance at a session and one's result in a module (curriculum).
struct AttendanceRecord {
  int64_t session_id = 0, cohort_id = 0, starts_at = 0, recorded_at = 0;
  std::string cohort, session, status, note;  // session: its title ("" when it has none)
};
struct ModuleResultRecord {
  int64_t module_id = 0, cohort_id = 0, recorded_at = 0;
  std::string cohort, module, result, note;  // module: its English (or first) title
};

// A module or session the person teaches (is named a lecturer of).
struct TeachingData {
  std::string kind;  // "module" or "session"
  int64_t id = 0;
  std::string cohort, title;
  int64_t starts_at = 0;  // a session's start; 0 for a module
};

struct PersonData {
  programme::Person person;
  programme::Organisation organisation;  // id 0: none
  bool has_photo = false;
  std::string photo_type;
  int64_t photo_updated_at = 0;
};

// Everything crm holds about the signed-in person.
struct PersonalData {
  int64_t generated_at = 0;
  AccountData account;
  bool has_person = false;  // an account without a person record has only its account data
  PersonData person;
  std::vector<EnrolmentData> enrolments;
  std::vector<TeachingData> teaching;  // modules, then sessions by start
  std::vector<ConsentRecord> consents;
  std::vector<certificates::Certificate> certificates;  // valid and revoked
  // Consents to publish one's papers and projects (knowledge/publication.hpp).
  std::vector<knowledge::store::PublicationRow> publications;
  std::vector<AttendanceRecord> attendance;  // oldest first
  std::vector<ModuleResultRecord> module_results;
  std::vector<papers::store::PersonalPaper> papers;  // one's own final papers, without files
  std::vector<SentInvitation> invitations_sent;
  std::vector<AuditLine> audit;
  // Practice projects one is on, and the progress updates one wrote.
  std::vector<papers::project_store::PersonProject> projects;
  std::vector<papers::project_store::PersonUpdate> project_updates;
  // Answers one gave to identified surveys (anonymous ones are never linked
  // to anyone, so never here).
  std::vector<surveys::answer_store::PersonResponse> survey_responses;
  // One's applications to calls and the names of their documents (never
  // reviews or scores of them).
  std::vector<admissions::apply_store::Mine> applications;
  std::vector<admissions::Document> application_documents;
  // The scores and comments one wrote as a reviewer of applications
  // (nothing of the applicants).
  std::vector<admissions::review_store::WrittenScore> reviews_written;
  // One's own posts in the learning spaces (protected ones too: the words
  // are one's own); never anyone else's.
  std::vector<spaces::moderation_store::OwnPost> space_posts;
};

// A person who asked for erasure, as staff see the request.
struct ErasureRequest {
  int64_t person_id = 0;
  std::string name, name_latin, email, country;
  int64_t requested_at = 0;
  std::vector<std::string> cohorts;  // names
};

}  // namespace crm::privacy

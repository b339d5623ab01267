// SQL of applying: sign-ups waiting for their address, the person behind an
// applicant's account, the calls an applicant reads, applications with their
// answers and documents. Scope is in every WHERE: an application is read by
// its id and checked against the reader's person by the service.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "admissions/model.hpp"
#include "db/database.hpp"

namespace crm::admissions::apply_store {

// ------------------------------------------------------------- sign-up

// The secret named `name` (form_key); made on first use.
std::string form_key(db::Session& db, const std::string& name, int64_t now);
// Sign-up requests (login_attempt kind 'signup') for `email` that sent a
// mail, and from `network` at all, at or after `since`.
long signup_mails_for(db::Session& db, const std::string& email, int64_t since);
long signup_requests_from(db::Session& db, const std::string& network, int64_t since);
// Forgets unconfirmed sign-ups whose link has expired.
void delete_expired_signups(db::Session& db, int64_t now);
void insert_signup(db::Session& db, const std::string& email, const std::string& digest,
                   const std::string& language, std::optional<int64_t> call, int64_t now,
                   int64_t expires);
struct Signup {
  int64_t id = 0;
  std::string email, language;
  std::optional<int64_t> call;
  int64_t expires_at = 0;
  std::optional<int64_t> confirmed_at;
};
std::optional<Signup> find_signup(db::Session& db, const std::string& digest);
// True when this call confirmed it (not confirmed before).
bool confirm_signup(db::Session& db, int64_t id, int64_t now);

// -------------------------------------------------------------- people

struct PersonRow {
  int64_t id = 0;
  std::optional<int64_t> account;
  std::string name, email, gender, country;
};
std::optional<PersonRow> person_by_email(db::Session& db, const std::string& email);
std::optional<PersonRow> person_of_account(db::Session& db, int64_t account);
std::optional<PersonRow> find_person(db::Session& db, int64_t id);
int64_t insert_person(db::Session& db, int64_t account, const std::string& name,
                      const std::string& email, int64_t now);
void link_person(db::Session& db, int64_t person, int64_t account);
void update_person(db::Session& db, int64_t person, const std::string& name,
                   const std::string& gender, const std::string& country);

// --------------------------------------------------------------- calls

std::optional<Call> find_call(db::Session& db, int64_t id);
std::vector<Question> call_questions(db::Session& db, int64_t call);
std::vector<DocumentRule> call_documents(db::Session& db, int64_t call);

// -------------------------------------------------------- applications

std::optional<Application> find_application(db::Session& db, int64_t id);
std::optional<int64_t> application_of(db::Session& db, int64_t call, int64_t person);
// A new draft; nullopt when the person has one for the call already (a
// second request at the same moment).
std::optional<int64_t> insert_application(db::Session& db, int64_t call, int64_t person,
                                          const std::string& language, int64_t now);
// Writes every field the form holds (not status, decision or times).
void save_application(db::Session& db, const Application& a, int64_t now);
void replace_answers(db::Session& db, int64_t application, const std::map<int64_t, std::string>& v);
void set_submitted(db::Session& db, int64_t application, int64_t now);
void set_withdrawn(db::Session& db, int64_t application, int64_t now);
// Whether any review of it has been assigned (the applicant sees "under review").
bool under_review(db::Session& db, int64_t application);

struct Mine {
  Application application;
  Call call;  // with its texts
  bool under_review = false;
};
// The person's applications, newest first; calls and review state in one
// statement each.
std::vector<Mine> applications_of(db::Session& db, int64_t person);

std::vector<Document> documents_of(db::Session& db, int64_t application);
// The documents of all the person's applications (names, no contents).
std::vector<Document> documents_of_person(db::Session& db, int64_t person);
// Replaces the document of that kind.
int64_t put_document(db::Session& db, const Document& d, const std::string& data, int64_t now);
bool delete_document(db::Session& db, int64_t application, const std::string& kind);
struct DocumentFile {
  Document document;
  std::string data;
};
std::optional<DocumentFile> document_file(db::Session& db, int64_t application,
                                          const std::string& kind);

}  // namespace crm::admissions::apply_store

// Applying to a call: one application per person and call, filled in page
// by page and saved as one goes (each page one transaction; bad input saves
// nothing and comes back with its messages), documents sniffed and size-
// limited, sent and changed until the deadline (deadline::is_open, decided
// by the server to the second), withdrawn at any time. The applicant sees
// the state of their application and nothing of the review.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "admissions/apply_store.hpp"
#include "admissions/model.hpp"
#include "core/result.hpp"
#include "web/context.hpp"

namespace crm::admissions::apply {

inline constexpr long kPages = 5;  // personal, organisation, motivation, documents, review

// Everything the form shows.
struct Form {
  Call call;
  std::vector<Question> questions;
  std::vector<DocumentRule> rules;
  Application application;
  apply_store::PersonRow person;
  std::vector<Document> documents;
  bool open = false;  // the call takes changes now
};

// Starts (or finds) the actor's application to `call`; its id. not_found:
// no such published call, or the actor may not apply; conflict: the call
// does not take applications now (and the actor has none).
Result<int64_t> start(web::Ctx& ctx, int64_t call);
// The actor's own application; not_found for anybody else's.
Result<Form> open(web::Ctx& ctx, int64_t application);

// What a page sent (field name → value).
using Fields = std::map<std::string, std::string>;
struct Saved {
  std::vector<Error> problems;  // empty: saved
  long next = 1;                // the page to show next
};
// Saves page `n`. action "back" skips the required-field check (what is
// there is still checked and saved); "next" checks everything.
// not_found / conflict (closed) as open/start.
Result<Saved> save_page(web::Ctx& ctx, int64_t application, long n, const Fields& f,
                        const std::string& action);
Status upload(web::Ctx& ctx, int64_t application, const std::string& kind,
              const std::string& filename, const std::string& data);
Status remove_document(web::Ctx& ctx, int64_t application, const std::string& kind);
// Sends it: every problem that keeps it from being complete, or none
// (sent, confirmation mail with a copy queued).
Result<std::vector<Error>> submit(web::Ctx& ctx, int64_t application);
Status withdraw(web::Ctx& ctx, int64_t application, bool confirmed);

// The problems of a complete application (empty: it can be sent), each with
// its field; `page` of each in `pages`.
std::vector<Error> incomplete(const Form& f, std::vector<long>* pages = nullptr);

// The state the applicant sees: draft, submitted, under_review, decided, withdrawn.
std::string state_of(const Application& a, bool under_review);
Result<std::vector<apply_store::Mine>> mine(web::Ctx& ctx);
struct Status_ {
  Form form;
  std::string state;
};
Result<Status_> status(web::Ctx& ctx, int64_t application);

// A document of an application: its owner and the programme's staff.
// not_found with a message saying so when retention has emptied it.
Result<apply_store::DocumentFile> document(web::Ctx& ctx, int64_t application,
                                           const std::string& kind);

// The fields of each page, for the views and the checks.
bool valid_kind(const std::string& kind);

}  // namespace crm::admissions::apply

// Decisions on a call's applications (issue 13 §5): accept, waiting list
// (ranked), reject; the mails in each applicant's language from templates
// staff edit per kind and language; the applicant's confirmation by a date;
// the next person on the waiting list who keeps the parity targets when a
// place becomes free; and the confirmed applicant's enrolment in the cohort.
//
// Decided, then sent. Staff decide one by one or "as the shortlist stands"
// (shortlisted: accepted; the next best eligible, as many as staff say:
// waiting list ranked 1..n by score; the rest: rejected) and may change any
// decision until they send them. Sending is the point of no return: it
// queues one mail per decision (outbox jobs, in the same transaction), sets
// application.decided_at (the moment it was sent; the applicant sees a
// decision only from then on) and the call's status to 'decided'.
//
// Confirm-by: a local date in the call's zone; the applicant may answer
// until the end of that day there (confirm_by is the first second after
// it, as Call::closes_at). A scheduled job (kExpiryJob) marks those who did
// not answer by then declined.
//
// Confirmation: the same person record becomes a participant of the call's
// cohort — an enrolment (role participant, status participant) whose history
// starts at 'applicant' (when the application was sent), then 'admitted'
// (when the acceptance was sent), then 'participant' (now). The account of
// an applicant (role applicant) becomes a participant's; an account with any
// other role (an alumnus or lecturer applying again) keeps it.
//
// Who: staff who manage the call's programme (policy::can_manage_calls) for
// the decisions and templates, else not_found; the applicant who owns the
// application for confirm/decline, else not_found. Every write is one
// transaction with its audit entries; bad input changes nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admissions/decision_store.hpp"
#include "admissions/shortlist_service.hpp"
#include "core/result.hpp"
#include "jobs/runner.hpp"
#include "web/context.hpp"

namespace crm::admissions::decision {

inline constexpr std::string_view kExpiryJob = "admissions.confirm_expiry";
inline constexpr const char* kKinds[] = {"accepted", "waiting", "rejected"};

struct Entry {
  RankedRow ranked;  // score, shortlist, buckets
  decision_store::DecisionRow d;
};

// When a place is free after the decisions went out: the best-ranked
// waiting applicant with whom the accepted (and not declined) set still
// meets every bound, and the better-ranked ones skipped with the bound each
// would break.
struct Skipped {
  int64_t id = 0;
  std::string name;
  selection::Group group;  // the first bound not met with them
};
struct Offer {
  long free_places = 0;
  std::optional<int64_t> application;
  std::string name;
  std::vector<Skipped> skipped;
};

struct DecisionsPage {
  shortlist_store::CallRow call;
  std::string time_zone;
  std::vector<Bound> call_bounds;
  std::vector<Entry> rows;  // by rank
  long accepted = 0, waiting = 0, rejected = 0, undecided = 0, unsent = 0;
  long confirmed = 0, declined = 0;
  bool sent = false;        // the call's decisions have gone out
  bool open = false;        // the call still takes applications
  Offer offer;              // when sent
  std::string confirm_by;   // suggested local date (two weeks ahead)
  long waiting_places = 0;  // suggested length of the waiting list
};
// not_found unless the actor manages the call's programme; conflict when
// the solver fails (shortlist_service).
Result<DecisionsPage> decisions_page(web::Ctx& ctx, int64_t call_id);

struct DecideForm {
  std::string mode;         // all | one
  std::string application;  // one: the application's id
  std::string decision;     // one: accepted | waiting | rejected | none
  std::string confirm_by;   // YYYY-MM-DD in the call's zone (for acceptances)
  std::string waiting;      // all: how many go on the waiting list
};
// invalid (nothing written) when the decisions have been sent, the call still
// takes applications, the application is not one of the call's submitted
// ones ("application"), the decision unknown ("decision"), the confirm-by
// date missing, not a date or not in the future where someone is accepted
// ("confirm_by"), the waiting list's length not a number from 0 to 1,000
// ("waiting"). not_found as decisions_page.
Status decide(web::Ctx& ctx, int64_t call_id, const DecideForm& form);

// Sends every decision not sent yet. invalid when `confirmed` is false
// ("confirm"), an application has no decision, there is nothing to send, or
// an acceptance's confirm-by date has passed. Returns the number of mails.
Result<long> send(web::Ctx& ctx, int64_t call_id, bool confirmed);

struct OfferForm {
  std::string application, confirm_by;
};
// Accepts the waiting applicant DecisionsPage::offer names, with a new
// confirm-by date, and sends them the acceptance at once. invalid when no
// place is free, the application is not the one offered, or the date is bad.
Status offer(web::Ctx& ctx, int64_t call_id, const OfferForm& form);

// Templates: per kind and language the text written for the call, or the
// built-in one.
struct TemplateText {
  std::string subject, body;
  bool written = false;
};
struct TemplatesPage {
  shortlist_store::CallRow call;
  std::map<std::pair<std::string, std::string>, TemplateText> texts;  // (kind, language)
  std::string kind, language;                                         // the one being edited
};
// kind/language: the pair to edit (accepted/en when empty or unknown).
Result<TemplatesPage> templates_page(web::Ctx& ctx, int64_t call_id, const std::string& kind,
                                     const std::string& language);
struct TemplateForm {
  std::string kind, language, subject, body, action;  // action "reset": back to built-in
};
// invalid (nothing stored) when kind or language is unknown, the subject is
// empty or longer than 200 characters ("subject"), the body empty or longer
// than 10,000 ("body"), or either uses a placeholder other than {name},
// {call}, {confirm_by} and {link}.
Status save_template(web::Ctx& ctx, int64_t call_id, const TemplateForm& form);

// The applicant's answer to an acceptance: action accept or decline
// (decline needs `confirmed`). not_found unless it is the actor's own
// application; conflict (nothing changed) when there is no open offer on it
// or its confirm-by date has passed; invalid for an unknown action or a
// decline not ticked ("confirm").
Status answer(web::Ctx& ctx, int64_t application_id, const std::string& action, bool confirmed);

// Marks the call's acceptances past their confirm-by date declined (audit
// entries as the job's actor); how many.
long expire(web::Ctx& ctx, int64_t call_id);
jobs::Handler expiry_job(const Config& config, const Catalogs& catalogs, const web::Assets& assets);

// Pure: the placeholders of `text` that crm does not know ({name}, {call},
// {confirm_by}, {link} are known).
std::vector<std::string> unknown_placeholders(std::string_view text);
// The built-in subject and body of `kind` as msgids (translate with Tr::key).
const char* builtin_subject(std::string_view kind);
const char* builtin_body(std::string_view kind);
// `text` with each {placeholder} of `values` replaced.
std::string fill(std::string text, const std::map<std::string, std::string>& values);

}  // namespace crm::admissions::decision

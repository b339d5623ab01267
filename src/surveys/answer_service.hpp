// Answering a survey: through a personal link (/s/{token}, no sign-in) or
// signed in (/my/surveys/{invitation}), page by page, each page saved when it
// is sent so that a dropped connection loses at most the page being typed,
// resumed where the respondent left off, submitted with the facts results
// count by.
//
// Pages ("screens"): surveys::pages() splits a version at its sections; a
// page is split further before the first question whose "show if" reads a
// question on the same page, so that without JavaScript a condition is only
// ever evaluated on answers already sent (the three-month follow-up asks
// "are you using them?" first and "where?" or "what keeps you?" on the next
// page).
//
// Anonymous surveys: a draft carries no person_id; it is found by its key,
// a digest of the invitation's draft seed (links.hpp), so every way of
// answering the invitation (the first mail's link, a reminder's, the
// signed-in pages) finds the same draft. Submission clears the key and the
// seed, so afterwards nothing leads from the invitation or the person to the
// response; the invitation keeps only answered = 1.
//
// Link states (the status of the page that says so, in the respondent's
// language; nothing is changed): unknown token 404; already answered 409
// (the link's start and /done pages say thank you with 200); round not open
// yet 409; round closed (closes_at passed, to the second) or cancelled 410.
//
// Unknown links are counted per network (auth::record_unknown_link): once
// a network has had too many (auth/throttle.hpp kLinkNetwork), its
// requests for any /s/ link are refused with 429 and the seconds to wait,
// without the token being looked up, until the wait is over. Other networks
// are not affected; the signed-in pages are not limited.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "surveys/answer_store.hpp"
#include "surveys/form_views.hpp"
#include "surveys/model.hpp"
#include "web/context.hpp"
#include "web/forms.hpp"

namespace crm::surveys::answer {

// Longest free-text answer, in characters.
inline constexpr long kMaxTextChars = 5000;

// A page of the answering form: the section it belongs to (index, -1: none)
// and its questions (indexes into Definition::questions, sections excluded).
struct Screen {
  long section = -1;
  std::vector<size_t> questions;
  std::set<std::string> names;  // the names of its questions
  std::set<std::string> reads;  // names its conditions read
};
std::vector<Screen> screens(const Definition& d);

// The form field of a question ("q.<name>") and of a matrix row
// ("m.<name>~<row>"): the names form_views draws them with.
std::string field_of(const Question& q);
std::string field_of(const Question& q, const Choice& row);

// What was sent (or saved) per field: every value of it.
using Raw = FieldValues;
// The saved answers as fields, to fill the form in again.
Raw raw_of(const Definition& d, const std::vector<Answer>& answers);

// A page's answers checked: the answers to store, the questions shown (in
// order), the problems (field → message, translated).
struct Checked {
  std::vector<Answer> answers;
  std::vector<size_t> shown;
  std::vector<web::Problem> problems;
};
// Checks `raw` for screen `s` of `d`, given `earlier` (answers of the other
// screens): required, numbers and their range, dates, choices that exist,
// constraints ("." the answer), text length. Hidden questions are skipped
// (their answers dropped). `language`: the one the texts are read in.
Checked check_screen(const Tr& tr, const Definition& d, const Screen& s,
                     const std::vector<Answer>& earlier, const Raw& raw,
                     const std::string& language);

// Who answers what, once the link or the invitation let them in.
struct Form {
  answer_store::InvitationRow invitation;
  std::string base;                     // "/s/<token>" or "/my/surveys/<id>"
  std::vector<std::string> draft_keys;  // anonymous: the keys its draft may have, best first
  Version version;                      // the draft's version, else the newest
  std::string language;                 // the language the respondent reads it in
  std::optional<answer_store::Draft> draft;
  std::vector<Screen> screens;
};

// Refused: status 404, 409, 410 or 429, `key` the message (msgid);
// `answered` when the invitation was answered already; `retry_after` the
// seconds a 429 asks to wait.
struct Refusal {
  int status = 404;
  std::string key;
  bool answered = false;
  int64_t opens_at = 0;
  int64_t retry_after = 0;
};

// The form behind a personal link. `preferred`: the language picked in this
// browser ("" when none). Sets ctx.tr to the reading language when crm's
// interface has it.
std::variant<Form, Refusal> open_by_token(web::Ctx& ctx, const std::string& token,
                                          const std::string& preferred);
// The form of the signed-in person's invitation `id` (404 when not theirs).
std::variant<Form, Refusal> open_by_invitation(web::Ctx& ctx, int64_t id);

// Whether page n (1-based) may be shown: every page before it was saved.
bool reachable(const Form& f, long n);
// The page a respondent resumes at (1-based).
long resume_page(const Form& f);
// The questions shown on page n and whether it is the last page to show
// (then it carries "Submit"), given what is saved and `raw` for page n.
struct PageState {
  long n = 1;
  std::vector<size_t> shown;
  bool last = false;
};
PageState page_state(const Form& f, long n);
// The saved answers of the other pages than n.
std::vector<Answer> answers_outside(const Form& f, long n);

// What a POST of page n did.
struct Saved {
  std::vector<web::Problem> problems;  // not empty: nothing was saved
  Checked checked;                     // the input as checked (to show it again)
  std::string location;                // where to go next
};
// action: "next", "back" or "submit". One transaction; audit-logged for
// identified surveys only.
Saved save_page(web::Ctx& ctx, Form& f, long n, const Raw& raw, const std::string& action);

// The signed-in person's open invitations.
struct MySurvey {
  int64_t invitation = 0, closes_at = 0;
  std::string title, language;  // in the language the person reads it in
  bool started = false, anonymous = false;
};
Result<std::vector<MySurvey>> my_surveys(web::Ctx& ctx);

}  // namespace crm::surveys::answer

// Calls for applications: staff write a call for a cohort of their programme
// (dates in the call's own zone, places, texts per language, what reviewers
// do not see, the documents, eligibility questions, the rubric and the
// cohort's parity bounds), publish and close it; everyone reads the open
// calls and a published call's page, without an account.
//
// Who may do what (admissions/policy.hpp), checked first; what an actor may
// not see answers not_found (404): writing and the staff list are the
// programme's staff and admins (can_manage_calls); a draft call is seen by
// them only; a published, closed or decided call is public.
//
// Every write is one transaction with its audit entry; bad input writes
// nothing and answers invalid naming the field.
//
// Reopening: the dates of a published call can move. A call whose closing has
// passed and that already has applications is not reopened by moving its
// closing into the future unless staff tick "reopen" on purpose (audited as
// call.reopen): applicants who missed the deadline were told it had passed.
// A closed call stays closed (its decisions follow).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "admissions/call_store.hpp"
#include "admissions/model.hpp"
#include "core/result.hpp"
#include "web/context.hpp"

namespace crm::admissions {

inline constexpr size_t kMaxCallTitle = 200, kMaxCallText = 5000, kMaxLabel = 300, kMaxHint = 1000;
inline constexpr long kMaxPlaces = 1000, kMaxReviewers = 10, kMaxRetentionMonths = 120,
                      kMaxDocumentMegabytes = 20, kMaxScale = 100;

// The kinds of document a call can ask for, in the form's order.
const std::vector<std::string_view>& document_kinds();
// The dimensions of a bound, in the form's order.
const std::vector<std::string_view>& bound_dimensions();

struct DocumentForm {
  bool asked = false, required = false;
  std::string max_megabytes;
};

// /calls/new (cohort, dates, zone, places) and /calls/{id}/edit (everything).
struct CallForm {
  std::string cohort;
  std::string opens_date, opens_time, closes_date, closes_time, time_zone, places;
  std::map<std::string, CallText> texts;  // language → texts (edit)
  std::vector<std::string> blind;         // blinding::field_name()s ticked (edit)
  bool conflict_same_country = false, second_stage = false, reopen = false;
  std::string reviewers, retention;
  std::map<std::string, DocumentForm> documents;  // kind → rule (edit)
};

struct NewCallPage {
  std::vector<call_store::CohortChoice> cohorts;
  CallForm form;
};
std::optional<NewCallPage> new_call_page(web::Ctx& ctx);
Result<int64_t> create_call(web::Ctx& ctx, const CallForm& form);

// A call as staff see it on its pages: with its cohort and title.
struct CallHead {
  Call call;
  call_store::CallRow row;
  long applications = 0;
};

struct EditCallPage {
  CallHead head;
  CallForm form;
  bool closing_passed_with_applications = false;
};
std::optional<EditCallPage> edit_call_page(web::Ctx& ctx, int64_t id);
Status update_call(web::Ctx& ctx, int64_t id, const CallForm& form);

// Label and hint (questions) or guidance (criteria) per language.
using LabelTexts = std::map<std::string, std::pair<std::string, std::string>>;

struct QuestionForm {
  std::string kind = "yes_no", eligible;
  bool required = true;
  LabelTexts texts;
};
struct QuestionsPage {
  CallHead head;
  std::vector<Question> questions;
  QuestionForm form;
  bool locked = false;  // applications exist: the questions cannot change
};
std::optional<QuestionsPage> questions_page(web::Ctx& ctx, int64_t id);
Status add_question(web::Ctx& ctx, int64_t id, const QuestionForm& form);
Status delete_question(web::Ctx& ctx, int64_t id, int64_t question_id);

struct CriterionForm {
  std::string weight = "1", scale_min = "1", scale_max = "5";
  LabelTexts texts;
};
struct CriteriaPage {
  CallHead head;
  std::vector<Criterion> criteria;
  CriterionForm form;
  bool locked = false;  // reviews exist: the rubric cannot change
};
std::optional<CriteriaPage> criteria_page(web::Ctx& ctx, int64_t id);
Status add_criterion(web::Ctx& ctx, int64_t id, const CriterionForm& form);
Status delete_criterion(web::Ctx& ctx, int64_t id, int64_t criterion_id);

struct BoundForm {
  std::string dimension, value, min = "0", max;
};
struct BoundsPage {
  CallHead head;
  std::vector<Bound> bounds;
  std::vector<std::string> countries;  // the programme's, for the value picker
  BoundForm form;
};
std::optional<BoundsPage> bounds_page(web::Ctx& ctx, int64_t id);
Status add_bound(web::Ctx& ctx, int64_t id, const BoundForm& form);
// The n-th bound (1-based, in list order) whose dimension and value are
// `expected` (what the page showed); conflict when the list changed.
Status delete_bound(web::Ctx& ctx, int64_t id, long n, const BoundForm& expected);
// Whether `b` may join `existing` in a call of `places`: invalid naming the
// field when it contradicts them (min above max, a minimum above the places,
// the minimums of a dimension adding up to more than the places, a maximum
// for every value below one value's minimum).
Status check_bound(const Bound& b, const std::vector<Bound>& existing, long places);

// Publishing: a title in at least one language, the closing after the
// opening, at least one criterion. Only a draft is published.
Status publish_call(web::Ctx& ctx, int64_t id);
// Closing: a published call stops taking applications now.
Status close_call(web::Ctx& ctx, int64_t id);

// The open calls (published, open now or opening later).
struct OpenCalls {
  std::vector<call_store::CallRow> calls;
};
OpenCalls open_calls(web::Ctx& ctx);

// A call's public page.
struct PublicCall {
  CallHead head;
  CallText text;
  std::string text_language;  // the language `text` is written in
  std::vector<Question> questions;
  std::vector<DocumentRule> documents;
  bool open = false, opens_later = false, can_manage = false;
};
std::optional<PublicCall> public_call(web::Ctx& ctx, int64_t id);
// The texts a reader gets: their language's, else English, else the first
// language (by code) with a title. nullptr when none has a title.
const std::pair<const std::string, CallText>* text_for(const std::map<std::string, CallText>& texts,
                                                       std::string_view language);

// Staff: the calls of their programmes with the counts of applications.
struct ManageCalls {
  std::vector<call_store::CallRow> calls;
  bool can_create = false;
};
std::optional<ManageCalls> manage_calls(web::Ctx& ctx);

}  // namespace crm::admissions

// Survey results for staff and the programme's lecturers: per question of a
// version (or of every version, questions paired by name) the counts behind
// the charts, cross-tabs by a respondent fact, number statistics, dates per
// month and free text; the pre/post change of a self-assessment; the raw
// identified responses for staff. Every figure passes surveys/anonymity
// here, so pages and exports (built from the same call) show the same.
// What a role may not see answers not_found (404).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "programme/model.hpp"
#include "surveys/anonymity.hpp"
#include "surveys/model.hpp"
#include "surveys/results_store.hpp"
#include "surveys/staff_title.hpp"
#include "web/context.hpp"

namespace crm::surveys {

// The facts a cross-tab may be by.
inline constexpr const char* kCrossTabs[] = {"cohort", "country", "route_role", "organisation_type",
                                             "gender"};

// What the reader asked for (validated by results_page: unknown values are
// ignored, not errors — a filter link is never a form).
struct ResultsQuery {
  std::string version;  // "" (newest with responses), "all", or a version id
  int64_t round = 0, cohort = 0;
  std::string by;  // '' or one of kCrossTabs
};

// A count as shown: its value only when hidden is no.
struct Count {
  long value = 0;
  anonymity::Hidden hidden = anonymity::Hidden::no;
  bool shown() const { return hidden == anonymity::Hidden::no; }
};

struct ResultGroup {
  std::string value;  // as stored ('' for not given; cohort: its id)
  std::string label;  // cohort names; other labels come from the views
  long respondents = 0;
};

// The choices of a question (or of a matrix row) against its answered total.
struct ChoiceBlock {
  std::string item, item_label;  // matrix row; '' otherwise
  long answered = 0;
  bool answered_shown = false;  // at least the threshold answered
  std::vector<std::string> choice_names, choice_labels;
  std::vector<Count> overall;                // per choice
  std::vector<Count> group_answered;         // cross-tab: per group
  std::vector<std::vector<Count>> by_group;  // cross-tab: [choice][group]
};

struct NumberStats {
  long count = 0;
  double mean = 0, median = 0, min = 0, max = 0;
};

struct QuestionResult {
  std::string name, type, label;
  long answered = 0;
  bool shown = false;               // at least the threshold answered (else "fewer than n")
  std::vector<ChoiceBlock> blocks;  // single, multiple, likert; matrix: one per row
  NumberStats stats;                // integer, decimal
  std::vector<std::pair<std::string, Count>> months;  // date: "2026-03" → count
  std::vector<std::string> texts;                     // text, in order of the text
  bool texts_cut = false;                             // more than the page lists
};

struct ResultsPage {
  Survey survey;
  StaffTitle title;  // in the reader's language, from the newest version
  programme::Programme programme;
  long threshold = 5;
  std::string language;  // of the question texts
  std::vector<results_store::VersionCount> versions;
  std::vector<results_store::RoundCount> rounds;
  std::vector<ResultGroup> cohorts;  // of the rounds, for the filter
  ResultsQuery query;                // as applied (validated)
  int64_t version = 0;               // 0: every version
  long respondents = 0;              // in the filtered set
  bool too_few = false;              // fewer than the threshold: nothing but the message
  bool filter_refused = false;  // the filter would reveal a small rest (anonymity::filter_shown)
  std::vector<ResultGroup> groups;  // cross-tab columns
  std::vector<Count> group_sizes;   // per group, suppressed like the columns
  std::vector<QuestionResult> questions;
  bool has_pre_post = false;       // link to the change page
  bool can_see_responses = false;  // link to the raw responses
};

// The results of survey `id`; not_found unless policy::can_see_results.
Result<ResultsPage> results_page(web::Ctx& ctx, int64_t id, ResultsQuery query);

// The self-assessment's change per competence (rounds with phase pre and
// post, paired by person; identified surveys only).
struct CompetenceChange {
  std::string question, item, label;
  long paired = 0;
  bool shown = false;  // at least the threshold of people paired
  double before = 0, after = 0, change = 0;
};
struct ChangePage {
  Survey survey;
  StaffTitle title;
  programme::Programme programme;
  long threshold = 5;
  long people_paired = 0;  // with both a pre and a post response
  double scale_max = 0;    // the highest score a rating can have (points of the largest scale)
  std::vector<CompetenceChange> rows;
};
// not_found unless policy::can_see_results, the survey is identified, and it
// has rounds with phase pre and post.
Result<ChangePage> change_page(web::Ctx& ctx, int64_t id);

// Raw identified responses (staff, identified surveys; anonymous: not_found).
struct RawColumn {
  std::string question, item, label;
};
struct RawRow {
  results_store::RawResponse response;
  std::vector<std::string> cells;  // per column: choice labels, number or text
};
struct ResponsesPage {
  Survey survey;
  StaffTitle title;
  programme::Programme programme;
  std::vector<RawColumn> columns;
  std::vector<RawRow> rows;
  bool cut = false;  // more responses than kMaxRawResponses
};
inline constexpr long kMaxRawResponses = 20000;
inline constexpr long kMaxTexts = 500;  // free-text answers listed per page
Result<ResponsesPage> responses_page(web::Ctx& ctx, int64_t id);

}  // namespace crm::surveys

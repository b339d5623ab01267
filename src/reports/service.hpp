// The funder's indicator report (AMIF) and its drill-down.
//
// Who: staff of the programme and admins (surveys::policy::
// can_see_indicator_report); everyone else gets not_found (404).
//
// What is counted, for a period [from, to] given as days in the viewer's zone:
// (1) participants in training activities: people enrolled as participants
//     (status admitted, participant or graduate) in a cohort who were present
//     at least once at a session of that cohort starting in the period. A
//     person counts once per cohort, and once in the total.
// (2) participants who consider the training useful for their work:
//     responses submitted in the period to a question with indicator
//     'useful' whose chosen choice is marked positive.
// (3) participants who report three months after leaving the training that
//     they use the skills and competences acquired: the same for indicator
//     'using_skills', from rounds sent to graduates at least three months
//     after they completed.
// Responses are counted, anonymous or not: each invitation has at most one
// response, so each response is one person. Beside (2) and (3): the people
// asked (invitations sent in rounds open during the period) and the
// responses that answered the question.
//
// Disaggregations by country, gender, organisation type and route role:
// route roles come from programme_country, and a person or response counts
// once per role their country holds (so route roles can add up to more than
// the figure). The programme's anonymity threshold holds in every
// disaggregated cell and in each cohort's figure, by the same rule as every
// survey result (surveys/anonymity.hpp, suppress_sums): a cell with fewer
// than the threshold (but more than none) is hidden, a hidden group or
// cohort hides its cells, and further cells are hidden until no hidden cell
// can be recomputed from the figures around it (a figure minus its other
// parts, by row and by column). Totals are shown.
//
// The page, its downloads and the drill-down all come from compute(), so
// they show the same numbers. Each costs a fixed number of statements, and
// the report reads counts from the database, not one row per response.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "reports/model.hpp"
#include "web/context.hpp"

namespace crm::reports {

// What the request asked for, as typed (?programme=&from=&to=&cohort=).
struct ReportQuery {
  std::string programme, from, to, cohort;
};

// The report. invalid (field "from" or "to") when a date does not parse or
// `to` is before `from`; not_found when the actor may not see the
// programme's report or the cohort is not one of the programme's.
Result<Report> indicator_report(web::Ctx& ctx, const ReportQuery& q);

// The pure part: the figures of each indicator's tallies (cohort_tallies,
// total_tallies), suppressed by surveys::anonymity::suppress_sums.
void compute(Report& report, const std::vector<programme::ProgrammeCountry>& countries);

// The groups of a person or response with these facts in `dimension`
// ("none" when it has none there; route roles: one per role of the country).
std::vector<std::string> group_values(const std::string& country, const std::string& gender,
                                      const std::string& organisation_type,
                                      std::string_view dimension,
                                      const std::vector<programme::ProgrammeCountry>& countries);

// The drill-down of one figure: ?indicator=&cohort=&group= ("" or
// "dimension:value"). not_found as indicator_report, and when the figure is
// hidden by the threshold or does not exist.
struct DrillRow {
  Record record;                    // (1): sessions summed over cohorts
  std::vector<int64_t> cohort_ids;  // (1) in the total: each cohort counted
};
struct RoundCount {
  int64_t round_id = 0, cohort_id = 0;
  std::string survey_title;
  long count = 0;
};
struct RecordsPage {
  Report report;  // without its tallies
  Indicator indicator = Indicator::participants;
  int64_t cohort_id = 0;         // 0: all cohorts
  std::string dimension, value;  // empty: the whole figure
  Cell cell;
  std::vector<DrillRow> people;              // (1) and identified responses
  std::vector<RoundCount> anonymous_rounds;  // anonymous responses: counts per round only
};
Result<RecordsPage> indicator_records(web::Ctx& ctx, const ReportQuery& q,
                                      std::string_view indicator, std::string_view group);

}  // namespace crm::reports

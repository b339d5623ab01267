// The funder's indicator report: plain data of the three AMIF training
// indicators, per cohort and in total, with their disaggregations and the
// cells the anonymity threshold hides (reports/service.hpp says how each is
// counted).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "programme/model.hpp"

namespace crm::reports {

// The indicators, in the funder's order.
enum class Indicator { participants = 1, useful = 2, using_skills = 3 };
constexpr Indicator kIndicators[] = {Indicator::participants, Indicator::useful,
                                     Indicator::using_skills};
// "participants", "useful", "using_skills" (the ?indicator= of the drill-down).
const char* indicator_key(Indicator i);
bool parse_indicator(std::string_view key, Indicator& out);

// The dimensions a figure is broken down by, in the order shown.
constexpr const char* kDimensions[] = {"country", "gender", "organisation_type", "route_role"};

// One thing counted: a person attending (1), or a response (2, 3). Facts of a
// response are those copied into it when it was submitted; person_id and
// person_name are empty for anonymous responses (nothing leads to a person).
struct Record {
  int64_t key = 0;  // person id (1), response id (2, 3)
  int64_t cohort_id = 0;
  int64_t person_id = 0;  // 0: anonymous
  std::string person_name;
  std::string country, gender, organisation_type;  // gender: programme::gender_bucket
  long sessions = 0;                               // (1): sessions attended in the period
  int64_t round_id = 0;                            // (2, 3)
  int64_t survey_id = 0;                           // (2, 3)
  std::string survey_title;                        // (2, 3): in the reader's language
  bool anonymous = false;                          // (2, 3)
};

// People (1) or responses (2, 3) with the same facts, counted in one cohort,
// or over all cohorts (cohort_id 0), where a person in two cohorts counts once
// (the facts of a person are the same in both).
struct Tally {
  int64_t cohort_id = 0;
  std::string country, gender, organisation_type;
  long count = 0;
};

// A figure as shown: `suppressed` when the anonymity threshold hides it
// (then `count` must not be shown, only "fewer than {n}" or "hidden").
// `small`: below the threshold itself; otherwise hidden only so that a small
// one cannot be worked out from it.
struct Cell {
  long count = 0;
  bool suppressed = false;
  bool small = false;
};

// A row of a disaggregation: one value of the dimension ("DE", "female",
// "ngo", "origin", "none"), the total and each cohort (in Report::cohorts'
// order).
struct GroupRow {
  std::string value;
  Cell total;
  std::vector<Cell> cohorts;
};

struct Breakdown {
  std::string dimension;
  std::vector<GroupRow> rows;
};

struct IndicatorFigures {
  Indicator indicator = Indicator::participants;
  Cell total;
  std::vector<Cell> cohorts;
  // (2, 3): people asked (invitations sent in the period) and responses that
  // answered the indicator's question, total and per cohort.
  long asked = 0, answered = 0;
  std::vector<long> cohort_asked, cohort_answered;
  std::vector<Breakdown> breakdowns;  // kDimensions' order
  // What compute() counts: per cohort (a cohort_id not among the report's
  // cohorts counts in the total only) and over all cohorts.
  std::vector<Tally> cohort_tallies, total_tallies;
};

struct Period {
  std::string from, to;  // "YYYY-MM-DD" as the viewer reads it
  int64_t from_at = 0;   // the first instant (00:00 of `from` in the viewer's zone)
  int64_t to_end = 0;    // the first instant after `to`
  int64_t from_day = 0;  // UTC midnight of `from` (responses are dated by their day)
  int64_t to_day = 0;    // UTC midnight of `to`
};

struct Report {
  programme::Programme programme;
  std::vector<programme::Cohort> cohorts;  // every cohort of the programme, oldest first
  int64_t cohort_filter = 0;               // ?cohort=: show only that one (0: all)
  Period period;
  long threshold = 5;
  std::vector<IndicatorFigures> indicators;  // kIndicators' order
};

}  // namespace crm::reports

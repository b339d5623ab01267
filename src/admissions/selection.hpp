// The proposed shortlist of a call: the N applicants with the highest total
// score that meet every parity bound, solved exactly as an integer program.
// Pure: no database, no clock; shortlist_service.cpp gathers the input.
//
// The program. x_i ∈ {0,1} for every eligible applicant i (submitted, not
// withdrawn, not ruled out by an eligibility question, with at least
// `reviews_needed` submitted reviews):
//   maximise  Σ c_i x_i
//   subject to Σ x_i = P                         P = min(places, eligible)
//              min_g ≤ Σ_{i ∈ g} x_i ≤ max_g     for every group g of a bound
// A bound (dimension, value, min, max) is one group: the applicants whose
// bucket in `dimension` is `value`. Value '*' makes one group per value that
// an eligible applicant has ("at most 3 per country"); a bound on one value
// replaces the '*' bound of its dimension for that value (the more specific
// one wins). Route roles: an applicant counts in the group of each role they
// hold (a country holding several roles — Turkey: origin, transit and
// destination — puts its applicants in each), so route-role groups overlap;
// every other dimension puts an applicant in exactly one group.
//
// Objective and ties. Scores are rounded to kScoreUnit (1/10,000 of a point;
// pages show two decimals) and made whole numbers, so the solver compares
// integers. Ties are broken deterministically in favour of the earlier
// application (lower id): within a group of equal scores the earlier one gets
// a larger tie rank t_i < size of that group, and c_i = units_i · T + t_i with
// T = P · (largest tie group) + 1, so no sum of tie ranks can outweigh one
// unit of score: the optimum has the highest score sum first, then prefers
// earlier applications. The relative objective tolerance is set far below
// one unit (tol_obj 1e-12 against values below 1e13), so branch and bound
// prunes nothing that is better by one.
//
// When the bounds cannot all be met (glp_intopt reports no integer feasible
// solution, or presolve finds the program infeasible), the program is solved
// again with elastic slacks: every group g gets s⁻_g, s⁺_g ≥ 0 (integer),
// min_g − s⁻_g ≤ Σ x ≤ max_g + s⁺_g. The slack is penalised far above any
// score sum — lexicographically, in two exact solves rather than with one
// big-M weight that would drown the score in rounding: first minimise Σ s
// (the fewest places by which bounds are missed), then, with Σ s fixed at that
// minimum, maximise the score as above. The groups with non-zero slack are the
// bounds that break (by how much), and that solution is the closest set.
//
// Why GLPK (libglpk-dev 5.0) and not CBC (coinor-libcbc-dev): both are in
// Debian and either solves this size in well under a second (bench/selection.sh:
// 2,000 applicants, 35 places, five kinds of bounds). GLPK is one small C
// library with a stable C API (glp_intopt with its own presolve, glp_mip_status
// to check the outcome), no C++ ABI to match and no threads of its own. Its
// licence, GPL-3.0-or-later, is compatible with crm's AGPL-3.0-or-later (the
// GPL-3 and AGPL-3 each allow combining with the other); CBC's EPL-2.0 would
// also do, but brings a stack of COIN-OR libraries for no gain here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admissions/model.hpp"
#include "core/result.hpp"

namespace crm::admissions::selection {

constexpr double kScoreUnit = 1e-4;

// An applicant as the selection sees them: the total score (mean over
// submitted reviews of each review's weighted mean) and their buckets.
struct Applicant {
  int64_t id = 0;
  double score = 0;
  long reviews = 0;  // submitted reviews
  bool withdrawn = false;
  bool ineligible = false;               // an eligibility question answered otherwise
  std::vector<std::string> route_roles;  // every role the applicant holds ("" none)
  std::string gender;                    // programme::gender_bucket
  std::string country;                   // ISO code of the country of work
  std::string organisation_type;
};

struct Input {
  std::vector<Applicant> applicants;
  long places = 0;
  long reviews_needed = 2;
  std::vector<Bound> bounds;
};

// One group of a bound, with its count in the proposed set.
struct Group {
  std::string dimension, value;  // value is concrete ('*' expanded)
  bool each = false;             // from a '*' bound
  long min_count = 0;
  std::optional<long> max_count;
  long count = 0;     // in the proposal
  long short_by = 0;  // min_count - count when positive (infeasible only)
  long over_by = 0;   // count - max_count when positive (infeasible only)
  bool met() const { return short_by == 0 && over_by == 0; }
};

// A bound that cannot hold whatever the applicants: the key says why.
struct Contradiction {
  const char* key = "";  // msgid with {dimension} {value} {min} {max} {sum} {places}
  std::string dimension, value;
  long min_count = 0, max_count = 0, sum = 0, places = 0;
};

enum class Why {
  in_score,        // in on score
  in_minimum,      // in although a better one is out: needed for a minimum
  out_withdrawn,   // withdrawn
  out_ineligible,  // an eligibility question answered otherwise
  out_reviews,     // fewer than reviews_needed submitted reviews
  out_maximum,     // a group of theirs is at its maximum, all in it score higher
  out_score,       // below the last place
  out_bounds,      // would be in on score; the bounds keep them out
};

// Why one applicant is in or out, as a message key with its numbers.
struct Verdict {
  int64_t id = 0;
  bool in = false;
  long rank = 0;  // 1 = best score among all applicants (withdrawn included)
  Why why = Why::out_score;
  const char* key = "";  // msgid: {score} {last} {value} {min} {max} {n}
  double score = 0;
  double last = 0;  // the last place's score (of the group for out_maximum)
  std::string dimension, value;
  long number = 0;  // min, max or reviews needed
};

struct Outcome {
  bool feasible = true;  // every bound met
  long places = 0;       // P
  long eligible = 0;
  std::vector<int64_t> chosen;  // by score, best first
  std::vector<Group> groups;    // every group of every bound
  std::vector<Contradiction> contradictions;
  std::vector<Verdict> verdicts;  // every applicant, by rank
};

// The proposed shortlist. An error (ErrorKind::conflict, "The solver could
// not compute a shortlist.") only when GLPK itself fails (or runs past its
// time limit of 20 s); bounds that cannot be met are an Outcome with
// feasible == false.
Result<Outcome> propose(const Input& in);

// The groups of `bounds` over `applicants` (eligible or not: shortlist_service
// uses it for the parity view of a hand-changed set) with the counts of
// `chosen`, short_by/over_by filled.
std::vector<Group> count_groups(const std::vector<Applicant>& applicants,
                                const std::vector<Bound>& bounds,
                                const std::vector<int64_t>& chosen);

// Bounds that contradict each other or the places whatever the applicants:
// min above max; the minimums of a dimension whose groups do not overlap
// (all but route_role) adding up to more than the places; a minimum above the
// places.
std::vector<Contradiction> contradictions(const std::vector<Bound>& bounds, long places);

// The message key of a dimension's bound for out_maximum ("country bound of
// {max} reached" …).
const char* maximum_key(const std::string& dimension);

}  // namespace crm::admissions::selection

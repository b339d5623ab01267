#include "admissions/selection.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "core/i18n.hpp"

namespace crm::admissions::selection {

namespace {

bool in_group(const Applicant& a, const std::string& dimension, const std::string& value) {
  if (dimension == "route_role")
    return std::find(a.route_roles.begin(), a.route_roles.end(), value) != a.route_roles.end();
  if (dimension == "gender") return a.gender == value;
  if (dimension == "country") return a.country == value;
  if (dimension == "organisation_type") return a.organisation_type == value;
  return false;
}

std::vector<std::string> values_of(const Applicant& a, const std::string& dimension) {
  if (dimension == "route_role") return a.route_roles;
  if (dimension == "gender") return {a.gender};
  if (dimension == "country") return {a.country};
  if (dimension == "organisation_type") return {a.organisation_type};
  return {};
}

// The groups of `bounds` over `people`: '*' expanded to each value present
// (empty values are no bucket), a bound on one value replacing the '*' of its
// dimension for that value. In bound order, the values of a '*' sorted.
std::vector<Group> expand(const std::vector<Bound>& bounds,
                          const std::vector<const Applicant*>& people) {
  std::set<std::pair<std::string, std::string>> explicit_values;
  for (const auto& b : bounds)
    if (b.value != "*") explicit_values.insert({b.dimension, b.value});
  std::vector<Group> out;
  for (const auto& b : bounds) {
    auto group = [&](const std::string& value, bool each) {
      Group g;
      g.dimension = b.dimension;
      g.value = value;
      g.each = each;
      g.min_count = b.min_count;
      g.max_count = b.max_count;
      return g;
    };
    if (b.value != "*") {
      out.push_back(group(b.value, false));
      continue;
    }
    std::set<std::string> values;
    for (const auto* a : people)
      for (auto& v : values_of(*a, b.dimension))
        if (!v.empty() && !explicit_values.count({b.dimension, v})) values.insert(v);
    for (const auto& v : values) out.push_back(group(v, true));
  }
  return out;
}

void fill_counts(std::vector<Group>& groups, const std::vector<const Applicant*>& chosen) {
  for (auto& g : groups) {
    g.count = 0;
    for (const auto* a : chosen)
      if (in_group(*a, g.dimension, g.value)) ++g.count;
    g.short_by = std::max(0L, g.min_count - g.count);
    g.over_by = g.max_count ? std::max(0L, g.count - *g.max_count) : 0;
  }
}

struct ProblemDeleter {
  void operator()(glp_prob* p) const { glp_delete_prob(p); }
};
using Problem = std::unique_ptr<glp_prob, ProblemDeleter>;

enum class Solved { optimal, infeasible, failed };

// The model: x_i (columns 1..n), optionally slacks per group; row 1 the
// places, rows 2.. the groups. `objective`: coefficients of x (maximised) or,
// when `minimise_slack`, the sum of slacks is minimised. `slack_cap`: a row
// Σ s <= cap. The chosen x in `x`.
Solved solve(const std::vector<const Applicant*>& eligible, const std::vector<Group>& groups,
             long places, const std::vector<double>& objective, bool elastic, bool minimise_slack,
             std::optional<long> slack_cap, std::vector<int>& x, long& slack_sum) {
  Problem p(glp_create_prob());
  glp_prob* lp = p.get();
  const int n = static_cast<int>(eligible.size());
  const int m = static_cast<int>(groups.size());
  glp_set_obj_dir(lp, minimise_slack ? GLP_MIN : GLP_MAX);
  glp_add_cols(lp, n);
  for (int j = 1; j <= n; ++j) {
    glp_set_col_kind(lp, j, GLP_BV);
    glp_set_obj_coef(lp, j, minimise_slack ? 0.0 : objective[j - 1]);
  }
  // Slack columns: for group k, s⁻ at n + 2k + 1 and s⁺ at n + 2k + 2.
  if (elastic) {
    glp_add_cols(lp, 2 * m);
    for (int k = 0; k < m; ++k)
      for (int s = 1; s <= 2; ++s) {
        int col = n + 2 * k + s;
        glp_set_col_kind(lp, col, GLP_IV);
        glp_set_col_bnds(lp, col, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(lp, col, minimise_slack ? 1.0 : 0.0);
      }
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  auto put = [&](int row, int col, double v) {
    ia.push_back(row);
    ja.push_back(col);
    ar.push_back(v);
  };
  // Row 1: the places. Then per group a row for its minimum (when above 0)
  // and one for its maximum (when set), each with its own slack, so that a
  // minimum above its maximum is two rows that cannot both hold.
  glp_add_rows(lp, 1);
  glp_set_row_bnds(lp, 1, GLP_FX, double(places), double(places));
  for (int j = 1; j <= n; ++j) put(1, j, 1.0);
  auto group_row = [&](const Group& g, int type, double bound, int slack_col, double slack) {
    int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, type, type == GLP_LO ? bound : 0.0, type == GLP_UP ? bound : 0.0);
    for (int j = 1; j <= n; ++j)
      if (in_group(*eligible[j - 1], g.dimension, g.value)) put(row, j, 1.0);
    if (elastic) put(row, slack_col, slack);
  };
  for (int k = 0; k < m; ++k) {
    const Group& g = groups[k];
    if (g.min_count > 0) group_row(g, GLP_LO, double(g.min_count), n + 2 * k + 1, 1.0);
    if (g.max_count) group_row(g, GLP_UP, double(*g.max_count), n + 2 * k + 2, -1.0);
  }
  if (slack_cap) {
    int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, GLP_UP, 0.0, double(*slack_cap));
    for (int k = 0; k < 2 * m; ++k) put(row, n + k + 1, 1.0);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());

  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_ON;
  parm.mip_gap = 0.0;
  parm.tol_obj = 1e-12;
  parm.tm_lim = 20000;
  int rc = glp_intopt(lp, &parm);
  if (rc == GLP_ENOPFS) return Solved::infeasible;
  if (rc != 0) return Solved::failed;
  int status = glp_mip_status(lp);
  if (status == GLP_NOFEAS) return Solved::infeasible;
  if (status != GLP_OPT) return Solved::failed;
  x.assign(n, 0);
  for (int j = 1; j <= n; ++j) x[j - 1] = glp_mip_col_val(lp, j) > 0.5 ? 1 : 0;
  slack_sum = 0;
  if (elastic)
    for (int k = 0; k < 2 * m; ++k) slack_sum += std::lround(glp_mip_col_val(lp, n + k + 1));
  return Solved::optimal;
}

const char* contradiction_min_max =
    N_("The minimum of {min} for {value} is above its maximum of {max}.");
const char* contradiction_min_places =
    N_("The minimum of {min} for {value} is more than the {places} places.");
const char* contradiction_sum =
    N_("The minimums of {dimension} add up to {sum}, more than the {places} places.");

}  // namespace

const char* maximum_key(const std::string& dimension) {
  if (dimension == "country")
    return N_(
        "score {score}, below the last place for {value} ({last}): country bound of {max} reached");
  if (dimension == "route_role")
    return N_(
        "score {score}, below the last place for {value} ({last}): route-role bound of {max} "
        "reached");
  if (dimension == "gender")
    return N_(
        "score {score}, below the last place for {value} ({last}): gender bound of {max} reached");
  return N_(
      "score {score}, below the last place for {value} ({last}): organisation-type bound of {max} "
      "reached");
}

std::vector<Contradiction> contradictions(const std::vector<Bound>& bounds, long places) {
  std::vector<Contradiction> out;
  std::map<std::string, long> sums;
  for (const auto& b : bounds) {
    if (b.max_count && b.min_count > *b.max_count)
      out.push_back(
          {contradiction_min_max, b.dimension, b.value, b.min_count, *b.max_count, 0, places});
    if (b.min_count > places)
      out.push_back({contradiction_min_places, b.dimension, b.value, b.min_count,
                     b.max_count.value_or(0), 0, places});
    if (b.dimension != "route_role" && b.value != "*") sums[b.dimension] += b.min_count;
  }
  for (const auto& [dimension, sum] : sums)
    if (sum > places) out.push_back({contradiction_sum, dimension, "", 0, 0, sum, places});
  return out;
}

std::vector<Group> count_groups(const std::vector<Applicant>& applicants,
                                const std::vector<Bound>& bounds,
                                const std::vector<int64_t>& chosen) {
  std::vector<const Applicant*> people, in;
  std::set<int64_t> ids(chosen.begin(), chosen.end());
  for (const auto& a : applicants) {
    people.push_back(&a);
    if (ids.count(a.id)) in.push_back(&a);
  }
  auto groups = expand(bounds, people);
  fill_counts(groups, in);
  return groups;
}

Result<Outcome> propose(const Input& input) {
  // GLPK keeps an environment per thread; free it when done, so that a
  // worker thread holds no solver memory between requests (and none leaks
  // when it ends). Every problem object is deleted by then.
  struct FreeEnvironment {
    ~FreeEnvironment() { glp_free_env(); }
  } free_environment;
  Outcome out;
  // Every applicant by score (in whole units), then the earlier first.
  std::vector<const Applicant*> all;
  for (const auto& a : input.applicants) all.push_back(&a);
  auto units = [](const Applicant* a) { return std::llround(a->score / kScoreUnit); };
  auto better = [&](const Applicant* a, const Applicant* b) {
    return std::make_tuple(-units(a), a->id) < std::make_tuple(-units(b), b->id);
  };
  std::sort(all.begin(), all.end(), better);
  auto eligible_p = [&](const Applicant* a) {
    return !a->withdrawn && !a->ineligible && a->reviews >= input.reviews_needed;
  };
  std::vector<const Applicant*> eligible;
  for (const auto* a : all)
    if (eligible_p(a)) eligible.push_back(a);
  out.eligible = static_cast<long>(eligible.size());
  out.places = std::min(std::max(0L, input.places), out.eligible);
  out.groups = expand(input.bounds, eligible);
  out.contradictions = contradictions(input.bounds, input.places);

  // Objective: units · T + tie rank (see the header).
  std::vector<long long> tie(eligible.size(), 0);
  long long largest_tie = 1;
  for (size_t i = 0; i < eligible.size();) {
    size_t j = i;
    while (j < eligible.size() && units(eligible[j]) == units(eligible[i])) ++j;
    for (size_t k = i; k < j; ++k) tie[k] = static_cast<long long>(j - 1 - k);
    largest_tie = std::max<long long>(largest_tie, static_cast<long long>(j - i));
    i = j;
  }
  const long long T = out.places * largest_tie + 1;
  std::vector<double> objective(eligible.size());
  for (size_t i = 0; i < eligible.size(); ++i)
    objective[i] = double(units(eligible[i]) * T + tie[i]);

  std::vector<int> x(eligible.size(), 0);
  long slack = 0;
  // Nobody to choose: nothing to solve (GLPK wants at least one column).
  Solved s = eligible.empty() ? Solved::optimal
                              : solve(eligible, out.groups, out.places, objective, false, false,
                                      std::nullopt, x, slack);
  if (s == Solved::infeasible) {
    // Elastic: first the least slack, then the best score with that slack.
    out.feasible = false;
    s = solve(eligible, out.groups, out.places, objective, true, true, std::nullopt, x, slack);
    if (s == Solved::optimal)
      s = solve(eligible, out.groups, out.places, objective, true, false, slack, x, slack);
  }
  if (s != Solved::optimal)
    return Error{ErrorKind::conflict, {}, N_("The solver could not compute a shortlist.")};

  std::vector<const Applicant*> chosen;
  for (size_t i = 0; i < eligible.size(); ++i)
    if (x[i]) chosen.push_back(eligible[i]);
  for (const auto* a : chosen) out.chosen.push_back(a->id);
  fill_counts(out.groups, chosen);
  out.feasible =
      std::all_of(out.groups.begin(), out.groups.end(), [](const Group& g) { return g.met(); });

  // Why each applicant is in or out.
  std::set<int64_t> in_ids(out.chosen.begin(), out.chosen.end());
  const Applicant* last = chosen.empty() ? nullptr : chosen.back();
  // The best eligible applicant left out, by score.
  const Applicant* best_out = nullptr;
  for (const auto* a : eligible)
    if (!in_ids.count(a->id)) {
      best_out = a;
      break;
    }
  auto group_last = [&](const Group& g) -> const Applicant* {
    const Applicant* l = nullptr;
    for (const auto* a : chosen)
      if (in_group(*a, g.dimension, g.value)) l = a;
    return l;
  };
  long rank = 0;
  for (const auto* a : all) {
    Verdict v;
    v.id = a->id;
    v.rank = ++rank;
    v.score = a->score;
    v.last = last ? last->score : 0;
    if (a->withdrawn) {
      v.why = Why::out_withdrawn;
      v.key = N_("withdrawn");
    } else if (a->ineligible) {
      v.why = Why::out_ineligible;
      v.key = N_("not eligible: an answer to an eligibility question rules it out");
    } else if (a->reviews < input.reviews_needed) {
      v.why = Why::out_reviews;
      v.number = input.reviews_needed;
      v.key = N_("not eligible: fewer than {n} reviews");
    } else if (in_ids.count(a->id)) {
      v.in = true;
      v.why = Why::in_score;
      v.key = N_("in: score {score}");
      if (best_out && better(best_out, a)) {
        for (const auto& g : out.groups)
          if (g.min_count > 0 && g.count <= g.min_count && in_group(*a, g.dimension, g.value)) {
            v.why = Why::in_minimum;
            v.key = N_("in: needed for the minimum of {min} {value}");
            v.number = g.min_count;
            v.dimension = g.dimension;
            v.value = g.value;
            break;
          }
      }
    } else if (!last || better(last, a)) {
      v.why = Why::out_score;
      v.key = N_("score {score}, below the last place ({last})");
    } else {
      v.why = Why::out_bounds;
      v.key =
          N_("score {score}, above the last place ({last}), but taking them would break a bound");
      for (const auto& g : out.groups) {
        if (!g.max_count || g.count < *g.max_count || !in_group(*a, g.dimension, g.value)) continue;
        const Applicant* gl = group_last(g);
        if (gl && better(gl, a)) {
          v.why = Why::out_maximum;
          v.key = maximum_key(g.dimension);
          v.number = *g.max_count;
          v.dimension = g.dimension;
          v.value = g.value;
          v.last = gl->score;
          break;
        }
      }
    }
    out.verdicts.push_back(v);
  }
  return out;
}

}  // namespace crm::admissions::selection

// The proposed shortlist (admissions/selection.hpp) on hand-checked
// fixtures: the integer program is exact where choosing greedily by score is
// not, every kind of bound holds, '*' and route roles held by one country
// several times count as the header says, bounds that cannot be met are
// reported with the bound that breaks and the closest set, and ties go to
// the earlier application.
#include "admissions/selection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace crm::admissions::selection {
namespace {

Applicant person(int64_t id, double score, std::string country, std::string gender = "female",
                 std::vector<std::string> roles = {"origin"}, std::string type = "ministry") {
  Applicant a;
  a.id = id;
  a.score = score;
  a.reviews = 2;
  a.country = std::move(country);
  a.gender = std::move(gender);
  a.route_roles = std::move(roles);
  a.organisation_type = std::move(type);
  return a;
}

Bound bound(std::string dimension, std::string value, long min, std::optional<long> max) {
  return Bound{std::move(dimension), std::move(value), min, max};
}

std::vector<int64_t> sorted(std::vector<int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

double total(const Input& in, const std::vector<int64_t>& ids) {
  double s = 0;
  for (auto id : ids)
    for (const auto& a : in.applicants)
      if (a.id == id) s += a.score;
  return s;
}

const Group* group(const Outcome& o, const std::string& dimension, const std::string& value) {
  for (const auto& g : o.groups)
    if (g.dimension == dimension && g.value == value) return &g;
  return nullptr;
}

const Verdict& verdict(const Outcome& o, int64_t id) {
  for (const auto& v : o.verdicts)
    if (v.id == id) return v;
  throw std::runtime_error("no verdict");
}

// Two places, at most one per country, at least one woman.
//   A 5.0 man MA, B 4.9 woman MA, C 4.8 man TN, D 1.0 woman EG.
// Greedy by score, keeping a completion possible: A first (A + D is
// feasible), B is refused (MA full), C is refused (A + C has no woman), D
// closes: {A, D} = 6.0, feasible. The program: {B, C} = 9.7, feasible
// (one MA, one TN, B a woman) and 3.7 better.
TEST(Selection, OptimalWhereGreedyByScoreIsNot) {
  Input in;
  in.places = 2;
  in.applicants = {person(1, 5.0, "MA", "male"), person(2, 4.9, "MA", "female"),
                   person(3, 4.8, "TN", "male"), person(4, 1.0, "EG", "female")};
  in.bounds = {bound("country", "*", 0, 1), bound("gender", "female", 1, std::nullopt)};
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->feasible);
  std::vector<int64_t> greedy{1, 4};
  EXPECT_DOUBLE_EQ(total(in, greedy), 6.0);
  EXPECT_EQ(sorted(r->chosen), (std::vector<int64_t>{2, 3}));
  EXPECT_DOUBLE_EQ(total(in, r->chosen), 9.7);
  EXPECT_GT(total(in, r->chosen), total(in, greedy));
  for (const auto& g : r->groups) EXPECT_TRUE(g.met()) << g.dimension << " " << g.value;
  EXPECT_EQ(group(*r, "gender", "female")->count, 1);
  // A is out although the best: MA is full with B, who is needed as the only
  // woman — the best out is above the last place, kept out by the bounds.
  EXPECT_FALSE(verdict(*r, 1).in);
  EXPECT_EQ(verdict(*r, 1).why, Why::out_bounds);
  EXPECT_EQ(verdict(*r, 2).why, Why::in_minimum);
  EXPECT_EQ(verdict(*r, 2).value, "female");
  EXPECT_EQ(verdict(*r, 2).number, 1);
  EXPECT_EQ(verdict(*r, 4).why, Why::out_score);
  EXPECT_DOUBLE_EQ(verdict(*r, 4).last, 4.8);
}

// Three places, one per country, at least one transit.
//   A 5.0 MA origin, B 4.9 MA transit, C 4.8 TN destination, D 4.0 TN
//   transit, E 3.0 EG origin.
// Greedy by score within the maximums: A, (B: MA full), C, (D: TN full), E =
// {A, C, E}, 12.8 but no transit: it breaks the minimum. The program:
// {B, C, E} = 12.7, the best set with a transit ({A, D, E} = 12.0).
TEST(Selection, GreedyWithinMaximumsBreaksAMinimumTheProgramDoesNot) {
  Input in;
  in.places = 3;
  in.applicants = {
      person(1, 5.0, "MA", "male", {"origin"}), person(2, 4.9, "MA", "female", {"transit"}),
      person(3, 4.8, "TN", "male", {"destination"}), person(4, 4.0, "TN", "male", {"transit"}),
      person(5, 3.0, "EG", "female", {"origin"})};
  in.bounds = {bound("country", "*", 0, 1), bound("route_role", "transit", 1, std::nullopt)};
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->feasible);
  EXPECT_EQ(sorted(r->chosen), (std::vector<int64_t>{2, 3, 5}));
  EXPECT_NEAR(total(in, r->chosen), 12.7, 1e-9);
  EXPECT_EQ(group(*r, "route_role", "transit")->count, 1);
  // D is out below the last place for TN, whose bound of 1 is reached… but
  // D's 4.0 is also above the last place overall (E's 3.0): the verdict
  // names the country bound.
  const auto& d = verdict(*r, 4);
  EXPECT_EQ(d.why, Why::out_maximum);
  EXPECT_EQ(d.dimension, "country");
  EXPECT_EQ(d.value, "TN");
  EXPECT_EQ(d.number, 1);
  EXPECT_DOUBLE_EQ(d.last, 4.8);
  EXPECT_STREQ(d.key, maximum_key("country"));
  EXPECT_EQ(verdict(*r, 2).why, Why::in_minimum);
}

TEST(Selection, WithoutBoundsTheBestScoresAreIn) {
  Input in;
  in.places = 2;
  in.applicants = {person(1, 3.0, "MA"), person(2, 4.5, "MA"), person(3, 4.0, "MA"),
                   person(4, 1.5, "MA")};
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->chosen, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(verdict(*r, 2).why, Why::in_score);
  EXPECT_EQ(verdict(*r, 2).rank, 1);
  EXPECT_EQ(verdict(*r, 1).why, Why::out_score);
  EXPECT_DOUBLE_EQ(verdict(*r, 1).last, 4.0);
}

// Each kind of bound on its own: a maximum of one value, a minimum of one
// value, an exact count (min = max), '*' on every value.
TEST(Selection, EveryKindOfBoundHolds) {
  Input in;
  in.places = 4;
  in.applicants = {
      person(1, 5.0, "MA", "male", {"origin"}, "ministry"),
      person(2, 4.9, "MA", "male", {"origin"}, "ministry"),
      person(3, 4.8, "MA", "male", {"origin"}, "ngo"),
      person(4, 4.7, "TN", "male", {"transit"}, "ministry"),
      person(5, 4.6, "TN", "female", {"transit"}, "university"),
      person(6, 2.0, "EG", "female", {"destination"}, "international_organisation"),
      person(7, 1.0, "EG", "female", {"destination"}, "ngo"),
  };
  // Organisation type ministry at most 2; gender female at least 2;
  // destination exactly 1; at most 2 per country.
  in.bounds = {bound("organisation_type", "ministry", 0, 2),
               bound("gender", "female", 2, std::nullopt), bound("route_role", "destination", 1, 1),
               bound("country", "*", 0, 2)};
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->feasible);
  // Two women (5 and one of 6, 7: 6), one destination (6), ministries ≤ 2,
  // then the best left: 1 and 2 are both MA ministries → 1 and 3 (MA ngo)?
  // MA at most 2: {1, 2} or {1, 3}; ministries: 1, 2, 4 — with 1 and 2 in,
  // 4 is out anyway. {1, 2, 5, 6} = 16.5 (ministries 1, 2: 2, MA 2, TN 1,
  // EG 1, women 5, 6, destination 6).
  EXPECT_EQ(sorted(r->chosen), (std::vector<int64_t>{1, 2, 5, 6}));
  EXPECT_EQ(group(*r, "organisation_type", "ministry")->count, 2);
  EXPECT_EQ(group(*r, "gender", "female")->count, 2);
  EXPECT_EQ(group(*r, "route_role", "destination")->count, 1);
  EXPECT_EQ(group(*r, "country", "MA")->count, 2);
  EXPECT_TRUE(group(*r, "country", "MA")->each);
  EXPECT_EQ(group(*r, "country", "TN")->count, 1);
  EXPECT_EQ(group(*r, "country", "EG")->count, 1);
  // 3 (MA, 4.8) is out: MA is full, its last place 4.9.
  EXPECT_EQ(verdict(*r, 3).why, Why::out_maximum);
  EXPECT_EQ(verdict(*r, 3).value, "MA");
  EXPECT_DOUBLE_EQ(verdict(*r, 3).last, 4.9);
  // 4 (TN ministry, 4.7): the ministry bound of 2 is reached by 1 and 2.
  EXPECT_EQ(verdict(*r, 4).why, Why::out_maximum);
  EXPECT_EQ(verdict(*r, 4).dimension, "organisation_type");
  EXPECT_STREQ(verdict(*r, 4).key, maximum_key("organisation_type"));
  // 6 is in below 3 and 4: needed for a minimum (women, destinations).
  EXPECT_EQ(verdict(*r, 6).why, Why::in_minimum);
}

// '*' makes one group per value present; a bound on one value replaces it
// for that value: at most one per country, but MA up to three.
TEST(Selection, AStarBoundIsPerValueAndAOneValueBoundReplacesIt) {
  Input in;
  in.places = 4;
  in.applicants = {person(1, 5.0, "MA"), person(2, 4.9, "MA"), person(3, 4.8, "MA"),
                   person(4, 4.7, "MA"), person(5, 3.0, "TN"), person(6, 2.0, "TN"),
                   person(7, 1.0, "EG")};
  in.bounds = {bound("country", "*", 0, 1), bound("country", "MA", 0, 3)};
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->feasible);
  EXPECT_EQ(sorted(r->chosen), (std::vector<int64_t>{1, 2, 3, 5}));
  ASSERT_NE(group(*r, "country", "MA"), nullptr);
  EXPECT_FALSE(group(*r, "country", "MA")->each);
  EXPECT_EQ(*group(*r, "country", "MA")->max_count, 3);
  EXPECT_EQ(group(*r, "country", "TN")->count, 1);
  EXPECT_EQ(*group(*r, "country", "TN")->max_count, 1);
  EXPECT_EQ(group(*r, "country", "EG")->count, 0);
  // Without the MA bound: one per country, three places filled by 1, 5, 7
  // and the fourth impossible → the closest set breaks one country bound.
  in.bounds = {bound("country", "*", 0, 1)};
  auto r2 = propose(in);
  ASSERT_TRUE(r2.ok());
  EXPECT_FALSE(r2->feasible);
  long over = 0;
  for (const auto& g : r2->groups) over += g.over_by;
  EXPECT_EQ(over, 1);
  EXPECT_EQ(sorted(r2->chosen), (std::vector<int64_t>{1, 2, 5, 7}));
  EXPECT_EQ(group(*r2, "country", "MA")->over_by, 1);
}

// A Turkish applicant holds origin, transit and destination: one place
// meets the minimum of transit and of destination.
//   A 5.0 MA origin, B 4.5 TR all three, C 4.6 TN transit, D 4.6 EG destination.
// Two places, at least one transit and one destination: {A, B} = 9.5 beats
// {C, D} = 9.2 and {B, C}, {B, D} = 9.1.
TEST(Selection, RouteRolesOfOneCountryCountForEachBucket) {
  Input in;
  in.places = 2;
  in.applicants = {person(1, 5.0, "MA", "male", {"origin"}),
                   person(2, 4.5, "TR", "male", {"origin", "transit", "destination"}),
                   person(3, 4.6, "TN", "male", {"transit"}),
                   person(4, 4.6, "EG", "male", {"destination"})};
  in.bounds = {bound("route_role", "transit", 1, std::nullopt),
               bound("route_role", "destination", 1, std::nullopt)};
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->feasible);
  EXPECT_EQ(sorted(r->chosen), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(group(*r, "route_role", "transit")->count, 1);
  EXPECT_EQ(group(*r, "route_role", "destination")->count, 1);
  // The route-role counts of the set add up to more than its size.
  auto groups = count_groups(in.applicants, {bound("route_role", "*", 0, std::nullopt)}, r->chosen);
  long sum = 0;
  for (const auto& g : groups) sum += g.count;
  EXPECT_EQ(sum, 4);
}

// At least two transit, but only one transit applicant is eligible (the
// other has one review of two): infeasible, the transit minimum breaks by
// one, and the closest set still holds the one transit applicant.
TEST(Selection, InfeasibleTargetsNameTheBoundThatBreaksAndProposeTheClosestSet) {
  Input in;
  in.places = 3;
  in.applicants = {
      person(1, 5.0, "MA", "male", {"origin"}), person(2, 4.9, "MA", "male", {"origin"}),
      person(3, 4.8, "MA", "male", {"origin"}), person(4, 2.0, "TN", "male", {"transit"}),
      person(5, 4.0, "TN", "male", {"transit"})};
  in.applicants[4].reviews = 1;
  in.bounds = {bound("route_role", "transit", 2, std::nullopt)};
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->feasible);
  const Group* transit = group(*r, "route_role", "transit");
  ASSERT_NE(transit, nullptr);
  EXPECT_EQ(transit->count, 1);
  EXPECT_EQ(transit->short_by, 1);
  EXPECT_FALSE(transit->met());
  EXPECT_EQ(sorted(r->chosen), (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(verdict(*r, 5).why, Why::out_reviews);
  EXPECT_EQ(verdict(*r, 5).number, 2);
  EXPECT_EQ(verdict(*r, 4).why, Why::in_minimum);
  EXPECT_EQ(verdict(*r, 3).why, Why::out_bounds);
  EXPECT_TRUE(r->contradictions.empty());
}

// Bounds that contradict each other are named before any applicant is
// looked at, and the closest set breaks them as little as it can.
TEST(Selection, ContradictoryBoundsAreReported) {
  Input in;
  in.places = 3;
  in.applicants = {person(1, 5.0, "MA", "male"), person(2, 4.0, "TN", "female"),
                   person(3, 3.0, "EG", "female"), person(4, 2.0, "EG", "male")};
  in.bounds = {bound("gender", "female", 2, std::nullopt), bound("gender", "male", 2, std::nullopt),
               bound("country", "EG", 2, 1)};
  auto c = contradictions(in.bounds, in.places);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].dimension, "country");
  EXPECT_EQ(c[0].value, "EG");
  EXPECT_EQ(c[0].min_count, 2);
  EXPECT_EQ(c[0].max_count, 1);
  EXPECT_EQ(c[1].dimension, "gender");
  EXPECT_EQ(c[1].sum, 4);
  EXPECT_EQ(c[1].places, 3);
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->feasible);
  EXPECT_EQ(r->contradictions.size(), 2u);
  long broken = 0;
  for (const auto& g : r->groups) broken += g.short_by + g.over_by;
  // Genders: 2 + 2 in 3 places misses one; EG min 2 max 1 misses one.
  EXPECT_EQ(broken, 2);
  EXPECT_EQ(r->chosen.size(), 3u);
  // A minimum above the places.
  auto c2 = contradictions({bound("route_role", "origin", 5, std::nullopt)}, 3);
  ASSERT_EQ(c2.size(), 1u);
  EXPECT_EQ(c2[0].min_count, 5);
  EXPECT_TRUE(contradictions({bound("route_role", "origin", 2, std::nullopt),
                              bound("route_role", "transit", 2, std::nullopt)},
                             3)
                  .empty())
      << "route roles overlap: their minimums may add up to more than the places";
}

// Equal scores: the earlier application (lower id) wins, also when a bound
// decides between the tied ones, and whatever the input order.
TEST(Selection, TiesGoToTheEarlierApplication) {
  Input in;
  in.places = 2;
  in.applicants = {person(9, 4.0, "MA"), person(3, 4.0, "TN"), person(5, 4.0, "EG"),
                   person(1, 3.0, "MA")};
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->chosen, (std::vector<int64_t>{3, 5}));
  EXPECT_EQ(verdict(*r, 9).rank, 3);
  std::reverse(in.applicants.begin(), in.applicants.end());
  auto again = propose(in);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->chosen, r->chosen);
  // At most one TN or EG… one per country: 3 (TN) and 5 (EG) still.
  in.bounds = {bound("country", "*", 0, 1)};
  auto bounded = propose(in);
  ASSERT_TRUE(bounded.ok());
  EXPECT_EQ(bounded->chosen, (std::vector<int64_t>{3, 5}));
  // Scores equal to a ten-thousandth are a tie.
  in.bounds.clear();
  in.applicants = {person(8, 4.00001, "MA"), person(2, 4.0, "MA")};
  in.places = 1;
  auto rounded = propose(in);
  ASSERT_TRUE(rounded.ok());
  EXPECT_EQ(rounded->chosen, (std::vector<int64_t>{2}));
}

// An applicant an eligibility question rules out is never proposed, however
// high the score, and the verdict says why.
TEST(Selection, AnApplicantRuledOutByAnEligibilityQuestionIsNeverProposed) {
  Input in;
  in.places = 2;
  in.reviews_needed = 2;
  in.applicants = {person(1, 5.0, "MA"), person(2, 4.0, "TN"), person(3, 3.0, "EG")};
  for (auto& a : in.applicants) a.reviews = 2;
  in.applicants[0].ineligible = true;
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->eligible, 2);
  EXPECT_EQ(r->chosen, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(verdict(*r, 1).why, Why::out_ineligible);
  EXPECT_FALSE(verdict(*r, 1).in);
  EXPECT_STREQ(verdict(*r, 1).key,
               "not eligible: an answer to an eligibility question rules it out");
  in.applicants[0].ineligible = false;
  auto all = propose(in);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->chosen, (std::vector<int64_t>{1, 2}));
}

// Withdrawn applicants and those with too few reviews are never proposed;
// with fewer eligible than places, every eligible one is in.
TEST(Selection, OnlyEligibleApplicantsAndAllOfThemWhenFewerThanPlaces) {
  Input in;
  in.places = 5;
  in.reviews_needed = 3;
  in.applicants = {person(1, 5.0, "MA"), person(2, 4.0, "TN"), person(3, 3.0, "EG"),
                   person(4, 2.0, "EG")};
  for (auto& a : in.applicants) a.reviews = 3;
  in.applicants[0].withdrawn = true;
  in.applicants[1].reviews = 2;
  auto r = propose(in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->eligible, 2);
  EXPECT_EQ(r->places, 2);
  EXPECT_EQ(r->chosen, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(verdict(*r, 1).why, Why::out_withdrawn);
  EXPECT_STREQ(verdict(*r, 1).key, "withdrawn");
  EXPECT_EQ(verdict(*r, 2).why, Why::out_reviews);
  EXPECT_EQ(verdict(*r, 2).number, 3);
  EXPECT_EQ(verdict(*r, 3).why, Why::in_score);
  // No one eligible: an empty proposal, not an error.
  for (auto& a : in.applicants) a.reviews = 0;
  auto none = propose(in);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->chosen.empty());
  EXPECT_EQ(none->verdicts.size(), 4u);
}

// The parity view of a hand-changed set: counts and what is broken.
TEST(Selection, CountGroupsOfAHandChangedSet) {
  std::vector<Applicant> people{person(1, 5.0, "MA", "male"), person(2, 4.0, "MA", "female"),
                                person(3, 3.0, "TN", "female")};
  auto groups =
      count_groups(people, {bound("country", "*", 0, 1), bound("gender", "male", 1, 2)}, {2, 1});
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].value, "MA");
  EXPECT_EQ(groups[0].count, 2);
  EXPECT_EQ(groups[0].over_by, 1);
  EXPECT_EQ(groups[1].value, "TN");
  EXPECT_EQ(groups[1].count, 0);
  EXPECT_TRUE(groups[1].met());
  EXPECT_EQ(groups[2].count, 1);
  EXPECT_TRUE(groups[2].met());
}

}  // namespace
}  // namespace crm::admissions::selection

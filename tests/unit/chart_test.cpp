// Bar charts as SVG (web/chart) and the composition they draw (programme/parity):
// pure functions, no server.
#include <gtest/gtest.h>

#include <string>

#include "programme/parity.hpp"
#include "web/chart.hpp"

namespace crm {
namespace {

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

size_t occurrences(const std::string& s, std::string_view part) {
  size_t n = 0;
  for (auto p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
  return n;
}

web::BarChart sample(bool rtl) {
  web::BarChart c;
  c.title = "Route role: <shares>";
  c.rtl = rtl;
  c.max = 100;
  c.bars = {{"Origin", 50, "50 %", 40, false},
            {"Transit & co", 25, "25 %", -1, false},
            {"Destination", 10, "10 %", 30, true}};
  return c;
}

TEST(BarChart, NamedImageWithEscapedText) {
  auto svg = web::bar_chart_svg(sample(false));
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_TRUE(has(svg, "role=\"img\""));
  EXPECT_TRUE(has(svg, "aria-label=\"Route role: &lt;shares&gt;\""));
  EXPECT_TRUE(has(svg, "<title>Route role: &lt;shares&gt;</title>"));
  EXPECT_TRUE(has(svg, "Transit &amp; co"));
  EXPECT_FALSE(has(svg, "style="));  // the CSP forbids inline styles
  // SVG elements are closed (an unclosed <rect> would swallow the text after it).
  EXPECT_EQ(occurrences(svg, "<rect "), occurrences(svg, "</rect>"));
  EXPECT_EQ(occurrences(svg, "<rect "), 3u);
  EXPECT_EQ(occurrences(svg, "<line "), 2u);  // two targets
  EXPECT_EQ(occurrences(svg, "</line>"), 2u);
  EXPECT_EQ(occurrences(svg, "class=\"bar below\""), 1u);
}

TEST(BarChart, BarsAreProportionalFromTheStartEdge) {
  auto svg = web::bar_chart_svg(sample(false));
  // 50 of 100 is half the bar area (85 % of the width), starting at x=0.
  EXPECT_TRUE(has(svg, "x=\"0\" y=\"21\" width=\"42.5%\""));
  // The target of 40 % at 34 % of the width.
  EXPECT_TRUE(has(svg, "x1=\"34%\""));
  // The value just after the bar's end.
  EXPECT_TRUE(has(svg, "class=\"value\" x=\"42.5%\" dx=\"6\""));
  EXPECT_TRUE(has(svg, "direction=\"ltr\""));
}

TEST(BarChart, TextKeepsItsSizeOnAPhone) {
  // No viewBox: the chart is as wide as its column and its text is not scaled
  // down with it (9 px labels at 360 px before); rows keep their pixel height.
  auto svg = web::bar_chart_svg(sample(false));
  EXPECT_FALSE(has(svg, "viewBox"));
  EXPECT_TRUE(has(svg, "width=\"100%\" height=\"120\""));  // three rows of 40
}

TEST(BarChart, ASeventeenPercentShareIsSeventeenPercentOfTheBarArea) {
  web::BarChart c;
  c.title = "Shares";
  c.max = 100;
  c.bars = {{"Only", 17, "17 %"}};  // alone, and still not a full-width bar
  auto svg = web::bar_chart_svg(c);
  EXPECT_TRUE(has(svg, "width=\"14.5%\"")) << svg;  // 17 % of the 85 % bar area
}

TEST(BarChart, RightToLeftIsMirrored) {
  auto svg = web::bar_chart_svg(sample(true));
  EXPECT_TRUE(has(svg, "direction=\"rtl\""));
  EXPECT_FALSE(has(svg, "direction=\"ltr\""));
  // The bar of 42.5 % ends at the right edge: it starts at 57.5 %.
  EXPECT_TRUE(has(svg, "x=\"57.5%\" y=\"21\" width=\"42.5%\""));
  // Labels start at the right edge; the value sits left of the bar; the target mirrored.
  EXPECT_TRUE(has(svg, "class=\"label\" x=\"100%\""));
  EXPECT_TRUE(has(svg, "class=\"value\" x=\"57.5%\" dx=\"-6\""));
  EXPECT_TRUE(has(svg, "x1=\"66%\""));
}

TEST(BarChart, ScalesToTheLargestValueOrTargetAndSurvivesZeros) {
  web::BarChart c;
  c.title = "Counts";
  c.bars = {{"A", 4, "4"}, {"B", 2, "2", 8}};
  auto svg = web::bar_chart_svg(c);
  EXPECT_TRUE(has(svg, "width=\"42.5%\""));  // 4 of 8
  EXPECT_TRUE(has(svg, "x1=\"85%\""));       // the target is the largest
  c.bars = {{"A", 1, "1"}, {"B", 3, "3"}};   // a third of 85: one decimal
  EXPECT_TRUE(has(web::bar_chart_svg(c), "width=\"28.3%\""));
  c.bars = {{"A", 0, "0"}, {"B", -3, "-3"}};
  svg = web::bar_chart_svg(c);
  EXPECT_EQ(occurrences(svg, "width=\"0%\""), 2u);
  EXPECT_FALSE(has(svg, "nan"));
  c.bars.clear();
  svg = web::bar_chart_svg(c);
  EXPECT_TRUE(has(svg, "<title>Counts</title>"));
  EXPECT_FALSE(has(svg, "<rect"));
}

using programme::Bucket;
using programme::Composition;
using programme::ParticipantFacts;

const Bucket& find(const Composition& c, std::string_view dimension, std::string_view value) {
  for (const auto& b : c.breakdowns)
    if (b.dimension == dimension)
      for (const auto& x : b.buckets)
        if (x.value == value) return x;
  static const Bucket none{"missing", -1, -1};
  return none;
}

long sum(const Composition& c, std::string_view dimension) {
  long n = 0;
  for (const auto& b : c.breakdowns)
    if (b.dimension == dimension)
      for (const auto& x : b.buckets) n += x.count;
  return n;
}

TEST(Composition, CountsWhoIsInTheCohort) {
  std::vector<ParticipantFacts> people = {
      {"TR", "ngo", "female", "participant"},
      {"DE", "ministry", "male", "graduate"},
      {"SN", "", "", "admitted"},
      {"SN", "university", "non-binary", "participant"},
      {"DE", "ngo", "prefer_not_to_say", "withdrawn"},
      {"DE", "ngo", "female", "applicant"},  // not (yet) in the cohort
      {"XX", "other", "female", "not_admitted"},
  };
  std::vector<programme::ProgrammeCountry> countries = {
      {"TR", "origin"}, {"TR", "transit"}, {"TR", "destination"}, {"DE", "destination"}};
  std::vector<programme::CohortTarget> targets = {{"route_role", "origin", 40},
                                                  {"gender", "female", 50},
                                                  {"country", "MA", 10},
                                                  {"gender", "unknown", 5}};
  auto c = programme::compose(people, countries, targets);
  EXPECT_EQ(c.counted, 4);
  EXPECT_EQ(c.withdrawn, 1);
  ASSERT_EQ(c.breakdowns.size(), 4u);
  // Every dimension but route roles puts each person in one bucket.
  EXPECT_EQ(sum(c, "country"), 4);
  EXPECT_EQ(sum(c, "organisation_type"), 4);
  EXPECT_EQ(sum(c, "gender"), 4);
  // Turkey holds three roles: its participant counts for each; Senegal holds none here.
  EXPECT_EQ(find(c, "route_role", "origin").count, 1);
  EXPECT_EQ(find(c, "route_role", "transit").count, 1);
  EXPECT_EQ(find(c, "route_role", "destination").count, 2);
  EXPECT_EQ(find(c, "route_role", "none").count, 2);
  EXPECT_EQ(sum(c, "route_role"), 6);
  EXPECT_EQ(find(c, "organisation_type", "none").count, 1);
  EXPECT_EQ(find(c, "gender", "female").count, 1);
  EXPECT_EQ(find(c, "gender", "self_described").count, 1);
  EXPECT_EQ(find(c, "gender", "not_given").count, 1);
  EXPECT_EQ(find(c, "gender", "prefer_not_to_say").count, 0);  // the one who withdrew
  // Targets: on their buckets; a country with a target but nobody is listed; unknown values
  // ignored.
  EXPECT_EQ(find(c, "route_role", "origin").target, 40);
  EXPECT_EQ(find(c, "gender", "female").target, 50);
  EXPECT_EQ(find(c, "country", "MA").target, 10);
  EXPECT_EQ(find(c, "country", "MA").count, 0);
  EXPECT_EQ(find(c, "gender", "unknown").count, -1);
  // Countries: largest first.
  EXPECT_EQ(c.breakdowns[1].buckets[0].value, "SN");
  EXPECT_EQ(c.breakdowns[1].buckets.back().value, "MA");
}

TEST(Composition, GapsMoreThanFivePointsUnderTarget) {
  Bucket b{"female", 9, 50};
  EXPECT_DOUBLE_EQ(programme::share_percent(9, 20), 45.0);
  EXPECT_DOUBLE_EQ(programme::gap_points(b, 20), -5.0);
  EXPECT_FALSE(programme::below_target(b, 20));  // exactly five points: not a gap
  b.count = 8;                                   // 40 %
  EXPECT_TRUE(programme::below_target(b, 20));
  b.target = -1;
  EXPECT_FALSE(programme::below_target(b, 20));
  EXPECT_DOUBLE_EQ(programme::share_percent(3, 0), 0.0);
  EXPECT_EQ(programme::gender_bucket(""), "not_given");
  EXPECT_EQ(programme::gender_bucket("male"), "male");
  EXPECT_EQ(programme::gender_bucket("Female"), "self_described");
}

}  // namespace
}  // namespace crm

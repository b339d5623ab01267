// The anonymity threshold (surveys/anonymity): which groups, filters and
// cells may be shown, with complementary suppression. Pure functions.
#include <gtest/gtest.h>

#include "surveys/anonymity.hpp"

namespace crm::surveys::anonymity {
namespace {

using H = Hidden;

TEST(Anonymity, GroupsOfFourAreHiddenAndFiveShownAroundAThresholdOfFive) {
  EXPECT_FALSE(shown(4, 5));
  EXPECT_TRUE(shown(5, 5));
  EXPECT_FALSE(shown(1, 5));
  EXPECT_TRUE(shown(0, 5));  // nobody: nothing to reveal
  EXPECT_FALSE(shown_nonempty(0, 5));
  EXPECT_FALSE(shown_nonempty(4, 5));
  EXPECT_TRUE(shown_nonempty(5, 5));
  // A threshold below 1 is 1.
  EXPECT_EQ(effective(0), 1);
  EXPECT_EQ(effective(-3), 1);
  EXPECT_TRUE(shown_nonempty(1, 0));
  EXPECT_FALSE(shown(2, 3));
  EXPECT_TRUE(shown(3, 3));
}

TEST(Anonymity, AFilterNeedsEnoughOnBothSides) {
  EXPECT_TRUE(filter_shown(5, 5, 5));    // everyone
  EXPECT_TRUE(filter_shown(5, 10, 5));   // 5 kept, 5 left out
  EXPECT_FALSE(filter_shown(4, 10, 5));  // kept set too small
  EXPECT_FALSE(filter_shown(6, 10, 5));  // the 4 left out would show as all − kept
  EXPECT_FALSE(filter_shown(0, 10, 5));
}

TEST(Anonymity, APlainChartHidesSmallBarsAndASecondOneAgainstTheTotal) {
  // One question, one group of 20: bars 10, 6, 4 → the 4 is hidden, and the
  // 6 with it, else 20 − 10 − 6 = 4.
  Table t{{{10}, {6}, {4}}, {20}};
  auto m = suppress(t, 5);
  EXPECT_EQ(m.cell[0][0], H::no);
  EXPECT_EQ(m.cell[1][0], H::complement);
  EXPECT_EQ(m.cell[2][0], H::small);
  EXPECT_TRUE(m.any());
  // Bars of 5 are all shown.
  Table five{{{10}, {5}, {5}}, {20}};
  EXPECT_FALSE(suppress(five, 5).any());
}

TEST(Anonymity, TheSecondHiddenCellIsTheSmallestNonZero) {
  Table t{{{9}, {0}, {3}, {7}}, {19}};
  auto m = suppress(t, 5);
  EXPECT_EQ(m.cell[0][0], H::no);
  EXPECT_EQ(m.cell[1][0], H::no);  // a zero protects nothing when others are there
  EXPECT_EQ(m.cell[2][0], H::small);
  EXPECT_EQ(m.cell[3][0], H::complement);
  // Two small cells protect each other: nothing more is hidden.
  Table two{{{9}, {2}, {3}}, {14}};
  auto m2 = suppress(two, 5);
  EXPECT_EQ(m2.cell[0][0], H::no);
  EXPECT_EQ(m2.cell[1][0], H::small);
  EXPECT_EQ(m2.cell[2][0], H::small);
}

TEST(Anonymity, ACrossTabHidesAGroupOfFourAndAnotherWithIt) {
  // Columns: countries with 4, 5 and 12 respondents; rows: yes / no.
  Table t{{{3, 5, 7}, {1, 0, 5}}, {4, 5, 12}};
  auto m = suppress(t, 5);
  EXPECT_EQ(m.column[0], H::small);
  // The row totals over all groups are on the plain chart: the group of 4
  // alone would be the total minus the others, so the smallest other goes too.
  EXPECT_EQ(m.column[1], H::complement);
  EXPECT_EQ(m.column[2], H::no);
  EXPECT_EQ(m.cell[0][0], H::small);
  EXPECT_EQ(m.cell[1][1], H::complement);
  EXPECT_EQ(m.cell[0][2], H::no);
  EXPECT_EQ(m.cell[1][2], H::no);

  // Groups of 5 and more are shown, cells of 5 too.
  Table ok{{{5, 5, 7}, {0, 5, 5}}, {5, 10, 12}};
  EXPECT_FALSE(suppress(ok, 5).any());
}

TEST(Anonymity, EveryLineEndsWithNoneOrAtLeastTwoHidden) {
  // A small cell in the middle forces one in its column and one in its row,
  // which in turn force more, until every line is covered.
  Table t{{{10, 12, 9}, {8, 2, 11}, {7, 9, 6}}, {25, 23, 26}};
  auto m = suppress(t, 5);
  EXPECT_EQ(m.cell[1][1], H::small);
  for (std::size_t c = 0; c < 3; ++c) {
    int hidden = 0;
    for (std::size_t r = 0; r < 3; ++r) hidden += m.hidden(r, c);
    EXPECT_NE(hidden, 1) << "column " << c;
  }
  for (std::size_t r = 0; r < 3; ++r) {
    int hidden = 0;
    for (std::size_t c = 0; c < 3; ++c) hidden += m.hidden(r, c);
    EXPECT_NE(hidden, 1) << "row " << r;
  }
  // Column 1: the 2 and the smallest other (9 in row 2); row 1: the 2 and
  // the smallest other (8 in column 0) …
  EXPECT_EQ(m.cell[2][1], H::complement);
  EXPECT_EQ(m.cell[1][0], H::complement);
}

TEST(Anonymity, ASingleGroupOrAllEmptyNeedsNoComplement) {
  Table one{{{3, 0}, {1, 0}}, {4, 0}};
  auto m = suppress(one, 5);
  EXPECT_EQ(m.column[0], H::small);
  EXPECT_EQ(m.column[1], H::no);  // empty: nobody to protect or reveal
  Table empty{{}, {}};
  EXPECT_FALSE(suppress(empty, 5).any());
}

TEST(Anonymity, SumsOfAnyShapeFollowTheSameRules) {
  // The indicator report's shape: a total (shown) of two cohorts, 12 and 3;
  // by gender: female 10 + 2, male 2 + 1; none 0 + 0.
  // Figures: 0 cohort A, 1 cohort B, 2..4 female (A, B, total),
  // 5..7 male, 8..10 none.
  std::vector<std::int64_t> f{12, 3, 10, 2, 12, 2, 1, 3, 0, 0, 0};
  std::vector<Sum> sums{{std::nullopt, {0, 1}},
                        {std::nullopt, {4, 7, 10}},
                        {0, {2, 5, 8}},
                        {1, {3, 6, 9}},
                        {4, {2, 3}},
                        {7, {5, 6}},
                        {10, {8, 9}}};
  auto h = suppress_sums(f, sums, 5);
  // Cohort B (3) is too small, and with it every one of its cells, its zero
  // too: a small group must not show how it splits.
  EXPECT_EQ(h[1], H::small);
  EXPECT_EQ(h[9], H::small);
  // Against the shown total, cohort A would be 15 - B: hidden too.
  EXPECT_EQ(h[0], H::complement);
  // Male in total (3) is small; female's total goes with it (15 - 12).
  EXPECT_EQ(h[7], H::small);
  EXPECT_EQ(h[4], H::complement);
  // The zeros of a shown group stay: nobody to protect.
  EXPECT_EQ(h[10], H::no);
  // No sum is left with exactly one hidden entry.
  for (const auto& s : sums) {
    int hidden = s.whole && h[*s.whole] != H::no;
    for (auto p : s.parts) hidden += h[p] != H::no;
    EXPECT_NE(hidden, 1);
  }
  // Nothing small: nothing hidden.
  std::vector<std::int64_t> big{20, 10, 15, 5, 20, 5, 5, 10, 0, 0, 0};
  for (auto x : suppress_sums(big, sums, 5)) EXPECT_EQ(x, H::no);
}

}  // namespace
}  // namespace crm::surveys::anonymity

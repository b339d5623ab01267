// The completion rules as a pure function: each rule names what is missing,
// each can be switched off, and the final-paper rule holds nobody back until
// final papers are kept in crm.
#include <gtest/gtest.h>

#include "curriculum/completion.hpp"

namespace crm::curriculum {
namespace {

CompletionFacts facts(long present, long recorded, std::vector<int64_t> passed = {},
                      std::optional<bool> paper = std::nullopt) {
  CompletionFacts f;
  f.person_id = 7;
  f.present = present;
  f.recorded = recorded;
  f.modules_passed = std::move(passed);
  f.paper_accepted = paper;
  return f;
}

TEST(CompletionEvaluate, EverythingDoneIsComplete) {
  auto c = evaluate(CompletionRules{}, {1, 2}, facts(9, 10, {2, 1}, true));
  EXPECT_TRUE(c.complete);
  EXPECT_TRUE(c.missing.empty());
  EXPECT_EQ(c.attendance_percent, 90);
  EXPECT_EQ(c.person_id, 7);
}

TEST(CompletionEvaluate, AttendanceBelowTheMinimumNamesBothShares) {
  auto c = evaluate(CompletionRules{}, {}, facts(5, 8));  // 62.5 %
  ASSERT_EQ(c.missing.size(), 1u);
  EXPECT_FALSE(c.complete);
  EXPECT_EQ(c.missing[0].kind, Missing::Kind::attendance);
  EXPECT_EQ(c.missing[0].percent, 62);
  EXPECT_EQ(c.missing[0].required, 80);
}

TEST(CompletionEvaluate, AttendanceExactlyAtTheMinimumIsEnoughAndJustBelowIsNot) {
  EXPECT_TRUE(evaluate(CompletionRules{}, {}, facts(8, 10)).complete);
  // 79.99 % is not 80 %: shares are rounded down, never up.
  EXPECT_FALSE(evaluate(CompletionRules{}, {}, facts(7999, 10000)).complete);
}

TEST(CompletionEvaluate, NothingRecordedYetIsMissingAttendance) {
  auto c = evaluate(CompletionRules{}, {}, facts(0, 0));
  ASSERT_EQ(c.missing.size(), 1u);
  EXPECT_EQ(c.missing[0].kind, Missing::Kind::attendance);
  EXPECT_EQ(c.attendance_percent, -1);
  EXPECT_FALSE(c.missing[0].recorded);
  EXPECT_TRUE(evaluate(CompletionRules{}, {}, facts(1, 2)).missing[0].recorded);
  CompletionRules zero;
  zero.min_percent = 0;
  EXPECT_FALSE(evaluate(zero, {}, facts(0, 0)).complete);
  EXPECT_TRUE(evaluate(zero, {}, facts(0, 3)).complete);
}

TEST(CompletionEvaluate, AttendanceRuleSwitchedOffIgnoresTheShare) {
  CompletionRules r;
  r.attendance = false;
  auto c = evaluate(r, {}, facts(1, 10));
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.attendance_percent, 10);  // still shown
}

TEST(CompletionEvaluate, EachModuleNotPassedIsNamedInTheCohortsOrder) {
  auto c = evaluate(CompletionRules{}, {3, 1, 2}, facts(10, 10, {1}));
  ASSERT_EQ(c.missing.size(), 2u);
  EXPECT_EQ(c.missing[0].kind, Missing::Kind::module);
  EXPECT_EQ(c.missing[0].module_id, 3);
  EXPECT_EQ(c.missing[1].module_id, 2);
  CompletionRules r;
  r.modules = false;
  EXPECT_TRUE(evaluate(r, {3, 1, 2}, facts(10, 10, {1})).complete);
}

TEST(CompletionEvaluate, FinalPaperCountsOnlyOnceFinalPapersAreKept) {
  EXPECT_TRUE(evaluate(CompletionRules{}, {}, facts(10, 10, {}, std::nullopt)).complete);
  auto c = evaluate(CompletionRules{}, {}, facts(10, 10, {}, false));
  ASSERT_EQ(c.missing.size(), 1u);
  EXPECT_EQ(c.missing[0].kind, Missing::Kind::paper);
  CompletionRules r;
  r.paper = false;
  EXPECT_TRUE(evaluate(r, {}, facts(10, 10, {}, false)).complete);
}

TEST(CompletionEvaluate, EveryMissingPieceIsListedAtOnce) {
  auto c = evaluate(CompletionRules{}, {4}, facts(1, 2, {}, false));
  ASSERT_EQ(c.missing.size(), 3u);
  EXPECT_EQ(c.missing[0].kind, Missing::Kind::attendance);
  EXPECT_EQ(c.missing[1].kind, Missing::Kind::module);
  EXPECT_EQ(c.missing[2].kind, Missing::Kind::paper);
}

}  // namespace
}  // namespace crm::curriculum

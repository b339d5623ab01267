// The pure rules of admissions: what a blind reviewer sees, when a call is
// open (to the second, in the call's zone, across daylight-saving changes),
// and who may apply and review.
#include <gtest/gtest.h>

#include "admissions/blinding.hpp"
#include "admissions/deadline.hpp"
#include "admissions/policy.hpp"

namespace crm::admissions {
namespace {

using blinding::Field;

TEST(AdmissionsBlinding, ANewCallBlindsEveryFieldInStageOne) {
  auto fields = blinding::parse(blinding::default_blind_fields());
  EXPECT_EQ(fields.size(), std::size(blinding::kBlindable));
  for (Field f : blinding::kBlindable) {
    EXPECT_FALSE(blinding::reviewer_sees(f, fields, 1, true)) << blinding::field_name(f);
    // The second stage shows the whole application, when the call has one.
    EXPECT_TRUE(blinding::reviewer_sees(f, fields, 2, true)) << blinding::field_name(f);
    EXPECT_FALSE(blinding::reviewer_sees(f, fields, 2, false)) << blinding::field_name(f);
  }
}

TEST(AdmissionsBlinding, StoredFieldsReadBackInOneOrderWithoutRepeatsOrUnknownWords) {
  auto fields = blinding::parse(" photo,name , name,shoe size,,email");
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0], Field::name);
  EXPECT_EQ(fields[1], Field::email);
  EXPECT_EQ(fields[2], Field::photo);
  EXPECT_EQ(blinding::join(fields), "name,email,photo");
  EXPECT_TRUE(blinding::reviewer_sees(Field::organisation, fields, 1, false));
  EXPECT_FALSE(blinding::reviewer_sees(Field::name, fields, 1, false));
  EXPECT_TRUE(blinding::parse("").empty());
}

TEST(AdmissionsDeadline, ACallClosesAtTheEndOfItsLastMinuteInItsOwnZone) {
  // 29 March 2026: Berlin puts its clocks forward from 02:00 to 03:00 (UTC+2
  // from then). 23:59 Berlin is 21:59 UTC; the call takes that whole minute.
  auto closes = deadline::closing_instant("2026-03-29", "23:59", "Europe/Berlin", "closes");
  ASSERT_TRUE(closes) << closes.error().key;
  const int64_t midnight_utc_30_march = 1774828800;  // 2026-03-30T00:00:00Z
  EXPECT_EQ(*closes, midnight_utc_30_march - 2 * 3600);
  Call call;
  call.status = "published";
  call.opens_at = *closes - 30 * 86400;
  call.closes_at = *closes;
  EXPECT_TRUE(deadline::is_open(call, *closes - 1));  // 23:59:59 Berlin
  EXPECT_FALSE(deadline::is_open(call, *closes));     // 00:00:00 Berlin
  EXPECT_FALSE(deadline::is_open(call, call.opens_at - 1));
  EXPECT_TRUE(deadline::is_open(call, call.opens_at));
  // The same minute a day earlier is still winter time (UTC+1).
  auto before = deadline::closing_instant("2026-03-28", "23:59", "Europe/Berlin", "closes");
  ASSERT_TRUE(before);
  EXPECT_EQ(*closes - *before, 86400 - 3600);
  // A draft or closed call takes nothing, whatever the time.
  call.status = "draft";
  EXPECT_FALSE(deadline::is_open(call, *closes - 1));
  call.status = "closed";
  EXPECT_FALSE(deadline::is_open(call, *closes - 1));
}

TEST(AdmissionsDeadline, AMinuteTheClocksSkipOrAnUnknownZoneIsRefused) {
  auto skipped = deadline::closing_instant("2026-03-29", "02:30", "Europe/Berlin", "closes");
  ASSERT_FALSE(skipped);
  EXPECT_EQ(skipped.error().field, "closes_time");
  auto zone = deadline::closing_instant("2026-03-29", "12:00", "Mars/Olympus", "closes");
  ASSERT_FALSE(zone);
  EXPECT_EQ(zone.error().field, "time_zone");
  auto day = deadline::closing_instant("2026-02-30", "12:00", "Europe/Berlin", "closes");
  ASSERT_FALSE(day);
  EXPECT_EQ(day.error().field, "closes_date");
  auto hour = deadline::opening_instant("2026-03-01", "25:00", "Africa/Dakar", "opens");
  ASSERT_FALSE(hour);
  EXPECT_EQ(hour.error().field, "opens_time");
}

TEST(AdmissionsPolicy, StaffNeverApplyAndApplicantsNeverReview) {
  using auth::Role;
  EXPECT_TRUE(policy::can_apply(Role::applicant));
  EXPECT_TRUE(policy::can_apply(Role::alumnus));
  EXPECT_FALSE(policy::can_apply(Role::staff));
  EXPECT_FALSE(policy::can_apply(Role::admin));
  EXPECT_FALSE(policy::can_apply(Role::anonymous));
  EXPECT_FALSE(policy::can_review(Role::applicant, true, true));
  EXPECT_FALSE(policy::can_review(Role::participant, true, true));
  EXPECT_FALSE(policy::can_review(Role::lecturer, true, false));
  EXPECT_FALSE(policy::can_review(Role::lecturer, false, true));
  EXPECT_TRUE(policy::can_review(Role::lecturer, true, true));
  EXPECT_TRUE(policy::can_review(Role::stakeholder, true, true));
  EXPECT_TRUE(policy::can_manage_calls(Role::staff, true));
  EXPECT_FALSE(policy::can_manage_calls(Role::staff, false));
  EXPECT_FALSE(policy::can_manage_calls(Role::lecturer, true));
  EXPECT_FALSE(policy::can_see_other_scores(false));
}

}  // namespace
}  // namespace crm::admissions

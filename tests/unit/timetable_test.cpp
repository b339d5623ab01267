// Timetable grouping and the feed's text, without HTTP: local days across a
// daylight-saving change, on-site weeks kept together across a month's end,
// online sessions by week; times by skeleton in each language; the calendar
// that render_calendar writes read back by libical.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include "core/i18n.hpp"
#include "curriculum/calendar.hpp"
#include "curriculum/timetable.hpp"

namespace crm::curriculum {
namespace {

const Catalogs& catalogs() {
  static const Catalogs c;
  return c;
}

Entry entry(int64_t id, const std::string& kind, int64_t start, const std::string& place = "",
            const std::string& zone = "Europe/Berlin") {
  Entry e;
  e.session.id = id;
  e.session.kind = kind;
  e.session.starts_at = start;
  e.session.ends_at = start + 3600;
  e.session.place = place;
  e.session.time_zone = zone;
  e.session.uid = "s" + std::to_string(id) + "@crm.test";
  e.session.title = "Session " + std::to_string(id);
  return e;
}

constexpr int64_t kDay = 86400;
// 2026-03-30 (Monday) 09:00 in Berlin, summer time (07:00Z).
constexpr int64_t kMonday = 1774854000;

TEST(Timetable, LocalDaysFollowTheZone) {
  // 23:30 UTC on 28 March is already 29 March in Berlin and Baghdad, not in Dakar.
  const int64_t t = 1774740600;
  EXPECT_EQ(local_day("Africa/Dakar", t), t / kDay);
  EXPECT_EQ(local_day("Europe/Berlin", t), t / kDay + 1);
  EXPECT_EQ(local_day("Asia/Baghdad", t), t / kDay + 1);
  EXPECT_EQ(local_day("America/New_York", 1774684800), 1774684800 / kDay);
}

TEST(Timetable, OnSiteDaysAtOnePlaceAreOneBlockAcrossTheMonthsEnd) {
  std::vector<Entry> in;
  // Online on Monday and Wednesday of one week, then on site in Amman from
  // Monday 27 April to Friday 1 May, then online again.
  in.push_back(entry(1, "online", kMonday + 14 * kDay));
  in.push_back(entry(2, "online", kMonday + 16 * kDay));
  for (int d = 0; d < 5; ++d)
    in.push_back(entry(3 + d, "on_site", kMonday + (28 + d) * kDay, "Amman"));
  in.push_back(entry(8, "on_site", kMonday + 33 * kDay + 3600, "Amman"));  // Saturday too
  in.push_back(entry(9, "on_site", kMonday + 40 * kDay, "Amman"));  // a week later: a new block
  in.push_back(entry(10, "online", kMonday + 41 * kDay));
  auto months = group_entries(in, "Europe/Berlin");
  ASSERT_EQ(months.size(), 2u);  // April, May
  ASSERT_EQ(months[0].blocks.size(), 2u);
  EXPECT_FALSE(months[0].blocks[0].on_site);
  EXPECT_EQ(months[0].blocks[0].entries.size(), 2u);
  EXPECT_TRUE(months[0].blocks[1].on_site);
  EXPECT_EQ(months[0].blocks[1].place, "Amman");
  EXPECT_EQ(months[0].blocks[1].entries.size(), 6u);  // into May, still one block
  ASSERT_EQ(months[1].blocks.size(), 2u);
  EXPECT_TRUE(months[1].blocks[0].on_site);
  EXPECT_EQ(months[1].blocks[0].entries.size(), 1u);
  EXPECT_FALSE(months[1].blocks[1].on_site);
}

TEST(Timetable, ADifferentPlaceStartsANewBlock) {
  std::vector<Entry> in = {entry(1, "on_site", kMonday, "Amman"),
                           entry(2, "on_site", kMonday + kDay, "Beirut")};
  auto months = group_entries(in, "Europe/Berlin");
  ASSERT_EQ(months.size(), 1u);
  EXPECT_EQ(months[0].blocks.size(), 2u);
}

TEST(Timetable, TimesBySkeletonInEachLanguage) {
  EXPECT_EQ(Tr(catalogs(), "en", "Europe/Berlin").format("Hm", kMonday), "09:00");
  EXPECT_EQ(Tr(catalogs(), "de", "Asia/Amman").format("Hm", kMonday), "10:00");
  EXPECT_EQ(Tr(catalogs(), "ar", "Europe/Berlin").format("Hm", kMonday), "٠٩:٠٠");
  EXPECT_EQ(Tr(catalogs(), "de", "UTC").format_in("Europe/Berlin", "yMMMM", kMonday), "März 2026");
}

TEST(Timetable, CalendarReadBackByLibical) {
  std::vector<Entry> in = {entry(1, "on_site", kMonday, "Amman"),
                           entry(2, "online", kMonday - 2 * kDay + 3600),
                           entry(3, "online", kMonday, "", "Asia/Baghdad")};
  in[1].session.status = "cancelled";
  in[1].session.sequence = 2;
  in[0].session.room = "Hall B";
  const std::string text = render_calendar("My sessions", in, "https://crm.example", kMonday);
  EXPECT_NE(text.find("LOCATION:Amman\\, Hall B"), std::string::npos) << text;
  EXPECT_NE(text.find("URL:https://crm.example/sessions/1"), std::string::npos);
  EXPECT_NE(text.find("X-WR-CALNAME:My sessions"), std::string::npos);
  // A name cannot add a line to the calendar (libical escapes line breaks in X- values too).
  const std::string forged =
      render_calendar("Cohort\r\nBEGIN:VEVENT\nUID:x", {}, "https://crm.example", kMonday);
  EXPECT_EQ(forged.find("\nBEGIN:VEVENT"), std::string::npos) << forged;
  EXPECT_EQ(forged.find("\nUID:x"), std::string::npos) << forged;
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  ASSERT_NE(cal, nullptr);
  int events = 0, zones = 0;
  for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT); c;
       c = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT))
    ++zones;
  for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    const int i = events++;
    icaltimetype s = icalcomponent_get_dtstart(c);
    EXPECT_EQ(icaltime_as_timet_with_zone(s, s.zone), in[i].session.starts_at) << i;
    EXPECT_EQ(std::string(icalcomponent_get_uid(c)), in[i].session.uid);
    EXPECT_EQ(icalcomponent_get_sequence(c), in[i].session.sequence);
    EXPECT_EQ(icalcomponent_get_status(c) == ICAL_STATUS_CANCELLED, in[i].session.cancelled());
  }
  icalcomponent_free(cal);
  EXPECT_EQ(events, 3);
  EXPECT_EQ(zones, 2);  // Berlin and Baghdad, once each
}

}  // namespace
}  // namespace crm::curriculum

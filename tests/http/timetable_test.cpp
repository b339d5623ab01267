// Timetables and calendar feeds over HTTP, on SQLite and PostgreSQL: the
// cohort timetable in the viewer's time zone, one's own, the feeds parsed by
// libical and by Python's icalendar (Debian's python3-icalendar), instants
// across Berlin's change to summer time (and in Baghdad and Dakar, which do
// not change), moved and cancelled sessions, renewing (revokes the old
// address), and who gets 404.
#include <libical/ical.h>

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using ll = long long;

// 09:00 local the day before and the day after Berlin's change to summer
// time (29 March 2026), and in Baghdad (+03 all year) and Dakar (UTC).
constexpr ll kBerlinBefore = 1774684800;  // 2026-03-28T08:00Z
constexpr ll kBerlinAfter = 1774854000;   // 2026-03-30T07:00Z (an hour earlier in UTC)
constexpr ll kBaghdadBefore = 1774677600;
constexpr ll kBaghdadAfter = 1774850400;
constexpr ll kDakarBefore = 1774688400;
constexpr ll kDakarAfter = 1774861200;

struct Event {
  std::string uid, status;
  long sequence = -1;
  ll start = 0, end = 0;
};

// Every VEVENT of `text` as libical reads it (instants through the calendar's
// own VTIMEZONEs).
std::map<std::string, Event> parse_libical(const std::string& text) {
  std::map<std::string, Event> out;
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  if (!cal) return out;
  for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    Event e;
    e.uid = icalcomponent_get_uid(c);
    e.sequence = icalcomponent_get_sequence(c);
    e.status = icalcomponent_get_status(c) == ICAL_STATUS_CANCELLED ? "CANCELLED" : "CONFIRMED";
    icaltimetype s = icalcomponent_get_dtstart(c), en = icalcomponent_get_dtend(c);
    e.start = icaltime_as_timet_with_zone(s, s.zone);
    e.end = icaltime_as_timet_with_zone(en, en.zone);
    out[e.uid] = e;
  }
  icalcomponent_free(cal);
  return out;
}

// The same read by Python's icalendar (pytz zones by TZID).
std::map<std::string, Event> parse_python(const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() /
             ("crm-ics-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "feed.ics", std::ios::binary) << text;
    std::ofstream(dir / "read.py") << R"(import sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    s = ev.decoded('DTSTART'); e = ev.decoded('DTEND')
    print(str(ev.get('UID')), int(ev.get('SEQUENCE', -1)), str(ev.get('STATUS')),
          int(s.timestamp()), int(e.timestamp()))
)";
  }
  const std::string cmd = "/usr/bin/python3 " + (dir / "read.py").string() + " " +
                          (dir / "feed.ics").string() + " 2>&1";
  std::string output;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, n);
    ::pclose(p);
  }
  std::filesystem::remove_all(dir);
  std::map<std::string, Event> out;
  std::istringstream in(output);
  Event e;
  while (in >> e.uid >> e.sequence >> e.status >> e.start >> e.end) out[e.uid] = e;
  if (out.empty()) ADD_FAILURE() << "python3-icalendar read nothing: " << output;
  return out;
}

class TimetableTest : public HttpTest {
 protected:
  ll cohort_of(const std::string& email) {
    ll c = 0;
    sql().sql() << "SELECT e.cohort_id FROM enrolment e JOIN person p ON p.id = e.person_id "
                   "JOIN account a ON a.id = p.account_id WHERE a.email = :e ORDER BY e.id LIMIT 1",
        soci::use(email), soci::into(c);
    return c;
  }
  ll person_of(const std::string& email) {
    ll p = 0;
    sql().sql() << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id "
                   "WHERE a.email = :e",
        soci::use(email), soci::into(p);
    return p;
  }
  // A session as the planning pages would store it.
  ll add_session(ll cohort, const std::string& title, const std::string& kind, ll start, ll end,
                 const std::string& zone, const std::string& place = "",
                 const std::string& status = "scheduled", const std::string& reason = "",
                 long sequence = 0) {
    ll id = 0;
    const std::string uid = "session-" + std::to_string(++uids_) + "@crm.test";
    const std::string url = kind == "online" ? "https://meet.example.org/" + title : "";
    ll seq = sequence, now = 1767225600;
    const std::string room = place.empty() ? "" : "Room 2";
    sql().sql() << "INSERT INTO course_session (cohort_id, title, kind, starts_at, ends_at, "
                   "time_zone, place, room, meeting_url, status, cancel_reason, uid, sequence, "
                   "created_at, updated_at) VALUES (:c, :t, :k, :s, :e, :z, :p, :r, :u, :st, :re, "
                   ":uid, :seq, :n1, :n2) RETURNING id",
        soci::use(cohort), soci::use(title), soci::use(kind), soci::use(start), soci::use(end),
        soci::use(zone), soci::use(place), soci::use(room), soci::use(url), soci::use(status),
        soci::use(reason), soci::use(uid), soci::use(seq), soci::use(now), soci::use(now),
        soci::into(id);
    return id;
  }
  std::string uid_of(ll session) {
    std::string uid;
    sql().sql() << "SELECT uid FROM course_session WHERE id = :i", soci::use(session),
        soci::into(uid);
    return uid;
  }
  void set_zone(const std::string& email, const std::string& zone) {
    sql().sql() << "UPDATE account SET time_zone = :z WHERE email = :e", soci::use(zone),
        soci::use(email);
  }
  // The demo participant reads Arabic; these tests read English.
  void SetUp() override {
    HttpTest::SetUp();
    sql().sql() << "UPDATE account SET language = 'en'";
    // The sessions these tests count and place are their own, not the demo's plan.
    sql().sql() << "DELETE FROM course_session";
    sql().sql() << "DELETE FROM module";
  }
  // POSTs the feed page's form; the address shown (the https:// one).
  std::string make_feed(Client& c, const std::string& page) {
    auto res = c.submit(page, {});
    EXPECT_EQ(res.status, 200) << page;
    std::smatch m;
    static const std::regex url(R"(value="(http://[^"]+/calendar/[A-Za-z0-9_-]{43}\.ics)\")");
    if (!std::regex_search(res.body, m, url)) {
      ADD_FAILURE() << "no feed address on " << page;
      return "";
    }
    return path_of(html_unescape(m[1].str()));
  }
  int uids_ = 0;
};

TEST_F(TimetableTest, CohortTimetableInTheViewersZoneWithOnSiteWeeksMovedAndCancelled) {
  const auto& p = demo("participant");
  const ll cohort = cohort_of(p.email);
  ASSERT_GT(cohort, 0);
  set_zone(p.email, "Europe/Berlin");
  // 2026-05-04 (Monday) to 2026-05-06 on site in Amman, 09:00–12:00 Amman time (UTC+3).
  for (int d = 0; d < 3; ++d)
    add_session(cohort, "Amman day " + std::to_string(d + 1), "on_site", 1777874400 + d * 86400,
                1777885200 + d * 86400, "Asia/Amman", "Amman");
  add_session(cohort, "Online kick-off", "online", 1777280400, 1777284000, "Europe/Berlin", "",
              "scheduled", "", 2);
  add_session(cohort, "Dropped seminar", "online", 1777453200, 1777456800, "Europe/Berlin", "",
              "cancelled", "The lecturer is ill", 1);
  auto c = sign_in("participant");
  auto res = c.get("/cohorts/" + std::to_string(cohort) + "/timetable");
  ASSERT_EQ(res.status, 200);
  const auto& b = res.body;
  // Amman 09:00 is Berlin 08:00 in May; the session's own clock beside it.
  EXPECT_NE(b.find("08:00–11:00"), std::string::npos) << b;
  EXPECT_NE(b.find("Amman: 09:00–12:00"), std::string::npos);
  EXPECT_NE(b.find("On site in <bdi>Amman</bdi>"), std::string::npos);
  // The three days in Amman are one block.
  size_t blocks = 0;
  for (size_t at = b.find("On site in"); at != std::string::npos; at = b.find("On site in", at + 1))
    ++blocks;
  EXPECT_EQ(blocks, 1u);
  EXPECT_NE(b.find("<s><bdi>Dropped seminar</bdi></s>"), std::string::npos);
  EXPECT_NE(b.find("<strong>Cancelled: <bdi>The lecturer is ill</bdi></strong>"),
            std::string::npos);
  EXPECT_NE(b.find("<strong>Moved</strong>"), std::string::npos);
  EXPECT_NE(b.find("href=\"/sessions/"), std::string::npos);
  EXPECT_NE(b.find("<bdi>Amman</bdi>, <bdi>Room 2</bdi>"), std::string::npos);
  // In German the month heading is German.
  EXPECT_EQ(c.submit("/account", {{"language", "de"}, {"next", "/"}}, "/language").status, 303);
  res = c.get("/cohorts/" + std::to_string(cohort) + "/timetable");
  EXPECT_NE(res.body.find("Mai 2026"), std::string::npos);
}

TEST_F(TimetableTest, OwnTimetableUpcomingAndPastAndTheStartPage) {
  const auto& p = demo("participant");
  const ll cohort = cohort_of(p.email);
  const ll now = std::time(nullptr);
  add_session(cohort, "Soon", "online", now + 86400, now + 90000, "UTC");
  add_session(cohort, "Long ago", "online", now - 86400 * 30, now - 86400 * 30 + 3600, "UTC");
  auto other = insert_other_programme(sql());
  add_session(other.cohort, "Elsewhere", "online", now + 86400, now + 90000, "UTC");
  auto c = sign_in("participant");
  auto res = c.get("/timetable");
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("Soon"), std::string::npos);
  EXPECT_EQ(res.body.find("Long ago"), std::string::npos);
  EXPECT_EQ(res.body.find("Elsewhere"), std::string::npos);
  res = c.get("/timetable?past=1");
  EXPECT_NE(res.body.find("Long ago"), std::string::npos);
  EXPECT_EQ(res.body.find("Soon"), std::string::npos);
  res = c.get("/");
  EXPECT_NE(res.body.find("Next sessions"), std::string::npos);
  EXPECT_NE(res.body.find("Soon"), std::string::npos);
  // Visitors are sent to the login.
  EXPECT_EQ(client().get("/timetable").status, 303);
}

TEST_F(TimetableTest, FeedReadByLibicalAndPythonAcrossDaylightSaving) {
  const auto& p = demo("participant");
  const ll cohort = cohort_of(p.email);
  std::map<std::string, std::pair<ll, ll>> expected;  // uid -> start, end
  auto add = [&](const std::string& title, ll start, const std::string& zone) {
    ll id = add_session(cohort, title, "on_site", start, start + 3 * 3600, zone, "Berlin");
    expected[uid_of(id)] = {start, start + 3 * 3600};
  };
  add("Berlin before", kBerlinBefore, "Europe/Berlin");
  add("Berlin after", kBerlinAfter, "Europe/Berlin");
  add("Baghdad before", kBaghdadBefore, "Asia/Baghdad");
  add("Baghdad after", kBaghdadAfter, "Asia/Baghdad");
  add("Dakar before", kDakarBefore, "Africa/Dakar");
  add("Dakar after", kDakarAfter, "Africa/Dakar");
  EXPECT_EQ(kBerlinAfter - kBerlinBefore, 2 * 86400 - 3600);
  EXPECT_EQ(kBaghdadAfter - kBaghdadBefore, 2 * 86400);
  const ll moved = add_session(cohort, "Moved", "online", kBerlinAfter + 86400,
                               kBerlinAfter + 90000, "Europe/Berlin", "", "scheduled", "", 3);
  const ll cancelled =
      add_session(cohort, "Cancelled one", "online", kBerlinAfter + 2 * 86400,
                  kBerlinAfter + 2 * 86400 + 3600, "Europe/Berlin", "", "cancelled", "Strike", 1);

  auto staff = sign_in("staff");
  const std::string path = make_feed(staff, "/cohorts/" + std::to_string(cohort) + "/calendar");
  ASSERT_FALSE(path.empty());
  auto anon = client();  // a calendar app: no cookie
  auto res = anon.get(path);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_NE(res.header("cache-control").find("no-store"), std::string::npos);
  const auto& text = res.body;
  EXPECT_NE(text.find("PRODID:"), std::string::npos);
  EXPECT_NE(text.find("VERSION:2.0"), std::string::npos);
  EXPECT_NE(text.find("X-WR-CALNAME:"), std::string::npos);
  for (const char* z : {"Europe/Berlin", "Asia/Baghdad", "Africa/Dakar"}) {
    EXPECT_NE(text.find(std::string("BEGIN:VTIMEZONE\r\nTZID:") + z), std::string::npos) << z;
    EXPECT_NE(text.find(std::string("DTSTART;TZID=") + z + ":"), std::string::npos) << z;
  }
  EXPECT_NE(text.find("DTSTART;TZID=Europe/Berlin:20260328T090000"), std::string::npos);
  EXPECT_NE(text.find("DTSTART;TZID=Europe/Berlin:20260330T090000"), std::string::npos);

  for (const auto& [parser, events] :
       {std::pair{"libical", parse_libical(text)}, std::pair{"python", parse_python(text)}}) {
    SCOPED_TRACE(parser);
    ASSERT_EQ(events.size(), expected.size() + 2);
    for (const auto& [uid, times] : expected) {
      ASSERT_TRUE(events.count(uid)) << uid;
      EXPECT_EQ(events.at(uid).start, times.first) << uid;
      EXPECT_EQ(events.at(uid).end, times.second) << uid;
      EXPECT_EQ(events.at(uid).sequence, 0);
      EXPECT_EQ(events.at(uid).status, "CONFIRMED");
    }
    EXPECT_EQ(events.at(uid_of(moved)).sequence, 3);
    EXPECT_EQ(events.at(uid_of(cancelled)).status, "CANCELLED");
    EXPECT_EQ(events.at(uid_of(cancelled)).sequence, 1);
  }

  // Moving a session keeps its UID and raises its SEQUENCE.
  sql().sql() << "UPDATE course_session SET starts_at = starts_at + 3600, ends_at = ends_at + "
                 "3600, sequence = sequence + 1 WHERE id = :i",
      soci::use(moved);
  auto again = parse_libical(anon.get(path).body);
  ASSERT_TRUE(again.count(uid_of(moved)));
  EXPECT_EQ(again.at(uid_of(moved)).sequence, 4);
  EXPECT_EQ(again.at(uid_of(moved)).start, kBerlinAfter + 86400 + 3600);
}

TEST_F(TimetableTest, RenewingRevokesTheOldAddress) {
  const auto& p = demo("participant");
  const ll cohort = cohort_of(p.email);
  add_session(cohort, "Mine", "online", std::time(nullptr) + 86400, std::time(nullptr) + 90000,
              "Africa/Dakar");
  auto c = sign_in("participant");
  EXPECT_EQ(c.get("/calendar").status, 200);
  const std::string first = make_feed(c, "/calendar");
  ASSERT_FALSE(first.empty());
  auto anon = client();
  auto res = anon.get(first);
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("SUMMARY:Mine"), std::string::npos);
  // The page no longer shows the address, only since when there is one.
  EXPECT_EQ(c.get("/calendar").body.find(".ics"), std::string::npos);
  const std::string second = make_feed(c, "/calendar");
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);
  EXPECT_EQ(anon.get(first).status, 404);
  EXPECT_EQ(anon.get(second).status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_feed WHERE revoked_at IS NULL"), 1);
  // The person reads what happened in their own words.
  EXPECT_NE(c.get("/profile/data").body.find("Calendar address renewed"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('calendar.create', "
                  "'calendar.renew')"),
            2);
  // No token in the database, only its digest.
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_feed WHERE LENGTH(token_digest) = 64"), 2);
}

TEST_F(TimetableTest, BadTokensAndForgedRenewalsChangeNothing) {
  auto anon = client();
  const std::string fake(43, 'A');
  EXPECT_EQ(anon.get("/calendar/" + fake + ".ics").status, 404);
  EXPECT_EQ(anon.get("/calendar/" + fake).status, 404);
  EXPECT_EQ(anon.get("/calendar/short.ics").status, 404);
  EXPECT_EQ(anon.get("/calendar/%0d%0a.ics").status, 404);
  auto c = sign_in("participant");
  const auto before = dump_tables(sql(), {"calendar_feed", "audit_log"});
  EXPECT_EQ(c.post("/calendar", {{"csrf", "forged"}}).status, 403);
  EXPECT_EQ(dump_tables(sql(), {"calendar_feed", "audit_log"}), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_feed"), 0);
  // A stakeholder has no timetable of sessions to subscribe to.
  auto s = sign_in("stakeholder");
  EXPECT_EQ(s.get("/calendar").status, 404);
  EXPECT_EQ(s.post("/calendar", {{"csrf", csrf_of(s.get("/").body)}}).status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_feed"), 0);
}

TEST_F(TimetableTest, OtherProgrammesAndLesserRolesGet404AndScopeIsCheckedAtEveryRequest) {
  auto other = insert_other_programme(sql());
  const auto& p = demo("participant");
  const ll cohort = cohort_of(p.email);
  const ll soon = std::time(nullptr) + 86400;
  add_session(other.cohort, "Other", "online", soon, soon + 3600, "UTC");
  const std::string other_tt = "/cohorts/" + std::to_string(other.cohort) + "/timetable";
  const std::string other_cal = "/cohorts/" + std::to_string(other.cohort) + "/calendar";
  for (const char* role : {"staff", "participant", "lecturer", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    EXPECT_EQ(c.get(other_tt).status, 404);
    EXPECT_EQ(c.get(other_cal).status, 404);
    EXPECT_EQ(c.post(other_cal, {{"csrf", csrf_of(c.get("/").body)}}).status, 404);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM calendar_feed"), 0);
  // A participant gets no cohort feed, not even of their own cohort.
  auto part = sign_in("participant");
  EXPECT_EQ(part.get("/cohorts/" + std::to_string(cohort) + "/timetable").status, 200);
  EXPECT_EQ(part.get("/cohorts/" + std::to_string(cohort) + "/calendar").status, 404);
  EXPECT_EQ(part.post("/cohorts/" + std::to_string(cohort) + "/calendar",
                      {{"csrf", csrf_of(part.get("/").body)}})
                .status,
            404);

  // Staff who leave the team lose the cohort feed at once.
  auto staff = sign_in("staff");
  const std::string path = make_feed(staff, "/cohorts/" + std::to_string(cohort) + "/calendar");
  auto anon = client();
  EXPECT_EQ(anon.get(path).status, 200);
  const ll staff_account = account_id(demo("staff").email);
  sql().sql() << "DELETE FROM programme_staff WHERE account_id = :a", soci::use(staff_account);
  EXPECT_EQ(anon.get(path).status, 404);

  // A lecturer who left the cohort no longer gets the sessions they teach.
  const auto& l = demo("lecturer");
  const ll lcohort = cohort_of(l.email);
  ASSERT_GT(lcohort, 0);
  const ll taught = add_session(lcohort, "Taught", "online", soon, soon + 3600, "UTC");
  const ll person = person_of(l.email);
  sql().sql() << "INSERT INTO session_lecturer (session_id, person_id) VALUES (:s, :p)",
      soci::use(taught), soci::use(person);
  auto lect = sign_in("lecturer");
  const std::string own = make_feed(lect, "/calendar");
  EXPECT_NE(anon.get(own).body.find("SUMMARY:Taught"), std::string::npos);
  sql().sql()
      << "UPDATE enrolment SET status = 'withdrawn' WHERE person_id = :p AND cohort_id = :c",
      soci::use(person), soci::use(lcohort);
  auto after = anon.get(own);
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.body.find("SUMMARY:Taught"), std::string::npos);
}

TEST_F(TimetableTest, ModuleLecturersTeachTheModulesSessionsUnlessTheSessionNamesItsOwn) {
  const auto& l = demo("lecturer");
  const ll cohort = cohort_of(l.email);
  const ll lecturer = person_of(l.email);
  ASSERT_GT(cohort, 0);
  std::string lecturer_name;
  sql().sql() << "SELECT name FROM person WHERE id = :p", soci::use(lecturer),
      soci::into(lecturer_name);
  const ll now = std::time(nullptr), t0 = 1767225600;
  ll module = 0;
  sql().sql() << "INSERT INTO module (cohort_id, created_at, updated_at) VALUES (:c, :a, :b) "
                 "RETURNING id",
      soci::use(cohort), soci::use(t0), soci::use(t0), soci::into(module);
  sql().sql() << "INSERT INTO module_text (module_id, language, title) VALUES (:m, 'en', "
                 "'Migration law')",
      soci::use(module);
  sql().sql() << "INSERT INTO module_lecturer (module_id, person_id) VALUES (:m, :p)",
      soci::use(module), soci::use(lecturer);
  const ll lecture = add_session(cohort, "Lecture one", "online", now + 86400, now + 90000, "UTC");
  const ll guest =
      add_session(cohort, "Guest talk", "online", now + 2 * 86400, now + 2 * 86400 + 3600, "UTC");
  const ll other_person = person_of(demo("participant").email);
  for (ll id : {lecture, guest})
    sql().sql() << "UPDATE course_session SET module_id = :m WHERE id = :i", soci::use(module),
        soci::use(id);
  // The guest talk names its own speaker: the module's lecturer does not teach it.
  sql().sql() << "INSERT INTO session_lecturer (session_id, person_id) VALUES (:s, :p)",
      soci::use(guest), soci::use(other_person);
  auto c = sign_in("lecturer");
  auto mine = c.get("/timetable");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("Lecture one"), std::string::npos);
  EXPECT_NE(mine.body.find("Guest talk"), std::string::npos);  // a session of their module
  EXPECT_NE(mine.body.find("<bdi>Migration law</bdi>"), std::string::npos);
  auto tt = c.get("/cohorts/" + std::to_string(cohort) + "/timetable");
  ASSERT_EQ(tt.status, 200);
  const auto lecture_at = tt.body.find("Lecture one"), guest_at = tt.body.find("Guest talk");
  ASSERT_NE(lecture_at, std::string::npos);
  ASSERT_NE(guest_at, std::string::npos);
  const std::string named = "<bdi>" + lecturer_name + "</bdi>";
  EXPECT_NE(tt.body.substr(lecture_at, guest_at - lecture_at).find(named), std::string::npos);
  EXPECT_EQ(tt.body.substr(guest_at).find(named), std::string::npos);
}

}  // namespace
}  // namespace crm::test

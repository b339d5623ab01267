// The programme overview and the cohort pages: the store on both databases,
// filters and pagination, who sees which people (and never whose email), and
// the demo programme.
#include <algorithm>
#include <ctime>

#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

namespace ps = programme::store;

class ProgrammeTest : public HttpTest {
 protected:
  int64_t cohort_id(int number) {
    return count("SELECT id FROM cohort WHERE number = " + std::to_string(number));
  }
  std::string cohort_path(int number) { return "/cohorts/" + std::to_string(cohort_id(number)); }
  // Everyone on a cohort page (all roles), as the store filters them.
  long members(int number, const std::string& extra_where = {}) {
    return count(
        "SELECT COUNT(*) FROM enrolment e JOIN person p ON p.id = e.person_id "
        "LEFT JOIN organisation o ON o.id = p.organisation_id WHERE e.cohort_id = " +
        std::to_string(cohort_id(number)) + extra_where);
  }
  // Rows of people in the people table (staff pages also have composition
  // tables), not counting the headings of its groups (team, participants).
  static size_t rows_of(const std::string& html) {
    auto table = html.find("<table data-cards class=\"members\">");
    if (table == std::string::npos) return 0;
    auto body = html.find("</thead>", table);
    auto end = html.find("</table>", table);
    size_t n = 0;
    for (auto p = html.find("<tr>", body); p < end; p = html.find("<tr>", p + 1))
      if (std::string_view(html).substr(p).rfind("<tr><th scope=\"rowgroup\"", 0) != 0) ++n;
    return n;
  }
  static bool has(const std::string& html, std::string_view s) {
    return html.find(s) != std::string::npos;
  }
};

TEST_F(ProgrammeTest, StoreRoundTrip) {
  auto& db = sql();
  const int64_t now = 1767225600;
  db::Transaction tx(db);
  int64_t p = ps::insert_programme(db, "round-trip", 7, now);
  ps::insert_programme_text(db, p, "en", "Round trip", "In English");
  ps::insert_programme_text(db, p, "de", "Rundreise", "Auf Deutsch");
  ps::insert_programme_country(db, p, {"TR", "transit"});
  ps::insert_programme_country(db, p, {"TR", "destination"});
  ps::insert_programme_country(db, p, {"SN", "origin"});
  programme::Cohort c;
  c.programme_id = p;
  c.number = 1;
  c.name = "Round 1";
  c.starts_on = now;
  c.ends_on = now + 86400 * 300;
  c.status = "open";
  c.regional_focus = "Sahel";
  c.capacity = 30;
  c.location = "Dakar";
  int64_t cid = ps::insert_cohort(db, c);
  int64_t org =
      ps::insert_organisation(db, {0, "وزارة العمل", "Ministry of Labour", "JO", "ministry"});
  programme::Person person;
  person.name = "سامر الخطيب";
  person.name_latin = "Samer Al-Khatib";
  person.email = "samer.round.trip@example.org";
  person.country = "JO";
  person.organisation_id = org;
  person.position = "Head of unit";
  person.created_at = now;
  int64_t pid = ps::insert_person(db, person);
  int64_t eid = ps::insert_enrolment(db, {0, pid, cid, "participant", "admitted", now});
  ps::insert_status_change(db, eid, "applicant", now - 10, 0);
  ps::insert_status_change(db, eid, "admitted", now, account_id(demo("staff").email));
  tx.commit();

  EXPECT_EQ(ps::find_programme_id(db, "round-trip"), p);
  auto de = ps::find_programme(db, p, "de");
  ASSERT_TRUE(de);
  EXPECT_EQ(de->name, "Rundreise");
  EXPECT_EQ(de->anonymity_threshold, 7);
  auto fr = ps::find_programme(db, p, "fr");  // none in French: English
  ASSERT_TRUE(fr);
  EXPECT_EQ(fr->name, "Round trip");
  EXPECT_EQ(fr->language, "en");
  auto countries = ps::list_programme_countries(db, p);
  ASSERT_EQ(countries.size(), 3u);
  EXPECT_EQ(countries[0].country, "SN");
  EXPECT_EQ(countries[0].role, "origin");
  EXPECT_EQ(countries[1].role, "transit");
  EXPECT_EQ(countries[2].role, "destination");

  auto cohort = ps::find_cohort(db, p, cid);
  ASSERT_TRUE(cohort);
  EXPECT_EQ(cohort->name, "Round 1");
  EXPECT_EQ(cohort->starts_on, now);
  EXPECT_EQ(cohort->status, "open");
  EXPECT_EQ(cohort->capacity, 30);
  EXPECT_EQ(cohort->size, 1);
  // Another programme's cohort is not found through this one.
  EXPECT_FALSE(ps::find_cohort(db, *ps::find_programme_id(db, "crm"), cid));
  ASSERT_EQ(ps::list_cohorts(db, p).size(), 1u);

  auto back = ps::find_person(db, pid);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, person.name);
  EXPECT_EQ(back->name_latin, person.name_latin);
  EXPECT_EQ(back->account_id, 0);
  EXPECT_EQ(back->gender, "");
  EXPECT_EQ(back->organisation_id, org);
  EXPECT_EQ(ps::find_organisation(db, org)->name_latin, "Ministry of Labour");
  auto enrolments = ps::list_enrolments_of(db, pid);
  ASSERT_EQ(enrolments.size(), 1u);
  EXPECT_EQ(enrolments[0].status, "admitted");
  EXPECT_EQ(ps::count_status_changes(db, eid), 2);

  programme::MemberFilter f;
  EXPECT_EQ(ps::count_members(db, p, cid, f), 1);
  f.route_role = "origin";  // Jordan is not a country of this programme
  EXPECT_EQ(ps::count_members(db, p, cid, f), 0);
  f = {};
  f.organisation_type = "ministry";
  auto m = ps::list_members(db, p, cid, f, 25, 0);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].organisation, "وزارة العمل");
  EXPECT_EQ(m[0].email, person.email);

  // The same person cannot hold the same role twice in one cohort. An email
  // can: another programme may hold a record of the same address.
  EXPECT_THROW(ps::insert_enrolment(db, {0, pid, cid, "participant", "applicant", now}),
               soci::soci_error);
  EXPECT_NE(ps::insert_person(db, person), pid);
}

TEST_F(ProgrammeTest, DemoProgrammeIsLoadedOnce) {
  EXPECT_EQ(count("SELECT COUNT(*) FROM programme"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM cohort"), 4);
  EXPECT_EQ(members(2, " AND e.role = 'participant'"), 24);
  EXPECT_EQ(members(3, " AND e.role = 'participant'"), 24);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT p.country) FROM enrolment e JOIN person p ON p.id = "
                  "e.person_id WHERE e.role = 'participant' AND e.status <> 'not_admitted' AND "
                  "e.cohort_id = " +
                  std::to_string(cohort_id(4))),
            15);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT type) FROM organisation"), 6);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person p JOIN account a ON a.id = p.account_id WHERE "
                  "a.email = 'participant@demo.crm.example' AND p.name = 'ليلى حداد'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment e JOIN person p ON p.id = e.person_id JOIN "
                  "account a ON a.id = p.account_id WHERE a.email = 'lecturer@demo.crm.example' "
                  "AND e.role = 'lecturer'"),
            3);
  auto before = dump_tables(sql(), {"programme", "cohort", "organisation", "person", "enrolment",
                                    "enrolment_status_history"});
  demo::load(sql(), static_cast<int64_t>(std::time(nullptr)));
  EXPECT_EQ(dump_tables(sql(), {"programme", "cohort", "organisation", "person", "enrolment",
                                "enrolment_status_history"}),
            before);
}

TEST_F(ProgrammeTest, AnonymousAndStakeholdersSeeTheOverviewOnly) {
  for (const char* role : {"anonymous", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = std::string(role) == "anonymous" ? client() : sign_in(role);
    auto page = c.get("/programme");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(has(page.body, "Circular and Return Migration Management"));
    EXPECT_TRUE(has(page.body, "Cohort 4"));
    EXPECT_TRUE(has(page.body, "Bosnia"));  // a country of origin
    EXPECT_TRUE(has(page.body, "24 participants"));
    EXPECT_FALSE(has(page.body, "href=\"/cohorts/"));
    EXPECT_FALSE(has(page.body, "Arben Hoxha"));
    EXPECT_FALSE(has(page.body, "@example.org"));
    // A visitor is asked to log in first; a stakeholder has no such page.
    EXPECT_EQ(c.get(cohort_path(3)).status, std::string(role) == "anonymous" ? 303 : 404);
  }
  // The visitor's start page leads to the public programme page.
  EXPECT_TRUE(has(client().get("/").body, "href=\"/programme\""));
  EXPECT_TRUE(has(sign_in("stakeholder").get("/").body, "href=\"/programme\""));
}

TEST_F(ProgrammeTest, UnknownCohortIs404) {
  auto staff = sign_in("staff");
  EXPECT_EQ(staff.get("/cohorts/987654").status, 404);
  EXPECT_EQ(staff.get("/cohorts/abc").status, 404);
  EXPECT_EQ(staff.get("/cohorts/0").status, 404);
}

TEST_F(ProgrammeTest, StaffSeeOnlyTheirOwnProgrammesPeople) {
  // A second programme with one cohort and one participant; the demo staff
  // member is on the first programme's team only.
  const int64_t cid = insert_other_programme(sql()).cohort;

  const std::string other = "/cohorts/" + std::to_string(cid);
  for (const char* role : {"staff", "lecturer", "participant", "alumnus"}) {
    SCOPED_TRACE(role);
    auto client = sign_in(role);
    EXPECT_EQ(client.get(other).status, 404);
    EXPECT_EQ(client.get(cohort_path(3)).status, 200);
  }
  auto admin = sign_in("admin");
  auto page = admin.get(other);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "Outside Person"));
}

TEST_F(ProgrammeTest, StaffFilterAndPage) {
  auto staff = sign_in("staff");  // reads German: switch to English for the counts below
  ASSERT_EQ(staff.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language").status, 303);
  auto overview = staff.get("/programme");
  ASSERT_EQ(overview.status, 200);
  EXPECT_TRUE(has(overview.body, "href=\"" + cohort_path(3) + "\""));

  // Cohort 4: 37 participants (two not admitted) and the team of four: two pages.
  const long total = members(4);
  ASSERT_GT(total, 25);
  auto first = staff.get(cohort_path(4));
  ASSERT_EQ(first.status, 200);
  // Its capacity and semesters, as the cohort record holds them.
  EXPECT_TRUE(
      has(first.body,
          std::to_string(count("SELECT capacity FROM cohort WHERE number = 4")) + " places"));
  EXPECT_TRUE(has(first.body, "<dt>Semesters</dt><dd>2</dd>"));
  // The cohort pages belong to the programme section of the navigation.
  EXPECT_TRUE(has(first.body, "<a href=\"/programme\" aria-current=\"page\">"));
  EXPECT_TRUE(has(first.body, std::to_string(total) + " people found"));
  EXPECT_EQ(rows_of(first.body), 25u);
  EXPECT_TRUE(has(first.body, "@example.org"));  // staff see emails
  auto links = links_of(first.body);
  EXPECT_NE(std::find(links.begin(), links.end(), cohort_path(4) + "?page=2"), links.end());
  auto second = staff.get(cohort_path(4) + "?page=2");
  EXPECT_EQ(rows_of(second.body), static_cast<size_t>(total - 25));
  // Past the end: the last page.
  EXPECT_EQ(rows_of(staff.get(cohort_path(4) + "?page=9").body), static_cast<size_t>(total - 25));

  // Filters are query parameters, kept by the page links.
  auto participants = staff.get(cohort_path(4) + "?status=participant");
  const long active = members(4, " AND e.status = 'participant'");
  EXPECT_TRUE(has(participants.body, std::to_string(active) + " people found"));
  links = links_of(participants.body);
  if (active > 25) {
    EXPECT_NE(std::find(links.begin(), links.end(), cohort_path(4) + "?status=participant&page=2"),
              links.end());
  }
  EXPECT_TRUE(has(participants.body, "<option value=\"participant\" selected"));

  auto lebanon = staff.get(cohort_path(3) + "?country=LB");
  EXPECT_TRUE(has(lebanon.body, "4 people found"));
  EXPECT_TRUE(has(lebanon.body, "ليلى حداد"));
  EXPECT_TRUE(has(lebanon.body, "participant@demo.crm.example"));
  EXPECT_EQ(rows_of(lebanon.body), 4u);

  const long destination = members(
      3, " AND p.country IN (SELECT country FROM programme_country WHERE role = 'destination')");
  EXPECT_TRUE(has(staff.get(cohort_path(3) + "?route_role=destination").body,
                  std::to_string(destination) + " people found"));

  const long universities = members(2, " AND o.type = 'university'");
  ASSERT_GT(universities, 0);
  auto uni = staff.get(cohort_path(2) + "?organisation_type=university");
  EXPECT_TRUE(has(uni.body, std::to_string(universities) +
                                (universities == 1 ? " person found" : " people found")));

  const long withdrawn_from_1 = members(1, " AND e.status = 'withdrawn' AND p.country = 'ME'");
  auto combined = staff.get(cohort_path(1) + "?country=ME&status=withdrawn");
  EXPECT_TRUE(has(combined.body, std::to_string(withdrawn_from_1) +
                                     (withdrawn_from_1 == 1 ? " person found" : " people found")));

  // Values that are not valid are ignored, not an error.
  auto junk = staff.get(cohort_path(4) + "?country=zz&route_role=%3Cx%3E&status=nope");
  EXPECT_EQ(junk.status, 200);
  EXPECT_TRUE(has(junk.body, std::to_string(total) + " people found"));
}

TEST_F(ProgrammeTest, ParticipantsSeeNamesButNoEmails) {
  for (const char* role : {"participant", "alumnus"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    ASSERT_EQ(c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language").status, 303);
    auto page = c.get(cohort_path(3));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(has(page.body, "ليلى حداد"));
    EXPECT_TRUE(has(page.body, "Lebanon"));
    EXPECT_TRUE(has(page.body, "Lebanese University") || has(page.body, "UNHCR Lebanon") ||
                has(page.body, "General Directorate of General Security"));
    EXPECT_FALSE(has(page.body, "@example.org"));
    EXPECT_FALSE(has(page.body, "@demo.crm.example"));
    EXPECT_FALSE(has(page.body, "Email address"));
    EXPECT_FALSE(has(page.body, "Withdrawn"));
    EXPECT_FALSE(has(page.body, "name=\"status\""));
    // Nor can they find out by filtering who withdrew.
    auto all = c.get(cohort_path(1));
    auto filtered = c.get(cohort_path(1) + "?status=withdrawn");
    EXPECT_EQ(rows_of(filtered.body), rows_of(all.body));
    // They see who takes part, not who withdrew (the people test checks the rest).
    const long taking_part = members(1, " AND e.status IN ('admitted', 'participant', 'graduate')");
    ASSERT_LT(taking_part, members(1));
    EXPECT_TRUE(has(filtered.body, std::to_string(taking_part) + " people found"));
  }
}

TEST_F(ProgrammeTest, TheTeamIsListedApartFromParticipants) {
  // Cohort 3: two lecturers and a supervisor of the demo team, and participants.
  auto staff = sign_in("staff");
  ASSERT_EQ(staff.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language").status, 303);
  auto page = staff.get(cohort_path(3));
  ASSERT_EQ(page.status, 200);
  auto team = page.body.find("<tbody class=\"team\">");
  auto participants = page.body.find("<tbody class=\"participants\">");
  ASSERT_NE(team, std::string::npos);
  ASSERT_NE(participants, std::string::npos);
  EXPECT_LT(team, participants);
  EXPECT_TRUE(has(page.body, ">Team: lecturers and staff</th>"));
  EXPECT_TRUE(has(page.body, ">Participants</th>"));
  // Every lecturer before every participant; names sorted within the team.
  auto amina = page.body.find("Amina Diallo"), markus = page.body.find("Markus Brandl");
  ASSERT_NE(amina, std::string::npos);
  ASSERT_NE(markus, std::string::npos);
  EXPECT_LT(amina, markus);
  EXPECT_LT(markus, participants);
  EXPECT_GT(page.body.find("ليلى حداد"), participants);
  // Role and status in different words: a lecturer taking part is no "Participant".
  EXPECT_TRUE(has(
      page.body, R"(<td data-label="Role">Lecturer</td><td data-label="Status">Taking part</td>)"));
  EXPECT_TRUE(
      has(page.body,
          R"(<td data-label="Role">Participant</td><td data-label="Status">Taking part</td>)"));
  EXPECT_FALSE(has(
      page.body, R"(<td data-label="Role">Lecturer</td><td data-label="Status">Participant</td>)"));

  // Peers have no role column: the team's rows say who is who.
  auto alumnus = sign_in("alumnus");
  ASSERT_EQ(alumnus.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language").status,
            303);
  auto peer = alumnus.get(cohort_path(3));
  ASSERT_EQ(peer.status, 200);
  auto peer_participants = peer.body.find("<tbody class=\"participants\">");
  ASSERT_NE(peer_participants, std::string::npos);
  auto role = peer.body.find("<span class=\"muted role\">Lecturer</span>");
  ASSERT_NE(role, std::string::npos);
  EXPECT_LT(role, peer_participants);
  EXPECT_GT(peer.body.find("ليلى حداد"), peer_participants);
}

TEST_F(ProgrammeTest, ArabicPagesRunRightToLeft) {
  auto c = sign_in("participant");  // the demo participant reads Arabic
  auto overview = c.get("/programme");
  ASSERT_EQ(overview.status, 200);
  EXPECT_EQ(html_attribute(overview.body, "dir"), "rtl");
  EXPECT_EQ(html_attribute(overview.body, "lang"), "ar");
  EXPECT_TRUE(has(overview.body, "إدارة الهجرة الدائرية والعودة"));
  EXPECT_TRUE(has(overview.body, tr("ar", "Cohorts")));
  auto cohort = c.get(cohort_path(3));
  ASSERT_EQ(cohort.status, 200);
  EXPECT_EQ(html_attribute(cohort.body, "dir"), "rtl");
  EXPECT_TRUE(has(cohort.body, "لبنان"));  // Lebanon, as ICU names it in Arabic
}

}  // namespace
}  // namespace crm::test

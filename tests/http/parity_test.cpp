// The composition of a cohort, its parity view against targets, the targets
// form and the CSV/XLSX exports: who may see them (the programme team only;
// everyone else 404), numbers that add up to the cohort's size, bad input that
// changes nothing, and exports that hold exactly what the viewer may see.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

namespace ps = programme::store;

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

// The numbers of data-NAME="…" attributes in `html`, in order.
std::vector<long> data_numbers(std::string_view html, std::string_view name) {
  std::vector<long> out;
  const std::string key = "data-" + std::string(name) + "=\"";
  for (auto p = html.find(key); p != std::string_view::npos; p = html.find(key, p + 1))
    out.push_back(std::stol(std::string(html.substr(p + key.size()))));
  return out;
}

// The part of the page inside <section … data-dimension="d"> … </section>.
std::string section(const std::string& html, std::string_view dimension) {
  auto start = html.find("data-dimension=\"" + std::string(dimension) + "\"");
  if (start == std::string::npos) return {};
  return html.substr(start, html.find("</section>", start) - start);
}

long sum(const std::vector<long>& v) {
  long n = 0;
  for (long x : v) n += x;
  return n;
}

std::string unzip_member(const std::string& zip, const std::string& member) {
  auto path = std::filesystem::temp_directory_path() /
              ("crm-parity-test-" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << zip;
  std::string out;
  if (FILE* p = popen(("unzip -p '" + path.string() + "' '" + member + "'").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  return out;
}

class ParityTest : public HttpTest {
 protected:
  int64_t cohort_id(int number) {
    return count("SELECT id FROM cohort WHERE number = " + std::to_string(number));
  }
  std::string path(int number, const std::string& rest = {}) {
    return "/cohorts/" + std::to_string(cohort_id(number)) + rest;
  }
  long participants(int number, const std::string& statuses) {
    return count("SELECT COUNT(*) FROM enrolment WHERE role = 'participant' AND cohort_id = " +
                 std::to_string(cohort_id(number)) + " AND status IN (" + statuses + ")");
  }
  Client english(std::string_view role) {
    auto c = sign_in(role);
    auto res = c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("cannot switch to English");
    return c;
  }
  std::string targets_state() { return dump_tables(sql(), {"cohort_target", "audit_log"}); }
  // A second programme with one cohort and one participant; the demo staff
  // member is not on its team.
  int64_t other_programme_cohort() {
    auto o = insert_other_programme(sql());
    ps::insert_cohort_target(sql(), o.cohort, {"gender", "female", 50});
    return o.cohort;
  }
};

TEST_F(ParityTest, DemoCohortsHaveTargets) {
  EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_target"), 16);
  EXPECT_EQ(count("SELECT SUM(share_percent) FROM cohort_target WHERE dimension = 'route_role' "
                  "AND cohort_id = " +
                  std::to_string(cohort_id(2))),
            100);
  auto before = dump_tables(sql(), {"cohort_target"});
  demo::load(sql(), 1767225600);
  EXPECT_EQ(dump_tables(sql(), {"cohort_target"}), before);
}

TEST_F(ParityTest, CountsAddUpToTheCohortSize) {
  auto staff = english("staff");
  auto overview = staff.get("/programme");
  for (int n = 1; n <= 4; ++n) {
    SCOPED_TRACE(n);
    auto page = staff.get(path(n, "/parity"));
    ASSERT_EQ(page.status, 200);
    const long counted = data_numbers(page.body, "counted").at(0);
    const long withdrawn = data_numbers(page.body, "withdrawn").at(0);
    const long size = data_numbers(page.body, "size").at(0);
    EXPECT_EQ(counted, participants(n, "'admitted', 'participant', 'graduate'"));
    EXPECT_EQ(withdrawn, participants(n, "'withdrawn'"));
    EXPECT_EQ(counted + withdrawn, size);
    // The size the overview shows.
    EXPECT_TRUE(has(overview.body, std::to_string(size) + " participants"));
    for (const char* d : {"country", "organisation_type", "gender"}) {
      SCOPED_TRACE(d);
      EXPECT_EQ(sum(data_numbers(section(page.body, d), "count")), counted);
    }
    // A country with several roles counts for each: at least everyone once.
    EXPECT_GE(sum(data_numbers(section(page.body, "route_role"), "count")), counted);
    EXPECT_TRUE(has(page.body, "<svg "));
    EXPECT_TRUE(has(page.body, "role=\"img\""));
  }
  // Cohort 3 (Germany, Iraq, Italy, Jordan, Lebanon, Turkey): the route roles from the SQL.
  auto page = staff.get(path(3, "/parity"));
  auto route = section(page.body, "route_role");
  const long origin = count(
      "SELECT COUNT(*) FROM enrolment e JOIN person p ON p.id = e.person_id JOIN "
      "programme_country pc ON pc.country = p.country AND pc.role = 'origin' WHERE e.role = "
      "'participant' AND e.status IN ('admitted', 'participant', 'graduate') AND e.cohort_id = " +
      std::to_string(cohort_id(3)));
  EXPECT_TRUE(has(route, "data-value=\"origin\" data-count=\"" + std::to_string(origin) + "\""));
  EXPECT_TRUE(has(page.body, "Lebanon"));
}

TEST_F(ParityTest, GapsAreMarkedInWords) {
  auto staff = english("staff");
  // Everyone from countries of origin: the other two route roles fall short.
  auto res = staff.submit(path(4, "/targets"), {{"route_role_origin", "0"},
                                                {"route_role_transit", "60"},
                                                {"route_role_destination", "40"},
                                                {"gender_female", "100"},
                                                {"gender_male", ""}});
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.location(), path(4, "/parity"));
  auto page = staff.get(res.location());
  EXPECT_TRUE(has(page.body, "The targets have been saved."));
  auto gender = section(page.body, "gender");
  EXPECT_TRUE(has(gender, "<tr data-value=\"female\""));
  EXPECT_TRUE(has(gender, "class=\"below\""));
  EXPECT_TRUE(has(gender, "<strong class=\"gap-below\">Below target by "));
  EXPECT_TRUE(has(gender, "class=\"bar below\""));
  auto route = section(page.body, "route_role");
  EXPECT_TRUE(has(route, "Above target by ") || has(route, "Within 5 points of target"));
  EXPECT_TRUE(has(route, "<line class=\"target\""));
}

TEST_F(ParityTest, StaffEditTargets) {
  auto staff = english("staff");
  auto form = staff.get(path(2, "/targets"));
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "name=\"route_role_origin\" type=\"text\" value=\"40\""));
  EXPECT_TRUE(has(form.body, "name=\"gender_female\" type=\"text\" value=\"50\""));
  EXPECT_TRUE(has(form.body, "name=\"gender_male\" type=\"text\" value=\"\""));
  // A target of another dimension, set elsewhere, is kept.
  ps::insert_cohort_target(sql(), cohort_id(2), {"country", "GH", 20});
  auto res = staff.submit(path(2, "/targets"), {{"route_role_origin", " 50 "},
                                                {"route_role_transit", "25"},
                                                {"route_role_destination", ""},
                                                {"gender_female", "45"},
                                                {"gender_male", "45"}});
  ASSERT_EQ(res.status, 303);
  const std::string c = std::to_string(cohort_id(2));
  EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_target WHERE cohort_id = " + c), 5);
  EXPECT_EQ(count("SELECT share_percent FROM cohort_target WHERE cohort_id = " + c +
                  " AND dimension = 'route_role' AND value = 'origin'"),
            50);
  EXPECT_EQ(count("SELECT COUNT(*) FROM cohort_target WHERE cohort_id = " + c +
                  " AND value = 'destination'"),
            0);
  EXPECT_EQ(count("SELECT share_percent FROM cohort_target WHERE cohort_id = " + c +
                  " AND dimension = 'country' AND value = 'GH'"),
            20);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'cohort.targets' AND "
                  "entity_id = '" +
                  c + "' AND changes LIKE '%route_role.origin=50%'"),
            1);
  // Other cohorts keep theirs.
  EXPECT_EQ(count("SELECT share_percent FROM cohort_target WHERE cohort_id = " +
                  std::to_string(cohort_id(3)) + " AND value = 'origin'"),
            40);
  auto parity = staff.get(path(2, "/parity"));
  EXPECT_TRUE(has(parity.body, "href=\"" + path(2, "/targets") + "\""));
  EXPECT_TRUE(has(section(parity.body, "country"), "data-value=\"GH\""));
}

TEST_F(ParityTest, BadTargetsChangeNothing) {
  auto staff = english("staff");
  const Form good = {{"route_role_origin", "40"},
                     {"route_role_transit", "30"},
                     {"route_role_destination", "30"},
                     {"gender_female", "50"},
                     {"gender_male", ""}};
  struct Case {
    std::string field, value, message, error_field;
  };
  const std::vector<Case> cases = {
      {"route_role_origin", "abc", "Enter a whole number from 0 to 100", "route_role_origin"},
      {"route_role_transit", "101", "Enter a whole number from 0 to 100", "route_role_transit"},
      {"route_role_destination", "-1", "Enter a whole number from 0 to 100",
       "route_role_destination"},
      {"gender_male", "2.5", "Enter a whole number from 0 to 100", "gender_male"},
      {"gender_female", "1000", "Enter a whole number from 0 to 100", "gender_female"},
      {"route_role_origin", "41", "add up to more than 100", "route_role"},
      {"gender_male", "51", "add up to more than 100", "gender"},
  };
  const auto before = targets_state();
  for (const auto& k : cases) {
    SCOPED_TRACE(k.field + "=" + k.value);
    Form f = good;
    for (auto& [name, v] : f)
      if (name == k.field) v = k.value;
    auto res = staff.submit(path(1, "/targets"), f);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, k.message));
    const bool group = k.error_field == "route_role" || k.error_field == "gender";
    EXPECT_TRUE(
        has(res.body, "id=\"" + (group ? "" : std::string("f-")) + k.error_field + "-error\""));
    // What was typed comes back.
    EXPECT_TRUE(has(res.body, "value=\"" + k.value + "\""));
    EXPECT_EQ(targets_state(), before);
  }
  // Nothing at all: every target removed is valid (no targets); an empty form
  // without the fields is the same, and a form of spaces too.
  auto cleared = staff.submit(path(1, "/targets"), {{"route_role_origin", "  "}});
  EXPECT_EQ(cleared.status, 303);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM cohort_target WHERE cohort_id = " + std::to_string(cohort_id(1))),
      0);
}

TEST_F(ParityTest, OnlyTheProgrammeTeamSeesCompositionAndParity) {
  const std::vector<std::string> team_only = {"/parity", "/parity.csv", "/parity.xlsx", "/targets"};
  for (const char* role : {"anonymous", "participant", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = std::string(role) == "anonymous" ? client() : sign_in(role);
    // A visitor is asked to log in first.
    const int hidden = std::string(role) == "anonymous" ? 303 : 404;
    for (const auto& p : team_only) EXPECT_EQ(c.get(path(3, p)).status, hidden) << p;
    auto token = csrf_of(c.get("/").body);
    auto before = targets_state();
    EXPECT_EQ(c.post(path(3, "/targets"), {{"csrf", token}, {"route_role_origin", "1"}}).status,
              404);
    EXPECT_EQ(targets_state(), before);
    // The cohort page shows them no composition.
    auto page = c.get(path(3));
    EXPECT_FALSE(has(page.body, "data-dimension="));
    EXPECT_FALSE(has(page.body, "/parity"));
  }
  // Stakeholders and visitors do not get the people list as a file either.
  EXPECT_EQ(client().get(path(3, "/people.csv")).location(),
            "/login?next=" + url_encode(path(3, "/people.csv")));
  EXPECT_EQ(sign_in("stakeholder").get(path(3, "/people.xlsx")).status, 404);

  // Lecturers of the programme see the composition and parity, but set no targets.
  auto lecturer = sign_in("lecturer");
  EXPECT_EQ(lecturer.get(path(3, "/parity")).status, 200);
  EXPECT_EQ(lecturer.get(path(3, "/parity.csv")).status, 200);
  EXPECT_TRUE(has(lecturer.get(path(3)).body, "data-dimension=\"gender\""));
  EXPECT_FALSE(has(lecturer.get(path(3, "/parity")).body, "/targets\""));
  EXPECT_EQ(lecturer.get(path(3, "/targets")).status, 404);
  auto before = targets_state();
  EXPECT_EQ(
      lecturer.submit(path(3, "/parity"), {{"route_role_origin", "1"}}, path(3, "/targets")).status,
      404);
  EXPECT_EQ(targets_state(), before);
  // The demo lecturer does not teach cohort 1.
  EXPECT_EQ(lecturer.get(path(1, "/parity")).status, 200);  // in the programme all the same

  auto staff = sign_in("staff");
  EXPECT_TRUE(has(staff.get(path(3)).body, "data-dimension=\"route_role\""));
}

TEST_F(ParityTest, StaffOfAnotherProgrammeGet404) {
  const std::string other = "/cohorts/" + std::to_string(other_programme_cohort());
  const std::vector<std::string> pages = {"",         "/parity",     "/parity.csv", "/parity.xlsx",
                                          "/targets", "/people.csv", "/people.xlsx"};
  for (const char* role : {"staff", "lecturer"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    for (const auto& p : pages) EXPECT_EQ(c.get(other + p).status, 404) << p;
    auto before = targets_state();
    EXPECT_EQ(
        c.post(other + "/targets", {{"csrf", csrf_of(c.get("/").body)}, {"gender_female", "10"}})
            .status,
        404);
    EXPECT_EQ(targets_state(), before);
  }
  auto admin = sign_in("admin");
  for (const auto& p : pages) EXPECT_EQ(admin.get(other + p).status, 200) << p;
  auto parity = admin.get(other + "/parity");
  EXPECT_EQ(data_numbers(parity.body, "counted").at(0), 1);
  EXPECT_TRUE(has(section(parity.body, "gender"), "data-value=\"female\" data-count=\"1\""));
}

TEST_F(ParityTest, PeopleExportHoldsWhatThePageShows) {
  auto staff = english("staff");
  const std::string c4 = std::to_string(cohort_id(4));
  const long all = count("SELECT COUNT(*) FROM enrolment WHERE cohort_id = " + c4);
  ASSERT_GT(all, 25);  // more than one page
  auto csv = staff.get(path(4, "/people.csv"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"cohort-4-people.csv\"");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFName,", 0), 0u);
  auto lines = [](const std::string& s) {
    long n = 0;
    for (auto p = s.find("\r\n"); p != std::string::npos; p = s.find("\r\n", p + 2)) ++n;
    return n;
  };
  EXPECT_EQ(lines(csv.body), all + 1);
  EXPECT_TRUE(has(csv.body, "Email address"));
  EXPECT_TRUE(has(csv.body, "@example.org"));
  // The page's filters apply; the page links to the export with them.
  const long participating = count("SELECT COUNT(*) FROM enrolment WHERE cohort_id = " + c4 +
                                   " AND status = 'participant'");
  auto filtered = staff.get(path(4, "/people.csv?status=participant"));
  EXPECT_EQ(lines(filtered.body), participating + 1);
  auto page = staff.get(path(4, "?status=participant&page=2"));
  auto links = links_of(page.body);
  EXPECT_NE(std::find(links.begin(), links.end(), path(4, "/people.csv?status=participant")),
            links.end());
  EXPECT_NE(std::find(links.begin(), links.end(), path(4, "/people.xlsx?status=participant")),
            links.end());

  // A participant exports what they see: names, no emails, no statuses.
  auto participant = english("participant");
  auto theirs = participant.get(path(3, "/people.csv"));
  ASSERT_EQ(theirs.status, 200);
  EXPECT_TRUE(has(theirs.body, "ليلى حداد"));
  EXPECT_FALSE(has(theirs.body, "@"));
  EXPECT_FALSE(has(theirs.body, "Email address"));
  EXPECT_FALSE(has(theirs.body, "Withdrawn"));
  EXPECT_EQ(lines(theirs.body), count("SELECT COUNT(*) FROM enrolment WHERE cohort_id = " +
                                      std::to_string(cohort_id(3))) +
                                    1);
}

TEST_F(ParityTest, XlsxRunsRightToLeftForArabicReaders) {
  auto participant = sign_in("participant");  // reads Arabic
  auto x = participant.get(path(3, "/people.xlsx"));
  ASSERT_EQ(x.status, 200);
  EXPECT_EQ(x.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(x.header("content-disposition"), "attachment; filename=\"cohort-3-people.xlsx\"");
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  EXPECT_TRUE(has(unzip_member(x.body, "xl/worksheets/sheet1.xml"), "rightToLeft=\"1\""));
  EXPECT_TRUE(has(unzip_member(x.body, "xl/sharedStrings.xml"), "ليلى حداد"));

  auto staff = sign_in("staff");  // reads German
  auto parity = staff.get(path(3, "/parity.xlsx"));
  ASSERT_EQ(parity.status, 200);
  auto sheet = unzip_member(parity.body, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_FALSE(has(sheet, "rightToLeft"));
  EXPECT_TRUE(has(unzip_member(parity.body, "xl/sharedStrings.xml"), "Libanon"));

  auto csv = english("staff").get(path(3, "/parity.csv"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"cohort-3-parity.csv\"");
  const long counted = participants(3, "'admitted', 'participant', 'graduate'");
  EXPECT_TRUE(has(csv.body, "Cohort,Counted," + std::to_string(counted) + ",,,,\r\n"));
  EXPECT_TRUE(has(csv.body, "Gender,Female,"));
  EXPECT_TRUE(has(csv.body, "Route role,Origin,"));
}

TEST_F(ParityTest, ArabicParityPageIsMirrored) {
  auto participant_admin = sign_in("admin");
  ASSERT_EQ(
      participant_admin.submit("/account", {{"language", "ar"}, {"next", "/"}}, "/language").status,
      303);
  auto page = participant_admin.get(path(3, "/parity"));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(html_attribute(page.body, "dir"), "rtl");
  EXPECT_TRUE(has(page.body, "direction=\"rtl\""));
  EXPECT_TRUE(has(page.body, "لبنان"));
}

TEST_F(ParityTest, OverviewCreditsTheFunders) {
  auto page = client().get("/programme");
  ASSERT_EQ(page.status, 200);
  auto amif = page.body.find("Asylum, Migration and Integration Fund (AMIF), European Union");
  auto bamf = page.body.find("Federal Office for Migration and Refugees (BAMF), Germany");
  ASSERT_NE(amif, std::string::npos);
  ASSERT_NE(bamf, std::string::npos);
  EXPECT_LT(amif, bamf);  // in the order they are credited
  EXPECT_TRUE(has(page.body, "Funded by"));
}

}  // namespace
}  // namespace crm::test

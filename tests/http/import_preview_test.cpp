// The people import's preview as a staff member meets it (issue 9, §5), on
// both databases: counts of only the rows that go in and each bad value next
// to its problem; every new person and every update (old → new) listed, the
// rest in a CSV download; a warning when the cohort would have more people
// than places; new organisations with similar ones in crm to choose from, the
// choice carried into the commit's job; a template, and crm's own exports in
// any of its languages accepted as input. Every refused step changes nothing.
#include "http/support/import_test_base.hpp"

namespace crm::test {
namespace {

class ImportPreviewTest : public ImportTestBase {
 protected:
  // Uploads `csv` into cohort `cohort`; returns the preview's path ("" when refused).
  std::string upload(Client& c, int cohort, const std::string& csv) {
    auto res = post_upload(c, cohort, csv);
    EXPECT_EQ(res.status, 303) << res.body.substr(0, 400);
    return res.status == 303 ? res.location() : std::string();
  }
  std::string people_state() {
    return dump_tables(sql(), {"organisation", "person", "enrolment", "enrolment_status_history",
                               "audit_log", "job"});
  }
  static long occurrences(const std::string& html, std::string_view s) {
    long n = 0;
    for (auto p = html.find(s); p != std::string::npos; p = html.find(s, p + s.size())) ++n;
    return n;
  }
  // The <tr> of a row of a table on the page, as HTML.
  static std::string row_html(const std::string& html, const std::string& start) {
    auto b = html.find(start);
    if (b == std::string::npos) return {};
    auto e = html.find("</tr>", b);
    return html.substr(b, e - b);
  }
};

// A row with a problem is no new person and no update, and the page shows
// what the file holds next to the problem.
TEST_F(ImportPreviewTest, CountsOnlyRowsThatGoInAndShowsEachBadValue) {
  auto c = staff();
  const std::string known = email_in_cohort(3);
  const std::string csv =
      "email,name,country,status\n"
      "good.one@import.example,Good One,DE,\n"        // 1
      "good.two@import.example,Good Two,TR,\n"        // 2
      "bad.country@import.example,Bad Country,XX,\n"  // 3
      "not-an-email,Bad Email,DE,\n"                  // 4
      + known + ",Known Person,DE,married\n";         // 5: update, bad status
  const auto path = upload(c, 3, csv);
  ASSERT_FALSE(path.empty());
  const auto before = people_state();
  auto page = c.get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "2 new people")) << page.body;
  EXPECT_TRUE(has(page.body, "0 updates of people already in crm"));
  EXPECT_TRUE(has(page.body, "3 rows have problems and are not counted above."));
  EXPECT_TRUE(has(row_html(page.body, "<tr data-row=\"3\" data-column=\"country\""),
                  "<bdi class=\"value\">XX</bdi>"));
  EXPECT_TRUE(has(row_html(page.body, "<tr data-row=\"4\" data-column=\"email\""),
                  "<bdi class=\"value\">not-an-email</bdi>"));
  EXPECT_TRUE(has(row_html(page.body, "<tr data-row=\"5\" data-column=\"status\""),
                  "<bdi class=\"value\">married</bdi>"));
  // Rows with problems are not listed as going in.
  EXPECT_FALSE(has(page.body, "data-row=\"3\" data-action"));
  EXPECT_FALSE(has(page.body, "data-row=\"5\" data-action"));
  EXPECT_TRUE(has(page.body, "data-row=\"1\" data-action=\"new\""));
  // A missing value reads as empty, not as a blank cell.
  const std::string missing = "email,name,country\nno.name@import.example,,DE\n";
  auto second = c.get(upload(c, 3, missing));
  EXPECT_TRUE(has(row_html(second.body, "<tr data-row=\"1\" data-column=\"name\""), "(empty)"));
  EXPECT_TRUE(has(second.body, "0 new people"));
  EXPECT_FALSE(has(second.body, "/commit\""));

  auto res = c.post(path + "/commit", {{"csrf", csrf_of(page.body)}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(people_state(), before);
}

// Every new person with the values stored, every update as old → new; past
// 200 rows the page says how many more and the CSV download has them all.
TEST_F(ImportPreviewTest, ListsNewPeopleAndUpdatesAndOffersEveryRowAsCsv) {
  auto c = staff();
  const std::string known = email_in_cohort(3);
  std::string old_position, old_name, old_country;
  sql().sql() << "SELECT position, name, country FROM person WHERE email = :e", soci::use(known),
      soci::into(old_position), soci::into(old_name), soci::into(old_country);
  std::string csv = "email,name,country,organisation,organisation_type,position,gender,status\n" +
                    known + "," + old_name + "," + old_country + ",,,Head of returns,,graduate\n" +
                    "kwame.new@import.example,Kwame Asante,GH,IOM Ghana,international,Officer,"
                    "male,admitted\n";
  const auto path = upload(c, 3, csv);
  ASSERT_FALSE(path.empty());
  auto page = c.get(path);
  ASSERT_EQ(page.status, 200);
  const auto fresh = row_html(page.body, "<tr data-row=\"2\" data-action=\"new\"");
  for (const char* v : {"kwame.new@import.example", "Kwame Asante", "Ghana", "IOM Ghana",
                        "International organisation", "Officer", "male", "Admitted"})
    EXPECT_TRUE(has(fresh, v)) << v << " in " << fresh;
  const auto update = row_html(page.body, "<tr data-row=\"1\" data-action=\"update\"");
  EXPECT_TRUE(has(update, "data-field=\"Position\"")) << update;
  EXPECT_TRUE(has(update, "Head of returns"));
  if (!old_position.empty()) {
    EXPECT_TRUE(has(update, "<bdi class=\"before\">" + old_position));
  }
  EXPECT_TRUE(has(update, "Taking part → Graduate"));
  EXPECT_FALSE(has(update, "data-field=\"Name\""));    // the same as crm's
  EXPECT_FALSE(has(update, "data-field=\"Gender\""));  // empty in the file: crm's stays
  EXPECT_FALSE(has(update, "data-field=\"Country\""));

  auto rows = c.get(path + "/rows.csv");
  ASSERT_EQ(rows.status, 200);
  EXPECT_TRUE(has(rows.header("content-type"), "text/csv"));
  EXPECT_TRUE(has(rows.header("content-disposition"), "attachment"));
  EXPECT_TRUE(has(rows.body, "kwame.new@import.example"));
  EXPECT_TRUE(has(rows.body, old_position + " → Head of returns"));
  // Nobody outside the programme gets it.
  EXPECT_EQ(sign_in("participant").get(path + "/rows.csv").status, 404);
  // Signed out: to the login, nothing of the import.
  auto anonymous = client().get(path + "/rows.csv");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_FALSE(has(anonymous.body, "kwame.new@import.example"));

  // 205 new people: 200 on the page, the count of the rest, all in the CSV.
  std::string many = "email,name,country\n";
  for (int i = 1; i <= 205; ++i)
    many += "many." + std::to_string(i) + "@import.example,Person " + std::to_string(i) + ",DE\n";
  const auto big = upload(c, 3, many);
  auto long_page = c.get(big);
  EXPECT_EQ(occurrences(long_page.body, "data-action=\"new\""), 200);
  EXPECT_TRUE(has(long_page.body, "data-more=\"5\""));
  EXPECT_TRUE(has(long_page.body, "5 more rows are not shown here."));
  EXPECT_TRUE(has(long_page.body, "205 new people"));
  auto all = c.get(big + "/rows.csv");
  EXPECT_TRUE(has(all.body, "many.205@import.example"));
  EXPECT_EQ(occurrences(all.body, "@import.example"), 205);
}

// Cohort 3 has 24 places, all taken: three more participants is a warning,
// and staff may import them all the same.
TEST_F(ImportPreviewTest, ACohortOverItsPlacesIsSaidAndStaffMayGoOn) {
  ASSERT_EQ(count("SELECT capacity FROM cohort WHERE number = 3"), 24);
  ASSERT_EQ(
      count("SELECT COUNT(*) FROM enrolment WHERE cohort_id = " + std::to_string(cohort_id(3)) +
            " AND role = 'participant' AND status IN ('admitted', 'participant', "
            "'graduate')"),
      24);
  auto c = staff();
  // Applicants take no place: no warning.
  auto applicants = c.get(upload(c, 3,
                                 "email,name,country\na1@import.example,A One,DE\n"
                                 "a2@import.example,A Two,DE\n"));
  EXPECT_FALSE(has(applicants.body, "data-over-capacity"));

  const auto path = upload(c, 3,
                           "email,name,country,status\np1@import.example,P One,DE,participant\n"
                           "p2@import.example,P Two,TR,admitted\n"
                           "p3@import.example,P Three,IT,participant\n");
  auto page = c.get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "data-over-capacity"));
  EXPECT_TRUE(
      has(page.body, "After this import the cohort has 27 people taking part for 24 places."));
  ASSERT_TRUE(has(page.body, "/commit\""));
  ASSERT_EQ(c.submit(path, {}, path + "/commit").status, 303);
  EXPECT_EQ(run_jobs(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE email LIKE 'p_@import.example'"), 3);
}

// "Caritas München" is not created next to "Caritasverband München" unless
// staff say so: the preview proposes the existing one, the commit needs a
// choice, and the job uses the organisation chosen.
TEST_F(ImportPreviewTest, NewOrganisationsAreProposedSimilarOnesAndTheChoiceIsImported) {
  const long caritas = count("SELECT id FROM organisation WHERE name = 'Caritasverband München'");
  ASSERT_GT(caritas, 0);
  const long iom = count("SELECT id FROM organisation WHERE name = 'IOM Ghana'");
  auto c = staff();
  const std::string csv =
      "email,name,country,organisation,organisation_type\n"
      "c1@import.example,C One,DE,Caritas München,ngo\n"
      "c2@import.example,C Two,DE,caritas munchen,ngo\n"
      "d1@import.example,D One,DE,Diakonie Augsburg,ngo\n"
      "g1@import.example,G One,GH,IOM Ghana,international\n";
  const auto path = upload(c, 3, csv);
  ASSERT_FALSE(path.empty());
  auto page = c.get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "3 new organisations"));
  EXPECT_TRUE(has(page.body, "data-organisation=\"DE|Diakonie Augsburg\""));
  EXPECT_FALSE(has(page.body, "data-organisation=\"GH|IOM Ghana\""));  // crm has it
  for (const char* key : {"DE|Caritas München", "DE|caritas munchen"}) {
    const auto choice = row_html(page.body, std::string("<fieldset data-choice=\"") + key);
    EXPECT_TRUE(has(choice, "value=\"" + std::to_string(caritas) + "\"")) << key << choice;
    EXPECT_TRUE(has(choice, "Caritasverband München"));
    EXPECT_TRUE(has(choice, "value=\"new\""));
  }
  EXPECT_FALSE(has(page.body, "<fieldset data-choice=\"DE|Diakonie Augsburg\""));
  // The fields in the order of the page: org-key-0 … with their choices.
  const auto before = people_state();
  const std::string token = csrf_of(page.body);
  auto key = [&](int i) {
    auto at = page.body.find("name=\"org-key-" + std::to_string(i) + "\" value=\"");
    EXPECT_NE(at, std::string::npos);
    at = page.body.find("value=\"", at) + 7;
    return html_unescape(page.body.substr(at, page.body.find('"', at) - at));
  };
  const std::string k0 = key(0), k1 = key(1);
  // No choice, half a choice, a choice never offered: 422, nothing changes.
  for (const auto& form : std::vector<Form>{
           {{"csrf", token}},
           {{"csrf", token}, {"org-key-0", k0}, {"org-0", std::to_string(caritas)}},
           {{"csrf", token},
            {"org-key-0", k0},
            {"org-0", std::to_string(iom)},
            {"org-key-1", k1},
            {"org-1", "new"}},
       }) {
    auto res = c.post(path + "/commit", form);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, "Choose for each new organisation"));
    EXPECT_EQ(people_state(), before);
  }
  // The first uses Caritasverband, the second is created after all.
  auto ok = c.post(path + "/commit", {{"csrf", token},
                                      {"org-key-0", k0},
                                      {"org-0", std::to_string(caritas)},
                                      {"org-key-1", k1},
                                      {"org-1", "new"}});
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(run_jobs(), 1);
  const std::string used = k0 == "DE|Caritas München" ? "c1" : "c2";
  const std::string created = used == "c1" ? "c2" : "c1";
  EXPECT_EQ(count("SELECT organisation_id FROM person WHERE email = '" + used + "@import.example'"),
            caritas);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person p JOIN organisation o ON o.id = p.organisation_id "
                  "WHERE p.email = '" +
                  created + "@import.example' AND o.id <> " + std::to_string(caritas)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM organisation WHERE name = '" +
                  std::string(used == "c1" ? "Caritas München" : "caritas munchen") + "'"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM organisation WHERE name = 'Diakonie Augsburg'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM organisation WHERE name = 'IOM Ghana'"), 1);
}

// The organisation chosen is gone when the job runs: nothing is imported and
// the page says why.
TEST_F(ImportPreviewTest, AChosenOrganisationThatIsGoneStopsTheWholeImport) {
  auto c = staff();
  const std::string path = upload(c, 3,
                                  "email,name,country,organisation\n"
                                  "gone@import.example,Gone Org,DE,Caritas München\n"
                                  "fine@import.example,Fine,DE,\n");
  auto page = c.get(path);
  const long caritas = count("SELECT id FROM organisation WHERE name = 'Caritasverband München'");
  ASSERT_EQ(c.post(path + "/commit", {{"csrf", csrf_of(page.body)},
                                      {"org-key-0", "DE|Caritas München"},
                                      {"org-0", std::to_string(caritas)}})
                .status,
            303);
  sql().sql() << "DELETE FROM organisation WHERE name = 'Caritasverband München'";
  const auto before = dump_tables(sql(), {"organisation", "person", "enrolment"});
  EXPECT_EQ(run_jobs(), 1);
  EXPECT_EQ(dump_tables(sql(), {"organisation", "person", "enrolment"}), before);
  auto after = c.get(path);
  EXPECT_TRUE(has(after.body, "data-job-failed"));
  EXPECT_TRUE(has(after.body, "no longer in crm"));
}

// The template imports as it is; so does the cohort's own people export, in
// each language crm speaks (translated headers, country names, statuses).
TEST_F(ImportPreviewTest, TheTemplateAndCrmsOwnExportsCanBeImported) {
  auto c = staff();
  auto tpl = c.get(import_path(3) + "/template.csv");
  ASSERT_EQ(tpl.status, 200);
  EXPECT_TRUE(has(tpl.header("content-disposition"), "attachment"));
  EXPECT_TRUE(has(tpl.body, "email,name,name_latin,country,organisation"));
  EXPECT_TRUE(has(c.get(import_path(3)).body, "/import/template.csv"));
  auto from_template = c.get(upload(c, 3, tpl.body));
  EXPECT_TRUE(has(from_template.body, "1 new person"));
  EXPECT_TRUE(has(from_template.body, "0 problems"));
  EXPECT_EQ(sign_in("participant").get(import_path(3) + "/template.csv").status, 404);

  const long participants =
      count("SELECT COUNT(*) FROM enrolment WHERE role = 'participant' AND cohort_id = " +
            std::to_string(cohort_id(3)));
  const long others =
      count("SELECT COUNT(*) FROM enrolment WHERE role <> 'participant' AND cohort_id = " +
            std::to_string(cohort_id(3)));
  auto language = [&](const std::string& l) {
    EXPECT_EQ(c.submit("/account", {{"language", l}, {"next", "/"}}, "/language").status, 303);
  };
  const std::vector<std::string> people_tables = {"organisation", "person", "enrolment",
                                                  "enrolment_status_history"};
  const auto before = dump_tables(sql(), people_tables);
  for (const std::string l : {"en", "de", "fr", "ar"}) {
    SCOPED_TRACE(l);
    language(l);
    auto exported = c.get("/cohorts/" + std::to_string(cohort_id(3)) + "/people.csv");
    ASSERT_EQ(exported.status, 200);
    language("en");  // the preview read in English
    auto page = c.get(upload(c, 3, exported.body));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(has(page.body, "0 problems")) << page.body.substr(page.body.find("<main"), 3000);
    EXPECT_TRUE(has(page.body, "0 new people"));
    EXPECT_TRUE(has(page.body, std::to_string(participants) + " updates of people already"));
    if (others > 0) {
      EXPECT_TRUE(has(page.body, "data-left-out"));
    }
    EXPECT_FALSE(has(page.body, "data-unknown-columns"));
    // Nothing changes: the export is what crm holds.
    EXPECT_FALSE(has(page.body, "data-field="));
    EXPECT_FALSE(has(page.body, " → "));
  }
  EXPECT_EQ(dump_tables(sql(), people_tables), before);
}

}  // namespace
}  // namespace crm::test

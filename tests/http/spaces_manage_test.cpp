// Making spaces across cohorts and a space's settings (issue 14 §1), on both
// databases: the programme's staff make a theme space with names per
// language, protected with authors hidden, and change any space's settings
// (archiving included); bad input is refused beside its field and changes
// nothing; participants and staff of no programme of the space get 404; the
// audit log holds flags, never the names.
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

class SpacesManageTest : public HttpTest {
 protected:
  long spaces() { return count("SELECT COUNT(*) FROM space"); }
  long texts() { return count("SELECT COUNT(*) FROM space_text"); }
  // The demo staff member's programme, as the form's select sends it.
  std::string programme() {
    return std::to_string(
        count("SELECT MIN(ps.programme_id) FROM programme_staff ps JOIN account a ON a.id = "
              "ps.account_id WHERE a.email = '" +
              demo("staff").email + "'"));
  }
  // The refusal stands beside its field (the page is in the reader's language).
  static bool refused_at(const HttpResponse& r, const std::string& field) {
    return r.status == 422 && r.body.find("id=\"f-" + field + "-error\"") != std::string::npos;
  }
};

TEST_F(SpacesManageTest, StaffMakeAProtectedThemeSpaceWithNamesPerLanguage) {
  auto c = sign_in("staff");
  auto page = c.get("/spaces/new");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"programme\""), std::string::npos);
  const long before = spaces();
  auto r = c.submit("/spaces/new",
                    {{"programme", programme()},
                     {"kind", "theme"},
                     {"name_en", "Returns from Libya"},
                     {"description_en", "Cases and contacts along the central route."},
                     {"name_ar", "العودة من ليبيا"},
                     {"protected", "yes"},
                     {"authors_hidden", "yes"}},
                    "/spaces");
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
  EXPECT_EQ(spaces(), before + 1);
  const long id = count("SELECT MAX(id) FROM space");
  EXPECT_EQ(r.location(), "/spaces/" + std::to_string(id) + "/members");
  EXPECT_EQ(count("SELECT COUNT(*) FROM space WHERE id = " + std::to_string(id) +
                  " AND kind = 'theme' AND protected = 1 AND authors_hidden = 1"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM space_text WHERE space_id = " + std::to_string(id)), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'space.create' AND changes LIKE "
                  "'%Libya%'"),
            0);
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'space.create'"), 1);

  // The settings: archived, no longer protected (authors then cannot stay hidden).
  auto settings = c.get("/spaces/" + std::to_string(id) + "/settings");
  ASSERT_EQ(settings.status, 200);
  EXPECT_NE(settings.body.find("Returns from Libya"), std::string::npos);
  auto refused = c.submit("/spaces/" + std::to_string(id) + "/settings",
                          {{"name_en", "Returns from Libya"}, {"authors_hidden", "yes"}});
  EXPECT_TRUE(refused_at(refused, "authors_hidden"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM space WHERE id = " + std::to_string(id) +
                  " AND protected = 1 AND archived_at IS NULL"),
            1);
  auto saved = c.submit("/spaces/" + std::to_string(id) + "/settings",
                        {{"name_en", "Returns from Libya and Niger"}, {"archived", "yes"}});
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM space WHERE id = " + std::to_string(id) +
                  " AND protected = 0 AND authors_hidden = 0 AND archived_at IS NOT NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM space_text WHERE space_id = " + std::to_string(id)), 1);
}

TEST_F(SpacesManageTest, BadInputIsRefusedBesideItsFieldAndChangesNothing) {
  auto c = sign_in("staff");
  const long before = spaces(), before_texts = texts();
  struct Case {
    Form fields;
    std::string field;  // where the refusal is shown
  };
  const std::string p = programme();
  const std::vector<Case> cases = {
      {{{"programme", p}, {"kind", "theme"}, {"name_de", "Nur Deutsch"}}, "name_en"},
      {{{"programme", p}, {"kind", "theme"}, {"name_en", "Open"}, {"authors_hidden", "yes"}},
       "authors_hidden"},
      {{{"programme", p}, {"kind", "cohort"}, {"name_en", "A second cohort space"}}, "kind"},
      {{{"programme", "999999"}, {"kind", "region"}, {"name_en", "Elsewhere"}}, "programme"},
      {{{"programme", p}, {"kind", "region"}, {"name_en", std::string(121, 'x')}}, "name_en"},
      {{{"programme", p}, {"kind", "region"}, {"name_en", "West"}, {"description_fr", "Sans nom"}},
       "name_fr"},
  };
  for (const auto& k : cases) {
    auto r = c.submit("/spaces/new", k.fields, "/spaces");
    EXPECT_TRUE(refused_at(r, k.field)) << k.field << " " << r.status;
  }
  EXPECT_EQ(spaces(), before);
  EXPECT_EQ(texts(), before_texts);
}

TEST_F(SpacesManageTest, ParticipantsAndLecturersGet404AndChangeNothing) {
  const long before = spaces();
  const long space = count(
      "SELECT MIN(s.id) FROM space s JOIN enrolment e ON e.cohort_id = s.cohort_id JOIN person p "
      "ON p.id = e.person_id JOIN account a ON a.id = p.account_id WHERE a.role = 'participant'");
  ASSERT_GT(space, 0);
  for (const char* role : {"participant", "lecturer", "alumnus"}) {
    auto c = sign_in(role);
    EXPECT_EQ(c.get("/spaces/new").status, 404) << role;
    EXPECT_EQ(c.get("/spaces/" + std::to_string(space) + "/settings").status, 404) << role;
    auto token = csrf_of(c.get("/").body);
    EXPECT_EQ(c.post("/spaces", {{"csrf", token}, {"kind", "theme"}, {"name_en", "Mine"}}).status,
              404)
        << role;
    EXPECT_EQ(c.post("/spaces/" + std::to_string(space) + "/settings",
                     {{"csrf", token}, {"name_en", "Mine"}, {"archived", "yes"}})
                  .status,
              404)
        << role;
  }
  EXPECT_EQ(spaces(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM space WHERE archived_at IS NOT NULL AND id = " +
                  std::to_string(space)),
            0);
}

}  // namespace
}  // namespace crm::test

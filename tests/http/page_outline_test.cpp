// Every page says what it is about (<meta name="description">) and keeps its
// headings in order: no level skipped, from h1 down (the browser walk checks
// the same on every page it visits).
#include <regex>
#include <string>
#include <vector>

#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

class PageOutlineTest : public HttpTest {
 protected:
  std::string cohort_path(int number, const std::string& rest = "") {
    return "/cohorts/" +
           std::to_string(count("SELECT id FROM cohort WHERE number = " + std::to_string(number))) +
           rest;
  }
  std::string text(const std::string& query) {
    std::string out;
    sql().sql() << query, soci::into(out);
    return out;
  }
  static std::string description_of(const std::string& html) {
    std::smatch m;
    static const std::regex meta("<meta name=\"description\" content=\"([^\"]*)\">");
    return std::regex_search(html, m, meta) ? html_unescape(m[1].str()) : "";
  }
  // "h1 h2 h3 …" as the headings come; and the first skip, or "".
  static std::string skipped_level(const std::string& html) {
    static const std::regex heading("<h([1-6])[ >]");
    int previous = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), heading);
         it != std::sregex_iterator(); ++it) {
      int level = std::stoi((*it)[1].str());
      if (level > previous + 1)
        return "h" + std::to_string(level) + " after " +
               (previous ? "h" + std::to_string(previous) : std::string("the start"));
      previous = level;
    }
    return "";
  }
  void check(Client& c, const std::vector<std::string>& paths) {
    for (const auto& path : paths) {
      SCOPED_TRACE(path);
      auto page = c.get(path);
      ASSERT_TRUE(page.status == 200 || page.status == 404) << page.status;
      EXPECT_GT(description_of(page.body).size(), 40u);
      EXPECT_EQ(skipped_level(page.body), "");
    }
  }
};

TEST_F(PageOutlineTest, EveryPageHasADescriptionAndNoSkippedHeading) {
  auto visitor = client();
  check(visitor, {"/", "/login", "/password/forgot", "/programme", "/programmes", "/no/such/page"});
  for (const char* role : {"staff", "admin"}) {
    auto c = sign_in(role);
    check(c,
          {"/", "/account", "/programme", "/programmes", cohort_path(3), cohort_path(3, "/parity"),
           cohort_path(3, "/targets"), "/organisations", "/invitations", "/erasure-requests"});
  }
  auto admin = sign_in("admin");
  check(admin, {"/admin/audit", "/admin/jobs", "/programmes/new"});
  auto participant = sign_in("participant");
  check(participant, {"/", "/profile", "/profile/data", "/profile/consents", "/profile/erasure",
                      cohort_path(3)});
}

TEST_F(PageOutlineTest, TheStartPageDescribesTheProgrammeFromItsData) {
  auto page = client().get("/");
  const auto description = text("SELECT description FROM programme_text WHERE language = 'en'");
  ASSERT_FALSE(description.empty());
  EXPECT_EQ(description_of(page.body), description);
  // The parity page's sections sit right under its title.
  auto staff = sign_in("staff");
  auto parity = staff.get(cohort_path(3, "/parity"));
  ASSERT_EQ(parity.status, 200);
  EXPECT_EQ(skipped_level(parity.body), "");
  EXPECT_NE(parity.body.find("<h2>"), std::string::npos);
}

}  // namespace
}  // namespace crm::test

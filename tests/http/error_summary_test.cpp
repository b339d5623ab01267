// After a failed submit every form answers with an error summary (as GOV.UK's
// design system does): first in the page's main content, headed "There is a
// problem", a link to each field with an error, focused on load without
// JavaScript, and "Error: " at the start of the page's title; the input is
// kept and nothing is written. On SQLite and PostgreSQL.
#include <regex>

#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

bool has(const std::string& s, std::string_view what) {
  return s.find(what) != std::string::npos;
}

// The summary box: what stands between its opening tag and its end.
std::string summary_of(const std::string& html) {
  auto at = html.find("<div class=\"error-summary\"");
  if (at == std::string::npos) return {};
  auto end = html.find("</div>", at);
  return html.substr(at, end - at);
}

// The fields the summary links to ("#f-time_zone" → "f-time_zone").
std::vector<std::string> linked_ids(const std::string& summary) {
  std::vector<std::string> ids;
  static const std::regex link("href=\"#([^\"]+)\"");
  for (std::sregex_iterator it(summary.begin(), summary.end(), link), end; it != end; ++it)
    ids.push_back((*it)[1]);
  return ids;
}

class ErrorSummaryTest : public HttpTest {
 protected:
  // Signs in and reads crm in English.
  Client english(const std::string& role) {
    auto c = sign_in(role);
    if (c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language").status != 303)
      throw std::runtime_error("language switch failed");
    return c;
  }

  // Everything the summary promises, for a page answered after a failed submit.
  void expect_summary(const HttpResponse& res, std::vector<std::string> fields) {
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(title_of(res.body).starts_with("Error: ")) << title_of(res.body);
    // First thing in <main>: the top of the page, not 1,000 px down a phone.
    EXPECT_TRUE(has(res.body, "<main id=\"main\"><div class=\"error-summary\""));
    auto box = summary_of(res.body);
    ASSERT_FALSE(box.empty());
    EXPECT_TRUE(has(box, "tabindex=\"-1\""));
    EXPECT_TRUE(has(box, "autofocus"));
    EXPECT_TRUE(has(box, "aria-labelledby=\"error-summary-title\""));
    EXPECT_TRUE(has(box, ">There is a problem</h2>"));
    auto ids = linked_ids(box);
    std::vector<std::string> expected;
    for (const auto& f : fields) expected.push_back("f-" + f);
    EXPECT_EQ(ids, expected);
    // Each link lands on its field.
    for (const auto& id : ids) EXPECT_TRUE(has(res.body, "id=\"" + id + "\"")) << id;
  }
};

TEST_F(ErrorSummaryTest, AccountWithABadTimeZone) {
  auto c = english("participant");
  auto before = state();
  auto page = c.get("/account");
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(has(page.body, "error-summary"));
  EXPECT_FALSE(title_of(page.body).starts_with("Error"));
  auto res = c.submit("/account",
                      {{"name", "Layla H."}, {"language", "en"}, {"time_zone", "Mars/Olympus"}});
  expect_summary(res, {"time_zone"});
  EXPECT_TRUE(has(summary_of(res.body), "Choose a time zone."));
  EXPECT_EQ(title_of(res.body).substr(0, 19), "Error: Your account");
  // What was typed is still there, and nothing was saved.
  EXPECT_TRUE(has(res.body, "value=\"Layla H.\""));
  EXPECT_TRUE(has(res.body, "value=\"Mars/Olympus\""));
  EXPECT_EQ(state(), before);
}

TEST_F(ErrorSummaryTest, ProfileWithABadLanguage) {
  auto c = english("participant");
  auto before = state();
  auto res = c.submit("/profile", {{"name", "ليلى حداد"},
                                   {"name_latin", "Layla Haddad"},
                                   {"country", "LB"},
                                   {"position", "Head of unit"},
                                   {"gender", "female"},
                                   {"languages", "ar, klingon"},
                                   {"visible", "country"}});
  expect_summary(res, {"languages"});
  EXPECT_EQ(title_of(res.body).substr(0, 19), "Error: Your profile");
  EXPECT_TRUE(has(res.body, "value=\"Head of unit\""));
  // The valid choice stays ticked.
  EXPECT_TRUE(has(res.body, "id=\"language-ar\" name=\"languages\" value=\"ar\" checked"));
  EXPECT_EQ(state(), before);
}

TEST_F(ErrorSummaryTest, ProfileWithSeveralProblemsListsEach) {
  auto c = english("participant");
  auto before = state();
  auto res =
      c.submit("/profile",
               {{"name", " "}, {"country", "XX"}, {"gender", "female"}, {"languages", "ar, zz9"}});
  expect_summary(res, {"name", "country", "languages"});
  EXPECT_EQ(state(), before);
}

TEST_F(ErrorSummaryTest, ErasureWithoutTheBoxTicked) {
  auto c = english("participant");
  auto before = state();
  auto res = c.submit("/profile/erasure", {});
  expect_summary(res, {"confirm"});
  EXPECT_TRUE(has(res.body, "id=\"f-confirm\""));
  EXPECT_TRUE(has(res.body, "type=\"checkbox\""));
  EXPECT_EQ(state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE erasure_requested_at IS NOT NULL"), 0);
}

// Every other form that can fail answers the same way.
TEST_F(ErrorSummaryTest, EveryFormThatFailsShowsIt) {
  auto staff = english("staff");
  auto before = state();
  const std::string cohort =
      std::to_string(count("SELECT id FROM cohort WHERE number = 3 ORDER BY id LIMIT 1"));
  const std::string programme = std::to_string(count("SELECT MIN(id) FROM programme"));
  const std::string person =
      std::to_string(count("SELECT id FROM person WHERE email = 'participant@demo.crm.example'"));
  struct Case {
    std::string page;
    Form form;
    std::string action;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"/account", {{"name", ""}, {"language", "en"}, {"time_zone", "UTC"}}, "", {"name"}},
      {"/account",
       {{"current", "wrong"}, {"password", "new password 1"}, {"password_again", "x"}},
       "/account/password",
       {"current"}},
      {"/invitations",
       {{"email", "not an address"}, {"name", "X"}, {"role", "participant"}, {"language", "en"}},
       "",
       {"email"}},
      {"/programmes/" + programme + "/cohorts/new",
       {{"number", "x"}, {"name", ""}, {"starts_on", ""}, {"ends_on", ""}},
       "/programmes/" + programme + "/cohorts",
       {"number"}},
      {"/people/" + person + "/erase", {{"confirm_id", "1"}}, "", {"confirm_id"}},
      {"/cohorts/" + cohort + "/targets", {{"gender_female", "250"}}, "", {"gender_female"}},
      {"/cohorts/" + cohort + "/targets",
       {{"gender_female", "80"}, {"gender_male", "80"}},
       "",
       {"gender"}},
      {"/people/" + person + "/merge", {{"other", "abc"}}, "", {}},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.page);
    auto page = staff.get(k.page);
    ASSERT_EQ(page.status, 200);
    auto res = staff.submit(k.page, k.form, k.action);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(title_of(res.body).starts_with("Error: "));
    auto box = summary_of(res.body);
    ASSERT_FALSE(box.empty());
    EXPECT_TRUE(has(res.body, "<main id=\"main\"><div class=\"error-summary\""));
    auto ids = linked_ids(box);
    for (const auto& f : k.fields)
      EXPECT_NE(std::find(ids.begin(), ids.end(), "f-" + f), ids.end()) << f;
    for (const auto& id : ids) EXPECT_TRUE(has(res.body, "id=\"" + id + "\"")) << id;
  }
  EXPECT_EQ(state(), before);

  // The programme's team, which only administrators change.
  auto admin = english("admin");
  before = state();
  auto team = admin.submit("/programmes/" + programme + "/team", {{"account_id", "abc"}});
  EXPECT_EQ(team.status, 422);
  EXPECT_TRUE(title_of(team.body).starts_with("Error: "));
  for (const auto& id : linked_ids(summary_of(team.body)))
    EXPECT_TRUE(has(team.body, "id=\"" + id + "\"")) << id;
  EXPECT_FALSE(summary_of(team.body).empty());
  EXPECT_EQ(state(), before);

  // Signed out: the login and the forgotten password.
  auto anon = client();
  auto login = anon.submit("/login", {{"email", "staff@demo.crm.example"}, {"password", "wrong"}});
  EXPECT_EQ(login.status, 422);
  EXPECT_TRUE(title_of(login.body).starts_with("Error: ") ||
              title_of(login.body).starts_with("خطأ"));
  EXPECT_FALSE(summary_of(login.body).empty());
  auto forgot = anon.submit("/password/forgot", {{"email", "nope"}});
  EXPECT_EQ(forgot.status, 422);
  EXPECT_FALSE(summary_of(forgot.body).empty());
  for (const auto& id : linked_ids(summary_of(forgot.body)))
    EXPECT_TRUE(has(forgot.body, "id=\"" + id + "\"")) << id;
}

}  // namespace
}  // namespace crm::test

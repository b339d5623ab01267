// Signed out, a link to a page of crm (a cohort from a mail) asks to log in
// and then leads to that page, through the second factor too; only a page of
// this site is ever the way back.
#include <string>

#include "auth/totp.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

class DeepLinkTest : public HttpTest {
 protected:
  // The value of the hidden `next` field of the login's (or the code's) form,
  // "" when it has none (the language switcher has a `next` of its own).
  static std::string next_of(const std::string& html) {
    auto form = html.find("action=\"/login");
    if (form == std::string::npos) return "";
    const std::string marker = "name=\"next\" value=\"";
    auto at = html.find(marker, form);
    if (at == std::string::npos || at > html.find("</form>", form)) return "";
    at += marker.size();
    return html_unescape(html.substr(at, html.find('"', at) - at));
  }

  std::string cohort_path(int number) {
    return "/cohorts/" +
           std::to_string(count("SELECT id FROM cohort WHERE number = " + std::to_string(number)));
  }
};

TEST_F(DeepLinkTest, SignedOutALinkLeadsThroughTheLoginToItsPage) {
  const auto& a = demo("participant");
  const auto cohort = cohort_path(3);
  auto c = client();
  auto r = c.get(cohort);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/login?next=" + url_encode(cohort));
  EXPECT_EQ(c.head(cohort).location(), r.location());

  auto login = c.get(r.location());
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(next_of(login.body), cohort);
  auto in = c.post("/login", {{"csrf", csrf_of(login.body)},
                              {"email", a.email},
                              {"password", a.password},
                              {"next", next_of(login.body)}});
  ASSERT_EQ(in.status, 303);
  EXPECT_EQ(in.location(), cohort);
  EXPECT_EQ(c.get(cohort).status, 200);
  // Signed in, the login page leads on too.
  EXPECT_EQ(c.get("/login?next=" + url_encode(cohort)).location(), cohort);
}

TEST_F(DeepLinkTest, TheQueryComesAlongAndAWrongPasswordKeepsTheWay) {
  const auto& a = demo("participant");
  const auto target = cohort_path(3) + "?country=LB&page=1";
  auto c = client();
  auto r = c.get(target);
  ASSERT_EQ(r.status, 303);
  auto login = c.get(r.location());
  ASSERT_EQ(next_of(login.body), target);
  auto before = state();
  auto wrong = c.post("/login", {{"csrf", csrf_of(login.body)},
                                 {"email", a.email},
                                 {"password", "not the password"},
                                 {"next", target}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(next_of(wrong.body), target);
  auto in = c.post("/login", {{"csrf", csrf_of(wrong.body)},
                              {"email", a.email},
                              {"password", a.password},
                              {"next", next_of(wrong.body)}});
  ASSERT_EQ(in.status, 303);
  EXPECT_EQ(in.location(), target);
}

TEST_F(DeepLinkTest, TheWayBackGoesThroughTheSecondFactor) {
  const auto& s = demo("staff");
  const auto cohort = cohort_path(4);
  auto c = client();
  auto login = c.get(c.get(cohort).location());
  ASSERT_EQ(next_of(login.body), cohort);
  auto in = c.post("/login", {{"csrf", csrf_of(login.body)},
                              {"email", s.email},
                              {"password", s.password},
                              {"next", cohort}});
  ASSERT_EQ(in.status, 303);
  EXPECT_EQ(in.location(), "/login/2fa?next=" + url_encode(cohort));
  auto form = c.get(in.location());
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(next_of(form.body), cohort);
  auto done = c.post("/login/2fa", {{"csrf", csrf_of(form.body)},
                                    {"code", fresh_totp(sql(), s.email, s.totp_secret)},
                                    {"next", next_of(form.body)}});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.location(), cohort);
  EXPECT_EQ(c.get(cohort).status, 200);
}

TEST_F(DeepLinkTest, OnlyAPageOfThisSiteIsTheWayBack) {
  const auto& a = demo("alumnus");
  for (std::string bad :
       {"//evil.example/x", "///evil.example", "/\\evil.example", "/%5Cevil.example",
        "/%2F%2Fevil.example", "\\\\evil.example", "https://evil.example/", "http:/evil.example",
        "javascript:alert(1)", "evil.example", " /cohorts/1", "/\r\nSet-Cookie: crm_session=x",
        "/%0D%0ASet-Cookie:%20crm_session=x", "/a%09b", "/a%7F", "/ok?x=%0A"}) {
    SCOPED_TRACE(bad);
    auto c = client();
    // Sent in the link: the form does not carry it on.
    auto page = c.get("/login?next=" + url_encode(bad));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(next_of(page.body), "");
    // Sent with the form: the start page.
    auto in = c.post("/login", {{"csrf", csrf_of(page.body)},
                                {"email", a.email},
                                {"password", a.password},
                                {"next", bad}});
    ASSERT_EQ(in.status, 303);
    EXPECT_EQ(in.location(), "/");
  }
}

TEST_F(DeepLinkTest, PagesForVisitorsStayOpenAndAMissingPageStays404) {
  auto c = client();
  for (const char* open : {"/", "/login", "/password/forgot", "/programme", "/programmes"})
    EXPECT_EQ(c.get(open).status, 200) << open;
  // An unknown address is no page at all: nothing to log in for.
  EXPECT_EQ(c.get("/no/such/page").status, 404);
  // A link from a reset mail that is no longer good says so, without a login.
  EXPECT_EQ(c.get("/password/reset/" + std::string(43, 'Q')).status, 404);
  // A form sent signed out is not a link to come back to.
  auto token = csrf_of(c.get("/").body);
  EXPECT_EQ(c.post("/profile", {{"csrf", token}}).location(), "/login");
}

}  // namespace
}  // namespace crm::test

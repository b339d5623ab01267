// The second line behind the CSRF token: a POST that the browser says comes
// from another site (Sec-Fetch-Site) or another origin (Origin) is refused
// with 403 and changes nothing, even with a valid token.
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

class OriginTest : public HttpTest {
 protected:
  std::string own_origin() { return "http://127.0.0.1:" + std::to_string(port()); }

  // Changes the signed-in alumnus's name through the account form, sending
  // `headers` with the POST.
  HttpResponse rename(Client& c, const std::string& name, const Headers& headers) {
    auto page = c.get("/account");
    return c.post("/account",
                  {{"csrf", csrf_of(page.body)},
                   {"name", name},
                   {"language", "en"},
                   {"time_zone", "Europe/Berlin"}},
                  headers);
  }
};

TEST_F(OriginTest, PostsFromOtherSitesAreRefusedAndChangeNothing) {
  auto c = sign_in("alumnus");
  auto before = state();
  const std::vector<Headers> refused = {
      {{"Sec-Fetch-Site", "cross-site"}},
      {{"Sec-Fetch-Site", "same-site"}},
      {{"Sec-Fetch-Site", "cross-site"}, {"Origin", own_origin()}},
      {{"Origin", "http://evil.example"}},
      {{"Origin", "https://127.0.0.1:" + std::to_string(port())}},
      {{"Origin", "http://127.0.0.1:1"}},
      {{"Origin", "null"}},
      {{"Sec-Fetch-Site", "same-origin"}, {"Origin", "http://evil.example"}},
  };
  for (const auto& headers : refused) {
    SCOPED_TRACE(headers.back().first + ": " + headers.back().second);
    auto r = rename(c, "Someone Else", headers);
    EXPECT_EQ(r.status, 403);
    EXPECT_NE(r.body.find(tr("en", "Not allowed")), std::string::npos);
    EXPECT_NE(r.header("content-security-policy"), "");
  }
  EXPECT_EQ(state(), before);

  // The login form too: no signing in from another site.
  const auto& a = demo("participant");
  auto attempts = count("SELECT COUNT(*) FROM login_attempt");
  auto visitor = client();
  auto page = visitor.get("/login");
  auto login = visitor.post(
      "/login", {{"csrf", csrf_of(page.body)}, {"email", a.email}, {"password", a.password}},
      {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "http://evil.example"}});
  EXPECT_EQ(login.status, 403);
  EXPECT_FALSE(visitor.cookie("crm_session"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt"), attempts);
  EXPECT_EQ(state(), before);
}

TEST_F(OriginTest, PostsFromCrmsOwnPagesAreAccepted) {
  auto c = sign_in("alumnus");
  const std::vector<Headers> accepted = {
      {},
      {{"Sec-Fetch-Site", "same-origin"}},
      {{"Sec-Fetch-Site", "none"}},
      {{"Origin", own_origin()}},
      {{"Sec-Fetch-Site", "same-origin"}, {"Origin", own_origin()}},
  };
  int n = 0;
  for (const auto& headers : accepted) {
    std::string name = "Alumna " + std::to_string(++n);
    SCOPED_TRACE(name);
    auto r = rename(c, name, headers);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.location(), "/account");
    EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE name = '" + name + "'"), 1);
  }
  // GET is not checked: links from other sites must keep working.
  auto g = c.get("/account", {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(g.status, 200);
}

TEST_F(OriginTest, ThePublicAddressCountsAsOwnOrigin) {
  // Behind a proxy that does not pass the Host header on, the browser's
  // origin is the public address (--base-url).
  server().config().base_url = "https://crm.example.org";
  auto c = sign_in("alumnus");
  auto ok = rename(c, "Public Alumna",
                   {{"Sec-Fetch-Site", "same-origin"}, {"Origin", "https://crm.example.org"}});
  EXPECT_EQ(ok.status, 303);
  auto before = state();
  auto bad = rename(c, "Other Alumna", {{"Origin", "https://crm.example.org.evil.example"}});
  EXPECT_EQ(bad.status, 403);
  EXPECT_EQ(state(), before);
}

}  // namespace
}  // namespace crm::test

// The language switcher: a cookie for visitors, the account's language for
// people who are signed in.
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

class LanguageTest : public HttpTest {};

TEST_F(LanguageTest, VisitorsGetALanguageCookie) {
  auto before = state();
  auto c = client();
  auto page = c.get("/login");
  EXPECT_EQ(html_attribute(page.body, "lang"), "en");
  auto r =
      c.post("/language", {{"csrf", csrf_of(page.body)}, {"language", "de"}, {"next", "/login"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/login");
  bool found = false;
  for (const auto& h : r.headers_named("set-cookie"))
    if (h.starts_with("crm_lang=de;")) {
      found = true;
      EXPECT_NE(h.find("Max-Age=31536000"), std::string::npos) << h;
      EXPECT_NE(h.find("SameSite=Lax"), std::string::npos) << h;
    }
  EXPECT_TRUE(found);
  auto german = c.get("/login");
  EXPECT_EQ(html_attribute(german.body, "lang"), "de");
  EXPECT_NE(title_of(german.body).find(tr("de", "Log in")), std::string::npos);
  // Arabic turns the page around.
  c.post("/language", {{"csrf", csrf_of(german.body)}, {"language", "ar"}, {"next", "/"}});
  EXPECT_EQ(html_attribute(c.get("/").body, "dir"), "rtl");
  EXPECT_EQ(state(), before);
}

TEST_F(LanguageTest, SignedInSwitchSetsTheAccountLanguage) {
  const auto& a = demo("alumnus");
  auto c = sign_in("alumnus");
  auto r = c.submit("/account", {{"language", "fr"}, {"next", "/account"}}, "/language");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/account");
  std::string language;
  sql().sql() << "SELECT language FROM account WHERE email = :e", soci::use(a.email),
      soci::into(language);
  EXPECT_EQ(language, "fr");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.update'"), 1);
  // It follows the account, not the browser: a new login elsewhere is French too.
  auto other = sign_in("alumnus");
  EXPECT_EQ(html_attribute(other.get("/account").body, "lang"), "fr");
}

TEST_F(LanguageTest, BadSwitchesChangeNothing) {
  auto c = sign_in("alumnus");
  auto before = state();
  auto bad = c.submit("/", {{"language", "xx"}}, "/language");
  EXPECT_EQ(bad.status, 422);
  // The cookie only ever mirrors the account's language (English for this
  // demo account), never the refused value.
  EXPECT_EQ(c.cookie("crm_lang").value_or("en"), "en");
  auto no_token = c.post("/language", {{"language", "de"}});
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(c.cookie("crm_lang").value_or("en"), "en");
  EXPECT_EQ(state(), before);
}

TEST_F(LanguageTest, NextStaysOnThisSite) {
  auto c = client();
  for (const char* next : {"//evil.example/", "https://evil.example/", "/\\evil.example", "evil"}) {
    auto r = c.submit("/", {{"language", "en"}, {"next", next}}, "/language");
    EXPECT_EQ(r.status, 303) << next;
    EXPECT_EQ(r.location(), "/") << next;
  }
  auto r = c.submit("/", {{"language", "en"}, {"next", "/password/forgot"}}, "/language");
  EXPECT_EQ(r.location(), "/password/forgot");
}

}  // namespace
}  // namespace crm::test

namespace crm::test {
namespace {

// Answers made before a handler runs (413, 431) know only the cookie, so a
// signed-in person's cookie follows their account's language.
TEST_F(LanguageTest, SignedInCookieFollowsTheAccount) {
  auto c = sign_in("participant");  // the demo participant reads Arabic
  auto r = c.get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(html_attribute(r.body, "dir"), "rtl");
  EXPECT_EQ(c.cookie("crm_lang").value_or(""), "ar");
}

}  // namespace
}  // namespace crm::test

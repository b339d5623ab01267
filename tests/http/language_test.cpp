// The language switcher: a cookie for this browser, for visitors and people
// signed in alike; the account's saved language changes on the account page.
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

TEST_F(LanguageTest, SignedInSwitchIsForThisBrowserOnly) {
  const auto& a = demo("alumnus");
  auto saved = [&] {
    std::string language;
    sql().sql() << "SELECT language FROM account WHERE email = :e", soci::use(a.email),
        soci::into(language);
    return language;
  };
  auto c = sign_in("alumnus");
  auto before = state();
  auto r = c.submit("/account", {{"language", "fr"}, {"next", "/account"}}, "/language");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/account");
  // This browser reads French from now on ...
  EXPECT_EQ(html_attribute(c.get("/account").body, "lang"), "fr");
  EXPECT_EQ(html_attribute(c.get("/").body, "lang"), "fr");
  // ... and the account keeps its language: nothing written, elsewhere still English.
  EXPECT_EQ(saved(), "en");
  EXPECT_EQ(state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.update'"), 0);
  auto other = sign_in("alumnus");
  EXPECT_EQ(html_attribute(other.get("/account").body, "lang"), "en");

  // The account page changes the saved language, and this browser follows it.
  auto s = other.submit("/account", {{"name", "Arben"}, {"language", "de"}, {"time_zone", "UTC"}});
  EXPECT_EQ(s.status, 303);
  EXPECT_EQ(saved(), "de");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.update'"), 1);
  EXPECT_EQ(html_attribute(other.get("/").body, "lang"), "de");
  // The browser that picked French keeps its pick.
  EXPECT_EQ(html_attribute(c.get("/").body, "lang"), "fr");
  // A new browser gets the saved language.
  EXPECT_EQ(html_attribute(sign_in("alumnus").get("/").body, "lang"), "de");
}

TEST_F(LanguageTest, BadSwitchesChangeNothing) {
  auto c = sign_in("alumnus");
  auto before = state();
  auto bad = c.submit("/", {{"language", "xx"}}, "/language");
  EXPECT_EQ(bad.status, 422);
  // The cookie holds this browser's language (the account's, English for
  // this demo account), never the refused value.
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

// No header or cookie can be smuggled through `next`: it is rebuilt from the
// parsed path and query and percent-encoded, and a response refuses control
// characters in any header.
void expect_clean_redirect(const HttpResponse& r, const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(r.status, 303);
  auto location = r.location();
  EXPECT_TRUE(location.starts_with("/")) << location;
  EXPECT_FALSE(location.starts_with("//")) << location;
  for (const auto& [name, value] : r.headers) {
    EXPECT_NE(name, "x-injected");
    for (char ch : value) {
      auto u = static_cast<unsigned char>(ch);
      EXPECT_FALSE((u < 0x20 && ch != '\t') || u == 0x7f) << name << ": " << value;
    }
  }
  for (const auto& cookie : r.headers_named("set-cookie")) {
    EXPECT_FALSE(cookie.starts_with("crm_session=")) << cookie;
    EXPECT_EQ(cookie.find("evil"), std::string::npos) << cookie;
  }
}

TEST_F(LanguageTest, NextCannotInjectHeaders) {
  auto before = state();
  auto c = client();
  for (const char* next : {
           "/\r\nSet-Cookie: crm_session=evil\r\nX-Injected: 1",
           "/a\rSet-Cookie: crm_session=evil",
           "/a\nSet-Cookie: crm_session=evil",
           "/%0d%0aSet-Cookie:%20crm_session=evil%0d%0aX-Injected:%201",
           "/%0D%0ASet-Cookie: crm_session=evil",
           "/a b?x=1\r\nX-Injected: 1",
           "/?q=%0d%0aX-Injected:%201",
           "/%2F/evil.example/",
           "/%5Cevil.example/",
           "/%00",
       }) {
    auto r = c.submit("/", {{"language", "de"}, {"next", next}}, "/language");
    expect_clean_redirect(r, next);
    EXPECT_FALSE(c.cookie("crm_session")) << next;
    auto location = r.location();
    EXPECT_EQ(location.find(' '), std::string::npos) << location;
    EXPECT_FALSE(location.starts_with("/%2F")) << location;
  }
  // What is kept comes back encoded and still leads to the same page.
  auto r =
      c.submit("/", {{"language", "en"}, {"next", "/no such/page?x=a b&y=%C3%A9"}}, "/language");
  EXPECT_EQ(r.location(), "/no%20such/page?x=a%20b&y=%C3%A9");
  EXPECT_EQ(state(), before);
}

TEST_F(LanguageTest, ACraftedNotFoundPathCannotSetACookie) {
  auto before = state();
  auto c = client();
  // A link to this path is all an attacker needs to send; its 404 page carries
  // the language form with the path in `next`.
  auto page = c.get("/x%0d%0aSet-Cookie:%20crm_session=evil%0d%0aX-Injected:%201?y=%0a");
  EXPECT_EQ(page.status, 404);
  auto at = page.body.find("name=\"next\" value=\"");
  ASSERT_NE(at, std::string::npos);
  at += 19;
  auto next = html_unescape(page.body.substr(at, page.body.find('"', at) - at));
  for (char ch : next) EXPECT_FALSE(static_cast<unsigned char>(ch) < 0x20) << next;
  auto r = c.post("/language", {{"csrf", csrf_of(page.body)}, {"language", "fr"}, {"next", next}});
  expect_clean_redirect(r, next);
  EXPECT_FALSE(c.cookie("crm_session"));
  EXPECT_EQ(c.cookie("crm_lang").value_or(""), "fr");
  // The redirect leads back to the same (missing) page.
  auto back = c.get(r.location());
  EXPECT_EQ(back.status, 404);
  EXPECT_EQ(html_attribute(back.body, "lang"), "fr");
  EXPECT_EQ(state(), before);
}

}  // namespace
}  // namespace crm::test

namespace crm::test {
namespace {

// Answers made before a handler runs (413, 431) know only the cookie, so a
// signed-in person's cookie follows their account's language.
// A login knows no language to keep yet: it sets no language cookie (an
// empty one lasted a year), and the next page sets the account's when this
// browser has picked none.
TEST_F(LanguageTest, LoginSetsNoEmptyLanguageCookie) {
  for (const char* role : {"participant", "alumnus", "staff"}) {
    SCOPED_TRACE(role);
    const auto& a = demo(role);
    auto c = client();
    auto r = c.submit("/login", {{"email", a.email}, {"password", a.password}});
    EXPECT_EQ(r.status, 303);
    for (const auto& h : r.headers_named("set-cookie")) {
      EXPECT_FALSE(h.starts_with("crm_lang=;")) << h;
      EXPECT_FALSE(h == "crm_lang=") << h;
    }
    EXPECT_NE(c.cookie("crm_lang").value_or("missing"), "");
  }
  // A visitor who chose a language keeps it through the login: it is this
  // browser's choice.
  auto c = client();
  c.submit("/", {{"language", "de"}, {"next", "/"}}, "/language");
  const auto& a = demo("alumnus");
  auto r = c.submit("/login", {{"email", a.email}, {"password", a.password}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(c.cookie("crm_lang").value_or(""), "de");
  EXPECT_EQ(html_attribute(c.get("/").body, "lang"), "de");
  EXPECT_EQ(c.cookie("crm_lang").value_or(""), "de");
}

TEST_F(LanguageTest, SignedInCookieFollowsTheAccount) {
  auto c = sign_in("participant");  // the demo participant reads Arabic
  auto r = c.get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(html_attribute(r.body, "dir"), "rtl");
  EXPECT_EQ(c.cookie("crm_lang").value_or(""), "ar");
}

}  // namespace
}  // namespace crm::test

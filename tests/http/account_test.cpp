// The account page: preferences, password change, session expiry.
#include <ctime>

#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

class AccountTest : public HttpTest {};

TEST_F(AccountTest, PreferencesAreSavedAndAudited) {
  const auto& a = demo("alumnus");
  auto c = sign_in("alumnus");
  auto r = c.submit(
      "/account", {{"name", "Arben H. Hoxha"}, {"language", "de"}, {"time_zone", "Europe/Tirane"}});
  EXPECT_EQ(r.status, 303);
  std::string name, language, zone;
  sql().sql() << "SELECT name, language, time_zone FROM account WHERE email = :e",
      soci::use(a.email), soci::into(name), soci::into(language), soci::into(zone);
  EXPECT_EQ(name, "Arben H. Hoxha");
  EXPECT_EQ(language, "de");
  EXPECT_EQ(zone, "Europe/Tirane");
  auto page = c.get("/account");
  EXPECT_EQ(html_attribute(page.body, "lang"), "de");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.update'"), 1);
}

TEST_F(AccountTest, BadPreferencesKeepWhatWasTypedAndChangeNothing) {
  auto c = sign_in("alumnus");
  auto before = state();
  auto bad_zone = c.submit(
      "/account", {{"name", "Typed Name"}, {"language", "en"}, {"time_zone", "Mars/Olympus"}});
  EXPECT_EQ(bad_zone.status, 422);
  EXPECT_NE(bad_zone.body.find("value=\"Typed Name\""), std::string::npos);
  EXPECT_NE(bad_zone.body.find(tr("en", "Choose a time zone.")), std::string::npos);
  auto empty_name =
      c.submit("/account", {{"name", "   "}, {"language", "en"}, {"time_zone", "UTC"}});
  EXPECT_EQ(empty_name.status, 422);
  auto bad_language =
      c.submit("/account", {{"name", "X"}, {"language", "xx"}, {"time_zone", "UTC"}});
  EXPECT_EQ(bad_language.status, 422);
  EXPECT_EQ(state(), before);
}

// The time zone is asked in one place, the account page: a field searchable
// through a list of the zones by their names in the reader's language; the
// profile shows it with a link here, and its own save takes it from the account.
TEST_F(AccountTest, TheTimeZoneIsAskedInOnePlaceWithLocalisedNames) {
  auto c = sign_in("participant");  // reads Arabic
  ASSERT_EQ(c.submit("/account", {{"language", "de"}, {"next", "/"}}, "/language").status, 303);
  auto page = c.get("/account");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<input id=\"f-time_zone\" name=\"time_zone\" type=\"text\" "
                           "list=\"time-zones\""),
            std::string::npos);
  EXPECT_NE(page.body.find("<datalist id=\"time-zones\">"), std::string::npos);
  EXPECT_NE(page.body.find("<option value=\"Europe/Berlin\">Berlin (Mitteleuropäische Zeit)"),
            std::string::npos);
  EXPECT_EQ(page.body.find("<select id=\"f-time_zone\""), std::string::npos);
  // UTC keeps its name (not "GMT").
  EXPECT_NE(page.body.find(">UTC</option>"), std::string::npos);
  // The profile has no field of its own, only the account's zone and a link.
  auto profile = c.get("/profile");
  EXPECT_EQ(profile.body.find("name=\"time_zone\""), std::string::npos);
  EXPECT_NE(profile.body.find("<p id=\"f-time_zone\">"), std::string::npos);
  EXPECT_NE(profile.body.find("href=\"/account\">" + tr("de", "Change it on your account page")),
            std::string::npos);
  // A zone set on the account page is the person's after the next profile save.
  ASSERT_EQ(
      c.submit("/account", {{"name", "Laila"}, {"language", "de"}, {"time_zone", "Asia/Amman"}})
          .status,
      303);
  auto again = c.get("/profile");
  EXPECT_NE(again.body.find("Amman"), std::string::npos);
}

TEST_F(AccountTest, PasswordChangeNeedsTheCurrentPassword) {
  const auto& a = demo("lecturer");
  auto c = sign_in("lecturer");  // reads crm in French
  auto hash_before = password_hash(a.email);
  auto wrong = c.submit("/account",
                        {{"current", "not-my-password"},
                         {"password", "a brand new password"},
                         {"password_again", "a brand new password"}},
                        "/account/password");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find(tr("fr", "Your current password is not right.")), std::string::npos);
  auto differ = c.submit("/account",
                         {{"current", a.password},
                          {"password", "a brand new password"},
                          {"password_again", "another new password"}},
                         "/account/password");
  EXPECT_EQ(differ.status, 422);
  auto shorter = c.submit(
      "/account", {{"current", a.password}, {"password", "short"}, {"password_again", "short"}},
      "/account/password");
  EXPECT_EQ(shorter.status, 422);
  EXPECT_EQ(password_hash(a.email), hash_before);

  auto right = c.submit("/account",
                        {{"current", a.password},
                         {"password", "a brand new password"},
                         {"password_again", "a brand new password"}},
                        "/account/password");
  EXPECT_EQ(right.status, 303);
  EXPECT_NE(password_hash(a.email), hash_before);
  auto fresh = client();
  EXPECT_EQ(fresh.submit("/login", {{"email", a.email}, {"password", a.password}}).status, 422);
  EXPECT_EQ(
      fresh.submit("/login", {{"email", a.email}, {"password", "a brand new password"}}).status,
      303);
}

TEST_F(AccountTest, PasswordChangeEndsEveryOtherSessionAndKeepsThisOne) {
  const auto& a = demo("alumnus");
  auto here = sign_in("alumnus");
  auto elsewhere = sign_in("alumnus");
  auto bystander = sign_in("participant");
  ASSERT_EQ(elsewhere.get("/account").status, 200);
  auto r = here.submit("/account",
                       {{"current", a.password},
                        {"password", "a brand new password"},
                        {"password_again", "a brand new password"}},
                       "/account/password");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/account");
  // This browser stays signed in; the other session of the account is ended.
  EXPECT_EQ(here.get("/account").status, 200);
  EXPECT_EQ(elsewhere.get("/account").location(), "/login?next=%2Faccount");
  EXPECT_EQ(bystander.get("/account").status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM web_session WHERE account_id = " +
                  std::to_string(account_id(a.email))),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.password_change' AND "
                  "changes LIKE '%other_sessions%'"),
            1);
}

TEST_F(AccountTest, IdleSessionsExpire) {
  auto c = sign_in("participant");
  ASSERT_EQ(c.get("/account").status, 200);
  // Idle for longer than the idle limit: the next request is signed out and the row is gone.
  long long long_ago = static_cast<long long>(std::time(nullptr)) - 13 * 3600;
  sql().sql() << "UPDATE web_session SET last_seen_at = :t", soci::use(long_ago);
  auto r = c.get("/account");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/login?next=%2Faccount");
  EXPECT_EQ(count("SELECT COUNT(*) FROM web_session"), 0);
}

TEST_F(AccountTest, SessionsEndAfterTheAbsoluteLimitEvenWhenActive) {
  auto c = sign_in("participant");
  ASSERT_EQ(c.get("/account").status, 200);
  long long now = static_cast<long long>(std::time(nullptr));
  long long created = now - 15 * 24 * 3600;
  sql().sql() << "UPDATE web_session SET created_at = :c, last_seen_at = :n", soci::use(created),
      soci::use(now);
  auto r = c.get("/account");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/login?next=%2Faccount");
  EXPECT_EQ(count("SELECT COUNT(*) FROM web_session"), 0);
}

// A broken database is infrastructure failing: a 500 page that names a
// reference, in the reader's language, and never the internals.
TEST_F(AccountTest, FailureInAHandlerIs500WithAReferenceAndNoInternals) {
  auto c = sign_in("staff");  // reads crm in German
  sql().sql() << "DROP TABLE invitation";
  auto r = c.get("/invitations");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(html_attribute(r.body, "lang"), "de");
  EXPECT_NE(r.body.find(tr("de", "Something went wrong")), std::string::npos);
  auto reference = tr("de", "Reference: {id}");
  EXPECT_NE(r.body.find(reference.substr(0, reference.find('{'))), std::string::npos);
  for (const char* internal : {"no such table", "SELECT", "sqlite", "soci"})
    EXPECT_EQ(r.body.find(internal), std::string::npos) << internal;
  EXPECT_TRUE(r.has_header("content-security-policy"));
}

}  // namespace
}  // namespace crm::test

// Password reset: no hint whether an address exists, mail only to real
// accounts, links that work once and expire, old sessions ended.
#include <ctime>

#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

constexpr const char* kNewPassword = "a brand new passphrase";

class PasswordResetTest : public HttpTest {
 protected:
  std::string newest_link() {
    std::string text;
    sql().sql() << "SELECT text_body FROM mail_outbox ORDER BY id DESC LIMIT 1", soci::into(text);
    return path_of(first_url(text));
  }
  std::string request_link(const std::string& email) {
    auto r = client().submit("/password/forgot", {{"email", email}});
    if (r.status != 200) throw std::runtime_error("forgot answered " + std::to_string(r.status));
    return newest_link();
  }
};

TEST_F(PasswordResetTest, SameAnswerForKnownAndUnknownAddressesOnlyKnownGetsMail) {
  const auto& a = demo("participant");
  auto c = client();
  auto known = c.submit("/password/forgot", {{"email", a.email}});
  auto unknown = c.submit("/password/forgot", {{"email", "nobody@example.org"}});
  EXPECT_EQ(known.status, 200);
  EXPECT_EQ(unknown.status, 200);
  EXPECT_EQ(known.body, unknown.body);
  EXPECT_NE(known.body.find(tr("en",
                               "If an account exists for this address, we have sent it a link to "
                               "choose a new password.")),
            std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM password_reset"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 1);

  ASSERT_EQ(deliver_mail(), 1);
  auto m = mail(0);
  EXPECT_NE(m.to.find(a.email), std::string::npos);
  // In the account's language (Arabic for the demo participant).
  EXPECT_EQ(m.subject, tr("ar", "Reset your crm password"));
  auto link = first_url(m.text);
  EXPECT_TRUE(link.starts_with(server().base_url() + "/password/reset/")) << link;
  EXPECT_NE(m.html.find("href=\"" + link + "\""), std::string::npos);
  EXPECT_EQ(client().get(path_of(link)).status, 200);
  // The unknown address got nothing.
  EXPECT_EQ(smtp().messages().size(), 1u);
}

TEST_F(PasswordResetTest, InvalidAddressIsRefusedAndNothingIsStored) {
  auto before = state();
  auto r = client().submit("/password/forgot", {{"email", "not an address"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find(tr("en", "Enter a valid email address.")), std::string::npos);
  EXPECT_EQ(state(), before);
}

TEST_F(PasswordResetTest, LinkWorksOnceAndEndsEveryOldSession) {
  const auto& a = demo("alumnus");
  auto old_session = sign_in("alumnus");
  ASSERT_EQ(old_session.get("/account").status, 200);
  auto link = request_link(a.email);
  auto old_hash = password_hash(a.email);

  auto c = client();
  auto page = c.get(link);
  ASSERT_EQ(page.status, 200);
  auto csrf = csrf_of(page.body);
  // Bad input first: refused, nothing changes, the link stays usable.
  auto before = state();
  auto bad = c.post(link, {{"csrf", csrf}, {"password", kNewPassword}, {"password_again", "x"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find(tr("en", "The two passwords differ.")), std::string::npos);
  auto short_pw =
      c.post(link, {{"csrf", csrf}, {"password", "short"}, {"password_again", "short"}});
  EXPECT_EQ(short_pw.status, 422);
  EXPECT_EQ(state(), before);

  auto r =
      c.post(link, {{"csrf", csrf}, {"password", kNewPassword}, {"password_again", kNewPassword}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/login");
  EXPECT_NE(password_hash(a.email), old_hash);
  EXPECT_NE(c.get("/login").body.find(tr("en", "Your password has been changed. Please log in.")),
            std::string::npos);
  // Every earlier session is gone.
  EXPECT_EQ(old_session.get("/account").location(), "/login");
  EXPECT_EQ(count("SELECT COUNT(*) FROM web_session WHERE account_id = " +
                  std::to_string(account_id(a.email))),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.password_reset'"), 1);
  // New password in, old password out.
  EXPECT_NO_THROW(sign_in(a.email, kNewPassword));
  EXPECT_EQ(client().submit("/login", {{"email", a.email}, {"password", a.password}}).status, 422);

  // Second use of the link: a clear page, the password stays.
  auto hash = password_hash(a.email);
  auto again = client();
  auto page2 = again.get(link);
  EXPECT_EQ(page2.status, 409);
  EXPECT_NE(page2.body.find(
                tr("en", "This link has already been used. Ask for a new one if you need it.")),
            std::string::npos);
  auto post2 = again.post(link, {{"csrf", csrf_of(page2.body)},
                                 {"password", "yet another password"},
                                 {"password_again", "yet another password"}});
  EXPECT_EQ(post2.status, 409);
  EXPECT_EQ(password_hash(a.email), hash);
}

TEST_F(PasswordResetTest, ExpiredLinkIsRefused) {
  const auto& a = demo("stakeholder");
  auto link = request_link(a.email);
  long long past = static_cast<long long>(std::time(nullptr)) - 1;
  sql().sql() << "UPDATE password_reset SET expires_at = :t", soci::use(past);
  auto before = state();
  auto c = client();
  auto page = c.get(link);
  EXPECT_EQ(page.status, 409);
  EXPECT_NE(page.body.find(tr("en", "This link has expired. Ask for a new one.")),
            std::string::npos);
  EXPECT_NE(page.body.find("href=\"/password/forgot\""), std::string::npos);
  auto post = c.post(
      link,
      {{"csrf", csrf_of(page.body)}, {"password", kNewPassword}, {"password_again", kNewPassword}});
  EXPECT_EQ(post.status, 409);
  EXPECT_EQ(state(), before);
}

TEST_F(PasswordResetTest, UnknownTokenIs404) {
  auto before = state();
  auto c = client();
  EXPECT_EQ(c.get("/password/reset/" + std::string(43, 'A')).status, 404);
  auto r =
      c.submit("/password/forgot", {{"password", kNewPassword}, {"password_again", kNewPassword}},
               "/password/reset/" + std::string(43, 'A'));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(state(), before);
}

}  // namespace
}  // namespace crm::test

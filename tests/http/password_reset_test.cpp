// Password reset: no hint whether an address exists, mail only to real
// accounts, links that work once and expire, old sessions ended.
#include <ctime>

#include "http/client_address.hpp"
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
  // The test server's peer (127.0.0.1) as a reverse proxy naming its clients.
  void trust_the_local_proxy() {
    server().config().trusted_proxies = *http::TrustedProxies::parse("127.0.0.1");
  }
  // The page a request from a client of the proxy at `from` gets, without
  // the client's own form token (which differs from client to client).
  static std::string forgot_from(Client& c, const std::string& from, const std::string& email) {
    Headers via = {{"X-Forwarded-For", from}};
    auto page = c.get("/password/forgot", via);
    auto csrf = csrf_of(page.body);
    auto r = c.post("/password/forgot", {{"csrf", csrf}, {"email", email}}, via);
    if (r.status != 200) throw std::runtime_error("forgot answered " + std::to_string(r.status));
    for (size_t p; !csrf.empty() && (p = r.body.find(csrf)) != std::string::npos;)
      r.body.replace(p, csrf.size(), "TOKEN");
    return r.body;
  }
  // Minutes pass: the account's links and its last reset mail grow older.
  void minutes_pass(int minutes) {
    long long s = minutes * 60LL;
    sql().sql() << "UPDATE password_reset SET created_at = created_at - :s", soci::use(s);
    sql().sql() << "UPDATE account SET reset_mail_at = reset_mail_at - :s WHERE reset_mail_at > 0",
        soci::use(s);
    sql().sql() << "UPDATE login_attempt SET at = at - :s", soci::use(s);
  }
};

TEST_F(PasswordResetTest, MailsPerAccountAreLimitedAndThePageSaysTheSameThing) {
  trust_the_local_proxy();
  const auto& a = demo("participant");
  auto unknown = client();
  auto neutral = forgot_from(unknown, "192.0.2.200", "nobody@example.org");
  // Sixteen requests in a burst, each from another address: one mail.
  for (int i = 0; i < 16; ++i) {
    auto c = client();
    EXPECT_EQ(forgot_from(c, "198.51.100." + std::to_string(i), a.email), neutral)
        << "request " << i;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM password_reset"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.reset_requested'"), 1);
  // A few minutes later another may go; no more than three in an hour.
  for (int expected : {2, 3, 3, 3}) {
    minutes_pass(5);
    auto c = client();
    EXPECT_EQ(forgot_from(c, "203.0.113.1", a.email), neutral);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), expected);
  }
  // An hour after the first, the next one goes.
  minutes_pass(45);
  auto c = client();
  EXPECT_EQ(forgot_from(c, "203.0.113.1", a.email), neutral);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 4);
}

TEST_F(PasswordResetTest, RequestsPerAddressAreLimitedAcrossAccounts) {
  trust_the_local_proxy();
  std::vector<std::string> accounts;
  for (const char* role : {"admin", "staff", "lecturer", "participant", "alumnus", "stakeholder"})
    accounts.push_back(demo(role).email);
  // One address asks for eight unknown addresses, then for every account.
  auto c = client();
  auto neutral = forgot_from(c, "203.0.113.9", "nobody0@example.org");
  for (int i = 1; i < 8; ++i)
    EXPECT_EQ(forgot_from(c, "203.0.113.9", "nobody" + std::to_string(i) + "@example.org"),
              neutral);
  for (const auto& email : accounts) EXPECT_EQ(forgot_from(c, "203.0.113.9", email), neutral);
  // Ten requests an hour: only the first two accounts got mail.
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt WHERE kind = 'reset'"), 14);
  // Another address is not held back by it.
  auto other = client();
  EXPECT_EQ(forgot_from(other, "198.51.100.20", accounts[5]), neutral);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 3);
  // An hour later the first address may ask again.
  minutes_pass(61);
  EXPECT_EQ(forgot_from(c, "203.0.113.9", accounts[4]), neutral);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 4);
}

TEST_F(PasswordResetTest, UsingOneLinkOrChangingThePasswordEndsEveryOtherLink) {
  const auto& a = demo("alumnus");
  auto first = request_link(a.email);
  minutes_pass(6);
  auto second = request_link(a.email);
  ASSERT_NE(first, second);
  auto c = client();
  auto page = c.get(second);
  ASSERT_EQ(page.status, 200);
  auto r = c.post(
      second,
      {{"csrf", csrf_of(page.body)}, {"password", kNewPassword}, {"password_again", kNewPassword}});
  ASSERT_EQ(r.status, 303);
  // The browser that proved it reads the owner's mail is a known device now.
  EXPECT_TRUE(c.cookie("crm_device"));
  // The other link no longer works, and says why.
  const char* kEnded =
      "This link no longer works: the password has been changed since. Ask for a new one if you "
      "need it.";
  auto hash = password_hash(a.email);
  auto old = client();
  auto old_page = old.get(first);
  EXPECT_EQ(old_page.status, 409);
  EXPECT_NE(old_page.body.find(html_unescape(tr("en", kEnded))), std::string::npos);
  auto old_post = old.post(first, {{"csrf", csrf_of(old_page.body)},
                                   {"password", "an attacker's password"},
                                   {"password_again", "an attacker's password"}});
  EXPECT_EQ(old_post.status, 409);
  EXPECT_EQ(password_hash(a.email), hash);

  // A password change on the account page ends the open links too.
  minutes_pass(6);
  auto third = request_link(a.email);
  ASSERT_EQ(client().get(third).status, 200);
  auto signed_in = sign_in(a.email, kNewPassword);
  ASSERT_EQ(signed_in
                .submit("/account",
                        {{"current", kNewPassword},
                         {"password", "yet another passphrase"},
                         {"password_again", "yet another passphrase"}},
                        "/account/password")
                .status,
            303);
  EXPECT_EQ(client().get(third).status, 409);
}

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
  EXPECT_EQ(old_session.get("/account").location(), "/login?next=%2Faccount");
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

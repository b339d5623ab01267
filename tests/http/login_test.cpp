// Login, CSRF, the second factor, recovery codes, logout.
#include <fmt/format.h>

#include <ctime>
#include <memory>

#include "auth/store.hpp"
#include "auth/tokens.hpp"
#include "auth/totp.hpp"
#include "http/client_address.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

constexpr const char* kWrongLogin = "The email address or the password is not right.";
constexpr const char* kWrongCode = "This code is not right. Enter the current code from your app.";

class LoginTest : public HttpTest {};

TEST_F(LoginTest, RightPasswordSignsIn) {
  const auto& a = demo("participant");
  auto c = client();
  auto page = c.get("/login");
  ASSERT_EQ(page.status, 200);
  auto r = c.post("/login",
                  {{"csrf", csrf_of(page.body)}, {"email", a.email}, {"password", a.password}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/");
  ASSERT_TRUE(c.cookie("crm_session"));

  auto home = c.get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("ليلى حداد"), std::string::npos);
  EXPECT_EQ(html_attribute(home.body, "lang"), "ar");
  EXPECT_EQ(html_attribute(home.body, "dir"), "rtl");
  EXPECT_NE(home.body.find("action=\"/logout\""), std::string::npos);

  auto id = std::to_string(account_id(a.email));
  EXPECT_EQ(count("SELECT COUNT(*) FROM web_session WHERE account_id = " + id), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt WHERE succeeded = 1"), 1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.login' AND entity_id = '" + id +
            "'"),
      1);
}

TEST_F(LoginTest, EmailIsCaseInsensitive) {
  const auto& a = demo("alumnus");
  auto c = client();
  auto r = c.submit("/login", {{"email", "  ALUMNUS@Demo.CRM.example "}, {"password", a.password}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/");
}

TEST_F(LoginTest, WrongPasswordKeepsTheEmailAndChangesNothing) {
  const auto& a = demo("participant");
  auto before = state();
  auto c = client();
  auto r = c.submit("/login", {{"email", a.email}, {"password", "not-the-password"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("value=\"" + a.email + "\""), std::string::npos);
  EXPECT_NE(r.body.find(tr("en", kWrongLogin)), std::string::npos);
  EXPECT_FALSE(c.cookie("crm_session"));
  EXPECT_EQ(state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt WHERE succeeded = 0"), 1);
}

TEST_F(LoginTest, UnknownEmailGetsTheSameAnswer) {
  const auto& a = demo("participant");
  const std::string unknown = "nobody@demo.crm.example";
  auto before = state();
  auto c = client();
  auto known = c.submit("/login", {{"email", a.email}, {"password", "not-the-password"}});
  auto other = c.submit("/login", {{"email", unknown}, {"password", "not-the-password"}});
  EXPECT_EQ(known.status, 422);
  EXPECT_EQ(other.status, 422);
  // The same page but for the address typed.
  auto expected = known.body;
  for (size_t p; (p = expected.find(a.email)) != std::string::npos;)
    expected.replace(p, a.email.size(), unknown);
  EXPECT_EQ(other.body, expected);
  EXPECT_EQ(state(), before);
}

TEST_F(LoginTest, EmptyFieldsAreRefused) {
  auto before = state();
  auto c = client();
  auto r = c.submit("/login", {{"email", ""}, {"password", ""}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find(tr("en", "Enter your email address.")), std::string::npos);
  EXPECT_EQ(state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt"), 0);
}

// Seconds in a 429's Retry-After (-1 when there is none).
long retry_after(const HttpResponse& r) {
  auto v = r.header("retry-after");
  return v.empty() ? -1 : std::stol(v);
}

std::string wait_message(std::string_view language, long minutes) {
  return Tr(catalogs(), language)
      .plural("Too many failed attempts. Please try again in {n} minute, or reset your password.",
              "Too many failed attempts. Please try again in {n} minutes, or reset your password.",
              minutes);
}

// Failures slow the account down, more with every failure, but never lock it:
// an attempt that comes too early is refused without looking at the password,
// and once the wait is over the right password works.
TEST_F(LoginTest, FailuresDelayTheAccountMoreAndMoreButNeverLockIt) {
  const auto& a = demo("participant");
  auto c = client();
  for (int i = 0; i < 5; ++i) {
    auto r = c.submit("/login", {{"email", a.email}, {"password", "wrong-" + std::to_string(i)}});
    ASSERT_EQ(r.status, 422) << "attempt " << i;
  }
  auto before = state();
  // The next attempt must wait 30 seconds, even with the right password; the
  // page says when to come back and keeps the address typed.
  auto r = c.submit("/login", {{"email", a.email}, {"password", a.password}});
  EXPECT_EQ(r.status, 429);
  EXPECT_GT(retry_after(r), 0);
  EXPECT_LE(retry_after(r), 30);
  EXPECT_NE(r.body.find(html_unescape(wait_message("en", 1))), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("value=\"" + a.email + "\""), std::string::npos);
  EXPECT_FALSE(c.cookie("crm_session"));
  EXPECT_EQ(state(), before);
  // Not evaluated, so not counted: hammering does not lengthen the wait.
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt"), 5);

  // Only this account is slowed down, not this address.
  const auto& other = demo("alumnus");
  EXPECT_EQ(
      client().submit("/login", {{"email", other.email}, {"password", other.password}}).status,
      303);

  // Thirty seconds later the next attempt is looked at; another failure
  // doubles the wait, and the one after doubles it again.
  long previous = 30;
  for (long delay : {60L, 120L}) {
    sql().sql() << "UPDATE login_attempt SET at = at - :d WHERE email = :e", soci::use(previous),
        soci::use(a.email);
    EXPECT_EQ(c.submit("/login", {{"email", a.email}, {"password", "wrong"}}).status, 422);
    auto slowed = c.submit("/login", {{"email", a.email}, {"password", a.password}});
    EXPECT_EQ(slowed.status, 429);
    EXPECT_GT(retry_after(slowed), previous);
    EXPECT_LE(retry_after(slowed), delay);
    EXPECT_NE(slowed.body.find(html_unescape(wait_message("en", delay / 60))), std::string::npos);
    previous = delay;
  }
  // Once the wait is over, the right password signs in.
  sql().sql() << "UPDATE login_attempt SET at = at - 120 WHERE email = :e", soci::use(a.email);
  auto later = c.submit("/login", {{"email", a.email}, {"password", a.password}});
  EXPECT_EQ(later.status, 303);
  EXPECT_EQ(later.location(), "/");
}

TEST_F(LoginTest, PostWithoutCsrfTokenIsRefused) {
  const auto& a = demo("participant");
  auto before = state();
  auto c = client();
  auto page = c.get("/login");
  ASSERT_TRUE(c.cookie("crm_csrf"));
  // No token, a wrong token, and a right token without its cookie.
  auto r1 = c.post("/login", {{"email", a.email}, {"password", a.password}});
  auto r2 = c.post("/login",
                   {{"csrf", std::string(43, 'x')}, {"email", a.email}, {"password", a.password}});
  auto r3 = client().post(
      "/login", {{"csrf", csrf_of(page.body)}, {"email", a.email}, {"password", a.password}});
  for (const auto* r : {&r1, &r2, &r3}) {
    EXPECT_EQ(r->status, 403);
    EXPECT_NE(r->body.find(tr("en", "Not allowed")), std::string::npos);
  }
  EXPECT_FALSE(c.cookie("crm_session"));
  EXPECT_EQ(state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt"), 0);
}

TEST_F(LoginTest, SignedInFormsNeedTheSessionToken) {
  const auto& a = demo("alumnus");
  auto c = sign_in("alumnus");
  auto before = state();
  // The anonymous double-submit token is no longer good once signed in.
  auto anon = c.cookie("crm_csrf").value_or("");
  ASSERT_FALSE(anon.empty());
  auto r = c.post("/account",
                  {{"csrf", anon}, {"name", "Changed"}, {"language", "en"}, {"time_zone", "UTC"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(state(), before);
  // With the page's token it works.
  auto ok = c.submit("/account", {{"name", "Arben H."}, {"language", "en"}, {"time_zone", "UTC"}});
  EXPECT_EQ(ok.status, 303);
  std::string name;
  sql().sql() << "SELECT name FROM account WHERE email = :e", soci::use(a.email), soci::into(name);
  EXPECT_EQ(name, "Arben H.");
}

// Login protection behind a reverse proxy, known devices, the owner's warning.
class LoginProtectionTest : public HttpTest {
 protected:
  // The test server's peer is always 127.0.0.1: as a reverse proxy, it names
  // its clients in X-Forwarded-For. Set before the first request.
  void trust_the_local_proxy() {
    server().config().trusted_proxies = *http::TrustedProxies::parse("127.0.0.1");
  }
  // A login by a client of the proxy at `from`.
  static HttpResponse login_from(Client& c, const std::string& from, const std::string& email,
                                 const std::string& password) {
    Headers via = {{"X-Forwarded-For", from}};
    auto page = c.get("/login", via);
    return c.post("/login",
                  {{"csrf", csrf_of(page.body)}, {"email", email}, {"password", password}}, via);
  }
};

TEST_F(LoginProtectionTest, FailuresBehindATrustedProxyCountPerClientNotForTheProxy) {
  trust_the_local_proxy();
  const std::string attacker_address = "203.0.113.7";
  // The attacker tries 40 passwords on made-up and real accounts, as many as
  // it takes to pass any limit per address.
  auto attacker = client();
  int evaluated = 0, slowed = 0;
  for (int i = 0; i < 40; ++i) {
    std::string email =
        i % 4 == 0 ? demo("stakeholder").email : "guess" + std::to_string(i) + "@example.org";
    auto r = login_from(attacker, "192.0.2.1, " + attacker_address, email,
                        "password-" + std::to_string(i));
    if (r.status == 422) ++evaluated;
    if (r.status == 429) ++slowed;
  }
  // The attacker's address was slowed down after 20 failures; the forged
  // left-hand entry of its header counted for nothing.
  EXPECT_EQ(evaluated, 20);
  EXPECT_EQ(slowed, 20);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt WHERE address = '203.0.113.7'"), 20);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt WHERE address <> '203.0.113.7'"), 0);
  // Its next attempt waits even with a right password (it is no known device).
  const auto& s = demo("alumnus");
  EXPECT_EQ(login_from(attacker, attacker_address, s.email, s.password).status, 429);

  // Another client of the same proxy signs in at once, and the session and
  // the audit log name its own address.
  const auto& a = demo("participant");
  auto owner = client();
  auto r = login_from(owner, "198.51.100.9", a.email, a.password);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/");
  auto id = std::to_string(account_id(a.email));
  std::string session_address, audit_address;
  sql().sql() << "SELECT address FROM web_session WHERE account_id = " + id,
      soci::into(session_address);
  sql().sql() << "SELECT address FROM audit_log WHERE action = 'account.login' AND entity_id = '" +
                     id + "'",
      soci::into(audit_address);
  EXPECT_EQ(session_address, "198.51.100.9");
  EXPECT_EQ(audit_address, "198.51.100.9");
}

TEST_F(LoginProtectionTest, ForwardedForIsIgnoredUnlessThePeerIsATrustedProxy) {
  // No trusted proxies (the default): the header is anyone's claim.
  const auto& a = demo("participant");
  auto c = client();
  ASSERT_EQ(login_from(c, "198.51.100.9", a.email, a.password).status, 303);
  std::string address;
  sql().sql() << "SELECT address FROM web_session", soci::into(address);
  EXPECT_EQ(address, "127.0.0.1");
  // Nor can a forged header escape the limit per address.
  auto attacker = client();
  for (int i = 0; i < 20; ++i)
    ASSERT_EQ(login_from(attacker, "198.51.100." + std::to_string(i),
                         "x" + std::to_string(i) + "@example.org", "wrong")
                  .status,
              422);
  EXPECT_EQ(login_from(attacker, "198.51.100.99", "y@example.org", "wrong").status, 429);
}

TEST_F(LoginProtectionTest, AnAttackerCannotKeepTheOwnerOutOfTheirKnownDevice) {
  const auto& a = demo("participant");
  // The owner signed in on this browser before: it holds a device cookie.
  auto earlier = sign_in("participant");
  auto token = earlier.cookie("crm_device");
  ASSERT_TRUE(token);
  auto id = std::to_string(account_id(a.email));
  EXPECT_EQ(count("SELECT COUNT(*) FROM known_device WHERE account_id = " + id), 1);
  Client device = client();
  device.cookies()["crm_device"] = *token;

  // Someone else guesses at the account, from the same address even.
  auto attacker = client();
  for (int i = 0; i < 8; ++i)
    attacker.submit("/login", {{"email", a.email}, {"password", "guess-" + std::to_string(i)}});
  EXPECT_EQ(attacker.submit("/login", {{"email", a.email}, {"password", a.password}}).status, 429);
  // A made-up or stolen device cookie is no known device.
  auto forger = client();
  forger.cookies()["crm_device"] = std::string(43, 'A');
  EXPECT_EQ(forger.submit("/login", {{"email", a.email}, {"password", a.password}}).status, 429);

  // The owner's browser signs in at once, and gets a fresh device token.
  auto r = device.submit("/login", {{"email", a.email}, {"password", a.password}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/");
  ASSERT_TRUE(device.cookie("crm_device"));
  EXPECT_NE(*device.cookie("crm_device"), *token);
  EXPECT_EQ(count("SELECT COUNT(*) FROM known_device WHERE account_id = " + id), 1);
  // The old token is worth nothing now.
  auto replay = client();
  replay.cookies()["crm_device"] = *token;
  EXPECT_EQ(replay.submit("/login", {{"email", a.email}, {"password", a.password}}).status, 429);

  // A known device has a limit of its own: its failures slow it down too.
  device.cookies().erase("crm_session");
  int evaluated = 0;
  for (int i = 0; i < 12; ++i)
    if (device.submit("/login", {{"email", a.email}, {"password", "typo-" + std::to_string(i)}})
            .status == 422)
      ++evaluated;
  EXPECT_EQ(evaluated, 10);
}

TEST_F(LoginProtectionTest, TheOwnerIsToldByMailOncePerBurstInTheirLanguage) {
  const auto& a = demo("participant");  // reads crm in Arabic
  auto c = client();
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(
        c.submit("/login", {{"email", a.email}, {"password", "guess-" + std::to_string(i)}}).status,
        422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
  // The failure that starts to slow the account down tells the owner.
  ASSERT_EQ(c.submit("/login", {{"email", a.email}, {"password", "guess-4"}}).status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.login_alert'"), 1);
  // More failures of the same burst: no more mail.
  for (int i = 0; i < 3; ++i) {
    sql().sql() << "UPDATE login_attempt SET at = at - 1800";
    ASSERT_EQ(
        c.submit("/login", {{"email", a.email}, {"password", "more-" + std::to_string(i)}}).status,
        422);
  }
  // Failures for addresses without an account mail nobody.
  for (int i = 0; i < 6; ++i)
    c.submit("/login", {{"email", "nobody@demo.crm.example"}, {"password", "x"}});
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 1);

  ASSERT_EQ(deliver_mail(), 1);
  auto m = mail(0);
  EXPECT_NE(m.to.find(a.email), std::string::npos);
  EXPECT_EQ(m.subject, tr("ar", "Failed sign-in attempts on your crm account"));
  EXPECT_NE(m.text.find("127.0.0.1"), std::string::npos);
  EXPECT_EQ(first_url(m.text), server().base_url() + "/account");
  EXPECT_NE(m.html.find("dir=\"rtl\""), std::string::npos);

  // The owner signs in (the burst is over); a new burst is a new mail.
  sql().sql() << "UPDATE login_attempt SET at = at - 7200";
  sql().sql() << "UPDATE account SET login_alert_at = login_alert_at - 7200";
  ASSERT_EQ(client().submit("/login", {{"email", a.email}, {"password", a.password}}).status, 303);
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(
        c.submit("/login", {{"email", a.email}, {"password", "again-" + std::to_string(i)}}).status,
        422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 2);
}

class SecondFactorTest : public HttpTest {};

TEST_F(SecondFactorTest, StaffLoginNeedsTheCodeAndACodeWorksOnce) {
  const auto& s = demo("staff");
  ASSERT_FALSE(s.totp_secret.empty());
  auto c = client();
  auto r = c.submit("/login", {{"email", s.email}, {"password", s.password}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/login/2fa");
  ASSERT_TRUE(c.cookie("crm_session"));
  // The browser becomes a known device only once the code is right.
  EXPECT_FALSE(c.cookie("crm_device"));
  // Half signed in: every page leads back to the code form.
  for (const char* path : {"/", "/account", "/invitations", "/admin/audit"}) {
    auto p = c.get(path);
    EXPECT_EQ(p.status, 303) << path;
    EXPECT_EQ(p.location(), "/login/2fa") << path;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM web_session WHERE second_factor_done = 0"), 1);

  // A wrong code: 422, and nothing but the failed attempt is written.
  std::string code = fresh_totp(sql(), s.email, s.totp_secret);
  std::string wrong = code == "123456" ? "654321" : "123456";
  auto now = static_cast<int64_t>(std::time(nullptr));
  for (int64_t d : {-60, -30, 0, 30, 60})
    if (auth::totp_code(s.totp_secret, now + d) == wrong) GTEST_SKIP() << "unlucky code";
  auto before = state();
  auto bad = c.submit("/login/2fa", {{"code", wrong}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find(html_unescape(tr("en", kWrongCode))), std::string::npos);
  EXPECT_EQ(state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt WHERE succeeded = 0"), 1);

  // The right code: signed in.
  auto good = c.submit("/login/2fa", {{"code", code}});
  EXPECT_EQ(good.status, 303);
  EXPECT_EQ(good.location(), "/");
  auto home = c.get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Jonas Weber"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM web_session WHERE second_factor_done = 1"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.second_factor'"), 1);
  EXPECT_TRUE(c.cookie("crm_device"));

  // The same code again, from another login: refused (replay).
  auto c2 = client();
  ASSERT_EQ(c2.submit("/login", {{"email", s.email}, {"password", s.password}}).location(),
            "/login/2fa");
  auto replay = c2.submit("/login/2fa", {{"code", code}});
  EXPECT_EQ(replay.status, 422);
  EXPECT_EQ(c2.get("/").location(), "/login/2fa");
}

TEST_F(SecondFactorTest, RecoveryCodeWorksOnce) {
  const auto& a = demo("admin");
  auto codes = auth::new_recovery_codes(2);
  {
    std::vector<std::string> digests;
    for (const auto& code : codes)
      digests.push_back(auth::token_digest(auth::normalise_recovery_code(code)));
    db::Transaction tx(sql());
    auth::store::replace_recovery_codes(sql(), account_id(a.email), digests);
    tx.commit();
  }
  auto c = client();
  ASSERT_EQ(c.submit("/login", {{"email", a.email}, {"password", a.password}}).location(),
            "/login/2fa");
  // As people type it: upper case, spaces instead of dashes.
  std::string typed = codes[0];
  for (auto& ch : typed) ch = ch == '-' ? ' ' : static_cast<char>(std::toupper(ch));
  auto r = c.submit("/login/2fa", {{"code", typed}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/");
  EXPECT_EQ(c.get("/admin/audit").status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM recovery_code WHERE used_at IS NOT NULL"), 1);

  auto c2 = client();
  ASSERT_EQ(c2.submit("/login", {{"email", a.email}, {"password", a.password}}).location(),
            "/login/2fa");
  auto again = c2.submit("/login/2fa", {{"code", codes[0]}});
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM recovery_code WHERE used_at IS NOT NULL"), 1);
  auto other = c2.submit("/login/2fa", {{"code", codes[1]}});
  EXPECT_EQ(other.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM recovery_code WHERE used_at IS NOT NULL"), 2);
}

// The limit on wrong codes holds for a burst of parallel requests: each
// evaluation is claimed in the database before the code is looked at.
TEST_F(SecondFactorTest, ABurstOfWrongCodesGetsNoMoreThanTheLimitEvaluated) {
  auto o = options();
  o.workers = 8;  // as many requests at once as the machine allows
  o.queue = 256;
  o.limits.max_connections = 256;
  restart(o);
  const auto& s = demo("staff");
  auto c = client();
  ASSERT_EQ(c.submit("/login", {{"email", s.email}, {"password", s.password}}).location(),
            "/login/2fa");
  auto csrf = csrf_of(c.get("/login/2fa").body);
  // A code that is wrong now and for a few minutes around now.
  auto now = static_cast<int64_t>(std::time(nullptr));
  std::string wrong;
  for (int candidate = 0; wrong.empty(); ++candidate) {
    auto code = fmt::format("{:06}", candidate * 7919 % 1000000);
    bool valid = false;
    for (int64_t d = -300; d <= 300; d += 30)
      valid |= auth::totp_code(s.totp_secret, now + d) == code;
    if (!valid) wrong = code;
  }

  // 200 requests on 200 connections, each sent but for its last byte; then
  // the last bytes all at once, so that the workers take them up together.
  std::string cookies;
  for (const auto& [k, v] : c.cookies()) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
  std::string body = "csrf=" + url_encode(csrf) + "&code=" + wrong;
  std::string request = "POST /login/2fa HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookies +
                        "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  constexpr int kRequests = 200;
  std::vector<std::unique_ptr<RawConnection>> connections;
  for (int i = 0; i < kRequests; ++i) {
    connections.push_back(std::make_unique<RawConnection>(port()));
    ASSERT_TRUE(connections.back()->send(std::string_view(request).substr(0, request.size() - 1)));
  }
  for (auto& conn : connections)
    ASSERT_TRUE(conn->send(std::string_view(request).substr(request.size() - 1)));
  int wrong_answers = 0, refused = 0, other = 0;
  for (auto& conn : connections) {
    auto r = conn->read_response();
    int status = r ? r->status : 0;
    (status == 422 ? wrong_answers : status == 429 ? refused : other)++;
  }
  EXPECT_EQ(other, 0);
  EXPECT_EQ(wrong_answers + refused, kRequests);
  // Five codes were looked at (the limit), every other request was refused.
  EXPECT_EQ(wrong_answers, 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt WHERE succeeded = 0"), 5);

  // Until the window ends even the right code waits, and the page says how long.
  auto right = c.submit("/login/2fa", {{"code", fresh_totp(sql(), s.email, s.totp_secret)}});
  EXPECT_EQ(right.status, 429);
  EXPECT_GT(std::stol(right.header("retry-after")), 0);
  EXPECT_NE(right.body.find(html_unescape(
                Tr(catalogs(), "en")
                    .plural("Too many wrong codes. Please try again in {n} minute.",
                            "Too many wrong codes. Please try again in {n} minutes.", 15))),
            std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt WHERE succeeded = 0"), 5);
  sql().sql() << "UPDATE second_factor_throttle SET window_start = window_start - 900";
  auto later = c.submit("/login/2fa", {{"code", fresh_totp(sql(), s.email, s.totp_secret)}});
  EXPECT_EQ(later.status, 303);
  EXPECT_EQ(later.location(), "/");
}

class LogoutTest : public HttpTest {};

TEST_F(LogoutTest, LogoutEndsTheSession) {
  const auto& a = demo("participant");
  auto c = sign_in("participant");
  auto token = c.cookie("crm_session").value_or("");
  ASSERT_FALSE(token.empty());
  auto r = c.submit("/", {}, "/logout");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/login");
  EXPECT_FALSE(c.cookie("crm_session"));
  auto id = std::to_string(account_id(a.email));
  EXPECT_EQ(count("SELECT COUNT(*) FROM web_session WHERE account_id = " + id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.logout'"), 1);
  // The next page says so (in the language of the account that left), and
  // the old cookie signs nobody in.
  auto login = c.get("/login");
  EXPECT_NE(login.body.find(tr("ar", "You are logged out.")), std::string::npos);
  auto stolen = client();
  stolen.cookies()["crm_session"] = token;
  EXPECT_EQ(stolen.get("/account").location(), "/login?next=%2Faccount");
}

TEST_F(LogoutTest, LogoutEverywhereEndsEverySessionOfTheAccount) {
  const auto& a = demo("alumnus");
  auto first = sign_in("alumnus");
  auto second = sign_in("alumnus");
  auto bystander = sign_in("participant");
  ASSERT_EQ(second.get("/account").status, 200);
  auto r = first.submit("/account", {}, "/logout/everywhere");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/login");
  EXPECT_EQ(second.get("/account").location(), "/login?next=%2Faccount");
  EXPECT_EQ(first.get("/account").location(), "/login?next=%2Faccount");
  EXPECT_EQ(bystander.get("/account").status, 200);
  auto id = std::to_string(account_id(a.email));
  EXPECT_EQ(count("SELECT COUNT(*) FROM web_session WHERE account_id = " + id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.logout_everywhere'"), 1);
}

}  // namespace
}  // namespace crm::test

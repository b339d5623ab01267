// Invitations: sending (with a real mail), accepting, reuse, expiry,
// withdrawal, who may invite, and the second factor a new staff member enrols.
#include <ctime>

#include "auth/totp.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

constexpr const char* kGoodPassword = "correct horse battery";

class InvitationTest : public HttpTest {
 protected:
  // The link of the newest queued mail, read from the outbox (tests that are
  // not about mail delivery skip the SMTP round trip).
  std::string newest_link() {
    std::string text;
    sql().sql() << "SELECT text_body FROM mail_outbox ORDER BY id DESC LIMIT 1", soci::into(text);
    return first_url(text);
  }

  // Invites through the form and returns the path of the link in the mail.
  std::string invite(Client& inviter, const std::string& email, const std::string& role,
                     const std::string& language = "en") {
    auto r = inviter.submit(
        "/invitations",
        {{"email", email}, {"name", "Nadia Karimi"}, {"role", role}, {"language", language}});
    if (r.status != 303) throw std::runtime_error("invite answered " + std::to_string(r.status));
    return path_of(newest_link());
  }

  Form accept_form(const std::string& csrf, const std::string& password = kGoodPassword) {
    return {{"csrf", csrf},         {"name", "Nadia K."},
            {"password", password}, {"password_again", password},
            {"language", "ar"},     {"time_zone", "Africa/Casablanca"}};
  }
};

TEST_F(InvitationTest, StaffInvitesMailArrivesLinkCreatesTheAccount) {
  auto staff = sign_in("staff");
  ASSERT_EQ(staff.get("/invitations").status, 200);
  auto r = staff.submit("/invitations", {{"email", " Nadia.Karimi@Example.org "},
                                         {"name", "Nadia Karimi"},
                                         {"role", "participant"},
                                         {"language", "fr"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/invitations");
  auto list = staff.get("/invitations");
  EXPECT_NE(list.body.find("nadia.karimi@example.org"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitation WHERE email = 'nadia.karimi@example.org'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation.create'"), 1);

  // A real mail, in the invitee's language, as plain text and HTML.
  ASSERT_EQ(deliver_mail(), 1);
  auto m = mail(0);
  EXPECT_NE(m.to.find("nadia.karimi@example.org"), std::string::npos);
  Tr fr(catalogs(), "fr");
  EXPECT_EQ(m.subject, fr("Your invitation to crm"));
  EXPECT_NE(m.text.find(fr("Hello {name},", {{"name", "Nadia Karimi"}})), std::string::npos);
  EXPECT_NE(m.html.find("lang=\"fr\""), std::string::npos);
  auto link = first_url(m.text);
  ASSERT_TRUE(link.starts_with(server().base_url() + "/")) << link;
  EXPECT_NE(m.html.find("href=\"" + link + "\""), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent'"), 1);

  // The link opens the form; the form creates the account and signs in.
  auto invitee = client();
  auto form = invitee.get(path_of(link));
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("nadia.karimi@example.org"), std::string::npos);
  auto done = invitee.post(path_of(link), accept_form(csrf_of(form.body)));
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.location(), "/");
  auto home = invitee.get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Nadia K."), std::string::npos);
  EXPECT_NE(home.body.find(tr("ar", "Welcome! Your account is ready.")), std::string::npos);
  EXPECT_EQ(html_attribute(home.body, "lang"), "ar");
  EXPECT_EQ(html_attribute(home.body, "dir"), "rtl");

  std::string role, language, zone, email = "nadia.karimi@example.org";
  sql().sql() << "SELECT role, language, time_zone FROM account WHERE email = :e", soci::use(email),
      soci::into(role), soci::into(language), soci::into(zone);
  EXPECT_EQ(role, "participant");
  EXPECT_EQ(language, "ar");
  EXPECT_EQ(zone, "Africa/Casablanca");
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitation WHERE accepted_at IS NOT NULL AND "
                  "account_id IS NOT NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation.accept'"), 1);
  // And the password works on the login form.
  EXPECT_NO_THROW(sign_in("nadia.karimi@example.org", kGoodPassword));
}

TEST_F(InvitationTest, UsedLinkIsRefusedWith409) {
  auto staff = sign_in("staff");
  auto link = invite(staff, "reuse@example.org", "participant");
  auto first = client();
  auto form = first.get(link);
  ASSERT_EQ(first.post(link, accept_form(csrf_of(form.body))).status, 303);

  auto before = state();
  auto second = client();
  auto again = second.get(link);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find(tr("en", "This invitation has already been accepted. Please log in.")),
            std::string::npos);
  auto post = second.post(link, accept_form(csrf_of(again.body), "another password 1"));
  EXPECT_EQ(post.status, 409);
  EXPECT_FALSE(second.cookie("crm_session"));
  EXPECT_EQ(state(), before);
}

TEST_F(InvitationTest, ExpiredLinkIsRefusedAndCreatesNoAccount) {
  auto staff = sign_in("staff");
  auto link = invite(staff, "late@example.org", "participant");
  long long past = static_cast<long long>(std::time(nullptr)) - 60;
  sql().sql() << "UPDATE invitation SET expires_at = :t", soci::use(past);

  auto before = state();
  auto c = client();
  auto page = c.get(link);
  EXPECT_EQ(page.status, 409);
  EXPECT_NE(page.body.find(tr("en", "This link cannot be used")), std::string::npos);
  EXPECT_NE(page.body.find(tr(
                "en", "This invitation has expired. Please ask the programme team for a new one.")),
            std::string::npos);
  auto post = c.post(link, accept_form(csrf_of(page.body)));
  EXPECT_EQ(post.status, 409);
  EXPECT_FALSE(c.cookie("crm_session"));
  EXPECT_EQ(state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE email = 'late@example.org'"), 0);
}

TEST_F(InvitationTest, BadInvitationsAreRefusedAndNothingIsStored) {
  auto staff = sign_in("staff");
  auto before = state();
  struct Case {
    Form fields;
    const char* message;
  };
  const std::vector<Case> cases = {
      {{{"email", "LECTURER@demo.crm.example"},
        {"name", "X"},
        {"role", "participant"},
        {"language", "en"}},
       "There is already an account with this email address."},
      {{{"email", "new@example.org"}, {"name", "X"}, {"role", "admin"}, {"language", "en"}},
       "Choose a role."},
      {{{"email", "new@example.org"}, {"name", "X"}, {"role", "anonymous"}, {"language", "en"}},
       "Choose a role."},
      {{{"email", "not-an-address"}, {"name", "X"}, {"role", "participant"}, {"language", "en"}},
       "Enter a valid email address."},
      {{{"email", "new@example.org"}, {"name", "  "}, {"role", "participant"}, {"language", "en"}},
       "Enter a name."},
      {{{"email", "new@example.org"}, {"name", "X"}, {"role", "participant"}, {"language", "xx"}},
       "Choose a language."},
  };
  for (const auto& c : cases) {
    auto r = staff.submit("/invitations", c.fields);
    EXPECT_EQ(r.status, 422) << c.message;
    // Staff sees German pages.
    EXPECT_NE(r.body.find(tr("de", c.message)), std::string::npos) << c.message;
  }
  EXPECT_EQ(state(), before);
}

TEST_F(InvitationTest, ParticipantCannotSeeOrSendInvitations) {
  auto p = sign_in("participant");
  auto before = state();
  EXPECT_EQ(p.get("/invitations").status, 404);
  auto r = p.submit("/",
                    {{"email", "friend@example.org"},
                     {"name", "Friend"},
                     {"role", "participant"},
                     {"language", "en"}},
                    "/invitations");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(p.get("/").body.find("href=\"/invitations\""), std::string::npos);
  EXPECT_EQ(state(), before);
}

TEST_F(InvitationTest, BadAcceptFormsChangeNothingAndTheLinkStillWorks) {
  auto staff = sign_in("staff");
  auto link = invite(staff, "careful@example.org", "participant");
  auto c = client();
  auto csrf = csrf_of(c.get(link).body);
  auto before = state();
  struct Case {
    std::string field, value;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"password", "short", "Choose a password of at least 10 characters."},
      {"password_again", "something else entirely", "The two passwords differ."},
      {"language", "tlh", "Choose a language."},
      {"time_zone", "Mars/Olympus_Mons", "Choose a time zone."},
      {"name", "", "Enter a name."},
  };
  for (const auto& k : cases) {
    auto form = accept_form(csrf);
    for (auto& [name, value] : form)
      if (name == k.field) value = k.value;
    if (k.field == "password")
      for (auto& [name, value] : form)
        if (name == "password_again") value = k.value;
    auto r = c.post(link, form);
    EXPECT_EQ(r.status, 422) << k.field;
    EXPECT_NE(r.body.find(tr("en", k.message)), std::string::npos) << k.field;
    EXPECT_FALSE(c.cookie("crm_session"));
  }
  EXPECT_EQ(state(), before);
  EXPECT_EQ(c.post(link, accept_form(csrf)).status, 303);
}

TEST_F(InvitationTest, WithdrawnInvitationLinkIsGone) {
  auto staff = sign_in("staff");
  auto link = invite(staff, "withdrawn@example.org", "participant");
  long long id = 0;
  sql().sql() << "SELECT id FROM invitation", soci::into(id);
  std::string action = "/invitations/" + std::to_string(id) + "/revoke";

  // Only the invitation's staff (or an admin) may withdraw it.
  auto p = sign_in("participant");
  auto before = state();
  EXPECT_EQ(p.submit("/", {}, action).status, 404);
  EXPECT_EQ(state(), before);

  auto page = staff.get("/invitations");
  EXPECT_NE(page.body.find("action=\"" + action + "\""), std::string::npos);
  auto r = staff.submit("/invitations", {}, action);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM invitation WHERE revoked_at IS NOT NULL"), 1);
  EXPECT_EQ(client().get(link).status, 404);
  // Withdrawing twice: nothing left to withdraw.
  EXPECT_EQ(staff.submit("/invitations", {}, action).status, 404);
}

TEST_F(InvitationTest, InvitedStaffMustTurnOnTwoFactorAndGetsRecoveryCodes) {
  auto admin = sign_in("admin");
  auto link = invite(admin, "new.staff@example.org", "staff");
  auto c = client();
  auto form = c.get(link);
  ASSERT_EQ(c.post(link, accept_form(csrf_of(form.body))).status, 303);
  // Nothing but enrolment until the second factor is on.
  for (const char* path : {"/", "/invitations", "/account"}) {
    auto r = c.get(path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(r.location(), "/account/2fa") << path;
  }
  auto secret_on = [](const std::string& html) {
    auto pos = html.find("class=\"secret\"");
    if (pos == std::string::npos) return std::string();
    pos = html.find('>', pos) + 1;
    return html.substr(pos, html.find('<', pos) - pos);
  };
  auto enrol = c.get("/account/2fa");
  ASSERT_EQ(enrol.status, 200);
  auto secret = secret_on(enrol.body);
  ASSERT_EQ(secret.size(), 32u);
  EXPECT_NE(enrol.body.find("<svg"), std::string::npos);

  // A wrong code: 422 and a new secret to scan.
  auto wrong = c.post("/account/2fa", {{"csrf", csrf_of(enrol.body)}, {"code", "abcdef"}});
  EXPECT_EQ(wrong.status, 422);
  auto second_secret = secret_on(wrong.body);
  EXPECT_NE(second_secret, secret);
  EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE email = 'new.staff@example.org' AND "
                  "totp_enabled = 1"),
            0);

  auto code = auth::totp_code(second_secret, static_cast<int64_t>(std::time(nullptr)));
  auto on = c.post("/account/2fa", {{"csrf", csrf_of(wrong.body)}, {"code", code}});
  ASSERT_EQ(on.status, 200);
  std::vector<std::string> codes;
  for (size_t pos = 0; (pos = on.body.find("<li><code>", pos)) != std::string::npos;) {
    pos += 10;
    codes.push_back(on.body.substr(pos, on.body.find('<', pos) - pos));
  }
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(c.get("/").status, 200);
  EXPECT_EQ(c.get("/invitations").status, 200);

  // A recovery code signs in once.
  ASSERT_FALSE(codes.empty());
  auto other = client();
  ASSERT_EQ(
      other.submit("/login", {{"email", "new.staff@example.org"}, {"password", kGoodPassword}})
          .location(),
      "/login/2fa");
  auto r = other.submit("/login/2fa", {{"code", codes[3]}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'account.totp_enabled'"), 1);
}

}  // namespace
}  // namespace crm::test

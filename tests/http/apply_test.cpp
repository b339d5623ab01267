// Applying to a call: signing up with a confirmed address (real SMTP), the
// limits and the bot traps of the sign-up, the form page by page with
// resuming, bad input (nothing saved), documents that are not what their
// name says or too large, the deadline to the second, one application per
// person and call, withdrawing, and nobody else's application.
#include <chrono>
#include <ctime>
#include <thread>

#include "admissions/deadline.hpp"
#include "admissions/signup_service.hpp"
#include "auth/service.hpp"
#include "http/support/admissions_fixture.hpp"
#include "http/support/test_server.hpp"
#include "web/html.hpp"

namespace crm::test {
namespace {

using ll = long long;
constexpr const char* kPassword = "correct horse battery";
const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

ll wall() {
  return static_cast<ll>(std::time(nullptr));
}

class ApplyTest : public HttpTest {
 protected:
  ll programme_ = 0, cohort_ = 0, call_ = 0;
  void SetUp() override {
    HttpTest::SetUp();
    auto& db = sql().sql();
    db << "SELECT id FROM programme WHERE slug = 'crm'", soci::into(programme_);
    db << "SELECT id FROM cohort WHERE programme_id = :p AND number = 4", soci::use(programme_),
        soci::into(cohort_);
    call_ = call_insert(sql(),
                        {.programme = programme_,
                         .cohort = cohort_,
                         .opens_at = wall() - 86400,
                         .closes_at = wall() + 86400},
                        wall())
                .call;
  }

  std::string call_path() const { return "/calls/" + std::to_string(call_); }

  // The sign-up form sent as a person would: the stamp made as if the form
  // had been shown `age` seconds ago (signed with crm's key, as the page does).
  HttpResponse sign_up(Client& c, const std::string& email, const std::string& language = "en",
                       ll age = 10, const std::string& honeypot = {}) {
    auto page = c.get("/apply/signup?call=" + std::to_string(call_));
    EXPECT_EQ(page.status, 200);
    const std::string csrf = csrf_of(page.body);
    std::string key;
    sql().sql() << "SELECT secret FROM form_key WHERE name = 'signup'", soci::into(key);
    return c.post("/apply/signup", {{"csrf", csrf},
                                    {"email", email},
                                    {"language", language},
                                    {"website", honeypot},
                                    {"call", std::to_string(call_)},
                                    {"stamp", admissions::signup::stamp(key, wall() - age, csrf)}});
  }

  std::string newest_link() {
    std::string text;
    sql().sql() << "SELECT text_body FROM mail_outbox ORDER BY id DESC LIMIT 1", soci::into(text);
    return path_of(first_url(text));
  }

  // An applicant account made as `crm demo` makes accounts, signed in.
  Client applicant(const std::string& email) {
    auto id = auth::create_account(sql(), email, "Amina Haddad", auth::Role::applicant, kPassword,
                                   "en", wall());
    if (!id) throw std::runtime_error("create_account failed");
    return sign_in(email, kPassword);
  }

  ll start(Client& c) {
    auto r = c.submit("/applications", {}, call_path() + "/apply");
    EXPECT_EQ(r.status, 303);
    auto loc = path_of(r.location());
    auto begin = std::string("/applications/").size();
    return std::stoll(loc.substr(begin, loc.find('/', begin) - begin));
  }

  std::string app_path(ll id) { return "/applications/" + std::to_string(id); }

  HttpResponse save(Client& c, ll id, int n, Form fields) {
    return c.submit(app_path(id), std::move(fields), app_path(id) + "/page/" + std::to_string(n));
  }

  HttpResponse upload(Client& c, ll id, const std::string& kind, const std::string& name,
                      const std::string& data) {
    auto page = c.get(app_path(id));
    return c.post_multipart(app_path(id) + "/documents",
                            {{"csrf", csrf_of(page.body)}, {"kind", kind}},
                            {{"file", name, "application/octet-stream", data}});
  }

  const Form page1{{"name", "Amina Haddad"},
                   {"gender", "female"},
                   {"birth_year", "1988"},
                   {"nationality", "MA"},
                   {"country", "MA"}};
  const Form page2{{"organisation_name", "Ministry of Labour"},
                   {"organisation_type", "ministry"},
                   {"organisation_country", "MA"},
                   {"position", "Counsellor"},
                   {"route_role", "origin"}};
  const Form page3{{"motivation", "I counsel returnees and want to do it better."},
                   {"experience", "Six years of counselling."},
                   {"languages", "Arabic, French"}};

  // Pages 1–4 filled in, the CV uploaded.
  ll filled(Client& c) {
    ll id = start(c);
    EXPECT_EQ(save(c, id, 1, page1).status, 303);
    EXPECT_EQ(save(c, id, 2, page2).status, 303);
    EXPECT_EQ(save(c, id, 3, page3).status, 303);
    EXPECT_EQ(upload(c, id, "cv", "cv.pdf", kPdf).status, 303);
    EXPECT_EQ(save(c, id, 4, {}).status, 303);
    return id;
  }

  std::string apply_state() {
    return dump_tables(sql(), {"application", "application_answer",
                               "(SELECT id, application_id, kind, filename, content_type, size, "
                               "length(data) AS data, uploaded_at FROM application_document) AS "
                               "application_document",
                               "person", "account", "applicant_signup", "mail_outbox"});
  }
};

TEST_F(ApplyTest, SignUpConfirmsTheAddressInTheChosenLanguageAndMakesOneApplicantAccount) {
  auto c = client();
  auto r = sign_up(c, "amina@example.org", "de");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(title_of(r.body).find(tr("en", "Check your mail")), 0u) << title_of(r.body);
  EXPECT_EQ(count("SELECT COUNT(*) FROM applicant_signup"), 1);
  // Only the digest of the token is stored.
  ASSERT_EQ(deliver_mail(), 1);
  auto m = mail(0);
  EXPECT_EQ(m.to, "amina@example.org");
  EXPECT_EQ(m.subject, tr("de", "Confirm your address to apply"));
  const std::string link = path_of(first_url(m.text));
  ASSERT_EQ(link.rfind("/apply/confirm/", 0), 0u) << link;
  const std::string token = link.substr(std::string("/apply/confirm/").size());
  EXPECT_EQ(count("SELECT COUNT(*) FROM applicant_signup WHERE token_hash = '" + token + "'"), 0);

  auto page = c.get(link);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(html_attribute(page.body, "lang"), "de");
  // A bad password: the form again, nothing made.
  auto bad = c.post(link, {{"csrf", csrf_of(page.body)},
                           {"name", "Amina Haddad"},
                           {"password", "short"},
                           {"password_again", "short"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE email = 'amina@example.org'"), 0);
  auto ok = c.post(link, {{"csrf", csrf_of(page.body)},
                          {"name", "Amina Haddad"},
                          {"password", kPassword},
                          {"password_again", kPassword}});
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(path_of(ok.location()), call_path());
  EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE email = 'amina@example.org' AND role = "
                  "'applicant' AND language = 'de'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person p JOIN account a ON a.id = p.account_id WHERE "
                  "a.email = 'amina@example.org' AND p.email = 'amina@example.org'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'applicant.confirm'"), 1);
  // Signed in: the applicant's navigation only.
  auto mine = c.get("/applications");
  EXPECT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("href=\"/applications\""), std::string::npos);
  EXPECT_EQ(mine.body.find("href=\"/programme\""), std::string::npos);
  EXPECT_EQ(mine.body.find("href=\"/knowledge\""), std::string::npos);
  // The link works once.
  auto again = client().get(link);
  EXPECT_EQ(again.status, 410);

  // Signing up again with the address: the same page, a mail that says
  // "sign in", no second account.
  auto other = client();
  auto r2 = sign_up(other, "Amina@Example.org", "en");
  EXPECT_EQ(r2.status, 200);
  EXPECT_EQ(title_of(r2.body), title_of(r.body));
  ASSERT_EQ(deliver_mail(), 1);
  EXPECT_EQ(mail(1).subject, tr("en", "You already have a crm account"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE email = 'amina@example.org'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM applicant_signup"), 1);
}

TEST_F(ApplyTest, TheHoneypotAndAFormSentTooSoonGetTheSamePageAndNothingIsDone) {
  auto c = client();
  auto normal = sign_up(c, "first@example.org");
  ASSERT_EQ(normal.status, 200);
  const auto before = apply_state();
  const long attempts = count("SELECT COUNT(*) FROM login_attempt");
  auto trap = sign_up(c, "bot@example.org", "en", 10, "http://spam.example");
  EXPECT_EQ(trap.status, 200);
  EXPECT_EQ(title_of(trap.body), title_of(normal.body));
  auto fast = sign_up(c, "bot@example.org", "en", 0);
  EXPECT_EQ(fast.status, 200);
  EXPECT_EQ(title_of(fast.body), title_of(normal.body));
  auto stale = sign_up(c, "bot@example.org", "en", 2 * 24 * 3600);
  EXPECT_EQ(stale.status, 200);
  auto page = c.get("/apply/signup");
  auto forged = c.post("/apply/signup", {{"csrf", csrf_of(page.body)},
                                         {"email", "bot@example.org"},
                                         {"language", "en"},
                                         {"stamp", std::to_string(wall() - 60) + ".00ff"}});
  EXPECT_EQ(forged.status, 200);
  EXPECT_EQ(apply_state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt"), attempts);
  // A bad address is said so (and changes nothing).
  auto bad = sign_up(c, "not an address");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(apply_state(), before);
}

TEST_F(ApplyTest, SignUpMailIsLimitedPerAddressAndRequestsPerNetwork) {
  auto c = client();
  for (int i = 0; i < 4; ++i) EXPECT_EQ(sign_up(c, "amina@example.org").status, 200);
  // Three mails an hour for one address; the fourth request looks the same.
  EXPECT_EQ(count("SELECT COUNT(*) FROM applicant_signup WHERE email = 'amina@example.org'"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 3);
  for (int i = 4; i < admissions::signup::kRequestsPerNetworkHour; ++i)
    EXPECT_EQ(sign_up(c, "person" + std::to_string(i) + "@example.org").status, 200);
  const auto before = apply_state();
  auto r = sign_up(c, "late@example.org");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("retry-after"), "3600");
  EXPECT_EQ(apply_state(), before);
}

TEST_F(ApplyTest, AnExpiredLinkIsRefusedAndMakesNoAccount) {
  auto c = client();
  ASSERT_EQ(sign_up(c, "late@example.org").status, 200);
  const std::string link = newest_link();
  auto page = c.get(link);
  ASSERT_EQ(page.status, 200);
  sql().sql() << "UPDATE applicant_signup SET expires_at = :t", soci::use(wall() - 1);
  EXPECT_EQ(c.get(link).status, 410);
  auto r = c.post(link, {{"csrf", csrf_of(page.body)},
                         {"name", "Late"},
                         {"password", kPassword},
                         {"password_again", kPassword}});
  EXPECT_EQ(r.status, 410);
  EXPECT_EQ(count("SELECT COUNT(*) FROM account WHERE email = 'late@example.org'"), 0);
  // The next sign-up clears expired ones away.
  auto next = client();
  ASSERT_EQ(sign_up(next, "someone@example.org").status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM applicant_signup WHERE email = 'late@example.org'"), 0);
  EXPECT_EQ(client().get("/apply/confirm/unknown-token").status, 404);
}

TEST_F(ApplyTest, TheFormIsSavedPageByPageResumesAndIsSentWithACopyByMail) {
  auto c = applicant("amina@example.org");
  ll id = start(c);
  // Not reached yet: back to where the applicant is.
  auto ahead = c.get(app_path(id) + "/page/3");
  EXPECT_EQ(ahead.status, 303);
  EXPECT_EQ(path_of(ahead.location()), app_path(id) + "/page/1");
  auto r1 = save(c, id, 1, page1);
  ASSERT_EQ(r1.status, 303);
  EXPECT_EQ(path_of(r1.location()), app_path(id) + "/page/2");
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE name = 'Amina Haddad' AND gender = 'female' "
                  "AND country = 'MA'"),
            1);
  // "Back" saves too, without asking for what is still missing.
  auto back = save(c, id, 2, {{"organisation_name", "Ministry of Labour"}, {"action", "back"}});
  ASSERT_EQ(back.status, 303);
  EXPECT_EQ(path_of(back.location()), app_path(id) + "/page/1");
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE organisation_name = 'Ministry of "
                  "Labour'"),
            1);
  // Coming back (a new sign-in): on where they left off, the same application.
  auto later = sign_in("amina@example.org", kPassword);
  auto again = later.submit("/applications", {}, call_path() + "/apply");
  ASSERT_EQ(again.status, 303);
  EXPECT_EQ(path_of(again.location()), app_path(id) + "/page/2");
  auto p2 = later.get(app_path(id) + "/page/2");
  EXPECT_NE(p2.body.find("value=\"Ministry of Labour\""), std::string::npos);
  ASSERT_EQ(save(later, id, 2, page2).status, 303);
  ASSERT_EQ(save(later, id, 3, page3).status, 303);
  // Page 4 asks for the CV before going on.
  auto no_cv = save(later, id, 4, {});
  EXPECT_EQ(no_cv.status, 422);
  ASSERT_EQ(upload(later, id, "cv", "Lebenslauf Amina.pdf", kPdf).status, 303);
  auto file = later.get(app_path(id) + "/documents/cv");
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPdf);
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  ASSERT_EQ(save(later, id, 4, {}).status, 303);
  auto review = later.get(app_path(id) + "/page/5");
  EXPECT_EQ(review.status, 200);
  EXPECT_NE(review.body.find("Lebenslauf Amina.pdf"), std::string::npos);
  auto sent = later.submit(app_path(id) + "/page/5", {}, app_path(id) + "/submit");
  ASSERT_EQ(sent.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE status = 'submitted' AND submitted_at "
                  "IS NOT NULL"),
            1);
  ASSERT_EQ(deliver_mail(), 1);
  auto m = mail(0);
  EXPECT_NE(m.to.find("amina@example.org"), std::string::npos) << m.to;
  EXPECT_NE(m.text.find("I counsel returnees and want to do it better."), std::string::npos);
  EXPECT_NE(m.text.find("Lebenslauf Amina.pdf"), std::string::npos);
  auto status = later.get(app_path(id));
  EXPECT_NE(status.body.find(tr("en", "Received")), std::string::npos);
  // Once a review is assigned: "under review", and nothing of the review.
  review_insert(sql(), id, account_id(demo("lecturer").email), {}, {}, wall());
  status = later.get(app_path(id));
  EXPECT_NE(status.body.find(tr("en", "Under review")), std::string::npos);
  EXPECT_EQ(status.body.find(demo("lecturer").email), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'application.%'"), 8);
}

TEST_F(ApplyTest, EachBadFieldIsSaidBesideItWithWhatWasTypedAndNothingIsSaved) {
  auto c = applicant("amina@example.org");
  ll id = start(c);
  struct Case {
    int page;
    std::string field, value, message;
  };
  const std::vector<Case> cases{
      {1, "name", "", "Enter your name."},
      {1, "birth_year", "nineteen", "Enter a year between {min} and {max}, like 1985."},
      {1, "birth_year", "1850", "Enter a year between {min} and {max}, like 1985."},
      {1, "nationality", "XX", "Choose a country."},
      {1, "gender", "robot", "Choose an answer."},
      {2, "organisation_type", "spaceship", "Choose the type of your organisation."},
      {2, "route_role", "mars", "Choose the role of your country in your work."},
      {2, "position", "", "Enter your position."},
      {3, "motivation", std::string(5001, 'x'), "At most {n} characters."},
      {3, "languages", "", "Enter the languages you work in."},
  };
  ASSERT_EQ(save(c, id, 1, page1).status, 303);
  ASSERT_EQ(save(c, id, 2, page2).status, 303);
  for (const auto& k : cases) {
    Form fields = k.page == 1 ? page1 : k.page == 2 ? page2 : page3;
    for (auto& [name, value] : fields)
      if (name == k.field) value = k.value;
    bool there = false;
    for (auto& [name, value] : fields) there = there || name == k.field;
    if (!there) fields.emplace_back(k.field, k.value);
    const auto before = apply_state();
    auto r = save(c, id, k.page, fields);
    EXPECT_EQ(r.status, 422) << k.field;
    EXPECT_NE(r.body.find("id=\"f-" + k.field + "-error\""), std::string::npos) << k.field;
    // What was typed is kept.
    if (k.field == "birth_year") {
      EXPECT_NE(r.body.find("value=\"" + k.value + "\""), std::string::npos);
    }
    EXPECT_EQ(apply_state(), before) << k.field;
  }
}

TEST_F(ApplyTest, AFileThatIsNotWhatItsNameSaysOrTooLargeIsRefused) {
  auto c = applicant("amina@example.org");
  ll id = start(c);
  const auto before = apply_state();
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  auto fake = upload(c, id, "cv", "cv.pdf", png);
  EXPECT_EQ(fake.status, 422);
  EXPECT_NE(fake.body.find(web::escape(tr("en",
                                          "The content of this file is not what its name "
                                          "says. Upload the file itself, with its own "
                                          "ending."))),
            std::string::npos);
  auto exe = upload(c, id, "cv", "cv.exe", kPdf);
  EXPECT_EQ(exe.status, 422);
  EXPECT_EQ(upload(c, id, "photo", "cv.pdf", kPdf).status, 422);
  sql().sql() << "UPDATE call_document SET max_bytes = 1024 WHERE kind = 'cv'";
  auto big = upload(c, id, "cv", "cv.pdf", kPdf + std::string(2000, ' '));
  EXPECT_EQ(big.status, 422);
  EXPECT_NE(big.body.find("1 KB"), std::string::npos);
  EXPECT_EQ(apply_state(), before);
  EXPECT_EQ(upload(c, id, "cv", "cv.pdf", kPdf).status, 303);
}

TEST_F(ApplyTest, TheDeadlineIsDecidedToTheSecondInTheCallsZone) {
  // Berlin skips 02:00–03:00 on 29 March 2026: 01:59 and 03:00 local time
  // are one minute apart, and 02:30 does not exist.
  auto before_gap =
      admissions::deadline::closing_instant("2026-03-29", "01:59", "Europe/Berlin", "closes");
  auto after_gap =
      admissions::deadline::closing_instant("2026-03-29", "03:00", "Europe/Berlin", "closes");
  ASSERT_TRUE(before_gap && after_gap);
  EXPECT_EQ(*before_gap, 1774746000);  // 01:00 UTC
  EXPECT_EQ(*after_gap, 1774746000 + 60);
  EXPECT_FALSE(
      admissions::deadline::closing_instant("2026-03-29", "02:30", "Europe/Berlin", "closes"));

  auto c = applicant("amina@example.org");
  ll id = start(c);
  // Closes at the next whole second but one: a save now counts, one at
  // closes_at does not.
  const ll closes = wall() + 3;
  sql().sql() << "UPDATE call SET closes_at = :c", soci::use(closes);
  ASSERT_EQ(save(c, id, 1, page1).status, 303);
  auto page = c.get(app_path(id));
  auto other = applicant("late@example.org");
  while (wall() < closes) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto before = apply_state();
  auto late = c.post(app_path(id) + "/page/2",
                     {{"csrf", csrf_of(page.body)}, {"organisation_name", "Too late"}});
  EXPECT_EQ(late.status, 409);
  EXPECT_NE(late.body.find(web::escape(tr("en",
                                          "The deadline of this call has passed: the "
                                          "application can no longer be sent or changed."))),
            std::string::npos);
  EXPECT_EQ(c.post(app_path(id) + "/submit", {{"csrf", csrf_of(page.body)}}).status, 409);
  EXPECT_EQ(upload(c, id, "cv", "cv.pdf", kPdf).status, 409);
  // Nobody starts one after the deadline either.
  EXPECT_EQ(other.submit("/applications", {}, call_path() + "/apply").status, 409);
  EXPECT_EQ(apply_state(), before);
  // The page itself says so.
  EXPECT_EQ(c.get(app_path(id) + "/page/1").status, 303);
}

TEST_F(ApplyTest, ThePersonApplyingTwiceHasOneApplication) {
  auto c = applicant("amina@example.org");
  ll first = start(c);
  ll second = start(c);
  EXPECT_EQ(first, second);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE email = 'amina@example.org'"), 1);
}

TEST_F(ApplyTest, WithdrawingAsksToConfirmAndEndsChanges) {
  auto c = applicant("amina@example.org");
  ll id = filled(c);
  ASSERT_EQ(c.submit(app_path(id), {}, app_path(id) + "/submit").status, 303);
  const auto before = apply_state();
  auto unconfirmed = c.submit(app_path(id), {}, app_path(id) + "/withdraw");
  EXPECT_EQ(unconfirmed.status, 422);
  EXPECT_EQ(apply_state(), before);
  auto done = c.submit(app_path(id), {{"confirm", "yes"}}, app_path(id) + "/withdraw");
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM application WHERE status = 'withdrawn' AND withdrawn_at "
                  "IS NOT NULL"),
            1);
  const auto after = apply_state();
  EXPECT_EQ(save(c, id, 1, page1).status, 409);
  EXPECT_EQ(apply_state(), after);
  EXPECT_NE(c.get("/applications").body.find(tr("en", "Withdrawn")), std::string::npos);
}

TEST_F(ApplyTest, AnotherApplicantsApplicationAndItsDocumentsAre404ButStaffReadThem) {
  auto owner = applicant("amina@example.org");
  ll id = filled(owner);
  auto other = applicant("omar@example.org");
  const auto before = apply_state();
  for (const std::string& path :
       {app_path(id), app_path(id) + "/page/1", app_path(id) + "/documents/cv"})
    EXPECT_EQ(other.get(path).status, 404) << path;
  auto page = other.get("/applications");
  EXPECT_EQ(
      other.post(app_path(id) + "/page/1", {{"csrf", csrf_of(page.body)}, {"name", "X"}}).status,
      404);
  EXPECT_EQ(
      other.post(app_path(id) + "/withdraw", {{"csrf", csrf_of(page.body)}, {"confirm", "yes"}})
          .status,
      404);
  EXPECT_EQ(
      other.post(app_path(id) + "/documents/cv/delete", {{"csrf", csrf_of(page.body)}}).status,
      404);
  EXPECT_EQ(apply_state(), before);
  // The programme's staff read the documents; a lecturer does not.
  EXPECT_EQ(sign_in("staff").get(app_path(id) + "/documents/cv").status, 200);
  EXPECT_EQ(sign_in("lecturer").get(app_path(id) + "/documents/cv").status, 404);
  // Staff never apply.
  EXPECT_EQ(sign_in("staff").submit("/programme", {}, call_path() + "/apply").status, 404);
}

}  // namespace
}  // namespace crm::test

// Data protection: a person's own data (page and JSON file) holds their data
// and nobody else's; consents are given, withdrawn and kept as history; an
// erasure removes the person's name and email from every page and table while
// the cohort's counts stay the same; and who may do what (404 for the rest).
#include <boost/json.hpp>
#include <ctime>
#include <regex>

#include "auth/service.hpp"
#include "auth/store.hpp"
#include "http/support/test_server.hpp"
#include "privacy/store.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

namespace ps = programme::store;

class PrivacyTest : public HttpTest {
 protected:
  // Everything an erasure or a consent change may touch.
  std::string privacy_state() {
    auto tables = state_tables();
    tables.insert(tables.end(), {"person", "consent", "enrolment", "enrolment_status_history",
                                 "login_attempt", "programme_staff"});
    return dump_tables(sql(), tables);
  }
  int64_t person_of(const std::string& email) {
    return count("SELECT id FROM person WHERE email = '" + email + "'");
  }
  int64_t cohort_id(int number) {
    return count("SELECT id FROM cohort WHERE number = " + std::to_string(number));
  }
  std::string text(const std::string& select) {
    std::string v;
    soci::indicator ind;
    sql().sql() << select, soci::into(v, ind);
    return ind == soci::i_null ? "" : v;
  }
  static bool has(const std::string& s, std::string_view what) {
    return s.find(what) != std::string::npos;
  }
  // Reads the page in English whatever the account's language.
  static void english(Client& c) {
    ASSERT_EQ(c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language").status, 303);
  }
};

TEST_F(PrivacyTest, ExportHoldsTheOwnDataAndNobodyElses) {
  const std::string email = demo("participant").email;
  const int64_t me = person_of(email);
  ASSERT_GT(me, 0);
  // Another person of the same cohort, whose data must not appear.
  std::string other_name = text(
      "SELECT p.name FROM person p JOIN enrolment e ON e.person_id = p.id WHERE e.cohort_id = " +
      std::to_string(cohort_id(3)) + " AND p.id <> " + std::to_string(me) +
      " ORDER BY p.id LIMIT 1");
  std::string other_email =
      text("SELECT email FROM person WHERE name = '" + other_name + "' LIMIT 1");
  ASSERT_FALSE(other_name.empty());

  auto c = sign_in("participant");
  auto page = c.get("/profile/data");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(html_attribute(page.body, "dir"), "rtl");
  EXPECT_TRUE(has(page.body, "ليلى حداد"));
  EXPECT_TRUE(has(page.body, email));
  EXPECT_TRUE(has(page.body, "Cohort 3"));
  EXPECT_TRUE(has(page.body, "data-purpose=\"participation\""));
  EXPECT_TRUE(has(page.body, "data-purpose=\"directory\""));
  EXPECT_TRUE(has(page.body, "href=\"/profile/data.json\""));
  // Activities by their names in the reader's language, not codes.
  EXPECT_TRUE(has(page.body, tr("ar", "Logged in")));
  EXPECT_FALSE(has(page.body, "account.login"));
  EXPECT_FALSE(has(page.body, other_name));
  EXPECT_FALSE(has(page.body, other_email));
  EXPECT_FALSE(has(page.body, "@example.org"));
  EXPECT_FALSE(has(page.body, "staff@demo.crm.example"));

  auto file = c.get("/profile/data.json");
  ASSERT_EQ(file.status, 200);
  EXPECT_TRUE(file.header("content-type").starts_with("application/json"));
  EXPECT_TRUE(has(file.header("content-disposition"), "attachment"));
  EXPECT_FALSE(has(file.body, other_name));
  EXPECT_FALSE(has(file.body, other_email));
  EXPECT_FALSE(has(file.body, "@example.org"));
  boost::system::error_code ec;
  auto v = boost::json::parse(file.body, ec);
  ASSERT_FALSE(ec) << ec.message();
  const auto& root = v.as_object();
  EXPECT_EQ(root.at("format").as_string(), "crm-personal-data/2");
  // Times a person can read: ISO 8601 in UTC, not Unix seconds.
  static const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  EXPECT_TRUE(std::regex_match(std::string(root.at("generated_at").as_string()), iso));
  EXPECT_EQ(root.at("language").as_string(), "ar");
  EXPECT_EQ(root.at("account").at("email").as_string(), email);
  EXPECT_EQ(root.at("account").at("role").as_string(), "participant");
  EXPECT_FALSE(root.at("account").at("two_factor").as_bool());
  EXPECT_GE(root.at("account").at("active_sessions").as_int64(), 1);
  ASSERT_TRUE(root.at("account").at("last_login_at").is_string());
  EXPECT_TRUE(
      std::regex_match(std::string(root.at("account").at("last_login_at").as_string()), iso));
  EXPECT_FALSE(root.at("account").as_object().contains("password_hash"));
  const auto& person = root.at("person").as_object();
  EXPECT_EQ(person.at("id").as_int64(), me);
  EXPECT_EQ(person.at("name").as_string(), "ليلى حداد");
  EXPECT_EQ(person.at("country").as_string(), "LB");
  EXPECT_TRUE(person.at("organisation").is_object());
  EXPECT_TRUE(person.at("photo").is_null());
  EXPECT_TRUE(person.at("visible_fields").is_array());
  const auto& enrolments = root.at("enrolments").as_array();
  ASSERT_EQ(enrolments.size(), 1u);
  EXPECT_EQ(enrolments[0].at("cohort").as_string(), "Cohort 3");
  EXPECT_EQ(enrolments[0].at("history").as_array().size(),
            static_cast<size_t>(count("SELECT COUNT(*) FROM enrolment_status_history h JOIN "
                                      "enrolment e ON e.id = h.enrolment_id WHERE e.person_id = " +
                                      std::to_string(me))));
  const auto& consents = root.at("consents").as_array();
  ASSERT_EQ(consents.size(), 2u);  // the demo: participation and directory
  EXPECT_TRUE(consents[0].at("withdrawn_at").is_null());
  EXPECT_TRUE(root.at("invitations_sent").as_array().empty());
  bool login_seen = false;
  for (const auto& a : root.at("audit").as_array()) {
    EXPECT_TRUE(std::regex_match(std::string(a.at("at").as_string()), iso));
    if (a.at("action").as_string() == "account.login") {
      login_seen = true;
      // The code for programs, the name in the reader's language for people.
      EXPECT_EQ(a.at("activity").as_string(), tr("ar", "Logged in"));
    }
    EXPECT_FALSE(a.as_object().contains("changes"));
  }
  EXPECT_TRUE(login_seen);

  // An account without a person record still gets its account data.
  auto admin = sign_in("admin");
  auto admin_file = admin.get("/profile/data.json");
  ASSERT_EQ(admin_file.status, 200);
  auto a = boost::json::parse(admin_file.body).as_object();
  EXPECT_EQ(a.at("account").at("email").as_string(), demo("admin").email);
  EXPECT_TRUE(a.at("account").at("two_factor").as_bool());
  EXPECT_TRUE(a.at("person").is_null());
  EXPECT_TRUE(a.at("enrolments").as_array().empty());
  EXPECT_EQ(admin.get("/profile/data").status, 200);

  // Staff: their own invitations are listed, without the invitees' addresses.
  auto staff = sign_in("staff");
  ASSERT_EQ(staff
                .submit("/invitations", {{"email", "invitee.private@example.org"},
                                         {"name", "Invitee Private"},
                                         {"role", "participant"},
                                         {"language", "en"}})
                .status,
            303);
  auto staff_file = staff.get("/profile/data.json");
  ASSERT_EQ(staff_file.status, 200);
  auto s = boost::json::parse(staff_file.body).as_object();
  ASSERT_EQ(s.at("invitations_sent").as_array().size(), 1u);
  EXPECT_EQ(s.at("invitations_sent").as_array()[0].at("state").as_string(), "open");
  EXPECT_FALSE(has(staff_file.body, "invitee.private@example.org"));
  EXPECT_FALSE(has(staff_file.body, "Invitee Private"));
  EXPECT_FALSE(has(staff.get("/profile/data").body, "invitee.private@example.org"));

  // Visitors are sent to the login, as /account does, and come back after it.
  for (const char* path :
       {"/profile/data", "/profile/data.json", "/profile/consents", "/profile/erasure"}) {
    auto r = client().get(path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(r.location(), "/login?next=" + url_encode(path)) << path;
  }
  // The account page links to all three.
  auto account = c.get("/account");
  for (const char* link : {"/profile/data", "/profile/consents", "/profile/erasure"})
    EXPECT_TRUE(has(account.body, std::string("href=\"") + link + "\"")) << link;
}

TEST_F(PrivacyTest, ConsentsAreGivenWithdrawnAndKeptAsHistory) {
  const int64_t me = person_of(demo("participant").email);
  const std::string where = " FROM consent WHERE person_id = " + std::to_string(me);
  auto c = sign_in("participant");
  auto page = c.get("/profile/consents");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(count("SELECT COUNT(*)" + where), 2);

  // Withdrawing the directory consent hides the profile from the directory.
  ASSERT_NE(text("SELECT visible_fields FROM person WHERE id = " + std::to_string(me)), "");
  auto r = c.submit("/profile/consents", {{"purpose", "directory"}, {"action", "withdraw"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/profile/consents");
  EXPECT_EQ(count("SELECT COUNT(*)" + where +
                  " AND purpose = 'directory' AND withdrawn_at IS "
                  "NOT NULL"),
            1);
  EXPECT_EQ(text("SELECT visible_fields FROM person WHERE id = " + std::to_string(me)), "");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'consent.withdraw' AND "
                  "entity = 'person' AND entity_id = '" +
                  std::to_string(me) + "'"),
            1);

  // Giving it again opens a new row; the old one stays.
  ASSERT_EQ(c.submit("/profile/consents", {{"purpose", "directory"}, {"action", "give"}}).status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*)" + where + " AND purpose = 'directory'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*)" + where +
                  " AND purpose = 'directory' AND withdrawn_at IS "
                  "NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*)" + where +
                  " AND purpose = 'directory' AND "
                  "recorded_by_account_id = " +
                  std::to_string(account_id(demo("participant").email))),
            1);
  page = c.get("/profile/consents");
  EXPECT_TRUE(has(page.body, "data-purpose=\"directory\" data-open=\"0\""));
  EXPECT_TRUE(has(page.body, "data-purpose=\"directory\" data-open=\"1\""));

  // Bad requests change nothing.
  auto before = privacy_state();
  EXPECT_EQ(c.submit("/profile/consents", {{"purpose", "media"}, {"action", "withdraw"}}).status,
            409);  // never given
  EXPECT_EQ(c.submit("/profile/consents", {{"purpose", "directory"}, {"action", "give"}}).status,
            409);  // already given
  EXPECT_EQ(c.submit("/profile/consents", {{"purpose", "marketing"}, {"action", "give"}}).status,
            422);
  EXPECT_EQ(c.submit("/profile/consents", {{"purpose", "media"}, {"action", "maybe"}}).status, 422);
  EXPECT_EQ(c.post("/profile/consents", {{"purpose", "media"}, {"action", "give"}}).status,
            403);  // no form token
  EXPECT_EQ(privacy_state(), before);

  // Staff record a consent given on paper.
  auto staff = sign_in("staff");
  const std::string path = "/people/" + std::to_string(me) + "/consents";
  ASSERT_EQ(staff.get(path).status, 200);
  r = staff.submit(path, {{"purpose", "media"}, {"action", "give"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), path);
  EXPECT_EQ(count("SELECT COUNT(*)" + where +
                  " AND purpose = 'media' AND withdrawn_at IS NULL "
                  "AND recorded_by_account_id = " +
                  std::to_string(account_id(demo("staff").email))),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'consent.give'"), 2);
  // The person sees it on their page, and can withdraw it.
  EXPECT_TRUE(has(c.get("/profile/consents").body, "data-purpose=\"media\" data-open=\"1\""));
  ASSERT_EQ(c.submit("/profile/consents", {{"purpose", "media"}, {"action", "withdraw"}}).status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*)" + where + " AND withdrawn_at IS NULL"), 2);

  // An account without a person record has no consents to give.
  auto admin = sign_in("admin");
  EXPECT_EQ(admin.get("/profile/consents").status, 404);
  before = privacy_state();
  EXPECT_EQ(
      admin.submit("/profile/data", {{"purpose", "media"}, {"action", "give"}}, "/profile/consents")
          .status,
      404);
  EXPECT_EQ(privacy_state(), before);
}

TEST_F(PrivacyTest, OnlyTheProgrammeTeamErasesAndRecordsConsents) {
  const int64_t target = person_of(demo("participant").email);
  // Ask for erasure first, so the request is there to be (not) seen.
  auto p = sign_in("participant");
  ASSERT_EQ(p.submit("/profile/erasure", {{"confirm", "yes"}}).status, 303);
  const std::string id = std::to_string(target);
  auto before = privacy_state();

  for (const char* role : {"lecturer", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    before = privacy_state();
    EXPECT_EQ(c.get("/erasure-requests").status, 404);
    EXPECT_EQ(c.get("/people/" + id + "/erase").status, 404);
    EXPECT_EQ(c.submit("/profile/data", {{"confirm_id", id}}, "/people/" + id + "/erase").status,
              404);
    EXPECT_EQ(c.get("/people/" + id + "/consents").status, 404);
    EXPECT_EQ(c.submit("/profile/data", {{"purpose", "media"}, {"action", "give"}},
                       "/people/" + id + "/consents")
                  .status,
              404);
    EXPECT_EQ(privacy_state(), before);
  }
  // A participant cannot act on another participant, nor on themselves.
  const int64_t other = count("SELECT MIN(id) FROM person WHERE id <> " + id);
  for (int64_t who : {other, target}) {
    const std::string w = std::to_string(who);
    before = privacy_state();
    EXPECT_EQ(p.get("/people/" + w + "/erase").status, 404);
    EXPECT_EQ(p.submit("/profile/data", {{"confirm_id", w}}, "/people/" + w + "/erase").status,
              404);
    EXPECT_EQ(p.get("/people/" + w + "/consents").status, 404);
    EXPECT_EQ(privacy_state(), before);
  }
  // A visitor is asked to log in first.
  EXPECT_EQ(client().get("/erasure-requests").location(), "/login?next=%2Ferasure-requests");
  EXPECT_EQ(client().get("/people/" + id + "/erase").status, 303);

  // Staff of the programme see the request; moved to another programme's
  // team, they no longer see it nor can they erase.
  auto staff = sign_in("staff");
  EXPECT_TRUE(has(staff.get("/erasure-requests").body, "data-person=\"" + id + "\""));
  EXPECT_EQ(staff.get("/people/987654/erase").status, 404);
  EXPECT_EQ(staff.get("/people/abc/erase").status, 404);
  {
    auto& db = sql();
    db::Transaction tx(db);
    int64_t other_programme = ps::insert_programme(db, "elsewhere", 5, 1767225600);
    ps::insert_programme_text(db, other_programme, "en", "Elsewhere", "");
    db.sql() << "DELETE FROM programme_staff";
    ps::insert_programme_staff(db, other_programme, account_id(demo("staff").email));
    tx.commit();
  }
  before = privacy_state();
  EXPECT_FALSE(has(staff.get("/erasure-requests").body, "data-person=\"" + id + "\""));
  EXPECT_EQ(staff.get("/people/" + id + "/erase").status, 404);
  EXPECT_EQ(
      staff.submit("/erasure-requests", {{"confirm_id", id}}, "/people/" + id + "/erase").status,
      404);
  EXPECT_EQ(staff.get("/people/" + id + "/consents").status, 404);
  EXPECT_EQ(staff
                .submit("/erasure-requests", {{"purpose", "media"}, {"action", "give"}},
                        "/people/" + id + "/consents")
                .status,
            404);
  EXPECT_EQ(privacy_state(), before);

  // Admins see every request.
  auto admin = sign_in("admin");
  auto list = admin.get("/erasure-requests");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "data-person=\"" + id + "\""));
  // The record-number box leads to the erasure page.
  auto jump = admin.get("/erasure-requests?record=" + id);
  EXPECT_EQ(jump.status, 303);
  EXPECT_EQ(jump.location(), "/people/" + id + "/erase");
  EXPECT_EQ(admin.get("/erasure-requests?record=x1").status, 200);
}

// The erasure test of the issue: a person invited into crm, enrolled in
// cohort 3, asks for erasure; staff carry it out; afterwards no page and no
// table holds the person's name or email, and the cohort counts the same.
TEST_F(PrivacyTest, ErasureRemovesNameAndEmailEverywhereAndKeepsTheCounts) {
  const std::string email = "salwa.halabi@example.org";
  const std::string name = "سلوى الحلبي", latin = "Salwa Al-Halabi", account_name = "Salwa H.";
  const std::string password = "correct horse battery";

  // Invited by staff (invitation, mail and audit entries carry the email) …
  auto staff = sign_in("staff");
  english(staff);
  ASSERT_EQ(
      staff
          .submit("/invitations",
                  {{"email", email}, {"name", latin}, {"role", "participant"}, {"language", "ar"}})
          .status,
      303);
  std::string link;
  sql().sql() << "SELECT text_body FROM mail_outbox ORDER BY id DESC LIMIT 1", soci::into(link);
  auto person_client = client();
  auto form = person_client.get(path_of(first_url(link)));
  ASSERT_EQ(form.status, 200);
  ASSERT_EQ(person_client
                .post(path_of(first_url(link)), {{"csrf", csrf_of(form.body)},
                                                 {"name", account_name},
                                                 {"password", password},
                                                 {"password_again", password},
                                                 {"language", "ar"},
                                                 {"time_zone", "Asia/Amman"}})
                .status,
            303);
  // … enrolled in cohort 3 with a person record and consents …
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  int64_t pid = 0;
  {
    auto& db = sql();
    db::Transaction tx(db);
    programme::Person p;
    p.account_id = account_id(email);
    p.name = name;
    p.name_latin = latin;
    p.email = email;
    p.country = "JO";
    p.organisation_id = count("SELECT MIN(id) FROM organisation WHERE country = 'JO'");
    p.position = "Protection officer";
    p.gender = "female";
    p.languages = "ar,en";
    p.expertise = "reintegration of children";
    p.time_zone = "Asia/Amman";
    p.bio = "Works with returnees in Amman.";
    p.visible_fields = "country,organisation,expertise,email";
    p.created_at = now;
    pid = ps::insert_person(db, p);
    int64_t e = ps::insert_enrolment(db, {0, pid, cohort_id(3), "participant", "participant", now});
    ps::insert_status_change(db, e, "applicant", now - 100, 0);
    ps::insert_status_change(db, e, "participant", now, account_id(demo("staff").email));
    privacy::store::insert_consent(db, pid, "participation", now, 0);
    privacy::store::insert_consent(db, pid, "directory", now, 0);
    // Bound values must outlive the statement, which runs at the end of the expression.
    long long photo_person = pid, photo_at = now;
    std::string photo = "fake png bytes";
    db.sql() << "INSERT INTO person_photo (person_id, content_type, data, updated_at) VALUES "
                "(:p, 'image/png', :d, :t)",
        soci::use(photo_person), soci::use(photo), soci::use(photo_at);
    tx.commit();
  }
  // … who once mistyped the password and asked for a reset.
  EXPECT_EQ(
      client().submit("/login", {{"email", email}, {"password", "wrong password here"}}).status,
      422);
  EXPECT_EQ(client().submit("/password/forgot", {{"email", email}}).status, 200);

  const std::string id = std::to_string(pid);
  const std::string cohort = "/cohorts/" + std::to_string(cohort_id(3));
  const std::vector<std::string> secrets = {email, name, latin, account_name, "Halabi", "الحلبي"};

  // What the counts are before.
  auto overview_before = staff.get("/programme").body;
  const std::string size_text = "25 participants";  // the demo's 24 and this person
  ASSERT_TRUE(has(overview_before, size_text));
  auto cohort_before = staff.get(cohort);
  const long people =
      count("SELECT COUNT(*) FROM enrolment WHERE cohort_id = " + std::to_string(cohort_id(3)));
  const long enrolments = count("SELECT COUNT(*) FROM enrolment");
  const long history = count("SELECT COUNT(*) FROM enrolment_status_history");
  const long jordan = count(
      "SELECT COUNT(*) FROM enrolment e JOIN person p ON p.id = e.person_id "
      "WHERE p.country = 'JO' AND p.gender = 'female' AND e.cohort_id = " +
      std::to_string(cohort_id(3)));
  ASSERT_TRUE(has(cohort_before.body, std::to_string(people) + " people found"));
  const long page_count = (people + 24) / 25;
  bool listed = false;
  for (long n = 1; n <= page_count; ++n)
    listed |= has(staff.get(cohort + "?page=" + std::to_string(n)).body, name);
  ASSERT_TRUE(listed);

  // The person asks; without the box ticked nothing happens.
  auto before = privacy_state();
  auto asked = person_client.submit("/profile/erasure", {});
  EXPECT_EQ(asked.status, 422);
  EXPECT_EQ(privacy_state(), before);
  ASSERT_EQ(person_client.submit("/profile/erasure", {{"confirm", "yes"}}).status, 303);
  EXPECT_GT(count("SELECT erasure_requested_at FROM person WHERE id = " + id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.erasure_requested' AND "
                  "entity_id = '" +
                  id + "'"),
            1);
  before = privacy_state();
  EXPECT_EQ(person_client.submit("/profile/erasure", {{"confirm", "yes"}}).status, 409);
  EXPECT_EQ(privacy_state(), before);
  // A change of mind, and back: the request can be withdrawn until staff act.
  ASSERT_EQ(person_client.submit("/profile/erasure", {{"action", "withdraw"}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE erasure_requested_at IS NULL AND id = " + id),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.erasure_withdrawn'"), 1);
  before = privacy_state();
  EXPECT_EQ(person_client.submit("/profile/erasure", {{"action", "withdraw"}}).status, 409);
  EXPECT_EQ(privacy_state(), before);
  ASSERT_EQ(person_client.submit("/profile/erasure", {{"confirm", "yes"}}).status, 303);
  before = privacy_state();

  // Staff see the request and confirm it; bad confirmations change nothing.
  auto requests = staff.get("/erasure-requests");
  ASSERT_EQ(requests.status, 200);
  EXPECT_TRUE(has(requests.body, "data-person=\"" + id + "\""));
  EXPECT_TRUE(has(requests.body, name));
  const std::string erase = "/people/" + id + "/erase";
  ASSERT_EQ(staff.get(erase).status, 200);
  EXPECT_EQ(staff.submit(erase, {}).status, 422);
  EXPECT_EQ(staff.submit(erase, {{"confirm_id", "1"}}).status, 422);
  EXPECT_EQ(staff.submit(erase, {{"confirm_id", id + "0"}}).status, 422);
  EXPECT_EQ(staff.post(erase, {{"confirm_id", id}}).status, 403);  // no form token
  EXPECT_EQ(privacy_state(), before);
  auto done = staff.submit(erase, {{"confirm_id", " " + id + " "}});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.location(), "/erasure-requests");

  // Erasure is final.
  before = privacy_state();
  EXPECT_EQ(staff.submit("/erasure-requests", {{"confirm_id", id}}, erase).status, 409);
  EXPECT_EQ(staff.get(erase).status, 409);
  EXPECT_EQ(privacy_state(), before);

  // The person is logged out and cannot log in again.
  auto after_logout = person_client.get("/profile/data");
  EXPECT_EQ(after_logout.status, 303);

  // No page shows the name or the email.
  std::vector<std::pair<std::string, std::string>> pages;
  pages.emplace_back("/programme", staff.get("/programme").body);
  for (long n = 1; n <= page_count; ++n) {
    auto r = staff.get(cohort + "?page=" + std::to_string(n));
    ASSERT_EQ(r.status, 200);
    pages.emplace_back(cohort + "?page=" + std::to_string(n), r.body);
  }
  pages.emplace_back("/erasure-requests", staff.get("/erasure-requests").body);
  pages.emplace_back(erase, staff.get(erase).body);
  pages.emplace_back("/people/" + id + "/consents", staff.get("/people/" + id + "/consents").body);
  auto person_page = staff.get("/people/" + id);
  ASSERT_EQ(person_page.status, 200);  // the record stays, for the counts
  pages.emplace_back("/people/" + id, person_page.body);
  EXPECT_TRUE(has(person_page.body, "Erased person"));
  // Exports of the cohort, and the organisation pages.
  auto csv = staff.get(cohort + "/people.csv");
  ASSERT_EQ(csv.status, 200);
  pages.emplace_back(cohort + "/people.csv", csv.body);
  pages.emplace_back("/organisations", staff.get("/organisations").body);
  if (auto org =
          text("SELECT COALESCE(CAST(organisation_id AS TEXT), '') FROM person WHERE id = " + id);
      !org.empty())
    pages.emplace_back("/organisations/" + org, staff.get("/organisations/" + org).body);
  auto admin = sign_in("admin");
  english(admin);
  const long audit_pages = (count("SELECT COUNT(*) FROM audit_log") + 49) / 50;
  for (long n = 1; n <= audit_pages; ++n)
    pages.emplace_back("/admin/audit?page=" + std::to_string(n),
                       admin.get("/admin/audit?page=" + std::to_string(n)).body);
  pages.emplace_back("/profile/data (staff)", staff.get("/profile/data").body);
  pages.emplace_back("/profile/data.json (staff)", staff.get("/profile/data.json").body);
  for (const auto& [path, body] : pages)
    for (const auto& s : secrets) EXPECT_FALSE(has(body, s)) << s << " on " << path;
  // The cohort page shows the placeholder in the reader's language.
  bool placeholder = false;
  for (const auto& [path, body] : pages)
    if (path.starts_with(cohort)) placeholder |= has(body, "Erased person");
  EXPECT_TRUE(placeholder);
  EXPECT_TRUE(has(admin.get("/admin/audit").body, "person.erased"));

  // Nor does any table.
  for (const auto& s : secrets) {
    SCOPED_TRACE(s);
    const std::string like = "'%" + s + "%'";
    EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE name LIKE " + like + " OR name_latin LIKE " +
                    like + " OR email LIKE " + like),
              0);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM account WHERE name LIKE " + like + " OR email LIKE " + like),
        0);
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM invitation WHERE name LIKE " + like + " OR email LIKE " + like),
        0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE actor_label LIKE " + like +
                    " OR changes LIKE " + like + " OR entity_id LIKE " + like),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempt WHERE email LIKE " + like), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE to_address LIKE " + like +
                    " OR to_name LIKE " + like + " OR text_body LIKE " + like +
                    " OR html_body LIKE " + like),
              0);
  }
  EXPECT_EQ(text("SELECT email FROM person WHERE id = " + id), "erased-" + id + "@invalid");
  EXPECT_GT(count("SELECT erased_at FROM person WHERE id = " + id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE id = " + id +
                  " AND name = '' AND position = '' AND languages = '' AND expertise = '' AND "
                  "time_zone = '' AND bio = '' AND visible_fields = '' AND account_id IS NULL"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_photo WHERE person_id = " + id), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM consent WHERE person_id = " + id), 2);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM consent WHERE person_id = " + id + " AND withdrawn_at IS NULL"),
      0);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.erased' AND entity_id = '" + id +
            "' AND changes = ''"),
      1);

  // The account is gone: the old password opens nothing. (Checked last: a
  // login attempt records the address typed, for throttling.)
  EXPECT_EQ(client().submit("/login", {{"email", email}, {"password", password}}).status, 422);

  // The counts are what they were.
  EXPECT_TRUE(has(staff.get("/programme").body, size_text));
  EXPECT_TRUE(has(staff.get(cohort).body, std::to_string(people) + " people found"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment"), enrolments);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment_status_history"), history);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment e JOIN person p ON p.id = e.person_id "
                  "WHERE p.country = 'JO' AND p.gender = 'female' AND e.cohort_id = " +
                  std::to_string(cohort_id(3))),
            jordan);
}

// An erasure scrubs the audit entries about this person and no others, even
// when the name holds LIKE's wildcards (`%`, `_`) or its escape (`\`): a
// participant named "%%%%%" must not make staff's erasure blank the log.
TEST_F(PrivacyTest, ErasureScrubsOnlyThisPersonsAuditEntriesWhateverTheNameHolds) {
  struct Case {
    std::string name;       // the person erased
    std::string near_miss;  // someone else, whom a wildcard in the name would match
  };
  const std::vector<Case> cases = {{"%%%%%", "Maria Lopez"},
                                   {"Ann_Lee", "AnnxLee"},
                                   {"Bo\\Kim", "BoxKim"},
                                   {"Ra%_\\Zed", "Ra%x\\Zed and Raa_\\Zed"}};
  auto staff = sign_in("staff");
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string email = "case" + std::to_string(++n) + "@example.org";
    std::vector<long long> mine;  // ids of the entries that mention this person
    int64_t pid = 0;
    {
      auto& db = sql();
      db::Transaction tx(db);
      programme::Person p;
      p.name = c.name;
      p.email = email;
      p.country = "JO";
      p.created_at = now;
      pid = ps::insert_person(db, p);
      ps::insert_enrolment(db, {0, pid, cohort_id(3), "participant", "participant", now});
      // Free text that mentions people: the changes are JSON (a backslash is
      // written doubled there), the actor label is plain text.
      auto entry = [&](const std::string& label, const std::string& mention) {
        auth::AuditEntry e;
        e.at = now;
        e.actor_label = label;
        e.action = "note";
        e.entity = "cohort";
        e.entity_id = std::to_string(cohort_id(3));
        e.changes = auth::changes_json({{"note", {"", "about " + mention + " here"}}});
        auth::store::insert_audit(db, e);
        long long id = 0;
        db.sql() << "SELECT MAX(id) FROM audit_log", soci::into(id);
        return id;
      };
      mine.push_back(entry("Staff <staff@example.org>", c.name));
      mine.push_back(entry(c.name + " <" + email + ">", "nobody"));
      entry("Staff <staff@example.org>", c.near_miss);
      entry(c.near_miss + " <near@example.org>", "nobody");
      tx.commit();
    }
    std::string mine_list;
    for (auto id : mine) mine_list += (mine_list.empty() ? "" : ", ") + std::to_string(id);
    const long last = count("SELECT MAX(id) FROM audit_log");
    const std::string others_sql =
        "audit_log WHERE id <= " + std::to_string(last) + " AND id NOT IN (" + mine_list + ")";
    const std::string others_before = dump_tables(sql(), {others_sql});
    ASSERT_GT(count("SELECT COUNT(*) FROM " + others_sql), 6);

    const std::string id = std::to_string(pid);
    ASSERT_EQ(staff.submit("/people/" + id + "/erase", {{"confirm_id", id}}).status, 303);

    // Everyone else's entries are as they were …
    EXPECT_EQ(dump_tables(sql(), {others_sql}), others_before);
    // … and this person's lost the mention.
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM audit_log WHERE id IN (" + mine_list + ") AND changes = ''"),
        1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE id IN (" + mine_list +
                    ") AND actor_label = ''"),
              1);
    std::string changes, labels;
    db::Rows rows =
        (sql().sql().prepare << "SELECT actor_label, changes FROM audit_log WHERE id IN (" +
                                    mine_list + ")");
    for (const auto& r : rows) {
      labels += db::get_text(r, 0);
      changes += db::get_text(r, 1);
    }
    EXPECT_FALSE(has(labels, c.name));
    EXPECT_FALSE(has(changes, c.name));
    const std::string quoted = boost::json::serialize(boost::json::string(c.name));
    EXPECT_FALSE(has(changes, quoted.substr(1, quoted.size() - 2)));  // as JSON writes it
  }
}

}  // namespace
}  // namespace crm::test

namespace crm::test {
namespace {

// Staff hear of an erasure request where they start: the dashboard counts
// the requests of their programmes and links the list, and the navigation
// links it for whoever handles them (nobody else).
TEST_F(PrivacyTest, TheDashboardCountsPendingErasureRequests) {
  auto staff = sign_in("staff");
  english(staff);
  auto admin = sign_in("admin");
  english(admin);
  auto page = staff.get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "id=\"erasure-requests\""));
  EXPECT_TRUE(has(page.body, "data-pending=\"0\""));
  EXPECT_TRUE(has(page.body, "No request is waiting."));
  EXPECT_TRUE(has(page.body, "<a href=\"/erasure-requests\""));

  auto p = sign_in("participant");
  ASSERT_EQ(p.submit("/profile/erasure", {{"confirm", "yes"}}).status, 303);
  for (Client* c : {&staff, &admin}) {
    page = c->get("/");
    EXPECT_TRUE(has(page.body, "data-pending=\"1\""));
    EXPECT_TRUE(has(page.body, "1 request waits for you."));
    EXPECT_TRUE(has(page.body, "href=\"/erasure-requests\" class=\"button primary\""));
    // In the navigation on every page, not only on the account page.
    auto other = c->get("/profile");
    EXPECT_TRUE(has(other.body, "<li><a href=\"/erasure-requests\">Erasure requests</a></li>"));
  }
  // Nobody else is told, nor offered the link.
  for (const char* role : {"lecturer", "participant", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    auto start = c.get("/");
    EXPECT_FALSE(has(start.body, "data-pending="));
    EXPECT_FALSE(has(start.body, "href=\"/erasure-requests\""));
  }
  // Staff of another programme do not count it; the administrator still does.
  {
    auto& db = sql();
    db::Transaction tx(db);
    int64_t other_programme = ps::insert_programme(db, "elsewhere", 5, 1767225600);
    ps::insert_programme_text(db, other_programme, "en", "Elsewhere", "");
    db.sql() << "DELETE FROM programme_staff";
    ps::insert_programme_staff(db, other_programme, account_id(demo("staff").email));
    tx.commit();
  }
  EXPECT_TRUE(has(staff.get("/").body, "data-pending=\"0\""));
  EXPECT_TRUE(has(admin.get("/").body, "data-pending=\"1\""));
}

}  // namespace
}  // namespace crm::test

// Calls for applications: staff write a call (cohort, dates in the call's
// zone, places, texts per language, blinded fields, documents), its
// questions, rubric and parity bounds, publish and close it; everyone reads
// the open calls and a published call without an account; a draft is 404 for
// all but the programme's staff; bad input — contradictory bounds among it —
// says why and changes nothing (table snapshots); a call whose deadline
// passed with applications reopens only on purpose; the deadline is shown in
// the call's zone and the reader's (a zone with daylight saving); the staff
// list and its exports; the demo's calls. SQLite and PostgreSQL.
#include "admissions/call_service.hpp"
#include "admissions/call_store.hpp"
#include "admissions/deadline.hpp"
#include "demo/demo.hpp"
#include "http/support/admissions_fixture.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "web/html.hpp"

namespace crm::test {
namespace {

using ll = long long;

// Everything a write of calls may touch, and the audit log without sign-ins.
const std::vector<std::string> kCallTables = {
    "call",
    "call_text",
    "call_question",
    "call_question_text",
    "call_document",
    "call_criterion",
    "call_criterion_text",
    "call_bound",
    "cohort",
    "(SELECT id, action, entity, entity_id, changes FROM audit_log WHERE action NOT LIKE "
    "'account.%') audit"};

bool has(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

// 2026-03-29, the day Europe/Berlin moves its clocks forward (02:00 → 03:00):
// 23:59 that evening is 21:59 UTC; the call closes at the next second.
constexpr ll kClosesAt = 1774821600;  // 2026-03-29 22:00:00 UTC

class CallTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    programme_ = count("SELECT id FROM programme WHERE slug = 'crm'");
    cohort_ = count("SELECT id FROM cohort WHERE programme_id = " + std::to_string(programme_) +
                    " AND number = 4");
    other_cohort_ =
        count("SELECT id FROM cohort WHERE programme_id = " + std::to_string(programme_) +
              " AND number = 3");
  }
  std::string state() { return dump_tables(sql(), kCallTables); }
  // Signed in and reading English (the demo accounts speak other languages).
  Client english(std::string_view role) {
    auto c = sign_in(role);
    auto res = c.submit("/", {{"language", "en"}, {"next", "/"}}, "/language");
    if (res.status != 303) throw std::runtime_error("language not switched");
    return c;
  }
  Form new_form(ll cohort) {
    return {{"cohort", std::to_string(cohort)},
            {"opens_date", "2026-03-01"},
            {"opens_time", "09:00"},
            {"closes_date", "2026-03-29"},
            {"closes_time", "23:59"},
            {"time_zone", "Europe/Berlin"},
            {"places", "24"}};
  }
  // The edit form as staff send it: dates, texts in English and Arabic, two
  // blinded fields, a CV and a letter.
  Form edit_form() {
    Form f = new_form(0);
    f.erase(f.begin());
    f.insert(f.end(), {{"title_en", "Call for cohort 4"},
                       {"who_en", "Professionals of return and reintegration."},
                       {"offer_en", "Two semesters.\nTwo on-site weeks."},
                       {"costs_en", "No fees."},
                       {"dates_en", "May and October."},
                       {"retention_en", "We keep your data for the selection only."},
                       {"title_ar", "دعوة للدفعة الرابعة"},
                       {"who_ar", "مهنيون في مجال العودة."},
                       {"blind", "name"},
                       {"blind", "email"},
                       {"conflict_same_country", "yes"},
                       {"reviewers", "3"},
                       {"retention", "6"},
                       {"doc_cv", "yes"},
                       {"required_cv", "yes"},
                       {"max_cv", "5"},
                       {"doc_support_letter", "yes"},
                       {"max_support_letter", "2"}});
    return f;
  }
  static Form with(Form f, const std::string& name, const std::string& value) {
    bool found = false;
    for (auto& [k, v] : f)
      if (k == name) {
        v = value;
        found = true;
      }
    if (!found) f.emplace_back(name, value);
    return f;
  }
  // A call of cohort 4 made through the pages; its id.
  ll create(Client& c) {
    auto res = c.submit("/calls/new", new_form(cohort_));
    EXPECT_EQ(res.status, 303) << res.body.substr(0, 3000);
    return count("SELECT COALESCE(MAX(id), 0) FROM call WHERE cohort_id = " +
                 std::to_string(cohort_));
  }
  std::string path(ll call, const std::string& rest = {}) {
    return "/calls/" + std::to_string(call) + rest;
  }
  // A staff member of another programme, signed in.
  Client other_staff() {
    auto other = insert_other_programme(sql());
    auto& db = sql().sql();
    const auto& d = demo("staff");
    const std::string email = "other.staff@example.org";
    db << "INSERT INTO account (email, name, role, password_hash, language, time_zone, "
          "totp_secret, totp_enabled, created_at, updated_at) SELECT :e, 'Other Staff', role, "
          "password_hash, 'en', 'UTC', totp_secret, totp_enabled, created_at, updated_at FROM "
          "account WHERE email = :d",
        soci::use(email), soci::use(d.email);
    const ll account = account_id(email);
    db << "INSERT INTO programme_staff (programme_id, account_id) VALUES (:p, :a)",
        soci::use(other.programme), soci::use(account);
    return sign_in(email, d.password, d.totp_secret);
  }
  ll programme_ = 0, cohort_ = 0, other_cohort_ = 0;
};

TEST_F(CallTest, StaffWriteAPublishAndCloseACall) {
  auto c = english("staff");
  auto page = c.get("/calls/new");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "value=\"" + std::to_string(cohort_) + "\""));
  const ll call = create(c);
  ASSERT_GT(call, 0);
  EXPECT_EQ(count("SELECT status = 'draft' FROM call WHERE id = " + std::to_string(call)), 1);
  EXPECT_EQ(count("SELECT closes_at FROM call WHERE id = " + std::to_string(call)), kClosesAt);
  EXPECT_EQ(count("SELECT opens_at FROM call WHERE id = " + std::to_string(call)),
            1772352000);  // 2026-03-01 09:00 Berlin (CET) = 08:00 UTC
  // A cohort has one call: it is no longer offered.
  EXPECT_FALSE(has(c.get("/calls/new").body, "value=\"" + std::to_string(cohort_) + "\""));

  auto res = c.submit(path(call, "/edit"), edit_form());
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 3000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_text WHERE call_id = " + std::to_string(call)), 2);
  std::string blind, title;
  sql().sql() << "SELECT blind_fields FROM call WHERE id = :c", soci::use(call), soci::into(blind);
  EXPECT_EQ(blind, "name,email");
  EXPECT_EQ(count("SELECT reviewers_per_application FROM call WHERE id = " + std::to_string(call)),
            3);
  EXPECT_EQ(count("SELECT conflict_same_country FROM call WHERE id = " + std::to_string(call)), 1);
  EXPECT_EQ(count("SELECT max_bytes FROM call_document WHERE kind = 'support_letter' AND "
                  "required = 0 AND call_id = " +
                  std::to_string(call)),
            2 * 1024 * 1024);
  // The form shows what was saved.
  auto edit = c.get(path(call, "/edit"));
  EXPECT_TRUE(has(edit.body, "Call for cohort 4"));
  EXPECT_TRUE(has(edit.body, "دعوة للدفعة الرابعة"));

  // Questions, a criterion, bounds.
  res = c.submit(path(call, "/questions"), {{"kind", "yes_no"},
                                            {"eligible", "yes"},
                                            {"required", "yes"},
                                            {"label_en", "Do you work on return?"},
                                            {"hint_en", "In your current position."},
                                            {"label_fr", "Travaillez-vous sur le retour ?"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 3000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_question_text"), 2);
  res = c.submit(path(call, "/criteria"), {{"weight", "2.5"},
                                           {"scale_min", "1"},
                                           {"scale_max", "5"},
                                           {"label_en", "Motivation"},
                                           {"guidance_en", "Why now?"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 3000);
  res = c.submit(path(call, "/bounds"),
                 {{"dimension", "route_role"}, {"value", "origin"}, {"min", "8"}, {"max", "12"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 3000);
  res = c.submit(path(call, "/bounds"),
                 {{"dimension", "country"}, {"value", "*"}, {"min", "0"}, {"max", "3"}});
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 3000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_bound"), 2);
  EXPECT_TRUE(has(c.get(path(call, "/bounds")).body, "Each value"));
  // Deleting the second bound (country, by its place in the list).
  res = c.submit(path(call, "/bounds"), {{"dimension", "country"}, {"value", "*"}},
                 path(call, "/bounds/2/delete"));
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_bound WHERE dimension = 'country'"), 0);

  // Not public yet.
  EXPECT_EQ(client().get(path(call)).status, 404);
  EXPECT_FALSE(has(client().get("/calls").body, "Call for cohort 4"));
  res = c.submit(path(call, "/edit"), {}, path(call, "/publish"));
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 3000);
  EXPECT_EQ(count("SELECT status = 'published' FROM call WHERE id = " + std::to_string(call)), 1);
  for (auto [action, n] :
       std::initializer_list<std::pair<const char*, long>>{{"call.create", 1},
                                                           {"call.update", 1},
                                                           {"call.question.add", 1},
                                                           {"call.criterion.add", 1},
                                                           {"call.bound.add", 2},
                                                           {"call.bound.delete", 1},
                                                           {"call.publish", 1}})
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM audit_log WHERE action = '") + action +
                    "' AND entity_id = '" + std::to_string(call) + "'"),
              n)
        << action;

  // Closing: the list no longer has it (the test's clock is past 2026-03-29
  // or not; the status decides), the page says it is closed.
  res = c.submit(path(call, "/edit"), {}, path(call, "/close"));
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT status = 'closed' FROM call WHERE id = " + std::to_string(call)), 1);
  auto closed = client().get(path(call));
  EXPECT_EQ(closed.status, 200);
  EXPECT_TRUE(has(closed.body, "closed"));
  EXPECT_FALSE(has(closed.body, "action=\"/calls/" + std::to_string(call) + "/apply\""));
  EXPECT_FALSE(has(client().get("/calls").body, "Call for cohort 4"));
}

// An open call on the public pages: without an account, in the reader's
// language with fallback, an Apply button, the questions and documents.
TEST_F(CallTest, TheOpenCallsArePublicInTheReadersLanguage) {
  const ll now = std::time(nullptr);
  auto ids = call_insert(sql(),
                         {.programme = programme_,
                          .cohort = cohort_,
                          .opens_at = now - 86400,
                          .closes_at = now + 30 * 86400,
                          .title = "Open call"},
                         now);
  // A call opening later is listed too; a closed one and a draft are not.
  call_insert(sql(),
              {.programme = programme_,
               .cohort = other_cohort_,
               .opens_at = now + 86400,
               .closes_at = now + 40 * 86400,
               .title = "Later call"},
              now);
  const ll cohort2 = count("SELECT id FROM cohort WHERE number = 2 AND programme_id = " +
                           std::to_string(programme_));
  call_insert(sql(),
              {.programme = programme_,
               .cohort = cohort2,
               .status = "draft",
               .opens_at = now - 86400,
               .closes_at = now + 40 * 86400,
               .title = "Draft call"},
              now);
  auto anon = client();
  auto list = anon.get("/calls");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "Open call (en)"));
  EXPECT_TRUE(has(list.body, "Later call (en)"));
  EXPECT_FALSE(has(list.body, "Draft call"));
  // Readable without JavaScript: the cards are plain links.
  EXPECT_TRUE(has(list.body, "<a href=\"/calls/" + std::to_string(ids.call) + "\">"));
  // In Arabic: the Arabic title, right to left.
  auto ar = client();
  ar.submit("/", {{"language", "ar"}, {"next", "/calls"}}, "/language");
  auto arabic = ar.get("/calls");
  EXPECT_TRUE(has(arabic.body, "Open call (ar)"));
  EXPECT_EQ(html_attribute(arabic.body, "dir"), "rtl");
  // Without an Arabic text: English.
  sql().sql() << "DELETE FROM call_text WHERE language = 'ar'";
  EXPECT_TRUE(has(ar.get("/calls").body, "Open call (en)"));
  // Without English either: another language written.
  sql().sql() << "DELETE FROM call_text WHERE language = 'en'";
  EXPECT_TRUE(has(ar.get("/calls").body, "Open call (de)"));

  auto page = anon.get(path(ids.call));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "action=\"/calls/" + std::to_string(ids.call) + "/apply\""));
  EXPECT_TRUE(has(page.body, "Letter of support"));
  EXPECT_TRUE(has(page.body, "Deadline in UTC"));
  // The draft: 404 to everyone but its programme's staff.
  const ll draft = count("SELECT id FROM call WHERE cohort_id = " + std::to_string(cohort2));
  EXPECT_EQ(anon.get(path(draft)).status, 404);
  EXPECT_EQ(sign_in("participant").get(path(draft)).status, 404);
  EXPECT_EQ(other_staff().get(path(draft)).status, 404);
  EXPECT_EQ(english("staff").get(path(draft)).status, 200);
}

// The deadline in the call's zone and the reader's: anonymous readers get
// UTC beside it; a signed-in reader their own zone (New York is on summer
// time by 29 March, Berlin moved that very night).
TEST_F(CallTest, TheDeadlineIsShownInTheCallsZoneAndTheReaders) {
  auto ids = call_insert(sql(),
                         {.programme = programme_,
                          .cohort = cohort_,
                          .opens_at = kClosesAt - 30 * 86400,
                          .closes_at = kClosesAt,
                          .time_zone = "Europe/Berlin"},
                         kClosesAt - 40 * 86400);
  auto anon = client().get(path(ids.call));
  ASSERT_EQ(anon.status, 200);
  EXPECT_TRUE(has(anon.body, "29 Mar 2026, 23:59")) << anon.body;
  EXPECT_TRUE(has(anon.body, "29 Mar 2026, 21:59"));
  EXPECT_TRUE(has(anon.body, "Deadline in UTC"));
  sql().sql() << "UPDATE account SET time_zone = 'America/New_York' WHERE email = :e",
      soci::use(demo("alumnus").email);
  auto signed_in = english("alumnus").get(path(ids.call));
  EXPECT_TRUE(has(signed_in.body, "29 Mar 2026, 23:59"));
  EXPECT_TRUE(has(signed_in.body, "29 Mar 2026, 17:59")) << signed_in.body;
  EXPECT_TRUE(has(signed_in.body, "Deadline in your time zone"));
  EXPECT_FALSE(has(signed_in.body, "Deadline in UTC"));
  // One second before the closing the call is open, at it closed.
  auto call = admissions::call_store::find_call(sql(), ids.call);
  ASSERT_TRUE(call);
  EXPECT_TRUE(admissions::deadline::is_open(*call, kClosesAt - 1));
  EXPECT_FALSE(admissions::deadline::is_open(*call, kClosesAt));
}

struct Bad {
  std::string route;  // after /calls/{id}, or "new"
  Form form;
  std::string field, message;
};

// Every bad input says why on its field, keeps what was typed, and changes
// nothing.
TEST_F(CallTest, BadInputSaysWhyAndChangesNothing) {
  auto c = english("staff");
  const ll call = create(c);
  ASSERT_GT(call, 0);
  // Bounds already there: origin at least 10; each country at most 3.
  ASSERT_EQ(c.submit(path(call, "/bounds"),
                     {{"dimension", "route_role"}, {"value", "origin"}, {"min", "10"}})
                .status,
            303);
  ASSERT_EQ(c.submit(path(call, "/bounds"),
                     {{"dimension", "country"}, {"value", "*"}, {"min", "0"}, {"max", "3"}})
                .status,
            303);
  const std::string long_title(201, 'x');
  const std::vector<Bad> cases = {
      {"new", new_form(0), "cohort", "Choose a cohort of your programme that has no call yet."},
      {"new", new_form(cohort_), "cohort",
       "Choose a cohort of your programme that has no call yet."},  // it has one now
      {"new", with(new_form(other_cohort_), "closes_date", "2026-02-01"), "closes_date",
       "The closing must come after the opening."},
      {"new", with(new_form(other_cohort_), "time_zone", "Mars/Olympus"), "time_zone",
       "Choose a time zone from the list."},
      {"new", with(new_form(other_cohort_), "places", "0"), "places",
       "Enter a whole number from 1 to 1000."},
      {"new", with(new_form(other_cohort_), "opens_date", "2026-02-30"), "opens_date", ""},
      {"/edit", with(edit_form(), "title_en", long_title), "title_en", "At most 200 characters."},
      {"/edit", with(edit_form(), "title_ar", ""), "title_ar",
       "Give the call a title in this language too."},
      {"/edit", with(edit_form(), "reviewers", "1"), "reviewers",
       "Enter a whole number from 2 to 10."},
      {"/edit", with(edit_form(), "retention", "-1"), "retention",
       "Enter a whole number from 0 to 120."},
      {"/edit", with(edit_form(), "max_cv", "0"), "max_cv", "Enter a whole number from 1 to 20."},
      {"/edit", with(edit_form(), "places", "9"), "places",
       "The call's bounds ask for at least 10 people: give at least as many places, or change "
       "the bounds."},
      {"/questions",
       {{"kind", "yes_no"}, {"hint_en", "A hint without a label"}},
       "label_en",
       "Write the label in this language too."},
      {"/questions", {{"kind", "yes_no"}}, "label_en", "Write the label in at least one language."},
      {"/questions",
       {{"kind", "text"}, {"eligible", "yes"}, {"label_en", "Why?"}},
       "eligible",
       "Only a yes/no question has an eligible answer: yes or no."},
      {"/questions",
       {{"kind", "essay"}, {"label_en", "Why?"}},
       "kind",
       "Choose the kind of question."},
      {"/criteria",
       {{"weight", "0"}, {"scale_min", "1"}, {"scale_max", "5"}, {"label_en", "M"}},
       "weight",
       "Enter a weight above 0 and at most 100."},
      {"/criteria",
       {{"weight", "1"}, {"scale_min", "5"}, {"scale_max", "5"}, {"label_en", "M"}},
       "scale_max",
       "The highest score must be above the lowest."},
      {"/bounds",
       {{"dimension", "gender"}, {"value", "female"}, {"min", "8"}, {"max", "4"}},
       "max",
       "The maximum is below the minimum."},
      {"/bounds",
       {{"dimension", "gender"}, {"value", "female"}, {"min", "30"}},
       "min",
       "A minimum of 30 is more than the call's 24 places."},
      {"/bounds",
       {{"dimension", "route_role"}, {"value", "transit"}, {"min", "15"}},
       "min",
       "The minimums of this dimension would add up to 25, more than the call's 24 places."},
      {"/bounds",
       {{"dimension", "country"}, {"value", "MA"}, {"min", "4"}},
       "min",
       "Every value of this dimension has at most 3: a minimum of 4 contradicts it."},
      {"/bounds",
       {{"dimension", "route_role"}, {"value", "*"}, {"min", "0"}, {"max", "5"}},
       "max",
       "A value of this dimension needs at least 10: a maximum of 5 for every value "
       "contradicts it."},
      {"/bounds",
       {{"dimension", "country"}, {"value", "*"}, {"min", "0"}, {"max", "4"}},
       "value",
       "There is a bound for this value already: delete it first."},
      {"/bounds", {{"dimension", "gender"}, {"value", "*"}, {"min", "2"}}, "min", ""},
      {"/bounds",
       {{"dimension", "route_role"}, {"value", "nowhere"}, {"min", "1"}},
       "value",
       "Choose a value that belongs to this dimension."},
      {"/bounds",
       {{"dimension", "religion"}, {"value", "x"}, {"min", "1"}},
       "dimension",
       "Choose what the bound counts."},
      {"/bounds",
       {{"dimension", "gender"}, {"value", "female"}, {"min", "two"}},
       "min",
       "Enter a whole number from 0 to 1000."},
      // Publishing without a title or a criterion; closing a draft.
      {"/publish", {}, "", "Give the call a title in at least one language before publishing it."},
      {"/close", {}, "", "Only a published call can be closed."},
  };
  const std::string before = state();
  for (const auto& bad : cases) {
    const std::string target = bad.route == "new" ? "/calls/new" : path(call, bad.route);
    const std::string page = bad.route == "new" ? "/calls/new"
                             : bad.route == "/publish" || bad.route == "/close"
                                 ? path(call, "/edit")
                                 : path(call, bad.route);
    SCOPED_TRACE(target + " " + bad.field + ": " + bad.message);
    auto res = c.submit(page, bad.form, target);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, "There is a problem"));
    if (!bad.message.empty()) {
      EXPECT_TRUE(has(res.body, web::escape(bad.message)))
          << res.body.substr(std::min(res.body.size(), res.body.find("error-summary")), 800);
    }
    if (!bad.field.empty()) {
      EXPECT_TRUE(has(res.body, "href=\"#f-" + bad.field + "\""));
    }
    // What was typed stays in the form.
    for (const auto& [name, value] : bad.form) {
      if (name.starts_with("label_") || name.starts_with("title_")) {
        EXPECT_TRUE(has(res.body, value)) << name;
      }
    }
    EXPECT_EQ(state(), before);
  }
  // Publishing with a title but no criterion.
  ASSERT_EQ(c.submit(path(call, "/edit"), edit_form()).status, 303);
  const std::string titled = state();
  auto res = c.submit(path(call, "/edit"), {}, path(call, "/publish"));
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "Add at least one review criterion before publishing the call."));
  EXPECT_EQ(state(), titled);
}

// Another programme's staff, participants and visitors: 404 on every staff
// route of a call, and nothing changes.
TEST_F(CallTest, OnlyTheProgrammesStaffWriteItsCalls) {
  auto ids = call_insert(sql(),
                         {.programme = programme_,
                          .cohort = cohort_,
                          .status = "draft",
                          .opens_at = kClosesAt - 30 * 86400,
                          .closes_at = kClosesAt},
                         kClosesAt - 40 * 86400);
  call_bound_insert(sql(), ids.call, "gender", "female", 4, std::nullopt);
  std::vector<Client> outsiders;
  outsiders.push_back(other_staff());
  outsiders.push_back(sign_in("participant"));
  outsiders.push_back(sign_in("lecturer"));
  outsiders.push_back(client());
  const std::string before = state();
  for (size_t i = 0; i < outsiders.size(); ++i) {
    auto& o = outsiders[i];
    // A visitor is sent to the login before a staff page says anything.
    const bool visitor = i + 1 == outsiders.size();
    for (const char* get : {"/edit", "/questions", "/criteria", "/bounds"})
      EXPECT_EQ(o.get(path(ids.call, get)).status, visitor ? 303 : 404) << get;
    EXPECT_EQ(o.get(path(ids.call)).status, 404);
    auto token = csrf_of(o.get("/").body);
    for (const char* post :
         {"/edit", "/questions", "/criteria", "/bounds", "/publish", "/close", "/bounds/1/delete"})
      EXPECT_EQ(o.post(path(ids.call, post), {{"csrf", token},
                                              {"title_en", "Taken"},
                                              {"dimension", "gender"},
                                              {"value", "female"},
                                              {"label_en", "Taken"},
                                              {"weight", "1"},
                                              {"scale_min", "1"},
                                              {"scale_max", "5"}})
                    .status,
                404)
          << post;
    EXPECT_EQ(o.post(path(ids.call, "/criteria/" + std::to_string(ids.criteria[0]) + "/delete"),
                     {{"csrf", token}})
                  .status,
              404);
  }
  Client& other = outsiders.front();
  EXPECT_FALSE(has(other.get("/calls/manage").body, "Call for cohort"));
  EXPECT_FALSE(has(other.get("/calls/new").body, "value=\"" + std::to_string(cohort_) + "\""));
  EXPECT_EQ(sign_in("participant").get("/calls/manage").status, 404);
  auto visitor = client();
  EXPECT_EQ(visitor.submit("/", new_form(other_cohort_), "/calls/new").status, 404);
  EXPECT_EQ(state(), before);
}

// A published call whose deadline has passed and that has applications is
// not reopened by moving its closing: only on purpose ("reopen"), audited.
TEST_F(CallTest, APassedCallWithApplicationsReopensOnlyOnPurpose) {
  const ll now = std::time(nullptr);
  auto ids = call_insert(sql(),
                         {.programme = programme_,
                          .cohort = cohort_,
                          .opens_at = now - 40 * 86400,
                          .closes_at = now - 86400,
                          .time_zone = "UTC"},
                         now - 50 * 86400);
  const ll person = count("SELECT MIN(id) FROM person");
  application_insert(sql(), {.call = ids.call, .person = person}, now - 2 * 86400);
  auto c = english("staff");
  auto edit = c.get(path(ids.call, "/edit"));
  ASSERT_EQ(edit.status, 200);
  EXPECT_TRUE(has(edit.body, "name=\"reopen\""));
  Form f = edit_form();
  f = with(f, "time_zone", "UTC");
  f = with(f, "opens_date", "2020-01-01");
  f = with(f, "closes_date", "2099-12-31");
  // The documents stay as the fixture wrote them (people have applied).
  f = with(f, "max_support_letter", "5");
  f.emplace_back("required_cv", "yes");
  const std::string before = state();
  auto res = c.submit(path(ids.call, "/edit"), f);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "tick &quot;Reopen&quot;")) << res.body.substr(0, 4000);
  EXPECT_EQ(state(), before);
  // Asking for another document once people have applied: refused too.
  res = c.submit(path(ids.call, "/edit"), with(with(f, "reopen", "yes"), "doc_other", "yes"));
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(state(), before);
  res = c.submit(path(ids.call, "/edit"), with(f, "reopen", "yes"));
  ASSERT_EQ(res.status, 303) << res.body.substr(0, 4000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'call.reopen'"), 1);
  EXPECT_GT(count("SELECT closes_at FROM call WHERE id = " + std::to_string(ids.call)), now);
  // The questions cannot change any more either.
  EXPECT_EQ(
      c.submit(path(ids.call, "/questions"), {{"kind", "text"}, {"label_en", "Late?"}}).status,
      422);
}

// The staff list: every call of the programme with its counts of
// applications, and the same as CSV and XLSX.
TEST_F(CallTest, StaffListTheirCallsWithCountsAndExportThem) {
  const ll now = std::time(nullptr);
  auto ids = call_insert(sql(),
                         {.programme = programme_,
                          .cohort = cohort_,
                          .opens_at = now - 86400,
                          .closes_at = now + 86400,
                          .title = "Listed call"},
                         now);
  db::Rows people = (sql().sql().prepare << "SELECT id FROM person ORDER BY id LIMIT 3");
  std::vector<ll> ids_of_people;
  for (const auto& r : people) ids_of_people.push_back(db::get_int64(r, 0));
  ASSERT_EQ(ids_of_people.size(), 3u);
  application_insert(sql(), {.call = ids.call, .person = ids_of_people[0]}, now);
  application_insert(sql(), {.call = ids.call, .person = ids_of_people[1]}, now);
  application_insert(sql(), {.call = ids.call, .person = ids_of_people[2], .status = "draft"}, now);
  auto c = english("staff");
  auto list = c.get("/calls/manage");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "Listed call (en)"));
  EXPECT_TRUE(has(list.body, "2 submitted, 1 started, 0 withdrawn"));
  auto csv = c.get("/calls/manage.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, "Listed call (en)"));
  EXPECT_TRUE(has(csv.body, ",2,0")) << csv.body;
  auto xlsx = c.get("/calls/manage.xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
}

// The demo's calls: four closed calls with texts in four languages and one
// open call for a new cohort 5; loading again adds nothing.
TEST_F(CallTest, TheDemoHasClosedCallsAndOneOpenCall) {
  const ll now = std::time(nullptr);
  demo::load_calls(sql(), now);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call WHERE status = 'closed' AND closes_at < " +
                  std::to_string(now)),
            4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM call_text"), 20);
  EXPECT_EQ(count("SELECT COUNT(*) FROM cohort c JOIN call ON call.cohort_id = c.id WHERE "
                  "c.number = 5"),
            1);
  const std::string once = state();
  demo::load_calls(sql(), now + 60);
  EXPECT_EQ(state(), once);
  // The open call takes applications now, and its bounds agree with each other.
  const ll open = count("SELECT id FROM call WHERE status = 'published'");
  auto call = admissions::call_store::find_call(sql(), open);
  ASSERT_TRUE(call);
  EXPECT_TRUE(admissions::deadline::is_open(*call, now));
  const ll first = count("SELECT MIN(id) FROM call");
  for (ll id : {open, first}) {
    auto bounds = admissions::call_store::list_bounds(sql(), id);
    EXPECT_GE(bounds.size(), 3u);
    auto c = admissions::call_store::find_call(sql(), id);
    std::vector<admissions::Bound> so_far;
    for (const auto& b : bounds) {
      EXPECT_TRUE(admissions::check_bound(b, so_far, c->places).ok())
          << b.dimension << " " << b.value;
      so_far.push_back(b);
    }
    EXPECT_FALSE(admissions::call_store::list_criteria(sql(), id).empty());
  }
  auto page = client().get(path(open));
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "/apply\""));
}

}  // namespace
}  // namespace crm::test

// Programmes from the web: the list of programmes and /programme for every
// role; admins create and edit programmes and choose their team; the team
// adds cohorts. Every route as admin, staff of this and of another
// programme, lecturer, participant, alumnus, stakeholder and visitor; good and
// bad input; and that bad input or a refused request changes nothing.
#include <ctime>

#include "auth/service.hpp"
#include "auth/store.hpp"
#include "auth/totp.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "programme/programmes.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

namespace ps = programme::store;

bool has(const std::string& html, std::string_view s) {
  return html.find(s) != std::string::npos;
}

class ProgrammesAdminTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    demo_id = *ps::find_programme_id(sql(), "crm");
    other = insert_other_programme(sql());
  }

  static std::string path(int64_t id, const std::string& rest = {}) {
    return "/programmes/" + std::to_string(id) + rest;
  }

  // Signs in and reads English (the demo admin and staff read German).
  Client english(std::string_view role) {
    auto c = role == "anonymous" ? client() : sign_in(role);
    auto r = c.submit("/", {{"language", "en"}, {"next", "/"}}, "/language");
    if (r.status != 303)
      throw std::runtime_error("language switch answered " + std::to_string(r.status));
    return c;
  }

  // A staff account on the other programme's team only.
  Client other_staff() {
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    auto id = auth::create_account(sql(), "other.staff@programmes.example", "Other Staff",
                                   auth::Role::staff, "other staff password", "en", now);
    if (!id) throw std::runtime_error("account rejected");
    other_staff_id = *id;
    const std::string secret = auth::new_totp_secret();
    db::Transaction tx(sql());
    auth::store::set_totp(sql(), *id, secret, true, now);
    ps::insert_programme_staff(sql(), other.programme, *id);
    tx.commit();
    return sign_in("other.staff@programmes.example", "other staff password", secret);
  }

  // What these pages may write.
  std::string programme_state() {
    return dump_tables(sql(), {"programme", "programme_text", "programme_country",
                               "programme_funder", "programme_staff", "cohort", "audit_log"});
  }

  static Form valid_programme(const std::string& slug) {
    return {{"slug", slug},
            {"name_en", "Return and Reintegration in the Sahel"},
            {"description_en", "A programme for professionals in the Sahel."},
            {"name_de", "Rückkehr und Reintegration im Sahel"},
            {"description_de", "Ein Lehrgang für Fachleute im Sahel."},
            {"name_fr", ""},
            {"description_fr", ""},
            {"name_ar", "العودة وإعادة الإدماج في الساحل"},
            {"description_ar", ""},
            {"countries_origin", "ml, NE  sn"},
            {"countries_transit", "MA;NE"},
            {"countries_destination", "DE, FR"},
            {"funders", "European Union\n\n  Federal Office for Migration and Refugees  \n"},
            {"anonymity_threshold", "7"}};
  }

  static Form with(Form f, const std::string& name, const std::string& value) {
    for (auto& [k, v] : f)
      if (k == name) {
        v = value;
        return f;
      }
    f.emplace_back(name, value);
    return f;
  }

  static Form valid_cohort(const std::string& number) {
    return {{"number", number},          {"name", "Cohort " + number},
            {"starts_on", "2027-03-01"}, {"ends_on", "2028-02-15"},
            {"status", "open"},          {"regional_focus", "Sahel"},
            {"capacity", "30"},          {"location", "Dakar · Munich"},
            {"semesters", "2"}};
  }

  // Creates a programme as `admin`; returns its id.
  int64_t create(Client& admin, const std::string& slug) {
    auto r = admin.submit("/programmes/new", valid_programme(slug), "/programmes");
    if (r.status != 303) throw std::runtime_error("create answered " + std::to_string(r.status));
    return *ps::find_programme_id(sql(), slug);
  }

  int64_t demo_id = 0;
  OtherProgramme other;
  int64_t other_staff_id = 0;
};

// ------------------------------------------------------------------ pure checks

TEST(ProgrammeChecks, SlugsCountriesDatesAndNumbers) {
  using namespace programme;
  for (const char* good : {"crm", "crm-2027", "a1", "sahel-return-2"})
    EXPECT_TRUE(valid_slug(good)) << good;
  for (const char* bad : {"", "a", "Crm", "crm 2027", "-crm", "crm-", "cr--m", "crm_2027", "crmé",
                          "crm/x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    EXPECT_FALSE(valid_slug(bad)) << bad;

  EXPECT_EQ(parse_countries("ma, sn  TR;ma"), (std::vector<std::string>{"MA", "SN", "TR"}));
  EXPECT_EQ(parse_countries(""), std::vector<std::string>{});
  EXPECT_EQ(parse_countries(" , "), std::vector<std::string>{});
  for (const char* bad : {"XX", "DEU", "D", "DE, XX", "1A", "ÄB"})
    EXPECT_FALSE(parse_countries(bad)) << bad;

  EXPECT_EQ(parse_date("1970-01-01"), 0);
  EXPECT_EQ(parse_date("2026-11-02"), 1793577600);
  EXPECT_EQ(parse_date("2028-02-29"), 1835395200);
  for (const char* bad : {"2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-1-01",
                          "02.11.2026", "2026-11-02T00:00", "", "1899-12-31", "２０２６-11-02"})
    EXPECT_FALSE(parse_date(bad)) << bad;

  EXPECT_EQ(parse_whole("5", 2, 1000), 5);
  EXPECT_EQ(parse_whole("1000", 2, 1000), 1000);
  EXPECT_EQ(parse_whole("١٠٠٠", 2, 1000), 1000);  // Arabic-Indic digits
  EXPECT_EQ(parse_whole("۵", 2, 1000), 5);        // Persian digits
  for (const char* bad : {"1", "1001", "", "-3", "+3", "2.5", "3 ", "abc", "99999999999999999999"})
    EXPECT_FALSE(parse_whole(bad, 2, 1000)) << bad;

  EXPECT_TRUE(fits("ليلى", 4));
  EXPECT_FALSE(fits("ليلى", 3));
  EXPECT_FALSE(fits("a\nb", 10));
  EXPECT_TRUE(fits("a\nb", 10, true));
  EXPECT_FALSE(fits(std::string("a\x01", 2), 10, true));
}

// ------------------------------------------------------------------ list and /programme

TEST_F(ProgrammesAdminTest, EachRoleSeesItsProgrammes) {
  const std::string demo_name = "Circular and Return Migration Management";
  const std::string other_name = "Another programme";
  auto other_team = other_staff();
  struct Case {
    std::string who;
    Client c;
    bool sees_demo, sees_other;
  };
  std::vector<Case> cases;
  cases.push_back({"admin", english("admin"), true, true});
  cases.push_back({"anonymous", client(), true, true});
  cases.push_back({"stakeholder", english("stakeholder"), true, true});
  cases.push_back({"staff", english("staff"), true, false});
  cases.push_back({"other staff", std::move(other_team), false, true});
  cases.push_back({"lecturer", english("lecturer"), true, false});
  cases.push_back({"participant", english("participant"), true, false});
  cases.push_back({"alumnus", english("alumnus"), true, false});
  for (auto& [who, c, sees_demo, sees_other] : cases) {
    SCOPED_TRACE(who);
    auto list = c.get("/programmes");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(has(list.body, "href=\"" + path(demo_id) + "\""), sees_demo);
    EXPECT_EQ(has(list.body, ">" + demo_name + "</bdi>"), sees_demo);
    EXPECT_EQ(has(list.body, "href=\"" + path(other.programme) + "\""), sees_other);
    EXPECT_EQ(has(list.body, ">" + other_name + "</bdi>"), sees_other);
    EXPECT_EQ(has(list.body, "href=\"/programmes/new\""), who == "admin");
    // /programme: their one programme; the list when they see several.
    auto home = c.get("/programme");
    if (sees_demo && sees_other) {
      EXPECT_EQ(home.status, 303);
      EXPECT_EQ(home.location(), "/programmes");
    } else {
      ASSERT_EQ(home.status, 200);
      auto title = [](const std::string& name) { return "<h1><bdi>" + name + "</bdi></h1>"; };
      EXPECT_TRUE(has(home.body, title(sees_demo ? demo_name : other_name)));
    }
    // Each overview stays public.
    EXPECT_EQ(c.get(path(demo_id)).status, 200);
    EXPECT_EQ(c.get(path(other.programme)).status, 200);
  }
  // The menu: admins the list, everyone else their programme.
  auto admin_home = cases[0].c.get("/");
  EXPECT_TRUE(has(admin_home.body, "href=\"/programmes\""));
  EXPECT_FALSE(has(admin_home.body, "href=\"/programme\""));
  auto staff_home = cases[3].c.get("/");
  EXPECT_TRUE(has(staff_home.body, "href=\"/programme\""));
  EXPECT_FALSE(has(staff_home.body, "href=\"/programmes\""));
  EXPECT_TRUE(
      has(cases[3].c.get(path(demo_id)).body, "<a href=\"/programme\" aria-current=\"page\">"));
  // With one programme, /programme is its overview for everyone (as before).
  {
    db::Transaction tx(sql());
    long long gone = other.programme;
    sql().sql() << "DELETE FROM programme WHERE id = :id", soci::use(gone);
    tx.commit();
  }
  for (auto* c : {&cases[0].c, &cases[1].c, &cases[2].c})
    EXPECT_EQ(c->get("/programme").status, 200);
  // Someone who belongs to no programme sees the public one.
  EXPECT_EQ(cases[4].c.get("/programme").status, 200);
  EXPECT_TRUE(has(cases[4].c.get("/programmes").body, "You do not belong to any programme yet."));
}

TEST_F(ProgrammesAdminTest, OverviewLinksToWhatTheActorMayDo) {
  auto admin = english("admin");
  auto page = admin.get(path(demo_id));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "href=\"" + path(demo_id, "/edit") + "\""));
  EXPECT_TRUE(has(page.body, "href=\"" + path(demo_id, "/team") + "\""));
  EXPECT_TRUE(has(page.body, "href=\"" + path(demo_id, "/cohorts/new") + "\""));
  // The demo programme's team: the demo staff member.
  EXPECT_TRUE(has(admin.get(path(demo_id, "/team")).body,
                  "<td data-label=\"Name\"><bdi>Jonas Weber</bdi></td>"));
  auto staff = english("staff");
  page = staff.get(path(demo_id));
  EXPECT_FALSE(has(page.body, "/edit\""));
  EXPECT_FALSE(has(page.body, "/team\""));
  EXPECT_TRUE(has(page.body, "href=\"" + path(demo_id, "/cohorts/new") + "\""));
  EXPECT_FALSE(has(staff.get(path(other.programme)).body, "/cohorts/new\""));
  for (const char* role : {"anonymous", "lecturer", "participant", "alumnus", "stakeholder"}) {
    auto c = english(role);
    auto body = c.get(path(demo_id)).body;
    EXPECT_FALSE(has(body, "/edit\"")) << role;
    EXPECT_FALSE(has(body, "/cohorts/new\"")) << role;
  }
  // The cohort pages lead back to their programme's overview.
  auto cohort = staff.get("/cohorts/" +
                          std::to_string(count("SELECT MIN(id) FROM cohort WHERE programme_id = " +
                                               std::to_string(demo_id))));
  EXPECT_TRUE(has(cohort.body, "<p class=\"breadcrumb\"><a href=\"" + path(demo_id) + "\">"));
  EXPECT_EQ(admin.get("/programmes/0").status, 404);
  EXPECT_EQ(admin.get("/programmes/abc").status, 404);
  EXPECT_EQ(admin.get("/programmes/987654").status, 404);
}

// ------------------------------------------------------------------ create

TEST_F(ProgrammesAdminTest, AdminCreatesAProgramme) {
  auto admin = english("admin");
  auto form = admin.get("/programmes/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "name=\"slug\""));
  EXPECT_TRUE(has(form.body, "name=\"description_ar\""));
  EXPECT_TRUE(has(form.body, "lang=\"ar\""));
  EXPECT_TRUE(has(form.body, "value=\"5\""));  // the default threshold

  auto r = admin.submit("/programmes/new", valid_programme("sahel-2027"), "/programmes");
  ASSERT_EQ(r.status, 303);
  auto id = ps::find_programme_id(sql(), "sahel-2027");
  ASSERT_TRUE(id);
  EXPECT_EQ(r.location(), path(*id));

  auto en = ps::find_programme(sql(), *id, "en");
  EXPECT_EQ(en->name, "Return and Reintegration in the Sahel");
  EXPECT_EQ(en->anonymity_threshold, 7);
  EXPECT_EQ(ps::find_programme(sql(), *id, "de")->name, "Rückkehr und Reintegration im Sahel");
  EXPECT_EQ(ps::find_programme(sql(), *id, "fr")->language, "en");  // no French: English
  EXPECT_EQ(ps::find_programme(sql(), *id, "ar")->name, "العودة وإعادة الإدماج في الساحل");
  EXPECT_EQ(ps::list_programme_texts(sql(), *id).size(), 3u);
  std::string countries;
  for (const auto& c : ps::list_programme_countries(sql(), *id))
    countries += c.role + ":" + c.country + " ";
  EXPECT_EQ(countries,
            "origin:ML origin:NE origin:SN transit:MA transit:NE destination:DE "
            "destination:FR ");
  EXPECT_EQ(
      ps::list_programme_funders(sql(), *id),
      (std::vector<std::string>{"European Union", "Federal Office for Migration and Refugees"}));
  EXPECT_TRUE(ps::list_team(sql(), *id).empty());
  EXPECT_TRUE(ps::list_cohorts(sql(), *id).empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'programme.create' AND "
                  "entity = 'programme' AND entity_id = '" +
                  std::to_string(*id) + "' AND changes LIKE '%sahel-2027%'"),
            1);

  auto overview = admin.get(path(*id));
  ASSERT_EQ(overview.status, 200);
  EXPECT_TRUE(has(overview.body, "The programme has been created."));
  EXPECT_TRUE(has(overview.body, "Return and Reintegration in the Sahel"));
  EXPECT_TRUE(has(overview.body, "Senegal"));
  EXPECT_TRUE(has(overview.body, "Federal Office for Migration and Refugees"));
  EXPECT_TRUE(has(admin.get("/programmes").body, "Return and Reintegration in the Sahel"));
  // Each reader gets their language, English where there is none.
  auto fr = client();
  fr.accept_language = "fr";
  EXPECT_TRUE(has(fr.get(path(*id)).body, "Return and Reintegration in the Sahel"));
  auto ar = client();
  ar.accept_language = "ar";
  EXPECT_TRUE(has(ar.get(path(*id)).body, "العودة وإعادة الإدماج في الساحل"));
  // Without optional fields; the threshold's default.
  Form minimal = {{"slug", "minimal"},
                  {"name_en", "Minimal"},
                  {"description_en", "Only what is required."},
                  {"anonymity_threshold", "5"}};
  ASSERT_EQ(admin.submit("/programmes/new", minimal, "/programmes").status, 303);
  EXPECT_EQ(ps::find_programme(sql(), *ps::find_programme_id(sql(), "minimal"), "en")
                ->anonymity_threshold,
            5);
}

TEST_F(ProgrammesAdminTest, BadProgrammeInputShowsTheFormAgainAndWritesNothing) {
  auto admin = english("admin");
  std::string long_name(201, 'x');
  std::string funders;
  for (int i = 0; i < 21; ++i) funders += "Funder " + std::to_string(i) + "\n";
  struct Bad {
    std::string field, value, message;
  };
  const std::vector<Bad> cases = {
      {"slug", "", "Enter a short name for addresses and files."},
      {"slug", "Sahel 2027", "Use 2 to 40 lowercase letters, digits and single hyphens"},
      {"slug", "-sahel", "Use 2 to 40 lowercase letters, digits and single hyphens"},
      {"slug", "crm", "Another programme already has this short name. Choose another."},
      {"slug", "other", "Another programme already has this short name. Choose another."},
      {"name_en", "", "Enter the programme&#39;s name in English."},
      {"name_en", long_name, "The name is too long (at most 200 characters)."},
      {"description_en", "  ", "Enter a description in English."},
      {"name_de", "", "Enter the name in this language too, or leave both empty."},
      {"countries_origin", "ML, XX", "Use two-letter country codes (ISO 3166)"},
      {"countries_transit", "MAR", "Use two-letter country codes (ISO 3166)"},
      {"countries_destination", "D E U", "Use two-letter country codes (ISO 3166)"},
      {"funders", funders, "Name at most 20 funders."},
      {"funders", long_name, "A funder&#39;s name is too long"},
      {"anonymity_threshold", "1", "Enter a whole number from 2 to 1000."},
      {"anonymity_threshold", "", "Enter a whole number from 2 to 1000."},
      {"anonymity_threshold", "2.5", "Enter a whole number from 2 to 1000."},
      {"anonymity_threshold", "five", "Enter a whole number from 2 to 1000."},
  };
  const auto before = programme_state();
  for (const auto& b : cases) {
    SCOPED_TRACE(b.field + "=" + b.value);
    auto fields = with(valid_programme("sahel-2027"), b.field, b.value);
    auto r = admin.submit("/programmes/new", fields, "/programmes");
    ASSERT_EQ(r.status, 422);
    EXPECT_TRUE(has(r.body, b.message)) << r.body.substr(0, 300);
    // Beside its field, and what was typed is kept.
    EXPECT_TRUE(has(r.body, "id=\"f-" + b.field + "-error\""));
    EXPECT_TRUE(has(r.body, "aria-invalid=\"true\""));
    if (b.field != "slug") {
      EXPECT_TRUE(has(r.body, "value=\"sahel-2027\""));
    }
    EXPECT_TRUE(has(r.body, "Ein Lehrgang für Fachleute im Sahel."));
  }
  // Several problems at once: each beside its field.
  auto r = admin.submit(
      "/programmes/new",
      with(with(valid_programme("Bad Slug"), "name_en", ""), "anonymity_threshold", "0"),
      "/programmes");
  ASSERT_EQ(r.status, 422);
  for (const char* f : {"slug", "name_en", "anonymity_threshold"})
    EXPECT_TRUE(has(r.body, std::string("id=\"f-") + f + "-error\"")) << f;
  EXPECT_FALSE(has(r.body, "id=\"f-description_en-error\""));
  EXPECT_EQ(programme_state(), before);
}

// ------------------------------------------------------------------ edit

TEST_F(ProgrammesAdminTest, AdminEditsAProgramme) {
  auto admin = english("admin");
  const int64_t id = create(admin, "sahel-2027");
  auto form = admin.get(path(id, "/edit"));
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "value=\"Rückkehr und Reintegration im Sahel\""));
  EXPECT_TRUE(has(form.body, "value=\"ML, NE, SN\""));
  EXPECT_TRUE(
      has(form.body, "European Union\nFederal Office for Migration and Refugees</textarea>"));
  EXPECT_TRUE(has(form.body, "value=\"7\""));
  EXPECT_FALSE(has(form.body, "name=\"slug\""));  // fixed once created

  auto fields = valid_programme("attempted-new-slug");
  fields = with(fields, "name_de", "Rückkehr im Sahel");
  fields = with(fields, "name_ar", "");  // Arabic removed
  fields = with(fields, "name_fr", "Retour au Sahel");
  fields = with(fields, "countries_origin", "ML");
  fields = with(fields, "funders", "European Union");
  fields = with(fields, "anonymity_threshold", "10");
  auto r = admin.submit(path(id, "/edit"), fields);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), path(id));
  EXPECT_EQ(ps::find_programme(sql(), id, "de")->name, "Rückkehr im Sahel");
  EXPECT_EQ(ps::find_programme(sql(), id, "fr")->name, "Retour au Sahel");
  EXPECT_EQ(ps::find_programme(sql(), id, "ar")->language, "en");
  EXPECT_EQ(ps::find_programme(sql(), id, "en")->anonymity_threshold, 10);
  EXPECT_EQ(ps::find_programme(sql(), id, "en")->slug, "sahel-2027");
  EXPECT_FALSE(ps::find_programme_id(sql(), "attempted-new-slug"));
  EXPECT_EQ(ps::list_programme_funders(sql(), id), std::vector<std::string>{"European Union"});
  EXPECT_EQ(ps::list_programme_countries(sql(), id).size(), 5u);  // ML; MA, NE; DE, FR
  // The audit entry names what changed, before and after, and nothing else.
  auto changes = [&] {
    std::string c, entity = std::to_string(id);
    sql().sql() << "SELECT changes FROM audit_log WHERE action = 'programme.update' AND "
                   "entity_id = :id",
        soci::use(entity), soci::into(c);
    return c;
  }();
  EXPECT_TRUE(
      has(changes, "\"name_de\":[\"Rückkehr und Reintegration im Sahel\",\"Rückkehr im Sahel\"]"))
      << changes;
  EXPECT_TRUE(has(changes, "\"anonymity_threshold\":[\"7\",\"10\"]"));
  EXPECT_TRUE(has(changes, "\"name_fr\":[\"\",\"Retour au Sahel\"]"));
  EXPECT_TRUE(has(changes,
                  "\"countries\":[\"origin:ML,NE,SN transit:MA,NE destination:DE,FR\","
                  "\"origin:ML transit:MA,NE destination:DE,FR\"]"));
  EXPECT_FALSE(has(changes, "name_en"));

  // Bad input: the form again with what was typed; nothing changes.
  const auto before = programme_state();
  auto bad = admin.submit(path(id, "/edit"),
                          with(with(fields, "name_de", "Neu"), "countries_destination", "ZZ"));
  ASSERT_EQ(bad.status, 422);
  EXPECT_TRUE(has(bad.body, "id=\"f-countries_destination-error\""));
  EXPECT_TRUE(has(bad.body, "value=\"Neu\""));
  EXPECT_TRUE(has(bad.body, "sahel-2027"));
  EXPECT_EQ(programme_state(), before);
  // The demo programme's form holds its four languages.
  auto demo = admin.get(path(demo_id, "/edit"));
  EXPECT_TRUE(has(demo.body, "value=\"إدارة الهجرة الدائرية والعودة\""));
  EXPECT_EQ(admin.get(path(987654, "/edit")).status, 404);
}

// ------------------------------------------------------------------ team

TEST_F(ProgrammesAdminTest, TheTeamAdminsChooseSeesTheProgramme) {
  auto admin = english("admin");
  auto staff = english("staff");
  const int64_t id = create(admin, "sahel-2027");
  const int64_t staff_id = account_id(demo("staff").email);
  const std::string new_name = "Return and Reintegration in the Sahel";

  auto team = admin.get(path(id, "/team"));
  ASSERT_EQ(team.status, 200);
  EXPECT_TRUE(has(team.body, "Nobody is on the team yet."));
  // The choice: staff accounts only.
  EXPECT_TRUE(has(team.body, "<option value=\"" + std::to_string(staff_id) + "\">"));
  EXPECT_FALSE(has(
      team.body, "<option value=\"" + std::to_string(account_id(demo("lecturer").email)) + "\">"));
  EXPECT_FALSE(
      has(team.body, "<option value=\"" + std::to_string(account_id(demo("admin").email)) + "\">"));
  // Not on the team yet: the programme is not the staff member's.
  EXPECT_FALSE(has(staff.get("/programmes").body, new_name));
  EXPECT_EQ(staff.get(path(id, "/cohorts/new")).status, 404);

  auto r = admin.submit(path(id, "/team"), {{"account_id", std::to_string(staff_id)}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), path(id, "/team"));
  EXPECT_TRUE(ps::is_on_team(sql(), id, staff_id));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'programme.team_add' AND "
                  "entity_id = '" +
                  std::to_string(id) + "' AND changes LIKE '%staff@demo.crm.example%'"),
            1);
  team = admin.get(path(id, "/team"));
  EXPECT_TRUE(has(team.body, "The staff member has been added to the team."));
  EXPECT_TRUE(has(team.body, "<bdi>Jonas Weber</bdi>"));
  EXPECT_TRUE(has(team.body, "Every staff account is already on the team."));

  // Now theirs: in their list, /programme sends them to choose, and they add cohorts.
  auto list = staff.get("/programmes");
  EXPECT_TRUE(has(list.body, new_name));
  EXPECT_TRUE(has(list.body, "Circular and Return Migration Management"));
  EXPECT_EQ(staff.get("/programme").location(), "/programmes");
  EXPECT_EQ(staff.get(path(id, "/cohorts/new")).status, 200);
  EXPECT_TRUE(has(staff.get(path(id)).body, "href=\"" + path(id, "/cohorts/new") + "\""));

  // Removal asks first, then removes.
  const std::string remove = path(id, "/team/remove?account=" + std::to_string(staff_id));
  auto confirm = admin.get(remove);
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(has(confirm.body, "Jonas Weber"));
  EXPECT_TRUE(has(confirm.body, "action=\"" + path(id, "/team/remove") + "\""));
  EXPECT_TRUE(ps::is_on_team(sql(), id, staff_id));
  r = admin.submit(remove, {{"account_id", std::to_string(staff_id)}}, path(id, "/team/remove"));
  ASSERT_EQ(r.status, 303);
  EXPECT_FALSE(ps::is_on_team(sql(), id, staff_id));
  EXPECT_TRUE(ps::is_on_team(sql(), demo_id, staff_id));  // the other team stays
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'programme.team_remove' AND "
                  "entity_id = '" +
                  std::to_string(id) + "'"),
            1);
  EXPECT_FALSE(has(staff.get("/programmes").body, new_name));
  EXPECT_EQ(staff.get("/programme").status, 200);
  EXPECT_EQ(staff.get(path(id, "/cohorts/new")).status, 404);
  EXPECT_EQ(
      staff
          .post(path(id, "/cohorts"), with(valid_cohort("1"), "csrf", csrf_of(staff.get("/").body)))
          .status,
      404);
}

TEST_F(ProgrammesAdminTest, OnlyStaffAccountsJoinATeamAndOnlyMembersLeaveIt) {
  auto admin = english("admin");
  auto other_team = other_staff();  // creates a second staff account
  const int64_t staff_id = account_id(demo("staff").email);
  {  // A disabled staff account cannot join either.
    db::Transaction tx(sql());
    long long disabled = other_staff_id;
    sql().sql() << "UPDATE account SET disabled = 1 WHERE id = :id", soci::use(disabled);
    tx.commit();
  }
  EXPECT_FALSE(has(admin.get(path(demo_id, "/team")).body, "Other Staff"));
  const auto before = programme_state();
  struct Bad {
    std::string value, message;
  };
  for (const auto& b :
       std::vector<Bad>{{std::to_string(account_id(demo("lecturer").email)),
                         "Choose a staff account from the list."},
                        {std::to_string(account_id(demo("participant").email)),
                         "Choose a staff account from the list."},
                        {std::to_string(account_id(demo("admin").email)),
                         "Choose a staff account from the list."},
                        {std::to_string(other_staff_id), "Choose a staff account from the list."},
                        {"987654", "Choose a staff account from the list."},
                        {"", "Choose a staff account from the list."},
                        {"abc", "Choose a staff account from the list."},
                        {"-1", "Choose a staff account from the list."},
                        {std::to_string(staff_id), "This staff member is already on the team."}}) {
    SCOPED_TRACE(b.value);
    auto r = admin.submit(path(demo_id, "/team"), {{"account_id", b.value}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(has(r.body, b.message));
  }
  // Removing someone who is not on the team.
  for (const std::string& id :
       {std::to_string(account_id(demo("lecturer").email)), std::to_string(other_staff_id),
        std::string("987654"), std::string("abc")}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(admin.get(path(demo_id, "/team/remove?account=" + id)).status, 404);
    auto r =
        admin.submit(path(demo_id, "/team"), {{"account_id", id}}, path(demo_id, "/team/remove"));
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(has(r.body, "This account is not on the team."));
  }
  EXPECT_EQ(admin.get(path(demo_id, "/team/remove")).status, 404);
  EXPECT_EQ(programme_state(), before);
}

// ------------------------------------------------------------------ cohorts

TEST_F(ProgrammesAdminTest, TheTeamAndAdminsAddCohorts) {
  auto staff = english("staff");
  auto form = staff.get(path(demo_id, "/cohorts/new"));
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "name=\"number\" type=\"text\" value=\"5\""));  // the next number
  EXPECT_TRUE(has(form.body, "type=\"date\""));

  auto r =
      staff.submit(path(demo_id, "/cohorts/new"), valid_cohort("5"), path(demo_id, "/cohorts"));
  ASSERT_EQ(r.status, 303);
  const int64_t id = count("SELECT id FROM cohort WHERE programme_id = " + std::to_string(demo_id) +
                           " AND number = 5");
  ASSERT_GT(id, 0);
  EXPECT_EQ(r.location(), "/cohorts/" + std::to_string(id));
  auto c = ps::find_cohort(sql(), demo_id, id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "Cohort 5");
  EXPECT_EQ(c->starts_on, *programme::parse_date("2027-03-01"));
  EXPECT_EQ(c->ends_on, *programme::parse_date("2028-02-15"));
  EXPECT_EQ(c->status, "open");
  EXPECT_EQ(c->regional_focus, "Sahel");
  EXPECT_EQ(c->capacity, 30);
  EXPECT_EQ(c->location, "Dakar · Munich");
  EXPECT_EQ(c->semesters, 2);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'cohort.create' AND entity_id = '" +
            std::to_string(id) + "'"),
      1);
  auto page = staff.get("/cohorts/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "The cohort has been added."));
  EXPECT_TRUE(has(staff.get(path(demo_id)).body, "Cohort 5"));

  // Admins may too, in any programme; the same number in another programme is fine.
  auto admin = english("admin");
  ASSERT_EQ(admin
                .submit(path(other.programme, "/cohorts/new"), valid_cohort("5"),
                        path(other.programme, "/cohorts"))
                .status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM cohort WHERE number = 5"), 2);
}

TEST_F(ProgrammesAdminTest, BadCohortInputShowsTheFormAgainAndWritesNothing) {
  auto staff = english("staff");
  struct Bad {
    std::string field, value, message;
  };
  const std::vector<Bad> cases = {
      {"number", "1", "This programme already has a cohort with this number. Choose another."},
      {"number", "0", "Enter a whole number from 1 to 999."},
      {"number", "x", "Enter a whole number from 1 to 999."},
      {"name", " ", "Enter the cohort&#39;s name."},
      {"name", std::string(201, 'n'), "The name is too long (at most 200 characters)."},
      {"starts_on", "2027-02-30", "Enter a date such as 2026-11-02."},
      {"starts_on", "01.03.2027", "Enter a date such as 2026-11-02."},
      {"ends_on", "", "Enter a date such as 2026-11-02."},
      {"ends_on", "2027-03-01", "The end must be after the start."},
      {"ends_on", "2026-12-31", "The end must be after the start."},
      {"status", "finished", "Choose a status."},
      {"regional_focus", std::string(201, 'r'), "The regional focus is too long"},
      {"location", std::string(201, 'l'), "The location is too long"},
      {"capacity", "-1", "Enter a whole number from 0 to 10000 (0: not set)."},
      {"capacity", "10001", "Enter a whole number from 0 to 10000 (0: not set)."},
      {"semesters", "0", "Enter a whole number from 1 to 10."},
      {"semesters", "11", "Enter a whole number from 1 to 10."},
  };
  const auto before = programme_state();
  for (const auto& b : cases) {
    SCOPED_TRACE(b.field + "=" + b.value);
    auto r = staff.submit(path(demo_id, "/cohorts/new"), with(valid_cohort("5"), b.field, b.value),
                          path(demo_id, "/cohorts"));
    ASSERT_EQ(r.status, 422);
    EXPECT_TRUE(has(r.body, b.message));
    if (b.field != "status") {
      EXPECT_TRUE(has(r.body, "id=\"f-" + b.field + "-error\""));
    }
    if (b.field != "location") {
      EXPECT_TRUE(has(r.body, "value=\"Dakar · Munich\""));
    }
  }
  EXPECT_EQ(programme_state(), before);
}

// ------------------------------------------------------------------ who may not

TEST_F(ProgrammesAdminTest, EveryoneButAdminsGets404AndChangesNothing) {
  auto other_team = other_staff();
  const std::string staff_id = std::to_string(account_id(demo("staff").email));
  std::vector<std::pair<std::string, Client>> outsiders;
  outsiders.emplace_back("staff", english("staff"));
  outsiders.emplace_back("other programme's staff", std::move(other_team));
  for (const char* role : {"lecturer", "participant", "alumnus", "stakeholder"})
    outsiders.emplace_back(role, english(role));
  outsiders.emplace_back("anonymous", client());

  const auto before = programme_state();
  for (auto& [who, c] : outsiders) {
    SCOPED_TRACE(who);
    const std::string token = csrf_of(c.get("/").body);
    ASSERT_FALSE(token.empty());
    auto post = [&](const std::string& target, Form fields) {
      fields.emplace_back("csrf", token);
      return c.post(target, fields).status;
    };
    // A visitor is asked to log in before any page but the public ones.
    const int hidden = who == "anonymous" ? 303 : 404;
    EXPECT_EQ(c.get("/programmes/new").status, hidden);
    EXPECT_EQ(post("/programmes", valid_programme("intruder")), 404);
    for (int64_t id : {demo_id, other.programme}) {
      SCOPED_TRACE(id);
      EXPECT_EQ(c.get(path(id, "/edit")).status, hidden);
      EXPECT_EQ(post(path(id, "/edit"), valid_programme("x")), 404);
      EXPECT_EQ(c.get(path(id, "/team")).status, hidden);
      EXPECT_EQ(post(path(id, "/team"), {{"account_id", staff_id}}), 404);
      EXPECT_EQ(c.get(path(id, "/team/remove?account=" + staff_id)).status, hidden);
      EXPECT_EQ(post(path(id, "/team/remove"), {{"account_id", staff_id}}), 404);
      // Cohorts: only the programme's own team.
      const bool own_team = (who == "staff" && id == demo_id) ||
                            (who == "other programme's staff" && id == other.programme);
      if (own_team) {
        EXPECT_EQ(c.get(path(id, "/cohorts/new")).status, 200);
      } else {
        EXPECT_EQ(c.get(path(id, "/cohorts/new")).status, hidden);
        EXPECT_EQ(post(path(id, "/cohorts"), valid_cohort("9")), 404);
        // Not even bad input is looked at.
        EXPECT_EQ(post(path(id, "/cohorts"), valid_cohort("1")), 404);
      }
    }
  }
  EXPECT_EQ(programme_state(), before);
}

}  // namespace
}  // namespace crm::test

// Person pages, the own profile with per-field visibility and photo, enrolment
// status changes, organisation pages and merging duplicate records: who sees
// what (and never an email or a hidden field they were not shown), bad input
// that changes nothing, on SQLite and PostgreSQL.
#include <algorithm>
#include <map>
#include <tuple>

#include "core/image.hpp"
#include "db/blob.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "people/store.hpp"
#include "programme/store.hpp"
#include "unit/support/bomb_png.hpp"
#include "unit/support/gradient.hpp"

namespace crm::test {
namespace {

namespace ps = programme::store;

// A 1×1 PNG.
std::string png() {
  static const unsigned char bytes[] = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
      0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x04, 0x00, 0x00,
      0x00, 0xb5, 0x1c, 0x0c, 0x02, 0x00, 0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78,
      0xda, 0x63, 0x64, 0x60, 0x00, 0x00, 0x00, 0x06, 0x00, 0x02, 0x30, 0x81, 0xd0, 0x2f,
      0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

// The start of an x86-64 ELF executable.
std::string elf() {
  std::string s =
      "\x7f"
      "ELF\x02\x01\x01";
  s.append(9, '\0');
  s += std::string("\x03\x00\x3e\x00\x01\x00\x00\x00", 8);
  s.append(200, '\0');
  return s;
}

// What a people request can write (the audit log is checked on its own: every
// sign-in adds to it; photos are compared by their size and type, as
// dump_tables does not read blobs).
const std::vector<std::string> kPeopleTables = {"person", "enrolment", "enrolment_status_history",
                                                "consent", "organisation"};

class PeopleTest : public HttpTest {
 protected:
  int64_t person_of(const std::string& email) {
    return count("SELECT id FROM person WHERE email = '" + email + "'");
  }
  int64_t laila() { return person_of("participant@demo.crm.example"); }
  int64_t arben() { return person_of("alumnus@demo.crm.example"); }
  std::string path(int64_t person) { return "/people/" + std::to_string(person); }
  int64_t cohort_id(int number) {
    return count("SELECT id FROM cohort WHERE number = " + std::to_string(number));
  }
  std::string people_state() {
    std::string out = dump_tables(sql(), kPeopleTables) + "== person_photo\n";
    db::Rows rows =
        (sql().sql().prepare << "SELECT person_id, content_type, length(data), updated_at FROM "
                                "person_photo ORDER BY person_id");
    for (const auto& r : rows)
      out += std::to_string(db::get_int64(r, 0)) + " | " + db::get_text(r, 1) + " | " +
             std::to_string(db::get_int64(r, 2)) + " | " + std::to_string(db::get_int64(r, 3)) +
             "\n";
    return out;
  }
  void set_visible(int64_t person, const std::string& fields) {
    sql().sql() << "UPDATE person SET visible_fields = :v WHERE id = :id", soci::use(fields),
        soci::use(static_cast<long long>(person));
  }
  // Signs in and switches the account to English.
  Client english(const std::string& role) {
    auto c = sign_in(role);
    if (c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language").status != 303)
      throw std::runtime_error("language switch failed");
    return c;
  }
  // A programme of its own with one participant nobody of the demo team belongs to.
  int64_t outside_person() { return insert_other_programme(sql()).person; }
  static bool has(const std::string& html, std::string_view s) {
    return html.find(s) != std::string::npos;
  }
  // The profile form of `c` as the browser would send it, with `changes` applied.
  Form profile_form(Client& c, const Form& changes) {
    Form f = {{"name", "ليلى حداد"},
              {"name_latin", "Layla Haddad"},
              {"country", "LB"},
              {"organisation_id", ""},
              {"position", "Case worker"},
              {"gender", "female"},
              {"gender_self", ""},
              {"languages", "ar, en, fr"},
              {"expertise", "reintegration, return counselling"},
              {"time_zone", "Asia/Beirut"},
              {"bio", "I work on return and reintegration."},
              {"visible", "country"},
              {"visible", "expertise"}};
    (void)c;
    for (const auto& [k, v] : changes) {
      auto it = std::find_if(f.begin(), f.end(), [&](const auto& p) { return p.first == k; });
      if (it != f.end())
        it->second = v;
      else
        f.emplace_back(k, v);
    }
    return f;
  }
};

TEST_F(PeopleTest, StaffSeeEverythingWithTheEnrolmentHistory) {
  auto staff = english("staff");
  auto page = staff.get(path(laila()));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "data-view=\"full\""));
  EXPECT_TRUE(has(page.body, "ليلى حداد"));
  EXPECT_TRUE(has(page.body, "participant@demo.crm.example"));
  EXPECT_TRUE(has(page.body, "Lebanon"));
  EXPECT_TRUE(has(page.body, "href=\"/organisations/"));
  EXPECT_TRUE(has(page.body, "Gender"));
  EXPECT_TRUE(has(page.body, "Female"));
  EXPECT_TRUE(has(page.body, "Signs in to crm"));
  EXPECT_TRUE(has(page.body, "Cohort 3"));
  EXPECT_TRUE(has(page.body, "Admitted"));
  EXPECT_TRUE(has(page.body, "by <bdi>Jonas Weber</bdi>"));  // who admitted her
  EXPECT_TRUE(has(page.body, "action=\"/enrolments/"));      // the status form
  EXPECT_TRUE(has(page.body, path(laila()) + "/merge"));
  // Lecturers see everything too, but change nothing.
  auto lecturer = sign_in("lecturer");
  auto lp = lecturer.get(path(laila()));
  ASSERT_EQ(lp.status, 200);
  EXPECT_TRUE(has(lp.body, "participant@demo.crm.example"));
  EXPECT_TRUE(has(lp.body, "data-enrolment="));
  EXPECT_FALSE(has(lp.body, "action=\"/enrolments/"));
  EXPECT_FALSE(has(lp.body, "/merge"));
  // The cohort page links names to the person pages.
  auto cohort = staff.get("/cohorts/" + std::to_string(cohort_id(3)));
  EXPECT_TRUE(has(cohort.body, "href=\"" + path(laila()) + "\""));
}

TEST_F(PeopleTest, ParticipantsSeeOnlyWhatOthersShowAndNoEmailUnlessAllowed) {
  auto alumnus = english("alumnus");
  auto page = alumnus.get(path(laila()));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "data-view=\"peer\""));
  EXPECT_TRUE(has(page.body, "ليلى حداد"));
  EXPECT_TRUE(has(page.body, "Lebanon"));                      // shown by default
  EXPECT_TRUE(has(page.body, "data-field=\"organisation\""));  // shown by default
  EXPECT_FALSE(has(page.body, "participant@demo.crm.example"));
  EXPECT_FALSE(has(page.body, "data-field=\"email\""));
  EXPECT_FALSE(has(page.body, "Gender"));
  EXPECT_FALSE(has(page.body, "Female"));
  EXPECT_FALSE(has(page.body, "data-enrolment"));
  EXPECT_FALSE(has(page.body, "data-status"));
  EXPECT_FALSE(has(page.body, "Jonas Weber"));
  EXPECT_FALSE(has(page.body, "/merge"));

  // She hides everything: only her name is left.
  set_visible(laila(), "");
  page = alumnus.get(path(laila()));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "ليلى حداد"));
  EXPECT_FALSE(has(page.body, "Lebanon"));
  EXPECT_FALSE(has(page.body, "data-field=\"organisation\""));
  EXPECT_FALSE(has(page.body, "data-field=\"country\""));

  // She allows her email: now it is shown, and nothing else she hid.
  set_visible(laila(), "email");
  page = alumnus.get(path(laila()));
  EXPECT_TRUE(has(page.body, "participant@demo.crm.example"));
  EXPECT_FALSE(has(page.body, "Lebanon"));

  // The participant sees the alumnus the same way (another cohort, same programme).
  auto participant = sign_in("participant");
  auto other = participant.get(path(arben()));
  ASSERT_EQ(other.status, 200);
  EXPECT_FALSE(has(other.body, "alumnus@demo.crm.example"));
  EXPECT_FALSE(has(other.body, "data-enrolment"));
  // Her own page is hers in full, with a link to edit it.
  auto own = participant.get(path(laila()));
  EXPECT_TRUE(has(own.body, "data-view=\"full\""));
  EXPECT_TRUE(has(own.body, "href=\"/profile\""));
}

TEST_F(PeopleTest, StakeholdersAndVisitorsSeeNoPersonalData) {
  auto stakeholder = sign_in("stakeholder");
  for (int64_t id : {laila(), arben(), person_of("staff@demo.crm.example")}) {
    EXPECT_EQ(stakeholder.get(path(id)).status, 404);
    EXPECT_EQ(stakeholder.get(path(id) + "/photo").status, 404);
    EXPECT_EQ(client().get(path(id)).status, 303);  // log in first
  }
  EXPECT_EQ(stakeholder.get("/organisations").status, 404);
  auto org = count("SELECT organisation_id FROM person WHERE id = " + std::to_string(laila()));
  EXPECT_EQ(stakeholder.get("/organisations/" + std::to_string(org)).status, 404);
  EXPECT_EQ(client().get("/organisations/" + std::to_string(org)).status, 303);
  auto cohort = stakeholder.get("/cohorts/" + std::to_string(cohort_id(3)));
  EXPECT_EQ(cohort.status, 404);
}

TEST_F(PeopleTest, StaffOfAnotherProgrammeGet404) {
  int64_t outside = outside_person();
  for (const char* role : {"staff", "lecturer", "participant", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = sign_in(role);
    EXPECT_EQ(c.get(path(outside)).status, 404);
    EXPECT_EQ(c.get(path(outside) + "/merge").status, 404);
  }
  auto admin = sign_in("admin");
  auto page = admin.get(path(outside));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "outside.person@example.org"));
  // Staff cannot change the status of an enrolment in a programme they do not run.
  auto enrolment = count("SELECT id FROM enrolment WHERE person_id = " + std::to_string(outside));
  auto before = people_state();
  auto staff = sign_in("staff");
  EXPECT_EQ(staff
                .submit(path(laila()), {{"status", "graduate"}},
                        "/enrolments/" + std::to_string(enrolment) + "/status")
                .status,
            404);
  EXPECT_EQ(people_state(), before);
}

TEST_F(PeopleTest, StaffChangeAnEnrolmentsStatusAlongTheAllowedPaths) {
  auto enrolment = count("SELECT id FROM enrolment WHERE role = 'participant' AND person_id = " +
                         std::to_string(laila()));
  const std::string action = "/enrolments/" + std::to_string(enrolment) + "/status";
  auto staff = english("staff");
  const long history = count("SELECT COUNT(*) FROM enrolment_status_history");

  // participant -> admitted is not a step: 422, nothing changed.
  auto before = people_state();
  auto bad = staff.submit(path(laila()), {{"status", "admitted"}}, action);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(has(bad.body, "not possible"));
  EXPECT_EQ(people_state(), before);
  EXPECT_EQ(staff.submit(path(laila()), {{"status", "nonsense"}}, action).status, 422);
  EXPECT_EQ(staff.submit(path(laila()), {}, action).status, 422);
  EXPECT_EQ(people_state(), before);

  // Participants, alumni and lecturers cannot change it at all.
  for (const char* role : {"participant", "alumnus", "lecturer"}) {
    auto c = sign_in(role);
    EXPECT_EQ(c.submit("/", {{"status", "graduate"}}, action).status, 404) << role;
  }
  EXPECT_EQ(people_state(), before);

  // Nothing is chosen in advance: a placeholder, and the list is required.
  auto form = staff.get(path(laila()));
  EXPECT_TRUE(has(form.body,
                  "name=\"status\" required=\"required\"><option value=\"\" "
                  "selected=\"selected\">Choose…</option>"));
  EXPECT_EQ(staff.submit(path(laila()), {{"status", ""}}, action).status, 422);
  EXPECT_EQ(people_state(), before);

  // A final status is confirmed first, on a page of its own; nothing changes until then.
  auto ask = staff.submit(path(laila()), {{"status", "graduate"}}, action);
  ASSERT_EQ(ask.status, 200);
  EXPECT_TRUE(has(ask.body, "data-confirm-status=\"graduate\""));
  EXPECT_TRUE(has(ask.body, "name=\"confirm\" value=\"yes\""));
  EXPECT_TRUE(has(ask.body, "From “Taking part” to “Graduate”."));
  EXPECT_EQ(people_state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'enrolment.status'"), 0);
  // Confirmed by another role or for another person's enrolment: still nothing.
  auto lecturer = sign_in("lecturer");
  EXPECT_EQ(lecturer.submit("/", {{"status", "graduate"}, {"confirm", "yes"}}, action).status, 404);
  EXPECT_EQ(people_state(), before);

  auto ok = staff.submit(path(laila()), {{"status", "graduate"}, {"confirm", "yes"}}, action);
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(ok.location(), path(laila()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment WHERE status = 'graduate' AND id = " +
                  std::to_string(enrolment)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment_status_history"), history + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment_status_history WHERE status = 'graduate' AND "
                  "enrolment_id = " +
                  std::to_string(enrolment) +
                  " AND by_account_id = " + std::to_string(account_id(demo("staff").email))),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'enrolment.status' AND "
                  "entity_id = '" +
                  std::to_string(enrolment) + "'"),
            1);
  // A graduate is final.
  EXPECT_EQ(staff.submit(path(laila()), {{"status", "withdrawn"}}, action).status, 422);
  EXPECT_EQ(
      staff.submit(path(laila()), {{"status", "withdrawn"}, {"confirm", "yes"}}, action).status,
      422);
  auto page = staff.get(path(laila()));
  EXPECT_TRUE(has(page.body, "data-status=\"graduate\""));
}

TEST_F(PeopleTest, ParticipantEditsTheirProfile) {
  auto c = english("participant");
  auto page = c.get("/profile");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "participant@demo.crm.example"));
  EXPECT_TRUE(has(page.body, "name=\"visible\" value=\"organisation\" checked"));
  EXPECT_TRUE(has(page.body, "name=\"visible\" value=\"country\" checked"));
  EXPECT_FALSE(has(page.body, "name=\"visible\" value=\"email\" checked"));
  EXPECT_FALSE(has(page.body, "name=\"email\""));  // the login is not edited here
  // The organisations to choose from are those of her country.
  auto her_org = count("SELECT organisation_id FROM person WHERE id = " + std::to_string(laila()));
  EXPECT_TRUE(has(page.body, "<option value=\"" + std::to_string(her_org) + "\" selected"));
  EXPECT_FALSE(has(page.body, "Universität für Weiterbildung Krems"));

  auto res = c.submit("/profile", profile_form(c, {}));
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.location(), "/profile");
  auto p = ps::find_person(sql(), laila());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name_latin, "Layla Haddad");
  EXPECT_EQ(p->organisation_id, 0);
  EXPECT_EQ(p->position, "Case worker");
  EXPECT_EQ(p->languages, "ar,en,fr");
  EXPECT_EQ(p->expertise, "reintegration,return counselling");
  // The time zone is the account's (asked on /account only), whatever the form sent.
  std::string account_zone;
  sql().sql() << "SELECT time_zone FROM account WHERE email = 'participant@demo.crm.example'",
      soci::into(account_zone);
  EXPECT_EQ(p->time_zone, account_zone);
  EXPECT_EQ(p->visible_fields, "country,expertise");
  EXPECT_GT(p->updated_at, 0);
  EXPECT_EQ(p->email, "participant@demo.crm.example");
  // The audit log says what changed, never the values.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.profile_updated'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.profile_updated' AND "
                  "(changes LIKE '%Case worker%' OR changes LIKE '%Layla%' OR changes LIKE "
                  "'%Beirut%')"),
            0);

  // A self-described gender.
  ASSERT_EQ(
      c.submit("/profile", profile_form(c, {{"gender", "self"}, {"gender_self", "non-binary"}}))
          .status,
      303);
  EXPECT_EQ(ps::find_person(sql(), laila())->gender, "non-binary");
  auto again = c.get("/profile");
  EXPECT_TRUE(has(again.body, "<option value=\"self\" selected"));
  EXPECT_TRUE(has(again.body, "value=\"non-binary\""));
}

TEST_F(PeopleTest, BadProfileInputKeepsWhatWasTypedAndChangesNothing) {
  auto c = english("participant");
  auto before = people_state();
  struct Case {
    Form changes;
    const char* field;
  };
  const std::vector<Case> cases = {
      {{{"name", "   "}}, "name"},
      {{{"name", std::string(201, 'a')}}, "name"},
      {{{"country", "XX"}}, "country"},
      {{{"country", "lb"}}, "country"},
      {{{"organisation_id", "987654"}}, "organisation_id"},
      {{{"organisation_id", "abc"}}, "organisation_id"},
      {{{"gender", "robot"}}, "gender"},
      {{{"gender", "self"}, {"gender_self", ""}}, "gender_self"},
      {{{"languages", "ar, klingon"}}, "languages"},
      {{{"expertise", std::string(81, 'x')}}, "expertise"},
      {{{"bio", std::string(2001, 'b')}}, "bio"},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.field);
    auto form = profile_form(c, k.changes);
    form.emplace_back("position", "");  // ignored: the first value counts
    auto res = c.submit("/profile", form);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, "id=\"f-" + std::string(k.field) + "-error\"") ||
                has(res.body, "class=\"field invalid\""));
    // What was typed is still there.
    EXPECT_TRUE(has(res.body, "Case worker"));
    EXPECT_TRUE(has(res.body, "Layla Haddad"));
    EXPECT_EQ(people_state(), before);
  }
}

// The profile offers the organisations of the country saved in it, and the
// person's own; it accepts exactly those, so nobody can enumerate the
// organisations of other countries or programmes by their ids.
TEST_F(PeopleTest, ProfileAcceptsOnlyTheOrganisationsItOffers) {
  auto c = english("participant");
  const int64_t own =
      count("SELECT organisation_id FROM person WHERE id = " + std::to_string(laila()));
  ASSERT_GT(own, 0);
  const int64_t lebanese = count(
      "SELECT MIN(id) FROM organisation WHERE country = 'LB' AND id <> " + std::to_string(own));
  const int64_t austrian = count("SELECT MIN(id) FROM organisation WHERE country = 'AT'");
  const int64_t elsewhere = ps::insert_organisation(sql(), {0, "Elsewhere", "", "SN", "ngo"});
  ASSERT_GT(lebanese, 0);
  ASSERT_GT(austrian, 0);
  auto page = c.get("/profile");
  EXPECT_TRUE(has(page.body, "<option value=\"" + std::to_string(lebanese) + "\""));
  EXPECT_FALSE(has(page.body, "<option value=\"" + std::to_string(austrian) + "\""));

  // Not offered: refused beside the field, nothing changes.
  for (int64_t org : {austrian, elsewhere}) {
    SCOPED_TRACE(org);
    auto before = people_state();
    auto res = c.submit("/profile", profile_form(c, {{"organisation_id", std::to_string(org)}}));
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, "id=\"f-organisation_id-error\""));
    EXPECT_TRUE(has(res.body, "Choose an organisation from the list."));
    EXPECT_TRUE(has(res.body, "Layla Haddad"));  // what was typed stays
    EXPECT_EQ(people_state(), before);
  }
  // Offered: another organisation of her country …
  ASSERT_EQ(
      c.submit("/profile", profile_form(c, {{"organisation_id", std::to_string(lebanese)}})).status,
      303);
  EXPECT_EQ(ps::find_person(sql(), laila())->organisation_id, lebanese);
  // … and her own when she moves to another country; the list follows the
  // country once it is saved.
  ASSERT_EQ(c.submit("/profile", profile_form(c, {{"country", "JO"},
                                                  {"time_zone", "Asia/Amman"},
                                                  {"organisation_id", std::to_string(lebanese)}}))
                .status,
            303);
  EXPECT_EQ(ps::find_person(sql(), laila())->country, "JO");
  EXPECT_EQ(ps::find_person(sql(), laila())->organisation_id, lebanese);
  auto before = people_state();
  EXPECT_EQ(c.submit("/profile",
                     profile_form(c, {{"country", "JO"}, {"organisation_id", std::to_string(own)}}))
                .status,
            422);
  EXPECT_EQ(people_state(), before);
}

// The profile's limits count characters, as its messages say (and as the
// import does): a name of 200 Arabic letters fits, 201 do not.
TEST_F(PeopleTest, ProfileLimitsCountCharactersNotBytes) {
  auto c = english("participant");
  std::string name;
  for (int i = 0; i < 200; ++i) name += "ل";
  ASSERT_EQ(c.submit("/profile", profile_form(c, {{"name", name}})).status, 303);
  EXPECT_EQ(ps::find_person(sql(), laila())->name, name);
  auto before = people_state();
  auto res = c.submit("/profile", profile_form(c, {{"name", name + "ل"}}));
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "at most 200 characters"));
  EXPECT_EQ(people_state(), before);
}

TEST_F(PeopleTest, EveryProblemOfTheProfileIsShownBesideItsField) {
  auto c = english("participant");
  auto before = people_state();
  auto res = c.submit(
      "/profile",
      profile_form(c, {{"country", "XX"}, {"languages", "zz9"}, {"position", "Head of unit"}}));
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "<select id=\"f-country\" name=\"country\" aria-invalid=\"true\""));
  EXPECT_TRUE(has(res.body, "id=\"f-languages-error\""));
  EXPECT_TRUE(has(res.body, "Choose a country."));
  EXPECT_TRUE(has(res.body, "Choose the languages from the list."));
  EXPECT_TRUE(has(res.body, "value=\"Head of unit\""));
  EXPECT_EQ(people_state(), before);
}

// Languages are a choice of their names in the reader's language, sent and
// stored as codes; a code saved before that the list does not offer stays.
TEST_F(PeopleTest, LanguagesAreChosenByName) {
  auto c = english("participant");
  sql().sql() << "UPDATE person SET languages = 'ar,en,lb' WHERE id = " + std::to_string(laila());
  auto page = c.get("/profile");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "<fieldset id=\"f-languages\""));
  EXPECT_TRUE(has(page.body, "value=\"ar\" checked=\"checked\"><label for=\"language-ar\">Arabic"));
  EXPECT_TRUE(has(page.body, "<label for=\"language-de\">German</label>"));
  EXPECT_TRUE(
      has(page.body, "value=\"lb\" checked=\"checked\"><label for=\"language-lb\">Luxembourgish"));
  EXPECT_FALSE(has(page.body, "name=\"languages\" type=\"text\""));
  // Each box is a value of its own; the order of the boxes is kept.
  auto form = profile_form(c, {});
  form.erase(std::remove_if(form.begin(), form.end(),
                            [](const auto& p) { return p.first == "languages"; }),
             form.end());
  for (const char* code : {"ar", "de", "lb"}) form.emplace_back("languages", code);
  ASSERT_EQ(c.submit("/profile", form).status, 303);
  EXPECT_EQ(ps::find_person(sql(), laila())->languages, "ar,de,lb");
  // In German, the names are German.
  ASSERT_EQ(c.submit("/account", {{"language", "de"}, {"next", "/"}}, "/language").status, 303);
  EXPECT_TRUE(has(c.get("/profile").body, "<label for=\"language-de\">Deutsch</label>"));
}

TEST_F(PeopleTest, AccountsWithoutAPersonRecordGetAFriendlyPage) {
  for (const char* role : {"admin", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto c = english(role);
    auto page = c.get("/profile");
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(has(page.body, "has not linked a person record"));
    EXPECT_FALSE(has(page.body, "action=\"/profile\""));
    auto before = people_state();
    EXPECT_EQ(c.submit("/profile", {{"name", "X"}, {"country", "DE"}}).status, 404);
    EXPECT_EQ(people_state(), before);
  }
  EXPECT_EQ(client().get("/profile").status, 303);
}

TEST_F(PeopleTest, PhotoIsSniffedStoredAndShownToWhoMaySeeIt) {
  auto c = english("participant");
  auto token = csrf_of(c.get("/profile").body);
  auto before = people_state();

  // An executable renamed .jpg: refused, nothing stored.
  auto exe = c.post_multipart("/profile/photo", {{"csrf", token}},
                              {{"photo", "holiday.jpg", "image/jpeg", elf()}});
  EXPECT_EQ(exe.status, 422);
  EXPECT_TRUE(has(exe.body, "not a photo"));
  EXPECT_EQ(people_state(), before);
  auto script = c.post_multipart("/profile/photo", {{"csrf", token}},
                                 {{"photo", "me.png", "image/png", "#!/bin/sh\necho hi\n"}});
  EXPECT_EQ(script.status, 422);
  auto none = c.post_multipart("/profile/photo", {{"csrf", token}}, {});
  EXPECT_EQ(none.status, 422);
  // A PNG that says it has 20,000 × 20,000 pixels: refused before decoding.
  auto bomb = c.post_multipart("/profile/photo", {{"csrf", token}},
                               {{"photo", "me.png", "image/png", test::bomb_png(20000, 20000)}});
  EXPECT_EQ(bomb.status, 422);
  EXPECT_TRUE(has(bomb.body, "cannot be read"));
  EXPECT_EQ(people_state(), before);

  // A phone photo: what its camera wrote (here a caption standing for the GPS
  // position) is not kept; the picture is, upright.
  const auto jpeg =
      image::encode(test::gradient(300, 200), 300, 200, "image/jpeg", 6, "crm-home-36.19N-44.01E");
  auto phone = c.post_multipart("/profile/photo", {{"csrf", token}},
                                {{"photo", "IMG_0042.JPG", "image/jpeg", jpeg}});
  ASSERT_EQ(phone.status, 303);
  auto stored = c.get(path(laila()) + "/photo/original");
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body.find("crm-home"), std::string::npos);
  auto original = image::small_copy(stored.body, "image/jpeg");
  ASSERT_TRUE(original.has_value());
  EXPECT_EQ(original->orientation, 6);
  EXPECT_EQ(original->width, 200) << "upright: taller than wide";
  // Pages show the small copy, turned upright and without any metadata.
  auto small = c.get(path(laila()) + "/photo");
  ASSERT_EQ(small.status, 200);
  EXPECT_EQ(small.header("content-type"), "image/jpeg");
  EXPECT_EQ(small.body.find("crm-home"), std::string::npos);
  auto shown = image::small_copy(small.body, "image/jpeg");
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->orientation, 1);
  EXPECT_EQ(shown->width, 200);
  EXPECT_EQ(shown->height, 300);
  // A large photo is shown at most 640 pixels on its long side.
  const auto big = image::encode(test::gradient(1600, 1200), 1600, 1200, "image/jpeg");
  ASSERT_EQ(c.post_multipart("/profile/photo", {{"csrf", token}},
                             {{"photo", "IMG_0043.JPG", "image/jpeg", big}})
                .status,
            303);
  small = c.get(path(laila()) + "/photo");
  shown = image::small_copy(small.body, "image/jpeg");
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->width, image::kSmallSide);
  EXPECT_LT(small.body.size(), c.get(path(laila()) + "/photo/original").body.size() / 4);

  auto ok = c.post_multipart("/profile/photo", {{"csrf", token}},
                             {{"photo", "me.bin", "application/octet-stream", png()}});
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_photo WHERE content_type = 'image/png' AND "
                  "person_id = " +
                  std::to_string(laila())),
            1);
  auto photo = c.get(path(laila()) + "/photo/original");
  ASSERT_EQ(photo.status, 200);
  EXPECT_EQ(photo.header("content-type"), "image/png");
  EXPECT_EQ(photo.header("x-content-type-options"), "nosniff");
  EXPECT_NE(photo.header("cache-control").find("private"), std::string::npos);
  EXPECT_EQ(photo.body, png());
  EXPECT_EQ(c.get(path(laila()) + "/photo").header("content-type"), "image/jpeg");
  EXPECT_TRUE(has(c.get("/profile").body, "/photo\""));
  EXPECT_TRUE(has(c.get("/profile").body, "/photo/original\""));
  // A photo stored before there were small copies: pages show its original.
  sql().sql() << "UPDATE person_photo SET small = NULL";
  EXPECT_EQ(c.get(path(laila()) + "/photo").body, png());

  // Staff see it; the alumnus only once she shows it; stakeholders never.
  EXPECT_EQ(sign_in("staff").get(path(laila()) + "/photo").status, 200);
  auto alumnus = sign_in("alumnus");
  for (const char* copy : {"/photo", "/photo/original"})
    EXPECT_EQ(alumnus.get(path(laila()) + copy).status, 404) << copy;
  EXPECT_FALSE(has(alumnus.get(path(laila())).body, "/photo\""));
  set_visible(laila(), "country,photo");
  EXPECT_EQ(alumnus.get(path(laila()) + "/photo/original").body, png());
  EXPECT_TRUE(has(alumnus.get(path(laila())).body, "/photo\""));
  EXPECT_TRUE(has(alumnus.get(path(laila())).body, "/photo/original\""));
  auto stakeholder = sign_in("stakeholder");
  for (const char* copy : {"/photo", "/photo/original"})
    EXPECT_EQ(stakeholder.get(path(laila()) + copy).status, 404) << copy;

  ASSERT_EQ(c.submit("/profile", {}, "/profile/photo/delete").status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_photo"), 0);
  for (const char* copy : {"/photo", "/photo/original"})
    EXPECT_EQ(c.get(path(laila()) + copy).status, 404) << copy;
}

TEST_F(PeopleTest, HiddenFieldsDisappearFromTheCohortPageAndItsFilters) {
  const std::string cohort = "/cohorts/" + std::to_string(cohort_id(3));
  auto org_id = count("SELECT organisation_id FROM person WHERE id = " + std::to_string(laila()));
  std::string org_name, org_type;
  sql().sql() << "SELECT name, type FROM organisation WHERE id = :id",
      soci::use(static_cast<long long>(org_id)), soci::into(org_name), soci::into(org_type);
  const std::string laila_link = "href=\"" + path(laila()) + "\"";
  auto alumnus = english("alumnus");
  auto shown = alumnus.get(cohort + "?organisation_type=" + org_type);
  EXPECT_TRUE(has(shown.body, laila_link));
  EXPECT_TRUE(has(alumnus.get(cohort + "?country=LB").body, laila_link));

  // She hides her organisation and country.
  set_visible(laila(), "expertise");
  auto page = alumnus.get(cohort);
  ASSERT_EQ(page.status, 200);
  auto row = page.body.find(laila_link);
  ASSERT_NE(row, std::string::npos);
  auto row_end = page.body.find("</tr>", row);
  auto her_row = page.body.substr(row, row_end - row);
  EXPECT_FALSE(has(her_row, org_name));
  EXPECT_FALSE(has(her_row, "Lebanon"));
  // Filters cannot find her by what she hid.
  EXPECT_FALSE(has(alumnus.get(cohort + "?organisation_type=" + org_type).body, laila_link));
  EXPECT_FALSE(has(alumnus.get(cohort + "?country=LB").body, laila_link));
  for (const char* role : {"origin", "transit", "destination"})
    EXPECT_FALSE(has(alumnus.get(cohort + "?route_role=" + role).body, laila_link)) << role;
  // Nor does her organisation's page list her for them.
  auto org_page = alumnus.get("/organisations/" + std::to_string(org_id));
  EXPECT_FALSE(has(org_page.body, laila_link));
  // The programme team still sees and finds everything.
  auto staff = english("staff");
  auto staff_page = staff.get(cohort + "?organisation_type=" + org_type + "&country=LB");
  EXPECT_TRUE(has(staff_page.body, laila_link));
  EXPECT_TRUE(has(staff_page.body, org_name));
  EXPECT_TRUE(has(staff.get("/organisations/" + std::to_string(org_id)).body, laila_link));
}

TEST_F(PeopleTest, OrganisationPages) {
  auto org_id = count("SELECT organisation_id FROM person WHERE id = " + std::to_string(laila()));
  const std::string org = "/organisations/" + std::to_string(org_id);
  auto staff = english("staff");
  auto list = staff.get("/organisations");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "href=\"" + org + "\""));
  const long total = count(
      "SELECT COUNT(DISTINCT o.id) FROM organisation o JOIN person p ON p.organisation_id = o.id "
      "JOIN enrolment e ON e.person_id = p.id");
  EXPECT_TRUE(has(list.body, std::to_string(total) + " organisations"));
  if (total > 25) {
    EXPECT_TRUE(has(list.body, "/organisations?page=2"));
  }
  EXPECT_EQ(sign_in("lecturer").get("/organisations").status, 200);
  EXPECT_EQ(sign_in("admin").get("/organisations").status, 200);
  for (const char* role : {"participant", "alumnus", "stakeholder"})
    EXPECT_EQ(sign_in(role).get("/organisations").status, 404) << role;

  auto page = staff.get(org);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "href=\"" + path(laila()) + "\""));
  EXPECT_TRUE(has(page.body, "Cohort 3"));
  EXPECT_TRUE(has(page.body, "Participant"));  // role and status for the team
  auto alumnus = english("alumnus");
  auto peer = alumnus.get(org);
  ASSERT_EQ(peer.status, 200);
  EXPECT_TRUE(has(peer.body, "href=\"" + path(laila()) + "\""));
  EXPECT_FALSE(has(peer.body, "<th scope=\"col\">Status"));
  EXPECT_EQ(staff.get("/organisations/987654").status, 404);
  // An organisation with nobody in the actor's programmes does not exist for them.
  int64_t outside = outside_person();
  int64_t other_org = ps::insert_organisation(sql(), {0, "Elsewhere", "", "SN", "ngo"});
  sql().sql() << "UPDATE person SET organisation_id = :o WHERE id = :p",
      soci::use(static_cast<long long>(other_org)), soci::use(static_cast<long long>(outside));
  EXPECT_EQ(staff.get("/organisations/" + std::to_string(other_org)).status, 404);
  EXPECT_EQ(sign_in("admin").get("/organisations/" + std::to_string(other_org)).status, 200);
}

TEST_F(PeopleTest, OrganisationListsExportWhatTheyShow) {
  auto org_id = count("SELECT organisation_id FROM person WHERE id = " + std::to_string(laila()));
  const std::string org = "/organisations/" + std::to_string(org_id);
  auto staff = english("staff");
  // The whole list, every page of it: one line per organisation plus the header.
  auto csv = staff.get("/organisations.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  const long total = count(
      "SELECT COUNT(DISTINCT o.id) FROM organisation o JOIN person p ON p.organisation_id = o.id "
      "JOIN enrolment e ON e.person_id = p.id");
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), total + 1);
  auto xlsx = staff.get("/organisations.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  // One organisation's people: the team sees role and status, a peer does not.
  auto people = staff.get(org + "/people.csv");
  ASSERT_EQ(people.status, 200);
  EXPECT_TRUE(has(people.body, "ليلى حداد"));
  EXPECT_TRUE(has(people.body, "Status"));
  auto peer = english("alumnus").get(org + "/people.csv");
  ASSERT_EQ(peer.status, 200);
  EXPECT_FALSE(has(peer.body, "Status"));
  for (const char* role : {"participant", "alumnus", "stakeholder"})
    EXPECT_EQ(sign_in(role).get("/organisations.csv").status, 404) << role;
  EXPECT_EQ(sign_in("stakeholder").get(org + "/people.xlsx").status, 404);
  EXPECT_EQ(staff.get("/organisations/987654/people.csv").status, 404);
}

// Participants and alumni see the people who are or were taking part
// (admitted, participant, graduate; the programme team too while enrolled):
// applicants, people not admitted and people who withdrew are for the team
// only, on the cohort page, its counts, filter and export, the person pages
// and the organisation pages.
TEST_F(PeopleTest, PeersSeeOnlyThoseTakingPart) {
  const int64_t c3 = cohort_id(3), c1 = cohort_id(1);
  const int64_t now = 1767225600;
  int64_t hidden_org = 0, shared_org = 0;
  std::map<std::string, int64_t> ids;
  {
    auto& db = sql();
    db::Transaction tx(db);
    hidden_org = ps::insert_organisation(db, {0, "Hidden Org", "", "IS", "ngo"});
    shared_org = ps::insert_organisation(db, {0, "Shared Org", "", "NO", "ngo"});
    struct Seed {
      const char* name;
      const char* country;
      int64_t org;
      std::vector<std::tuple<int64_t, const char*, const char*>> enrolments;
    };
    const std::vector<Seed> seeds = {
        {"Applicant Asa", "IS", hidden_org, {{c3, "participant", "applicant"}}},
        {"Refused Bjorn", "IS", hidden_org, {{c3, "participant", "not_admitted"}}},
        {"Withdrawn Katla", "IS", shared_org, {{c3, "participant", "withdrawn"}}},
        {"Departed Lecturer", "IS", hidden_org, {{c3, "lecturer", "withdrawn"}}},
        {"Admitted Nora", "NO", shared_org, {{c3, "participant", "admitted"}}},
        {"Teaching Tove", "NO", shared_org, {{c3, "lecturer", "participant"}}},
        {"Returning Rut",
         "NO",
         shared_org,
         {{c1, "participant", "graduate"}, {c3, "participant", "withdrawn"}}},
    };
    for (const auto& seed : seeds) {
      programme::Person p;
      p.name = seed.name;
      p.email = std::string(seed.name).substr(std::string(seed.name).find(' ') + 1) +
                "@peers.example.org";
      p.country = seed.country;
      p.organisation_id = seed.org;
      p.visible_fields = "country,organisation,photo";
      p.created_at = now;
      int64_t id = ps::insert_person(db, p);
      ids[seed.name] = id;
      for (const auto& [cohort, role, status] : seed.enrolments)
        ps::insert_enrolment(db, {0, id, cohort, role, status, now});
      long long photo_person = id, at = now;
      std::string bytes = db::blob_param(db, png());
      db.sql() << "INSERT INTO person_photo (person_id, content_type, data, updated_at) VALUES "
                  "(:p, 'image/png', :d, :t)",
          soci::use(photo_person), soci::use(bytes), soci::use(at);
    }
    tx.commit();
  }
  const std::vector<std::string> hidden = {"Applicant Asa", "Refused Bjorn", "Withdrawn Katla",
                                           "Departed Lecturer", "Returning Rut"};
  const std::string cohort = "/cohorts/" + std::to_string(c3);
  const long taking_part =
      count("SELECT COUNT(*) FROM enrolment WHERE cohort_id = " + std::to_string(c3) +
            " AND status IN ('admitted', 'participant', 'graduate')");
  const long everyone =
      count("SELECT COUNT(*) FROM enrolment WHERE cohort_id = " + std::to_string(c3));
  ASSERT_EQ(everyone, taking_part + 5);

  for (const char* role : {"participant", "alumnus"}) {
    SCOPED_TRACE(role);
    auto c = english(role);
    // The cohort page, every page of it, and its count.
    std::string all;
    for (long n = 1; n <= (taking_part + 24) / 25 + 1; ++n) {
      auto page = c.get(cohort + "?page=" + std::to_string(n));
      ASSERT_EQ(page.status, 200);
      EXPECT_TRUE(has(page.body, std::to_string(taking_part) + " people found"));
      all += page.body;
    }
    for (const auto& name : hidden) EXPECT_FALSE(has(all, name)) << name;
    EXPECT_TRUE(has(all, "Admitted Nora"));
    EXPECT_TRUE(has(all, "Teaching Tove"));
    // The country filter offers no country only they come from, and finds nobody by it.
    EXPECT_FALSE(has(all, "<option value=\"IS\""));
    EXPECT_TRUE(has(all, "<option value=\"NO\""));
    auto iceland = c.get(cohort + "?country=IS");
    EXPECT_TRUE(has(iceland.body, "0 people found"));
    for (const auto& name : hidden) EXPECT_FALSE(has(iceland.body, name)) << name;
    // The export holds what the page shows.
    for (const char* ext : {".csv", ".xlsx"}) {
      auto file = c.get(cohort + "/people" + ext);
      ASSERT_EQ(file.status, 200);
      if (std::string(ext) == ".csv") {
        for (const auto& name : hidden) EXPECT_FALSE(has(file.body, name)) << name;
        EXPECT_TRUE(has(file.body, "Admitted Nora"));
      }
    }
    // Their pages and photos do not exist for peers …
    for (const char* name :
         {"Applicant Asa", "Refused Bjorn", "Withdrawn Katla", "Departed Lecturer"}) {
      EXPECT_EQ(c.get(path(ids[name])).status, 404) << name;
      EXPECT_EQ(c.get(path(ids[name]) + "/photo").status, 404) << name;
    }
    // … unless they take part elsewhere in the programme (a graduate of cohort 1).
    EXPECT_EQ(c.get(path(ids["Returning Rut"])).status, 200);
    EXPECT_TRUE(has(c.get("/cohorts/" + std::to_string(c1) + "?country=NO").body, "Returning Rut"));
    EXPECT_EQ(c.get(path(ids["Admitted Nora"])).status, 200);
    EXPECT_EQ(c.get(path(ids["Teaching Tove"])).status, 200);
    // An organisation of only such people does not exist for peers; another
    // lists only who takes part (and who does in another cohort).
    EXPECT_EQ(c.get("/organisations/" + std::to_string(hidden_org)).status, 404);
    EXPECT_EQ(c.get("/organisations/" + std::to_string(hidden_org) + "/people.csv").status, 404);
    auto shared = c.get("/organisations/" + std::to_string(shared_org));
    ASSERT_EQ(shared.status, 200);
    EXPECT_FALSE(has(shared.body, "Withdrawn Katla"));
    EXPECT_TRUE(has(shared.body, "Admitted Nora"));
    EXPECT_TRUE(has(shared.body, "Returning Rut"));
    auto shared_csv = c.get("/organisations/" + std::to_string(shared_org) + "/people.csv");
    ASSERT_EQ(shared_csv.status, 200);
    EXPECT_FALSE(has(shared_csv.body, "Withdrawn Katla"));
    EXPECT_TRUE(has(shared_csv.body, "Admitted Nora"));
  }

  // The programme team sees everyone enrolled.
  auto staff = english("staff");
  auto iceland = staff.get(cohort + "?country=IS");
  EXPECT_TRUE(has(iceland.body, "4 people found"));
  EXPECT_TRUE(has(staff.get(cohort).body, std::to_string(everyone) + " people found"));
  for (const auto& name : hidden) {
    EXPECT_EQ(staff.get(path(ids[name])).status, 200) << name;
    EXPECT_EQ(staff.get(path(ids[name]) + "/photo").status, 200) << name;
  }
  auto hidden_page = staff.get("/organisations/" + std::to_string(hidden_org));
  ASSERT_EQ(hidden_page.status, 200);
  EXPECT_TRUE(has(hidden_page.body, "Applicant Asa"));
  EXPECT_TRUE(
      has(staff.get("/organisations/" + std::to_string(shared_org)).body, "Withdrawn Katla"));
}

class PeopleMergeTest : public PeopleTest {
 protected:
  // A duplicate of Laila without an account: the same cohort and role (as an
  // applicant), cohort 2 as well, a consent, a photo and fields she left empty.
  int64_t duplicate(const std::string& cohort3_status = "applicant") {
    auto& db = sql();
    db::Transaction tx(db);
    programme::Person p;
    p.name = "Laila Haddad";
    p.email = "laila.h@example.org";
    p.country = "LB";
    p.bio = "Written in the duplicate.";
    p.time_zone = "Asia/Beirut";
    p.created_at = 1767225600;
    int64_t id = ps::insert_person(db, p);
    int64_t e3 = ps::insert_enrolment(db, {0, id, cohort_id(3), "participant", cohort3_status, 1});
    ps::insert_status_change(db, e3, cohort3_status, 5, 0);
    ps::insert_enrolment(db, {0, id, cohort_id(2), "participant", "participant", 1});
    long long pid = id;
    db.sql() << "INSERT INTO consent (person_id, purpose, given_at) VALUES (:p, 'media', 10)",
        soci::use(pid);
    db.sql() << "INSERT INTO person_photo (person_id, content_type, data, updated_at) VALUES "
                "(:p, 'image/png', 'x', 1)",
        soci::use(pid);
    tx.commit();
    return id;
  }
};

TEST_F(PeopleMergeTest, StaffMergeADuplicateAndNothingIsLost) {
  int64_t dup = duplicate();
  int64_t survivor = laila();
  const long history = count("SELECT COUNT(*) FROM enrolment_status_history");
  const long survivor_consents =
      count("SELECT COUNT(*) FROM consent WHERE person_id = " + std::to_string(survivor));
  const long survivor_enrolment_history = count(
      "SELECT COUNT(*) FROM enrolment_status_history h JOIN enrolment e ON e.id = "
      "h.enrolment_id WHERE e.person_id = " +
      std::to_string(survivor));
  auto staff = english("staff");
  // Preview by email: both side by side.
  auto preview = staff.get(path(survivor) + "/merge?other=laila.h%40example.org");
  ASSERT_EQ(preview.status, 200);
  EXPECT_TRUE(has(preview.body, "Laila Haddad"));
  EXPECT_TRUE(has(preview.body, "ليلى حداد"));
  EXPECT_TRUE(has(preview.body, "value=\"" + std::to_string(dup) + "\""));

  auto res = staff.submit(path(survivor) + "/merge?other=" + std::to_string(dup),
                          {{"other", std::to_string(dup)}}, path(survivor) + "/merge");
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(res.location(), path(survivor));

  // Enrolments: cohort 2 moved; cohort 3 joined, keeping her status and both histories.
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment WHERE person_id = " + std::to_string(dup)), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment WHERE person_id = " + std::to_string(survivor)),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment WHERE status = 'participant' AND person_id = " +
                  std::to_string(survivor) + " AND cohort_id = " + std::to_string(cohort_id(3))),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment_status_history"), history);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment_status_history h JOIN enrolment e ON e.id = "
                  "h.enrolment_id WHERE e.person_id = " +
                  std::to_string(survivor)),
            survivor_enrolment_history + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM consent WHERE person_id = " + std::to_string(survivor)),
            survivor_consents + 1);  // her own and the duplicate's media consent
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM person_photo WHERE person_id = " + std::to_string(survivor)), 1);
  // Her empty fields are filled, her own ones kept.
  auto s = ps::find_person(sql(), survivor);
  EXPECT_EQ(s->bio, "Written in the duplicate.");
  EXPECT_EQ(s->time_zone, "Asia/Beirut");
  EXPECT_EQ(s->name, "ليلى حداد");
  EXPECT_EQ(s->email, "participant@demo.crm.example");
  EXPECT_NE(s->account_id, 0);
  // The duplicate keeps nothing and points at her.
  auto d = ps::find_person(sql(), dup);
  EXPECT_EQ(d->merged_into, survivor);
  EXPECT_EQ(d->email, "merged-" + std::to_string(dup) + "@invalid");
  EXPECT_EQ(d->name, "");
  EXPECT_EQ(d->bio, "");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'person.merged' AND changes "
                  "LIKE '%\"duplicate\":" +
                  std::to_string(dup) + "%'"),
            1);
  auto old = staff.get(path(dup));
  EXPECT_EQ(old.status, 301);
  EXPECT_EQ(old.location(), path(survivor));
  EXPECT_EQ(sign_in("stakeholder").get(path(dup)).status, 404);

  // Merging it again, or into itself, is refused.
  auto before = people_state();
  auto again = staff.submit(path(survivor) + "/merge", {{"other", std::to_string(dup)}});
  EXPECT_EQ(again.status, 422);
  auto self = staff.submit(path(survivor) + "/merge", {{"other", std::to_string(survivor)}});
  EXPECT_EQ(self.status, 422);
  EXPECT_EQ(staff.submit(path(survivor) + "/merge", {{"other", "nobody@example.org"}}).status, 422);
  EXPECT_EQ(staff.submit(path(survivor) + "/merge", {{"other", ""}}).status, 422);
  EXPECT_EQ(staff
                .submit(path(survivor) + "/merge", {{"other", std::to_string(survivor)}},
                        path(dup) + "/merge")
                .status,
            422);  // a merged record takes in nothing
  EXPECT_EQ(people_state(), before);
}

TEST_F(PeopleMergeTest, TwoAccountsAreRefusedAndOnlyStaffMerge) {
  int64_t dup = duplicate();
  const int64_t arben_id = arben();
  auto before = people_state();
  auto staff = english("staff");
  // Both Laila and Arben sign in: which account would stay?
  auto both = staff.submit(path(laila()) + "/merge", {{"other", std::to_string(arben_id)}});
  EXPECT_EQ(both.status, 422);
  EXPECT_TRUE(has(both.body, "Both records have an account"));
  EXPECT_EQ(staff.get(path(laila()) + "/merge?other=" + std::to_string(arben_id)).status, 422);
  // Someone of another programme cannot be picked.
  int64_t outside = outside_person();
  before = people_state();
  EXPECT_EQ(staff.submit(path(dup) + "/merge", {{"other", std::to_string(outside)}}).status, 422);
  for (const char* role : {"lecturer", "participant", "alumnus", "stakeholder"}) {
    auto c = sign_in(role);
    EXPECT_EQ(c.get(path(laila()) + "/merge").status, 404) << role;
    EXPECT_EQ(c.submit("/", {{"other", std::to_string(dup)}}, path(laila()) + "/merge").status, 404)
        << role;
  }
  EXPECT_EQ(people_state(), before);

  // With one account between them the merge goes ahead, and the account moves
  // to the surviving record.
  auto res = staff.submit(path(dup) + "/merge", {{"other", std::to_string(arben_id)}});
  ASSERT_EQ(res.status, 303);
  EXPECT_EQ(ps::find_person(sql(), dup)->account_id, account_id(demo("alumnus").email));
  EXPECT_EQ(ps::find_person(sql(), arben_id)->account_id, 0);
}

TEST_F(PeopleMergeTest, TheStatusFurtherAlongWinsAJoinedEnrolment) {
  int64_t dup = duplicate("graduate");
  auto staff = sign_in("staff");
  ASSERT_EQ(staff.submit(path(laila()) + "/merge", {{"other", std::to_string(dup)}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment WHERE status = 'graduate' AND person_id = " +
                  std::to_string(laila()) + " AND cohort_id = " + std::to_string(cohort_id(3))),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment WHERE person_id = " + std::to_string(dup)), 0);
}

TEST_F(PeopleTest, PhotoBytesSurviveTheDatabaseUnchanged) {
  namespace store = people::store;
  using people::PhotoSize;
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte.push_back(static_cast<char>(i));
  every_byte += every_byte;  // NUL and 0xFF twice, in the middle too
  std::string small = every_byte.substr(100) + every_byte.substr(0, 100);
  {
    db::Transaction tx(sql());
    store::save_photo(sql(), laila(), {"image/png", every_byte}, small, 42);
    tx.commit();
  }
  auto back = store::find_photo(sql(), laila(), PhotoSize::original);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->content_type, "image/png");
  EXPECT_EQ(back->data, every_byte);
  auto shown = store::find_photo(sql(), laila(), PhotoSize::shown);
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->content_type, "image/jpeg");
  EXPECT_EQ(shown->data, small);
  {
    db::Transaction tx(sql());
    store::save_photo(sql(), laila(), {"image/webp", "RIFF"}, "JFIF", 43);  // replaces it
    tx.commit();
  }
  EXPECT_EQ(store::find_photo(sql(), laila(), PhotoSize::original)->data, "RIFF");
  EXPECT_EQ(store::find_photo(sql(), laila(), PhotoSize::shown)->data, "JFIF");
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_photo"), 1);
  EXPECT_FALSE(store::find_photo(sql(), arben(), PhotoSize::shown));
}

class PeoplePhotoLimitTest : public PeopleTest {
 protected:
  ServerOptions options() const override {
    auto o = ServerOptions{};
    o.limits.upload_bytes = 3 * 1024 * 1024;
    return o;
  }
};

TEST_F(PeoplePhotoLimitTest, PhotosAboveTwoMegabytesAreRefused) {
  auto c = sign_in("participant");
  auto token = csrf_of(c.get("/profile").body);
  auto before = people_state();
  std::string big = png();
  big.resize(2 * 1024 * 1024 + 1, '\0');
  auto res = c.post_multipart("/profile/photo", {{"csrf", token}},
                              {{"photo", "big.png", "image/png", big}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(people_state(), before);
  big.resize(2 * 1024 * 1024);
  EXPECT_EQ(
      c.post_multipart("/profile/photo", {{"csrf", token}}, {{"photo", "ok.png", "image/png", big}})
          .status,
      303);
}

}  // namespace
}  // namespace crm::test

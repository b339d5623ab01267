// The people import over HTTP on both databases: the upload form, the preview
// with every row's problems, the commit (all rows or none, once), who may do
// it, and that refused files and refused commits change nothing.
#include <ctime>

#include "auth/service.hpp"
#include "auth/store.hpp"
#include "auth/totp.hpp"
#include "http/support/import_test_base.hpp"

namespace crm::test {
namespace {

class ImportTest : public ImportTestBase {
 protected:
  HttpResponse upload(Client& c, int cohort, const std::string& csv,
                      const std::string& filename = "people.csv") {
    return post_upload(c, cohort, csv, filename);
  }
  // Everything an import writes, except the stored uploads (counted apart).
  std::string people_state() {
    return dump_tables(sql(), {"organisation", "person", "enrolment", "enrolment_status_history",
                               "audit_log", "account"});
  }
};

const std::string kGood =
    "email;Name;name_latin;country;organisation;organisation_latin;organisation_type;position;"
    "gender;status\r\n"
    "rana.haddad@import.example;رنا حداد;Rana Haddad;lb;جمعية الأيادي;Mains Unies;ngo;"
    "\"Counsellor; returns\";female;admitted\r\n"
    "Kofi.Mensah@Import.example;Kofi Mensah;;GH;IOM Ghana;;international;Officer;male;\r\n"
    "emre.kaya@import.example;Emre Kaya;;TR;;;;;;participant\r\n";

TEST_F(ImportTest, GoodImportCreatesPeopleOrganisationsAndEnrolments) {
  auto c = staff();
  auto cohort = c.get("/cohorts/" + std::to_string(cohort_id(3)));
  EXPECT_TRUE(has(cohort.body, "href=\"" + import_path(3) + "\""));
  auto form = c.get(import_path(3));
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "enctype=\"multipart/form-data\""));
  EXPECT_TRUE(has(form.body, "accept=\".csv,text/csv\""));
  EXPECT_TRUE(has(form.body, "<progress"));

  const long people = count("SELECT COUNT(*) FROM person");
  const auto before = people_state();
  auto up = upload(c, 3, kGood, "Kohorte 3 – neu.csv");
  ASSERT_EQ(up.status, 303);
  const std::string preview = up.location();
  ASSERT_TRUE(preview.starts_with("/imports/"));
  EXPECT_EQ(people_state(), before);  // the preview writes the upload alone
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_import WHERE committed_at IS NULL"), 1);

  auto page = c.get(preview);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "Kohorte 3 – neu.csv"));
  EXPECT_TRUE(has(page.body, "3 new people"));
  EXPECT_TRUE(has(page.body, "0 problems"));
  EXPECT_FALSE(has(page.body, "data-column="));
  auto done = c.submit(preview, {}, preview + "/commit");
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.location(), preview);
  // The commit is a job: until it has run, the page shows its progress and,
  // without JavaScript, reloads itself; nothing is imported yet.
  EXPECT_EQ(people_state().find("rana.haddad"), std::string::npos);
  auto waiting = c.get(preview);
  ASSERT_EQ(waiting.status, 200);
  EXPECT_TRUE(has(waiting.body, "data-job-state=\"queued\""));
  EXPECT_TRUE(
      has(waiting.body, "<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>"));
  EXPECT_TRUE(has(waiting.body, "<progress"));
  EXPECT_FALSE(has(waiting.body, "/commit\""));
  // A reader who asked it to stop refreshing gets the page without the reload.
  EXPECT_FALSE(has(c.get(preview + "?refresh=off").body, "http-equiv"));
  EXPECT_EQ(run_jobs(), 1);
  auto lebanon = c.get("/cohorts/" + std::to_string(cohort_id(3)) + "?country=LB");
  EXPECT_TRUE(has(lebanon.body, "رنا حداد"));

  EXPECT_EQ(count("SELECT COUNT(*) FROM person"), people + 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE email = 'kofi.mensah@import.example' AND "
                  "country = 'GH' AND gender = 'male'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person p JOIN organisation o ON o.id = p.organisation_id "
                  "WHERE p.email = 'rana.haddad@import.example' AND o.country = 'LB' AND "
                  "o.type = 'ngo' AND o.name_latin = 'Mains Unies' AND p.position = "
                  "'Counsellor; returns' AND p.name_latin = 'Rana Haddad'"),
            1);
  // "IOM Ghana" exists in the demo: matched by country and name, not created twice.
  EXPECT_EQ(count("SELECT COUNT(*) FROM organisation WHERE name = 'IOM Ghana'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE email = 'emre.kaya@import.example' AND "
                  "organisation_id IS NULL AND gender IS NULL"),
            1);
  const long staff_id = account_id(demo("staff").email);
  for (auto [email, status] : {std::pair{"rana.haddad@import.example", "admitted"},
                               {"kofi.mensah@import.example", "applicant"},
                               {"emre.kaya@import.example", "participant"}}) {
    SCOPED_TRACE(email);
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM enrolment e JOIN person p ON p.id = "
                                "e.person_id JOIN enrolment_status_history h ON h.enrolment_id "
                                "= e.id WHERE p.email = '") +
                    email + "' AND e.cohort_id = " + std::to_string(cohort_id(3)) +
                    " AND e.role = 'participant' AND e.status = '" + status + "' AND h.status = '" +
                    status + "' AND h.by_account_id = " + std::to_string(staff_id)),
              1);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'people.imported' AND "
                  "changes NOT LIKE '%@%' AND changes LIKE '%3%' AND actor_id = " +
                  std::to_string(staff_id)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'people.import_started' AND "
                  "actor_id = " +
                  std::to_string(staff_id)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'import.commit' AND state = 'done' AND "
                  "progress_done = 3 AND progress_total = 3"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_import WHERE committed_at IS NOT NULL"), 1);
  // The preview now says it is done and offers no second commit.
  auto again = c.get(preview);
  EXPECT_TRUE(has(again.body, "data-committed"));
  EXPECT_FALSE(has(again.body, "/commit\""));
  EXPECT_FALSE(has(again.body, "http-equiv"));
}

TEST_F(ImportTest, EmailInCrmIsAnUpdateAndEnrolledPersonGetsANewStatus) {
  auto c = staff();
  const std::string email = email_in_cohort(3);
  ASSERT_FALSE(email.empty());
  const long people = count("SELECT COUNT(*) FROM person");
  const std::string csv = "email,name,country,position,status\n" + email +
                          ",Updated Name,DE,Head of returns,graduate\n"
                          "new.one@import.example,New One,IT,,\n";
  auto up = upload(c, 3, csv);
  ASSERT_EQ(up.status, 303);
  auto page = c.get(up.location());
  EXPECT_TRUE(has(page.body, "1 new person"));
  EXPECT_TRUE(has(page.body, "1 update of a person already in crm"));
  EXPECT_TRUE(has(page.body, "data-action=\"update\""));
  EXPECT_TRUE(has(page.body, "0 problems"));
  ASSERT_EQ(c.submit(up.location(), {}, up.location() + "/commit").status, 303);
  EXPECT_EQ(run_jobs(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person"), people + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE email = '" + email +
                  "' AND name = 'Updated Name' AND position = 'Head of returns' AND "
                  "country = 'DE'"),
            1);
  // Still one enrolment, now "graduate", with the change in its history.
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment e JOIN person p ON p.id = e.person_id WHERE "
                  "p.email = '" +
                  email + "' AND e.cohort_id = " + std::to_string(cohort_id(3))),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolment e JOIN person p ON p.id = e.person_id JOIN "
                  "enrolment_status_history h ON h.enrolment_id = e.id WHERE p.email = '" +
                  email + "' AND e.status = 'graduate' AND h.status = 'graduate'"),
            1);
}

TEST_F(ImportTest, MalformedFilesAreRefusedAndNothingIsStored) {
  auto c = staff();
  const auto before = people_state();
  struct Case {
    const char* name;
    std::string csv;
    const char* message;
  };
  const Case cases[] = {
      {"latin-1", "email,name,country\nm@import.example,M\xFCller,DE\n", "not UTF-8"},
      {"utf-16",
       std::string("\xFF\xFE"
                   "e\0m\0",
                   6),
       "not UTF-8"},
      {"unterminated quote", "email,name,country\na@import.example,\"Anna,DE\n",
       "a closing quote is missing"},
      {"wrong field count", "email,name,country\na@import.example,Anna\n",
       "Row 1 has 2 fields; the header line has 3."},
      {"empty", "", "Choose a CSV file."},
      {"header only", "email,name,country\n", "header line but no rows"},
      {"no email column", "mail,name,country\na@import.example,Anna,DE\n", "no column email"},
      {"column twice", "email,Email,name,country\na,b,Anna,DE\n", "appears twice"},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.name);
    auto res = upload(c, 3, k.csv);
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(has(res.body, k.message)) << res.body.substr(0, 200);
    EXPECT_TRUE(has(res.body, "aria-invalid=\"true\""));
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_import"), 0);
  EXPECT_EQ(people_state(), before);
}

TEST_F(ImportTest, RowProblemsAreShownByRowAndColumnAndBlockTheCommit) {
  auto c = staff();
  const std::string taken = email_in_cohort(3);
  const std::string csv =
      "email,name,country,organisation_type,status,favourite colour\n"
      "ok.one@import.example,Ok One,DE,,,blue\n"         // 1
      ",No Email,DE,,,\n"                                // 2
      "not-an-email,Bad Email,DE,,,\n"                   // 3
      "twice@import.example,Twice A,XX,,,\n"             // 4: unknown country
      "twice@import.example,Twice B,TR,club,married,\n"  // 5: duplicate, type, status
      + taken +
      ",Known Person,AL,,,\n"           // 6: an update, not a problem
      "no.name@import.example,,,,,\n";  // 7
  auto up = upload(c, 3, csv);
  ASSERT_EQ(up.status, 303);
  const auto before = people_state();
  auto page = c.get(up.location());
  ASSERT_EQ(page.status, 200);
  for (const char* cell :
       {"data-row=\"2\" data-column=\"email\"", "data-row=\"3\" data-column=\"email\"",
        "data-row=\"4\" data-column=\"country\"", "data-row=\"4\" data-column=\"email\"",
        "data-row=\"5\" data-column=\"email\"", "data-row=\"5\" data-column=\"organisation_type\"",
        "data-row=\"5\" data-column=\"status\"", "data-row=\"7\" data-column=\"name\"",
        "data-row=\"7\" data-column=\"country\""})
    EXPECT_TRUE(has(page.body, cell)) << cell;
  EXPECT_FALSE(has(page.body, "data-row=\"1\" data-column"));
  EXPECT_FALSE(has(page.body, "data-row=\"6\" data-column"));
  EXPECT_TRUE(has(page.body, "data-row=\"6\" data-action=\"update\""));
  EXPECT_TRUE(has(page.body, "The same email is also on row 5."));
  EXPECT_TRUE(has(page.body, "The same email is also on row 4."));
  EXPECT_TRUE(has(page.body, "Email is missing."));
  EXPECT_TRUE(has(page.body, "Unknown country code"));
  EXPECT_TRUE(has(page.body, "favourite colour"));  // reported as unknown, not an error
  EXPECT_TRUE(has(page.body, "9 problems"));
  EXPECT_FALSE(has(page.body, "/commit\""));  // no commit button

  // Posting the commit anyway changes nothing.
  auto res = c.post(up.location() + "/commit", {{"csrf", csrf_of(page.body)}});
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "data-row=\"4\" data-column=\"country\""));
  EXPECT_EQ(people_state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_import WHERE committed_at IS NULL"), 1);
}

// Every imported field keeps to the limits of the profile (in characters, so
// a long Arabic name fits as a Latin one does); a row over them is a problem
// of its row and column, and the import is refused as a whole.
TEST_F(ImportTest, FieldsOverTheProfilesLimitsAreProblemsAndNothingIsImported) {
  auto c = staff();
  auto repeat = [](std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  const std::string csv =
      "email,name,name_latin,country,organisation,organisation_latin,position,gender\n"
      // 1: at the limits, in Arabic (two bytes a letter): fine
      "at.limit@import.example," +
      repeat("ب", 200) + "," + repeat("b", 200) + ",LB," + repeat("م", 200) + "," +
      repeat("m", 200) + "," + repeat("و", 200) + "," + repeat("g", 100) + "\n" +
      // 2: one character over each limit
      "over.limit@import.example," + repeat("ب", 201) + "," + repeat("b", 201) + ",LB," +
      repeat("م", 201) + "," + repeat("m", 201) + "," + repeat("و", 201) + "," + repeat("g", 101) +
      "\n" +
      // 3: a name of 100 KB
      "huge@import.example," + repeat("x", 100 * 1024) + ",,DE,,,,\n" +
      // 4: a line break and a tab inside fields
      "breaks@import.example,\"Anna\nBerg\",,DE,\"Org\tName\",,,\n";
  auto up = upload(c, 3, csv);
  ASSERT_EQ(up.status, 303);
  const auto before = people_state();
  auto page = c.get(up.location());
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(has(page.body, "data-row=\"1\" data-column"));
  for (const char* column :
       {"name", "name_latin", "organisation", "organisation_latin", "position", "gender"})
    EXPECT_TRUE(has(page.body, "data-row=\"2\" data-column=\"" + std::string(column) + "\""))
        << column;
  EXPECT_TRUE(has(page.body, "data-row=\"3\" data-column=\"name\""));
  EXPECT_TRUE(has(page.body, "data-row=\"4\" data-column=\"name\""));
  EXPECT_TRUE(has(page.body, "data-row=\"4\" data-column=\"organisation\""));
  EXPECT_TRUE(has(page.body, "Too long: at most 200 characters."));
  EXPECT_TRUE(has(page.body, "Too long: at most 100 characters."));
  EXPECT_TRUE(has(page.body, "Line breaks and other control characters are not allowed here."));
  EXPECT_TRUE(has(page.body, "9 problems"));
  EXPECT_FALSE(has(page.body, repeat("x", 1000)));  // the page does not echo the huge value
  EXPECT_FALSE(has(page.body, "/commit\""));

  auto res = c.post(up.location() + "/commit", {{"csrf", csrf_of(page.body)}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(people_state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE email LIKE '%@import.example'"), 0);
}

TEST_F(ImportTest, SecondCommitIsRefused) {
  auto c = staff();
  auto up = upload(c, 2, "email,name,country\nonce@import.example,Once Only,SN\n");
  ASSERT_EQ(up.status, 303);
  auto page = c.get(up.location());
  const std::string token = csrf_of(page.body);
  ASSERT_EQ(c.post(up.location() + "/commit", {{"csrf", token}}).status, 303);
  // Asked again while its job waits: still the one job.
  ASSERT_EQ(c.post(up.location() + "/commit", {{"csrf", token}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'import.commit'"), 1);
  EXPECT_EQ(run_jobs(), 1);
  const auto before = people_state();
  auto again = c.post(up.location() + "/commit", {{"csrf", token}});
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(has(again.body, "already been imported"));
  EXPECT_EQ(people_state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE email = 'once@import.example'"), 1);
}

// The commit runs as a job with the rights its starter has when it runs: a
// staff member taken off the programme's team meanwhile imports nothing, and
// the page says that the import stopped.
TEST_F(ImportTest, TheCommitJobKeepsToTheImportersProgrammeWhenItRuns) {
  auto c = staff();
  auto up = upload(c, 3, "email,name,country\nlate@import.example,Late Comer,DE\n");
  ASSERT_EQ(up.status, 303);
  ASSERT_EQ(c.submit(up.location(), {}, up.location() + "/commit").status, 303);
  const long long staff_id = account_id(demo("staff").email);
  sql().sql() << "DELETE FROM programme_staff WHERE account_id = :a", soci::use(staff_id);
  const auto before = people_state();
  EXPECT_EQ(run_jobs(), 1);
  EXPECT_EQ(people_state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_import WHERE committed_at IS NULL"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'import.commit' AND state = 'failed' AND "
                  "last_error LIKE '%may no longer import%'"),
            1);
  auto admin = sign_in("admin");
  auto page = admin.get(up.location());
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "data-job-failed"));
  EXPECT_FALSE(has(page.body, "/commit\""));
  EXPECT_FALSE(has(page.body, "http-equiv"));
}

// A commit job that failed for a reason of the server's own (its attempts
// used up on a database fault): the importer reads that something went wrong
// and nothing was saved, not the server's words, which administrators see.
TEST_F(ImportTest, AServerFailureOfTheCommitJobIsNotShownInItsOwnWordsToTheImporter) {
  auto c = staff();
  auto up = upload(c, 3, "email,name,country\nfault@import.example,Fault Line,DE\n");
  ASSERT_EQ(up.status, 303);
  ASSERT_EQ(c.submit(up.location(), {}, up.location() + "/commit").status, 303);
  sql().sql() << "UPDATE job SET state = 'failed', attempts = 3, last_error = 'SQLite: disk I/O "
                 "error at /var/lib/crm/crm.db'";
  auto page = c.get(up.location());
  EXPECT_TRUE(has(page.body, "data-job-failed"));
  EXPECT_TRUE(has(page.body, "Something went wrong on the server"));
  EXPECT_FALSE(has(page.body, "/var/lib/crm"));
  auto admin = sign_in("admin");
  EXPECT_TRUE(has(admin.get("/admin/jobs?state=failed").body, "/var/lib/crm/crm.db"));
}

// crm changed between the preview and the job: the job checks every row
// again inside its transaction and imports nothing when one has a problem.
TEST_F(ImportTest, ProblemsThatAppearBeforeTheJobRunsStopTheWholeImport) {
  auto c = staff();
  auto up = upload(c, 3,
                   "email,name,country\nfine@import.example,Fine One,DE\n"
                   "twice.later@import.example,Twice Later,TR\n");
  ASSERT_EQ(up.status, 303);
  ASSERT_EQ(c.submit(up.location(), {}, up.location() + "/commit").status, 303);
  // Meanwhile two records of the programme come to share the second address.
  // soci keeps references to what it binds: no temporaries below.
  const long long cohort = cohort_id(3);
  for (const std::string name : {"Twin A", "Twin B"}) {
    long long person = 0;
    sql().sql() << "INSERT INTO person (name, email, country, created_at) VALUES (:n, "
                   "'twice.later@import.example', 'TR', 0) RETURNING id",
        soci::use(name), soci::into(person);
    sql().sql() << "INSERT INTO enrolment (person_id, cohort_id, role, status, created_at) VALUES "
                   "(:p, :c, 'participant', 'participant', 0)",
        soci::use(person), soci::use(cohort);
  }
  const auto before = people_state();
  EXPECT_EQ(run_jobs(), 1);
  EXPECT_EQ(people_state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE email = 'fine@import.example'"), 0);
  auto page = c.get(up.location());
  EXPECT_TRUE(has(page.body, "The import stopped and nothing was saved: The file has problems"));
  EXPECT_TRUE(has(page.body, "data-row=\"2\" data-column=\"email\""));  // the preview shows why
}

TEST_F(ImportTest, OnlyTheProgrammesStaffAndAdminsMayImport) {
  // The uploader's import, seen by others.
  auto owner = staff();
  auto up = upload(owner, 3, "email,name,country\nseen@import.example,Seen Not,TR\n");
  ASSERT_EQ(up.status, 303);
  const std::string preview = up.location();

  // Staff of another programme: not on this programme's team.
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  auto id = auth::create_account(sql(), "other.staff@import.example", "Other Staff",
                                 auth::Role::staff, "other staff password", "en", now);
  ASSERT_TRUE(id);
  const std::string secret = auth::new_totp_secret();
  {
    db::Transaction tx(sql());
    auth::store::set_totp(sql(), *id, secret, true, now);
    tx.commit();
  }
  auto other = sign_in("other.staff@import.example", "other staff password", secret);
  std::vector<std::pair<std::string, Client>> outsiders;
  outsiders.emplace_back("other programme's staff", std::move(other));
  for (const char* role : {"participant", "lecturer", "alumnus", "stakeholder"})
    outsiders.emplace_back(role, sign_in(role));
  outsiders.emplace_back("anonymous", client());

  const auto before = people_state();
  for (auto& [who, c] : outsiders) {
    SCOPED_TRACE(who);
    const int hidden = who == "anonymous" ? 303 : 404;  // a visitor: log in first
    EXPECT_EQ(c.get(import_path(3)).status, hidden);
    EXPECT_EQ(c.get(preview).status, hidden);
    const std::string token = csrf_of(c.get("/").body);
    EXPECT_EQ(c.post_multipart(import_path(3), {{"csrf", token}},
                               {{"file", "p.csv", "text/csv", "email,name,country\nx@y.z,X,DE\n"}})
                  .status,
              404);
    EXPECT_EQ(c.post(preview + "/commit", {{"csrf", token}}).status, 404);
  }
  EXPECT_EQ(people_state(), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person_import"), 1);

  // An admin may, in every programme.
  auto admin = sign_in("admin");
  EXPECT_EQ(admin.get(preview).status, 200);
  EXPECT_EQ(admin.get("/imports/999999").status, 404);
}

}  // namespace
}  // namespace crm::test

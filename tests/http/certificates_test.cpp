// Certificates (issue 10 §5), on SQLite and PostgreSQL: the PDF read back with
// poppler (pdftotext: the Arabic name in logical order, the Latin form, the
// German and English text; pdftoppm: a page that is not blank) and its QR
// code decoded by zbarimg to exactly the verification URL; the public
// verification page and what it leaves out; issuing only to those complete
// (the missing piece named, nothing stored); revoking with a reason and
// issuing again; who gets 404; the bulk job; erasure.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "curriculum/completion.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

using ll = long long;

// What a shell command prints on its standard output.
std::string run(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

bool has(const std::string& text, std::string_view what) {
  return text.find(what) != std::string::npos;
}

// A directory of its own for the files the tools read, removed at the end.
struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("crm-certificates-" + std::to_string(::getpid()) + "-" +
                                std::to_string(reinterpret_cast<uintptr_t>(this)));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string file(const std::string& name, const std::string& bytes) const {
    auto p = path / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
};

// Pixels of a binary PPM (P6) that are not white.
long non_white_pixels(const std::string& ppm) {
  // "P6\n<w> <h>\n<max>\n" then w*h*3 bytes.
  size_t at = 0;
  int fields = 0;
  long w = 0, h = 0;
  while (fields < 4 && at < ppm.size()) {
    while (at < ppm.size() && std::isspace(static_cast<unsigned char>(ppm[at]))) ++at;
    size_t end = at;
    while (end < ppm.size() && !std::isspace(static_cast<unsigned char>(ppm[end]))) ++end;
    std::string token = ppm.substr(at, end - at);
    if (fields == 0 && token != "P6") return -1;
    if (fields == 1) w = std::stol(token);
    if (fields == 2) h = std::stol(token);
    ++fields;
    at = end + 1;  // one whitespace byte after the max value
  }
  if (ppm.size() < at + static_cast<size_t>(w * h * 3)) return -1;
  long n = 0;
  for (long i = 0; i < w * h; ++i) {
    const auto* px = reinterpret_cast<const unsigned char*>(ppm.data() + at + i * 3);
    if (px[0] < 240 || px[1] < 240 || px[2] < 240) ++n;
  }
  return n;
}

class CertificatesTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    auto& db = sql().sql();
    db << "SELECT id FROM cohort WHERE number = 3", soci::into(cohort_);
    db << "SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = "
          "'participant@demo.crm.example'",
        soci::into(layla_);
    db << "SELECT MIN(e.person_id) FROM enrolment e WHERE e.cohort_id = :c AND e.role = "
          "'participant' AND e.status = 'participant' AND e.person_id <> :p",
        soci::use(cohort_), soci::use(layla_), soci::into(other_);
    // The cohort's plan is this test's own, not the demo's.
    db << "DELETE FROM course_session WHERE cohort_id = :c", soci::use(cohort_);
    db << "DELETE FROM module WHERE cohort_id = :c", soci::use(cohort_);
    // One module with a session: Layla was there and passed it; the other
    // participant was absent and has no result. Default rules: Layla alone
    // has completed.
    const ll now = static_cast<ll>(std::time(nullptr)), start = now - 86400 * 7, end = start + 7200;
    db << "INSERT INTO module (cohort_id, position, semester, ects_tenths, created_at, "
          "updated_at) VALUES (:c, 1, 1, 75, :t, :t2) RETURNING id",
        soci::use(cohort_), soci::use(now), soci::use(now), soci::into(module_);
    db << "INSERT INTO module_text (module_id, language, title) VALUES (:m, 'en', 'Migration "
          "law'), (:m2, 'de', 'Migrationsrecht')",
        soci::use(module_), soci::use(module_);
    ll session = 0;
    db << "INSERT INTO course_session (cohort_id, module_id, title, kind, starts_at, ends_at, "
          "time_zone, uid, created_at, updated_at) VALUES (:c, :m, 'Opening', 'on_site', :s, "
          ":e, 'Europe/Berlin', 'cert-test-session', :t, :t2) RETURNING id",
        soci::use(cohort_), soci::use(module_), soci::use(start), soci::use(end), soci::use(now),
        soci::use(now), soci::into(session);
    db << "INSERT INTO attendance (session_id, person_id, status, recorded_at) VALUES (:s, :p, "
          "'present', :t), (:s2, :o, 'absent', :t2)",
        soci::use(session), soci::use(layla_), soci::use(now), soci::use(session),
        soci::use(other_), soci::use(now);
    db << "INSERT INTO module_result (module_id, person_id, result, recorded_at) VALUES (:m, :p, "
          "'passed', :t)",
        soci::use(module_), soci::use(layla_), soci::use(now);
    // The cohort keeps its final papers in crm (the demo's): Layla's is accepted.
    db << "UPDATE paper SET status = 'accepted' WHERE cohort_id = :c AND person_id = :p",
        soci::use(cohort_), soci::use(layla_);
  }

  std::string page() const { return "/cohorts/" + std::to_string(cohort_) + "/certificates"; }

  Client staff() {
    auto c = sign_in("staff");
    EXPECT_EQ(c.submit("/account", {{"language", "en"}, {"next", "/"}}, "/language").status, 303);
    return c;
  }

  HttpResponse issue(Client& c, ll person) {
    return c.submit(page(), {{"person", std::to_string(person)}});
  }

  // The newest certificate of the person: id and code.
  std::pair<ll, std::string> newest(ll person) {
    ll id = 0;
    std::string code;
    sql().sql() << "SELECT id, code FROM certificate WHERE person_id = :p ORDER BY id DESC "
                   "LIMIT 1",
        soci::use(person), soci::into(id), soci::into(code);
    return {id, code};
  }

  // The certificates (their PDF by its length), the audit log and the jobs.
  std::string certificate_tables() {
    return dump_tables(sql(), {kCertificates, kCertificateAudit, "job"});
  }
  static constexpr const char* kCertificateAudit =
      "(SELECT * FROM audit_log WHERE action LIKE 'certificate.%') AS audit_log";
  static constexpr const char* kCertificates =
      "(SELECT id, code, person_id, cohort_id, name, name_latin, ects_tenths, completed_on, "
      "length(pdf) AS pdf, issued_at, issued_by, revoked_at, revoked_reason, revoked_by FROM "
      "certificate) AS certificate";

  ll cohort_ = 0, layla_ = 0, other_ = 0, module_ = 0;
};

TEST_F(CertificatesTest, PdfHasTheNameInItsScriptBothLanguagesAndAQrCodeOfTheVerificationUrl) {
  auto c = staff();
  auto res = issue(c, layla_);
  ASSERT_EQ(res.status, 303) << res.body;
  auto [id, code] = newest(layla_);
  ASSERT_GT(id, 0);
  EXPECT_EQ(code.size(), 19u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issued' AND "
                  "entity_id = '" +
                  std::to_string(id) + "'"),
            1);

  auto pdf = c.get("/certificates/" + std::to_string(id) + ".pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  ASSERT_TRUE(pdf.body.starts_with("%PDF-"));

  TempDir dir;
  const std::string file = dir.file("c.pdf", pdf.body);
  // The text as poppler reads it, line breaks (pango wraps the sentences) as spaces.
  std::string text = run("pdftotext -enc UTF-8 '" + file + "' - 2>/dev/null");
  std::replace(text.begin(), text.end(), '\n', ' ');
  EXPECT_TRUE(has(text, "ليلى حداد")) << text;  // logical order, shaped back to letters
  EXPECT_TRUE(has(text, "Layla Haddad")) << text;
  EXPECT_TRUE(has(text, "erfolgreich abgeschlossen")) << text;
  EXPECT_TRUE(has(text, "has successfully completed")) << text;
  EXPECT_TRUE(has(text, "Migrationsrecht")) << text;
  EXPECT_TRUE(has(text, "Migration law")) << text;
  EXPECT_TRUE(has(text, "7.5 ECTS")) << text;
  EXPECT_TRUE(has(text, code)) << text;
  const std::string url = server().base_url() + "/verify/" + code;
  EXPECT_TRUE(has(text, url)) << text;

  // Page 1 as pixels: ink, not a blank page.
  run("pdftoppm -r 72 -f 1 -l 1 -singlefile '" + file + "' '" + (dir.path / "page").string() + "'");
  std::ifstream in(dir.path / "page.ppm", std::ios::binary);
  std::string ppm((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const long ink = non_white_pixels(ppm);
  EXPECT_GT(ink, 5000) << "a blank page";

  // The QR code, read from a rendering as a phone would: exactly the URL.
  run("pdftoppm -r 150 -png -f 1 -l 1 -singlefile '" + file + "' '" + (dir.path / "qr").string() +
      "'");
  std::string decoded =
      run("zbarimg --raw -q '" + (dir.path / "qr.png").string() + "' 2>/dev/null");
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  EXPECT_EQ(decoded, url);

  // The holder has it too, from their own page; nobody else does.
  auto layla = sign_in("participant");
  EXPECT_EQ(layla.get("/certificates/" + std::to_string(id) + ".pdf").status, 200);
  auto own = layla.get("/people/" + std::to_string(layla_));
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(has(own.body, "/certificates/" + std::to_string(id) + ".pdf"));
  EXPECT_TRUE(has(own.body, "/verify/" + code));
  for (const char* role : {"lecturer", "alumnus", "stakeholder"}) {
    auto other = sign_in(role);
    EXPECT_EQ(other.get("/certificates/" + std::to_string(id) + ".pdf").status, 404) << role;
  }
  EXPECT_EQ(client().get("/certificates/" + std::to_string(id) + ".pdf").status, 303);  // login
  EXPECT_EQ(c.get("/certificates/" + std::to_string(id) + "x.pdf").status, 404);
  EXPECT_EQ(c.get("/certificates/987654.pdf").status, 404);

  // In the holder's data download.
  auto data = layla.get("/profile/data.json");
  ASSERT_EQ(data.status, 200);
  EXPECT_TRUE(has(data.body, code));
}

TEST_F(CertificatesTest, VerificationShowsOnlyTheListedFacts) {
  auto c = staff();
  ASSERT_EQ(issue(c, layla_).status, 303);
  auto [id, code] = newest(layla_);
  std::string email;
  sql().sql() << "SELECT email FROM person WHERE id = :p", soci::use(layla_), soci::into(email);

  auto visitor = client();
  visitor.accept_language = "en";
  auto res = visitor.get("/verify/" + code);
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "data-verdict=\"valid\""));
  EXPECT_TRUE(has(res.body, "ليلى حداد"));
  EXPECT_TRUE(has(res.body, "Layla Haddad"));
  EXPECT_TRUE(has(res.body, "data-field=\"cohort\""));
  EXPECT_TRUE(has(res.body, "data-field=\"ects\">7.5<"));
  EXPECT_TRUE(has(res.body, "data-field=\"completed_on\""));
  EXPECT_TRUE(has(res.body, "data-field=\"programme\""));
  EXPECT_FALSE(has(res.body, email));
  EXPECT_FALSE(has(res.body, "/people/"));
  EXPECT_FALSE(has(res.body, "data-field=\"organisation\""));
  EXPECT_FALSE(has(res.body, "/certificates/"));

  // Typed loosely: lower case, no dashes, O for 0 → the code's own page.
  std::string typed;
  for (char ch : code)
    if (ch != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto found = visitor.get("/verify?code=" + url_encode(typed));
  EXPECT_EQ(found.status, 303);
  EXPECT_EQ(path_of(found.location()), "/verify/" + code);

  // Unknown: said plainly, 404, the form still there.
  auto unknown = visitor.get("/verify/ABCD-EFGH-JKMN-PQRS");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_TRUE(has(unknown.body, "data-verdict=\"unknown\""));
  EXPECT_TRUE(has(unknown.body, "No certificate with this code"));
  EXPECT_TRUE(has(unknown.body, "name=\"code\""));
  auto garbage = visitor.get("/verify?code=" + url_encode("<script>"));
  EXPECT_EQ(garbage.status, 404);
  EXPECT_FALSE(has(garbage.body, "<script>"));

  // In Arabic and German too (the page's own words translated).
  auto ar = client();
  ar.accept_language = "ar";
  auto in_ar = ar.get("/verify/" + code);
  EXPECT_EQ(in_ar.status, 200);
  EXPECT_EQ(html_attribute(in_ar.body, "dir"), "rtl");
  EXPECT_TRUE(has(in_ar.body, tr("ar", "This certificate is valid")));
}

TEST_F(CertificatesTest, OnlyThoseCompleteGetOneAndTheMissingPieceIsNamed) {
  auto c = staff();
  const std::string before = certificate_tables();
  auto res = issue(c, other_);
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "has not completed the cohort yet")) << res.body;
  EXPECT_TRUE(has(res.body, "Attendance")) << res.body;
  EXPECT_TRUE(has(res.body, "Module not passed: Migration law")) << res.body;
  EXPECT_TRUE(has(res.body, "error-summary"));
  // Someone not in the cohort, a word for a person: refused, nothing stored.
  auto outsider = issue(c, 987654);
  EXPECT_EQ(outsider.status, 422);
  EXPECT_EQ(c.submit(page(), {{"person", "abc"}}).status, 404);
  EXPECT_EQ(certificate_tables(), before);

  // The list names the state of each and offers issuing only to Layla.
  auto list = c.get(page());
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list.body, "data-person=\"" + std::to_string(layla_) + "\""));
  EXPECT_TRUE(has(list.body, "name=\"person\" value=\"" + std::to_string(layla_) + "\""));
  EXPECT_FALSE(has(list.body, "name=\"person\" value=\"" + std::to_string(other_) + "\""));
  auto csv = c.get(page() + ".csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_TRUE(has(csv.body, "Layla Haddad"));
  EXPECT_EQ(c.get(page() + ".xlsx").status, 200);

  // A second valid one for the same person: refused.
  ASSERT_EQ(issue(c, layla_).status, 303);
  const std::string once = certificate_tables();
  EXPECT_EQ(issue(c, layla_).status, 409);
  EXPECT_EQ(certificate_tables(), once);
}

TEST_F(CertificatesTest, RevokedWithAReasonThenIssuedAgain) {
  auto c = staff();
  ASSERT_EQ(issue(c, layla_).status, 303);
  auto [id, code] = newest(layla_);
  const std::string revoke = "/certificates/" + std::to_string(id) + "/revoke";
  auto confirm = c.get(revoke);
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(has(confirm.body, "name=\"reason\""));

  const std::string before = certificate_tables();
  EXPECT_EQ(c.submit(revoke, {{"reason", "   "}}).status, 422);
  EXPECT_EQ(c.submit(revoke, {{"reason", std::string(501, 'x')}}).status, 422);
  EXPECT_EQ(certificate_tables(), before);

  ASSERT_EQ(c.submit(revoke, {{"reason", "Issued to the wrong cohort"}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.revoked'"), 1);
  EXPECT_EQ(c.submit(revoke, {{"reason", "Again"}}).status, 409);

  auto visitor = client();
  visitor.accept_language = "en";
  auto res = visitor.get("/verify/" + code);
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "data-verdict=\"revoked\""));
  EXPECT_TRUE(has(res.body, "This certificate has been revoked"));
  EXPECT_TRUE(has(res.body, "Issued to the wrong cohort"));

  // Issued anew: a new code, valid; the old one stays revoked.
  ASSERT_EQ(issue(c, layla_).status, 303);
  auto [id2, code2] = newest(layla_);
  EXPECT_NE(id2, id);
  EXPECT_NE(code2, code);
  EXPECT_TRUE(has(visitor.get("/verify/" + code2).body, "data-verdict=\"valid\""));
  EXPECT_TRUE(has(visitor.get("/verify/" + code).body, "data-verdict=\"revoked\""));
}

TEST_F(CertificatesTest, NobodyButTheProgrammesStaffIssuesOrRevokes) {
  auto c = staff();
  ASSERT_EQ(issue(c, layla_).status, 303);
  auto [id, code] = newest(layla_);
  const std::string before = certificate_tables();
  const std::string revoke = "/certificates/" + std::to_string(id) + "/revoke";
  for (const char* role : {"lecturer", "participant", "alumnus", "stakeholder"}) {
    SCOPED_TRACE(role);
    auto x = sign_in(role);
    EXPECT_EQ(x.get(page()).status, 404);
    EXPECT_EQ(x.get(page() + ".csv").status, 404);
    auto token = csrf_of(x.get("/").body);
    EXPECT_EQ(x.post(page(), {{"csrf", token}, {"person", std::to_string(layla_)}}).status, 404);
    EXPECT_EQ(x.post(page(), {{"csrf", token}, {"all", "yes"}}).status, 404);
    EXPECT_EQ(x.get(revoke).status, 404);
    EXPECT_EQ(x.post(revoke, {{"csrf", token}, {"reason", "no"}}).status, 404);
  }
  EXPECT_EQ(certificate_tables(), before);

  // Another programme's cohort and certificate: the demo staff get 404.
  auto other = insert_other_programme(sql());
  sql().sql() << "INSERT INTO completion_rule (cohort_id, attendance_enabled, modules_enabled, "
                 "paper_enabled, updated_at) VALUES (:c, 0, 0, 0, 1)",
      soci::use(other.cohort);
  auto admin = sign_in("admin");
  const std::string other_page = "/cohorts/" + std::to_string(other.cohort) + "/certificates";
  ASSERT_EQ(admin.submit(other_page, {{"person", std::to_string(other.person)}}).status, 303);
  auto [other_id, other_code] = newest(other.person);
  const std::string snapshot = certificate_tables();
  EXPECT_EQ(c.get(other_page).status, 404);
  EXPECT_EQ(c.get("/certificates/" + std::to_string(other_id) + ".pdf").status, 404);
  EXPECT_EQ(c.get("/certificates/" + std::to_string(other_id) + "/revoke").status, 404);
  auto token = csrf_of(c.get("/").body);
  EXPECT_EQ(c.post(other_page, {{"csrf", token}, {"person", std::to_string(other.person)}}).status,
            404);
  EXPECT_EQ(c.post(other_page, {{"csrf", token}, {"all", "yes"}}).status, 404);
  EXPECT_EQ(c.post("/certificates/" + std::to_string(other_id) + "/revoke",
                   {{"csrf", token}, {"reason", "not mine"}})
                .status,
            404);
  EXPECT_EQ(certificate_tables(), snapshot);
  // Layla sees her own PDF, not the other programme's.
  auto layla = sign_in("participant");
  EXPECT_EQ(layla.get("/certificates/" + std::to_string(other_id) + ".pdf").status, 404);
}

TEST_F(CertificatesTest, EveryoneCompleteGetsOneFromAJobThatSkipsThoseWhoHaveOne) {
  // Every rule off: all taking part have completed.
  sql().sql() << "INSERT INTO completion_rule (cohort_id, attendance_enabled, modules_enabled, "
                 "paper_enabled, updated_at) VALUES (:c, 0, 0, 0, 1)",
      soci::use(cohort_);
  const long participants = count(
      "SELECT COUNT(DISTINCT person_id) FROM enrolment WHERE role = 'participant' AND "
      "status IN ('admitted', 'participant', 'graduate') AND cohort_id = " +
      std::to_string(cohort_));
  ASSERT_GT(participants, 5);
  auto c = staff();
  ASSERT_EQ(issue(c, layla_).status, 303);
  auto [first, first_code] = newest(layla_);

  ASSERT_EQ(c.submit(page(), {{"all", "yes"}}).status, 303);
  // Asked twice while it waits: one job.
  ASSERT_EQ(c.submit(page(), {{"all", "yes"}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'certificates.issue'"), 1);
  auto waiting = c.get(page());
  EXPECT_TRUE(has(waiting.body, "data-job-state=\"queued\""));
  EXPECT_EQ(run_jobs(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'certificates.issue' AND state = 'done' "
                  "AND progress_done = progress_total AND progress_total = " +
                  std::to_string(participants - 1)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM certificate WHERE revoked_at IS NULL AND cohort_id = " +
                  std::to_string(cohort_)),
            participants);
  EXPECT_EQ(newest(layla_).first, first);  // kept, not issued again
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issued'"),
            participants);
  auto done = c.get(page());
  EXPECT_TRUE(has(done.body, "Nobody complete is waiting for a certificate."));

  // Run again: nothing new.
  const std::string before = dump_tables(sql(), {kCertificates});
  ASSERT_EQ(c.submit(page(), {{"all", "yes"}}).status, 303);
  run_jobs();
  EXPECT_EQ(dump_tables(sql(), {kCertificates}), before);
}

TEST_F(CertificatesTest, ErasureRevokesAndLeavesNoNameOnTheVerificationPage) {
  auto c = staff();
  ASSERT_EQ(issue(c, other_).status, 422);
  sql().sql() << "INSERT INTO completion_rule (cohort_id, attendance_enabled, modules_enabled, "
                 "paper_enabled, updated_at) VALUES (:c, 0, 0, 0, 1)",
      soci::use(cohort_);
  ASSERT_EQ(issue(c, other_).status, 303);
  auto [id, code] = newest(other_);
  std::string name;
  sql().sql() << "SELECT name FROM person WHERE id = :p", soci::use(other_), soci::into(name);
  const std::string person = std::to_string(other_);
  ASSERT_EQ(c.submit("/people/" + person + "/erase", {{"confirm_id", person}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM certificate WHERE pdf IS NULL AND name = '' AND "
                  "revoked_at IS NOT NULL AND id = " +
                  std::to_string(id)),
            1);
  auto visitor = client();
  visitor.accept_language = "en";
  auto res = visitor.get("/verify/" + code);
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "data-verdict=\"revoked\""));
  EXPECT_TRUE(has(res.body, "personal data was erased"));
  EXPECT_FALSE(has(res.body, name));
  EXPECT_EQ(c.get("/certificates/" + std::to_string(id) + ".pdf").status, 404);
}

// The demo: certificates for everyone complete in the finished cohorts (read
// from the database: nothing when nobody is complete), one revoked; run again,
// it changes nothing.
TEST_F(CertificatesTest, DemoIssuesToThoseCompleteInFinishedCohortsOnce) {
  // The test database holds the whole demo: its plan, attendance, results and
  // certificates.
  const long issued = count("SELECT COUNT(*) FROM certificate");
  ASSERT_GT(issued, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM certificate WHERE revoked_at IS NOT NULL AND "
                  "revoked_reason <> ''"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM certificate x JOIN cohort c ON c.id = x.cohort_id "
                  "WHERE c.status <> 'completed'"),
            0);
  // Everyone holding one has completed, and everyone complete in a finished
  // cohort holds one (or had theirs revoked).
  db::Rows cohorts = (sql().sql().prepare << "SELECT id FROM cohort WHERE status = 'completed'");
  std::vector<ll> finished;
  for (const auto& r : cohorts) finished.push_back(db::get_int64(r, 0));
  ASSERT_FALSE(finished.empty());
  long complete = 0, not_complete = 0;
  for (ll cohort : finished) {
    for (const auto& c : curriculum::completion_of_cohort(sql(), cohort)) {
      const long held = count(
          "SELECT COUNT(*) FROM certificate WHERE person_id = " + std::to_string(c.person_id) +
          " AND cohort_id = " + std::to_string(cohort));
      EXPECT_EQ(held, c.complete ? 1 : 0) << "person " << c.person_id;
      (c.complete ? complete : not_complete)++;
    }
  }
  EXPECT_GT(complete, 0);
  EXPECT_GT(not_complete, 0) << "the demo shows both";
  // Run again, it changes nothing.
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  const std::string once = dump_tables(sql(), {kCertificates});
  demo::load_certificates(sql(), now + 60);
  EXPECT_EQ(dump_tables(sql(), {kCertificates}), once);
}

}  // namespace
}  // namespace crm::test

// A space's library (issue 14 §3), on both databases: members add files and
// links, a newer version replaces the older (which stays listed and
// downloadable), what is new since one's last visit is marked, files that are
// not what their name says, too large, or javascript: links are refused,
// only the adder or a moderator adds a version, moderators export (never a
// protected space), and whoever is not a member gets 404 for everything —
// with nothing changed in the tables on every refusal.
#include "auth/service.hpp"
#include "curriculum/store.hpp"
#include "http/support/spaces_fixture.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

using ll = long long;

const std::string kPdf =
    "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const std::string kPng =
    std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29) +
    std::string(64, '\0');
const std::string kPassword = "Materials-test-password-42";

class SpacesMaterialsTest : public SpacesTest {
 protected:
  ServerOptions options() const override {
    ServerOptions o;
    o.limits.upload_bytes = 22 * 1024 * 1024;  // the 20 MB rule is the service's, not the server's
    return o;
  }

  ll cohort_a_ = 0, cohort_b_ = 0, space_a_ = 0, module_a_ = 0, module_b_ = 0;
  std::string alice_, bob_, carol_,
      lena_;  // emails: members of A (alice, bob), B (carol), A's lecturer

  void SetUp() override {
    HttpTest::SetUp();
    make_programme("spaces-materials-", "Library");
    programme::store::insert_programme_text(sql(), programme_, "en", "Return Studies", "");
    programme::store::insert_programme_text(sql(), programme_, "de", "Rückkehrstudien", "");
    cohort_a_ = cohort(1);
    cohort_b_ = cohort(2);
    sql().sql() << "SELECT id FROM space WHERE cohort_id = :c", soci::use(cohort_a_),
        soci::into(space_a_);
    module_a_ = module(cohort_a_, "Counselling before return");
    module_b_ = module(cohort_b_, "Another cohort's module");
    alice_ = member("alice", auth::Role::participant, cohort_a_, "participant");
    bob_ = member("bob", auth::Role::participant, cohort_a_, "participant");
    carol_ = member("carol", auth::Role::participant, cohort_b_, "participant");
    lena_ = member("lena", auth::Role::lecturer, cohort_a_, "lecturer");
  }

  ll module(ll cohort_id, const std::string& title) {
    curriculum::Module m;
    m.cohort_id = cohort_id;
    m.texts.push_back({"en", title, "", ""});
    m.id = curriculum::store::insert_module(sql(), m, now_);
    curriculum::store::replace_module_texts(sql(), m);
    return m.id;
  }

  std::string member(const std::string& who, auth::Role role, ll cohort_id,
                     const std::string& enrolment_role) {
    std::string email = who + "-" + unique() + "@library.example.org";
    auto id = auth::create_account(sql(), email, "Name of " + who, role, kPassword, "en", now_);
    if (!id) throw std::runtime_error("create_account failed");
    programme::Person p;
    p.name = "Name of " + who;
    p.email = email;
    p.country = "IQ";
    p.account_id = *id;
    p.created_at = now_;
    programme::Enrolment e;
    e.person_id = programme::store::insert_person(sql(), p);
    e.cohort_id = cohort_id;
    e.role = enrolment_role;
    e.status = "participant";
    e.created_at = now_;
    programme::store::insert_enrolment(sql(), e);
    return email;
  }

  Client as(const std::string& email) { return sign_in(email, kPassword); }

  std::string library() { return "/spaces/" + std::to_string(space_a_) + "/materials"; }

  HttpResponse add(Client& c, const std::string& action, Form fields,
                   const std::vector<FilePart>& files = {}) {
    auto page = c.get(action);
    fields.push_back({"csrf", csrf_of(page.body)});
    if (csrf_of(page.body).empty()) {
      // Not allowed to see the form: send the csrf of a page they may see.
      auto home = c.get("/account");
      fields.back().second = csrf_of(home.body);
    }
    return c.post_multipart(action, fields, files);
  }

  HttpResponse add_file(Client& c, const std::string& title, const std::string& name,
                        const std::string& data, const std::string& action = {}) {
    return add(c, action.empty() ? library() + "/new" : action,
               {{"kind", "file"}, {"title", title}, {"language", "en"}},
               {{"file", name, "application/octet-stream", data}});
  }

  ll last_material() {
    ll id = 0;
    sql().sql() << "SELECT COALESCE(MAX(id), 0) FROM space_material", soci::into(id);
    return id;
  }

  std::string tables() {
    // The files' bytes by their length (dump_tables reads text and numbers).
    return dump_tables(sql(), {"(SELECT id, space_id, title, description, language, module_id, "
                               "kind, url, filename, content_type, size, length(data) AS data, "
                               "replaces_id, added_by_account_id, created_at FROM "
                               "space_material) AS m",
                               "space_reader", "audit_log", "notification"}) +
           state();
  }

  static long occurrences(const std::string& text, const std::string& what) {
    long n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }
};

TEST_F(SpacesMaterialsTest, MembersAddFilesAndLinksAndSeeWhatIsNew) {
  auto alice = as(alice_);
  auto r = add(alice, library() + "/new",
               {{"kind", "file"},
                {"title", "Leitfaden"},
                {"description", "دليل المرافقة"},
                {"language", "de"},
                {"module", std::to_string(module_a_)}},
               {{"file", "Leitfaden Rückkehr.pdf", "application/pdf", kPdf}});
  ASSERT_EQ(r.status, 303) << r.body;
  const ll file = last_material();
  r = add(
      alice, library() + "/new",
      {{"kind", "link"}, {"title", "IOM"}, {"url", "https://www.iom.int/"}, {"language", "en"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const ll link = last_material();
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'space_material.add' AND "
                  "entity_id = '" +
                  std::to_string(link) + "'"),
            1);

  auto bob = as(bob_);
  auto page = bob.get(library());
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Leitfaden"), std::string::npos);
  EXPECT_NE(page.body.find("dir=\"auto\""), std::string::npos);
  EXPECT_NE(page.body.find("Counselling before return"), std::string::npos);
  EXPECT_NE(page.body.find("Name of alice"), std::string::npos);
  EXPECT_EQ(occurrences(page.body, "class=\"new\""), 2);
  EXPECT_EQ(occurrences(alice.get(library()).body, "class=\"new\""), 0) << "one's own are not new";

  // Filtered by language and by module.
  auto de = bob.get(library() + "?language=de");
  EXPECT_NE(de.body.find("Leitfaden"), std::string::npos);
  EXPECT_EQ(de.body.find(">IOM<"), std::string::npos);
  auto mod = bob.get(library() + "?module=" + std::to_string(module_a_));
  EXPECT_EQ(mod.body.find(">IOM<"), std::string::npos);

  // The file, safely; the link, only to its http(s) address.
  auto f = bob.get("/space-materials/" + std::to_string(file));
  ASSERT_EQ(f.status, 200);
  EXPECT_EQ(f.body, kPdf);
  EXPECT_EQ(f.header("content-type"), "application/pdf");
  EXPECT_EQ(f.header("x-content-type-options"), "nosniff");
  EXPECT_NE(f.header("cache-control").find("private"), std::string::npos);
  EXPECT_EQ(f.header("content-disposition").rfind("attachment; filename=\"Leitfaden_R", 0), 0u);
  EXPECT_NE(f.header("content-disposition").find("filename*=UTF-8''Leitfaden%20R%C3%BC"),
            std::string::npos);
  auto l = bob.get("/space-materials/" + std::to_string(link));
  EXPECT_EQ(l.status, 303);
  EXPECT_EQ(l.location(), "https://www.iom.int/");

  // Seen now; what comes later is new. (Back-date the seen materials: the
  // test runs within one second.)
  ll seen = 0;
  sql().sql() << "SELECT materials_seen_at FROM space_reader WHERE space_id = :s AND account_id = "
                 ":a",
      soci::use(space_a_), soci::use(account_id(bob_)), soci::into(seen);
  EXPECT_GT(seen, 0);
  sql().sql() << "UPDATE space_material SET created_at = created_at - 100";
  sql().sql() << "UPDATE space_reader SET materials_seen_at = materials_seen_at - 50";
  EXPECT_EQ(occurrences(bob.get(library()).body, "class=\"new\""), 0);
  sql().sql() << "UPDATE space_reader SET materials_seen_at = materials_seen_at - 50";
  ASSERT_EQ(add_file(alice, "Later", "later.pdf", kPdf).status, 303);
  auto later = bob.get(library());
  EXPECT_EQ(occurrences(later.body, "class=\"new\""), 1);
  EXPECT_LT(later.body.find("class=\"new\""), later.body.find(">Leitfaden<"))
      << "newest first, marked";
}

TEST_F(SpacesMaterialsTest, ANewerVersionReplacesTheOlderWhichIsKept) {
  auto alice = as(alice_);
  ASSERT_EQ(add_file(alice, "Reading list", "reading.pdf", kPdf).status, 303);
  const ll v1 = last_material();
  const std::string version = "/space-materials/" + std::to_string(v1) + "/version";
  auto form = alice.get(version);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Reading list"), std::string::npos) << "prefilled";
  const std::string v2_pdf = kPdf + "% revised\n";
  ASSERT_EQ(add_file(alice, "Reading list (revised)", "reading-2.pdf", v2_pdf, version).status,
            303);
  const ll v2 = last_material();
  ll replaces = 0;
  sql().sql() << "SELECT replaces_id FROM space_material WHERE id = :id", soci::use(v2),
      soci::into(replaces);
  EXPECT_EQ(replaces, v1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'space_material.version'"), 1);

  auto bob = as(bob_);
  auto page = bob.get(library());
  EXPECT_NE(page.body.find("version 2 of 2"), std::string::npos);
  EXPECT_NE(page.body.find("/space-materials/" + std::to_string(v1) + "\""), std::string::npos)
      << "the older version is listed";
  EXPECT_EQ(bob.get("/space-materials/" + std::to_string(v1)).body, kPdf);
  EXPECT_EQ(bob.get("/space-materials/" + std::to_string(v2)).body, v2_pdf);

  // Another member may not add a version of alice's material.
  const std::string v2_version = "/space-materials/" + std::to_string(v2) + "/version";
  auto before = tables();
  EXPECT_EQ(bob.get(v2_version).status, 404);
  EXPECT_EQ(add_file(bob, "Mine now", "mine.pdf", kPdf, v2_version).status, 404);
  EXPECT_EQ(tables(), before);

  // A version of the older one is refused: the newest is where it goes.
  before = tables();
  EXPECT_EQ(add_file(alice, "Fork", "fork.pdf", kPdf, version).status, 422);
  EXPECT_EQ(tables(), before);

  // The cohort's lecturer moderates the space and may.
  auto lena = as(lena_);
  ASSERT_EQ(add_file(lena, "Reading list (3)", "reading-3.pdf", kPdf, v2_version).status, 303);
  EXPECT_NE(bob.get(library()).body.find("version 3 of 3"), std::string::npos);
}

TEST_F(SpacesMaterialsTest, BadFilesLinksAndChoicesAreRefusedAndChangeNothing) {
  auto alice = as(alice_);
  alice.get(library());  // the reader's row exists: refusals must not touch it either
  const auto before = tables();
  auto fake = add_file(alice, "Not a PDF", "photo.pdf", kPng);
  EXPECT_EQ(fake.status, 422);
  EXPECT_NE(fake.body.find("not what its name says"), std::string::npos);
  EXPECT_NE(fake.body.find("value=\"Not a PDF\""), std::string::npos) << "input kept";
  EXPECT_EQ(add_file(alice, "Program", "setup.exe", kPdf).status, 422);
  auto big = add_file(alice, "Huge", "huge.pdf", kPdf + std::string(20 * 1024 * 1024, ' '));
  EXPECT_EQ(big.status, 422);
  EXPECT_NE(big.body.find("larger than"), std::string::npos);
  auto js = add(
      alice, library() + "/new",
      {{"kind", "link"}, {"title", "Click"}, {"url", "javascript:alert(1)"}, {"language", "en"}});
  EXPECT_EQ(js.status, 422);
  EXPECT_NE(js.body.find("https://"), std::string::npos);
  EXPECT_EQ(
      add(alice, library() + "/new",
          {{"kind", "link"}, {"title", ""}, {"url", "https://example.org/"}, {"language", "en"}})
          .status,
      422);
  EXPECT_EQ(
      add(alice, library() + "/new",
          {{"kind", "link"}, {"title", "X"}, {"url", "https://example.org/"}, {"language", "tlh"}})
          .status,
      422);
  EXPECT_EQ(add(alice, library() + "/new",
                {{"kind", "link"},
                 {"title", "X"},
                 {"url", "https://example.org/"},
                 {"language", "en"},
                 {"module", std::to_string(module_b_)}})
                .status,
            422)
      << "a module of another cohort";
  EXPECT_EQ(tables(), before);
}

TEST_F(SpacesMaterialsTest, WhoeverIsNotAMemberGets404ForEverything) {
  auto alice = as(alice_);
  ASSERT_EQ(add_file(alice, "Ours", "ours.pdf", kPdf).status, 303);
  const std::string m = "/space-materials/" + std::to_string(last_material());
  auto carol = as(carol_);
  const auto before = tables();
  EXPECT_EQ(carol.get(library()).status, 404);
  EXPECT_EQ(carol.get(library() + ".csv").status, 404);
  EXPECT_EQ(carol.get(library() + ".xlsx").status, 404);
  EXPECT_EQ(carol.get(library() + "/new").status, 404);
  EXPECT_EQ(add_file(carol, "Theirs", "theirs.pdf", kPdf).status, 404);
  EXPECT_EQ(carol.get(m).status, 404);
  EXPECT_EQ(carol.get(m + "/version").status, 404);
  EXPECT_EQ(add_file(carol, "Theirs", "theirs.pdf", kPdf, m + "/version").status, 404);
  EXPECT_EQ(client().get(m).status, 303) << "signed out: to the login, nothing of the file";
  EXPECT_EQ(carol.get("/space-materials/999999999").status, 404);
  EXPECT_EQ(tables(), before);
}

TEST_F(SpacesMaterialsTest, ModeratorsExportButNeverAProtectedSpace) {
  auto alice = as(alice_);
  ASSERT_EQ(add_file(alice, "Exportable", "export.pdf", kPdf).status, 303);
  auto lena = as(lena_);
  auto csv = lena.get(library() + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Exportable"), std::string::npos);
  EXPECT_EQ(lena.get(library() + ".xlsx").status, 200);
  EXPECT_NE(lena.get(library()).body.find(".csv"), std::string::npos);
  auto bob = as(bob_);
  EXPECT_EQ(bob.get(library() + ".csv").status, 404) << "members are not moderators";

  sql().sql() << "UPDATE space SET protected = 1, authors_hidden = 1 WHERE id = :s",
      soci::use(space_a_);
  const auto before = tables();
  EXPECT_EQ(lena.get(library() + ".csv").status, 404);
  EXPECT_EQ(lena.get(library() + ".xlsx").status, 404);
  EXPECT_EQ(tables(), before);
  auto page = bob.get(library());
  EXPECT_NE(page.body.find("Chatham House"), std::string::npos);
  EXPECT_EQ(page.body.find(".csv"), std::string::npos);
  EXPECT_EQ(page.body.find("Name of alice"), std::string::npos) << "authors hidden";
  EXPECT_NE(lena.get(library()).body.find("Name of alice"), std::string::npos)
      << "moderators see authors";

  // What is added to a protected space leaves ids only in the audit log.
  ASSERT_EQ(add_file(alice, "Secret title", "secret-name.pdf", kPdf).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%Secret%' OR changes LIKE "
                  "'%secret-name%'"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'space_material.add' AND "
                  "entity_id = '" +
                  std::to_string(last_material()) + "'"),
            1);
}

}  // namespace
}  // namespace crm::test

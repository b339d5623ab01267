// The start page: a visitor reads what the programme is, from the
// programme's own data, and finds the public programme page; someone signed
// in finds their next step there: a participant their cohort and its people,
// staff their programmes' cohorts and the imports waiting for them.
#include <string>

#include "http/support/other_programme.hpp"
#include "http/support/test_server.hpp"
#include "imports/store.hpp"

namespace crm::test {
namespace {

class StartPageTest : public HttpTest {
 protected:
  bool has(const std::string& body, const std::string& what) {
    return body.find(what) != std::string::npos;
  }
  std::string cohort_path(int number) {
    return "/cohorts/" +
           std::to_string(count("SELECT id FROM cohort WHERE number = " + std::to_string(number) +
                                " AND programme_id = (SELECT MIN(id) FROM programme)"));
  }
  std::string text(const std::string& query) {
    std::string out;
    sql().sql() << query, soci::into(out);
    return out;
  }
  Client english(const char* role) {
    auto c = sign_in(role);
    c.submit("/", {{"language", "en"}, {"next", "/"}}, "/language");
    return c;
  }
  HttpResponse upload(Client& c, int cohort, const std::string& filename) {
    auto path = cohort_path(cohort) + "/import";
    auto form = c.get(path);
    return c.post_multipart(
        path, {{"csrf", csrf_of(form.body)}},
        {{"file", filename, "text/csv", "email,name,country\na@b.example,A B,DE\n"}});
  }
};

TEST_F(StartPageTest, AVisitorReadsWhatTheProgrammeIsFromItsData) {
  auto c = client();
  auto page = c.get("/");
  ASSERT_EQ(page.status, 200);
  const auto name = text("SELECT name FROM programme_text WHERE language = 'en'");
  const auto description = text("SELECT description FROM programme_text WHERE language = 'en'");
  ASSERT_FALSE(name.empty());
  EXPECT_TRUE(has(title_of(page.body), name)) << title_of(page.body);
  EXPECT_TRUE(has(page.body, "<h1><bdi>" + name + "</bdi></h1>"));
  EXPECT_TRUE(has(page.body, description.substr(0, 40)));
  EXPECT_TRUE(has(page.body, "Federal Office for Migration and Refugees (BAMF), Germany"));
  EXPECT_TRUE(has(page.body, "href=\"/programme\""));
  EXPECT_TRUE(has(page.body, "href=\"/login\""));

  // In the reader's language, and whatever the programme is called today.
  c.accept_language = "de";
  EXPECT_TRUE(has(c.get("/").body, text("SELECT name FROM programme_text WHERE language = 'de'")));
  sql().sql() << "UPDATE programme_text SET name = 'Renamed Programme' WHERE language = 'de'";
  auto renamed = c.get("/");
  EXPECT_TRUE(has(renamed.body, "<h1><bdi>Renamed Programme</bdi></h1>"));
  EXPECT_TRUE(has(title_of(renamed.body), "Renamed Programme"));
}

TEST_F(StartPageTest, TheSiteIsCalledAfterTheProgrammeAndCrmIsTheSoftware) {
  const auto name = text("SELECT name FROM programme_text WHERE language = 'en'");
  auto c = client();
  auto login = c.get("/login");
  EXPECT_EQ(title_of(login.body), tr("en", "Log in") + " · " + name);
  EXPECT_TRUE(has(login.body, "<bdi>" + name + "</bdi> — " + tr("en", "run with crm")));
  EXPECT_EQ(title_of(c.get("/").body), name);
  c.accept_language = "de";
  EXPECT_EQ(
      title_of(c.get("/login").body),
      tr("de", "Log in") + " · " + text("SELECT name FROM programme_text WHERE language = 'de'"));
  // With several programmes the site has no one name: it is crm.
  insert_other_programme(sql());
  restart(ServerOptions());
  auto other = client().get("/login");
  EXPECT_EQ(title_of(other.body), tr("en", "Log in") + " · crm");
  EXPECT_FALSE(has(other.body, name));
}

TEST_F(StartPageTest, WithSeveralProgrammesAVisitorChoosesOne) {
  auto other = insert_other_programme(sql());
  auto page = client().get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "href=\"/programmes/" + std::to_string(other.programme) + "\""));
  EXPECT_TRUE(has(page.body, "Another programme"));
}

TEST_F(StartPageTest, AParticipantFindsTheirCohortAndItsPeople) {
  auto c = sign_in("participant");
  auto page = c.get("/");
  ASSERT_EQ(page.status, 200);
  const auto own = cohort_path(3);
  EXPECT_TRUE(has(page.body, "href=\"" + own + "\"")) << page.body;
  EXPECT_TRUE(has(page.body, "href=\"" + own + "#people\""));
  // Only the cohort she takes part in, and no open tasks.
  for (int n : {1, 2, 4}) EXPECT_FALSE(has(page.body, "href=\"" + cohort_path(n) + "\"")) << n;
  EXPECT_FALSE(has(page.body, "tasks-title"));
  auto cohort = c.get(own);
  ASSERT_EQ(cohort.status, 200);
  EXPECT_TRUE(has(cohort.body, "id=\"people\""));
}

TEST_F(StartPageTest, StaffFindTheirCohortsAndTheImportsWaitingForThem) {
  auto other = insert_other_programme(sql());
  {
    imports::ImportRecord r;
    r.programme_id = other.programme;
    r.cohort_id = other.cohort;
    r.account_id = account_id(demo("admin").email);
    r.filename = "elsewhere.csv";
    r.content = "email,name,country\n";
    r.created_at = static_cast<int64_t>(std::time(nullptr));
    imports::store::insert_import(sql(), r);
  }
  auto c = english("staff");
  auto page = c.get("/");
  ASSERT_EQ(page.status, 200);
  for (int n : {1, 2, 3, 4}) EXPECT_TRUE(has(page.body, "href=\"" + cohort_path(n) + "\"")) << n;
  EXPECT_FALSE(has(page.body, "/cohorts/" + std::to_string(other.cohort) + "\""));
  EXPECT_TRUE(has(page.body, "tasks-title"));
  EXPECT_TRUE(has(page.body, tr("en", "Nothing is waiting for you.")));
  EXPECT_FALSE(has(page.body, "elsewhere.csv"));  // another programme's import

  auto up = upload(c, 4, "new-people.csv");
  ASSERT_EQ(up.status, 303);
  const auto import_path = up.location();
  ASSERT_EQ(import_path.rfind("/imports/", 0), 0u) << import_path;
  page = c.get("/");
  EXPECT_TRUE(has(page.body, "href=\"" + import_path + "\""));
  EXPECT_TRUE(has(page.body, "<bdi>new-people.csv</bdi>"));
  EXPECT_FALSE(has(page.body, tr("en", "Nothing is waiting for you.")));
  EXPECT_FALSE(has(page.body, "elsewhere.csv"));

  // An admin sees both; a participant neither.
  auto admin = sign_in("admin").get("/");
  EXPECT_TRUE(has(admin.body, "href=\"" + import_path + "\""));
  EXPECT_TRUE(has(admin.body, "elsewhere.csv"));
  EXPECT_FALSE(has(sign_in("participant").get("/").body, "new-people.csv"));

  // Once committed it is no longer waiting.
  sql().sql() << "UPDATE person_import SET committed_at = 1";
  EXPECT_FALSE(has(c.get("/").body, "new-people.csv"));
}

}  // namespace
}  // namespace crm::test

// Publishing with consent: only the author of an accepted paper (or a
// project's lead) publishes, only with the box ticked; withdrawal takes the
// work, its citations and its file off the public site in the same step; a
// second consent keeps the public number. Every refused attempt changes
// nothing (table snapshots), on both databases.
#include <regex>

#include "auth/service.hpp"
#include "http/support/other_programme.hpp"
#include "http/support/publication_fixture.hpp"
#include "http/support/test_server.hpp"

namespace crm::test {
namespace {

class PublicationTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    author_ = person_of_account(sql(), demo("participant").email);
    cohort_ = cohort_of_person(sql(), author_);
    supervisor_ = person_of_account(sql(), demo("lecturer").email);
  }

  PaperIds paper(const std::string& status = "accepted") {
    PaperSpec s;
    s.status = status;
    s.supervisor_person = supervisor_;
    return insert_paper(sql(), cohort_, author_, s);
  }

  std::string snapshot() {
    // Sign-ins are recorded on purpose; what publishing writes is compared.
    return dump_tables(sql(), {"publication", "search_change", "paper",
                               "(SELECT id, action, entity, entity_id, changes FROM audit_log "
                               "WHERE action NOT LIKE 'account.%') AS audit_log"});
  }

  long long number_of(int64_t paper_id) {
    long long n = 0, p = paper_id;
    sql().sql() << "SELECT COALESCE(MAX(id), 0) FROM publication WHERE work_kind = 'paper' AND "
                   "work_id = :p",
        soci::use(p), soci::into(n);
    return n;
  }

  // A POST with a valid csrf token of the client's session.
  static HttpResponse post(Client& c, const std::string& path, Form fields) {
    fields.emplace_back("csrf", csrf_of(c.get("/").body));
    return c.post(path, fields);
  }

  int64_t author_ = 0, cohort_ = 0, supervisor_ = 0;
};

std::string publish_path(int64_t paper) {
  return "/papers/" + std::to_string(paper) + "/publish";
}

TEST_F(PublicationTest, ConsentPageSaysWhatBecomesPublicAndAsksForTheBox) {
  auto ids = paper();
  auto c = sign_in("participant");
  auto page = c.get(publish_path(ids.paper));
  ASSERT_EQ(page.status, 200) << page.body;
  const auto& b = page.body;
  EXPECT_NE(b.find("Return and dignity"), std::string::npos);
  EXPECT_NE(b.find("العودة والكرامة"), std::string::npos);
  EXPECT_NE(b.find("ليلى حداد"), std::string::npos);  // the author's name
  EXPECT_NE(b.find("final-paper.pdf"), std::string::npos);
  EXPECT_NE(b.find("lang=\"ar\""), std::string::npos);
  EXPECT_NE(b.find("type=\"checkbox\" id=\"f-consent\" name=\"consent\""), std::string::npos) << b;
  // Supervision stays private, even in the preview.
  EXPECT_EQ(b.find("SECRET-FEEDBACK-TEXT"), std::string::npos);
  EXPECT_EQ(b.find("SECRET-COMMENT-TEXT"), std::string::npos);
}

TEST_F(PublicationTest, NothingChangesWithoutTheBoxBeforeAcceptanceOrBySomeoneElse) {
  auto ids = paper();
  auto c = sign_in("participant");
  const auto before = snapshot();

  // Without the box: the form again, with the message beside the box.
  auto r = c.submit(publish_path(ids.paper), {});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find(tr("ar",
                           "Tick the box to agree to publishing. Nothing has been "
                           "published.")),
            std::string::npos);
  EXPECT_NE(r.body.find("error-summary"), std::string::npos);
  EXPECT_EQ(snapshot(), before);

  // Everybody else: the supervisor, staff, an admin, another participant.
  for (const char* role : {"lecturer", "staff", "admin", "alumnus"}) {
    SCOPED_TRACE(role);
    auto other = sign_in(role);
    EXPECT_EQ(other.get(publish_path(ids.paper)).status, 404);
    EXPECT_EQ(post(other, publish_path(ids.paper), {{"consent", "yes"}}).status, 404);
    EXPECT_EQ(snapshot(), before);
  }
  // Not signed in: the sign-in page, nothing published.
  auto anonymous = client();
  EXPECT_NE(anonymous.post(publish_path(ids.paper), {{"consent", "yes"}}).status, 303);
  EXPECT_EQ(number_of(ids.paper), 0);

  // Someone of another programme, and the author on another programme's paper.
  auto other = insert_other_programme(sql());
  auto account =
      auth::create_account(sql(), "outside.person@example.org", "Outside Person",
                           auth::Role::participant, "outside-password-2026", "en", 1767225600);
  ASSERT_TRUE(account);
  sql().sql() << "UPDATE person SET account_id = :a WHERE id = :p", soci::use(*account),
      soci::use(other.person);
  auto outsider = sign_in("outside.person@example.org", "outside-password-2026");
  const auto before_outside = snapshot();
  EXPECT_EQ(outsider.get(publish_path(ids.paper)).status, 404);
  EXPECT_EQ(post(outsider, publish_path(ids.paper), {{"consent", "yes"}}).status, 404);
  PaperSpec spec;
  auto foreign = insert_paper(sql(), other.cohort, other.person, spec);
  const auto before_foreign = snapshot();
  EXPECT_EQ(post(c, publish_path(foreign.paper), {{"consent", "yes"}}).status, 404);
  auto staff = sign_in("staff");
  EXPECT_EQ(post(staff, publish_path(foreign.paper), {{"consent", "yes"}}).status, 404);
  EXPECT_EQ(snapshot(), before_foreign);
  (void)before_outside;

  // Before acceptance: a clear message, nothing published.
  for (const char* status : {"submitted", "revisions", "rejected", "draft"}) {
    SCOPED_TRACE(status);
    auto early = paper(status);
    const auto before_early = snapshot();
    auto shown = c.get(publish_path(early.paper));
    EXPECT_EQ(shown.status, 200);
    EXPECT_NE(shown.body.find(tr("ar", "A paper can be published once it has been accepted.")),
              std::string::npos);
    EXPECT_EQ(shown.body.find("name=\"consent\""), std::string::npos);
    auto refused = post(c, publish_path(early.paper), {{"consent", "yes"}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find(tr("ar", "A paper can be published once it has been accepted.")),
              std::string::npos);
    EXPECT_EQ(snapshot(), before_early);
  }
}

TEST_F(PublicationTest, PublishWithdrawAndPublishAgainKeepsTheNumber) {
  auto ids = paper();
  auto c = sign_in("participant");
  auto r = c.submit(publish_path(ids.paper), {{"consent", "yes"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.location(), publish_path(ids.paper));
  const long long n = number_of(ids.paper);
  ASSERT_GT(n, 0);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM publication WHERE id = " + std::to_string(n) +
            " AND withdrawn_at IS NULL AND version_id = " + std::to_string(ids.final_version)),
      1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'publication.consent'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_change WHERE work_kind = 'paper' AND work_id = " +
                  std::to_string(ids.paper)),
            1);
  // The consent page now shows the public address and the withdrawal.
  auto mine = c.get(publish_path(ids.paper));
  EXPECT_NE(mine.body.find("/knowledge/works/" + std::to_string(n)), std::string::npos);
  EXPECT_NE(mine.body.find("/withdraw"), std::string::npos);
  // A second consent adds nothing.
  const auto published = snapshot();
  EXPECT_EQ(post(c, publish_path(ids.paper), {{"consent", "yes"}}).status, 409);
  EXPECT_EQ(snapshot(), published);

  const std::string base = "/knowledge/works/" + std::to_string(n);
  auto visitor = client();
  auto page = visitor.get(base);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Return and dignity"), std::string::npos);
  EXPECT_EQ(page.body.find("SECRET-FEEDBACK-TEXT"), std::string::npos);
  EXPECT_EQ(page.body.find("SECRET-COMMENT-TEXT"), std::string::npos);
  auto bib = visitor.get(base + ".bib");
  EXPECT_EQ(bib.status, 200);
  EXPECT_EQ(bib.header("content-type"), "application/x-bibtex; charset=utf-8");
  EXPECT_EQ(bib.body.rfind("@misc{crm-work-" + std::to_string(n) + ",\n", 0), 0u) << bib.body;
  EXPECT_NE(bib.body.find("title = {{Return and dignity}}"), std::string::npos) << bib.body;
  auto ris = visitor.get(base + ".ris");
  EXPECT_EQ(ris.status, 200);
  EXPECT_EQ(ris.body.rfind("TY  - RPRT\r\n", 0), 0u) << ris.body;
  EXPECT_NE(ris.body.find("TI  - Return and dignity\r\n"), std::string::npos);
  auto file = visitor.get(base + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, PaperSpec{}.data);
  EXPECT_EQ(file.header("content-type"), "application/pdf");
  EXPECT_EQ(file.header("content-disposition"),
            "attachment; filename=\"final-paper.pdf\"; filename*=UTF-8''final-paper.pdf");

  // Withdrawn: page, citations and file are gone in the same step.
  auto w = post(c, "/papers/" + std::to_string(ids.paper) + "/withdraw", {});
  ASSERT_EQ(w.status, 303) << w.body;
  for (const std::string suffix : {"", ".bib", ".ris", "/file"})
    EXPECT_EQ(visitor.get(base + suffix).status, 404) << suffix;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'publication.withdraw'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_change WHERE work_kind = 'paper' AND work_id = " +
                  std::to_string(ids.paper)),
            2);
  // Withdrawing again changes nothing.
  const auto withdrawn = snapshot();
  EXPECT_EQ(post(c, "/papers/" + std::to_string(ids.paper) + "/withdraw", {}).status, 409);
  EXPECT_EQ(snapshot(), withdrawn);
  // Nobody else withdraws for the author.
  auto staff = sign_in("staff");
  EXPECT_EQ(post(staff, "/papers/" + std::to_string(ids.paper) + "/withdraw", {}).status, 404);

  // The author's own data download lists the consent and its withdrawal.
  auto data = c.get("/profile/data.json");
  const std::string own = "{\"number\":" + std::to_string(n) + ",\"work_kind\":\"paper\"";
  const auto at = data.body.find(own);
  ASSERT_NE(at, std::string::npos) << data.body;
  const auto end = data.body.find('}', at);
  EXPECT_EQ(data.body.substr(at, end - at).find("\"withdrawn_at\":null"), std::string::npos);

  // Consent again: the same number, public again.
  auto again = c.submit(publish_path(ids.paper), {{"consent", "yes"}});
  ASSERT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(number_of(ids.paper), n);
  EXPECT_EQ(count("SELECT COUNT(*) FROM publication WHERE work_kind = 'paper' AND work_id = " +
                  std::to_string(ids.paper)),
            1);
  EXPECT_EQ(visitor.get(base).status, 200);
  EXPECT_EQ(visitor.get(base + "/file").body, PaperSpec{}.data);
}

// Through the pages, as the author does it: published, the work is found by
// its words, its topic is a facet and it is in the feed; withdrawn, all of
// that and its address are gone in the same step (every server catches up
// with the change log before it searches).
TEST_F(PublicationTest, WithdrawnIsGoneFromSearchFeedFacetsAndItsAddressAtOnce) {
  PaperSpec spec;
  spec.supervisor_person = supervisor_;
  spec.texts = {{"en", "Quokkaville returnee cooperatives", "Savings groups after return."}};
  spec.tags = {{"topic", "quokkaville cooperatives"}, {"country", "SN"}};
  auto ids = insert_paper(sql(), cohort_, author_, spec);
  auto author = sign_in("participant");
  ASSERT_EQ(author.submit(publish_path(ids.paper), {{"consent", "yes"}}).status, 303);
  const std::string work = "/knowledge/works/" + std::to_string(number_of(ids.paper));
  const std::string facet = "name=\"topic\" value=\"quokkaville cooperatives\"";
  auto visitor = client();
  auto found = visitor.get("/knowledge?q=Quokkaville");
  ASSERT_EQ(found.status, 200);
  EXPECT_NE(found.body.find(work), std::string::npos) << found.body;
  EXPECT_NE(found.body.find(facet), std::string::npos);
  EXPECT_NE(visitor.get("/knowledge?q=savings").body.find(facet), std::string::npos);
  EXPECT_NE(visitor.get("/knowledge/feed.atom").body.find("Quokkaville"), std::string::npos);
  EXPECT_EQ(visitor.get(work).status, 200);

  ASSERT_EQ(post(author, "/papers/" + std::to_string(ids.paper) + "/withdraw", {}).status, 303);
  auto gone = visitor.get("/knowledge?q=Quokkaville");
  EXPECT_EQ(gone.status, 200);
  EXPECT_EQ(gone.body.find(work), std::string::npos);
  EXPECT_EQ(gone.body.find("Quokkaville returnee"), std::string::npos);
  EXPECT_EQ(visitor.get("/knowledge?q=savings").body.find(facet), std::string::npos);
  EXPECT_EQ(visitor.get("/knowledge?topic=quokkaville+cooperatives").body.find(work),
            std::string::npos);
  EXPECT_EQ(visitor.get("/knowledge/feed.atom").body.find("Quokkaville"), std::string::npos);
  EXPECT_EQ(visitor.get(work).status, 404);
  // Staff of the programme still find the (now unpublished) paper, marked so.
  auto staff = sign_in("staff");
  EXPECT_NE(staff.get("/knowledge?q=Quokkaville").body.find("Quokkaville returnee"),
            std::string::npos);
}

TEST_F(PublicationTest, AProjectIsPublishedByItsLeadOnly) {
  long long programme = 0;
  sql().sql() << "SELECT programme_id FROM cohort WHERE id = :c", soci::use(cohort_),
      soci::into(programme);
  const int64_t member = person_of_account(sql(), demo("alumnus").email);
  const int64_t project =
      insert_project(sql(), programme, author_, {member}, "Homes for returnees");
  const std::string path = "/projects/" + std::to_string(project) + "/publish";
  const auto before = snapshot();
  for (const char* role : {"alumnus", "staff", "lecturer"}) {
    SCOPED_TRACE(role);
    auto other = sign_in(role);
    EXPECT_EQ(other.get(path).status, 404);
    EXPECT_EQ(post(other, path, {{"consent", "yes"}}).status, 404);
  }
  EXPECT_EQ(snapshot(), before);

  auto lead = sign_in("participant");
  auto page = lead.get(path);
  ASSERT_EQ(page.status, 200);
  // The lead is named; the other members stay private (they were not asked).
  EXPECT_NE(page.body.find("ليلى حداد"), std::string::npos);
  EXPECT_EQ(page.body.find("Arben Hoxha"), std::string::npos);
  auto r = lead.submit(path, {{"consent", "yes"}});
  ASSERT_EQ(r.status, 303) << r.body;
  long long n = 0;
  sql().sql() << "SELECT id FROM publication WHERE work_kind = 'project' AND work_id = :p",
      soci::use(project), soci::into(n);
  ASSERT_GT(n, 0);
  auto visitor = client();
  auto shown = visitor.get("/knowledge/works/" + std::to_string(n));
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Homes for returnees"), std::string::npos);
  EXPECT_NE(shown.body.find("Practice project"), std::string::npos);
  EXPECT_NE(shown.body.find("ليلى حداد"), std::string::npos);
  EXPECT_EQ(shown.body.find("Arben Hoxha"), std::string::npos);
  EXPECT_EQ(visitor.get("/knowledge/works/" + std::to_string(n) + ".bib").body.find("Arben Hoxha"),
            std::string::npos);
  // (Arben Hoxha is named elsewhere as the author of a published paper.)
  auto hit = visitor.get("/knowledge?q=Homes+returnees");
  const auto at = hit.body.find("Homes for returnees");
  ASSERT_NE(at, std::string::npos) << hit.body;
  EXPECT_EQ(hit.body.substr(at, hit.body.find("</li>", at) - at).find("Arben Hoxha"),
            std::string::npos);
  // A project has no file.
  EXPECT_EQ(visitor.get("/knowledge/works/" + std::to_string(n) + "/file").status, 404);
  auto w = post(lead, "/projects/" + std::to_string(project) + "/withdraw", {});
  EXPECT_EQ(w.status, 303);
  EXPECT_EQ(visitor.get("/knowledge/works/" + std::to_string(n)).status, 404);
}

// The demo gives consent for most accepted papers and some projects, reads
// them from the database, and adds nothing the second time.
TEST_F(PublicationTest, DemoConsentsAreIdempotent) {
  db::Session& db = sql();
  // Start from the demo's papers and projects without any consent yet.
  db.sql() << "DELETE FROM publication";
  db.sql() << "DELETE FROM search_change";
  const long accepted = count("SELECT COUNT(*) FROM paper WHERE status = 'accepted'");
  ASSERT_GT(accepted, 4);
  demo::load_publications(db, 1767225600);
  const long once = count("SELECT COUNT(*) FROM publication");
  EXPECT_GT(count("SELECT COUNT(*) FROM publication WHERE work_kind = 'paper'"), 4);
  EXPECT_GT(count("SELECT COUNT(*) FROM publication WHERE work_kind = 'project'"), 0);
  EXPECT_LT(count("SELECT COUNT(*) FROM publication WHERE work_kind = 'paper'"), accepted);
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_change"), once);
  demo::load_publications(db, 1767225600 + 86400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM publication"), once);
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_change"), once);
  // Each published paper's page is public, with its file (a real PDF).
  long long n = 0;
  db.sql() << "SELECT MIN(id) FROM publication WHERE work_kind = 'paper'", soci::into(n);
  EXPECT_EQ(client().get("/knowledge/works/" + std::to_string(n) + "/file").body.rfind("%PDF", 0),
            0u);
}

// The index learns of a name that leaves a work (erasure) and of a work
// that passes to the surviving record (merge), in the same transaction.
TEST_F(PublicationTest, ErasureAndMergeAreRecordedForTheSearchIndex) {
  // Two participants of the demo without an account, in different cohorts.
  long long first = 0, second = 0, first_cohort = 0, second_cohort = 0;
  sql().sql() << "SELECT MIN(e.person_id) FROM enrolment e JOIN person p ON p.id = e.person_id "
                 "WHERE e.role = 'participant' AND p.account_id IS NULL AND e.cohort_id = :c",
      soci::use(cohort_), soci::into(first);
  sql().sql() << "SELECT MIN(e.person_id) FROM enrolment e JOIN person p ON p.id = e.person_id "
                 "WHERE e.role = 'participant' AND p.account_id IS NULL AND e.cohort_id <> :c "
                 "AND e.person_id NOT IN (SELECT person_id FROM enrolment WHERE cohort_id = :c2)",
      soci::use(cohort_), soci::use(cohort_), soci::into(second);
  ASSERT_GT(first, 0);
  ASSERT_GT(second, 0);
  first_cohort = cohort_of_person(sql(), first);
  second_cohort = cohort_of_person(sql(), second);
  std::string first_name;
  sql().sql() << "SELECT name FROM person WHERE id = :p", soci::use(first), soci::into(first_name);
  const auto erased_paper = insert_paper(sql(), first_cohort, first, PaperSpec{});
  const auto merged_paper = insert_paper(sql(), second_cohort, second, PaperSpec{});
  long long n = 0;
  const long long now = 1767225600;
  sql().sql() << "INSERT INTO publication (work_kind, work_id, version_id, consent_at, "
                 "published_at) VALUES ('paper', :p, :v, :t, :t2) RETURNING id",
      soci::use(erased_paper.paper), soci::use(erased_paper.final_version), soci::use(now),
      soci::use(now), soci::into(n);
  auto visitor = client();
  const std::string work = "/knowledge/works/" + std::to_string(n);
  ASSERT_NE(visitor.get(work).body.find(first_name), std::string::npos);

  auto changes_of = [&](long long paper) {
    return count("SELECT COUNT(*) FROM search_change WHERE work_kind = 'paper' AND work_id = " +
                 std::to_string(paper));
  };
  auto staff = sign_in("staff");
  const std::string person = "/people/" + std::to_string(first);
  auto erased = staff.submit(person + "/erase", {{"confirm_id", std::to_string(first)}});
  ASSERT_EQ(erased.status, 303) << erased.body;
  EXPECT_EQ(changes_of(erased_paper.paper), 1);
  // The public page and its citation no longer name the person.
  EXPECT_EQ(visitor.get(work).body.find(first_name), std::string::npos);
  EXPECT_EQ(visitor.get(work + ".bib").body.find(first_name), std::string::npos);

  // Merge `second` into the demo participant: the paper passes to the survivor.
  const std::string survivor = "/people/" + std::to_string(author_);
  auto merged = staff.submit(survivor + "/merge?other=" + std::to_string(second),
                             {{"other", std::to_string(second)}}, survivor + "/merge");
  ASSERT_EQ(merged.status, 303) << merged.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM paper WHERE id = " + std::to_string(merged_paper.paper) +
                  " AND person_id = " + std::to_string(author_)),
            1);
  EXPECT_EQ(changes_of(merged_paper.paper), 1);
}

}  // namespace
}  // namespace crm::test

// The knowledge base's public list and search (/knowledge) and its Atom feed
// through a real server, on both databases: what anonymous visitors and
// staff see, consent withdrawn, bad queries, erasure and merge, and the text
// of uploaded files.
#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <fstream>

#include "db/blob.hpp"
#include "http/support/search_fixture.hpp"
#include "http/support/test_server.hpp"
#include "search/change_log.hpp"
#include "search/extract.hpp"

namespace crm::test {
namespace {

using soci::into;
using soci::use;

class KnowledgeSearchTest : public HttpTest {
 protected:
  int64_t demo_programme() {
    long long p = 0;
    sql().sql() << "SELECT MIN(programme_id) FROM programme_staff ps JOIN account a ON a.id = "
                   "ps.account_id WHERE a.email = :e",
        use(demo("staff").email), into(p);
    return p;
  }
  // After the demo's publications (made at the demo's load), so the newest-first
  // list and the feed begin with the test's own works.
  int64_t now_ = static_cast<int64_t>(std::time(nullptr)) + 86400;
};

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

TEST_F(KnowledgeSearchTest, AnonymousFindsAPublishedWorkByAnArabicQuery) {
  auto w = search_world(sql(), "kb");
  int64_t pub = 0;
  search_add_paper(sql(), w, w.person,
                   {{"ar", "المهاجر والعودة", "دراسة عن عودة المهاجر إلى بلده."},
                    {"en", "The migrant and return", "A study of return."}},
                   {{"country", "IQ"}, {"gcm", "21"}, {"target_group", "women"}}, true, now_, &pub);
  auto c = client();
  auto res =
      c.get("/knowledge?q=" +
            std::string("%D8%A7%D9%84%D9%85%D9%87%D8%A7%D8%AC%D8%B1%D9%8A%D9%86"));  // المهاجرين
  ASSERT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "/knowledge/works/" + std::to_string(pub))) << res.body;
  EXPECT_TRUE(has(res.body, "<mark>")) << res.body;
  EXPECT_TRUE(has(res.body, "Iraq"));  // the country facet, named
  EXPECT_TRUE(has(res.body, "name=\"gcm\" value=\"21\""));
  // The list without words, newest first, and the feed.
  EXPECT_TRUE(has(c.get("/knowledge").body, "The migrant and return"));
  auto feed = c.get("/knowledge/feed.atom");
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.header("content-type"), "application/atom+xml; charset=utf-8");
  EXPECT_TRUE(has(feed.body, "/knowledge/works/" + std::to_string(pub)));
  // German reader: facet labels in German.
  c.accept_language = "de";
  EXPECT_TRUE(has(c.get("/knowledge?q=return").body, "Irak"));
}

TEST_F(KnowledgeSearchTest, TheFeedIsValidAtomWithUserTextEscaped) {
  auto w = search_world(sql(), "feed");
  search_add_paper(sql(), w, w.person,
                   {{"en", "Tom & Jerry <script>alert(1)</script> \x01 return", "Abstract & <b>"}},
                   {}, true, now_);
  auto feed = client().get("/knowledge/feed.atom");
  ASSERT_EQ(feed.status, 200);
  EXPECT_FALSE(has(feed.body, "<script>"));
  EXPECT_TRUE(has(feed.body, "Tom &amp; Jerry &lt;script&gt;"));
  const std::string path = ::testing::TempDir() + "crm-feed.xml";
  std::ofstream(path) << feed.body;
  EXPECT_EQ(std::system(("xmllint --noout " + path + " 2>/dev/null").c_str()), 0) << feed.body;
  std::remove(path.c_str());
}

TEST_F(KnowledgeSearchTest, ConsentWithdrawnIsGoneFromSearchFeedAndFacetsInOneStep) {
  auto w = search_world(sql(), "wd");
  auto a = search_add_paper(sql(), w, w.person, {{"en", "Withdrawn counselling study", ""}},
                            {{"country", "FJ"}}, true, now_);
  auto c = client();
  ASSERT_TRUE(has(c.get("/knowledge?q=counselling").body, "Withdrawn counselling study"));
  ASSERT_TRUE(has(c.get("/knowledge?q=counselling").body, "name=\"country\" value=\"FJ\""));
  search_withdraw(sql(), a, now_ + 1);
  auto page = c.get("/knowledge?q=counselling");
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(has(page.body, "Withdrawn counselling study"));
  EXPECT_FALSE(has(page.body, "name=\"country\" value=\"FJ\""));
  EXPECT_FALSE(has(c.get("/knowledge/feed.atom").body, "Withdrawn counselling study"));
  EXPECT_FALSE(has(c.get("/knowledge?country=FJ").body, "Withdrawn counselling study"));
}

TEST_F(KnowledgeSearchTest, StaffSeeUnpublishedWorksOfTheirProgrammeOnly) {
  auto mine = search_world_in(sql(), demo_programme(), "own");
  auto other = search_world(sql(), "elsewhere");
  search_add_paper(sql(), mine, mine.person, {{"en", "Draft on livelihoods here", ""}}, {}, false,
                   now_);
  search_add_paper(sql(), other, other.person, {{"en", "Draft on livelihoods elsewhere", ""}}, {},
                   false, now_);
  auto staff = sign_in("staff");
  auto page = staff.get("/knowledge?q=livelihoods");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "Draft on livelihoods here"));
  EXPECT_TRUE(has(page.body, "class=\"badge\"")) << "marked unpublished";
  EXPECT_FALSE(has(page.body, "Draft on livelihoods elsewhere"));
  for (auto* role : {"participant", "lecturer"}) {
    auto body = sign_in(role).get("/knowledge?q=livelihoods").body;
    EXPECT_FALSE(has(body, "Draft on livelihoods")) << role;
  }
  EXPECT_FALSE(has(client().get("/knowledge?q=livelihoods").body, "Draft on livelihoods"));
  EXPECT_FALSE(has(client().get("/knowledge/feed.atom").body, "Draft on livelihoods"));
  auto admin = sign_in("admin");
  auto all = admin.get("/knowledge?q=livelihoods").body;
  EXPECT_TRUE(has(all, "Draft on livelihoods here"));
  EXPECT_TRUE(has(all, "Draft on livelihoods elsewhere"));
}

TEST_F(KnowledgeSearchTest, BadQueriesGetAClearMessageAndChangeNothing) {
  auto w = search_world(sql(), "bad");
  search_add_paper(sql(), w, w.person, {{"en", "Return and reintegration", ""}}, {}, true, now_);
  const auto before = state();
  auto c = client();
  std::string many;
  for (int i = 0; i < 1500; ++i) many += "ab+";
  auto res = c.get("/knowledge?q=" + many);
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "only its first 64 words were searched")) << res.body.substr(0, 2000);
  res = c.get("/knowledge?q=return+AND");
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(has(res.body, "so its words were searched as they are")) << res.body.substr(0, 3000);
  res = c.get("/knowledge?country=XX&gcm=99");
  EXPECT_EQ(res.status, 422);
  EXPECT_TRUE(has(res.body, "is not known and was left out"));
  EXPECT_TRUE(has(res.body, "Return and reintegration"));  // the rest of the page stands
  for (std::string q : {"/knowledge?q=", "/knowledge?page=0", "/knowledge?page=99999",
                        "/knowledge?page=abc", "/knowledge?q=*", "/knowledge?q=NOT",
                        "/knowledge?q=%00", "/knowledge?year=20266", "/knowledge?topic="}) {
    auto r = c.get(q);
    EXPECT_TRUE(r.status == 200 || r.status == 422 || r.status == 400) << q << " " << r.status;
  }
  EXPECT_EQ(c.get("/knowledge?q=reintegration").status, 200);
  EXPECT_EQ(state(), before);
}

TEST_F(KnowledgeSearchTest, AnErasedPersonsNameLeavesTheIndex) {
  auto w = search_world(sql(), "er");
  search_add_paper(sql(), w, w.person, {{"en", "Erasure test paper", ""}}, {}, true, now_);
  auto c = client();
  ASSERT_TRUE(has(c.get("/knowledge?q=Haddad").body, "Erasure test paper"));
  // Erased as the privacy page does it (staff of a programme the person is in).
  auto admin = sign_in("admin");
  const std::string id = std::to_string(w.person);
  auto done = admin.submit("/people/" + id + "/erase", {{"confirm_id", id}});
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 2000);
  auto page = c.get("/knowledge?q=Haddad");
  EXPECT_FALSE(has(page.body, "Erasure test paper"));
  EXPECT_FALSE(has(c.get("/knowledge?q=erasure").body, "Amal Haddad"));
  EXPECT_FALSE(has(c.get("/knowledge/feed.atom").body, "Amal Haddad"));
}

TEST_F(KnowledgeSearchTest, AMergedPersonIsFoundUnderTheSurvivingRecord) {
  auto w = search_world_in(sql(), demo_programme(), "mg");
  search_add_paper(sql(), w, w.person, {{"en", "Merge test paper", ""}}, {}, true, now_);
  int64_t survivor;
  {
    db::Transaction tx(sql());
    survivor = search_insert_person(sql(), "Leila Survivor", "leila.survivor@example.org");
    tx.commit();
  }
  auto c = client();
  ASSERT_TRUE(has(c.get("/knowledge?q=Haddad").body, "Merge test paper"));
  // Merged as the people service does it: the duplicate points at the survivor.
  {
    long long dup = w.person, s = survivor, t = now_;
    db::Transaction tx(sql());
    sql().sql() << "UPDATE person SET merged_into = :s WHERE id = :d", use(s), use(dup);
    search::record_person_change(sql(), w.person, t);
    tx.commit();
  }
  EXPECT_TRUE(has(c.get("/knowledge?q=Survivor").body, "Merge test paper"));
  EXPECT_FALSE(has(c.get("/knowledge?q=merge").body, "Amal Haddad"));
}

// A one-page PDF with `text`, drawn with cairo.
std::string pdf_with(const std::string& text) {
  std::string out;
  auto write = [](void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  };
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(write, &out, 595, 842);
  cairo_t* cr = cairo_create(s);
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 14);
  cairo_move_to(cr, 50, 100);
  cairo_show_text(cr, text.c_str());
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return out;
}

TEST_F(KnowledgeSearchTest, TheTextOfAnUploadedFileIsSearched) {
  auto w = search_world(sql(), "file");
  auto paper =
      search_add_paper(sql(), w, w.person, {{"en", "A paper with a file", ""}}, {}, true, now_);
  // The extraction job runs now, not at the test's later publication time.
  long long version = 0, p = paper, t = static_cast<long long>(std::time(nullptr));
  {
    const std::string bytes =
        db::blob_param(sql(), pdf_with("Microenterprise grants for returnees"));
    db::Transaction tx(sql());
    sql().sql()
        << "INSERT INTO paper_version (paper_id, number, milestone, filename, content_type, "
           "size, data, uploaded_at) VALUES (:p, 1, 'final', 'paper.pdf', 'application/pdf', "
           "10, :d, :t) RETURNING id",
        use(p), use(bytes), use(t), into(version);
    search::enqueue_extraction(sql(), search::FileOwner::paper_version, version, t);
    tx.commit();
  }
  auto c = client();
  EXPECT_FALSE(has(c.get("/knowledge?q=microenterprise").body, "A paper with a file"));
  EXPECT_GE(run_jobs(), 1);
  auto page = c.get("/knowledge?q=microenterprise");
  EXPECT_TRUE(has(page.body, "A paper with a file"));
  EXPECT_TRUE(has(page.body, "<mark>Microenterprise</mark>")) << page.body;
}

TEST(SearchExtract, ABrokenFileFailsWithAClearErrorAndPlainTextIsTaken) {
  auto bad = search::extract_text("application/pdf", "this is not a PDF");
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.error.find("pdftotext"), std::string::npos) << bad.error;
  auto docx = search::extract_text(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "not a zip");
  EXPECT_TRUE(!docx.ok || docx.text.empty());
  auto plain = search::extract_text("text/plain", std::string("abc\0def\xff", 8));
  EXPECT_TRUE(plain.ok);
  EXPECT_EQ(plain.text.find('\0'), std::string::npos);
  auto none = search::extract_text("image/png", "x");
  EXPECT_FALSE(none.ok);
}

}  // namespace
}  // namespace crm::test

// The search index against a real database (both backends): stemming per
// language, phrases, wildcards, visibility, consent withdrawn, facets,
// snippets, bad queries, and `crm reindex` giving what the live index gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "http/support/search_fixture.hpp"
#include "http/support/test_server.hpp"
#include "search/index.hpp"

namespace crm::search {
namespace {

using test::PaperText;

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("crm-search-test-" + std::to_string(std::random_device{}()));
    session_ = std::make_unique<db::Session>(database_.url());
    // Only this test's works: the demo's papers, projects and resources would
    // answer the same words.
    for (const char* table : {"publication", "paper", "project", "resource", "search_change"})
      session_->sql() << std::string("DELETE FROM ") + table;
    world_ = test::search_world(*session_, "srch");
    index_ = std::make_unique<Index>(dir_.string());
  }
  void TearDown() override {
    index_.reset();
    session_.reset();
    std::filesystem::remove_all(dir_);
  }

  int64_t paper(const std::vector<PaperText>& texts, bool publish = true,
                const std::vector<std::pair<std::string, std::string>>& tags = {}) {
    // One paper per person and cohort: each by an author of its own.
    auto n = std::to_string(++authors_);
    int64_t author;
    {
      db::Transaction tx(*session_);
      author = test::search_insert_person(*session_, "Author" + n + " Writer",
                                          "author" + n + "@example.org");
      tx.commit();
    }
    return test::search_add_paper(*session_, world_, author, texts, tags, publish, now_++);
  }

  SearchResult run(const std::string& q, Visibility v = {},
                   std::map<std::string, std::vector<std::string>> filters = {}) {
    SearchRequest r;
    r.q = q;
    r.visibility = std::move(v);
    r.filters = std::move(filters);
    return index_->search(*session_, r);
  }

  std::vector<int64_t> ids(const std::string& q, Visibility v = {}) {
    std::vector<int64_t> out;
    for (const auto& h : run(q, std::move(v)).hits) out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
  }

  test::TestDatabase database_;
  std::unique_ptr<db::Session> session_;
  test::SearchWorld world_;
  std::filesystem::path dir_;
  std::unique_ptr<Index> index_;
  int64_t now_ = 1767225600;
  int authors_ = 0;
};

using V = std::vector<int64_t>;

TEST_F(SearchIndexTest, ArabicArticleAndSoundPluralFindTheSingular) {
  auto a = paper({{"ar", "مهاجر في المدينة", ""}});
  auto other = paper({{"ar", "التعليم المهني", ""}});
  EXPECT_EQ(ids("المهاجرين"), V{a});
  EXPECT_EQ(ids("والمهاجرون"), V{a});
  EXPECT_EQ(ids("المهني"), V{other});
}

TEST_F(SearchIndexTest, VowelledArabicFindsUnvowelledAndBack) {
  auto a = paper({{"ar", "العَوْدَةُ الطَّوْعِيَّة", ""}});
  auto b = paper({{"ar", "إعادة الإدماج", ""}});
  EXPECT_EQ(ids("العودة"), V{a});
  EXPECT_EQ(ids("الإِدْمَاج"), V{b});
  EXPECT_EQ(ids("الادماج"), V{b});  // alef without hamza
}

TEST_F(SearchIndexTest, GermanPluralsFindTheSingular) {
  auto kind = paper({{"de", "Das Kind in der Schule", ""}});
  auto rf = paper({{"de", "Eine Rückführung", "Über die Rueckkehr nach Syrien."}});
  EXPECT_EQ(ids("Kinder"), V{kind});
  EXPECT_EQ(ids("Rückführungen"), V{rf});
  EXPECT_EQ(ids("Rueckfuehrungen"), V{rf});
  EXPECT_EQ(ids("Rückkehr"), V{rf});  // ü and ue meet
}

TEST_F(SearchIndexTest, TurkishSuffixesFindTheStem) {
  auto g = paper({{"tr", "Göçmen ve aile", ""}});
  EXPECT_EQ(ids("göçmenlerin"), V{g});
  EXPECT_EQ(ids("GÖÇMENLERİN"), V{g});  // Turkish İ
}

TEST_F(SearchIndexTest, FrenchAndItalianPluralsAndElisions) {
  auto fr = paper({{"fr", "Les politiques d’intégration", "Le retour des migrants."}});
  auto it = paper({{"it", "Centri di accoglienza", "Il rimpatrio dei migranti."}});
  EXPECT_EQ(ids("l'intégration"), V{fr});
  EXPECT_EQ(ids("intégrations"), V{fr});
  EXPECT_EQ(ids("dell'accoglienza"), V{it});
  EXPECT_EQ(ids("nell’accoglienza"), V{it});
  EXPECT_EQ(ids("accoglienze"), V{it});
  EXPECT_EQ(ids("rimpatri"), V{it});
}

TEST_F(SearchIndexTest, EnglishPhraseQuery) {
  auto a = paper({{"en", "Reintegration counselling for returnees", ""}});
  auto b = paper({{"en", "Counselling and reintegration", ""}});
  EXPECT_EQ(ids("\"reintegration counselling\""), V{a});
  EXPECT_EQ(ids("reintegration counselling"), (V{a, b}));
}

TEST_F(SearchIndexTest, PhrasesMatchTheWordsAsWrittenInOrderWithinOneText) {
  auto a = paper({{"en", "The return of children to school", ""}});
  auto b = paper({{"en", "Children of return migrants", ""}});
  auto c = paper({{"en", "Vocational", "Training for returnees"}});  // two texts
  auto d = paper({{"ar", "العودة الطوعية للأطفال", ""}});
  EXPECT_EQ(ids("\"return of children\""), V{a});
  EXPECT_EQ(ids("\"children of return\""), V{b});
  EXPECT_EQ(ids("\"Return of Children\""), V{a});  // letter case is not the wording
  EXPECT_EQ(ids("\"vocational training\""), V{});  // no phrase across title and abstract
  EXPECT_EQ(ids("vocational training"), V{c});
  EXPECT_EQ(ids("\"العودة الطوعية\""), V{d});
  EXPECT_EQ(ids("\"الطوعية العودة\""), V{});
  // Quotes ask for these words: the plural is another wording.
  EXPECT_EQ(ids("\"returns of children\""), V{});
  EXPECT_EQ(ids("returns children"), (V{a, b}));
  // Inside a larger query, and with a facet filter.
  EXPECT_EQ(ids("\"return of children\" OR vocational"), (V{a, c}));
  EXPECT_EQ(run("\"return of children\"", {}, {{"country", {"IQ"}}}).total, 0);
}

TEST_F(SearchIndexTest, WildcardFindsUnstemmedWords) {
  auto a = paper({{"de", "Rückkehrerinnen erzählen", "Rückkehrerinnen und ihre Familien"}});
  paper({{"de", "Ausbildung", ""}});
  EXPECT_EQ(ids("Rückkehr*"), V{a});
  EXPECT_EQ(ids("rueckkehr*"), V{a});
  EXPECT_NE(run("Rückkehr*").hits.at(0).snippet_html.find("<mark>Rückkehrerinnen</mark>"),
            std::string::npos);
}

TEST_F(SearchIndexTest, EachTextIsStemmedInItsOwnLanguage) {
  auto a =
      paper({{"ar", "المهاجرون", ""}, {"en", "Migrants", "Returning migrants and their families"}});
  EXPECT_EQ(ids("مهاجر"), V{a});
  EXPECT_EQ(ids("families"), V{a});
  EXPECT_EQ(ids("family"), V{a});
}

TEST_F(SearchIndexTest, BooleanOperators) {
  auto a = paper({{"en", "Return to Iraq", ""}});
  auto b = paper({{"en", "Return to Syria", ""}});
  EXPECT_EQ(ids("return NOT iraq"), V{b});
  EXPECT_EQ(ids("iraq OR syria"), (V{a, b}));
  EXPECT_EQ(ids("iraq AND syria"), V{});
}

TEST_F(SearchIndexTest, TheNamesOfPeopleAreSearched) {
  auto a = test::search_add_paper(*session_, world_, world_.person, {{"en", "Something", ""}}, {},
                                  true, now_++);
  EXPECT_EQ(ids("Haddad"), V{a});
  EXPECT_EQ(ids("Becker"), V{a});  // the supervisor
}

TEST_F(SearchIndexTest, PublicSeesPublishedOnlyStaffTheirProgramme) {
  auto pub = paper({{"en", "Shared knowledge", ""}});
  auto draft = paper({{"en", "Unpublished knowledge", ""}}, false);
  auto other_world = test::search_world(*session_, "other");
  auto foreign = test::search_add_paper(*session_, other_world, other_world.person,
                                        {{"en", "Foreign knowledge", ""}}, {}, false, now_++);
  EXPECT_EQ(ids("knowledge"), V{pub});
  EXPECT_EQ(ids("knowledge", Visibility{false, {world_.programme}}), (V{pub, draft}));
  EXPECT_EQ(ids("knowledge", Visibility{true, {}}), (V{pub, draft, foreign}));
  auto r = run("knowledge", Visibility{false, {world_.programme}});
  for (const auto& h : r.hits) EXPECT_EQ(h.published, h.id == pub);
  // The list without words applies the same rule (it is read from memory,
  // not from a Xapian query).
  EXPECT_EQ(ids(""), V{pub});
  EXPECT_EQ(ids("", Visibility{false, {world_.programme}}), (V{pub, draft}));
  EXPECT_EQ(ids("", Visibility{false, {other_world.programme}}), (V{pub, foreign}));
  EXPECT_EQ(ids("", Visibility{true, {}}), (V{pub, draft, foreign}));
  EXPECT_EQ(run("", Visibility{false, {world_.programme}}).facets["kind"].at(0).count, 2);
}

TEST_F(SearchIndexTest, ConsentWithdrawnIsGoneFromResultsAndFacetsAtOnce) {
  auto a = paper({{"en", "Economic reintegration", ""}}, true, {{"country", "IQ"}});
  auto b = paper({{"en", "Social reintegration", ""}}, true, {{"country", "SY"}});
  auto r = run("reintegration");
  EXPECT_EQ(r.total, 2);
  ASSERT_EQ(r.facets["country"].size(), 2u);
  test::search_withdraw(*session_, a, now_++);
  // The next search catches up first: no timer needed.
  r = run("reintegration");
  ASSERT_EQ(r.total, 1);
  EXPECT_EQ(r.hits[0].id, b);
  ASSERT_EQ(r.facets["country"].size(), 1u);
  EXPECT_EQ(r.facets["country"][0].value, "SY");
  EXPECT_EQ(ids(""), V{b});
  EXPECT_EQ(run("", {}, {{"country", {"IQ"}}}).total, 0);
}

TEST_F(SearchIndexTest, FacetCountsFollowTheQueryAndFilters) {
  paper({{"en", "Return to Iraq", ""}}, true, {{"country", "IQ"}, {"gcm", "21"}});
  paper({{"en", "Return to Iraq and Syria", ""}}, true,
        {{"country", "IQ"}, {"country", "SY"}, {"gcm", "21"}});
  paper({{"en", "Vocational training", ""}}, true, {{"country", "SY"}});
  auto r = run("return");
  EXPECT_EQ(r.total, 2);
  std::map<std::string, long> c;
  for (const auto& f : r.facets["country"]) c[f.value] = f.count;
  EXPECT_EQ(c["IQ"], 2);
  EXPECT_EQ(c["SY"], 1);
  EXPECT_EQ(r.facets["gcm"].at(0).count, 2);
  EXPECT_EQ(r.facets["kind"].at(0).value, "paper");
  r = run("", {}, {{"country", {"SY"}}});
  EXPECT_EQ(r.total, 2);
  r = run("", {}, {{"country", {"SY"}}, {"gcm", {"21"}}});
  EXPECT_EQ(r.total, 1);
  r = run("", {}, {{"country", {"SY", "IQ"}}});  // OR within a facet
  EXPECT_EQ(r.total, 3);
  EXPECT_EQ(run("", {}, {{"country", {"ZZ"}}}).total, 0);  // a value no work has
  EXPECT_TRUE(run("", {}, {{"country", {"ZZ"}}}).facets.empty());
  EXPECT_EQ(run("", {}, {{"country", {"ZZ", "IQ"}}}).total, 2);
  EXPECT_EQ(run("return", {}, {{"country", {"ZZ"}}}).total, 0);
  EXPECT_EQ(run("", {}, {{"country", {"IQ"}}, {"nonsense", {"x"}}}).total, 2);  // not a facet
}

TEST_F(SearchIndexTest, FacetCountsEqualAPlainCountOfTheMatchingWorks) {
  // Works with random words and tags; every count the index gives for a
  // query and filter is the count of the works that match, counted here.
  std::mt19937 rng(7);
  const std::vector<std::string> words = {"return", "training", "health", "women"};
  const std::vector<std::string> countries = {"IQ", "SY", "AF", "NG"};
  struct Work {
    std::set<std::string> words;
    std::vector<std::pair<std::string, std::string>> tags;
  };
  std::vector<Work> works;
  for (int i = 0; i < 30; ++i) {
    Work w;
    std::string title;
    for (const auto& word : words)
      if (rng() % 2) {
        w.words.insert(word);
        title += word + " ";
      }
    title += "study";
    for (const auto& c : countries)
      if (rng() % 3 == 0) w.tags.emplace_back("country", c);
    w.tags.emplace_back("gcm", std::to_string(1 + rng() % 5));
    paper({{"en", title, ""}}, true, w.tags);
    works.push_back(std::move(w));
  }
  for (const std::string q : {"", "return", "training", "health women"})
    for (const std::string country : {"", "IQ", "SY"}) {
      std::map<std::string, std::vector<std::string>> filters;
      if (!country.empty()) filters["country"] = {country};
      auto r = run(q, {}, filters);
      std::map<std::string, std::map<std::string, long>> expected;
      long total = 0;
      for (const auto& w : works) {
        bool match = true;
        for (const auto& word : words)
          if (q.find(word) != std::string::npos && !w.words.count(word)) match = false;
        if (!country.empty() &&
            std::find(w.tags.begin(), w.tags.end(),
                      std::pair<std::string, std::string>{"country", country}) == w.tags.end())
          match = false;
        if (!match) continue;
        ++total;
        for (const auto& [facet, value] : w.tags) ++expected[facet][value];
      }
      EXPECT_EQ(r.total, total) << q << " " << country;
      for (const char* facet : {"country", "gcm"}) {
        std::map<std::string, long> got;
        for (const auto& f : r.facets[facet]) got[f.value] = f.count;
        EXPECT_EQ(got, expected[facet]) << q << " " << country << " " << facet;
      }
    }
}

TEST_F(SearchIndexTest, ResourcesAreSearchedWithAKindFacet) {
  test::search_add_resource(*session_, world_, "manual", "en", "Reintegration handbook",
                            "A manual for counsellors", true, now_++);
  test::search_add_resource(*session_, world_, "report", "en", "Unpublished report", "Counsellors",
                            false, now_++);
  auto r = run("counsellors");
  ASSERT_EQ(r.total, 1);
  EXPECT_EQ(r.hits[0].kind, WorkKind::resource);
  EXPECT_EQ(r.facets["kind"].at(0).value, "manual");
}

TEST_F(SearchIndexTest, EmptyQueryListsNewestFirstWithPages) {
  std::vector<int64_t> made;
  for (int i = 0; i < 5; ++i) made.push_back(paper({{"en", "Work " + std::to_string(i), ""}}));
  SearchRequest req;
  req.per_page = 2;
  req.page = 1;
  auto r = index_->search(*session_, req);
  EXPECT_EQ(r.total, 5);
  EXPECT_EQ(r.pages, 3);
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, made[4]);
  EXPECT_EQ(r.hits[1].id, made[3]);
  req.page = 3;
  r = index_->search(*session_, req);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].id, made[0]);
}

TEST_F(SearchIndexTest, SnippetsAreEscapedWithMarksAroundMatchesOnly) {
  paper({{"en", "Title", "<script>alert(1)</script> & the returning migrants <b>bold</b>"}});
  auto r = run("migrants");
  ASSERT_EQ(r.hits.size(), 1u);
  const auto& s = r.hits[0].snippet_html;
  EXPECT_NE(s.find("&lt;script&gt;"), std::string::npos) << s;
  EXPECT_EQ(s.find("<script>"), std::string::npos) << s;
  EXPECT_EQ(s.find("<b>"), std::string::npos) << s;
  EXPECT_NE(s.find("<mark>migrants</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.find("<mark>returning</mark>"), std::string::npos) << s;
}

TEST_F(SearchIndexTest, BadQueriesGetANoticeAndNothingBreaks) {
  auto a = paper({{"en", "Return and reintegration", ""}});
  std::string huge;
  for (int i = 0; i < 10000; ++i) huge += "return ";
  auto r = run(huge);
  EXPECT_EQ(r.notice, QueryNotice::shortened);
  EXPECT_EQ(r.total, 1);
  for (std::string q : {"\"return", "return AND", "(return", "NOT", "return)) OR ((", "*",
                        "AND OR NOT", "\"\"", "-", "ab*cd*"}) {
    EXPECT_NO_THROW(run(q)) << q;
  }
  r = run("return AND");
  EXPECT_NE(r.notice, QueryNotice::shortened);
  r = run("   ");
  EXPECT_EQ(r.total, 1);  // blank: the list
  EXPECT_EQ(ids("reintegration"), V{a});
}

TEST_F(SearchIndexTest, ReindexGivesWhatTheLiveIndexGives) {
  const size_t before = count_works(*session_);  // the demo's
  paper({{"en", "Return to Iraq", "Families"}}, true, {{"country", "IQ"}});
  auto w = paper({{"de", "Rückkehr nach Syrien", ""}}, true, {{"country", "SY"}});
  paper({{"ar", "العودة إلى العراق", ""}}, false);
  test::search_withdraw(*session_, w, now_++);
  const std::vector<std::string> queries = {"", "return", "Rückkehr", "العودة", "famil*"};
  std::vector<std::pair<long, std::vector<int64_t>>> live;
  for (const auto& q : queries) {
    auto r = run(q, Visibility{false, {world_.programme}});
    std::vector<int64_t> v;
    for (const auto& h : r.hits) v.push_back(h.id);
    live.emplace_back(r.total, v);
  }
  index_.reset();
  std::filesystem::remove_all(dir_);
  index_ = std::make_unique<Index>(dir_.string());
  size_t last_total = 0;
  index_->rebuild(*session_, [&](size_t, size_t total) { last_total = total; });
  EXPECT_EQ(last_total, before + 3u);
  for (size_t i = 0; i < queries.size(); ++i) {
    auto r = index_->search_only([&] {
      SearchRequest req;
      req.q = queries[i];
      req.visibility = Visibility{false, {world_.programme}};
      return req;
    }());
    std::vector<int64_t> v;
    for (const auto& h : r.hits) v.push_back(h.id);
    EXPECT_EQ(r.total, live[i].first) << queries[i];
    EXPECT_EQ(v, live[i].second) << queries[i];
  }
  EXPECT_EQ(index_->catch_up(*session_), 0u);  // nothing left to apply
}

TEST_F(SearchIndexTest, NewChangesDoNotWaitBehindAnOpenGapAndManyAppliedRows) {
  paper({{"en", "First work", ""}});
  ids("");
  auto filler = [&](int n) {
    db::Transaction tx(*session_);
    for (int i = 0; i < n; ++i)
      session_->sql() << "INSERT INTO search_change (work_kind, work_id, changed_at) VALUES "
                         "('paper', 999999999, 1)";
    tx.commit();
  };
  // An id taken by a transaction that has not committed (here: one that
  // never will), then more than a batch of rows after it, all applied.
  filler(1);
  session_->sql() << "DELETE FROM search_change WHERE id = (SELECT MAX(id) FROM search_change)";
  filler(1);  // the gap is seen only once an id after it is applied
  ids("");
  filler(600);
  ids("");
  // A new work is found at once, not when the gap is given up on.
  auto fresh = paper({{"en", "Zanzibar returnees", ""}});
  EXPECT_EQ(ids("zanzibar"), V{fresh});
}

TEST_F(SearchIndexTest, AServerRebuildsAnIndexThatDoesNotMatchTheDatabase) {
  paper({{"en", "Return to Iraq", ""}});
  EXPECT_TRUE(index_->needs_rebuild(*session_));  // never built, nothing applied yet
  index_->rebuild(*session_);
  EXPECT_FALSE(index_->needs_rebuild(*session_));
  // A work written without its change-log row (as an old demo might).
  {
    db::Transaction tx(*session_);
    session_->sql() << "DELETE FROM search_change";
    tx.commit();
  }
  EXPECT_TRUE(index_->needs_rebuild(*session_));  // applied changes the database lacks
}

TEST_F(SearchIndexTest, ASecondProcessCannotOpenTheSameIndex) {
  EXPECT_THROW(Index other(dir_.string()), std::runtime_error);
}

}  // namespace
}  // namespace crm::search

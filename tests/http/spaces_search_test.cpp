// Searching the spaces (issue 14 §5), on both databases: the same stemming as
// the knowledge base in Arabic, German, French and English; a member of
// another cohort finds nothing of a cohort's space and gets 404 for its
// search; a protected space's words are found only inside it; hidden and
// deleted posts leave the index; the change log (triggers of migration 0027)
// brings a new post in; a rebuilt index answers the same.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "http/support/spaces_fixture.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"
#include "search/index.hpp"
#include "spaces/search_index.hpp"

namespace crm::test {
namespace {

using ll = long long;

class SpacesSearchTest : public SpacesTest {
 protected:
  ll cohort2_ = 0, cohort3_ = 0;
  ll space2_ = 0, space3_ = 0, protected_ = 0;
  std::string alice_, bob_;  // participants of cohort 2 and cohort 3 (emails)
  ll alice_id_ = 0, bob_id_ = 0;

  void SetUp() override {
    HttpTest::SetUp();
    make_programme("spaces-search-", "Search cohort");
    cohort2_ = cohort(2);
    cohort3_ = cohort(3);
    space2_ = space_of_cohort(cohort2_);
    space3_ = space_of_cohort(cohort3_);
    alice_ = "alice-" + unique() + "@search.example.org";
    bob_ = "bob-" + unique() + "@search.example.org";
    alice_id_ = account(alice_, "Alice Amrani");
    bob_id_ = account(bob_, "Bob Berger");
    enrol(alice_id_, cohort2_);
    enrol(bob_id_, cohort3_);
    // A protected theme space Alice belongs to.
    std::string theme = "theme";
    sql().sql() << "INSERT INTO space (programme_id, kind, protected, authors_hidden, created_at) "
                   "VALUES (:p, :k, 1, 1, :t) RETURNING id",
        soci::use(programme_), soci::use(theme), soci::use(now_), soci::into(protected_);
    std::string member = "member";
    sql().sql() << "INSERT INTO space_member (space_id, account_id, role, added_at) VALUES (:s, "
                   ":a, :r, :t)",
        soci::use(protected_), soci::use(alice_id_), soci::use(member), soci::use(now_);
  }

  // A participant's account that signs in with the demo participant's password.
  ll account(const std::string& email, const std::string& name) {
    const auto& d = demo("participant");
    sql().sql() << "INSERT INTO account (email, name, role, password_hash, language, time_zone, "
                   "created_at, updated_at) SELECT :e, :n, role, password_hash, 'en', 'UTC', "
                   "created_at, updated_at FROM account WHERE email = :d",
        soci::use(email), soci::use(name), soci::use(d.email);
    return account_id(email);
  }

  void enrol(ll account_id, ll cohort_id) {
    programme::Person p;
    p.name = "Person " + unique();
    p.email = "person-" + unique() + "@search.example.org";
    p.country = "IQ";
    p.account_id = account_id;
    p.created_at = now_;
    ll person = programme::store::insert_person(sql(), p);
    programme::Enrolment e;
    e.person_id = person;
    e.cohort_id = cohort_id;
    e.role = "participant";
    e.status = "participant";
    e.created_at = now_;
    programme::store::insert_enrolment(sql(), e);
  }

  Client as(const std::string& email) { return sign_in(email, demo("participant").password); }

  // A thread with its opening post; returns the post's id.
  ll thread(ll space, const std::string& title, const std::string& body, ll author) {
    ll t = 0;
    sql().sql() << "INSERT INTO thread (space_id, title, author_account_id, created_at, "
                   "last_post_at, post_count) VALUES (:s, :ti, :a, :c, :l, 1) RETURNING id",
        soci::use(space), soci::use(title), soci::use(author), soci::use(now_), soci::use(now_),
        soci::into(t);
    return post(t, body, author);
  }
  ll post(ll thread_id, const std::string& body, ll author) {
    ll p = 0;
    sql().sql() << "INSERT INTO post (thread_id, author_account_id, body, created_at) VALUES (:t, "
                   ":a, :b, :c) RETURNING id",
        soci::use(thread_id), soci::use(author), soci::use(body), soci::use(now_), soci::into(p);
    return p;
  }
  ll thread_of(ll post_id) {
    ll t = 0;
    sql().sql() << "SELECT thread_id FROM post WHERE id = :p", soci::use(post_id), soci::into(t);
    return t;
  }

  std::vector<int64_t> found(const std::string& q, std::vector<int64_t> spaces) {
    spaces::SpaceSearchRequest r;
    r.q = q;
    r.spaces = std::move(spaces);
    r.per_page = 100;
    return ids(server().space_search_index().search(sql(), r));
  }
  static std::vector<int64_t> ids(const spaces::SpaceSearchResult& res) {
    std::vector<int64_t> out;
    for (const auto& h : res.hits) out.push_back(h.post_id);
    std::sort(out.begin(), out.end());
    return out;
  }
  static std::string link(ll post_id) { return "href=\"/posts/" + std::to_string(post_id) + "\""; }
  static std::string search_url(const std::string& q, ll space = 0) {
    std::string path = space ? "/spaces/" + std::to_string(space) + "/search" : "/spaces/search";
    return path + "?q=" + url_encode(q);
  }
  static std::string url_encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
        out += static_cast<char>(c);
      else
        out += fmt::format("%{:02X}", c);
    }
    return out;
  }
};

using V = std::vector<int64_t>;

TEST_F(SpacesSearchTest, APluralFindsTheSingularInEachLanguage) {
  ll ar = thread(space2_, "عودة", "مهاجر في المدينة", alice_id_);
  ll de = thread(space2_, "Schule", "Das Kind in der Schule", alice_id_);
  ll fr = thread(space2_, "Logement", "La famille a trouvé un logement", alice_id_);
  ll en = thread(space2_, "Housing", "The family found a flat in the city", alice_id_);
  EXPECT_EQ(found("المهاجرين", {space2_}), V{ar});
  EXPECT_EQ(found("Kinder", {space2_}), V{de});
  EXPECT_EQ(found("familles", {space2_}), V{fr});
  // The query is read in every Latin-script language, as the knowledge base reads it.
  EXPECT_EQ(found("families", {space2_}), (V{fr, en}));
  EXPECT_EQ(found("logements", {space2_}), V{fr});
  EXPECT_EQ(found("flats", {space2_}), V{en});
  // The thread's title is searched with its opening post.
  EXPECT_EQ(found("Housing", {space2_}), V{en});
  // Through the page: title, snippet with <mark>, the space's name and the author.
  auto c = as(alice_);
  auto res = c.get(search_url("Kinder"));
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.body.find(link(de)), std::string::npos);
  EXPECT_NE(res.body.find("<mark>Kind</mark>"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("Search cohort 2"), std::string::npos);
  EXPECT_NE(res.body.find("Alice Amrani"), std::string::npos);
  EXPECT_EQ(res.body.find(link(en)), std::string::npos);
}

TEST_F(SpacesSearchTest, AnotherCohortsMemberFindsNothingAndGets404) {
  ll p = thread(space2_, "Reintegration", "Vocational training in Erbil", alice_id_);
  auto bob = as(bob_);
  auto res = bob.get(search_url("Erbil"));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.body.find(link(p)), std::string::npos);
  EXPECT_EQ(res.body.find("Erbil</mark>"), std::string::npos);
  EXPECT_EQ(bob.get(search_url("Erbil", space2_)).status, 404);
  EXPECT_EQ(bob.get(search_url("", space2_)).status, 404);
  EXPECT_EQ(bob.get("/spaces/999999999/search?q=Erbil").status, 404);
  // Alice finds it both ways.
  auto alice = as(alice_);
  EXPECT_NE(alice.get(search_url("Erbil")).body.find(link(p)), std::string::npos);
  EXPECT_NE(alice.get(search_url("Erbil", space2_)).body.find(link(p)), std::string::npos);
  // Not signed in: to the login.
  EXPECT_EQ(client().get(search_url("Erbil")).status, 303);
}

TEST_F(SpacesSearchTest, AProtectedSpacesWordsAreFoundOnlyInsideIt) {
  ll p = thread(protected_, "Sensitive case", "The deportation of Zaynab's brother", alice_id_);
  ll open = thread(space2_, "Open", "Nothing about zebras here", alice_id_);
  auto alice = as(alice_);
  auto outside = alice.get(search_url("deportation"));
  ASSERT_EQ(outside.status, 200);
  EXPECT_EQ(outside.body.find(link(p)), std::string::npos);
  EXPECT_EQ(outside.body.find("Zaynab"), std::string::npos);
  EXPECT_NE(outside.body.find("Protected spaces are not searched here"), std::string::npos);
  auto inside = alice.get(search_url("deportation", protected_));
  ASSERT_EQ(inside.status, 200);
  EXPECT_NE(inside.body.find(link(p)), std::string::npos);
  EXPECT_NE(inside.body.find("<mark>deportation</mark>"), std::string::npos);
  EXPECT_EQ(inside.body.find(link(open)), std::string::npos);
  EXPECT_EQ(inside.header("cache-control"), "no-store");
  // Bob is not in it.
  EXPECT_EQ(as(bob_).get(search_url("deportation", protected_)).status, 404);
}

TEST_F(SpacesSearchTest, AuthorsHiddenInAProtectedSpaceAreNotShown) {
  ll staff = account("mod-" + unique() + "@search.example.org", "Moderator Mona");
  std::string moderator = "moderator";
  sql().sql() << "INSERT INTO space_member (space_id, account_id, role, added_at) VALUES (:s, :a, "
                 ":r, :t)",
      soci::use(protected_), soci::use(staff), soci::use(moderator), soci::use(now_);
  thread(protected_, "Question", "Who handles the quarantine rules", staff);
  auto alice = as(alice_);
  auto res = alice.get(search_url("quarantine", protected_));
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("<mark>quarantine</mark>"), std::string::npos);
  EXPECT_EQ(res.body.find("Moderator Mona"), std::string::npos);
}

TEST_F(SpacesSearchTest, HiddenAndDeletedPostsAreNotFound) {
  ll a = thread(space2_, "Visas", "Kafala sponsorship questions", alice_id_);
  ll b = post(thread_of(a), "More kafala trouble", alice_id_);
  ll c = post(thread_of(a), "Kafala again", alice_id_);
  EXPECT_EQ(found("kafala", {space2_}), (V{a, b, c}));
  sql().sql() << "UPDATE post SET hidden_at = :t, hidden_reason = 'spam' WHERE id = :p",
      soci::use(now_), soci::use(b);
  sql().sql() << "UPDATE post SET deleted_at = :t, body = '' WHERE id = :p", soci::use(now_),
      soci::use(c);
  EXPECT_EQ(found("kafala", {space2_}), V{a});
  // Shown again: found again.
  sql().sql() << "UPDATE post SET hidden_at = NULL WHERE id = :p", soci::use(b);
  EXPECT_EQ(found("kafala", {space2_}), (V{a, b}));
  // A thread removed takes its posts with it; one moved goes to its new space.
  ll moved = thread(space2_, "Moving", "Tamarind orchards", alice_id_);
  EXPECT_EQ(found("tamarind", {space2_}), V{moved});
  sql().sql() << "UPDATE thread SET space_id = :s WHERE id = :t", soci::use(space3_),
      soci::use(thread_of(moved));
  EXPECT_EQ(found("tamarind", {space2_}), V{});
  EXPECT_EQ(found("tamarind", {space3_}), V{moved});
  ll t = thread_of(a);
  sql().sql() << "DELETE FROM thread WHERE id = :t", soci::use(t);
  EXPECT_EQ(found("kafala", {space2_}), V{});
}

// A thread is found by its title on its first visible post: hiding or
// deleting the opening post does not take the thread out of a search for its
// title, and showing it again gives the title back (found once, not twice).
TEST_F(SpacesSearchTest, AThreadIsFoundByItsTitleWhenItsOpeningPostIsHidden) {
  ll a = thread(space2_, "Remittance corridors", "Opening words", alice_id_);
  ll b = post(thread_of(a), "A first answer", alice_id_);
  ll c = post(thread_of(a), "A second answer", alice_id_);
  EXPECT_EQ(found("corridors", {space2_}), V{a});
  sql().sql() << "UPDATE post SET hidden_at = :t, hidden_reason = 'spam' WHERE id = :p",
      soci::use(now_), soci::use(a);
  EXPECT_EQ(found("corridors", {space2_}), V{b});
  sql().sql() << "UPDATE post SET deleted_at = :t, body = '' WHERE id = :p", soci::use(now_),
      soci::use(b);
  EXPECT_EQ(found("corridors", {space2_}), V{c});
  sql().sql() << "UPDATE post SET hidden_at = NULL, hidden_reason = '' WHERE id = :p", soci::use(a);
  EXPECT_EQ(found("corridors", {space2_}), V{a});
  EXPECT_EQ(found("second", {space2_}), V{c});
}

TEST_F(SpacesSearchTest, TheFollowerBringsANewPostInAndARebuildAnswersTheSame) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("crm-space-search-" + std::to_string(std::random_device{}()));
  {
    spaces::SearchIndex index(dir.string());
    index.rebuild(sql());
    const size_t before = index.size();
    search::Follower follower("space_search_follow_failed", db_url(), std::chrono::milliseconds(20),
                              [&index](db::Session& db) { index.catch_up(db); });
    ll p = thread(space2_, "Fresh", "A brand new exchange about apprenticeships", alice_id_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (index.size() == before && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(index.size(), before + 1);
    spaces::SpaceSearchRequest r;
    r.q = "apprenticeship";
    r.spaces = {space2_};
    EXPECT_EQ(ids(index.search(sql(), r)), V{p});
  }
  // Rebuilt from scratch by command, it answers as the one kept by the log.
  thread(space2_, "Rebuild", "Cooperatives of returnees, Genossenschaften", alice_id_);
  ll hidden = thread(space2_, "Hidden", "Cooperatives gone", alice_id_);
  sql().sql() << "UPDATE post SET hidden_at = :t WHERE id = :p", soci::use(now_), soci::use(hidden);
  std::filesystem::remove_all(dir);
  spaces::SearchIndex rebuilt(dir.string());
  rebuilt.rebuild(sql());
  EXPECT_FALSE(rebuilt.needs_rebuild(sql()));
  for (const std::string q : {"cooperative", "Genossenschaft", "apprenticeships", "المهاجرين"}) {
    spaces::SpaceSearchRequest r;
    r.q = q;
    r.spaces = {space2_, space3_, protected_};
    r.per_page = 100;
    EXPECT_EQ(ids(rebuilt.search(sql(), r)), found(q, r.spaces)) << q;
  }
  std::filesystem::remove_all(dir);
}

TEST_F(SpacesSearchTest, UserTextIsEscapedInSnippetsAndTitles) {
  ll p = thread(space2_, "<img src=x onerror=alert(1)>", "<script>alert('olive')</script> olive",
                alice_id_);
  auto res = as(alice_).get(search_url("olive"));
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.body.find(link(p)), std::string::npos);
  EXPECT_EQ(res.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(res.body.find("<img src=x"), std::string::npos);
  EXPECT_NE(res.body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(SpacesSearchTest, ResultsArePaged) {
  ll first = thread(space2_, "Many", "Pomegranate 0", alice_id_);
  for (int i = 1; i < 25; ++i)
    post(thread_of(first), "Pomegranate " + std::to_string(i), alice_id_);
  auto c = as(alice_);
  auto one = c.get(search_url("pomegranate"));
  ASSERT_EQ(one.status, 200);
  EXPECT_NE(one.body.find("25 posts found"), std::string::npos);
  EXPECT_NE(one.body.find("page=2"), std::string::npos);
  auto two = c.get(search_url("pomegranate") + "&page=2");
  ASSERT_EQ(two.status, 200);
  size_t n = 0;
  for (size_t at = two.body.find("href=\"/posts/"); at != std::string::npos;
       at = two.body.find("href=\"/posts/", at + 1))
    ++n;
  EXPECT_EQ(n, 5u);
}

}  // namespace
}  // namespace crm::test

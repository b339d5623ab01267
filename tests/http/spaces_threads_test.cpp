// Spaces, threads and posts (issue 14 §1–2, spaces/thread_service.hpp) on
// both databases: who reads and writes where (everyone else: 404 and nothing
// changed), starting threads and replying with every bad path, paging,
// unread counts, and authors hidden in a protected space.
#include <regex>

#include "auth/service.hpp"
#include "http/support/spaces_fixture.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"

namespace crm::test {
namespace {

using ll = long long;

class SpacesThreadsTest : public SpacesTest {
 protected:
  ll cohort2_ = 0, cohort3_ = 0, space2_ = 0, space3_ = 0;
  struct Person {
    std::string email, name;
    ll account = 0;
  };
  Person p2_, p3_, alumnus_, withdrawn_, lecturer_;

  void SetUp() override {
    HttpTest::SetUp();
    make_programme("threads-", "Threads cohort");
    cohort2_ = cohort(2);
    cohort3_ = cohort(3);
    space2_ = count("SELECT id FROM space WHERE cohort_id = " + std::to_string(cohort2_));
    space3_ = count("SELECT id FROM space WHERE cohort_id = " + std::to_string(cohort3_));
    p2_ = person("Amina Diallo", "participant", cohort2_, "participant", "participant");
    p3_ = person("Karim Haddad", "participant", cohort3_, "participant", "participant");
    alumnus_ = person("Lena Vogel", "alumnus", cohort2_, "participant", "graduate");
    withdrawn_ = person("Omar Faye", "participant", cohort2_, "participant", "withdrawn");
    lecturer_ = person("Claire Martin", "lecturer", cohort2_, "lecturer", "participant");
  }

  Person person(const std::string& name, const std::string& role, ll cohort_id,
                const std::string& enrolment_role, const std::string& status) {
    Person out{"threads-" + unique() + "@spaces.example.org", name, 0};
    auto created = auth::create_account(sql(), out.email, name, *auth::parse_role(role),
                                        "threads-password-2026", "en", now_);
    if (!created) throw std::runtime_error("account");
    out.account = *created;
    programme::Person p;
    p.name = name;
    p.email = out.email;
    p.country = "SN";
    p.account_id = out.account;
    p.created_at = now_;
    programme::Enrolment e;
    e.person_id = programme::store::insert_person(sql(), p);
    e.cohort_id = cohort_id;
    e.role = enrolment_role;
    e.status = status;
    e.created_at = now_;
    programme::store::insert_enrolment(sql(), e);
    return out;
  }

  Client as(const Person& p) { return sign_in(p.email, "threads-password-2026"); }

  std::string state() {
    auto tables = state_tables();
    tables.insert(tables.end(), {"thread", "post", "post_mention", "thread_read", "space_reader"});
    return dump_tables(sql(), tables);
  }
  std::string state_without_reads() {
    auto tables = state_tables();
    tables.insert(tables.end(), {"thread", "post", "post_mention"});
    return dump_tables(sql(), tables);
  }

  // A thread written directly, with `replies` replies after the opening post.
  ll thread(ll space, const Person& author, const std::string& title, int replies = 0) {
    ll id = 0, a = author.account, s = space, t = now_;
    sql().sql() << "INSERT INTO thread (space_id, title, author_account_id, created_at, "
                   "last_post_at, post_count) VALUES (:s, :t, :a, :c, :l, :n) RETURNING id",
        soci::use(s), soci::use(title), soci::use(a), soci::use(t), soci::use(t),
        soci::use(static_cast<ll>(replies + 1)), soci::into(id);
    for (int i = 0; i <= replies; ++i) {
      std::string body = "Post number " + std::to_string(i);
      ll when = now_ + i;
      sql().sql() << "INSERT INTO post (thread_id, author_account_id, body, created_at) VALUES "
                     "(:t, :a, :b, :c)",
          soci::use(id), soci::use(a), soci::use(body), soci::use(when);
    }
    return id;
  }

  ll first_post(ll thread_id) {
    return count("SELECT MIN(id) FROM post WHERE thread_id = " + std::to_string(thread_id));
  }

  static long occurrences(const std::string& body, const std::string& piece) {
    long n = 0;
    for (auto p = body.find(piece); p != std::string::npos; p = body.find(piece, p + 1)) ++n;
    return n;
  }
};

TEST_F(SpacesThreadsTest, OnlyMembersReadOrWriteEveryoneElseGets404AndNothingChanges) {
  ll t = thread(space2_, p2_, "Returns from Germany");
  ll post = first_post(t);
  std::string sp = "/spaces/" + std::to_string(space2_), th = "/threads/" + std::to_string(t);

  auto member = as(p2_);
  EXPECT_EQ(member.get(sp).status, 200);
  EXPECT_EQ(member.get(th).status, 200);
  EXPECT_EQ(as(alumnus_).get(sp).status, 200) << "an alumnus keeps their cohort's space";
  EXPECT_EQ(as(lecturer_).get(th).status, 200);

  std::vector<Client> outsiders;
  outsiders.push_back(as(p3_));
  outsiders.push_back(as(withdrawn_));
  outsiders.push_back(sign_in("staff"));  // the demo programme's team, not this one's
  outsiders.push_back(sign_in("admin"));
  for (auto& c : outsiders) {
    const std::string before = state();
    auto page = c.get("/spaces");  // a page with a csrf token
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("Returns from Germany"), std::string::npos);
    std::string csrf = csrf_of(page.body);
    EXPECT_EQ(c.get(sp).status, 404);
    EXPECT_EQ(c.get(th).status, 404);
    EXPECT_EQ(c.get(th + "?page=2").status, 404);
    EXPECT_EQ(c.get("/posts/" + std::to_string(post)).status, 404);
    EXPECT_EQ(
        c.post(sp + "/threads", {{"csrf", csrf}, {"title", "Hello"}, {"body", "Text"}}).status,
        404);
    EXPECT_EQ(c.post(th + "/posts", {{"csrf", csrf}, {"body", "Text"}}).status, 404);
    EXPECT_EQ(state(), before);
  }
  EXPECT_EQ(member.get("/spaces/999999999").status, 404);
  EXPECT_EQ(member.get("/threads/999999999").status, 404);
  EXPECT_EQ(member.get("/posts/999999999").status, 404);
}

TEST_F(SpacesThreadsTest, AMemberStartsAThreadAndRepliesWithAMention) {
  auto c = as(p2_);
  std::string sp = "/spaces/" + std::to_string(space2_);
  auto res = c.submit(
      sp,
      {{"title", "On-site week: travel"}, {"body", "Who arrives on Sunday? @Lena Vogel, you too?"}},
      sp + "/threads");
  ASSERT_EQ(res.status, 303) << res.body;
  ll t = count("SELECT id FROM thread WHERE title = 'On-site week: travel'");
  EXPECT_EQ(res.location(), "/threads/" + std::to_string(t));
  ll opening = first_post(t);
  EXPECT_EQ(count("SELECT account_id FROM post_mention WHERE post_id = " + std::to_string(opening)),
            alumnus_.account);

  std::string th = "/threads/" + std::to_string(t);
  auto reply =
      c.submit(th, {{"body", "I will take the **train**."}, {"reply_to", std::to_string(opening)}},
               th + "/posts");
  ASSERT_EQ(reply.status, 303) << reply.body;
  ll second = count("SELECT MAX(id) FROM post WHERE thread_id = " + std::to_string(t));
  EXPECT_EQ(reply.location(), th + "?page=1#post-" + std::to_string(second));
  EXPECT_EQ(count("SELECT post_count FROM thread WHERE id = " + std::to_string(t)), 2);
  EXPECT_EQ(count("SELECT reply_to_post_id FROM post WHERE id = " + std::to_string(second)),
            opening);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('space.thread_start', "
                  "'space.post_reply')"),
            2);
  // The audit log holds ids, never the words.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%train%' OR changes LIKE "
                  "'%travel%' OR changes LIKE '%Sunday%'"),
            0);

  auto page = c.get(th);
  EXPECT_NE(page.body.find("<strong>train</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("<mark class=\"mention\" dir=\"auto\">@Lena Vogel</mark>"),
            std::string::npos);
  EXPECT_NE(page.body.find("id=\"post-" + std::to_string(second) + "\""), std::string::npos);
  EXPECT_NE(page.body.find("dir=\"auto\""), std::string::npos);
  EXPECT_EQ(c.get("/posts/" + std::to_string(second)).location(),
            th + "?page=1#post-" + std::to_string(second));
}

TEST_F(SpacesThreadsTest, BadPostsAreRefusedWithTheTextKeptAndNothingChanged) {
  ll t = thread(space2_, p2_, "Case studies");
  ll other = thread(space2_, p2_, "Another thread");
  std::string sp = "/spaces/" + std::to_string(space2_), th = "/threads/" + std::to_string(t);
  auto c = as(p2_);
  // The GET before each POST (Client::submit) records a visit: compare what a post writes.
  const std::string before = state_without_reads();
  auto refused = [&](const std::string& page, const std::string& action, Form form,
                     const std::string& message, const std::string& kept) {
    auto res = c.submit(page, form, action);
    EXPECT_EQ(res.status, 422) << message;
    EXPECT_NE(res.body.find(message), std::string::npos) << message;
    EXPECT_NE(res.body.find(kept), std::string::npos) << "the text is kept: " << kept;
    EXPECT_EQ(state_without_reads(), before) << message;
  };
  refused(sp, sp + "/threads", {{"title", "A title kept"}, {"body", "   "}},
          "Write something before you send it.", "A title kept");
  refused(sp, sp + "/threads", {{"title", ""}, {"body", "A body kept"}}, "Give the thread a title.",
          "A body kept");
  refused(sp, sp + "/threads", {{"title", std::string(201, 'x')}, {"body", "Body kept 2"}},
          "at most 200 characters", "Body kept 2");
  refused(th, th + "/posts", {{"body", std::string(20001, 'y')}}, "at most 20,000 characters",
          std::string(100, 'y'));
  refused(th, th + "/posts", {{"body", "Hello @Karim Haddad, welcome"}},
          "Karim Haddad is not a member of this space.", "welcome");
  refused(th, th + "/posts",
          {{"body", "Answer kept"}, {"reply_to", std::to_string(first_post(other))}},
          "The post you answer is not in this thread.", "Answer kept");
  refused(th, th + "/posts", {{"body", "Answer kept 2"}, {"reply_to", "1x"}},
          "The post you answer is not in this thread.", "Answer kept 2");

  // A locked thread: members are refused, its moderators (the cohort's lecturer) may still answer.
  sql().sql() << "UPDATE thread SET locked = 1 WHERE id = :t", soci::use(t);
  const std::string locked = state_without_reads();
  auto res = c.post(th + "/posts", {{"csrf", csrf_of(c.get(th).body)}, {"body", "Too late"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(res.body.find("This thread is locked"), std::string::npos);
  EXPECT_EQ(state_without_reads(), locked);
  auto mod = as(lecturer_);
  EXPECT_EQ(mod.submit(th, {{"body", "A moderator's note"}}, th + "/posts").status, 303);

  // An archived space takes nothing new.
  sql().sql() << "UPDATE space SET archived_at = 1 WHERE id = :s", soci::use(space2_);
  const std::string archived = state_without_reads();
  res = c.post(sp + "/threads",
               {{"csrf", csrf_of(c.get(sp).body)}, {"title", "New"}, {"body", "Text"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(state_without_reads(), archived);
}

TEST_F(SpacesThreadsTest, ALongThreadIsPagedFiftyPostsAPage) {
  ll t = thread(space2_, p2_, "A long discussion", 119);
  std::string th = "/threads/" + std::to_string(t);
  auto c = as(alumnus_);
  auto p1 = c.get(th);
  EXPECT_EQ(occurrences(p1.body, "<li class=\"post"), 50);
  EXPECT_EQ(occurrences(c.get(th + "?page=2").body, "<li class=\"post"), 50);
  auto p3 = c.get(th + "?page=3");
  EXPECT_EQ(occurrences(p3.body, "<li class=\"post"), 20);
  EXPECT_NE(p3.body.find("Post number 119"), std::string::npos);
  EXPECT_EQ(occurrences(c.get(th + "?page=99").body, "<li class=\"post"), 20)
      << "clamped to the last";
  ll seventy_fifth = count("SELECT id FROM post WHERE thread_id = " + std::to_string(t) +
                           " ORDER BY id LIMIT 1 OFFSET 74");
  EXPECT_EQ(c.get("/posts/" + std::to_string(seventy_fifth)).location(),
            th + "?page=2#post-" + std::to_string(seventy_fifth));
  // Read up to the last post shown.
  EXPECT_EQ(count("SELECT last_read_post_id FROM thread_read WHERE thread_id = " +
                  std::to_string(t) + " AND account_id = " + std::to_string(alumnus_.account)),
            count("SELECT MAX(id) FROM post WHERE thread_id = " + std::to_string(t)));
}

TEST_F(SpacesThreadsTest, UnreadCountsAndNewMarkers) {
  ll t = thread(space2_, p2_, "Reintegration", 2);
  auto reader = as(alumnus_);
  auto spaces = reader.get("/spaces");
  EXPECT_NE(spaces.body.find("1 thread with new posts"), std::string::npos);
  std::string th = "/threads/" + std::to_string(t);
  reader.get(th);
  EXPECT_EQ(reader.get("/spaces").body.find("with new posts"), std::string::npos);
  // Two new replies: counted, marked, and linked as the first unread.
  auto writer = as(p2_);
  ASSERT_EQ(writer.submit(th, {{"body", "First news"}}, th + "/posts").status, 303);
  ASSERT_EQ(writer.submit(th, {{"body", "Second news"}}, th + "/posts").status, 303);
  EXPECT_NE(reader.get("/spaces").body.find("1 thread with new posts"), std::string::npos);
  auto sp = reader.get("/spaces/" + std::to_string(space2_));
  EXPECT_NE(sp.body.find("2 new"), std::string::npos);
  EXPECT_GT(
      count("SELECT last_visit_at FROM space_reader WHERE space_id = " + std::to_string(space2_) +
            " AND account_id = " + std::to_string(alumnus_.account)),
      0);
  auto page = reader.get(th);
  EXPECT_EQ(occurrences(page.body, "<li class=\"post new"), 2);
  EXPECT_NE(page.body.find("New since your last visit"), std::string::npos);
  EXPECT_NE(page.body.find("Go to the first unread post"), std::string::npos);
  EXPECT_EQ(occurrences(reader.get(th).body, "<li class=\"post new"), 0);
  // One's own posts are never unread.
  EXPECT_EQ(writer.get("/spaces").body.find("with new posts"), std::string::npos);
}

TEST_F(SpacesThreadsTest, AProtectedSpaceHidesAuthorsFromMembersButNotFromModerators) {
  sql().sql() << "UPDATE space SET protected = 1, authors_hidden = 1 WHERE id = :s",
      soci::use(space2_);
  ll t = thread(space2_, p2_, "A sensitive case");
  std::string th = "/threads/" + std::to_string(t);
  auto member = as(alumnus_).get(th);
  EXPECT_EQ(member.status, 200);
  EXPECT_EQ(member.body.find("Amina Diallo"), std::string::npos);
  EXPECT_NE(member.body.find("A member"), std::string::npos);
  EXPECT_NE(member.body.find("What is said here stays here"), std::string::npos);
  EXPECT_NE(as(lecturer_).get(th).body.find("Amina Diallo"), std::string::npos);
  EXPECT_NE(as(p2_).get(th).body.find("Amina Diallo"), std::string::npos) << "one's own";
  EXPECT_NE(as(alumnus_).get("/spaces").body.find("protected"), std::string::npos);
}

TEST_F(SpacesThreadsTest, HiddenAndDeletedPostsShowWhatEachReaderMaySee) {
  ll t = thread(space2_, p2_, "Moderated", 1);
  ll hidden = first_post(t), deleted = hidden + 1;
  std::string reason = "Names a person";
  sql().sql() << "UPDATE post SET hidden_at = 5, hidden_reason = :r, body = 'Secret words' WHERE "
                 "id = :p",
      soci::use(reason), soci::use(hidden);
  sql().sql() << "UPDATE post SET deleted_at = 5, body = '' WHERE id = :p", soci::use(deleted);
  std::string th = "/threads/" + std::to_string(t);
  auto other = as(alumnus_).get(th).body;
  EXPECT_NE(other.find("Hidden by a moderator"), std::string::npos);
  EXPECT_EQ(other.find("Secret words"), std::string::npos);
  EXPECT_EQ(other.find("Names a person"), std::string::npos);
  EXPECT_NE(other.find("Deleted"), std::string::npos);
  auto author = as(p2_).get(th).body;
  EXPECT_NE(author.find("Secret words"), std::string::npos);
  EXPECT_NE(author.find("Names a person"), std::string::npos);
  auto moderator = as(lecturer_).get(th).body;
  EXPECT_NE(moderator.find("Secret words"), std::string::npos);
  EXPECT_NE(moderator.find("/posts/" + std::to_string(hidden) + "/unhide"), std::string::npos);
}

}  // namespace
}  // namespace crm::test

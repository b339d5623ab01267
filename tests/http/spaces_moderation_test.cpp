// A post's life after it is written and the moderators' work (issue 14 §2),
// on both databases: the author edits (earlier text kept for moderators) and
// deletes (the words gone); members report once; moderators read the queue,
// hide with a reason, dismiss, show again, lock, pin and move. Whoever may
// not do a thing — a member of another cohort, a plain member where a
// moderator is needed, someone else than the author — gets 404 and nothing
// changes; the audit log holds ids, never the words.
#include "auth/service.hpp"
#include "http/support/spaces_fixture.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"
#include "spaces/access_store.hpp"
#include "spaces/members_service.hpp"

namespace crm::test {
namespace {

using ll = long long;
constexpr const char* kPassword = "correct horse battery";

class SpacesModerationTest : public SpacesTest {
 protected:
  ll cohort_a_ = 0, cohort_b_ = 0, space_a_ = 0, space_b_ = 0;
  ll author_ = 0, member_ = 0, outsider_ = 0, moderator_ = 0;
  std::string author_email_, member_email_, outsider_email_, moderator_email_;
  ll thread_ = 0, opening_ = 0, reply_ = 0, author_person_ = 0;

  void SetUp() override {
    HttpTest::SetUp();
    make_programme("spaces-moderation-", "Moderation");
    cohort_a_ = cohort(1);
    cohort_b_ = cohort(2);
    space_a_ = space_of_cohort(cohort_a_);
    space_b_ = space_of_cohort(cohort_b_);
    author_ = account("participant", author_email_);
    member_ = account("participant", member_email_);
    outsider_ = account("participant", outsider_email_);
    moderator_ = account("lecturer", moderator_email_);
    author_person_ = enrolled(author_, cohort_a_, "participant");
    enrolled(member_, cohort_a_, "participant");
    enrolled(outsider_, cohort_b_, "participant");
    enrolled(moderator_, cohort_a_, "lecturer");
    thread_ = thread(space_a_, "Returns from Germany", author_);
    opening_ = post(thread_, author_, "The opening words");
    reply_ = post(thread_, member_, "A reply with its own words");
  }

  ll account(const std::string& role, std::string& email) {
    email = role + "-" + unique() + "@moderation.example.org";
    auto id = auth::create_account(sql(), email, "Member " + unique(), *auth::parse_role(role),
                                   kPassword, "en", now_);
    if (!id) throw std::runtime_error("create_account failed");
    return *id;
  }

  ll enrolled(ll account_id, ll cohort_id, const std::string& role) {
    ll person = 0;
    soci::indicator ind = soci::i_null;
    sql().sql() << "SELECT id FROM person WHERE account_id = :a", soci::use(account_id),
        soci::into(person, ind);
    if (ind == soci::i_ok) {
      enrol(person, cohort_id, role);
      return person;
    }
    programme::Person p;
    p.name = "Person " + unique();
    p.email = "person-" + unique() + "@moderation.example.org";
    p.country = "IQ";
    p.account_id = account_id;
    p.created_at = now_;
    person = programme::store::insert_person(sql(), p);
    enrol(person, cohort_id, role);
    return person;
  }

  void enrol(ll person, ll cohort_id, const std::string& role) {
    programme::Enrolment e;
    e.person_id = person;
    e.cohort_id = cohort_id;
    e.role = role;
    e.status = "participant";
    e.created_at = now_;
    programme::store::insert_enrolment(sql(), e);
  }

  ll thread(ll space, const std::string& title, ll author) {
    ll id = 0;
    sql().sql() << "INSERT INTO thread (space_id, title, author_account_id, created_at, "
                   "last_post_at, post_count) VALUES (:s, :t, :a, :c, :l, 0) RETURNING id",
        soci::use(space), soci::use(title), soci::use(author), soci::use(now_), soci::use(now_),
        soci::into(id);
    return id;
  }

  ll post(ll thread_id, ll author, const std::string& body) {
    ll id = 0;
    sql().sql() << "INSERT INTO post (thread_id, author_account_id, body, created_at) VALUES (:t, "
                   ":a, :b, :c) RETURNING id",
        soci::use(thread_id), soci::use(author), soci::use(body), soci::use(now_), soci::into(id);
    sql().sql() << "UPDATE thread SET post_count = post_count + 1 WHERE id = :t",
        soci::use(thread_id);
    return id;
  }

  Client as(const std::string& email) { return sign_in(email, kPassword); }

  // What the routes may change; signing in (audited) is not one of them.
  std::string snapshot() {
    std::string audit;
    const std::string all = audit_text();
    size_t at = 0;
    while (at < all.size()) {
      size_t end = all.find('\n', at);
      std::string line = all.substr(at, end - at);
      if (line.rfind("account.login", 0) != 0) audit += line + "\n";
      at = end == std::string::npos ? all.size() : end + 1;
    }
    return dump_tables(sql(), {"thread", "post", "post_revision", "post_report", "notification",
                               "space_member"}) +
           audit;
  }

  std::string text(const std::string& select) {
    std::string v;
    sql().sql() << select, soci::into(v);
    return v;
  }

  std::string audit_text() {
    std::string all;
    db::Rows rows = (sql().sql().prepare << "SELECT action, entity, entity_id, "
                                            "COALESCE(changes, '') FROM audit_log ORDER BY id");
    for (const auto& r : rows)
      all += r.get<std::string>(0) + " " + r.get<std::string>(1) + " " + r.get<std::string>(2) +
             " " + r.get<std::string>(3) + "\n";
    return all;
  }

  static std::string p(ll id, const std::string& tail = {}) {
    return "/posts/" + std::to_string(id) + tail;
  }
  static std::string t(ll id, const std::string& tail = {}) {
    return "/threads/" + std::to_string(id) + tail;
  }
};

TEST_F(SpacesModerationTest, TheAuthorEditsAndModeratorsReadTheEarlierText) {
  auto author = as(author_email_);
  auto page = author.get(p(opening_, "/edit"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("The opening words"), std::string::npos);

  // Someone else, a member of another cohort, an empty text: nothing changes.
  const std::string before = snapshot();
  auto member = as(member_email_);
  EXPECT_EQ(member.get(p(opening_, "/edit")).status, 404);
  auto outsider = as(outsider_email_);
  EXPECT_EQ(outsider.get(p(opening_, "/edit")).status, 404);
  auto csrf = csrf_of(page.body);
  EXPECT_EQ(member.submit(p(reply_, "/edit"), {{"body", "mine"}}, p(opening_, "/edit")).status,
            404);
  auto empty = author.post(p(opening_, "/edit"), {{"csrf", csrf}, {"body", "   "}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("f-body-error"), std::string::npos);
  EXPECT_EQ(snapshot(), before);

  auto saved =
      author.post(p(opening_, "/edit"), {{"csrf", csrf}, {"body", "Better words\n\nنص عربي"}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.location(), p(opening_));
  EXPECT_EQ(text("SELECT body FROM post WHERE id = " + std::to_string(opening_)),
            "Better words\n\nنص عربي");
  EXPECT_EQ(count("SELECT COUNT(*) FROM post WHERE edited_at IS NOT NULL AND id = " +
                  std::to_string(opening_)),
            1);
  EXPECT_EQ(text("SELECT body FROM post_revision WHERE post_id = " + std::to_string(opening_)),
            "The opening words");

  auto moderator = as(moderator_email_);
  auto history = moderator.get(p(opening_, "/history"));
  ASSERT_EQ(history.status, 200);
  EXPECT_NE(history.body.find("The opening words"), std::string::npos);
  EXPECT_NE(history.body.find("Better words"), std::string::npos);
  EXPECT_EQ(author.get(p(opening_, "/history")).status, 404) << "authors are not moderators";
  EXPECT_EQ(member.get(p(opening_, "/history")).status, 404);
  EXPECT_EQ(outsider.get(p(opening_, "/history")).status, 404);

  const std::string audit = audit_text();
  EXPECT_NE(audit.find("post.edit"), std::string::npos);
  EXPECT_EQ(audit.find("words"), std::string::npos) << audit;
  EXPECT_EQ(audit.find("Returns from Germany"), std::string::npos) << audit;
}

TEST_F(SpacesModerationTest, DeletingRemovesTheWordsAndTheirHistory) {
  ll extra = post(thread_, member_, "Second reply");
  auto member = as(member_email_);
  auto page = member.get(p(reply_, "/edit"));
  ASSERT_EQ(page.status, 200);
  const std::string csrf = csrf_of(page.body);
  ASSERT_EQ(member.post(p(reply_, "/edit"), {{"csrf", csrf}, {"body", "Changed"}}).status, 303);

  // Another member's post, another cohort: 404, nothing changed.
  const std::string before = snapshot();
  EXPECT_EQ(member.post(p(opening_, "/delete"), {{"csrf", csrf}}).status, 404);
  auto outsider = as(outsider_email_);
  auto other_page = outsider.get("/");
  EXPECT_EQ(outsider.post(p(reply_, "/delete"), {{"csrf", csrf_of(other_page.body)}}).status, 404);
  EXPECT_EQ(snapshot(), before);

  auto gone = member.post(p(reply_, "/delete"), {{"csrf", csrf}});
  ASSERT_EQ(gone.status, 303);
  EXPECT_EQ(gone.location(), t(thread_));
  EXPECT_EQ(text("SELECT body FROM post WHERE id = " + std::to_string(reply_)), "");
  EXPECT_EQ(count("SELECT COUNT(*) FROM post WHERE deleted_at IS NOT NULL AND id = " +
                  std::to_string(reply_)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_revision WHERE post_id = " + std::to_string(reply_)),
            0);
  EXPECT_EQ(count("SELECT post_count FROM thread WHERE id = " + std::to_string(thread_)), 2);
  EXPECT_EQ(member.post(p(reply_, "/delete"), {{"csrf", csrf}}).status, 404) << "deleted already";

  // The opening post of a thread with replies stays, as "Deleted".
  auto author = as(author_email_);
  auto home = author.get("/");
  const std::string acsrf = csrf_of(home.body);
  ASSERT_EQ(author.post(p(opening_, "/delete"), {{"csrf", acsrf}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM thread WHERE id = " + std::to_string(thread_)), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post WHERE deleted_at IS NOT NULL AND id = " +
                  std::to_string(opening_)),
            1);

  // A thread whose only post goes, goes with it.
  ll lonely = thread(space_a_, "Alone", author_);
  ll only = post(lonely, author_, "Nobody answers");
  auto r = author.post(p(only, "/delete"), {{"csrf", acsrf}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.location(), "/spaces/" + std::to_string(space_a_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM thread WHERE id = " + std::to_string(lonely)), 0);
  (void)extra;
  EXPECT_EQ(audit_text().find("Nobody answers"), std::string::npos);
}

TEST_F(SpacesModerationTest, AMemberReportsOnceAndAModeratorHidesWithAReason) {
  auto member = as(member_email_);
  auto form = member.get(p(opening_, "/report"));
  ASSERT_EQ(form.status, 200);
  const std::string csrf = csrf_of(form.body);

  // The author, another cohort, no reason: nothing changes.
  const std::string before = snapshot();
  auto author = as(author_email_);
  EXPECT_EQ(author.get(p(opening_, "/report")).status, 404);
  auto outsider = as(outsider_email_);
  EXPECT_EQ(outsider.get(p(opening_, "/report")).status, 404);
  auto blank = member.post(p(opening_, "/report"), {{"csrf", csrf}, {"reason", ""}});
  EXPECT_EQ(blank.status, 422);
  EXPECT_EQ(snapshot(), before);

  ASSERT_EQ(
      member.post(p(opening_, "/report"), {{"csrf", csrf}, {"reason", "Names a person"}}).status,
      303);
  const std::string once = snapshot();
  auto again = member.post(p(opening_, "/report"), {{"csrf", csrf}, {"reason", "Again"}});
  EXPECT_EQ(again.status, 422);
  EXPECT_NE(again.body.find("already reported"), std::string::npos);
  EXPECT_NE(again.body.find("Again"), std::string::npos) << "the input is kept";
  EXPECT_EQ(snapshot(), once);

  // The queue: moderators only.
  const std::string queue = "/spaces/" + std::to_string(space_a_) + "/reports";
  EXPECT_EQ(member.get(queue).status, 404);
  EXPECT_EQ(outsider.get(queue).status, 404);
  EXPECT_EQ(outsider.get("/spaces/" + std::to_string(space_b_) + "/reports").status, 404);
  auto moderator = as(moderator_email_);
  auto q = moderator.get(queue);
  ASSERT_EQ(q.status, 200);
  EXPECT_NE(q.body.find("Names a person"), std::string::npos);
  EXPECT_NE(q.body.find("The opening words"), std::string::npos);

  // Hiding: moderators, with a reason.
  EXPECT_EQ(member.get(p(opening_, "/hide")).status, 404);
  EXPECT_EQ(member.post(p(opening_, "/hide"), {{"csrf", csrf}, {"reason", "x"}}).status, 404);
  auto hide_form = moderator.get(p(opening_, "/hide"));
  ASSERT_EQ(hide_form.status, 200);
  const std::string mcsrf = csrf_of(hide_form.body);
  auto no_reason = moderator.post(p(opening_, "/hide"), {{"csrf", mcsrf}, {"reason", " "}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(snapshot(), once);

  auto hidden =
      moderator.post(p(opening_, "/hide"), {{"csrf", mcsrf}, {"reason", "Please leave names out"}});
  ASSERT_EQ(hidden.status, 303);
  EXPECT_EQ(text("SELECT hidden_reason FROM post WHERE id = " + std::to_string(opening_)),
            "Please leave names out");
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_report WHERE resolved_at IS NULL AND post_id = " +
                  std::to_string(opening_)),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE kind = 'hidden' AND account_id = " +
                  std::to_string(author_) + " AND post_id = " + std::to_string(opening_)),
            1);
  EXPECT_EQ(moderator.get(queue).body.find("Names a person"), std::string::npos);
  EXPECT_EQ(moderator.post(p(opening_, "/hide"), {{"csrf", mcsrf}, {"reason", "again"}}).status,
            422);

  // Once resolved, the member may report it again.
  EXPECT_EQ(member.post(p(opening_, "/report"), {{"csrf", csrf}, {"reason", "Still bad"}}).status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_report WHERE post_id = " + std::to_string(opening_)),
            1);

  EXPECT_EQ(member.post(p(opening_, "/unhide"), {{"csrf", csrf}}).status, 404);
  ASSERT_EQ(moderator.post(p(opening_, "/unhide"), {{"csrf", mcsrf}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post WHERE hidden_at IS NULL AND id = " +
                  std::to_string(opening_)),
            1);

  // Dismissing closes the reports without hiding.
  EXPECT_EQ(member.post(queue, {{"csrf", csrf}, {"post", std::to_string(opening_)}}).status, 404);
  ASSERT_EQ(moderator.post(queue, {{"csrf", mcsrf}, {"post", std::to_string(opening_)}}).status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_report WHERE resolved_at IS NULL AND post_id = " +
                  std::to_string(opening_)),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post WHERE hidden_at IS NULL AND id = " +
                  std::to_string(opening_)),
            1);
  EXPECT_EQ(moderator.post(queue, {{"csrf", mcsrf}, {"post", std::to_string(opening_)}}).status,
            409);

  const std::string audit = audit_text();
  EXPECT_NE(audit.find("post.hide"), std::string::npos);
  EXPECT_EQ(audit.find("Names a person"), std::string::npos) << audit;
  EXPECT_EQ(audit.find("leave names out"), std::string::npos) << audit;
}

TEST_F(SpacesModerationTest, ModeratorsLockPinAndMoveThreads) {
  auto member = as(member_email_);
  const std::string csrf = csrf_of(member.get("/").body);
  const std::string before = snapshot();
  for (const char* a : {"/lock", "/unlock", "/pin", "/unpin"})
    EXPECT_EQ(member.post(t(thread_, a), {{"csrf", csrf}}).status, 404) << a;
  EXPECT_EQ(member.get(t(thread_, "/move")).status, 404);
  EXPECT_EQ(snapshot(), before);

  auto moderator = as(moderator_email_);
  const std::string mcsrf = csrf_of(moderator.get("/").body);
  ASSERT_EQ(moderator.post(t(thread_, "/lock"), {{"csrf", mcsrf}}).status, 303);
  ASSERT_EQ(moderator.post(t(thread_, "/pin"), {{"csrf", mcsrf}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM thread WHERE locked = 1 AND pinned = 1 AND id = " +
                  std::to_string(thread_)),
            1);
  ASSERT_EQ(moderator.post(t(thread_, "/unlock"), {{"csrf", mcsrf}}).status, 303);
  ASSERT_EQ(moderator.post(t(thread_, "/unpin"), {{"csrf", mcsrf}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM thread WHERE locked = 0 AND pinned = 0 AND id = " +
                  std::to_string(thread_)),
            1);

  // Moving: only to a space of the programme the moderator also moderates.
  auto none = moderator.get(t(thread_, "/move"));
  ASSERT_EQ(none.status, 200);
  EXPECT_EQ(none.body.find("name=\"to\""), std::string::npos);
  const std::string unmoved = snapshot();
  auto refused =
      moderator.post(t(thread_, "/move"), {{"csrf", mcsrf}, {"to", std::to_string(space_b_)}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(snapshot(), unmoved);

  enrolled(moderator_, cohort_b_, "lecturer");
  auto form = moderator.get(t(thread_, "/move"));
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"" + std::to_string(space_b_) + "\""), std::string::npos);
  ASSERT_EQ(moderator.post(t(thread_, "/move"), {{"csrf", mcsrf}, {"to", std::to_string(space_b_)}})
                .status,
            303);
  EXPECT_EQ(count("SELECT space_id FROM thread WHERE id = " + std::to_string(thread_)), space_b_);

  // Members of the old space only can no longer read it; those of the new one can.
  EXPECT_EQ(member.get(p(opening_, "/report")).status, 404);
  EXPECT_FALSE(spaces::access_store::thread_access(sql(), member_, thread_)->member);
  auto outsider = as(outsider_email_);
  EXPECT_EQ(outsider.get(p(opening_, "/report")).status, 200);
  EXPECT_NE(audit_text().find("thread.move"), std::string::npos);
}

TEST_F(SpacesModerationTest, StaffSeeWhyPeopleAreInAndAddOnlyPeopleOfTheProgramme) {
  const ll staff = account_id(demo("staff").email);
  sql().sql() << "INSERT INTO programme_staff (programme_id, account_id) VALUES (:p, :a)",
      soci::use(programme_), soci::use(staff);
  const std::string members = "/spaces/" + std::to_string(space_a_) + "/members";

  // The space's moderator reads the list; members and others do not.
  auto moderator = as(moderator_email_);
  auto list = moderator.get(members);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Cohort enrolment"), std::string::npos);
  EXPECT_EQ(moderator.get(members + ".csv").status, 404) << "exports are the staff's";
  auto member = as(member_email_);
  EXPECT_EQ(member.get(members).status, 404);
  auto outsider = as(outsider_email_);
  EXPECT_EQ(outsider.get(members).status, 404);

  auto s = sign_in("staff");
  auto page = s.get(members);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(tr("de", "Programme team")), std::string::npos);
  auto csv = s.get(members + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.find("opening words"), std::string::npos) << "names and roles only";
  const std::string csrf = csrf_of(page.body);

  // Someone of another programme, a moderator who is not staff: refused.
  ll other_programme = programme::store::insert_programme(sql(), "elsewhere-" + unique(), 5, now_);
  programme::Cohort c;
  c.programme_id = other_programme;
  c.number = 1;
  c.name = "Elsewhere";
  c.starts_on = now_;
  c.ends_on = now_ + 86400;
  c.status = "running";
  ll elsewhere_cohort = programme::store::insert_cohort(sql(), c);
  std::string stranger_email;
  ll stranger = account("participant", stranger_email);
  enrolled(stranger, elsewhere_cohort, "participant");
  const std::string before = snapshot() + dump_tables(sql(), {"space_member"});
  auto refused =
      s.post(members, {{"csrf", csrf}, {"account", std::to_string(stranger)}, {"role", "member"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("f-account-error"), std::string::npos);
  EXPECT_EQ(moderator
                .post(members, {{"csrf", csrf_of(list.body)},
                                {"account", std::to_string(outsider_)},
                                {"role", "member"}})
                .status,
            404);
  EXPECT_EQ(s.post(members + "/" + std::to_string(member_) + "/remove", {{"csrf", csrf}}).status,
            404)
      << "a cohort's member is not removed by hand";
  EXPECT_EQ(snapshot() + dump_tables(sql(), {"space_member"}), before);

  // A participant of the other cohort of the programme, as moderator.
  ASSERT_EQ(s.post(members,
                   {{"csrf", csrf}, {"account", std::to_string(outsider_)}, {"role", "moderator"}})
                .status,
            303);
  EXPECT_TRUE(spaces::access_store::space_access(sql(), outsider_, space_a_)->moderator);
  EXPECT_NE(s.get(members).body.find(tr("de", "Added by hand")), std::string::npos);
  ASSERT_EQ(s.post(members + "/" + std::to_string(outsider_) + "/remove", {{"csrf", csrf}}).status,
            303);
  EXPECT_FALSE(spaces::access_store::space_access(sql(), outsider_, space_a_)->member);
  EXPECT_NE(audit_text().find("space.member_add"), std::string::npos);
}

// The <option>s of the "add a person" list but its first ("Choose a person").
long people_to_add(const std::string& page) {
  const auto from = page.find("id=\"f-account\"");
  if (from == std::string::npos) return -1;
  const auto to = page.find("</select>", from);
  long n = -1;
  for (auto at = page.find("<option", from); at < to; at = page.find("<option", at + 1)) ++n;
  return n;
}

// A programme has thousands of people: the "add" list shows the first 100 and
// a name narrows it. The name is matched literally (a % is no wildcard), and
// a refused addition keeps the list as it was narrowed.
TEST_F(SpacesModerationTest, TheListOfPeopleToAddIsNarrowedByAName) {
  const ll staff = account_id(demo("staff").email);
  sql().sql() << "INSERT INTO programme_staff (programme_id, account_id) VALUES (:p, :a)",
      soci::use(programme_), soci::use(staff);
  for (int i = 0; i < static_cast<int>(spaces::members::kCandidatesShown); ++i) {
    std::string email;
    enrolled(account("participant", email), cohort_b_, "participant");
  }
  const std::string members = "/spaces/" + std::to_string(space_a_) + "/members";
  auto s = sign_in("staff");
  auto all = s.get(members);
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(people_to_add(all.body), static_cast<long>(spaces::members::kCandidatesShown));
  EXPECT_NE(all.body.find("role=\"search\""), std::string::npos);

  sql().sql() << "UPDATE account SET name = 'Zaynab Outsider' WHERE id = :a", soci::use(outsider_);
  const std::string part = "zaynab";  // in another case, with spaces around it
  auto narrowed = s.get(members + "?name=" + url_encode(" ZAYNAB "));
  ASSERT_EQ(narrowed.status, 200);
  EXPECT_EQ(people_to_add(narrowed.body), 1);
  EXPECT_NE(narrowed.body.find("value=\"" + std::to_string(outsider_) + "\""), std::string::npos);

  auto literal = s.get(members + "?name=%25");
  EXPECT_EQ(people_to_add(literal.body), 0);
  EXPECT_NE(html_unescape(literal.body).find(tr("de", "Nobody with that name can be added.")),
            std::string::npos);

  const std::string before = dump_tables(sql(), {"space_member"});
  auto refused = s.post(
      members,
      {{"csrf", csrf_of(narrowed.body)}, {"name", part}, {"account", "0"}, {"role", "member"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(people_to_add(refused.body), 1);
  EXPECT_EQ(dump_tables(sql(), {"space_member"}), before);
}

TEST_F(SpacesModerationTest, OnesOwnPostsAreInOnesDataDownloadAndErasureRemovesThem) {
  sql().sql() << "UPDATE space SET protected = 1 WHERE id = :s", soci::use(space_a_);
  auto author = as(author_email_);
  auto mine = author.get("/profile/data.json");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("The opening words"), std::string::npos);
  EXPECT_NE(mine.body.find("Returns from Germany"), std::string::npos);
  EXPECT_EQ(mine.body.find("A reply with its own words"), std::string::npos);
  auto page = author.get("/profile/data");
  EXPECT_NE(page.body.find("The opening words"), std::string::npos);

  // Another member's download holds none of the author's words.
  auto member = as(member_email_);
  auto theirs = member.get("/profile/data.json");
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(theirs.body.find("The opening words"), std::string::npos);
  EXPECT_NE(theirs.body.find("A reply with its own words"), std::string::npos);

  // Erasure: the words go, the reply keeps its place; hand-added places go.
  sql().sql() << "INSERT INTO space_member (space_id, account_id, role, added_at) VALUES (:s, :a, "
                 "'member', :t)",
      soci::use(space_b_), soci::use(author_), soci::use(now_);
  const ll staff = account_id(demo("staff").email);
  sql().sql() << "INSERT INTO programme_staff (programme_id, account_id) VALUES (:p, :a)",
      soci::use(programme_), soci::use(staff);
  auto s = sign_in("staff");
  const std::string person = std::to_string(author_person_);
  auto erased = s.submit("/people/" + person + "/erase", {{"confirm_id", person}});
  ASSERT_EQ(erased.status, 303) << erased.body.substr(0, 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post WHERE body LIKE '%opening words%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post WHERE deleted_at IS NOT NULL AND id = " +
                  std::to_string(opening_)),
            1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM space_member WHERE account_id = " + std::to_string(author_)), 0);
}

}  // namespace
}  // namespace crm::test

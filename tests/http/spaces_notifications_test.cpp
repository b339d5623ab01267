// Notifications of the spaces (issue 14 §4), on both databases: who is told
// of a post, a mention, a reply (never the author, once per post); mails at
// once and digests at 08:00 in each person's time zone and language; a
// protected space's text in no mail; one-click unsubscribe that stops only
// its kind and a tampered link that changes nothing; the in-app list and
// the header count leave out spaces one has left.
#include <chrono>

#include "auth/service.hpp"
#include "http/support/spaces_fixture.hpp"
#include "http/support/test_server.hpp"
#include "programme/store.hpp"
#include "spaces/notification_mail.hpp"
#include "spaces/notification_service.hpp"

namespace crm::test {
namespace {

using ll = long long;
namespace nm = spaces::notification_mail;
namespace notifications = spaces::notifications;

constexpr ll kSunday = 1793500000;      // 1 November 2026, a Sunday
constexpr ll kMonday0500 = 1793595600;  // 2 November 2026 05:00 UTC: 08:00 in Baghdad
constexpr ll kMonday0800 = 1793606400;  // 08:00 UTC: 08:00 in Dakar
constexpr const char* kPassword = "notifications-test-password";

class SpacesNotificationsTest : public SpacesTest {
 protected:
  ll cohort_a_ = 0, cohort_b_ = 0, space_a_ = 0, space_b_ = 0;

  void SetUp() override {
    HttpTest::SetUp();
    now_ = kSunday;
    make_programme("spaces-notify-", "Notify");
    cohort_a_ = cohort(1);
    cohort_b_ = cohort(2);
    space_a_ = space_of_cohort(cohort_a_);
    space_b_ = space_of_cohort(cohort_b_);
  }

  // A participant of `cohort_id` with a password, language and time zone.
  ll member(const std::string& label, ll cohort_id, const std::string& language = "en",
            const std::string& zone = "UTC") {
    const std::string email = label + "-" + unique() + "@notify.example.org";
    auto id = auth::create_account(sql(), email, "Name " + label, auth::Role::participant,
                                   kPassword, language, kSunday);
    if (!id) throw std::runtime_error("account");
    ll a = *id;
    sql().sql() << "UPDATE account SET time_zone = :z WHERE id = :a", soci::use(zone), soci::use(a);
    emails_[a] = email;
    programme::Person p;
    p.name = "Person " + label;
    p.email = "person-" + unique() + "@notify.example.org";
    p.country = "IQ";
    p.account_id = a;
    p.created_at = kSunday;
    programme::Enrolment e;
    e.person_id = programme::store::insert_person(sql(), p);
    e.cohort_id = cohort_id;
    e.role = "participant";
    e.status = "participant";
    e.created_at = kSunday;
    programme::store::insert_enrolment(sql(), e);
    return a;
  }

  ll thread(ll space, const std::string& title, ll author) {
    ll id = 0;
    sql().sql() << "INSERT INTO thread (space_id, title, author_account_id, created_at, "
                   "last_post_at) VALUES (:s, :t, :a, :c, :l) RETURNING id",
        soci::use(space), soci::use(title), soci::use(author), soci::use(kSunday),
        soci::use(kSunday), soci::into(id);
    return id;
  }

  // A post, recorded as the poster's transaction would.
  ll post(ll thread_id, ll author, const std::string& body, std::vector<ll> mentions = {},
          ll at = kSunday, bool record = true) {
    db::Transaction tx(sql());
    ll id = 0;
    sql().sql() << "INSERT INTO post (thread_id, author_account_id, body, created_at) VALUES "
                   "(:t, :a, :b, :c) RETURNING id",
        soci::use(thread_id), soci::use(author), soci::use(body), soci::use(at), soci::into(id);
    for (ll m : mentions)
      sql().sql() << "INSERT INTO post_mention (post_id, account_id) VALUES (:p, :a)",
          soci::use(id), soci::use(m);
    if (record) notifications::record_post(sql(), id, at);
    tx.commit();
    return id;
  }

  void set_notify(ll account, ll space, const std::string& n) {
    sql().sql() << "INSERT INTO space_reader (space_id, account_id, notify) VALUES (:s, :a, :n)",
        soci::use(space), soci::use(account), soci::use(n);
  }

  // The kinds of notification each account got for a post: "kind" or "".
  std::string kind_for(ll account, ll post_id) {
    std::string kind;
    long n =
        count("SELECT COUNT(*) FROM notification WHERE account_id = " + std::to_string(account) +
              " AND post_id = " + std::to_string(post_id));
    if (n > 1) return "twice";
    sql().sql() << "SELECT kind FROM notification WHERE account_id = :a AND post_id = :p",
        soci::use(account), soci::use(post_id), soci::into(kind);
    return sql().sql().got_data() ? kind : std::string();
  }

  long send_now(ll now) { return nm::send_immediate(sql(), server().config(), catalogs(), now); }
  long digests(ll now) { return nm::send_digests(sql(), server().config(), catalogs(), now); }

  // Every raw message the SMTP server received so far (after delivering the queue).
  std::vector<std::string> delivered() {
    const int n = deliver_mail();
    if (n > 0)
      smtp().wait_for_message(static_cast<size_t>(n) - 1 + sent_, std::chrono::seconds(10));
    auto all = smtp().messages();
    sent_ = all.size();
    return all;
  }
  size_t sent_ = 0;

  static bool to(const std::string& raw, const std::string& email) {
    return raw.find(email) != std::string::npos;
  }
  std::string raw_to(const std::vector<std::string>& all, ll account) {
    for (const auto& m : all)
      if (to(m, emails_[account])) return m;
    return {};
  }

  // What a notification request can change, with the tables every request can.
  std::string spaces_state() {
    auto tables = state_tables();
    for (const char* t : {"notification", "notification_setting", "space_reader", "form_key"})
      tables.emplace_back(t);
    return dump_tables(sql(), tables);
  }

  std::map<ll, std::string> emails_;
};

TEST_F(SpacesNotificationsTest, WhoIsToldOfAPostAMentionAndAReply) {
  ll opener = member("opener", cohort_a_), writer = member("writer", cohort_a_),
     mentioned = member("mentioned", cohort_a_), plain = member("plain", cohort_a_),
     silent = member("silent", cohort_a_), other = member("other", cohort_b_);
  set_notify(silent, space_a_, "none");
  ll t = thread(space_a_, "Returns in winter", opener);
  ll first = post(t, opener, "Opening text");
  EXPECT_EQ(kind_for(opener, first), "") << "never the author";
  EXPECT_EQ(kind_for(writer, first), "post");

  // Mentioning the opener too: mention wins over reply; a non-member is not told.
  ll reply = post(t, writer, "Answer @mentioned @opener @other", {mentioned, opener, other});
  EXPECT_EQ(kind_for(writer, reply), "");
  EXPECT_EQ(kind_for(opener, reply), "mention");
  EXPECT_EQ(kind_for(mentioned, reply), "mention");
  EXPECT_EQ(kind_for(plain, reply), "post");
  EXPECT_EQ(kind_for(silent, reply), "") << "space set to nothing";
  EXPECT_EQ(kind_for(other, reply), "") << "not a member of this space";

  // A reply to a post in particular tells that post's author.
  ll second = post(t, plain, "To the writer");
  sql().sql() << "UPDATE post SET reply_to_post_id = :r WHERE id = :p", soci::use(reply),
      soci::use(second);
  ll third = post(t, plain, "Again to the writer", {}, kSunday, false);
  sql().sql() << "UPDATE post SET reply_to_post_id = :r WHERE id = :p", soci::use(reply),
      soci::use(third);
  {
    db::Transaction tx(sql());
    notifications::record_post(sql(), third, kSunday);
    notifications::record_post(sql(), third, kSunday);  // twice: still one row each
    tx.commit();
  }
  EXPECT_EQ(kind_for(writer, third), "reply");
  EXPECT_EQ(kind_for(opener, third), "post");
  EXPECT_EQ(kind_for(plain, third), "");
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE post_id = " + std::to_string(third)), 3)
      << "writer, opener, mentioned; not plain (author), not silent";
}

TEST_F(SpacesNotificationsTest, ProtectedSpaceTextIsInNoMail) {
  ll author = member("author", cohort_a_), reader = member("reader", cohort_a_),
     quick = member("quick", cohort_a_);
  set_notify(quick, space_a_, "immediate");
  sql().sql() << "UPDATE space SET protected = 1 WHERE id = :s", soci::use(space_a_);
  ll t = thread(space_a_, "Zebrafinch confidential case", author);
  post(t, author, "Opening of the Quokkamarble matter");
  post(t, reader, "Mentioning @author about Quokkamarble", {author});
  EXPECT_EQ(send_now(kSunday + 60), 3) << "the mention to the author, both posts to quick";
  EXPECT_EQ(send_now(kSunday + 120), 0) << "a second run sends nothing again";
  // The daily digest of the reader (default daily), at 08:00 UTC.
  EXPECT_GE(digests(kMonday0800), 1);
  auto all = delivered();
  ASSERT_GE(all.size(), 3u);
  for (const auto& raw : all) {
    EXPECT_EQ(raw.find("Zebrafinch"), std::string::npos) << raw;
    EXPECT_EQ(raw.find("Quokkamarble"), std::string::npos) << raw;
    EXPECT_NE(raw.find("List-Unsubscribe: <http"), std::string::npos);
    EXPECT_NE(raw.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), std::string::npos);
    auto parsed = parse_mail(raw);
    EXPECT_EQ(parsed.text.find("Name reader"), std::string::npos) << "no author named";
    EXPECT_EQ(parsed.subject.find("Name reader"), std::string::npos);
  }
}

TEST_F(SpacesNotificationsTest, OpenSpaceMailQuotesTitleAndExcerpt) {
  ll author = member("author", cohort_a_), reader = member("reader", cohort_a_);
  ll t = thread(space_a_, "Open thread title", author);
  post(t, author, "Opening");
  post(t, reader, "A reply with words", {});
  EXPECT_EQ(send_now(kSunday + 60), 1);  // the reply to the opener
  auto all = delivered();
  auto raw = raw_to(all, author);
  ASSERT_FALSE(raw.empty());
  auto m = parse_mail(raw);
  EXPECT_NE(m.subject.find("Open thread title"), std::string::npos);
  EXPECT_NE(m.text.find("A reply with words"), std::string::npos);
}

TEST_F(SpacesNotificationsTest, DigestAtEightInBaghdadAndDakarInTheirLanguage) {
  ll author = member("author", cohort_a_);
  ll baghdad = member("baghdad", cohort_a_, "ar", "Asia/Baghdad");
  ll dakar = member("dakar", cohort_a_, "fr", "Africa/Dakar");
  ll t = thread(space_a_, "Digest thread", author);
  post(t, author, "Something for the digest");
  EXPECT_EQ(digests(kMonday0500 - 3600), 0) << "07:00 in Baghdad";
  EXPECT_EQ(digests(kMonday0500), 1) << "08:00 in Baghdad, 05:00 in Dakar";
  EXPECT_EQ(digests(kMonday0500 + 600), 0) << "the same hour again: sent already";
  EXPECT_EQ(digests(kMonday0800), 1) << "08:00 in Dakar; 11:00 in Baghdad";
  EXPECT_EQ(digests(kMonday0800 + 60), 0);
  auto all = delivered();
  auto b = parse_mail(raw_to(all, baghdad));
  auto d = parse_mail(raw_to(all, dakar));
  EXPECT_EQ(b.subject, tr("ar", "Your daily digest"));
  EXPECT_EQ(d.subject, tr("fr", "Your daily digest"));
  EXPECT_NE(tr("ar", "Your daily digest"), "Your daily digest") << "translated";
  EXPECT_NE(b.text.find("Digest thread"), std::string::npos);

  // The next day's digest covers only what came since.
  post(t, author, "Tuesday news", {}, kMonday0800 + 3600);
  EXPECT_EQ(digests(kMonday0800 + 86400), 1) << "Dakar only: Baghdad's 08:00 is 05:00 UTC";
  auto again = delivered();
  auto next = parse_mail(again.back());
  EXPECT_NE(next.text.find("Tuesday news"), std::string::npos);
  EXPECT_EQ(next.text.find("Something for the digest"), std::string::npos);
}

TEST_F(SpacesNotificationsTest, OneClickUnsubscribeStopsOnlyItsKind) {
  ll author = member("author", cohort_a_), reader = member("reader", cohort_a_);
  ll t = thread(space_a_, "Unsubscribe thread", author);
  post(t, author, "Opening");
  post(t, reader, "Mention @author", {author});
  EXPECT_EQ(send_now(kSunday + 60), 1);
  auto raw = raw_to(delivered(), author);
  auto at = raw.find("List-Unsubscribe: <");
  ASSERT_NE(at, std::string::npos);
  auto url = raw.substr(at + 19, raw.find('>', at) - at - 19);
  auto path = path_of(url);
  ASSERT_TRUE(path.starts_with("/unsubscribe/"));

  auto c = client();
  const std::string before = spaces_state();
  auto page = c.get(path);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(spaces_state(), before) << "GET changes nothing (link scanners)";

  // A tampered token: a clear page, nothing changed.
  std::string tampered = path;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_EQ(c.post(tampered, {{"List-Unsubscribe", "One-Click"}}).status, 400);
  std::string other_kind = path;
  other_kind.replace(other_kind.find(".m."), 3, ".r.");
  EXPECT_EQ(c.post(other_kind, {{"List-Unsubscribe", "One-Click"}}).status, 400);
  EXPECT_EQ(c.post("/unsubscribe/nonsense", {{"List-Unsubscribe", "One-Click"}}).status, 400);
  EXPECT_EQ(spaces_state(), before);

  // RFC 8058: a POST without sign-in and without CSRF token.
  auto done = c.post(path, {{"List-Unsubscribe", "One-Click"}});
  EXPECT_EQ(done.status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification_setting WHERE mentions = 0 AND replies = 1 "
                  "AND daily_digest = 1 AND account_id = " +
                  std::to_string(author)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'notifications.unsubscribe'"), 1);

  // Mentions stop; replies still come.
  post(t, reader, "Another @author", {author});
  ll r = post(t, reader, "A reply", {});
  (void)r;
  EXPECT_EQ(send_now(kSunday + 120), 1) << "the reply only";
}

TEST_F(SpacesNotificationsTest, ListAndHeaderCountLeaveOutSpacesOneLeft) {
  ll author = member("author", cohort_a_), reader = member("reader", cohort_a_);
  ll t = thread(space_a_, "Listed thread", author);
  post(t, author, "Opening");
  post(t, author, "Second");
  auto c = sign_in(emails_[reader], kPassword);
  auto page = c.get("/notifications");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Listed thread"), std::string::npos);
  // The header's count, with the session's own statement (auth/store.cpp).
  EXPECT_NE(page.body.find("Notifications (2)"), std::string::npos);

  // Leaving the cohort: the space's notifications are no longer listed or counted.
  sql().sql() << "UPDATE enrolment SET status = 'withdrawn' WHERE person_id IN (SELECT id FROM "
                 "person WHERE account_id = :a)",
      soci::use(reader);
  page = c.get("/notifications");
  EXPECT_EQ(page.body.find("Listed thread"), std::string::npos);
  EXPECT_EQ(page.body.find("Notifications (2)"), std::string::npos);

  // Back in: marking read clears the count.
  sql().sql() << "UPDATE enrolment SET status = 'participant' WHERE person_id IN (SELECT id FROM "
                 "person WHERE account_id = :a)",
      soci::use(reader);
  auto res = c.submit("/notifications", {}, "/notifications/read");
  EXPECT_EQ(res.status, 303);
  page = c.get("/notifications");
  EXPECT_EQ(page.body.find("Notifications ("), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE read_at IS NULL AND account_id = " +
                  std::to_string(reader)),
            0);
}

TEST_F(SpacesNotificationsTest, TheHeaderCountStopsAt99Plus) {
  ll author = member("author", cohort_a_), reader = member("reader", cohort_a_);
  ll t = thread(space_a_, "A busy thread", author);
  for (int i = 0; i < 99; ++i) post(t, author, "Post " + std::to_string(i));
  auto c = sign_in(emails_[reader], kPassword);
  auto page = c.get("/spaces");
  EXPECT_NE(page.body.find("Notifications (99)"), std::string::npos);
  EXPECT_NE(page.body.find("Notifications: 99 unread"), std::string::npos);

  // The hundredth and beyond: "99+", and the label says "more than".
  post(t, author, "Post 99");
  post(t, author, "Post 100");
  page = c.get("/spaces");
  EXPECT_NE(page.body.find("Notifications (99+)"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Notifications: more than 99 unread"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE read_at IS NULL AND account_id = " +
                  std::to_string(reader)),
            101)
      << "the count stops, the notifications do not";
}

TEST_F(SpacesNotificationsTest, SettingsOfOnesOwnSpacesOnly) {
  ll reader = member("reader", cohort_a_);
  auto c = sign_in(emails_[reader], kPassword);
  auto page = c.get("/notifications/settings");
  EXPECT_EQ(page.status, 200);
  const std::string field = "space-" + std::to_string(space_a_);
  EXPECT_NE(page.body.find(field), std::string::npos);
  EXPECT_EQ(page.body.find("space-" + std::to_string(space_b_)), std::string::npos);

  // Another cohort's space: 404, nothing changed.
  const std::string before = spaces_state();
  auto res = c.submit("/notifications/settings",
                      {{"space-" + std::to_string(space_b_), "immediate"}, {"mentions", "yes"}});
  EXPECT_EQ(res.status, 404);
  res = c.submit("/notifications/settings", {{field, "hourly"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(spaces_state(), before);

  res = c.submit("/notifications/settings", {{field, "weekly"}, {"replies", "yes"}});
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM space_reader WHERE notify = 'weekly' AND account_id = " +
                  std::to_string(reader)),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification_setting WHERE mentions = 0 AND replies = 1 "
                  "AND account_id = " +
                  std::to_string(reader)),
            1);
}

TEST(SpacesNotificationsUnit, LocalTimeAndExcerpt) {
  auto b = nm::local_time("Asia/Baghdad", kMonday0500);
  EXPECT_EQ(b.hour, 8);
  EXPECT_TRUE(b.monday);
  auto d = nm::local_time("Africa/Dakar", kMonday0500);
  EXPECT_EQ(d.hour, 5);
  EXPECT_FALSE(nm::local_time("Asia/Baghdad", kSunday).monday);
  EXPECT_EQ(nm::excerpt("short", 10), "short");
  const std::string arabic = "مرحبا بكم";  // 2 bytes a letter: a cut never splits one
  auto e = nm::excerpt(arabic, 5);
  EXPECT_EQ(e, "مر…");
}

}  // namespace
}  // namespace crm::test

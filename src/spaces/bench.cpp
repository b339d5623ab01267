#include "spaces/bench.hpp"

#include <array>
#include <chrono>
#include <stdexcept>

#include "auth/store.hpp"
#include "demo/store.hpp"
#include "spaces/notification_mail.hpp"
#include "spaces/notification_service.hpp"
#include "spaces/thread_store.hpp"

namespace crm::spaces::bench {

namespace {

using ll = long long;
using soci::into;
using soci::use;
constexpr ll kHour = 3600, kDay = 86400;

struct Voice {
  const char* language;
  const char* time_zone;
};
// The programme's people: their languages and where they live.
constexpr std::array<Voice, 6> kVoices = {{{"en", "UTC"},
                                           {"de", "Europe/Berlin"},
                                           {"ar", "Asia/Baghdad"},
                                           {"fr", "Africa/Dakar"},
                                           {"ar", "Africa/Casablanca"},
                                           {"en", "Europe/Istanbul"}}};

long give_accounts(db::Session& db, ll programme, int64_t now) {
  db::Rows rows =
      (db.sql().prepare << "SELECT DISTINCT p.id, p.name FROM person p JOIN enrolment e "
                           "ON e.person_id = p.id JOIN cohort c ON c.id = e.cohort_id "
                           "WHERE c.programme_id = :p AND e.role = 'participant' AND "
                           "p.account_id IS NULL ORDER BY p.id",
       use(programme));
  std::vector<std::pair<ll, std::string>> people;
  for (const auto& r : rows) people.emplace_back(db::get_int64(r, 0), db::get_text(r, 1));
  long made = 0;
  for (const auto& [person, name] : people) {
    const Voice& v = kVoices[static_cast<std::size_t>(person) % kVoices.size()];
    auth::Account a;
    a.email = "member-" + std::to_string(person) + "@bench.crm.example";
    a.name = name;
    a.role = auth::Role::participant;
    a.language = v.language;
    a.time_zone = v.time_zone;
    ll account = auth::store::insert_account(db, a, now);
    db.sql() << "UPDATE person SET account_id = :a WHERE id = :p", use(account), use(person);
    ++made;
  }
  return made;
}

std::vector<ll> members(db::Session& db, ll space) {
  db::Rows rows = (db.sql().prepare << "SELECT DISTINCT account_id FROM space_membership WHERE "
                                       "space_id = :s AND moderator = 0 ORDER BY account_id",
                   use(space));
  std::vector<ll> out;
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

// A post as thread_service's store_post writes it (without files).
ll post(db::Session& db, ll thread, ll author, ll reply_to, const std::string& body, ll at) {
  ll id = thread_store::insert_post(db, thread, author, reply_to, body, at);
  thread_store::count_post(db, thread, at);
  thread_store::mark_read(db, thread, author, id);
  notifications::record_post(db, id, at);
  return id;
}

std::string body(long n) {
  static constexpr std::array<const char*, 4> kTexts = {
      "What worked for us was meeting the families before the return, not after.",
      "Bei uns hat die Beratung vor der Ausreise am meisten geholfen, besonders für Kinder.",
      "ما نجح معنا هو لقاء العائلات قبل العودة، وليس بعدها.",
      "Chez nous, l'accompagnement après le retour manque surtout pour les jeunes."};
  return std::string(kTexts[static_cast<std::size_t>(n) % kTexts.size()]) + " (" +
         std::to_string(n) + ")";
}

// `count` threads of `posts` posts each, by the members in turn.
long talk(db::Session& db, ll space, const std::vector<ll>& who, long count, long posts, ll start,
          long& serial) {
  long made = 0;
  for (long t = 0; t < count; ++t) {
    const ll at = start + t * kHour;
    ll author = who[static_cast<std::size_t>(serial) % who.size()];
    ll thread =
        thread_store::insert_thread(db, space, "Thread " + std::to_string(serial), author, at);
    ll first = post(db, thread, author, 0, body(serial++), at);
    ++made;
    for (long p = 1; p < posts; ++p) {
      author = who[static_cast<std::size_t>(serial) % who.size()];
      post(db, thread, author, first, body(serial++), at + p * 60);
      ++made;
    }
  }
  return made;
}

}  // namespace

Generated generate(db::Session& db, const std::string& reader_email, long replies, long threads,
                   int64_t now) {
  Generated g;
  db::Transaction tx(db);
  auto reader = auth::store::find_account_by_email(db, reader_email);
  if (!reader) throw std::runtime_error("spaces-bench: no account " + reader_email);
  const ll programme = demo::store::programme_with_most_cohorts(db);
  g.accounts = give_accounts(db, programme, now);

  db::Rows rows = (db.sql().prepare << "SELECT s.id FROM space s JOIN cohort c ON c.id = "
                                       "s.cohort_id WHERE c.programme_id = :p ORDER BY s.id",
                   use(programme));
  std::vector<ll> spaces;
  for (const auto& r : rows) spaces.push_back(db::get_int64(r, 0));
  long serial = 0;
  // The last day's talk everywhere: three threads of four posts per cohort.
  for (ll space : spaces) {
    auto who = members(db, space);
    if (who.empty()) continue;
    g.posts += talk(db, space, who, 3, 4, now - kDay, serial);
    ++g.spaces;
  }

  ll id = 0;
  db.sql() << "SELECT COALESCE(MIN(s.id), 0) FROM space s JOIN space_membership sm ON sm.space_id "
              "= s.id WHERE sm.account_id = :a AND s.cohort_id IS NOT NULL",
      use(reader->id), into(id);
  if (id == 0) throw std::runtime_error("spaces-bench: " + reader_email + " is in no cohort space");
  g.space_id = id;
  auto who = members(db, g.space_id);
  if (who.empty()) throw std::runtime_error("spaces-bench: the reader's space has no members");
  // The reader's space: a long list of threads, and one long conversation.
  g.posts += talk(db, g.space_id, who, threads, 1, now - threads * kHour - kDay, serial);
  const ll opened = now - kDay / 2;
  g.long_thread_id =
      thread_store::insert_thread(db, g.space_id, "A long conversation", who.front(), opened);
  ll first = post(db, g.long_thread_id, who.front(), 0, body(serial++), opened);
  for (long r = 0; r < replies; ++r)
    post(db, g.long_thread_id, who[static_cast<std::size_t>(r) % who.size()], first, body(serial++),
         opened + 60 + r * 30);
  g.posts += replies + 1;

  db.sql() << "SELECT COUNT(*) FROM notification", into(g.notifications);
  tx.commit();
  return g;
}

std::vector<DigestHour> digest_day(db::Session& db, const Config& config, const Catalogs& catalogs,
                                   int64_t now) {
  // The Monday after `now`, 00:00 UTC (1 January 1970 was a Thursday).
  const int64_t days = now / kDay + 1;
  const int64_t monday = (days + (7 - (days + 3) % 7) % 7) * kDay;
  std::vector<DigestHour> out;
  for (int hour = 0; hour < 24; ++hour) {
    const auto start = std::chrono::steady_clock::now();
    const long mails = notification_mail::send_digests(db, config, catalogs, monday + hour * kHour);
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    out.push_back({hour, mails, took.count()});
  }
  return out;
}

}  // namespace crm::spaces::bench

// Demo of moderation in the spaces (issue 14 §2): in the demo participant's
// cohort space and in the programme's alumni space, a discussion with two
// reported posts (one report still open, one resolved by hiding the post
// with a reason its author reads), a locked thread, a pinned announcement by
// the programme's team and an edited post whose earlier text moderators can
// read. Idempotent: a space that already has reports is left alone.
#include <vector>

#include "demo/demo.hpp"

namespace crm::demo {

namespace {

using ll = long long;
constexpr int64_t kHour = 3600;

struct Members {
  std::vector<ll> plain;  // members who do not moderate, by id
  ll moderator = 0;
};

Members members_of(db::Session& db, ll space) {
  Members m;
  db::Rows rows = (db.sql().prepare << "SELECT account_id, MAX(moderator) FROM space_membership "
                                       "WHERE space_id = :s GROUP BY account_id ORDER BY "
                                       "account_id",
                   soci::use(space));
  for (const auto& r : rows) {
    if (db::get_int64(r, 1) != 0) {
      if (!m.moderator) m.moderator = db::get_int64(r, 0);
    } else if (m.plain.size() < 3) {
      m.plain.push_back(db::get_int64(r, 0));
    }
  }
  return m;
}

ll add_thread(db::Session& db, ll space, const std::string& title, ll author, ll at, bool pinned,
              bool locked) {
  ll id = 0, p = pinned ? 1 : 0, l = locked ? 1 : 0;
  db.sql() << "INSERT INTO thread (space_id, title, author_account_id, pinned, locked, created_at, "
              "last_post_at, post_count) VALUES (:s, :t, :a, :p, :l, :c, :c2, 0) RETURNING id",
      soci::use(space), soci::use(title), soci::use(author), soci::use(p), soci::use(l),
      soci::use(at), soci::use(at), soci::into(id);
  return id;
}

ll add_post(db::Session& db, ll thread, ll author, const std::string& body, ll at) {
  ll id = 0;
  db.sql() << "INSERT INTO post (thread_id, author_account_id, body, created_at) VALUES (:t, :a, "
              ":b, :c) RETURNING id",
      soci::use(thread), soci::use(author), soci::use(body), soci::use(at), soci::into(id);
  db.sql() << "UPDATE thread SET post_count = post_count + 1, last_post_at = :c WHERE id = :t",
      soci::use(at), soci::use(thread);
  return id;
}

void add_report(db::Session& db, ll post, ll reporter, const std::string& reason, ll at,
                ll resolved_by) {
  db.sql() << "INSERT INTO post_report (post_id, reporter_account_id, reason, created_at) VALUES "
              "(:p, :r, :reason, :c)",
      soci::use(post), soci::use(reporter), soci::use(reason), soci::use(at);
  if (resolved_by) {
    ll resolved = at + 2 * kHour;
    db.sql() << "UPDATE post_report SET resolved_at = :t, resolved_by_account_id = :b WHERE "
                "post_id = :p AND reporter_account_id = :r",
        soci::use(resolved), soci::use(resolved_by), soci::use(post), soci::use(reporter);
  }
}

void moderate_space(db::Session& db, ll space, int64_t now, bool alumni) {
  ll reports = 0;
  db.sql() << "SELECT COUNT(*) FROM post_report r JOIN post p ON p.id = r.post_id JOIN thread t "
              "ON t.id = p.thread_id WHERE t.space_id = :s",
      soci::use(space), soci::into(reports);
  if (reports > 0) return;
  Members m = members_of(db, space);
  if (!m.moderator || m.plain.empty()) return;
  const ll a = m.plain[0], b = m.plain.size() > 1 ? m.plain[1] : m.moderator;
  const ll mod = m.moderator;
  ll t0 = now - 6 * 24 * kHour;

  ll pinned = add_thread(db, space,
                         alumni ? "Welcome to the alumni space — please read first"
                                : "Announcement: how this space works",
                         mod, t0, true, false);
  add_post(db, pinned, mod,
           "Speak about cases, not about people: leave names and places out.\n\n"
           "Wenn Ihnen ein Beitrag unpassend erscheint, melden Sie ihn bitte den Moderatoren.\n\n"
           "يرجى الإبلاغ عن أي مشاركة غير لائقة.",
           t0);

  ll discussion = add_thread(db, space,
                             alumni ? "Reintegration after return: what worked for you?"
                                    : "Talking about individual cases",
                             a, t0 + kHour, false, false);
  ll opening =
      add_post(db, discussion, a,
               "How do you talk about a difficult return without exposing the family?", t0 + kHour);
  ll edited = add_post(db, discussion, b,
                       "Nous utilisons des cas composites : plusieurs histoires réunies en une.",
                       t0 + 2 * kHour);
  ll edited_at = t0 + 3 * kHour;
  std::string earlier = "Nous utilisons des cas composites.";
  db.sql() << "INSERT INTO post_revision (post_id, body, replaced_at) VALUES (:p, :b, :t)",
      soci::use(edited), soci::use(earlier), soci::use(edited_at);
  db.sql() << "UPDATE post SET edited_at = :t WHERE id = :p", soci::use(edited_at),
      soci::use(edited);
  ll open_reported =
      add_post(db, discussion, b, "Everyone here knows which ministry that story came from.",
               t0 + 4 * kHour);
  add_report(db, open_reported, a, "This points to one person's employer.", t0 + 5 * kHour, 0);
  ll hidden =
      add_post(db, discussion, a, "في الحالة التي ذكرتها، كان اسم العائلة والقرية معروفين للجميع.",
               t0 + 6 * kHour);
  add_report(db, hidden, b, "Names a family and a village.", t0 + 7 * kHour, mod);
  ll hidden_at = t0 + 9 * kHour;
  std::string reason = "Please leave out names of families and places (Chatham House rule).";
  db.sql() << "UPDATE post SET hidden_at = :t, hidden_by_account_id = :m, hidden_reason = :r "
              "WHERE id = :p",
      soci::use(hidden_at), soci::use(mod), soci::use(reason), soci::use(hidden);
  db.sql() << "INSERT INTO notification (account_id, kind, space_id, thread_id, post_id, "
              "created_at) VALUES (:a, 'hidden', :s, :t, :p, :c)",
      soci::use(a), soci::use(space), soci::use(discussion), soci::use(hidden),
      soci::use(hidden_at);
  (void)opening;

  ll locked = add_thread(
      db, space, alumni ? "Reunion 2025: dates (closed)" : "Travel to the on-site week (closed)",
      mod, t0 + 10 * kHour, false, true);
  add_post(db, locked, mod, "Die Reisedaten stehen fest; Fragen bitte direkt an das Programmteam.",
           t0 + 10 * kHour);
  add_post(db, locked, a, "Merci, c'est noté.", t0 + 11 * kHour);
}

}  // namespace

void load_spaces_moderation(db::Session& db, int64_t now) {
  db::Transaction tx(db);
  ll cohort_space = 0, alumni_space = 0;
  {
    db::Rows rows =
        (db.sql().prepare
         << "SELECT s.id, a.id FROM account acc JOIN person p ON p.account_id = acc.id JOIN "
            "enrolment e ON e.person_id = p.id AND e.role = 'participant' JOIN cohort c ON c.id = "
            "e.cohort_id JOIN space s ON s.cohort_id = c.id JOIN space a ON a.programme_id = "
            "c.programme_id AND a.kind = 'alumni' WHERE acc.email = "
            "'participant@demo.crm.example' ORDER BY e.id LIMIT 1");
    for (const auto& r : rows) {
      cohort_space = db::get_int64(r, 0);
      alumni_space = db::get_int64(r, 1);
    }
  }
  if (!cohort_space) return;
  moderate_space(db, cohort_space, now, false);
  moderate_space(db, alumni_space, now, true);
  tx.commit();
}

}  // namespace crm::demo

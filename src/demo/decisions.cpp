// Demo decisions (issue 13 §5): for each closed call of the demo programme
// whose applications have been reviewed, the decisions as the shortlist
// stands — shortlisted accepted, the next best eligible on a ranked waiting
// list (a quarter of the places, at least two), the others not admitted —
// sent three weeks after the deadline (no mails: they would go to made-up
// addresses), the call decided.
//
// The cohorts' participants were enrolled by the rest of the demo; their
// applications (src/demo/applications.cpp) scored at the top
// (src/demo/reviews.cpp). So those accepted who are in the cohort confirmed;
// anyone else accepted declined, and the cohort's people whom the shortlist
// left out (for the bounds) were offered the freed places and confirmed.
// Confirmed and enrolled then agree, and the cohorts keep the composition
// the rest of the demo (and `crm demo --scale`) counts on.
//
// Reads the calls, applications, reviews and shortlists other demo code made
// from the database; does nothing without them. Idempotent: a call with any
// decision is left alone.
#include "demo/decisions.hpp"

#include <algorithm>
#include <set>

#include "admissions/shortlist_service.hpp"
#include "admissions/shortlist_store.hpp"

namespace crm::demo {

namespace {

using ll = long long;
constexpr ll kDay = 86400;

void set(db::Session& db, ll application, const std::string& decision, ll rank, ll decided,
         ll confirm_by, ll confirmed, ll declined) {
  soci::indicator rank_ind = rank ? soci::i_ok : soci::i_null;
  soci::indicator by_ind = confirm_by ? soci::i_ok : soci::i_null;
  soci::indicator confirmed_ind = confirmed ? soci::i_ok : soci::i_null;
  soci::indicator declined_ind = declined ? soci::i_ok : soci::i_null;
  db.sql() << "UPDATE application SET decision = :d, waiting_rank = :r, decided_at = :t, "
              "confirm_by = :b, confirmed_at = :c, declined_at = :x WHERE id = :a",
      soci::use(decision), soci::use(rank, rank_ind), soci::use(decided),
      soci::use(confirm_by, by_ind), soci::use(confirmed, confirmed_ind),
      soci::use(declined, declined_ind), soci::use(application);
}

// The applications to call `call_id` of the people its cohort admitted
// (enrolled as participants, not 'not_admitted').
std::set<ll> cohort_members(db::Session& db, ll call_id) {
  std::set<ll> out;
  db::Rows rows = (db.sql().prepare << "SELECT a.id FROM application a JOIN call c ON c.id = "
                                       "a.call_id JOIN enrolment e ON e.person_id = a.person_id "
                                       "AND e.cohort_id = c.cohort_id AND e.role = 'participant' "
                                       "AND e.status <> 'not_admitted' WHERE a.call_id = :c",
                   soci::use(call_id));
  for (const auto& r : rows) out.insert(db::get_int64(r, 0));
  return out;
}

}  // namespace

void load_decisions(db::Session& db, int64_t now) {
  std::vector<ll> calls;
  {
    db::Rows rows = (db.sql().prepare << "SELECT c.id FROM call c WHERE c.status = 'closed' AND "
                                         "NOT EXISTS (SELECT 1 FROM application a WHERE a.call_id "
                                         "= c.id AND a.decision <> '') ORDER BY c.id");
    for (const auto& r : rows) calls.push_back(db::get_int64(r, 0));
  }
  for (ll id : calls) {
    auto call = admissions::shortlist_store::find_call(db, id, "en");
    if (!call) continue;
    const ll closes = call->call.closes_at;
    const long places = call->call.places;
    auto page = admissions::rank(db, std::move(*call));
    if (!page || page->shortlisted == 0) continue;
    // Every moment before now: a recent call's answers are still to come.
    const ll sent = std::min<ll>(closes + 21 * kDay, now - 10 * kDay);
    auto before_now = [&](ll t) { return t < now ? t : 0; };
    const long waiting_places = std::max(2L, places / 4);
    std::vector<ll> waiting;
    db::Transaction tx(db);
    // The people the cohort admitted (enrolled as participants) took their
    // places; anyone else accepted declined, and their places went to the
    // cohort's people on the waiting list or below it.
    const auto members = cohort_members(db, id);
    std::vector<ll> late;  // the cohort's people the shortlist left out
    long confirmed = 0;
    for (const auto& r : page->rows) {
      if (r.applicant.status != "submitted") continue;
      const bool member = members.count(r.applicant.id) > 0;
      if (r.shortlisted) {
        set(db, r.applicant.id, "accepted", 0, sent, sent + 14 * kDay,
            member ? before_now(sent + 2 * kDay + confirmed++ * 3600) : 0,
            member ? 0 : before_now(sent + 5 * kDay));
        continue;
      }
      if (member) late.push_back(r.applicant.id);
      if (r.eligible && static_cast<long>(waiting.size()) < waiting_places) {
        waiting.push_back(r.applicant.id);
        set(db, r.applicant.id, "waiting", static_cast<ll>(waiting.size()), sent, 0, 0, 0);
      } else {
        set(db, r.applicant.id, "rejected", 0, sent, 0, 0, 0);
      }
    }
    // Offered from the waiting list (or below it) once places were declined.
    for (size_t i = 0; i < late.size(); ++i)
      set(db, late[i], "accepted", 0, sent + 6 * kDay, sent + 20 * kDay,
          before_now(sent + 8 * kDay + static_cast<ll>(i) * 3600), 0);
    ll c = id, t = now;
    db.sql() << "UPDATE call SET status = 'decided', updated_at = :t WHERE id = :c", soci::use(t),
        soci::use(c);
    tx.commit();
  }
}

}  // namespace crm::demo

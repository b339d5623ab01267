// Demo shortlists (issue 13 §4): for each closed or decided call of the demo
// programme whose applications have been reviewed, the staff's hand changes
// of the proposed shortlist — one applicant proposed taken off, the best one
// left out put on, each with its reason — so the ranking page shows a
// proposal, why each applicant is in or out, and changes by hand. Reads the
// calls, applications and reviews other demo code made from the database;
// does nothing without them. Idempotent: a call with any shortlist change is
// left alone.
#include "demo/shortlists.hpp"
#include "admissions/shortlist_service.hpp"
#include "admissions/shortlist_store.hpp"
#include "auth/store.hpp"

namespace crm::demo {

void load_shortlists(db::Session& db, int64_t now) {
  std::vector<int64_t> calls;
  {
    db::Rows rows =
        (db.sql().prepare << "SELECT c.id FROM call c WHERE c.status IN ('closed', "
                             "'decided') AND NOT EXISTS (SELECT 1 FROM "
                             "shortlist_change s WHERE s.call_id = c.id) ORDER BY c.id");
    for (const auto& r : rows) calls.push_back(db::get_int64(r, 0));
  }
  int64_t staff = 0;
  if (auto a = auth::store::find_account_by_email(db, "staff@demo.crm.example")) staff = a->id;
  for (int64_t id : calls) {
    auto call = admissions::shortlist_store::find_call(db, id, "en");
    if (!call) continue;
    auto page = admissions::rank(db, std::move(*call));
    if (!page) continue;
    const admissions::RankedRow *last_in = nullptr, *best_out = nullptr;
    for (const auto& r : page->rows) {
      if (r.proposed) last_in = &r;
      if (!r.proposed && r.eligible && !best_out) best_out = &r;
    }
    if (!last_in || !best_out) continue;
    db::Transaction tx(db);
    admissions::shortlist_store::insert_change(
        db, id, last_in->applicant.id, "removed",
        "Cannot take part in the on-site week on the cohort's dates.", staff, now - 3 * 86400);
    admissions::shortlist_store::insert_change(
        db, id, best_out->applicant.id, "added",
        "The steering committee asks for more experience from ministries in this cohort.", staff,
        now - 3 * 86400 + 600);
    tx.commit();
  }
}

}  // namespace crm::demo

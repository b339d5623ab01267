// Published works for the demo knowledge base: the authors of most accepted
// demo papers and the leads of several demo projects gave their consent.
// Reads the papers and projects other demo code made from the database (none:
// nothing to do). Idempotent: a work that has a publication row (public or
// withdrawn) is never touched again.
#include "demo/demo.hpp"
#include "knowledge/publication_store.hpp"
#include "search/change_log.hpp"

namespace crm::demo {

namespace {

constexpr int64_t kDay = 86400;
constexpr long kPapers = 40, kProjects = 8;

}  // namespace

void load_publications(db::Session& db, int64_t now) {
  namespace ks = knowledge::store;
  db::Transaction tx(db);
  // Not every author agrees: every third one keeps their paper private.
  const auto papers = ks::unpublished_accepted_papers(db, kPapers * 3 / 2);
  long day = 0, published = 0;
  for (const auto& p : papers) {
    if (published == kPapers) break;
    if (p.work_id % 3 == 0) continue;
    // Spread over the last months, so the list "newest first" means something.
    ks::insert_publication(db, "paper", p.work_id, p.version_id, p.account_id,
                           now - (day++ % 120) * kDay);
    search::record_change(db, search::WorkKind::paper, p.work_id, now);
    ++published;
  }
  const auto projects = ks::unpublished_projects(db, kProjects * 2);
  published = 0;
  for (const auto& p : projects) {
    if (published == kProjects) break;
    if (p.work_id % 2 == 0) continue;
    ks::insert_publication(db, "project", p.work_id, 0, p.account_id, now - (day++ % 120) * kDay);
    search::record_change(db, search::WorkKind::project, p.work_id, now);
    ++published;
  }
  tx.commit();
}

}  // namespace crm::demo

#include "admissions/retention_store.hpp"

#include <string>

namespace crm::admissions::retention_store {

using soci::use;
using ll = long long;

std::vector<Candidate> candidates(db::Session& db, int64_t now) {
  ll t = now;
  // The instant the period runs from: withdrawn — when withdrawn; declined —
  // when declined; rejected or on the waiting list (never accepted) — the
  // decision; a draft never sent — the call's deadline. Anything else
  // (accepted and not declined, sent and not decided) has none: kept.
  // Never a document of someone enrolled as a participant in the call's
  // cohort, whatever their application says. The SQL keeps those whose
  // period may be over (28-day months, 2,419,200 s, the shortest); the job
  // then checks calendar months exactly (retention.cpp: period_end).
  db::Rows rows =
      (db.sql().prepare
           << "SELECT d.id, a.id, c.id, x.since, c.retention_months FROM application_document d "
              "JOIN application a ON a.id = d.application_id JOIN call c ON c.id = a.call_id "
              "JOIN (SELECT a2.id AS application_id, CASE WHEN a2.status = 'withdrawn' THEN "
              "a2.withdrawn_at WHEN a2.decision = 'accepted' AND a2.declined_at IS NOT NULL THEN "
              "a2.declined_at WHEN a2.decision IN ('rejected', 'waiting') THEN a2.decided_at "
              "WHEN a2.status = 'draft' THEN c2.closes_at END AS since FROM application a2 JOIN "
              "call c2 ON c2.id = a2.call_id) x ON x.application_id = a.id WHERE d.deleted_at IS "
              "NULL AND x.since IS NOT NULL AND x.since + c.retention_months * 2419200 <= :t AND "
              "NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.person_id = a.person_id AND "
              "e.cohort_id = c.cohort_id AND e.role = 'participant') ORDER BY d.id",
       use(t));
  std::vector<Candidate> out;
  for (const auto& r : rows) {
    Candidate x;
    x.document = db::get_int64(r, 0);
    x.application = db::get_int64(r, 1);
    x.call = db::get_int64(r, 2);
    x.from = db::get_int64(r, 3);
    x.months = static_cast<long>(db::get_int64(r, 4));
    out.push_back(x);
  }
  return out;
}

long empty_documents(db::Session& db, const std::vector<int64_t>& ids, int64_t now) {
  ll t = now;
  long emptied = 0;
  // Whole numbers of our own in the IN list, in chunks.
  constexpr size_t kChunk = 500;
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    std::string list;
    for (size_t j = i; j < ids.size() && j < i + kChunk; ++j)
      list += (j == i ? "" : ",") + std::to_string(ids[j]);
    db.sql() << "UPDATE application_document SET data = NULL, deleted_at = :t WHERE deleted_at "
                "IS NULL AND id IN (" +
                    list + ")",
        use(t);
    emptied += static_cast<long>(db.sql().affected_rows());
  }
  return emptied;
}

}  // namespace crm::admissions::retention_store

// SQL of the retention of applicants' documents (retention.hpp): the only
// file of the retention with SQL. Writes expect the caller's transaction.
#pragma once

#include <cstdint>
#include <vector>

#include "db/database.hpp"

namespace crm::admissions::retention_store {

// A stored document (not yet emptied) of an applicant who was not admitted,
// with the instant its retention period runs from (retention.hpp says which)
// and its call's retention_months. Only those whose period may be over by
// `now` (at least retention_months × 28 days since `from`): the service
// decides with calendar months.
struct Candidate {
  int64_t document = 0, application = 0, call = 0;
  int64_t from = 0;
  long months = 0;
};
std::vector<Candidate> candidates(db::Session& db, int64_t now);

// Empties the documents: data NULL, deleted_at `now`; those emptied already
// stay as they are. Returns how many were emptied.
long empty_documents(db::Session& db, const std::vector<int64_t>& ids, int64_t now);

}  // namespace crm::admissions::retention_store

// Demo certificates: everyone who has completed one of the demo programme's
// own cohorts whose status is "completed" gets one (completion as the database tells it: without
// the curriculum's demo attendance and results nobody is complete and nothing is issued), and one
// of them is revoked with a reason, so the verification page shows both answers. Idempotent: a
// person with a valid certificate is skipped, and the revocation happens once per database.
#include "certificates/service.hpp"
#include "db/migrate.hpp"
#include "demo/demo.hpp"

namespace crm::demo {

namespace {

// The migration that made the certificate tables (0008_curriculum.sql): a
// demo loaded into an older schema (the migration tests do) has none.
constexpr int kCertificateSchema = 8;

// Where `crm serve` listens by default: the demo's QR codes lead there.
constexpr const char* kDemoBaseUrl = "http://127.0.0.1:8080";
constexpr const char* kRevokedReason =
    "Issued by mistake before the final module results were corrected.";

// The demo programme's own finished cohorts (numbers 1 to 4), not the copies
// that --scale adds: a larger demo costs no more certificates (and the same
// number of statements), whatever the curriculum's demo completes there.
std::vector<int64_t> completed_cohorts(db::Session& db) {
  std::vector<int64_t> out;
  db::Rows rows = (db.sql().prepare << "SELECT id FROM cohort WHERE status = 'completed' AND "
                                       "number <= 4 ORDER BY id");
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

}  // namespace

void load_certificates(db::Session& db, int64_t now) {
  if (db::schema_version(db) < kCertificateSchema) return;
  const auto cohorts = completed_cohorts(db);
  for (int64_t cohort : cohorts) certificates::issue_all_as_crm(db, cohort, kDemoBaseUrl, now);
  if (cohorts.empty()) return;
  // One revoked certificate, once: the newest of the first completed cohort,
  // unless some certificate was revoked already.
  long revoked = 0;
  db.sql() << "SELECT COUNT(*) FROM certificate WHERE revoked_at IS NOT NULL", soci::into(revoked);
  if (revoked > 0) return;
  long long last = 0;
  soci::indicator ind = soci::i_ok;
  long long cohort = cohorts.front();
  db.sql() << "SELECT MAX(id) FROM certificate WHERE cohort_id = :c", soci::use(cohort),
      soci::into(last, ind);
  if (ind == soci::i_null || last == 0) return;
  certificates::revoke_as_crm(db, last, kRevokedReason, now);
}

}  // namespace crm::demo

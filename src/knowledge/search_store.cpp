#include "knowledge/search_store.hpp"

namespace crm::knowledge::search_store {

std::vector<int64_t> team_programmes(db::Session& db, int64_t account_id) {
  long long a = account_id;
  std::vector<int64_t> out;
  db::Rows rows = (db.sql().prepare << "SELECT programme_id FROM programme_staff WHERE "
                                       "account_id = :a ORDER BY programme_id",
                   soci::use(a));
  for (const auto& r : rows) out.push_back(db::get_int64(r, 0));
  return out;
}

std::map<int64_t, std::string> cohort_names(db::Session& db) {
  std::map<int64_t, std::string> out;
  db::Rows rows = db.sql().prepare << "SELECT id, name FROM cohort ORDER BY id";
  for (const auto& r : rows) out[db::get_int64(r, 0)] = db::get_text(r, 1);
  return out;
}

}  // namespace crm::knowledge::search_store

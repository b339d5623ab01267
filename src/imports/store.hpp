// SQL of the people import: the stored uploads, the batch lookups that match
// a file's rows against crm, and the prepared statements the commit reuses
// for every row. The only file in imports/ with SQL. Writes expect the
// caller's transaction.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "imports/model.hpp"
#include "programme/model.hpp"
#include "programme/scope.hpp"

namespace crm::imports::store {

int64_t insert_import(db::Session& db, const ImportRecord& r);
// nullopt when there is no such import or its programme is outside the scope.
std::optional<ImportRecord> find_import(db::Session& db, int64_t id, const programme::Scope& scope);
// Marks the import committed; false when it already was (or is gone).
bool mark_committed(db::Session& db, int64_t id, int64_t now);
// Imports of the scope's programmes not committed yet and uploaded at or
// after `since`, newest first, at most `limit`.
std::vector<OpenImport> open_imports(db::Session& db, const programme::Scope& scope, int64_t since,
                                     long limit);

// The people of the importer's programmes (`all`: an admin, every programme)
// with these emails, not merged or erased (a few statements of a few hundred
// emails each): email -> id, several when records share an address.
std::multimap<std::string, int64_t> people_by_email(db::Session& db,
                                                    const std::vector<std::string>& emails,
                                                    int64_t account_id, bool all);
// What crm holds of these people (ids from people_by_email, kept to the same
// scope): id -> their values, the organisation by name and country.
std::map<int64_t, Stored> stored_people(db::Session& db, const std::vector<int64_t>& ids,
                                        int64_t account_id, bool all);
// Every organisation of these countries (two-letter codes), to look for
// names like the file's among them.
std::vector<programme::Organisation> organisations_in_countries(
    db::Session& db, const std::vector<std::string>& countries);
// Organisations by name, in any country: "COUNTRY|name" -> id.
std::map<std::string, int64_t> organisations_by_name(db::Session& db,
                                                     const std::vector<std::string>& names);
// The participant enrolments of a cohort: person id -> (enrolment id, status).
std::map<int64_t, std::pair<int64_t, std::string>> cohort_enrolments(db::Session& db,
                                                                     int64_t cohort_id);

// The writes of one commit. Rows go in as multi-row INSERTs of a few hundred
// rows each (one round trip per batch, which is what PostgreSQL needs for
// 10,000 rows in seconds); the per-row statements are prepared once and reused.
// Not thread-safe; lives inside one transaction on one session.
class Writer {
 public:
  explicit Writer(db::Session& db, int64_t now, int64_t by_account_id);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  int64_t insert_organisation(const std::string& name, const std::string& name_latin,
                              const std::string& country, const std::string& type);
  struct NewPerson {
    const Row* row;
    int64_t organisation_id;  // 0: none
  };
  // New people; returns email -> id.
  std::map<std::string, int64_t> insert_people(const std::vector<NewPerson>& people);
  // Empty values (and organisation_id 0) leave the stored value as it is.
  void update_person(int64_t person_id, const Row& r, int64_t organisation_id);
  // Participant enrolments (person id, status) in `cohort_id`; returns person id -> enrolment id.
  std::map<int64_t, int64_t> insert_enrolments(
      int64_t cohort_id, const std::vector<std::pair<int64_t, std::string>>& enrolments);
  void update_enrolment_status(int64_t enrolment_id, const std::string& status);
  // (enrolment id, status), dated now and by the account given to the constructor.
  void insert_status_changes(const std::vector<std::pair<int64_t, std::string>>& changes);

 private:
  struct Statements;
  db::Session& db_;
  std::unique_ptr<Statements> s_;
};

}  // namespace crm::imports::store

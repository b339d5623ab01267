// SQL of certificates: the only file in certificates/ with SQL. Writes run in
// the caller's transaction. Reads take the cohort or the person whose
// certificates they read; the service has checked the reader may see them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "certificates/model.hpp"
#include "db/database.hpp"

namespace crm::certificates::store {

int64_t insert(db::Session& db, const Certificate& c, const std::string& pdf);

// A certificate with the account of its holder (0: none), for the
// service's checks.
struct Found {
  Certificate certificate;
  int64_t holder_account_id = 0;
};
std::optional<Found> find(db::Session& db, int64_t id);
// The PDF's bytes (nullopt: none kept, e.g. after erasure).
std::optional<std::string> pdf(db::Session& db, int64_t id);

// Every certificate of the cohort, by person, oldest first.
std::vector<Certificate> of_cohort(db::Session& db, int64_t cohort_id);
// Every certificate of the person, newest first, with its cohort's name.
std::vector<Certificate> of_person(db::Session& db, int64_t person_id);
// Whether the person holds a certificate for the cohort that is not revoked.
bool has_valid(db::Session& db, int64_t person_id, int64_t cohort_id);

// Sets it revoked unless it was already; false when it was (or is gone).
bool revoke(db::Session& db, int64_t id, int64_t cohort_id, const std::string& reason,
            int64_t by_account, int64_t now);
// Erasure: every certificate of the person is revoked with `reason` (those
// revoked before keep theirs), the copied names are cleared and the PDFs
// dropped. Returns how many rows changed.
long erase_holder(db::Session& db, int64_t person_id, const std::string& reason, int64_t now);

// The public page's view of a code: programme name in `language` (else
// English, else any).
std::optional<Verification> verification(db::Session& db, const std::string& code,
                                         const std::string& language);

// A participant of the cohort as its certificates page names them.
struct PersonName {
  int64_t id = 0;
  std::string name, name_latin;
};
// Those taking part (as curriculum::completion_of_cohort counts them), by id.
std::vector<PersonName> participants(db::Session& db, int64_t cohort_id);

// The cohort's modules (semester, position) with their titles in English,
// German and `language` (each "" when missing) and any title.
struct ModuleRow {
  int64_t id = 0;
  long ects_tenths = 0;
  std::string title_en, title_de, title_reader, title_any;
};
std::vector<ModuleRow> modules(db::Session& db, int64_t cohort_id, const std::string& language);

// The programme's name in English and German (each "" when missing) and any.
struct ProgrammeNames {
  std::string en, de, any;
};
ProgrammeNames programme_names(db::Session& db, int64_t programme_id);

}  // namespace crm::certificates::store

// Certificates as plain data (the certificate table of
// migrations/0008_curriculum.sql): what was certified is copied in when a
// certificate is issued, so later edits of the person, the cohort or its
// modules do not change it. ECTS are in tenths (2.5 ECTS = 25).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "curriculum/completion.hpp"

namespace crm::certificates {

struct Certificate {
  int64_t id = 0;
  std::string code;  // the public verification code, "XXXX-XXXX-XXXX-XXXX"
  int64_t person_id = 0, cohort_id = 0;
  std::string name, name_latin;  // as on the certificate (cleared on erasure)
  long ects_tenths = 0;
  int64_t completed_on = 0;
  int64_t issued_at = 0, issued_by = 0;
  int64_t revoked_at = 0;  // 0: valid
  std::string revoked_reason;
  int64_t revoked_by = 0;
  std::string cohort_name;   // the cohort's, read with it
  int64_t programme_id = 0;  // the cohort's
  bool valid() const { return revoked_at == 0; }
};

// One module as the certificate lists it.
struct ModuleLine {
  std::string title_en, title_de;  // a missing language falls back to the other, then to any
  long ects_tenths = 0;
};

// Everything the PDF shows.
struct PdfContent {
  std::string name, name_latin;
  std::string programme_en, programme_de;
  std::string cohort;
  int64_t cohort_starts_on = 0, cohort_ends_on = 0;
  int64_t completed_on = 0, issued_at = 0;
  long ects_tenths = 0;
  std::vector<ModuleLine> modules;
  std::string code;
  std::string verify_url;  // what the QR code holds
};

// A participant of a cohort as its certificates page lists them.
struct Participant {
  int64_t person_id = 0;
  std::string name, name_latin;
  curriculum::Completion completion;
  std::optional<Certificate> current;  // the newest certificate, valid or revoked
};

// What the public verification page shows of a certificate: nothing else.
struct Verification {
  std::string name, name_latin, programme, cohort;
  int64_t completed_on = 0;
  long ects_tenths = 0;
  int64_t revoked_at = 0;  // 0: valid
  std::string revoked_reason;
};

}  // namespace crm::certificates

// Plain data of the programme, its cohorts, organisations, people and their
// enrolments. Countries are ISO 3166-1 alpha-2 codes ("DE"); the enumerated
// fields hold the values the database CHECKs allow (see the *_values lists).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crm::programme {

struct Programme {
  int64_t id = 0;
  std::string slug;
  std::string name, description;  // in the language asked for (English as fallback)
  std::string language;           // the language name and description are in
  long anonymity_threshold = 5;
};

// A country and one of its route roles: "origin", "transit" or "destination".
struct ProgrammeCountry {
  std::string country, role;
};

struct Cohort {
  int64_t id = 0, programme_id = 0;
  long number = 0;
  std::string name;
  int64_t starts_on = 0, ends_on = 0;
  std::string status = "planned";  // planned | open | running | completed
  std::string regional_focus;
  long capacity = 0;
  std::string location;
  long size = 0;  // participants enrolled (not counting applicants and those not admitted)
};

struct Organisation {
  int64_t id = 0;
  std::string name, name_latin, country;
  std::string type = "other";  // ministry | authority | international | ngo | university | other
};

struct Person {
  int64_t id = 0;
  int64_t account_id = 0;  // 0: no account
  std::string name, name_latin, email, country;
  int64_t organisation_id = 0;  // 0: none
  std::string position;
  std::string gender;  // self-described; empty: not given
  int64_t created_at = 0;
};

struct Enrolment {
  int64_t id = 0, person_id = 0, cohort_id = 0;
  std::string role = "participant";  // participant | lecturer | supervisor | staff
  std::string status = "applicant";  // applicant | admitted | participant | graduate | withdrawn |
                                     // not_admitted
  int64_t created_at = 0;
};

// One person on a cohort page, with what the viewer may see filled in.
struct Member {
  int64_t person_id = 0;
  std::string name, name_latin, email, country;
  std::string organisation, organisation_latin, organisation_type;
  std::string position;
  std::string role, status;
};

// Cohort page filters; empty means "any".
struct MemberFilter {
  std::string country, route_role, organisation_type, status;
};

const std::vector<std::string_view>& route_roles();
const std::vector<std::string_view>& cohort_statuses();
const std::vector<std::string_view>& organisation_types();
const std::vector<std::string_view>& enrolment_roles();
const std::vector<std::string_view>& enrolment_statuses();
// True when `v` is one of `values`.
bool one_of(const std::vector<std::string_view>& values, std::string_view v);

}  // namespace crm::programme

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
  std::vector<std::string> funders;  // in the order they are credited
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
  long semesters = 2;
  long size = 0;  // participants enrolled (not counting applicants and those not admitted)
};

struct Organisation {
  int64_t id = 0;
  std::string name, name_latin, country;
  std::string type = "other";  // ministry | authority | international | ngo | university | other
};

// Gender is self-described: "female", "male", "prefer_not_to_say", any other
// text the person wrote, or empty (not asked or not given).
struct Person {
  int64_t id = 0;
  int64_t account_id = 0;  // 0: no account
  std::string name, name_latin, email, country;
  int64_t organisation_id = 0;  // 0: none
  std::string position;
  std::string gender;
  std::string languages;  // comma-separated language codes: "ar,en"
  std::string expertise;  // comma-separated topics
  std::string time_zone;  // IANA id; empty: the programme's
  std::string bio;
  std::string visible_fields = "country,organisation,expertise";  // see visible_fields()
  int64_t created_at = 0, updated_at = 0;
  int64_t merged_into = 0;           // 0: not merged
  int64_t erasure_requested_at = 0;  // 0: not asked for
  int64_t erased_at = 0;             // 0: not erased
};

// A share the cohort aims for: `share_percent` of its participants with
// `value` in `dimension` (route_role | gender | organisation_type | country).
struct CohortTarget {
  std::string dimension, value;
  long share_percent = 0;
};

// What a person agreed to (participation | directory | media).
struct Consent {
  int64_t id = 0, person_id = 0;
  std::string purpose;
  int64_t given_at = 0, withdrawn_at = 0;  // withdrawn_at 0: still given
  int64_t recorded_by_account_id = 0;
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
  std::string visible_fields;  // the person's choice, see is_visible()
};

// Cohort page filters; empty means "any".
struct MemberFilter {
  std::string country, route_role, organisation_type, status;
};

const std::vector<std::string_view>& route_roles();
// The fields a person can show to other participants and alumni (the name is
// always shown to them); "country,organisation,expertise" by default.
const std::vector<std::string_view>& profile_fields();
// True when `field` is in the comma-separated `visible_fields`.
bool is_visible(std::string_view visible_fields, std::string_view field);
const std::vector<std::string_view>& target_dimensions();
const std::vector<std::string_view>& consent_purposes();
// "female", "male", "prefer_not_to_say"; anything else non-empty is self-described.
const std::vector<std::string_view>& gender_choices();
const std::vector<std::string_view>& cohort_statuses();
const std::vector<std::string_view>& organisation_types();
const std::vector<std::string_view>& enrolment_roles();
const std::vector<std::string_view>& enrolment_statuses();
// The statuses of people who are or were taking part: admitted, participant,
// graduate. What participants and alumni see of each other (see
// policy::sees_everyone_enrolled).
const std::vector<std::string_view>& taking_part_statuses();
// True when `v` is one of `values`.
bool one_of(const std::vector<std::string_view>& values, std::string_view v);

}  // namespace crm::programme

namespace crm::programme {

// What the composition of a cohort is counted from: one participant enrolment.
struct ParticipantFacts {
  std::string country, organisation_type, gender, status;  // organisation_type "" : none
};

}  // namespace crm::programme

#include "programme/model.hpp"

#include <algorithm>

namespace crm::programme {

const std::vector<std::string_view>& route_roles() {
  static const std::vector<std::string_view> v = {"origin", "transit", "destination"};
  return v;
}

const std::vector<std::string_view>& cohort_statuses() {
  static const std::vector<std::string_view> v = {"planned", "open", "running", "completed"};
  return v;
}

const std::vector<std::string_view>& organisation_types() {
  static const std::vector<std::string_view> v = {"ministry", "authority",  "international",
                                                  "ngo",      "university", "other"};
  return v;
}

const std::vector<std::string_view>& enrolment_roles() {
  static const std::vector<std::string_view> v = {"participant", "lecturer", "supervisor", "staff"};
  return v;
}

const std::vector<std::string_view>& enrolment_statuses() {
  static const std::vector<std::string_view> v = {"applicant", "admitted",  "participant",
                                                  "graduate",  "withdrawn", "not_admitted"};
  return v;
}

const std::vector<std::string_view>& taking_part_statuses() {
  static const std::vector<std::string_view> v = {"admitted", "participant", "graduate"};
  return v;
}

const std::vector<std::string_view>& profile_fields() {
  static const std::vector<std::string_view> v = {"country",   "organisation", "position", "email",
                                                  "languages", "expertise",    "bio",      "photo"};
  return v;
}

bool is_visible(std::string_view visible_fields, std::string_view field) {
  while (!visible_fields.empty()) {
    auto comma = visible_fields.find(',');
    if (visible_fields.substr(0, comma) == field) return true;
    if (comma == std::string_view::npos) break;
    visible_fields.remove_prefix(comma + 1);
  }
  return false;
}

const std::vector<std::string_view>& target_dimensions() {
  static const std::vector<std::string_view> v = {"route_role", "gender", "organisation_type",
                                                  "country"};
  return v;
}

const std::vector<std::string_view>& consent_purposes() {
  static const std::vector<std::string_view> v = {"participation", "directory", "media"};
  return v;
}

const std::vector<std::string_view>& gender_choices() {
  static const std::vector<std::string_view> v = {"female", "male", "prefer_not_to_say"};
  return v;
}

bool one_of(const std::vector<std::string_view>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace crm::programme

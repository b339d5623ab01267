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

bool one_of(const std::vector<std::string_view>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace crm::programme

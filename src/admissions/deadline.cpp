#include "admissions/deadline.hpp"

#include "curriculum/service.hpp"

namespace crm::admissions::deadline {

Result<int64_t> opening_instant(std::string_view date, std::string_view time, std::string_view zone,
                                const std::string& field) {
  auto at = curriculum::local_instant(date, time, zone, field);
  if (!at) return at.error();
  return at->at;
}

Result<int64_t> closing_instant(std::string_view date, std::string_view time, std::string_view zone,
                                const std::string& field) {
  auto at = opening_instant(date, time, zone, field);
  if (!at) return at;
  return *at + 60;
}

}  // namespace crm::admissions::deadline

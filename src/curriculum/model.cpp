#include "curriculum/model.hpp"

namespace crm::curriculum {

const std::vector<std::string_view>& session_kinds() {
  static const std::vector<std::string_view> v{"online", "on_site"};
  return v;
}

const std::vector<std::string_view>& attendance_statuses() {
  static const std::vector<std::string_view> v{"present", "excused", "absent"};
  return v;
}

const std::vector<std::string_view>& module_results() {
  static const std::vector<std::string_view> v{"passed", "failed"};
  return v;
}

}  // namespace crm::curriculum

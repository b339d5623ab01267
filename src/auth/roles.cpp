#include "auth/roles.hpp"

#include "core/i18n.hpp"

namespace crm::auth {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::admin:
      return "admin";
    case Role::staff:
      return "staff";
    case Role::lecturer:
      return "lecturer";
    case Role::participant:
      return "participant";
    case Role::alumnus:
      return "alumnus";
    case Role::stakeholder:
      return "stakeholder";
    case Role::applicant:
      return "applicant";
    case Role::anonymous:
      break;
  }
  return "anonymous";
}

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : account_roles())
    if (role_name(r) == s) return r;
  return std::nullopt;
}

const char* role_label(Role r) {
  switch (r) {
    case Role::admin:
      return N_("Administrator");
    case Role::staff:
      return N_("Programme staff");
    case Role::lecturer:
      return N_("Lecturer");
    case Role::participant:
      return N_("Participant");
    case Role::alumnus:
      return N_("Alumnus");
    case Role::stakeholder:
      return N_("Stakeholder");
    case Role::applicant:
      return N_("Applicant");
    case Role::anonymous:
      break;
  }
  return N_("Visitor");
}

const std::vector<Role>& account_roles() {
  static const std::vector<Role> all = {Role::admin,       Role::staff,   Role::lecturer,
                                        Role::participant, Role::alumnus, Role::stakeholder,
                                        Role::applicant};
  return all;
}

}  // namespace crm::auth

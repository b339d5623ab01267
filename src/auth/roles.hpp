// Roles and the small, pure, deny-by-default permission rules that services
// check first. What a role may not see answers 404 (not 403).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::auth {

// applicant: the narrowest signed-in role — an account made by signing up to
// apply (admissions/); it sees its own applications and the public pages,
// and becomes a participant's account on enrolment. Nobody is invited as one.
enum class Role { anonymous, applicant, stakeholder, alumnus, participant, lecturer, staff, admin };

std::string_view role_name(Role r);                  // "staff"
std::optional<Role> parse_role(std::string_view s);  // nullopt for unknown or "anonymous"
const char* role_label(Role r);                      // msgid for display ("Staff")
// The roles an account can have, most privileged first.
const std::vector<Role>& account_roles();

// The header counts unread notifications up to this many ("99+" beyond).
inline constexpr long kUnreadCap = 100;

// Who is making the request.
struct Actor {
  int64_t id = 0;  // 0: anonymous
  Role role = Role::anonymous;
  std::string name, email, language, time_zone;
  bool totp_enabled = false;
  long unread_notifications = 0;  // shown in the page header; read with the session;
                                  // at most kUnreadCap
  bool signed_in() const { return id != 0; }
};

namespace policy {

// Admin and staff handle personal data of many people: a second factor is required.
constexpr bool needs_second_factor(Role r) {
  return r == Role::admin || r == Role::staff;
}

// Staff invite everyone but admins; admins invite anyone. Applicants sign
// up themselves: nobody is invited as one.
constexpr bool can_invite(Role actor, Role invitee) {
  switch (actor) {
    case Role::admin:
      return invitee != Role::anonymous && invitee != Role::applicant;
    case Role::staff:
      return invitee != Role::anonymous && invitee != Role::applicant && invitee != Role::admin;
    default:
      return false;
  }
}

constexpr bool can_read_audit_log(Role actor) {
  return actor == Role::admin;
}

}  // namespace policy

}  // namespace crm::auth

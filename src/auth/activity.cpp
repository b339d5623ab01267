#include "auth/activity.hpp"

#include <array>
#include <utility>

namespace crm::auth {

namespace {

constexpr std::array<std::pair<std::string_view, const char*>, 51> kActivities = {{
    {"account.create", N_("Account created")},
    {"account.login", N_("Logged in")},
    {"account.login_alert", N_("Told of a login from a new device")},
    {"account.logout", N_("Logged out")},
    {"account.logout_everywhere", N_("Logged out on every device")},
    {"account.password_change", N_("Password changed")},
    {"account.password_reset", N_("Password reset")},
    {"account.reset_requested", N_("Password reset asked for")},
    {"account.second_factor", N_("Second factor given")},
    {"account.totp_enabled", N_("Two-factor sign-in turned on")},
    {"account.update", N_("Account settings changed")},
    {"certificate.issue_all", N_("Certificates asked for everyone complete")},
    {"certificate.issued", N_("Certificate issued")},
    {"certificate.revoked", N_("Certificate revoked")},
    {"attendance.record", N_("Attendance recorded")},
    {"calendar.create", N_("Calendar address made")},
    {"calendar.renew", N_("Calendar address renewed (the old one stopped working)")},
    {"cohort.create", N_("Cohort created")},
    {"cohort.targets", N_("Cohort targets changed")},
    {"completion.rules", N_("Completion rules changed")},
    {"consent.give", N_("Consent given")},
    {"consent.withdraw", N_("Consent withdrawn")},
    {"curriculum.copy", N_("Curriculum copied from another cohort")},
    {"enrolment.status", N_("Enrolment status changed")},
    {"invitation.accept", N_("Invitation accepted")},
    {"invitation.create", N_("Invitation sent")},
    {"invitation.revoke", N_("Invitation withdrawn")},
    {"job.retry", N_("Job started again")},
    {"module.results", N_("Module results marked")},
    {"material.add", N_("Session material added")},
    {"module.create", N_("Module created")},
    {"module.delete", N_("Module deleted")},
    {"module.update", N_("Module changed")},
    {"people.import_started", N_("Import started")},
    {"people.imported", N_("People imported")},
    {"person.erased", N_("Personal data erased")},
    {"person.erasure_requested", N_("Erasure asked for")},
    {"person.erasure_withdrawn", N_("Erasure request withdrawn")},
    {"person.merged", N_("Records merged")},
    {"person.photo_deleted", N_("Photo removed")},
    {"person.photo_updated", N_("Photo changed")},
    {"person.profile_updated", N_("Profile changed")},
    {"programme.create", N_("Programme created")},
    {"programme.team_add", N_("Added to a programme team")},
    {"programme.team_remove", N_("Removed from a programme team")},
    {"programme.update", N_("Programme changed")},
    {"session.cancel", N_("Session cancelled")},
    {"session.create", N_("Session planned")},
    {"session.move", N_("Session moved")},
    {"session.restore", N_("Session planned again")},
    {"session.update", N_("Session changed")},
}};

}  // namespace

const char* activity_msgid(std::string_view action) {
  for (const auto& [code, msgid] : kActivities)
    if (code == action) return msgid;
  return nullptr;
}

std::string activity_name(const Tr& t, std::string_view action) {
  const char* msgid = activity_msgid(action);
  return msgid ? t(msgid) : std::string(action);
}

}  // namespace crm::auth

// Who may see and change a cohort's curriculum, attendance, results,
// completion and certificates: small, pure, deny-by-default rules that the
// curriculum and certificate services check first. What a role may not see
// answers 404. `in_programme` is programme::store::Membership's: staff on the
// programme's team; lecturers, participants and alumni taking part in one of
// its cohorts.
#pragma once

#include "auth/roles.hpp"
#include "programme/policy.hpp"

namespace crm::curriculum::policy {

// Modules, sessions, their materials and the cohort's timetable: the
// programme's people — the same who see a cohort's members.
constexpr bool can_see_curriculum(auth::Role r, bool in_programme) {
  return programme::policy::can_see_members(r, in_programme);
}

// Planning modules and sessions, moving and cancelling sessions, completion
// rules, module results: the programme's staff and admins.
constexpr bool can_plan(auth::Role r, bool in_programme) {
  return r == auth::Role::admin || (r == auth::Role::staff && in_programme);
}

// Taking (and correcting) a session's attendance: the programme's staff and
// admins, and the session's own lecturers (`lecturer_of_session`: the
// account's person is among the session's lecturers).
constexpr bool can_take_attendance(auth::Role r, bool in_programme, bool lecturer_of_session) {
  return can_plan(r, in_programme) ||
         (r == auth::Role::lecturer && in_programme && lecturer_of_session);
}

// Adding materials to a session: who takes its attendance.
constexpr bool can_add_materials(auth::Role r, bool in_programme, bool lecturer_of_session) {
  return can_take_attendance(r, in_programme, lecturer_of_session);
}

// A cohort's completion list (everyone's attendance share and what they
// miss): the programme's staff and admins. Participants see their own only.
constexpr bool can_see_completion(auth::Role r, bool in_programme) {
  return can_plan(r, in_programme);
}

// One's own attendance and completion (/attendance): those who take part in
// cohorts — participants, alumni and lecturers (a lecturer may also be
// enrolled as a participant). Staff and admins read the completion lists; an
// enrolment of their own gives them nothing here, as elsewhere.
constexpr bool can_see_own_attendance(auth::Role r) {
  return r == auth::Role::participant || r == auth::Role::alumnus || r == auth::Role::lecturer;
}

// Issuing and revoking certificates: the programme's staff and admins.
constexpr bool can_issue_certificates(auth::Role r, bool in_programme) {
  return can_plan(r, in_programme);
}

}  // namespace crm::curriculum::policy

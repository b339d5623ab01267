// Who may do what with surveys, results and the funder's report: small,
// pure, deny-by-default rules the surveys and reports services check first.
// What a role may not see answers 404. `in_programme` is
// programme::store::Membership's (on the programme's team, or taking part in
// one of its cohorts).
#pragma once

#include "auth/roles.hpp"

namespace crm::surveys::policy {

constexpr bool is_programme_staff(auth::Role r, bool in_programme) {
  return r == auth::Role::admin || (r == auth::Role::staff && in_programme);
}

// Building, importing, versioning, sending and cancelling surveys: staff.
constexpr bool can_manage_surveys(auth::Role r, bool in_programme) {
  return is_programme_staff(r, in_programme);
}

// Aggregated results (charts, cross-tabs, aggregated exports): staff, and the
// programme's lecturers (session feedback is for them too). The anonymity
// threshold holds for everyone, staff included.
constexpr bool can_see_results(auth::Role r, bool in_programme) {
  return is_programme_staff(r, in_programme) || (r == auth::Role::lecturer && in_programme);
}

// Raw responses of an identified survey (who answered what) and their
// export: staff only. Anonymous surveys have no raw identified responses.
constexpr bool can_see_identified_responses(auth::Role r, bool in_programme) {
  return is_programme_staff(r, in_programme);
}

// The funder's indicator report and its drill-down: staff.
constexpr bool can_see_indicator_report(auth::Role r, bool in_programme) {
  return is_programme_staff(r, in_programme);
}

// Answering: the invited person (through their personal link, or signed in
// as that person); nobody answers for someone else.
constexpr bool can_answer(bool is_invited_person, bool round_open) {
  return is_invited_person && round_open;
}

// "My surveys" (answering signed in, without the link): participants and
// alumni, each only their own invitations (the store scopes by account).
constexpr bool can_answer_signed_in(auth::Role r) {
  return r == auth::Role::participant || r == auth::Role::alumnus;
}

}  // namespace crm::surveys::policy

// Which programmes an account belongs to, as one SQL fragment that every store
// reaching people, enrolments, organisations' people, imports, consents and
// erasures puts in its WHERE (Miniflux scopes every query by user the same
// way), so no handler can forget the scope and no two stores disagree on it.
//
//   staff                          the programmes whose team they are on
//                                  (programme_staff) and nothing else: a staff
//                                  member's own enrolment as a person (say,
//                                  imported into a cohort) gives no team rights
//   lecturer, participant, alumnus the programmes of cohorts they take part in:
//                                  enrolled in a status of taking_part_statuses()
//                                  (applicants, people not admitted and people
//                                  who withdrew see no cohort)
//   admin                          none here: callers pass `all` for admins
//   stakeholder, anonymous         none
#pragma once

#include <cstdint>
#include <string>

#include "auth/roles.hpp"

namespace crm::programme {

// Whose programmes a store function keeps to: an account's, or every
// programme (`all`: an administrator, or a person reading their own record).
struct Scope {
  int64_t account_id = 0;
  bool all = false;
};

// "(… OR …)" over the columns of `person` (the table unaliased, as
// kSelectPerson selects it): the person is in the scope's programmes, is the scope's own
// account's record, or was merged into someone in scope (old links lead on).
// Binds :all, :me, :a, :a2 in that order.
const std::string& person_in_scope_sql();

inline Scope scope_of(const auth::Actor& actor) {
  return Scope{actor.id, actor.role == auth::Role::admin};
}

// "(SELECT programme_id …)": binds :a and :a2, both the account id, in that order.
const std::string& programmes_of_account_sql();

}  // namespace crm::programme

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

#include <string>

namespace crm::programme {

// "(SELECT programme_id …)": binds :a and :a2, both the account id, in that order.
const std::string& programmes_of_account_sql();

}  // namespace crm::programme

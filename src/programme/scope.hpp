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
//                                  enrolled with status admitted, participant
//                                  or graduate (applicants, people not admitted
//                                  and people who withdrew see no cohort)
//   admin                          none here: callers pass `all` for admins
//   stakeholder, anonymous         none
#pragma once

namespace crm::programme {

// "(SELECT programme_id …)": binds :a and :a2, both the account id, in that order.
inline constexpr const char* kProgrammesOfAccount =
    "(SELECT ps.programme_id FROM programme_staff ps JOIN account sa ON sa.id = ps.account_id "
    "WHERE ps.account_id = :a AND sa.role = 'staff' "
    "UNION SELECT sc.programme_id FROM enrolment se JOIN cohort sc ON sc.id = se.cohort_id "
    "JOIN person sp ON sp.id = se.person_id JOIN account sa2 ON sa2.id = sp.account_id "
    "WHERE sp.account_id = :a2 AND sa2.role IN ('lecturer', 'participant', 'alumnus') "
    "AND se.status IN ('admitted', 'participant', 'graduate'))";

}  // namespace crm::programme

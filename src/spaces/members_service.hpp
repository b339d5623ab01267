// A space's members (issue 14 §1): who is in and why (cohort enrolment,
// alumni, the programme's team, added by hand), moderators marked — for the
// space's moderators and the programme's staff; the list is exported (names
// and roles only, never the space's content) by staff. Staff of the
// programme and administrators (policy::can_manage) add a person of the
// programme as member or moderator and remove one added by hand; nobody of
// another programme can be added. Others get not_found.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "spaces/members_store.hpp"
#include "spaces/model.hpp"
#include "web/context.hpp"

namespace crm::spaces::members {

// How many people the "add" list shows at most: a programme has thousands;
// a name narrows the list.
inline constexpr size_t kCandidatesShown = 100;

struct MembersPage {
  SpaceAccess space;
  std::string space_name;
  std::vector<members_store::MemberRow> rows;
  bool can_manage = false;                           // add, remove and export
  std::string name;                                  // what the candidates' names contain
  std::vector<members_store::Candidate> candidates;  // when can_manage: at most kCandidatesShown
  bool more_candidates = false;                      // more match than are shown
};
// `name`: only the people to add whose name contains it ("" : everyone).
Result<MembersPage> members_page(web::Ctx& ctx, int64_t space_id, const std::string& name = "");
// The list for CSV/XLSX: staff who manage the space only.
Result<MembersPage> members_export(web::Ctx& ctx, int64_t space_id);

struct AddForm {
  std::string account, role;  // role: "member" or "moderator"
};
Status add(web::Ctx& ctx, int64_t space_id, const AddForm& form);
Status remove(web::Ctx& ctx, int64_t space_id, int64_t account_id);

}  // namespace crm::spaces::members

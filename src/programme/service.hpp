// Programme use cases: the overview and the cohort pages. Each checks the
// actor's permissions first (programme/policy.hpp) and answers not_found for
// what the actor may not see. Reads only, so no transaction and no audit entry.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::programme {

constexpr long kMembersPerPage = 25;

struct Overview {
  Programme programme;
  std::vector<ProgrammeCountry> countries;
  std::vector<Cohort> cohorts;
  bool can_see_members = false;  // the cohorts link to their pages
  bool can_manage = false;       // edit the programme and its team (admins)
  bool can_add_cohort = false;   // admins and the programme's team
};
// The overview of a programme (public); not_found when there is no such programme.
Result<Overview> overview(web::Ctx& ctx, int64_t programme_id);

// The cohorts on the actor's start page, newest first (at most
// kStartCohorts): a staff member's programmes' cohorts, the cohorts a
// lecturer, participant or alumnus takes part in; none for anyone else
// (admins reach every programme from /programmes).
constexpr long kStartCohorts = 8;

// The site's name per language (language → name): the one programme's names
// when crm runs exactly one programme, none otherwise (the site is then
// "crm"). Public, like the programme's overview.
std::map<std::string, std::string> site_names(db::Session& db);
std::vector<Cohort> my_cohorts(web::Ctx& ctx);

struct CohortPage {
  Programme programme;
  Cohort cohort;
  MemberFilter filter;                 // as applied: unknown values dropped
  std::vector<std::string> countries;  // of the cohort's people, for the filter
  std::vector<Member> members;         // of this page; details blanked unless show_details
  long total = 0;                      // matching the filter
  long page = 1;
  bool show_details = false;      // email, position, role and status
  bool show_composition = false;  // policy::can_see_composition, decided with the page
};
// not_found when the cohort does not exist or the actor may not see its people.
// Filter values that are not valid are ignored; the page is clamped to the last.
Result<CohortPage> cohort_page(web::Ctx& ctx, int64_t cohort_id, MemberFilter filter, long page);

}  // namespace crm::programme

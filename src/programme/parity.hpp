// The composition of a cohort and its parity against the cohort's targets,
// the targets themselves, and the exports of the cohort's lists.
//
// Who is counted: participant enrolments with status admitted, participant or
// graduate — the people who are (or were, to the end) in the cohort.
// Withdrawn participants are counted apart (`withdrawn`) and not in the
// shares: they no longer shape the cohort, but the page shows them so that
// counted + withdrawn equals the cohort size on the overview. Applicants and
// those not admitted are not counted at all.
//
// Route roles: a participant counts once for each route role their country of
// work holds in the programme (Turkey: origin, transit and destination), so
// the route-role counts may add up to more than the cohort; a country with no
// role counts as "none". Every other dimension puts each person in exactly
// one bucket, so its counts add up to `counted`.
//
// Gender buckets: female, male, prefer_not_to_say, self_described (any other
// text the person wrote), not_given.
//
// The composition is plain counts for the programme team (staff, admins and
// the programme's lecturers); the anonymity threshold is for reports shown to
// others, so it does not apply here. Participants, alumni and everyone else
// get not_found.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "programme/model.hpp"
#include "programme/service.hpp"
#include "web/context.hpp"

namespace crm::programme {

// A share more than this many points under its target is a gap.
constexpr double kGapPoints = 5;

struct Bucket {
  std::string value;  // "origin", "DE", "ngo", "female", "none", "not_given" …
  long count = 0;
  long target = -1;  // share in percent; -1: no target
};

struct Breakdown {
  std::string dimension;  // route_role | country | organisation_type | gender
  std::vector<Bucket> buckets;
};

struct Composition {
  long counted = 0;                   // admitted, participant, graduate
  long withdrawn = 0;                 // not in the buckets
  std::vector<Breakdown> breakdowns;  // route_role, country, organisation_type, gender
};

// The gender bucket of what a person wrote.
std::string gender_bucket(std::string_view gender);
// The composition of `people` (see above). Route roles, organisation types and
// genders list every bucket, also empty ones; countries list those present and
// those with a target, by count (largest first), then code. Targets of values
// that are not buckets are ignored.
Composition compose(const std::vector<ParticipantFacts>& people,
                    const std::vector<ProgrammeCountry>& countries,
                    const std::vector<CohortTarget>& targets);
// 100 * count / total (0 when total is 0).
double share_percent(long count, long total);
// Share minus target, in percentage points (REQUIRES: b.target >= 0).
double gap_points(const Bucket& b, long total);
// True when the bucket has a target and its share is more than kGapPoints under it.
bool below_target(const Bucket& b, long total);

// The composition of the cohort of a cohort page, nullopt unless the page
// says its reader may see it (CohortPage::show_composition): the scope was
// checked by cohort_page, so it is not looked up again.
std::optional<Composition> cohort_composition(web::Ctx& ctx, const CohortPage& page);

struct ParityPage {
  Programme programme;
  Cohort cohort;
  Composition composition;
  bool can_edit_targets = false;
};
// not_found unless the actor may see the composition of the cohort.
Result<ParityPage> parity_page(web::Ctx& ctx, int64_t cohort_id);

// The targets staff set on the targets form: every route role, and female and male.
struct TargetField {
  std::string_view dimension, value;
};
const std::vector<TargetField>& target_fields();
// "route_role_origin", "gender_female" …
std::string target_field_name(const TargetField& f);

// What the form holds, by field name; "" means no target.
using TargetsForm = std::map<std::string, std::string, std::less<>>;

struct TargetsPage {
  Programme programme;
  Cohort cohort;
  TargetsForm form;  // the current targets
};
// not_found unless the actor may edit the cohort's targets.
Result<TargetsPage> targets_page(web::Ctx& ctx, int64_t cohort_id);
// Replaces the cohort's route-role and gender targets (other dimensions stay)
// in one transaction with an audit entry. invalid (nothing written) when a
// value is not a whole number from 0 to 100 (field: its name) or the shares of
// route roles, or of genders, add up to more than 100 (field: "route_role" or
// "gender"); not_found as targets_page.
Status save_targets(web::Ctx& ctx, int64_t cohort_id, const TargetsForm& form);

// Every person of the cohort page matching `filter`, all pages, exactly as
// cohort_page shows them to the actor (it is built from cohort_page).
Result<CohortPage> cohort_people(web::Ctx& ctx, int64_t cohort_id, const MemberFilter& filter);

}  // namespace crm::programme

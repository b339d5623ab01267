// HTML (the inside of <main>) for the data-protection pages, and the JSON
// export.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "privacy/service.hpp"
#include "web/context.hpp"

namespace crm::privacy::views {

std::string personal_data(const web::Ctx& ctx, const PersonalData& d);

// The machine-readable export: one JSON object, keys stable across versions
// ("format": "crm-personal-data/2"). Times are ISO 8601 in UTC
// ("2026-11-29T18:42:19Z") or null;
// lists are arrays (possibly empty); "person" is null for an account without
// a person record.
//   format, generated_at, language (of the activity names),
//   account   {id, email, name, role, language, time_zone, two_factor,
//              created_at, last_login_at, active_sessions}
//   person    {id, name, name_latin, email, country, organisation {id, name,
//              name_latin, country, type} | null, position, gender,
//              languages [], expertise [], time_zone, bio, visible_fields [],
//              created_at, updated_at, erasure_requested_at,
//              photo {content_type, updated_at} | null} | null
//   enrolments [{id, cohort_id, cohort, role, status, created_at,
//                history [{status, at}]}]
//   consents   [{id, purpose, given_at, withdrawn_at, recorded_by}]
//              recorded_by: "self", "staff" or "system"
//   invitations_sent [{id, role, state, created_at}]
//   audit      [{at, action, activity, entity, entity_id}]  (newest first;
//              action the code "account.login", activity its name in `t`'s language)
std::string personal_data_json(const Tr& t, const PersonalData& d);

std::string erasure(const web::Ctx& ctx, const ErasureStatus& s, bool confirmed, const Error* e);
std::string erasure_requests(const web::Ctx& ctx, const std::vector<ErasureRequest>& list);
std::string erase_confirm(const web::Ctx& ctx, const ErasureRequest& r, const std::string& typed,
                          const Error* e);

// `staff_view`: the page of /people/{id}/consents, where staff record a
// consent given or withdrawn on paper; otherwise the person's own page.
std::string consents(const web::Ctx& ctx, const ConsentPage& c, bool staff_view, const Error* e);

// The name of a person as pages show it: "Erased person" (translated) for an
// erased record, whose name is stored empty.
std::string display_name(const Tr& t, const std::string& name);

}  // namespace crm::privacy::views

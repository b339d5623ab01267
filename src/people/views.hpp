// HTML (the inside of <main>) for the person pages, the own profile, the
// organisation pages and the merge form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "people/service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::people::views {

std::string person(const web::Ctx& ctx, const PersonPage& p);
// The confirmation of a final change of status (a form that works without
// JavaScript: it posts the status again with confirm=yes).
std::string status_confirmation(const web::Ctx& ctx, const StatusConfirmation& c);
std::string organisations(const web::Ctx& ctx, const OrganisationList& l);
std::string organisation(const web::Ctx& ctx, const OrganisationPage& o);
// What the two organisation pages show, as tables for their CSV/XLSX exports.
web::Table organisations_table(const web::Ctx& ctx, const std::vector<OrganisationRow>& rows);
web::Table organisation_table(const web::Ctx& ctx, const OrganisationPage& o);
// The own profile; `form` holds what the user typed (after an error) or the
// record; each problem is shown beside its field.
std::string profile(const web::Ctx& ctx, const ProfilePage& p, const ProfileForm& form,
                    const std::vector<Error>& errors);
std::string merge(const web::Ctx& ctx, const MergePage& m, const Error* e);

// Shared by the views: "Female", "Prefer not to say", or the self-description.
std::string gender_label(const Tr& t, std::string_view gender);
// "Arabic and English" for "ar,en" in the viewer's language and list format.
std::string language_names(std::string_view codes, const Tr& t);

}  // namespace crm::people::views

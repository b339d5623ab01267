// HTML (the inside of <main>) for the programme overview and the cohort pages.
#pragma once

#include <string>
#include <string_view>

#include "programme/parity.hpp"
#include "programme/service.hpp"
#include "web/context.hpp"

namespace crm::programme::views {

std::string overview(const web::Ctx& ctx, const Overview& o);
// `composition`: shown (as charts and tables) when not null, for the programme team.
std::string cohort(const web::Ctx& ctx, const CohortPage& c,
                   const Composition* composition = nullptr);

// Translated labels of the stored values ("origin" -> "Origin" …); the value
// itself when unknown.
std::string route_role_label(const Tr& t, std::string_view v);
std::string cohort_status_label(const Tr& t, std::string_view v);
std::string organisation_type_label(const Tr& t, std::string_view v);
std::string enrolment_role_label(const Tr& t, std::string_view v);
std::string enrolment_status_label(const Tr& t, std::string_view v);

}  // namespace crm::programme::views

// For accounts made outside auth (an applicant's, when they confirm their
// address: admissions/signup_service.hpp): the rules a new name and
// password follow in auth, and a fresh signed-in session (its cookie token).
// Defined in auth/service.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "web/context.hpp"

namespace crm::auth {

Status check_new_name(const std::string& name);
Status check_new_password(const std::string& password, const std::string& again);
std::string open_session(web::Ctx& ctx, int64_t account_id, std::string_view user_agent);

}  // namespace crm::auth

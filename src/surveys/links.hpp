// Personal survey links. The token is handed to the respondent once (in the
// invitation mail) and never stored: the invitation keeps invitation_hash(),
// an anonymous draft resume_hash() — two digests of the same token that do
// not lead to each other without it (see migrations/0011_surveys.sql).
#pragma once

#include <string>
#include <string_view>

#include "auth/tokens.hpp"

namespace crm::surveys {

inline std::string invitation_hash(std::string_view token) {
  return auth::token_digest(token);
}

inline std::string resume_hash(std::string_view token) {
  return auth::token_digest("resume:" + std::string(token));
}

}  // namespace crm::surveys

// The cookies crm sets, and how: every one HttpOnly, SameSite=Lax, Path=/,
// and Secure when crm is served over TLS. Names in one place.
#pragma once

#include <string>
#include <string_view>

#include "core/config.hpp"

namespace crm::web {

inline constexpr const char* kSessionCookie = "crm_session";
inline constexpr const char* kCsrfCookie = "crm_csrf";
inline constexpr const char* kLanguageCookie = "crm_lang";
inline constexpr const char* kFlashCookie = "crm_flash";
// A random token naming a browser that signed in to an account before (auth/throttle.hpp).
inline constexpr const char* kDeviceCookie = "crm_device";

// A Set-Cookie value. max_age < 0: a session cookie; 0: delete it.
std::string cookie(const Config& cfg, std::string_view name, std::string_view value, long max_age);

}  // namespace crm::web

// Whether a POST comes from crm's own pages, by what the browser says about
// it: Fetch Metadata (Sec-Fetch-Site) and the Origin header. A second line
// behind the CSRF token: a token leaked or fixed by another site is still of
// no use from that site. Pure and Asio-free.
#pragma once

#include <string>
#include <string_view>

namespace crm::http {

struct OriginCheck {
  std::string_view fetch_site;     // Sec-Fetch-Site as sent; "" when absent
  std::string_view origin;         // Origin as sent; "" when absent
  std::string_view host;           // the request's Host header
  std::string_view scheme;         // "http" or "https": how crm is reached
  std::string_view public_origin;  // --base-url, whose origin counts too ("" when unknown)
};

// Deny by default. True when Sec-Fetch-Site is absent, "same-origin" or
// "none" (typed into the address bar) and Origin is absent or names crm
// itself: scheme://Host (case-insensitive; a default port may be left out on
// either side) or the public origin. "null", another scheme, host or port,
// or anything with a path is refused.
bool from_own_origin(const OriginCheck& c);

// "https://Crm.Example:443/x" -> "https://crm.example": scheme, lower-cased
// host and a port only when not the scheme's default. "" when `url` is not an
// http(s) URL with a host.
std::string origin_of(std::string_view url);

}  // namespace crm::http

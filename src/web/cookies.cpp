#include "web/cookies.hpp"

#include <fmt/format.h>

namespace crm::web {

std::string cookie(const Config& cfg, std::string_view name, std::string_view value, long max_age) {
  std::string c = fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax", name, value);
  if (max_age >= 0) c += fmt::format("; Max-Age={}", max_age);
  if (cfg.tls) c += "; Secure";
  return c;
}

}  // namespace crm::web

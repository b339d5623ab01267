#include "http/message.hpp"

#include <charconv>

namespace crm::http {

std::optional<int64_t> Request::param_id(std::string_view name) const {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty()) return std::nullopt;
  int64_t id = 0;
  const auto& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

Response redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.set("Location", std::move(location));
  return r;
}

Response text(int status, std::string body) {
  Response r;
  r.status = status;
  r.set("Content-Type", "text/plain; charset=utf-8");
  r.body = std::move(body);
  return r;
}

}  // namespace crm::http

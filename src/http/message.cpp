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

bool valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
      return false;
  }
  return true;
}

bool valid_header_value(std::string_view value) {
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return false;
  }
  return true;
}

void Response::check(std::string_view name, std::string_view value) {
  if (!valid_header_name(name)) throw BadHeader("header name refused: not a token");
  if (!valid_header_value(value))
    throw BadHeader("value of header " + std::string(name) + " refused: control character");
}

bool headers_valid(const Response& r) {
  for (const auto& [k, v] : r.headers())
    if (!valid_header_name(k) || !valid_header_value(v)) return false;
  return true;
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

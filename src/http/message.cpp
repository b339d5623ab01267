#include "http/message.hpp"

#include <array>
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

namespace {

// RFC 9110 tchar, as a table: every response's names pass through here.
constexpr std::array<bool, 256> kTchar = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

}  // namespace

bool valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!kTchar[static_cast<unsigned char>(c)]) return false;
  return true;
}

bool valid_header_value(std::string_view value) {
  // Written so the compiler checks many bytes at once (no early exit, byte
  // arithmetic): every field of every response passes here twice (set() and
  // the server's last check), and a security policy value is ~250 bytes.
  unsigned char bad = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(value.data());
  for (std::size_t i = 0; i < value.size(); ++i) {
    unsigned char u = p[i];
    bad |= static_cast<unsigned char>((u < 0x20) & (u != '\t')) |
           static_cast<unsigned char>(u == 0x7f);
  }
  return bad == 0;
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

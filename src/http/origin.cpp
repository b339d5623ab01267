#include "http/origin.hpp"

namespace crm::http {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// scheme://host[:port] with the default port dropped, or "" when `authority`
// holds anything but a host and a port.
std::string origin_from(std::string_view scheme, std::string_view authority) {
  for (char c : authority) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return {};
  }
  std::string host = lower(authority);
  std::string_view default_port = scheme == "https" ? ":443" : ":80";
  if (host.ends_with(default_port)) host.resize(host.size() - default_port.size());
  if (host.empty() || host.front() == ':') return {};
  return std::string(scheme) + "://" + host;
}

}  // namespace

std::string origin_of(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return {};
  auto scheme = lower(url.substr(0, sep));
  if (scheme != "http" && scheme != "https") return {};
  auto rest = url.substr(sep + 3);
  auto authority = rest.substr(0, rest.find_first_of("/?#"));
  return origin_from(scheme, authority);
}

bool from_own_origin(const OriginCheck& c) {
  if (!c.fetch_site.empty() && c.fetch_site != "same-origin" && c.fetch_site != "none")
    return false;
  if (c.origin.empty()) return true;
  // An Origin is scheme://host[:port] and nothing more ("null" is refused too).
  auto sep = c.origin.find("://");
  if (sep == std::string_view::npos ||
      c.origin.substr(sep + 3).find_first_of("/?#") != std::string_view::npos)
    return false;
  auto sent = origin_of(c.origin);
  if (sent.empty()) return false;
  if (sent == origin_from(c.scheme, c.host)) return true;
  return !c.public_origin.empty() && sent == origin_of(c.public_origin);
}

}  // namespace crm::http

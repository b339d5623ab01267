#include "http/client_address.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace crm::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Four decimal numbers 0-255 without leading zeros (which some parsers read
// as octal: refuse rather than guess).
bool parse_v4(std::string_view s, unsigned char* out) {
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {
      if (s.empty() || s.front() != '.') return false;
      s.remove_prefix(1);
    }
    size_t n = 0;
    while (n < s.size() && n < 4 && s[n] >= '0' && s[n] <= '9') ++n;
    if (n == 0 || n > 3 || (n > 1 && s[0] == '0')) return false;
    unsigned value = 0;
    std::from_chars(s.data(), s.data() + n, value);
    if (value > 255) return false;
    out[i] = static_cast<unsigned char>(value);
    s.remove_prefix(n);
  }
  return s.empty();
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Groups separated by ':' (no "::" inside): 16-bit groups into `groups`, and
// a dotted quad as the last item when `allow_v4`. Returns the number of
// 16-bit groups written, or -1.
int parse_groups(std::string_view s, uint16_t* groups, int max, bool allow_v4) {
  if (s.empty()) return 0;
  int n = 0;
  for (;;) {
    auto colon = s.find(':');
    auto item = s.substr(0, colon);
    if (colon == std::string_view::npos && allow_v4 && item.find('.') != std::string_view::npos) {
      unsigned char q[4];
      if (n + 2 > max || !parse_v4(item, q)) return -1;
      groups[n++] = static_cast<uint16_t>(q[0] << 8 | q[1]);
      groups[n++] = static_cast<uint16_t>(q[2] << 8 | q[3]);
      return n;
    }
    if (item.empty() || item.size() > 4 || n >= max) return -1;
    unsigned v = 0;
    for (char c : item) {
      int d = hex_digit(c);
      if (d < 0) return -1;
      v = v << 4 | static_cast<unsigned>(d);
    }
    groups[n++] = static_cast<uint16_t>(v);
    if (colon == std::string_view::npos) return n;
    s.remove_prefix(colon + 1);
  }
}

std::optional<IpAddress> parse_v6(std::string_view s) {
  uint16_t groups[8] = {};
  auto gap = s.find("::");
  if (gap == std::string_view::npos) {
    if (parse_groups(s, groups, 8, true) != 8) return std::nullopt;
  } else {
    auto head = s.substr(0, gap), tail = s.substr(gap + 2);
    if (tail.find("::") != std::string_view::npos) return std::nullopt;
    uint16_t h[8], t[8];
    int nh = parse_groups(head, h, 7, false);
    int nt = parse_groups(tail, t, 7, true);
    if (nh < 0 || nt < 0 || nh + nt > 7) return std::nullopt;
    for (int i = 0; i < nh; ++i) groups[i] = h[i];
    for (int i = 0; i < nt; ++i) groups[8 - nt + i] = t[i];
  }
  IpAddress a;
  for (int i = 0; i < 8; ++i) {
    a.bytes[2 * i] = static_cast<unsigned char>(groups[i] >> 8);
    a.bytes[2 * i + 1] = static_cast<unsigned char>(groups[i] & 0xff);
  }
  // ::ffff:a.b.c.d is an IPv4 peer on a dual-stack socket.
  bool mapped = a.bytes[10] == 0xff && a.bytes[11] == 0xff;
  for (int i = 0; i < 10 && mapped; ++i) mapped = a.bytes[i] == 0;
  if (mapped) {
    IpAddress v4;
    v4.v4 = true;
    for (int i = 0; i < 4; ++i) v4.bytes[i] = a.bytes[12 + i];
    return v4;
  }
  return a;
}

// An X-Forwarded-For entry: an address, "[v6]", "[v6]:port" or "v4:port".
std::optional<IpAddress> parse_entry(std::string_view e) {
  e = trim(e);
  if (e.starts_with('[')) {
    auto close = e.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    auto rest = e.substr(close + 1);
    if (!rest.empty() && !(rest.front() == ':' && rest.size() > 1 &&
                           rest.find_first_not_of("0123456789", 1) == std::string_view::npos))
      return std::nullopt;
    auto a = parse_v6(e.substr(1, close - 1));
    return a;
  }
  if (auto colon = e.find(':');
      colon != std::string_view::npos && e.find(':', colon + 1) == std::string_view::npos) {
    auto port = e.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos)
      return std::nullopt;
    IpAddress a;
    a.v4 = true;
    if (!parse_v4(e.substr(0, colon), a.bytes.data())) return std::nullopt;
    return a;
  }
  return parse_ip(e);
}

std::optional<IpRange> parse_range(std::string_view item) {
  auto slash = item.find('/');
  auto address = parse_ip(item.substr(0, slash));
  if (!address) return std::nullopt;
  int bits = address->v4 ? 32 : 128;
  int prefix = bits;
  if (slash != std::string_view::npos) {
    auto p = item.substr(slash + 1);
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (p.empty() || ec != std::errc() || end != p.data() + p.size() || prefix < 0 ||
        prefix > bits || (p.size() > 1 && p[0] == '0'))
      return std::nullopt;
  }
  IpRange r{*address, prefix};
  for (int i = 0; i < 16; ++i) {
    int keep = std::clamp(prefix - 8 * i, 0, 8);
    r.base.bytes[i] &= static_cast<unsigned char>(0xff00 >> keep);
  }
  return r;
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  if (text.find(':') == std::string_view::npos) {
    IpAddress a;
    a.v4 = true;
    if (!parse_v4(text, a.bytes.data())) return std::nullopt;
    return a;
  }
  return parse_v6(text);
}

std::string to_string(const IpAddress& a) {
  if (a.v4) return fmt::format("{}.{}.{}.{}", a.bytes[0], a.bytes[1], a.bytes[2], a.bytes[3]);
  unsigned groups[8];
  for (int i = 0; i < 8; ++i)
    groups[i] = static_cast<unsigned>(a.bytes[2 * i] << 8 | a.bytes[2 * i + 1]);
  // The longest run of at least two zero groups (the first of equal ones).
  int best = -1, best_len = 1;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && !out.ends_with(':')) out += ':';
    out += fmt::format("{:x}", groups[i]);
  }
  return out;
}

bool IpRange::contains(const IpAddress& a) const {
  if (a.v4 != base.v4) return false;
  for (int i = 0; i < 16; ++i) {
    int keep = std::clamp(prefix - 8 * i, 0, 8);
    auto mask = static_cast<unsigned char>(0xff00 >> keep);
    if ((a.bytes[i] & mask) != base.bytes[i]) return false;
  }
  return true;
}

std::optional<TrustedProxies> TrustedProxies::parse(std::string_view list, std::string* bad) {
  TrustedProxies t;
  while (!list.empty()) {
    auto comma = list.find(',');
    auto item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) {
      if (comma == std::string_view::npos && t.ranges_.empty()) break;  // blank list
      if (bad) bad->assign(item);
      return std::nullopt;
    }
    auto r = parse_range(item);
    if (!r) {
      if (bad) bad->assign(item);
      return std::nullopt;
    }
    t.ranges_.push_back(*r);
  }
  return t;
}

bool TrustedProxies::contains(const IpAddress& a) const {
  for (const auto& r : ranges_)
    if (r.contains(a)) return true;
  return false;
}

std::string TrustedProxies::text() const {
  std::string out;
  for (const auto& r : ranges_)
    out += fmt::format("{}{}/{}", out.empty() ? "" : ", ", to_string(r.base), r.prefix);
  return out;
}

std::string client_address(std::string_view peer,
                           const std::vector<std::string_view>& forwarded_for,
                           const TrustedProxies& trusted) {
  auto hop = parse_ip(peer);
  if (!hop) return std::string(peer);
  if (trusted.empty() || !trusted.contains(*hop)) return to_string(*hop);
  for (auto header = forwarded_for.rbegin(); header != forwarded_for.rend(); ++header) {
    std::string_view list = *header;
    while (!list.empty()) {
      auto comma = list.rfind(',');
      auto entry = comma == std::string_view::npos ? list : list.substr(comma + 1);
      list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
      if (trim(entry).empty()) continue;  // "a, , b" and a trailing comma
      auto a = parse_entry(entry);
      if (!a) return to_string(*hop);
      hop = a;
      if (!trusted.contains(*hop)) return to_string(*hop);
    }
  }
  return to_string(*hop);
}

std::string client_address(const Request& req, const TrustedProxies& trusted) {
  std::vector<std::string_view> forwarded;
  if (!trusted.empty())
    for (const auto& [name, value] : req.headers)
      if (name == "x-forwarded-for") forwarded.push_back(value);
  return client_address(req.remote_address, forwarded, trusted);
}

std::string throttle_network(std::string_view address) {
  auto a = parse_ip(address);
  if (!a) return std::string(address);
  if (a->v4) return to_string(*a);
  for (int i = 8; i < 16; ++i) a->bytes[i] = 0;
  return to_string(*a) + "/64";
}

}  // namespace crm::http

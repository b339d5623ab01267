// Who is asking, when crm sits behind reverse proxies.
//
// The TCP peer of a request behind a proxy is the proxy, so every client
// would share one address: the login throttle, the audit log and the session
// list would all see the proxy. A proxy names the client it serves in
// X-Forwarded-For, appending the address that connected to it, but anyone can
// send that header: only the entries that trusted proxies wrote may be
// believed. client_address() therefore starts at the TCP peer and, as long as
// the hop it looks at is a trusted proxy, steps one entry leftwards through
// X-Forwarded-For; the first address that is not a trusted proxy is the
// client (the right-most untrusted address, as OWASP and nginx's
// real_ip_recursive do).
//
// Pure functions on text, free of Asio (the parsers are fuzzed and built
// alone with clang). Thread safety: a TrustedProxies is immutable once parsed
// and may be shared by every thread.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace crm::http {

// An IPv4 or IPv6 address. An IPv4-mapped IPv6 address (::ffff:a.b.c.d, as a
// dual-stack socket reports IPv4 peers) is the IPv4 address.
struct IpAddress {
  std::array<unsigned char, 16> bytes{};  // IPv4: the first 4
  bool v4 = false;
  bool operator==(const IpAddress&) const = default;
};

// One address in text: a dotted quad (four decimal numbers 0-255, no leading
// zeros) or RFC 4291 text (hex groups, one "::", an embedded dotted quad at
// the end). No brackets, ports or zone ids. nullopt for anything else.
std::optional<IpAddress> parse_ip(std::string_view text);

// Canonical text: a dotted quad, or RFC 5952 for IPv6 (lower case, no leading
// zeros, the longest run of two or more zero groups as "::").
std::string to_string(const IpAddress& a);

// A CIDR range; a single address is a range of 32 or 128 bits.
struct IpRange {
  IpAddress base;  // host bits cleared
  int prefix = 0;
  bool contains(const IpAddress& a) const;
};

// The reverse proxies whose X-Forwarded-For crm believes (--trusted-proxies).
class TrustedProxies {
 public:
  TrustedProxies() = default;  // none: X-Forwarded-For is never read
  // A comma-separated list of addresses and CIDR ranges, IPv4 and IPv6:
  // "10.0.0.1, 192.168.0.0/16, ::1, fd00::/8". Host bits below the prefix are
  // ignored. Empty (or only blanks) is an empty list. nullopt when an item is
  // neither; `bad` then receives that item.
  static std::optional<TrustedProxies> parse(std::string_view list, std::string* bad = nullptr);

  bool empty() const { return ranges_.empty(); }
  bool contains(const IpAddress& a) const;
  // The list in canonical form ("10.0.0.1/32, 192.168.0.0/16"); "" when empty.
  std::string text() const;

 private:
  std::vector<IpRange> ranges_;
};

// The client's address in canonical text. `peer` is the TCP peer;
// `forwarded_for` the values of every X-Forwarded-For header in the order
// received (several headers read as one comma-separated list).
// - A peer that is not a trusted proxy is the client; the header is ignored.
// - Otherwise the entries are read from the right: the first one that is not
//   a trusted proxy is the client. Entries may carry a port ("1.2.3.4:80",
//   "[2001:db8::1]:443"), which is dropped.
// - An entry that is not an address ("unknown", garbage), or a list with
//   nothing but trusted proxies, ends the walk: the client is the last hop
//   that could be believed (the left-most trusted address reached).
// A peer that is not an address at all (no socket, e.g. App::handle) is
// returned as it is.
std::string client_address(std::string_view peer,
                           const std::vector<std::string_view>& forwarded_for,
                           const TrustedProxies& trusted);
// The same for a request: its remote_address and its X-Forwarded-For headers.
std::string client_address(const Request& req, const TrustedProxies& trusted);

// The network a per-address limit counts: an IPv4 address itself, the /64 of
// an IPv6 address ("2001:db8:1:2::/64"), since one IPv6 subscriber holds a
// whole /64 and could otherwise take a fresh address for every attempt.
// Text that is not an address is returned as it is.
std::string throttle_network(std::string_view address);

}  // namespace crm::http

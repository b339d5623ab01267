// Who is asking behind reverse proxies (http/client_address.hpp) and the
// throttle's delays (auth/throttle.hpp): plain functions, no server.
#include <gtest/gtest.h>

#include "auth/throttle.hpp"
#include "core/config.hpp"
#include "http/client_address.hpp"

namespace crm {
namespace {

using http::client_address;
using http::parse_ip;
using http::TrustedProxies;

std::string canonical(std::string_view text) {
  auto a = parse_ip(text);
  return a ? http::to_string(*a) : "<invalid>";
}

TrustedProxies proxies(std::string_view list) {
  auto t = TrustedProxies::parse(list);
  if (!t) throw std::runtime_error("bad proxy list in test: " + std::string(list));
  return *t;
}

TEST(IpAddress, ParsesIPv4AndIPv6InTheirTextForms) {
  EXPECT_EQ(canonical("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(canonical("0.0.0.0"), "0.0.0.0");
  EXPECT_EQ(canonical("255.255.255.255"), "255.255.255.255");
  EXPECT_EQ(canonical("::1"), "::1");
  EXPECT_EQ(canonical("::"), "::");
  EXPECT_EQ(canonical("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
  EXPECT_EQ(canonical("2001:0db8:0000:0000:0001:0000:0000:0001"), "2001:db8::1:0:0:1");
  EXPECT_EQ(canonical("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");  // one zero: no "::"
  EXPECT_EQ(canonical("fe80::"), "fe80::");
  EXPECT_EQ(canonical("1:0:0:2:0:0:0:3"), "1:0:0:2::3");    // the longest run
  EXPECT_EQ(canonical("1:0:0:2:3:0:0:4"), "1::2:3:0:0:4");  // the first of equal runs
  EXPECT_EQ(canonical("64:ff9b::192.0.2.33"), "64:ff9b::c000:221");
  // An IPv4 peer on a dual-stack socket is the IPv4 address.
  EXPECT_EQ(canonical("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(canonical("::FFFF:c000:0201"), "192.0.2.1");
}

TEST(IpAddress, RefusesWhatIsNotAnAddress) {
  for (const char* bad : {"",
                          "unknown",
                          "_hidden",
                          "1.2.3",
                          "1.2.3.4.5",
                          "256.1.1.1",
                          "01.2.3.4",
                          "1.2.3.4 ",
                          " 1.2.3.4",
                          "1..2.3",
                          "1.2.3.-4",
                          "0x1.2.3.4",
                          "1.2.3.4/32",
                          "1.2.3.4:80",
                          ":::",
                          "1:::2",
                          "1::2::3",
                          "12345::1",
                          "g::1",
                          "1:2:3:4:5:6:7:8:9",
                          "1:2:3:4:5:6:7",
                          ":1::",
                          "1::2:",
                          "[::1]",
                          "fe80::1%eth0",
                          "::1.2.3",
                          "1.2.3.4::",
                          "::ffff:1.2.3.4.5",
                          "1:2:3:4:5:6:7:1.2.3.4"})
    EXPECT_FALSE(parse_ip(bad)) << bad;
}

TEST(TrustedProxies, ParsesAddressesAndRangesOfBothFamilies) {
  auto t = proxies(" 10.0.0.1, 192.168.0.0/16,::1 , fd00::/8,172.16.5.9/12");
  EXPECT_EQ(t.text(), "10.0.0.1/32, 192.168.0.0/16, ::1/128, fd00::/8, 172.16.0.0/12");
  EXPECT_TRUE(t.contains(*parse_ip("10.0.0.1")));
  EXPECT_FALSE(t.contains(*parse_ip("10.0.0.2")));
  EXPECT_TRUE(t.contains(*parse_ip("192.168.200.7")));
  EXPECT_FALSE(t.contains(*parse_ip("192.169.0.1")));
  EXPECT_TRUE(t.contains(*parse_ip("172.31.255.255")));
  EXPECT_FALSE(t.contains(*parse_ip("172.32.0.0")));
  EXPECT_TRUE(t.contains(*parse_ip("::1")));
  EXPECT_TRUE(t.contains(*parse_ip("fdab:1::7")));
  EXPECT_FALSE(t.contains(*parse_ip("fe80::1")));
  // The families stay apart: ::ffff:10.0.0.1 is 10.0.0.1, never an IPv6 range.
  EXPECT_TRUE(t.contains(*parse_ip("::ffff:10.0.0.1")));
  EXPECT_FALSE(proxies("::/0").contains(*parse_ip("10.0.0.1")));
  EXPECT_TRUE(proxies("0.0.0.0/0").contains(*parse_ip("203.0.113.9")));
  EXPECT_FALSE(proxies("0.0.0.0/0").contains(*parse_ip("2001:db8::1")));
  EXPECT_TRUE(proxies("2001:db8:1:2::/63").contains(*parse_ip("2001:db8:1:3::9")));
  EXPECT_FALSE(proxies("2001:db8:1:2::/63").contains(*parse_ip("2001:db8:1:4::9")));
}

TEST(TrustedProxies, EmptyIsNoneAndBadItemsAreNamed) {
  EXPECT_TRUE(proxies("").empty());
  EXPECT_TRUE(proxies("  ").empty());
  for (const char* bad :
       {"10.0.0.1/33", "::1/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0.0/8/8",
        "proxy.example", "10.0.0.1,,10.0.0.2", ", 10.0.0.1", "10.0.0.1 10.0.0.2", "10.0.0.1:80"}) {
    std::string item;
    EXPECT_FALSE(TrustedProxies::parse(bad, &item)) << bad;
  }
  std::string item;
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.1, 10.0.0.300/32, ::1", &item));
  EXPECT_EQ(item, "10.0.0.300/32");
}

TEST(ClientAddress, IsThePeerUnlessThePeerIsATrustedProxy) {
  auto none = TrustedProxies();
  auto t = proxies("10.0.0.0/8, 2001:db8:ffff::/48");
  // No trusted proxies: the header is never read.
  EXPECT_EQ(client_address("203.0.113.5", {"198.51.100.1"}, none), "203.0.113.5");
  // A peer that is not trusted may claim anything: ignored.
  EXPECT_EQ(client_address("203.0.113.5", {"198.51.100.1"}, t), "203.0.113.5");
  EXPECT_EQ(client_address("::ffff:203.0.113.5", {"10.0.0.1"}, t), "203.0.113.5");
  // Behind a trusted proxy, the address it appended.
  EXPECT_EQ(client_address("10.0.0.2", {"198.51.100.1"}, t), "198.51.100.1");
  EXPECT_EQ(client_address("2001:db8:ffff::2", {"2001:DB8:1::0001"}, t), "2001:db8:1::1");
  // A trusted proxy without the header: the proxy is the client.
  EXPECT_EQ(client_address("10.0.0.2", {}, t), "10.0.0.2");
  // Not an address at all (no socket): as it is.
  EXPECT_EQ(client_address("", {"198.51.100.1"}, t), "");
}

TEST(ClientAddress, TakesTheRightMostAddressThatIsNotATrustedProxy) {
  auto t = proxies("10.0.0.0/8, ::1");
  // The client forged entries on the left; the proxies appended on the right.
  EXPECT_EQ(client_address("10.0.0.2", {"1.1.1.1, 198.51.100.7, 10.0.0.9"}, t), "198.51.100.7");
  EXPECT_EQ(client_address("::1", {"10.9.9.9, 198.51.100.7, 10.0.0.9, ::1"}, t), "198.51.100.7");
  // Several headers read as one list, in the order received.
  EXPECT_EQ(client_address("10.0.0.2", {"192.0.2.1, 198.51.100.7", "10.0.0.3"}, t), "198.51.100.7");
  // Ports and brackets that some proxies add are dropped; blanks and empty items skipped.
  EXPECT_EQ(client_address("10.0.0.2", {"198.51.100.7:5123"}, t), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.2", {"[2001:db8::7]:443"}, t), "2001:db8::7");
  EXPECT_EQ(client_address("10.0.0.2", {"[2001:db8::7]"}, t), "2001:db8::7");
  EXPECT_EQ(client_address("10.0.0.2", {" 198.51.100.7 ,, 10.0.0.4 ,"}, t), "198.51.100.7");
  // Nothing but trusted proxies: the left-most of them.
  EXPECT_EQ(client_address("10.0.0.2", {"10.1.1.1, 10.0.0.3"}, t), "10.1.1.1");
  // Garbage where a trusted hop should have written an address: the walk
  // stops at the last hop that could be believed.
  EXPECT_EQ(client_address("10.0.0.2", {"198.51.100.7, unknown"}, t), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", {"198.51.100.7, 10.0.0.3, [::1"}, t), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", {"garbage, 10.0.0.3"}, t), "10.0.0.3");
  EXPECT_EQ(client_address("10.0.0.2", {"198.51.100.7:http"}, t), "10.0.0.2");
  // Garbage left of the client is never reached.
  EXPECT_EQ(client_address("10.0.0.2", {"<script>, 198.51.100.7"}, t), "198.51.100.7");
}

TEST(ClientAddress, ReadsEveryForwardedForHeaderOfARequest) {
  http::Request req;
  req.remote_address = "10.0.0.2";
  req.headers = {{"x-forwarded-for", "192.0.2.9, 198.51.100.7"},
                 {"user-agent", "x"},
                 {"x-forwarded-for", "10.0.0.5"}};
  EXPECT_EQ(client_address(req, proxies("10.0.0.0/8")), "198.51.100.7");
  EXPECT_EQ(client_address(req, TrustedProxies()), "10.0.0.2");
}

TEST(ClientAddress, ThrottleNetworkIsTheIPv4AddressOrTheIPv6Slash64) {
  EXPECT_EQ(http::throttle_network("198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(http::throttle_network("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(http::throttle_network("2001:db8:1:2::1"), http::throttle_network("2001:db8:1:2::2"));
  EXPECT_NE(http::throttle_network("2001:db8:1:2::1"), http::throttle_network("2001:db8:1:3::1"));
  EXPECT_EQ(http::throttle_network("not an address"), "not an address");
}

TEST(Throttle, DelaysStartAfterTheFreeFailuresAndDoubleUpToTheCeiling) {
  using auth::throttle::delay;
  using auth::throttle::Rule;
  constexpr Rule r{3, 10, 60, 3600};
  EXPECT_EQ(delay(r, 0), 0);
  EXPECT_EQ(delay(r, 2), 0);
  EXPECT_EQ(delay(r, 3), 10);
  EXPECT_EQ(delay(r, 4), 20);
  EXPECT_EQ(delay(r, 5), 40);
  EXPECT_EQ(delay(r, 6), 60);
  EXPECT_EQ(delay(r, 1000), 60);
  EXPECT_EQ(auth::throttle::wait(r, 4, 1000, 1005), 15);
  EXPECT_EQ(auth::throttle::wait(r, 4, 1000, 1020), 0);
  EXPECT_EQ(auth::throttle::wait(r, 2, 1000, 1000), 0);
  // The real rules: a delay, never a lock.
  for (const auto& rule :
       {auth::throttle::kAccount, auth::throttle::kNetwork, auth::throttle::kDevice}) {
    EXPECT_GT(rule.free, 0);
    EXPECT_LE(delay(rule, 1000000), rule.max_delay);
    EXPECT_LT(rule.max_delay, rule.window);
  }
}

TEST(Config, TrustedProxiesAreParsedAndBadOnesRefused) {
  std::vector<std::string> rest;
  auto c = load_config({"--trusted-proxies", "127.0.0.1, fd00::/8"}, rest);
  ASSERT_TRUE(c.ok()) << c.error().key;
  EXPECT_TRUE(c->trusted_proxies.contains(*parse_ip("127.0.0.1")));
  EXPECT_TRUE(c->trusted_proxies.contains(*parse_ip("fd00::5")));
  auto none = load_config({}, rest);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->trusted_proxies.empty());
  auto bad = load_config({"--trusted-proxies=10.0.0.0/99"}, rest);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().key.find("trusted-proxies"), std::string::npos);
  EXPECT_NE(config_help().find("--trusted-proxies"), std::string::npos);
  EXPECT_NE(config_help().find("CRM_TRUSTED_PROXIES"), std::string::npos);
}

}  // namespace
}  // namespace crm

// libFuzzer target for what crm writes into response headers from what a
// client sent: the language switcher's and the login's `next`
// (http::local_target, http::return_target, the
// percent-encoding behind it) and http::Response, which must refuse any
// header with a control character. Asio-free; built by tests/fuzz/build.sh.
//
// The input is split at its first NUL into a header name and value (both
// also used whole as `next`). Checked promises: no header a Response holds
// ever has a control character or a name that is not a token, whatever was
// asked of it; a target built from `next` is printable ASCII without space,
// stays on this site, leads to the same path, and is stable.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "http/parse.hpp"

namespace {

using namespace crm::http;

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "header_fuzz: broken promise: %s\n", what);
  std::abort();
}

// Written apart from message.cpp on purpose: a second opinion.
bool has_control(std::string_view s) {
  for (unsigned char c : s)
    if (c == 0x7f || (c < 0x20 && c != '\t')) return true;
  return false;
}

void check_response(const Response& r) {
  check(headers_valid(r), "a response holds an invalid header");
  for (const auto& [name, value] : r.headers()) {
    check(!name.empty() && !has_control(name), "a header name with a control character");
    check(name.find_first_of(" \t:") == std::string::npos, "a header name with a separator");
    check(!has_control(value), "a header value with a control character");
  }
}

void check_target(std::string_view next) {
  std::string t = local_target(next);
  check(!t.empty() && t[0] == '/', "target does not start with '/'");
  check(!t.starts_with("//"), "target leaves the site (//)");
  for (unsigned char c : t)
    check(c > 0x20 && c < 0x7f, "target holds a control, space or non-ASCII");
  check(t.find('\\') == std::string::npos, "target holds a backslash");
  check(local_target(t) == t, "target is not stable");
  // Same path: what was kept decodes to what was sent.
  if (t != "/") {
    auto sent = percent_decode(next.substr(0, next.find('?')), false);
    auto kept = percent_decode(std::string_view(t).substr(0, t.find('?')), false);
    check(sent && kept && *sent == *kept, "target leads to another path");
    auto decoded = percent_decode(std::string_view(t).substr(0, t.find('?')), false);
    check(decoded && !decoded->starts_with("//"), "target decodes to //");
  }
  Response r = redirect(t);  // must not throw
  check(r.header("Location") == t, "redirect lost its target");
  check_response(r);
  // The login's way back: the same target, or the start page; never a
  // control character once decoded.
  std::string back = return_target(next);
  check(back == t || back == "/", "return target differs from the local target");
  check(return_target(back) == back, "return target is not stable");
  auto path = percent_decode(std::string_view(back).substr(0, back.find('?')), false);
  check(path &&
            std::none_of(path->begin(), path->end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }),
        "return target decodes to a control character");
}

void check_set(const std::string& name, const std::string& value) {
  Response r;
  r.set("Content-Type", "text/html; charset=utf-8");
  bool valid = valid_header_name(name) && valid_header_value(value);
  bool refused = false;
  try {
    r.set(name, value);
  } catch (const BadHeader&) {
    refused = true;
  }
  check(refused == !valid, "set() refused a good header or took a bad one");
  check(valid_header_value(value) == !has_control(value), "valid_header_value disagrees");
  try {
    r.add(name, value);
  } catch (const BadHeader&) {
    check(!valid, "add() refused a good header");
  }
  check_response(r);
  std::size_t expected = !valid ? 1 : name == "Content-Type" ? 2 : 3;
  check(r.headers().size() == expected, "a refused header was kept");
}

void check_encoding(std::string_view bytes) {
  auto path = encode_path(bytes);
  for (unsigned char c : path) check(c > 0x20 && c < 0x7f, "encode_path left a control or space");
  check(path.find_first_of("?#\\ ") == std::string::npos, "encode_path left a delimiter");
  auto back = percent_decode(path, false);
  check(back && *back == bytes, "encode_path does not decode back");
  if (auto fields = parse_urlencoded(bytes)) {
    auto query = encode_query(*fields);
    for (unsigned char c : query) check(c > 0x20 && c < 0x7f, "encode_query left a control");
    auto again = parse_urlencoded(query);
    check(again && again->items == fields->items, "encode_query does not parse back");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto nul = input.find('\0');
  std::string name(input.substr(0, nul));
  std::string value(nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1));
  check_target(input);
  check_target(value);
  check_set(name, value);
  check_set("Location", std::string(input));
  check_set("Set-Cookie", "crm_lang=" + value + "; Path=/");
  check_encoding(input);
  return 0;
}

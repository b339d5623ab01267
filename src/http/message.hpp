// The request and response as handlers see them: plain data, no Beast types,
// so handlers, views and tests never depend on the network layer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/parse.hpp"

namespace crm::http {

struct Request {
  std::string method;  // upper case as sent: GET, HEAD, POST …
  std::string target;  // raw request target: /path?query
  std::string path;    // percent-decoded path, always valid UTF-8
  Fields query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::vector<std::pair<std::string, std::string>> cookies;
  std::string body;  // as sent; empty for urlencoded and multipart POSTs (see form)
  FormData form;     // filled for urlencoded and multipart POST bodies
  std::string remote_address;
  std::string request_id;
  std::map<std::string, std::string, std::less<>> params;  // path parameters from the route

  std::string_view header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers)
      if (k == lower_name) return v;
    return {};
  }
  std::optional<std::string_view> cookie(std::string_view name) const {
    for (const auto& [k, v] : cookies)
      if (k == name) return std::string_view(v);
    return std::nullopt;
  }
  std::string param(std::string_view name) const {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  }
  // Path parameter as a positive id; nullopt when absent or not a number.
  std::optional<int64_t> param_id(std::string_view name) const;
};

// What a response must never carry in a header: a name that is not an RFC
// 9110 token, or a value with a control character (CR, LF, NUL, anything
// below 0x20 but HTAB, and DEL). A CR or LF would end the header and let the
// rest of the value forge headers or a body (response splitting).
bool valid_header_name(std::string_view name);
bool valid_header_value(std::string_view value);

// Thrown by Response::set/add for a header that fails those checks. It is a
// bug in the code that built the response, never the client's fault: the
// pipeline logs it and answers 500 instead of sending the header.
class BadHeader : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// The headers can only be changed through set() and add(), which refuse what
// must not be sent, so no handler can put a bad header into a response; the
// server checks again (headers_valid) before it writes one.
class Response {
 public:
  int status = 200;
  std::string body;
  // logfmt fields the dispatcher appends to this answer's access-log line
  // (the app's per-request figures); never sent.
  std::string log_fields;

  // REQUIRES (else BadHeader, the response unchanged): valid name and value.
  Response& set(std::string name, std::string value) {
    check(name, value);
    for (auto& [k, v] : headers_)
      if (k == name) {
        v = std::move(value);
        return *this;
      }
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  // Another field of the same name (Set-Cookie). Same REQUIRES as set().
  Response& add(std::string name, std::string value) {
    check(name, value);
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::string_view header(std::string_view name) const {
    for (const auto& [k, v] : headers_)
      if (k == name) return v;
    return {};
  }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

 private:
  static void check(std::string_view name, std::string_view value);
  std::vector<std::pair<std::string, std::string>> headers_;
};

// True when every header of `r` passes valid_header_name/value.
bool headers_valid(const Response& r);

Response redirect(std::string location, int status = 303);
Response text(int status, std::string body);

}  // namespace crm::http

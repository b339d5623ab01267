// The request and response as handlers see them: plain data, no Beast types,
// so handlers, views and tests never depend on the network layer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
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
  std::string body;
  FormData form;  // filled for urlencoded and multipart POST bodies
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

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& set(std::string name, std::string value) {
    for (auto& [k, v] : headers)
      if (k == name) {
        v = std::move(value);
        return *this;
      }
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  Response& add(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::string_view header(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return {};
  }
};

Response redirect(std::string location, int status = 303);
Response text(int status, std::string body);

}  // namespace crm::http

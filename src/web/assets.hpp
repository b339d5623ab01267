// The web assets (CSS, JS, icons) compiled into the binary, each served under
// a fingerprinted URL (/assets/app.3f2a9c01.css) with a one-year immutable
// cache, and gzip-compressed once at start. Immutable after construction:
// thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace crm::web {

class Assets {
 public:
  Assets();
  // "app.css" -> "/assets/app.3f2a9c01.css"; throws std::out_of_range for an unknown name (a bug).
  const std::string& url(std::string_view name) const;
  // Answers a request for a fingerprinted URL; nullopt when it is not one.
  std::optional<http::Response> serve(const http::Request& req) const;

 private:
  struct Asset {
    std::string url, content_type, data, gzipped;
  };
  std::map<std::string, Asset, std::less<>> by_name_;
  std::map<std::string, const Asset*, std::less<>> by_url_;
};

// gzip (RFC 1952) of `data` at the highest level.
std::string gzip(std::string_view data);

}  // namespace crm::web

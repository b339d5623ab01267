// The web assets (CSS, JS, icons) compiled into the binary, each served under
// a fingerprinted URL (/assets/app.3f2a9c01.css) with a one-year immutable
// cache, gzip-compressed once at start at libdeflate's best level (served to
// clients that prefer gzip, http::AcceptedCodings), each form with its own
// ETag ("3f2a9c01", "3f2a9c01-gz") for If-None-Match (304). Immutable after
// construction: thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace crm::web {

// Where the service worker (assets/sw.js) is served: the root, so that its
// scope is the whole site.
inline constexpr std::string_view kServiceWorkerPath = "/sw.js";

class Assets {
 public:
  Assets();
  // "app.css" -> "/assets/app.3f2a9c01.css"; throws std::out_of_range for an unknown name (a bug).
  const std::string& url(std::string_view name) const;
  // Answers a request for a fingerprinted URL (200, or 304 when If-None-Match
  // names the form chosen); nullopt when it is not one.
  // Also answers kServiceWorkerPath with sw.js (not fingerprinted, "no-cache").
  std::optional<http::Response> serve(const http::Request& req) const;

 private:
  struct Asset {
    std::string url, content_type, etag, data, gzipped;  // gzipped: "" when not smaller
  };
  static http::Response respond(const Asset& a, const http::Request& req,
                                std::string_view cache_control);
  std::map<std::string, Asset, std::less<>> by_name_;
  std::map<std::string, const Asset*, std::less<>> by_url_;
};

}  // namespace crm::web

#include "web/assets.hpp"

#include <fmt/format.h>
#include <stdexcept>

#include "core/embedded.hpp"
#include "http/compress.hpp"

namespace crm::web {

namespace {

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string content_type_of(std::string_view name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  if (name.ends_with(".png")) return "image/png";
  if (name.ends_with(".ico")) return "image/x-icon";
  if (name.ends_with(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

}  // namespace

Assets::Assets() {
  for (const auto& f : embedded::files()) {
    if (!f.name.starts_with("assets/")) continue;
    std::string name(f.name.substr(7));
    auto dot = name.rfind('.');
    Asset a;
    auto fingerprint = fmt::format("{:08x}", fnv1a(f.data) & 0xffffffffULL);
    a.url = fmt::format("/assets/{}.{}{}", name.substr(0, dot), fingerprint, name.substr(dot));
    a.content_type = content_type_of(name);
    a.etag = "\"" + fingerprint;  // closed by serve(): "…" or "…-gz"
    a.data = std::string(f.data);
    // Text only: images (but SVG) and fonts are compressed already.
    if (a.content_type.starts_with("text/") || a.content_type == "image/svg+xml")
      a.gzipped = http::gzip(a.data, http::kGzipBestLevel).value_or("");
    by_name_.emplace(name, std::move(a));
  }
  for (const auto& [name, a] : by_name_) by_url_.emplace(a.url, &a);
}

const std::string& Assets::url(std::string_view name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) throw std::out_of_range("unknown asset " + std::string(name));
  return it->second.url;
}

std::optional<http::Response> Assets::serve(const http::Request& req) const {
  // The service worker must be served from the root to control the site's
  // pages, under a name that does not change: browsers check it for updates.
  if (req.path == kServiceWorkerPath) return respond(by_name_.at("sw.js"), req, "no-cache");
  auto it = by_url_.find(req.path);
  if (it == by_url_.end()) return std::nullopt;
  return respond(*it->second, req, "public, max-age=31536000, immutable");
}

http::Response Assets::respond(const Asset& a, const http::Request& req,
                               std::string_view cache_control) {
  http::AcceptedCodings accepted;
  for (const auto& [k, v] : req.headers)
    if (k == "accept-encoding") accepted.add(v);
  bool gz = !a.gzipped.empty() && accepted.gzip_preferred();
  std::string etag = a.etag + (gz ? "-gz\"" : "\"");
  http::Response r;
  r.set("Cache-Control", std::string(cache_control));
  if (!a.gzipped.empty()) r.set("Vary", "Accept-Encoding");
  if (http::none_match(req.header("if-none-match"), etag)) {
    r.status = 304;
    r.set("ETag", std::move(etag));
    return r;
  }
  r.set("Content-Type", a.content_type);
  r.set("ETag", std::move(etag));
  if (gz) {
    r.set("Content-Encoding", "gzip");
    r.body = a.gzipped;
  } else {
    r.body = a.data;
  }
  return r;
}

}  // namespace crm::web

#include "web/assets.hpp"

#include <fmt/format.h>
#include <zlib.h>
#include <stdexcept>

#include "core/embedded.hpp"

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

std::string gzip(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib init failed");
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");
  return out;
}

Assets::Assets() {
  for (const auto& f : embedded::files()) {
    if (!f.name.starts_with("assets/")) continue;
    std::string name(f.name.substr(7));
    auto dot = name.rfind('.');
    Asset a;
    a.url = fmt::format("/assets/{}.{:08x}{}", name.substr(0, dot), fnv1a(f.data) & 0xffffffffULL,
                        name.substr(dot));
    a.content_type = content_type_of(name);
    a.data = std::string(f.data);
    a.gzipped = gzip(a.data);
    if (a.gzipped.size() >= a.data.size()) a.gzipped.clear();
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
  auto it = by_url_.find(req.path);
  if (it == by_url_.end()) return std::nullopt;
  const Asset& a = *it->second;
  http::Response r;
  r.set("Content-Type", a.content_type);
  r.set("Cache-Control", "public, max-age=31536000, immutable");
  r.set("Vary", "Accept-Encoding");
  if (!a.gzipped.empty() && req.header("accept-encoding").find("gzip") != std::string_view::npos) {
    r.set("Content-Encoding", "gzip");
    r.body = a.gzipped;
  } else {
    r.body = a.data;
  }
  return r;
}

}  // namespace crm::web

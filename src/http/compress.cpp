#include "http/compress.hpp"

#include <libdeflate.h>

#include <memory>
#include <new>
#include <vector>

namespace crm::http {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool icontains(std::string_view haystack, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i)
    if (iequals(haystack.substr(i, needle.size()), needle)) return true;
  return false;
}

struct FreeCompressor {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

// One per thread and level, made on first use.
struct Scratch {
  std::unique_ptr<libdeflate_compressor, FreeCompressor> compressor;
  std::vector<char> out;
};

Scratch& scratch(int level) {
  thread_local Scratch per_level[13];
  auto& s = per_level[level];
  if (!s.compressor) {
    s.compressor.reset(libdeflate_alloc_compressor(level));
    if (!s.compressor) throw std::bad_alloc();
  }
  return s;
}

std::string_view header_of(const Response& res, std::string_view name) {
  for (const auto& [k, v] : res.headers())
    if (iequals(k, name)) return v;
  return {};
}

bool has_header(const Response& res, std::string_view name) {
  for (const auto& [k, v] : res.headers())
    if (iequals(k, name)) return true;
  return false;
}

// Vary gains Accept-Encoding, once.
void add_vary(Response& res) {
  for (const auto& [k, v] : res.headers())
    if (iequals(k, "Vary")) {
      if (v == "*" || icontains(v, "accept-encoding")) return;
      res.set(k, v.empty() ? std::string("Accept-Encoding") : v + ", Accept-Encoding");
      return;
    }
  res.set("Vary", "Accept-Encoding");
}

bool from_elsewhere(const Request& req) {
  auto site = req.header("sec-fetch-site");
  return !site.empty() && site != "same-origin" && site != "none";
}

}  // namespace

bool compressible_type(std::string_view content_type) {
  auto type = media_type(content_type);
  if (type == "text/html" || type == "text/plain" || type == "text/csv" ||
      type == "text/calendar" || type == "text/xml" || type == "application/xml" ||
      type == "application/json")
    return true;
  return type.starts_with("application/") && (type.ends_with("+xml") || type.ends_with("+json"));
}

std::optional<std::string> gzip(std::string_view data, int level) {
  if (level < 1 || level > 12) level = kGzipLevel;
  auto& s = scratch(level);
  if (data.size() < 2) return std::nullopt;
  // Room for one byte less than the input: libdeflate says 0 when it does
  // not fit, which is exactly "not smaller".
  s.out.resize(data.size() - 1);
  auto n = libdeflate_gzip_compress(s.compressor.get(), data.data(), data.size(), s.out.data(),
                                    s.out.size());
  if (n == 0) return std::nullopt;
  return std::string(s.out.data(), n);
}

void encode(Response& res, const Request& req) {
  if (res.status < 200 || res.status == 204 || res.status == 304) return;
  if (!compressible_type(header_of(res, "Content-Type"))) return;
  add_vary(res);
  if (has_header(res, "Content-Encoding") || res.body.size() < kCompressMin) return;
  AcceptedCodings accepted;
  for (const auto& [k, v] : req.headers)
    if (k == "accept-encoding") accepted.add(v);
  if (!accepted.gzip_preferred() || from_elsewhere(req)) return;
  auto z = gzip(res.body);
  if (!z) return;
  res.body = std::move(*z);
  res.set("Content-Encoding", "gzip");
  for (const auto& [k, v] : res.headers())
    if (iequals(k, "ETag")) {
      // "x" -> "x-gz", W/"x" -> W/"x-gz".
      if (v.size() >= 2 && v.back() == '"') res.set(k, v.substr(0, v.size() - 1) + "-gz\"");
      break;
    }
}

}  // namespace crm::http

// Compressed answers (RFC 9110 8.4 and 12.5.3): text answers above
// kCompressMin bytes go out gzip-compressed (libdeflate) when the client
// prefers gzip. Which client prefers what is parsed in parse.hpp
// (AcceptedCodings, fuzzed); this file only decides and compresses.
//
// Thread safety: every function may be called from any thread. gzip() keeps
// one libdeflate compressor and one scratch buffer per thread and level (the
// compressor is not thread-safe and costs ~0.5 MB to set up), so it never
// allocates them per call.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace crm::http {

// Smaller answers fit in one TCP segment either way: not worth the CPU.
inline constexpr std::size_t kCompressMin = 1024;
// libdeflate's level for answers made per request. Measured on the demo's
// pages at scale 100 (bench/compress.sh, docs/ARCHITECTURE.md): level 1
// already saves ~80 %; each level above costs more CPU than the few hundred
// bytes it saves are worth on a page answered in well under a millisecond.
inline constexpr int kGzipLevel = 1;
// For what is compressed once at start (assets): the smallest output.
inline constexpr int kGzipBestLevel = 12;

// Whether answers of this Content-Type are text worth compressing: HTML,
// plain text, CSV, iCalendar, XML and JSON (application/…+xml, …+json too).
// Images, PDF, zip/xlsx and anything else are not: they are compressed
// already or not text. Parameters and case are ignored.
bool compressible_type(std::string_view content_type);

// gzip (RFC 1952) of `data` at `level` (1..12); nullopt when the result would
// not be smaller than `data`. Throws std::bad_alloc only.
std::optional<std::string> gzip(std::string_view data, int level = kGzipLevel);

// Gives `res` the form `req` gets: for a compressible type (with a body: not
// 1xx, 204, 304) `Vary: Accept-Encoding` is added; then, if the answer has no
// Content-Encoding yet, is at least kCompressMin bytes and the request
// prefers gzip (every Accept-Encoding field), the body is replaced by its
// gzip and `Content-Encoding: gzip` set, and an ETag gets "-gz" inside its
// quotes (the compressed bytes are another representation). A request that
// says it comes from another site (Sec-Fetch-Site other than same-origin or
// none) is not answered compressed: a page that holds a secret (the CSRF
// token) next to text the other site chose would let it guess the secret
// from the compressed size (BREACH). HEAD answers are encoded the same way,
// so they carry the headers and Content-Length a GET would.
void encode(Response& res, const Request& req);

}  // namespace crm::http

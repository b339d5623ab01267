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
// libdeflate's level for answers made per request, chosen by measurement
// (bench/people.sh, docs/ARCHITECTURE.md): on the eight main pages at demo
// scale 100 level 1 takes 155 KB to 19.7 KB in 153 us in all (25 us for the
// 21 KB cohort page); level 6 saves 5.7 % more for twice the CPU, level 12
// 9 % more for 390 times. At level 1 every page with its CSS and JS already
// fits TCP's first window (10 segments, ~14 KB), so more bytes saved would
// not save a round trip.
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

// Parsing of what a client sends inside a request: query strings, form bodies
// (urlencoded and multipart), cookies, Accept-Language, Accept-Encoding,
// If-None-Match and media types.
//
// Everything here is a pure function of its input: no Asio, no Beast, no
// globals, so it is safe from any thread and can be fuzzed on its own
// (tests/fuzz/parse_fuzz.cpp). Every function accepts arbitrary bytes: bad
// input gives an error value, a skipped item or an empty result, never
// undefined behaviour, and the work is linear in the input size. The only
// exception that can escape is std::bad_alloc.
//
// Errors are crm::Error{invalid, field "", key}: the keys are
//   kUnreadable  "The request could not be read."  (malformed input)
//   kTooManyFields "Too many form fields."         (over kMaxFormFields)
// The server answers both with 400; the keys are there for the catalogs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace crm::http {

inline constexpr std::string_view kUnreadable = "The request could not be read.";
inline constexpr std::string_view kTooManyFields = "Too many form fields.";

// More fields than any crm form has, few enough that a request cannot make
// handlers loop over millions of pairs. Applies to urlencoded pairs and to
// multipart parts alike.
inline constexpr std::size_t kMaxFormFields = 1000;
// One header line of a multipart part (without its CRLF). Browsers send two
// short lines; the limit stops a part header from being a second body.
inline constexpr std::size_t kMaxPartHeaderLine = 8 * 1024;

// Ordered name/value pairs (forms, query strings). Names are case-sensitive.
// Order and repetition are kept as sent: `a=1&a=2` holds both pairs.
struct Fields {
  std::vector<std::pair<std::string, std::string>> items;

  std::optional<std::string_view> get(std::string_view name) const;  // first value
  std::string value(std::string_view name) const;                    // first value or ""
  std::vector<std::string> all(std::string_view name) const;         // every value, in order
};

// A file part of a multipart form. `filename` is the base name only (the
// client's directories stripped, control characters removed, valid UTF-8):
// fit for showing, never for use as a path on the server. `content_type` is
// the lower-cased media type without parameters the client claimed
// ("application/octet-stream" when it sent none or garbage); it is not checked
// against the data.
struct UploadedFile {
  std::string field, filename, content_type, data;
};

struct FormData {
  Fields fields;                    // text parts, valid UTF-8 without NUL
  std::vector<UploadedFile> files;  // parts with a filename, in order
};

// Strict UTF-8 (RFC 3629): rejects overlong forms, surrogates (U+D800..DFFF),
// code points above U+10FFFF and truncated sequences. The empty string is valid.
bool valid_utf8(std::string_view s);

// Decodes %xx escapes (either hex case) and, if plus_is_space, '+' to ' '.
// nullopt when a '%' is not followed by two hex digits. The result may hold
// any byte, NUL and invalid UTF-8 included: callers check what they need.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

// An application/x-www-form-urlencoded body or a query string (without '?').
// Pairs are separated by '&' (';' is data); empty pairs (`a=1&&b=2`, a
// trailing '&') are skipped; a pair without '=' is a name with an empty value.
// Errors: kUnreadable on a bad escape, a name or value that is not valid UTF-8
// or holds NUL (PostgreSQL text cannot store it); kTooManyFields above
// kMaxFormFields pairs.
Result<Fields> parse_urlencoded(std::string_view text);

// A Cookie header into name/value pairs, in order, the first of a name winning
// (browsers send the most specific path first). Never fails: pairs without
// '=', with a name that is not a token, or with a value holding control
// characters or invalid UTF-8 are skipped. A value in double quotes loses them.
std::vector<std::pair<std::string, std::string>> parse_cookies(std::string_view header);

// The boundary parameter of a multipart Content-Type such as
// `multipart/form-data; boundary="abc"` (quoted or not, parameter name in any
// case). nullopt when the type is not multipart/*, the parameters do not
// parse, the boundary is missing or given twice, or it breaks RFC 2046
// (1..70 characters from its set, not ending in a space).
std::optional<std::string> multipart_boundary(std::string_view content_type);

// A multipart/form-data body (RFC 7578) sent with `content_type`.
// Text parts go to fields and must be valid UTF-8 without NUL. Parts whose
// Content-Disposition has a filename go to files; a part with filename="" and
// no data (a file input left empty) is dropped. Lines must end in CRLF. A
// "--boundary" counts as a delimiter only at the start of a line (or right
// after the blank line ending a part's headers: an empty part) and followed
// by "--" and/or padding to the end of the line; elsewhere it is data.
// Preamble and epilogue are ignored.
// Errors: kUnreadable when the content type is not multipart/form-data or has
// no valid boundary, the final boundary is missing, a part has no
// `form-data` Content-Disposition with a non-empty name, a header line is
// malformed or longer than kMaxPartHeaderLine, a header or parameter is
// repeated, a filename is empty (for a part with data) or left empty by
// sanitising ("../", ".."), or a part uses a Content-Transfer-Encoding other
// than 7bit/8bit/binary; kTooManyFields above kMaxFormFields parts.
Result<FormData> parse_multipart(std::string_view body, std::string_view content_type);

// The media type without parameters, lower-cased and trimmed:
// "Multipart/Form-Data; boundary=x" -> "multipart/form-data". "" when the
// value is not `type/subtype` made of tokens.
std::string media_type(std::string_view content_type);

// Accept-Language into language tags, highest q first (ties keep header
// order), lower-cased, without duplicates. Tags with q=0, "*", malformed tags
// or q values are dropped; only the first 100 entries are looked at.
std::vector<std::string> parse_accept_language(std::string_view header);

// --- content codings and validators -----------------------------------------

// What an Accept-Encoding field (RFC 9110 12.5.3) says about the codings crm
// can send: gzip (or its alias x-gzip), identity and `*`, each as a weight in
// thousandths (q=0.5 is 500), or kUnmentioned. Names are compared without
// regard to case; SP/HTAB around items and parameters are allowed; empty list
// items are skipped. An item whose coding is not a token, or with a parameter
// other than one valid `q` (0, 0.5, 1.000 …; `q=abc`, `q=2`, `q=0.1234`,
// `foo=1` are invalid), is ignored as a whole. When a coding is named more
// than once the lowest weight counts, so a refusal (`q=0`) anywhere wins.
// Several fields add up: call add() with each. Linear in the input, no
// allocation.
struct AcceptedCodings {
  static constexpr int kUnmentioned = -1;
  int gzip = kUnmentioned;
  int identity = kUnmentioned;
  int any = kUnmentioned;  // `*`: every coding not named otherwise

  void add(std::string_view field_value);
  // True when gzip is acceptable (its weight, or that of `*` when gzip is not
  // named, is above 0) and not less wanted than identity (whose weight is that
  // of `identity`, else that of `*`, else it does not compete). A missing or
  // empty field wants no coding. When a client refuses every coding crm has,
  // identity included (`*;q=0`, `identity;q=0`), the answer is sent without a
  // coding all the same: RFC 9110 12.1 lets the server disregard the
  // preference rather than answer 406.
  bool gzip_preferred() const;
};
// The field of one request (the value of every Accept-Encoding header).
AcceptedCodings parse_accept_encoding(std::string_view field_value);

// If-None-Match (RFC 9110 13.1.2) against the entity tag of the selected
// representation (`etag` as sent in an ETag field: "x" or W/"x"): true when
// the field is `*` or lists a tag equal to it by weak comparison (W/ ignored
// on both sides). A malformed field matches nothing, so the full answer goes
// out. Linear in the input, no allocation.
bool none_match(std::string_view if_none_match, std::string_view etag);

// --- same-site targets ------------------------------------------------------

// `path` (percent-decoded, any bytes) as the path of a URL: unreserved
// characters, sub-delims, ':', '@' and '/' stay; every other byte becomes %XX
// (upper-case hex). The result holds only printable ASCII without space, '%'
// other than in an escape, '?', '#' or backslash: safe in a header and a URL.
std::string encode_path(std::string_view path);
// Fields as a query string ("a=1&b=x%20y"), each name and value with only the
// unreserved characters kept. parse_urlencoded reads it back to `query`.
std::string encode_query(const Fields& query);
// A same-site target from what a client sent (the language switcher's
// `next`): the path (before '?') must start with exactly one '/' before and
// after percent-decoding, and decode to valid UTF-8 without NUL or backslash;
// the query must parse. Both are then encoded again (encode_path,
// encode_query), so the result never holds a control character or a space.
// "/" for anything else. Stable: local_target(local_target(x)) == local_target(x).
std::string local_target(std::string_view next);
// Where to go after signing in (the login's `next`): local_target, but "/"
// also when the path or the query holds a control character once decoded
// (local_target would keep it, percent-encoded). Stable like local_target.
std::string return_target(std::string_view next);

// --- the head of a request ----------------------------------------------------

// RFC 9112 2.2 and 5.2: true when the header block (from the request line up
// to and including the empty line) ends its lines only with CRLF (no bare CR
// or LF) and no line after the request line starts with SP or HTAB (obs-fold,
// or whitespace before the first field). The server answers 400 otherwise,
// before any parser folds such lines into a value.
bool plain_header_block(std::string_view block);
// RFC 9112 6.1/6.3: the only transfer coding crm reads is chunked on its own.
// True when one Transfer-Encoding value is "chunked" (any case); the server
// answers 400 to any other value, to a repeated field, and to HTTP/1.0.
bool chunked_only(std::string_view transfer_encoding);

}  // namespace crm::http

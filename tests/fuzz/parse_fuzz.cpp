// libFuzzer target for src/http/parse.cpp (built by tests/fuzz/build.sh).
//
// The first input byte picks the parser the rest is shaped for; every parser
// then gets the rest as well, so one corpus exercises them all. Besides the
// sanitizers' checks (memory, UB, leaks, escaping exceptions, timeouts) the
// target checks what each function promises: results are valid UTF-8 where
// the header says so, limits hold, and what parses is re-serialised and must
// parse back to the same thing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/parse.hpp"

namespace {

using namespace crm::http;

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "parse_fuzz: broken promise: %s\n", what);
  std::abort();
}

bool has_ctl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// A second, differently written UTF-8 check: decode the code point, then
// judge it by value rather than by byte ranges.
bool reference_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80           ? 1
                      : (b >> 5) == 0x6  ? 2
                      : (b >> 4) == 0xe  ? 3
                      : (b >> 3) == 0x1e ? 4
                                         : 0;
    if (len == 0 || s.size() - i < len) return false;
    uint32_t cp = len == 1 ? b : b & (0x7f >> len);
    for (std::size_t k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
    i += len;
  }
  return true;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    }
  }
  return out;
}

void fuzz_utf8(std::string_view s) {
  check(valid_utf8(s) == reference_utf8(s), "valid_utf8 agrees with the reference decoder");
}

void fuzz_percent(std::string_view s) {
  for (bool plus : {false, true}) {
    auto decoded = percent_decode(s, plus);
    bool well_formed = true;
    std::size_t escapes = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '%') continue;
      if (s.size() - i < 3 || !is_hex(s[i + 1]) || !is_hex(s[i + 2])) {
        well_formed = false;
        break;
      }
      ++escapes;
      i += 2;
    }
    check(decoded.has_value() == well_formed, "percent_decode fails exactly on bad escapes");
    if (!decoded) continue;
    check(decoded->size() == s.size() - 2 * escapes, "percent_decode length");
    check(percent_decode(percent_encode(*decoded), plus) == decoded, "percent round trip");
  }
}

void fuzz_urlencoded(std::string_view s) {
  auto r = parse_urlencoded(s);
  if (!r) {
    check(r.error().key == kUnreadable || r.error().key == kTooManyFields, "urlencoded error key");
    return;
  }
  check(r->items.size() <= kMaxFormFields, "urlencoded field limit");
  std::string again;
  for (const auto& [k, v] : r->items) {
    check(valid_utf8(k) && valid_utf8(v), "urlencoded UTF-8");
    check(k.find('\0') == std::string::npos && v.find('\0') == std::string::npos, "urlencoded NUL");
    if (!again.empty()) again += '&';
    again += percent_encode(k) + "=" + percent_encode(v);
  }
  auto r2 = parse_urlencoded(again);
  check(r2.ok() && r2->items == r->items, "urlencoded round trip");
}

void fuzz_cookies(std::string_view s) {
  auto cookies = parse_cookies(s);
  for (std::size_t i = 0; i < cookies.size(); ++i) {
    const auto& [name, value] = cookies[i];
    check(!name.empty() && !has_ctl(name) && name.find_first_of(" ;=\"") == std::string::npos,
          "cookie name is a token");
    check(!has_ctl(value) && valid_utf8(value), "cookie value");
    for (std::size_t j = 0; j < i; ++j) check(cookies[j].first != name, "first cookie wins");
  }
}

void fuzz_media_type(std::string_view s) {
  auto t = media_type(s);
  if (t.empty()) return;
  check(std::count(t.begin(), t.end(), '/') == 1, "media type has one slash");
  check(std::none_of(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; }),
        "media type lower case");
  check(media_type(t) == t, "media_type idempotent");
}

void fuzz_boundary(std::string_view s) {
  auto b = multipart_boundary(s);
  if (!b) return;
  check(!b->empty() && b->size() <= 70 && b->back() != ' ' && !has_ctl(*b), "boundary shape");
  check(b->find_first_of("\r\n\"\\;") == std::string::npos, "boundary characters");
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void fuzz_multipart(std::string_view body, std::string_view content_type) {
  auto r = parse_multipart(body, content_type);
  if (!r) {
    check(r.error().key == kUnreadable || r.error().key == kTooManyFields, "multipart error key");
    return;
  }
  const FormData& form = *r;
  check(form.fields.items.size() + form.files.size() <= kMaxFormFields, "multipart part limit");
  auto boundary = multipart_boundary(content_type);
  check(boundary.has_value(), "parsed multipart has a boundary");
  std::string again;
  for (const auto& [k, v] : form.fields.items) {
    check(!k.empty() && valid_utf8(k) && valid_utf8(v), "multipart field UTF-8");
    check(v.find('\0') == std::string::npos, "multipart field NUL");
    again += "--" + *boundary + "\r\nContent-Disposition: form-data; name=" + quote(k) +
             "\r\n\r\n" + v + "\r\n";
  }
  for (const auto& f : form.files) {
    check(!f.field.empty() && valid_utf8(f.field), "file field name");
    check(!f.filename.empty() && f.filename != "." && f.filename != ".." &&
              valid_utf8(f.filename) && !has_ctl(f.filename) &&
              f.filename.find_first_of("/\\") == std::string::npos,
          "sanitised filename");
    check(media_type(f.content_type) == f.content_type, "file content type");
    again += "--" + *boundary + "\r\nContent-Disposition: form-data; name=" + quote(f.field) +
             "; filename=" + quote(f.filename) + "\r\nContent-Type: " + f.content_type +
             "\r\n\r\n" + f.data + "\r\n";
  }
  again += "--" + *boundary + "--\r\n";
  // Re-quoting can lengthen a header line (unquoted names, lone backslashes
  // kept as data); near the line limit the round trip would fail for that alone.
  auto long_name = [](std::string_view s) { return s.size() > kMaxPartHeaderLine / 4; };
  for (const auto& [k, v] : form.fields.items)
    if (long_name(k)) return;
  for (const auto& f : form.files)
    if (long_name(f.field) || long_name(f.filename)) return;
  auto r2 = parse_multipart(again, content_type);
  check(r2.ok(), "re-serialised multipart parses");
  check(r2->fields.items == form.fields.items, "multipart fields round trip");
  check(r2->files.size() == form.files.size(), "multipart file count round trip");
  for (std::size_t i = 0; i < form.files.size(); ++i) {
    const auto &a = form.files[i], &b = r2->files[i];
    check(a.field == b.field && a.filename == b.filename && a.content_type == b.content_type &&
              a.data == b.data,
          "multipart file round trip");
  }
}

void fuzz_accept_language(std::string_view s) {
  auto tags = parse_accept_language(s);
  check(tags.size() <= 100, "accept-language entry limit");
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const auto& t = tags[i];
    check(!t.empty() && std::all_of(t.begin(), t.end(),
                                    [](char c) {
                                      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                             c == '-';
                                    }),
          "language tag shape");
    for (std::size_t j = 0; j < i; ++j) check(tags[j] != t, "language tags unique");
  }
}

bool icontains(std::string_view haystack, std::string_view needle) {
  auto low = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [&](char a, char b) { return low(a) == low(b); }) != haystack.end();
}

void fuzz_accept_encoding(std::string_view s) {
  auto a = parse_accept_encoding(s);
  for (int q : {a.gzip, a.identity, a.any})
    check(q == AcceptedCodings::kUnmentioned || (q >= 0 && q <= 1000), "weight range");
  if (a.gzip_preferred())
    check(icontains(s, "gzip") || s.find('*') != std::string_view::npos,
          "gzip preferred without gzip or * in the field");
  // The same field twice, as two fields, says the same.
  auto twice = a;
  twice.add(s);
  check(twice.gzip == a.gzip && twice.identity == a.identity && twice.any == a.any,
        "a repeated field changes the weights");
  // A refusal anywhere wins, whatever came before it.
  check(!parse_accept_encoding(std::string(s) + ", gzip;q=0").gzip_preferred(),
        "gzip;q=0 at the end did not refuse gzip");
  auto refused = a;
  refused.add("GZip ;Q=0.000");
  check(!refused.gzip_preferred(), "a second field with gzip;q=0 did not refuse gzip");
}

void fuzz_none_match(std::string_view s) {
  constexpr std::string_view kTag = "\"ab,c\"";
  if (none_match(s, kTag))
    check(s.find(kTag) != std::string_view::npos || s.find('*') != std::string_view::npos,
          "If-None-Match matched a tag it does not hold");
  if (s.find_first_not_of(" \t,") == std::string_view::npos)
    check(none_match(std::string(s) + ", " + std::string(kTag), kTag),
          "an empty list ending in the tag did not match");
  // An entity tag made of the input's allowed bytes matches itself, weak or not.
  std::string tag = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u != '"' && u != 0x7f) tag += c;
  }
  tag += '"';
  check(none_match(tag, tag) && none_match("W/" + tag, tag) && none_match(tag, "W/" + tag),
        "an entity tag does not match itself");
  check(none_match(" " + tag + " , W/\"zz\"", tag), "a tag in a list does not match");
}

constexpr std::string_view kFixedType = "multipart/form-data; boundary=xYz";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto rest = input.substr(1);
  switch (static_cast<unsigned char>(input[0]) % 7) {
    case 0:
      fuzz_urlencoded(rest);
      break;
    case 1:
      fuzz_cookies(rest);
      break;
    case 2:
      fuzz_multipart(rest, kFixedType);
      break;
    case 3: {
      // "<content type>\n<body>": the content type line shapes the parse.
      auto nl = rest.find('\n');
      auto type = rest.substr(0, nl);
      auto body = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      fuzz_media_type(type);
      fuzz_boundary(type);
      fuzz_multipart(body, type);
      break;
    }
    case 4:
      fuzz_accept_language(rest);
      break;
    case 6:
      fuzz_accept_encoding(rest);
      fuzz_none_match(rest);
      break;
    default:
      fuzz_utf8(rest);
      fuzz_percent(rest);
      break;
  }
  // Every parser sees every input: the bytes one mode grows are new ground
  // for the others.
  fuzz_utf8(rest);
  fuzz_percent(rest);
  fuzz_urlencoded(rest);
  fuzz_cookies(rest);
  fuzz_media_type(rest);
  fuzz_boundary(rest);
  fuzz_multipart(rest, kFixedType);
  fuzz_multipart(rest, rest);
  fuzz_accept_language(rest);
  fuzz_accept_encoding(rest);
  fuzz_none_match(rest);
  return 0;
}

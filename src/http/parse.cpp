#include "http/parse.hpp"

#include <algorithm>
#include <unordered_set>

namespace crm::http {

namespace {

// A header value may carry at most this many parameters. Real ones carry one
// to three; the cap keeps the duplicate check cheap on hostile input.
constexpr std::size_t kMaxParams = 32;
// Accept-Language entries looked at; browsers send a handful.
constexpr std::size_t kMaxLanguages = 100;

Error unreadable() {
  return invalid({}, std::string(kUnreadable));
}
Error too_many_fields() {
  return invalid({}, std::string(kTooManyFields));
}

// ASCII only on purpose: header syntax is ASCII and the C locale functions
// would make results depend on the process locale.
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower(c);
  return out;
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ows(char c) {
  return c == ' ' || c == '\t';
}
bool is_ctl(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}
// RFC 9110 tchar.
bool is_tchar(char c) {
  if (is_alpha(c) || is_digit(c)) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}
bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_tchar);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}
// The pieces of a string between separators, empty ones included: "a,,b"
// gives "a", "", "b"; "" gives one empty piece.
class Splitter {
 public:
  Splitter(std::string_view s, char sep) : s_(s), sep_(sep) {}
  std::optional<std::string_view> next() {
    if (pos_ > s_.size()) return std::nullopt;
    auto end = std::min(s_.find(sep_, pos_), s_.size());
    auto piece = s_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return piece;
  }

 private:
  std::string_view s_;
  char sep_;
  std::size_t pos_ = 0;
};

void skip_ows(std::string_view s, std::size_t& i) {
  while (i < s.size() && is_ows(s[i])) ++i;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// What the application stores must fit in a PostgreSQL text column, which
// takes neither invalid UTF-8 nor NUL.
bool storable_text(std::string_view s) {
  return s.find('\0') == std::string_view::npos && valid_utf8(s);
}

struct Param {
  std::string name;  // lower-cased
  std::string value;
};

// The `*( OWS ";" OWS [ name = value ] )` tail of a Content-Type or
// Content-Disposition value (RFC 9110 5.6.6, empty parameters allowed).
// Values are tokens or quoted strings; unquoted values may also hold bytes
// outside token, as filenames from some clients do. Within a quoted string a
// backslash escapes only '"' and '\': old browsers send Windows paths
// unescaped (filename="C:\dir\a.txt") and those must keep their separators.
// nullopt on malformed syntax, a repeated name (two readers could pick
// different ones) or more than kMaxParams parameters.
std::optional<std::vector<Param>> parse_params(std::string_view s) {
  std::vector<Param> out;
  std::size_t i = 0;
  const std::size_t n = s.size();
  for (;;) {
    skip_ows(s, i);
    if (i == n) return out;
    if (s[i] != ';') return std::nullopt;
    ++i;
    skip_ows(s, i);
    if (i == n || s[i] == ';') continue;
    std::size_t start = i;
    while (i < n && is_tchar(s[i])) ++i;
    if (i == start) return std::nullopt;
    Param p{lower(s.substr(start, i - start)), {}};
    skip_ows(s, i);
    if (i == n || s[i] != '=') return std::nullopt;
    ++i;
    skip_ows(s, i);
    if (i < n && s[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        char c = s[i];
        if (c == '"') {
          closed = true;
          ++i;
          break;
        }
        if (c == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\')) {
          p.value += s[i + 1];
          i += 2;
          continue;
        }
        if (is_ctl(c) && c != '\t') return std::nullopt;
        p.value += c;
        ++i;
      }
      if (!closed) return std::nullopt;
    } else {
      start = i;
      while (i < n && s[i] != ';' && s[i] != '"' && !is_ows(s[i]) && !is_ctl(s[i])) ++i;
      if (i == start) return std::nullopt;
      p.value = std::string(s.substr(start, i - start));
    }
    if (out.size() == kMaxParams) return std::nullopt;
    for (const auto& q : out)
      if (q.name == p.name) return std::nullopt;
    out.push_back(std::move(p));
  }
}

const Param* find_param(const std::vector<Param>& params, std::string_view name) {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

// RFC 2046 bchars: the boundary may hold these (space only inside).
bool is_bchar(char c) {
  return is_alpha(c) || is_digit(c) ||
         std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// --- multipart -------------------------------------------------------------

// A delimiter line found in a multipart body: it starts at `start` (at the
// CRLF that belongs to it) and the next part starts at `after`.
struct Delimiter {
  std::size_t start;
  std::size_t after;
  bool close;  // "--boundary--": no part follows
};

// Checks what follows "--boundary" at `p`. A real delimiter continues with
// "--" (the close delimiter) or not, then optional transport padding (spaces,
// tabs) and CRLF; only the close delimiter may instead end the body. Anything
// else means the boundary-like text is part of the data (RFC 2046 5.1.1 lets
// the boundary be followed only by padding; Go's mime/multipart reads it the
// same way).
std::optional<Delimiter> delimiter_at(std::string_view body, std::size_t start, std::size_t p) {
  bool close = false;
  if (body.substr(p, 2) == "--") {
    close = true;
    p += 2;
  }
  while (p < body.size() && is_ows(body[p])) ++p;
  if (p == body.size()) {
    if (close) return Delimiter{start, p, true};
    return std::nullopt;
  }
  if (body.substr(p, 2) == "\r\n") return Delimiter{start, p + 2, close};
  return std::nullopt;
}

// The next real delimiter at or after `from`. `needle` is CRLF "--" boundary.
// Linear: the needle has a CR only in front (bchars exclude it), so failed
// comparisons cannot overlap.
std::optional<Delimiter> next_delimiter(std::string_view body, std::size_t from,
                                        std::string_view needle) {
  for (auto i = body.find(needle, from); i != std::string_view::npos;
       i = body.find(needle, i + 1)) {
    if (auto d = delimiter_at(body, i, i + needle.size())) return d;
  }
  return std::nullopt;
}

// The delimiter that ends the text starting at `from`. At `from` itself the
// CRLF is not needed: the body may open with "--boundary", and a part body may
// be empty with its delimiter right after the blank line that ends the part
// headers (that CRLF serves both; Go's mime/multipart reads it the same way).
std::optional<Delimiter> delimiter_from(std::string_view body, std::size_t from,
                                        std::string_view needle) {
  auto dash_boundary = needle.substr(2);
  if (body.substr(from, dash_boundary.size()) == dash_boundary)
    if (auto d = delimiter_at(body, from, from + dash_boundary.size())) return d;
  return next_delimiter(body, from, needle);
}

struct PartHeaders {
  std::optional<std::string> disposition, content_type, transfer_encoding;
};

// One "Name: value" line of a part header (without its CRLF). False when the
// line is malformed (no token name, control characters, including a lone CR
// or LF) or repeats one of the headers read here.
bool add_part_header(PartHeaders& h, std::string_view line) {
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  auto name = line.substr(0, colon);
  if (!is_token(name)) return false;  // also rejects obs-fold and space before ':'
  auto value = trim(line.substr(colon + 1));
  for (char c : value)
    if (is_ctl(c) && c != '\t') return false;
  std::optional<std::string>* slot = nullptr;
  auto lname = lower(name);
  if (lname == "content-disposition") {
    slot = &h.disposition;
  } else if (lname == "content-type") {
    slot = &h.content_type;
  } else if (lname == "content-transfer-encoding") {
    slot = &h.transfer_encoding;
  } else {
    return true;  // others (Content-Length …) carry nothing we use
  }
  if (slot->has_value()) return false;
  *slot = std::string(value);
  return true;
}

struct Disposition {
  std::string name;
  std::optional<std::string> filename;
};

// `form-data; name="x"[; filename="y"]`. Other parameters (filename*, which
// RFC 7578 4.2 forbids senders to use) are ignored.
std::optional<Disposition> parse_disposition(std::string_view value) {
  std::size_t i = 0;
  while (i < value.size() && is_tchar(value[i])) ++i;
  if (lower(value.substr(0, i)) != "form-data") return std::nullopt;
  auto params = parse_params(value.substr(i));
  if (!params) return std::nullopt;
  const Param* name = find_param(*params, "name");
  if (!name || name->value.empty() || !storable_text(name->value)) return std::nullopt;
  Disposition d{name->value, std::nullopt};
  if (const Param* f = find_param(*params, "filename")) d.filename = f->value;
  return d;
}

// Keeps the last path component (either separator: old Windows browsers send
// full paths) and drops control characters and surrounding spaces. nullopt
// when nothing usable is left or the name is not UTF-8.
std::optional<std::string> sanitize_filename(std::string_view raw) {
  auto cut = raw.find_last_of("/\\");
  if (cut != std::string_view::npos) raw.remove_prefix(cut + 1);
  std::string out;
  for (char c : raw)
    if (!is_ctl(c)) out += c;
  auto trimmed = trim(out);
  if (trimmed.empty() || trimmed == "." || trimmed == ".." || !valid_utf8(trimmed))
    return std::nullopt;
  return std::string(trimmed);
}

bool identity_encoding(std::string_view cte) {
  auto v = lower(cte);
  return v == "7bit" || v == "8bit" || v == "binary";
}

// A language tag as RFC 4647 basic ranges have it: 1*8ALPHA *("-" 1*8alphanum).
bool valid_language_tag(std::string_view tag) {
  std::size_t i = 0;
  bool first = true;
  for (;;) {
    std::size_t start = i;
    while (i < tag.size() && (is_alpha(tag[i]) || (!first && is_digit(tag[i])))) ++i;
    if (i == start || i - start > 8) return false;
    if (i == tag.size()) return true;
    if (tag[i] != '-') return false;
    ++i;
    first = false;
  }
}

// RFC 9110 qvalue: "0" [ "." 0*3DIGIT ] / "1" [ "." 0*3("0") ], in thousandths.
std::optional<int> parse_qvalue(std::string_view v) {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return std::nullopt;
  int q = (v[0] - '0') * 1000;
  if (v.size() == 1) return q;
  if (v[1] != '.' || v.size() > 5) return std::nullopt;
  int scale = 100;
  for (char c : v.substr(2)) {
    if (!is_digit(c)) return std::nullopt;
    q += (c - '0') * scale;
    scale /= 10;
  }
  if (q > 1000) return std::nullopt;
  return q;
}

}  // namespace

// --- Fields ----------------------------------------------------------------

std::optional<std::string_view> Fields::get(std::string_view name) const {
  for (const auto& [k, v] : items)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}

std::string Fields::value(std::string_view name) const {
  auto v = get(name);
  return v ? std::string(*v) : std::string();
}

std::vector<std::string> Fields::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : items)
    if (k == name) out.push_back(v);
  return out;
}

// --- decoding --------------------------------------------------------------

bool valid_utf8(std::string_view s) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Unicode 15, table 3-7: the second byte's range depends on the first;
    // narrowing it is what rules out overlongs, surrogates and > U+10FFFF.
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      len = 2;
    } else if (c == 0xe0) {
      len = 3;
      lo = 0xa0;
    } else if (c == 0xed) {
      len = 3;
      hi = 0x9f;
    } else if (c >= 0xe1 && c <= 0xef) {
      len = 3;
    } else if (c == 0xf0) {
      len = 4;
      lo = 0x90;
    } else if (c >= 0xf1 && c <= 0xf3) {
      len = 4;
    } else if (c == 0xf4) {
      len = 4;
      hi = 0x8f;
    } else {
      return false;  // 0x80..0xc1 (continuation or overlong lead), 0xf5..0xff
    }
    if (n - i < len) return false;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      auto ck = static_cast<unsigned char>(s[i + k]);
      if (ck < 0x80 || ck > 0xbf) return false;
    }
    i += len;
  }
  return true;
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (s.size() - i < 3) return std::nullopt;
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

Result<Fields> parse_urlencoded(std::string_view text) {
  Fields out;
  std::size_t count = 0;
  Splitter pairs(text, '&');
  while (auto pair = pairs.next()) {
    if (pair->empty()) continue;
    if (++count > kMaxFormFields) return too_many_fields();
    auto eq = pair->find('=');
    auto name = percent_decode(pair->substr(0, eq), true);
    auto value = eq == std::string_view::npos ? std::optional<std::string>(std::string())
                                              : percent_decode(pair->substr(eq + 1), true);
    if (!name || !value || !storable_text(*name) || !storable_text(*value)) return unreadable();
    out.items.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_cookies(std::string_view header) {
  std::vector<std::pair<std::string, std::string>> out;
  std::unordered_set<std::string_view> seen;  // views into header
  Splitter pieces(header, ';');
  while (auto piece = pieces.next()) {
    auto pair = trim(*piece);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    auto name = trim(pair.substr(0, eq));
    auto value = trim(pair.substr(eq + 1));
    if (!is_token(name)) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (std::any_of(value.begin(), value.end(), is_ctl) || !valid_utf8(value)) continue;
    if (!seen.insert(name).second) continue;
    out.emplace_back(std::string(name), std::string(value));
  }
  return out;
}

std::string media_type(std::string_view content_type) {
  auto type = trim(content_type.substr(0, content_type.find(';')));
  auto slash = type.find('/');
  if (slash == std::string_view::npos || !is_token(type.substr(0, slash)) ||
      !is_token(type.substr(slash + 1)))
    return {};
  return lower(type);
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  if (media_type(content_type).rfind("multipart/", 0) != 0) return std::nullopt;
  auto semi = content_type.find(';');
  if (semi == std::string_view::npos) return std::nullopt;
  auto params = parse_params(content_type.substr(semi));
  if (!params) return std::nullopt;
  const Param* b = find_param(*params, "boundary");
  if (!b) return std::nullopt;
  const std::string& v = b->value;
  if (v.empty() || v.size() > 70 || v.back() == ' ' || !std::all_of(v.begin(), v.end(), is_bchar))
    return std::nullopt;
  return v;
}

Result<FormData> parse_multipart(std::string_view body, std::string_view content_type) {
  if (media_type(content_type) != "multipart/form-data") return unreadable();
  auto boundary = multipart_boundary(content_type);
  if (!boundary) return unreadable();
  const std::string needle = "\r\n--" + *boundary;

  auto first = delimiter_from(body, 0, needle);
  if (!first) return unreadable();
  FormData form;
  std::size_t pos = first->after;
  bool done = first->close;
  std::size_t parts = 0;
  while (!done) {
    if (++parts > kMaxFormFields) return too_many_fields();
    PartHeaders headers;
    for (;;) {
      // Looking for the CRLF only within the line limit keeps a missing one
      // from costing a scan of the whole body for every part.
      auto window = body.substr(pos, kMaxPartHeaderLine + 2);
      auto eol = window.find("\r\n");
      if (eol == std::string_view::npos) return unreadable();
      auto line = window.substr(0, eol);
      pos += eol + 2;
      if (line.empty()) break;
      if (!add_part_header(headers, line)) return unreadable();
    }
    auto delimiter = delimiter_from(body, pos, needle);
    if (!delimiter) return unreadable();
    auto data = body.substr(pos, delimiter->start - pos);
    pos = delimiter->after;
    done = delimiter->close;

    if (!headers.disposition) return unreadable();
    auto disposition = parse_disposition(*headers.disposition);
    if (!disposition) return unreadable();
    if (headers.transfer_encoding && !identity_encoding(*headers.transfer_encoding))
      return unreadable();
    if (!disposition->filename) {
      if (!storable_text(data)) return unreadable();
      form.fields.items.emplace_back(std::move(disposition->name), std::string(data));
      continue;
    }
    // A file input left empty is sent as filename="" with no data.
    if (disposition->filename->empty() && data.empty()) continue;
    auto filename = sanitize_filename(*disposition->filename);
    if (!filename) return unreadable();
    auto type = media_type(headers.content_type.value_or(""));
    if (type.empty()) type = "application/octet-stream";
    form.files.push_back(UploadedFile{std::move(disposition->name), std::move(*filename),
                                      std::move(type), std::string(data)});
  }
  return form;
}

std::vector<std::string> parse_accept_language(std::string_view header) {
  struct Entry {
    std::string tag;
    int q;
  };
  std::vector<Entry> entries;
  std::size_t seen = 0;
  Splitter items(header, ',');
  while (seen < kMaxLanguages) {
    auto next = items.next();
    if (!next) break;
    auto item = trim(*next);
    if (item.empty()) continue;
    ++seen;
    Splitter parts(item, ';');
    auto tag = trim(*parts.next());
    if (!valid_language_tag(tag)) continue;  // also drops "*": it names no language
    int q = 1000;
    bool ok = true;
    // Only q means something after the tag; other parameters are ignored.
    while (auto param = parts.next()) {
      auto eq = param->find('=');
      if (eq == std::string_view::npos || lower(trim(param->substr(0, eq))) != "q") continue;
      auto value = parse_qvalue(trim(param->substr(eq + 1)));
      ok = ok && value.has_value();
      if (value) q = *value;
    }
    if (!ok || q == 0) continue;
    entries.push_back(Entry{lower(tag), q});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.q > b.q; });
  std::vector<std::string> out;
  for (auto& e : entries)
    if (std::find(out.begin(), out.end(), e.tag) == out.end()) out.push_back(std::move(e.tag));
  return out;
}

// --- content codings and validators -----------------------------------------

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

void lower_weight(int& slot, int q) {
  slot = slot == AcceptedCodings::kUnmentioned ? q : std::min(slot, q);
}

}  // namespace

void AcceptedCodings::add(std::string_view field_value) {
  Splitter items(field_value, ',');
  while (auto next = items.next()) {
    auto item = trim(*next);
    if (item.empty()) continue;
    Splitter parts(item, ';');
    auto coding = trim(*parts.next());
    if (!is_token(coding)) continue;
    int q = 1000;
    bool ok = true, weighted = false;
    while (auto param = parts.next()) {
      auto p = trim(*param);
      auto eq = p.find('=');
      // RFC 9110 12.4.2: the only parameter is one weight, "q" in any case.
      if (eq == std::string_view::npos || weighted || !iequals(trim(p.substr(0, eq)), "q")) {
        ok = false;
        break;
      }
      auto value = parse_qvalue(trim(p.substr(eq + 1)));
      if (!value) {
        ok = false;
        break;
      }
      q = *value;
      weighted = true;
    }
    if (!ok) continue;
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
      lower_weight(gzip, q);
    else if (iequals(coding, "identity"))
      lower_weight(identity, q);
    else if (coding == "*")
      lower_weight(any, q);
  }
}

bool AcceptedCodings::gzip_preferred() const {
  int g = gzip != kUnmentioned ? gzip : any;
  if (g <= 0) return false;  // refused, or not named at all
  int i = identity != kUnmentioned ? identity : any;
  return i == kUnmentioned || g >= i;
}

AcceptedCodings parse_accept_encoding(std::string_view field_value) {
  AcceptedCodings a;
  a.add(field_value);
  return a;
}

namespace {

// The opaque-tag of an entity tag ("x" or W/"x", quotes included); empty
// when `tag` is not one.
std::string_view opaque_tag(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') return {};
  for (char c : tag.substr(1, tag.size() - 2)) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u == '"' || u == 0x7f) return {};
  }
  return tag;
}

}  // namespace

bool none_match(std::string_view if_none_match, std::string_view etag) {
  auto mine = opaque_tag(etag);
  auto field = trim(if_none_match);
  if (field == "*") return true;
  if (mine.empty()) return false;
  std::size_t i = 0;
  // #entity-tag: commas may stand inside the quotes, so the list is read
  // tag by tag rather than split.
  while (i < field.size()) {
    while (i < field.size() && (is_ows(field[i]) || field[i] == ',')) ++i;
    if (i == field.size()) break;
    std::size_t start = i;
    if (field.substr(i).starts_with("W/")) i += 2;
    if (i == field.size() || field[i] != '"') return false;
    auto close = field.find('"', i + 1);
    if (close == std::string_view::npos) return false;
    auto theirs = opaque_tag(field.substr(start, close + 1 - start));
    if (theirs.empty()) return false;
    if (theirs == mine) return true;
    i = close + 1;
    while (i < field.size() && is_ows(field[i])) ++i;
    if (i < field.size() && field[i] != ',') return false;
  }
  return false;
}

// --- same-site targets ------------------------------------------------------

namespace {

bool is_unreserved(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
// RFC 3986 pchar without pct-encoded, plus '/'.
bool is_path_char(char c) {
  return is_unreserved(c) || std::string_view("!$&'()*+,;=:@/").find(c) != std::string_view::npos;
}
void append_escaped(std::string& out, std::string_view s, bool (*keep)(char)) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : s) {
    if (keep(c)) {
      out += c;
    } else {
      auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
}

}  // namespace

std::string encode_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  append_escaped(out, path, is_path_char);
  return out;
}

std::string encode_query(const Fields& query) {
  std::string out;
  for (const auto& [k, v] : query.items) {
    if (!out.empty()) out += '&';
    append_escaped(out, k, is_unreserved);
    out += '=';
    append_escaped(out, v, is_unreserved);
  }
  return out;
}

std::string local_target(std::string_view next) {
  if (next.empty() || next[0] != '/') return "/";
  auto q = next.find('?');
  auto path = percent_decode(next.substr(0, q), false);
  if (!path || path->empty() || (*path)[0] != '/' || path->starts_with("//") ||
      path->find('\\') != std::string::npos || !storable_text(*path))
    return "/";
  std::string out = encode_path(*path);
  if (q != std::string_view::npos) {
    auto query = parse_urlencoded(next.substr(q + 1));
    if (!query) return "/";
    if (!query->items.empty()) out += '?' + encode_query(*query);
  }
  return out;
}

std::string return_target(std::string_view next) {
  auto control = [](std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u < 0x20 || u == 0x7f;
    });
  };
  if (control(next)) return "/";
  auto q = next.find('?');
  auto path = percent_decode(next.substr(0, q), false);
  if (!path || control(*path)) return "/";
  if (q != std::string_view::npos) {
    auto query = parse_urlencoded(next.substr(q + 1));
    if (!query) return "/";
    for (const auto& [k, v] : query->items)
      if (control(k) || control(v)) return "/";
  }
  return local_target(next);
}

// --- the head of a request ----------------------------------------------------

bool plain_header_block(std::string_view block) {
  for (std::size_t i = 0; i < block.size(); ++i) {
    if (block[i] == '\n') return false;  // an LF that does not follow a CR
    if (block[i] != '\r') continue;
    if (i + 1 == block.size() || block[i + 1] != '\n') return false;
    ++i;
    // Every line after the request line is a field or the empty line.
    if (i + 1 < block.size() && is_ows(block[i + 1])) return false;
  }
  return true;
}

bool chunked_only(std::string_view transfer_encoding) {
  return lower(trim(transfer_encoding)) == "chunked";
}

}  // namespace crm::http

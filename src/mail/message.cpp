#include "mail/message.hpp"

#include "mail/list_unsubscribe.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace crm::mail {
namespace {

// RFC 5322 asks for lines of at most 78 characters; RFC 2047 for at most 76
// on lines holding encoded-words. We keep every header line within 76.
constexpr size_t kHeaderLineLimit = 76;
// RFC 2045: encoded body lines at most 76 characters.
constexpr size_t kBodyLineLimit = 76;
constexpr std::string_view kCrlf = "\r\n";

void init_sodium() {
  // sodium_init() is idempotent and thread-safe; -1 means no usable RNG.
  if (sodium_init() < 0) throw std::runtime_error("sodium_init failed");
}

std::string random_hex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Header values come from users (names, subjects): a CR or LF would start a
// new header, other controls confuse clients. Tabs become spaces; the value is
// trimmed because the header syntax would swallow outer whitespace anyway.
std::string clean_header_value(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c == '\t') {
      out += ' ';
    } else if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    }
  }
  size_t begin = out.find_first_not_of(' ');
  if (begin == std::string::npos) return {};
  size_t end = out.find_last_not_of(' ');
  return out.substr(begin, end - begin + 1);
}

// Addresses are validated by the caller; this only guarantees that whatever
// arrives cannot add headers, recipients or comments.
std::string clean_address(std::string_view s) {
  static constexpr std::string_view kDrop = "<>,;:\"()\\ ";
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f || kDrop.find(static_cast<char>(c)) != std::string_view::npos) {
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

bool is_atext(unsigned char c) {
  static constexpr std::string_view kSpecial = "!#$%&'*+-/=?^_`{|}~";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         kSpecial.find(static_cast<char>(c)) != std::string_view::npos;
}

// dot-atom-text: atext runs separated by single dots (used for both halves of
// the Message-ID).
std::string dot_atom(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (is_atext(c)) {
      out += static_cast<char>(c);
    } else if (c == '.' && !out.empty() && out.back() != '.') {
      out += '.';
    }
  }
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

// Bytes of the UTF-8 sequence starting with `lead`; invalid bytes count as 1
// so that broken input is still split somewhere.
size_t utf8_length(unsigned char lead) {
  if (lead >= 0xf0 && lead < 0xf8) return 4;
  if (lead >= 0xe0) return lead < 0xf0 ? 3 : 1;
  if (lead >= 0xc0) return 2;
  return 1;
}

std::string base64(std::string_view bytes) {
  const size_t len = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(len, '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(len - 1);  // drop the terminating NUL
  return out;
}

// Builds one header field, folding between tokens so that no line exceeds
// kHeaderLineLimit (a single over-long token stays whole: RFC 5322 allows 998).
class HeaderField {
 public:
  explicit HeaderField(std::string_view name) : out_(name), line_len_(name.size() + 1) {
    out_ += ':';
  }

  // Characters left on the current line for one more token after its space.
  size_t room() const {
    return line_len_ + 1 < kHeaderLineLimit ? kHeaderLineLimit - line_len_ - 1 : 0;
  }
  bool has_content() const { return has_content_; }

  void fold() {
    out_ += kCrlf;
    line_len_ = 0;
  }

  void add(std::string_view token) {
    // Never fold before the first token: that would leave "Name:" alone.
    if (has_content_ && token.size() > room()) fold();
    out_ += ' ';
    out_ += token;
    line_len_ += 1 + token.size();
    has_content_ = true;
  }

  // RFC 2047 "B" encoded-words for `text`, each cut at a UTF-8 character
  // boundary (a word must decode on its own) and sized to the line it lands on.
  void add_encoded(std::string_view text) {
    static constexpr std::string_view kPrefix = "=?utf-8?B?";
    static constexpr std::string_view kSuffix = "?=";
    constexpr size_t kOverhead = kPrefix.size() + kSuffix.size();
    size_t pos = 0;
    while (pos < text.size()) {
      size_t first =
          std::min(utf8_length(static_cast<unsigned char>(text[pos])), text.size() - pos);
      auto capacity = [&](size_t room) {
        return room > kOverhead ? (room - kOverhead) / 4 * 3 : 0;
      };
      if (has_content_ && capacity(room()) < first) fold();
      // A line never holds less than 4 bytes' worth, so `take` is at least one
      // character even right after the header name.
      size_t max_bytes = std::max(capacity(room()), first);
      size_t take = first;
      while (pos + take < text.size()) {
        size_t next = utf8_length(static_cast<unsigned char>(text[pos + take]));
        if (take + next > max_bytes) break;
        take += std::min(next, text.size() - pos - take);
      }
      std::string word(kPrefix);
      word += base64(text.substr(pos, take));
      word += kSuffix;
      add(word);
      pos += take;
    }
  }

  std::string finish() && {
    out_ += kCrlf;
    return std::move(out_);
  }

 private:
  std::string out_;
  size_t line_len_;
  bool has_content_ = false;
};

// Plain ASCII text could be mistaken for encoded-words when it contains "=?",
// and words too long to fold would break the line limit: encode those too.
bool needs_encoded_words(std::string_view s) {
  if (!is_ascii(s) || s.find("=?") != std::string_view::npos) return true;
  size_t word = 0;
  for (char c : s) {
    word = c == ' ' ? 0 : word + 1;
    if (word > kHeaderLineLimit - 10) return true;
  }
  return false;
}

void add_text(HeaderField& field, std::string_view text) {
  if (needs_encoded_words(text)) {
    field.add_encoded(text);
    return;
  }
  // Splitting on single spaces and re-joining with single spaces keeps runs
  // of spaces intact; folding happens only at those spaces.
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    field.add(text.substr(pos, end - pos));
    pos = end + 1;
  }
}

std::string unstructured(std::string_view name, std::string_view value) {
  HeaderField field(name);
  std::string clean = clean_header_value(value);
  if (!clean.empty()) add_text(field, clean);
  return std::move(field).finish();
}

std::string mailbox(std::string_view header, std::string_view display_name,
                    std::string_view address) {
  static constexpr std::string_view kSpecials = "()<>[]:;@\\,.\"";
  HeaderField field(header);
  std::string name = clean_header_value(display_name);
  if (!name.empty()) {
    if (needs_encoded_words(name)) {
      field.add_encoded(name);
    } else if (name.find_first_of(kSpecials) != std::string::npos) {
      std::string quoted = "\"";
      for (char c : name) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      quoted += '"';
      if (quoted.size() <= kHeaderLineLimit - header.size() - 2) {
        field.add(quoted);
      } else {
        field.add_encoded(name);  // too long to keep on one line, unfoldable
      }
    } else {
      add_text(field, name);
    }
    field.add("<" + clean_address(address) + ">");
  } else {
    field.add(clean_address(address));
  }
  return std::move(field).finish();
}

// RFC 5322 date-time in UTC, independent of the process locale.
std::string rfc5322_date(int64_t unix_time) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

// Text parts are canonically CRLF (RFC 2046 4.1.1); lone CR or LF become CRLF.
std::string crlf_lines(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 32);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += kCrlf;
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (s[i] == '\n') {
      out += kCrlf;
    } else {
      out += s[i];
    }
  }
  return out;
}

// RFC 2045 6.7. Also encodes a '.' opening a line, so the text survives SMTP
// relays that mishandle dot-stuffing.
std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t line_end = text.find(kCrlf, line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    size_t col = 0;
    for (size_t i = line_start; i < line_end; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      const bool last = i + 1 == line_end;
      const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
      // Soft break before a token that would push the line (plus its '=') past 76.
      const size_t width = literal ? 1 : 3;
      if (col + width > kBodyLineLimit - 1) {
        out += "=\r\n";
        col = 0;
      }
      if (literal && !(c == '.' && col == 0)) {
        out += static_cast<char>(c);
        col += 1;
      } else {
        out += '=';
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
        col += 3;
      }
    }
    if (line_end == text.size()) break;
    out += kCrlf;
    line_start = line_end + kCrlf.size();
  }
  return out;
}

std::string base64_lines(std::string_view bytes) {
  std::string flat = base64(bytes);
  std::string out;
  out.reserve(flat.size() + flat.size() / kBodyLineLimit * 2 + 2);
  for (size_t pos = 0; pos < flat.size(); pos += kBodyLineLimit) {
    if (pos > 0) out += kCrlf;
    out.append(flat, pos, kBodyLineLimit);
  }
  return out;
}

// One MIME entity's headers and body (no trailing CRLF: it belongs to the
// following boundary delimiter, or is added by the caller).
std::string text_part(std::string_view subtype, std::string_view body) {
  std::string canonical = crlf_lines(body);
  std::string qp = quoted_printable(canonical);
  std::string b64 = base64_lines(canonical);
  const bool use_qp = qp.size() <= b64.size();
  std::string out = "Content-Type: text/";
  out += subtype;
  out += "; charset=utf-8\r\nContent-Transfer-Encoding: ";
  out += use_qp ? "quoted-printable" : "base64";
  out += "\r\n\r\n";
  out += use_qp ? qp : b64;
  return out;
}

}  // namespace

namespace {
// The URL as a header may carry it: printable ASCII without what would end
// the angle brackets or the header; a longer one would need folding, which
// URLs do not survive in every mail program, so it is dropped instead.
std::string unsubscribe_url(std::string_view url) {
  std::string out;
  for (char c : url)
    if (c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '"') out += c;
  if (out.size() > 900 || !(out.starts_with("https://") || out.starts_with("http://"))) return {};
  return out;
}
}  // namespace

std::string render(const Message& m, int64_t unix_time) {
  return render(m, unix_time, {});
}

std::string render(const Message& m, int64_t unix_time, std::string_view list_unsubscribe) {
  init_sodium();

  std::string from = clean_address(m.from_address);
  size_t at = from.rfind('@');
  std::string host = at == std::string::npos ? std::string() : dot_atom(from.substr(at + 1));
  if (host.empty()) host = "localhost";
  std::string id_left = dot_atom(m.message_id);
  if (id_left.empty()) id_left = random_hex(16);

  std::string out;
  out += "Date: " + rfc5322_date(unix_time) + "\r\n";
  out += mailbox("From", m.from_name, m.from_address);
  out += mailbox("To", m.to_name, m.to_address);
  out += unstructured("Subject", m.subject);
  out += "Message-ID: <" + id_left + "@" + host + ">\r\n";
  if (std::string url = unsubscribe_url(list_unsubscribe); !url.empty()) {
    out += "List-Unsubscribe: <" + url + ">\r\n";
    out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  out += "MIME-Version: 1.0\r\n";

  if (m.html.empty()) {
    out += text_part("plain", m.text);
    return out;
  }

  // "=_" cannot occur in quoted-printable or base64 output, so the boundary
  // cannot collide with part content whatever the randomness.
  const std::string boundary = "=_crm_" + random_hex(16);
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
  out += kCrlf;
  for (auto [subtype, body] : {std::pair<std::string_view, std::string_view>{"plain", m.text},
                               std::pair<std::string_view, std::string_view>{"html", m.html}}) {
    out += "--" + boundary + "\r\n";
    out += text_part(subtype, body);
    out += kCrlf;
  }
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace crm::mail

// Composing one e-mail as RFC 5322 + MIME text, ready for SMTP DATA.
//
// render() is a pure function of its inputs plus a random MIME boundary (and a
// random Message-ID when none is given): thread-safe, no I/O, no shared state
// except libsodium's RNG, which is itself thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace crm::mail {

struct Message {
  std::string from_address;  // REQUIRES: a validated addr-spec (local@domain)
  std::string from_name;     // display name, any UTF-8; empty = address only
  std::string to_address;    // REQUIRES: a validated addr-spec
  std::string to_name;       // display name, any UTF-8; empty = address only
  std::string subject;       // UTF-8
  std::string text;          // text/plain body, UTF-8, LF or CRLF line ends
  std::string html;          // text/html body, UTF-8; empty = single text/plain message
  // Left part of the Message-ID (the part before '@'); the host is taken from
  // from_address. Empty = random. Characters not allowed there are dropped.
  std::string message_id;
};

// Renders `m` with a Date header for `unix_time` (UTC). The result:
//   - uses CRLF line endings only, no line longer than 78 characters;
//   - headers Date, From, To, Subject, Message-ID, MIME-Version, Content-Type;
//     display names and Subject are RFC 2047 encoded-words (UTF-8, "B") when
//     they are not plain ASCII, quoted strings when they contain specials;
//   - body multipart/alternative (text/plain, then text/html, both
//     charset=utf-8) with a random boundary, or a single text/plain part when
//     m.html is empty; each part is quoted-printable or base64, whichever is
//     shorter (mostly-ASCII text reads better as quoted-printable, Arabic is a
//     third smaller as base64);
//   - header injection is impossible: control characters (CR, LF, ...) are
//     removed from every header value, and whitespace and the characters that
//     would change an address's structure (<>,;:"()\) from the addresses.
// Throws std::runtime_error only when libsodium cannot be initialised.
std::string render(const Message& m, int64_t unix_time);

}  // namespace crm::mail

// libFuzzer target for the request line and headers as the server reads them:
// the raw header block checked first (http::plain_header_block: no obs-fold,
// CRLF only), then Beast's request parser with crm's limits, the transfer
// coding check (chunked alone), then what the server does with the parts
// (target split and percent-decoding, query, cookies, form).
// Built by tests/fuzz/build.sh with Debian's clang.
//
// Checked promises besides the sanitizers': a block the raw check accepts is
// parsed without folding (every field value appears in it as sent), and a
// request whose Transfer-Encoding is accepted is read as chunked.
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/parse.hpp"

namespace bhttp = boost::beast::http;

namespace {

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "request_fuzz: broken promise: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The server reads up to the empty line and checks those bytes first.
  auto end = input.find("\r\n\r\n");
  if (end == std::string_view::npos) return 0;
  auto block = input.substr(0, end + 4);
  if (block.size() > 16 * 1024 || !crm::http::plain_header_block(block)) return 0;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(64 * 1024);
  parser.eager(true);
  boost::system::error_code ec;
  std::size_t used = parser.put(boost::asio::buffer(block.data(), block.size()), ec);
  if (ec || !parser.is_header_done()) return 0;
  const auto& head = parser.get();
  int codings = 0;
  bool coding_ok = true;
  for (const auto& f : head) {
    // No folded line was joined into a value: each is in the block as sent.
    check(block.find(f.value()) != std::string_view::npos, "a field value is not in the block");
    if (f.name() == bhttp::field::transfer_encoding)
      coding_ok = ++codings == 1 && crm::http::chunked_only(f.value());
  }
  // As the server: any Transfer-Encoding but chunked alone (HTTP/1.1) is 400.
  if (codings > 0 && (!coding_ok || head.version() < 11)) return 0;
  if (codings > 0) check(parser.chunked(), "an accepted Transfer-Encoding is not read as chunked");
  // Feed the rest as reads would deliver it: the first half, then all of it;
  // bytes the parser did not consume are offered again with what follows.
  std::size_t offset = used, end_of_input = offset + (size - offset) / 2;
  while (!parser.is_done()) {
    std::size_t n =
        parser.put(boost::asio::buffer(input.data() + offset, end_of_input - offset), ec);
    offset += n;
    if (ec && ec != bhttp::error::need_more) break;
    if (ec || n == 0) {
      ec = {};
      if (end_of_input == size) {
        if (parser.got_some()) parser.put_eof(ec);
        break;
      }
      end_of_input = size;
    }
  }
  const auto& msg = parser.get();
  std::string_view target = msg.target();
  auto q = target.find('?');
  if (auto path = crm::http::percent_decode(target.substr(0, q), false))
    (void)crm::http::valid_utf8(*path);
  if (q != std::string_view::npos) (void)crm::http::parse_urlencoded(target.substr(q + 1));
  for (const auto& f : msg) {
    if (f.name() == bhttp::field::cookie) (void)crm::http::parse_cookies(f.value());
    if (f.name() == bhttp::field::accept_language)
      (void)crm::http::parse_accept_language(f.value());
  }
  if (parser.is_done()) {
    std::string_view type = msg[bhttp::field::content_type];
    auto media = crm::http::media_type(type);
    if (media == "application/x-www-form-urlencoded")
      (void)crm::http::parse_urlencoded(msg.body());
    else if (media == "multipart/form-data")
      (void)crm::http::parse_multipart(msg.body(), type);
  }
  return 0;
}

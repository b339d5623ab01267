// libFuzzer target for the request line and headers as the server reads them:
// Beast's request parser with crm's limits, followed by what the server does
// with the parts (target split and percent-decoding, query, cookies, form).
// Built by tests/fuzz/build.sh with Debian's clang.
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/parse.hpp"

namespace bhttp = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(64 * 1024);
  parser.eager(true);
  boost::system::error_code ec;
  // Feed it as reads would deliver it: the first half, then all of it; bytes
  // the parser did not consume are offered again with what follows.
  std::size_t offset = 0, end = size / 2;
  while (!parser.is_done()) {
    std::size_t n = parser.put(boost::asio::buffer(input.data() + offset, end - offset), ec);
    offset += n;
    if (ec && ec != bhttp::error::need_more) break;
    if (ec || n == 0) {
      ec = {};
      if (end == size) {
        if (parser.got_some()) parser.put_eof(ec);
        break;
      }
      end = size;
    }
  }
  if (!parser.is_header_done()) return 0;
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

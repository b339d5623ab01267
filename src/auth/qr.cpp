#include "auth/qr.hpp"

#include "web/html.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace crm::auth {
namespace {

constexpr int kQuietZone = 4;  // modules; ISO/IEC 18004 minimum

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

std::string qr_svg(std::string_view text, int pixels, std::string_view label) {
  // QRcode_encodeData (not encodeString8bit) takes a length, so the text need
  // not be NUL-terminated and may contain NUL; it is the same 8-bit mode.
  errno = 0;
  std::unique_ptr<QRcode, QrFree> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    const int err = errno;
    throw std::runtime_error(std::string("libqrencode: ") +
                             (err != 0 ? std::strerror(err) : "encoding failed"));
  }

  const int width = code->width;
  const int size = width + 2 * kQuietZone;
  const std::string n = std::to_string(size);
  const std::string px = std::to_string(pixels);

  std::string svg;
  svg.reserve(static_cast<std::size_t>(width) * width * 3 + 400);
  svg += R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )" + n + " " + n + R"(" width=")" +
         px + R"(" height=")" + px + R"(" role="img")";
  if (!label.empty()) {
    svg += R"( aria-label=")";
    web::escape_into(svg, label);
    svg += '"';
  }
  svg += R"( shape-rendering="crispEdges"><rect width=")" + n + R"(" height=")" + n +
         R"(" fill="#fff"/><path fill="currentColor" d=")";
  // One rectangle per horizontal run of dark modules keeps the path short.
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = code->data + static_cast<std::size_t>(y) * width;
    for (int x = 0; x < width;) {
      if ((row[x] & 1) == 0) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < width && (row[x] & 1) != 0) ++x;
      const std::string run = std::to_string(x - start);
      svg += 'M' + std::to_string(start + kQuietZone) + ' ' + std::to_string(y + kQuietZone) + 'h' +
             run + "v1h-" + run + 'z';
    }
  }
  svg += R"("/></svg>)";
  return svg;
}

}  // namespace crm::auth

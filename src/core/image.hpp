// Photos people upload (a post's attachments, a profile photo). The small
// copy of a photo, so that a phone on a slow or metered connection never
// loads a 5 MB original: at most kSmallSide pixels
// on the long side, JPEG at quality 75, turned upright by its EXIF
// orientation and stripped of every metadata (GPS position, camera, date).
//
// Only the three photo formats crm accepts are decoded, each by its own
// libvips loader (never the generic one, which could reach ImageMagick or
// other codecs), and an image of more than kMaxPixels pixels is refused before
// its pixels are decoded: a tiny PNG can claim 100,000 × 100,000 pixels.
//
// Thread safety: libvips is started once per process on first use (a
// once-flag; no other state), and its operation cache is switched off so
// that no request's bytes outlive it. Any number of threads may call
// small_copy() at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm::image {

inline constexpr int kSmallSide = 640;
inline constexpr int64_t kMaxPixels = 50'000'000;  // a 50-megapixel phone photo

struct Small {
  std::string bytes;         // a JPEG
  std::string content_type;  // "image/jpeg"
  int width = 0, height = 0;
  int orientation = 1;  // the original's EXIF orientation (1–8; 1 when it has none)
};

// The small copy of `bytes`, whose type `mime` was sniffed (image/jpeg,
// image/png or image/webp). nullopt when the bytes cannot be decoded as that
// type, or the image has more than kMaxPixels pixels. A photo already smaller
// than kSmallSide keeps its size (never enlarged) but is still re-encoded
// without metadata.
std::optional<Small> small_copy(std::string_view bytes, std::string_view mime);

// A photo made from pixels, for the demo's and the tests' photos (nothing can
// be downloaded): `rgb` holds width·height·3 bytes, row by row. `mime` is
// image/jpeg, image/png or image/webp. `orientation` (1–8) and `description`
// (non-empty) are written into the file's EXIF, as a camera does. Throws
// std::runtime_error when libvips fails.
std::string encode(const std::string& rgb, int width, int height, std::string_view mime,
                   int orientation = 1, const std::string& description = {});

}  // namespace crm::image

#include "core/image.hpp"

#include <vips/vips.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace crm::image {

namespace {

void start_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("crm") != 0) throw std::runtime_error("libvips cannot start");
    // A cached operation would keep a pointer to a request's upload buffer
    // after the request freed it; every photo is seen once anyway.
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    // Pages are served by a fixed pool of workers: one photo must not spawn
    // a thread per core on top of it.
    vips_concurrency_set(1);
  });
}

struct Unref {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// The photo's header only (libvips reads pixels lazily); `shrink` > 1 lets
// the JPEG decoder scale down by 2, 4 or 8 while decoding.
Image load(std::string_view bytes, std::string_view mime, int shrink) {
  VipsImage* out = nullptr;
  void* buf = const_cast<char*>(bytes.data());
  int rc = -1;
  if (mime == "image/jpeg")
    rc = vips_jpegload_buffer(buf, bytes.size(), &out, "shrink", shrink, "access",
                              VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_TRUNCATED, nullptr);
  else if (mime == "image/png")
    rc = vips_pngload_buffer(buf, bytes.size(), &out, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                             VIPS_FAIL_ON_TRUNCATED, nullptr);
  else if (mime == "image/webp")
    rc = vips_webpload_buffer(buf, bytes.size(), &out, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on",
                              VIPS_FAIL_ON_TRUNCATED, nullptr);
  if (rc != 0) {
    vips_error_clear();
    return nullptr;
  }
  return Image(out);
}

// One libvips step: nullptr (and the error buffer cleared) when it failed.
template <class F>
Image step(F&& f) {
  VipsImage* out = nullptr;
  if (f(&out) != 0) {
    if (out) g_object_unref(out);
    vips_error_clear();
    return nullptr;
  }
  return Image(out);
}

}  // namespace

std::optional<Small> small_copy(std::string_view bytes, std::string_view mime) {
  start_vips();
  Image header = load(bytes, mime, 1);
  if (!header) return std::nullopt;
  const int64_t w = vips_image_get_width(header.get()), h = vips_image_get_height(header.get());
  if (w <= 0 || h <= 0 || w * h > kMaxPixels) return std::nullopt;
  const int orientation = vips_image_get_orientation(header.get());

  // Decoding a 12-megapixel JPEG at an eighth of its size costs a sixty-fourth.
  int shrink = 1;
  if (mime == "image/jpeg")
    while (shrink < 8 && std::max(w, h) / (shrink * 2) >= kSmallSide) shrink *= 2;
  Image in = shrink == 1 ? std::move(header) : load(bytes, mime, shrink);
  if (!in) return std::nullopt;

  Image upright = step([&](VipsImage** o) { return vips_autorot(in.get(), o, nullptr); });
  if (!upright) return std::nullopt;
  Image small = step([&](VipsImage** o) {
    return vips_thumbnail_image(upright.get(), o, kSmallSide, "height", kSmallSide, "size",
                                VIPS_SIZE_DOWN, nullptr);
  });
  if (!small) return std::nullopt;
  // JPEG has no transparency: a PNG's transparent parts become white, not black.
  if (vips_image_hasalpha(small.get())) {
    VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
    small = step(
        [&](VipsImage** o) { return vips_flatten(small.get(), o, "background", white, nullptr); });
    vips_area_unref(VIPS_AREA(white));
    if (!small) return std::nullopt;
  }
  Image srgb = step([&](VipsImage** o) {
    return vips_colourspace(small.get(), o, VIPS_INTERPRETATION_sRGB, nullptr);
  });
  if (!srgb) return std::nullopt;
  Image eight =
      step([&](VipsImage** o) { return vips_cast(srgb.get(), o, VIPS_FORMAT_UCHAR, nullptr); });
  if (!eight) return std::nullopt;

  void* out = nullptr;
  size_t size = 0;
  if (vips_jpegsave_buffer(eight.get(), &out, &size, "Q", 75, "strip", TRUE, "optimize_coding",
                           TRUE, "interlace", TRUE, nullptr) != 0) {
    vips_error_clear();
    return std::nullopt;
  }
  Small s;
  s.bytes.assign(static_cast<const char*>(out), size);
  g_free(out);
  s.content_type = "image/jpeg";
  s.width = vips_image_get_width(eight.get());
  s.height = vips_image_get_height(eight.get());
  s.orientation = orientation;
  return s;
}

std::string encode(const std::string& rgb, int width, int height, std::string_view mime,
                   int orientation, const std::string& description) {
  start_vips();
  if (width <= 0 || height <= 0 || rgb.size() != static_cast<std::size_t>(width) * height * 3)
    throw std::runtime_error("image::encode: the pixels do not fit the size");
  Image img(
      vips_image_new_from_memory_copy(rgb.data(), rgb.size(), width, height, 3, VIPS_FORMAT_UCHAR));
  if (!img) throw std::runtime_error("image::encode: libvips cannot take the pixels");
  if (orientation != 1) vips_image_set_int(img.get(), VIPS_META_ORIENTATION, orientation);
  if (!description.empty())
    vips_image_set_string(img.get(), "exif-ifd0-ImageDescription", description.c_str());
  void* out = nullptr;
  size_t size = 0;
  int rc = -1;
  if (mime == "image/jpeg")
    rc = vips_jpegsave_buffer(img.get(), &out, &size, "Q", 85, nullptr);
  else if (mime == "image/png")
    rc = vips_pngsave_buffer(img.get(), &out, &size, nullptr);
  else if (mime == "image/webp")
    rc = vips_webpsave_buffer(img.get(), &out, &size, "Q", 85, nullptr);
  if (rc != 0) {
    std::string why = vips_error_buffer();
    vips_error_clear();
    throw std::runtime_error("image::encode: " + why);
  }
  std::string bytes(static_cast<const char*>(out), size);
  g_free(out);
  return bytes;
}

}  // namespace crm::image

#include "core/photo_metadata.hpp"

#include <libdeflate.h>

#include <array>
#include <cstdint>

namespace crm::photo {

namespace {

using std::string_view;

uint8_t at(string_view b, std::size_t i) {
  return static_cast<uint8_t>(b[i]);
}
uint32_t be16(string_view b, std::size_t i) {
  return (uint32_t{at(b, i)} << 8) | at(b, i + 1);
}
uint32_t be32(string_view b, std::size_t i) {
  return (be16(b, i) << 16) | be16(b, i + 2);
}
uint32_t le32(string_view b, std::size_t i) {
  return uint32_t{at(b, i)} | (uint32_t{at(b, i + 1)} << 8) | (uint32_t{at(b, i + 2)} << 16) |
         (uint32_t{at(b, i + 3)} << 24);
}
void put_be32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}
void put_le32(std::string& out, uint32_t v) {
  for (int shift = 0; shift <= 24; shift += 8) out += static_cast<char>((v >> shift) & 0xFF);
}

bool upright_needs_exif(int orientation) {
  return orientation >= 2 && orientation <= 8;
}

// A TIFF structure (big-endian) with one IFD holding one tag: Orientation
// (0x0112, SHORT, 1 value). 26 bytes.
std::string orientation_tiff(int orientation) {
  const std::array<unsigned char, 26> t = {
      'M',  'M',  0, 42, 0, 0, 0, 8,                                                    // header
      0,    1,                                                                          // one entry
      0x01, 0x12, 0, 3,  0, 0, 0, 1, 0, static_cast<unsigned char>(orientation), 0, 0,  // tag
      0,    0,    0, 0};  // no next IFD
  return std::string(reinterpret_cast<const char*>(t.data()), t.size());
}

// ------------------------------------------------------------------ JPEG

bool starts(string_view body, string_view prefix) {
  return body.substr(0, prefix.size()) == prefix;
}

bool keep_jpeg_segment(uint8_t marker, string_view body) {
  if (marker == 0xFE) return false;  // comment
  if (marker < 0xE0 || marker > 0xEF) return true;
  if (marker == 0xE0)
    return starts(body, string_view("JFIF\0", 5)) || starts(body, string_view("JFXX\0", 5));
  if (marker == 0xE2) return starts(body, string_view("ICC_PROFILE\0", 12));
  if (marker == 0xEE) return starts(body, "Adobe");
  return false;
}

std::optional<std::string> jpeg(string_view b, int orientation) {
  if (b.size() < 4 || at(b, 0) != 0xFF || at(b, 1) != 0xD8) return std::nullopt;
  std::string out;
  out.reserve(b.size());
  out.append("\xFF\xD8", 2);
  bool exif_due = upright_needs_exif(orientation);
  bool scanned = false;
  std::size_t i = 2;
  for (;;) {
    // At a marker: 0xFF, any number of fill bytes, the marker's code.
    if (i >= b.size() || at(b, i) != 0xFF) return std::nullopt;
    while (i < b.size() && at(b, i) == 0xFF) ++i;
    if (i >= b.size()) return std::nullopt;
    const uint8_t m = at(b, i++);
    if (m == 0xD9) {  // end of image: whatever follows is not the picture
      if (!scanned) return std::nullopt;
      out.append("\xFF\xD9", 2);
      return out;
    }
    if (m == 0x00 || m == 0xD8) return std::nullopt;
    if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {  // markers without a length
      out += '\xFF';
      out += static_cast<char>(m);
      continue;
    }
    if (i + 2 > b.size()) return std::nullopt;
    const std::size_t len = be16(b, i);
    if (len < 2 || i + len > b.size()) return std::nullopt;
    if (exif_due && m != 0xE0) {  // after JFIF's APP0, before anything else
      const std::string tiff = orientation_tiff(orientation);
      out.append("\xFF\xE1", 2);
      out += static_cast<char>(0);
      out += static_cast<char>(2 + 6 + tiff.size());
      out.append("Exif\0\0", 6);
      out += tiff;
      exif_due = false;
    }
    if (keep_jpeg_segment(m, b.substr(i + 2, len - 2))) {
      out += '\xFF';
      out += static_cast<char>(m);
      out.append(b.substr(i, len));
    }
    i += len;
    if (m != 0xDA) continue;
    // A scan's entropy-coded data runs to the next marker that is neither a
    // stuffed 0xFF 0x00 nor a restart marker.
    scanned = true;
    const std::size_t start = i;
    for (;;) {
      if (i + 1 >= b.size()) return std::nullopt;
      if (at(b, i) != 0xFF) {
        ++i;
        continue;
      }
      const uint8_t next = at(b, i + 1);
      if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
        i += 2;
        continue;
      }
      if (next == 0xFF) {  // a fill byte before the marker
        ++i;
        continue;
      }
      break;
    }
    out.append(b.substr(start, i - start));
  }
}

// ------------------------------------------------------------------- PNG

constexpr string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

bool keep_png_chunk(string_view type) {
  static constexpr std::array<string_view, 16> kKept = {
      "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB",
      "iCCP", "cICP", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT"};
  for (auto k : kKept)
    if (type == k) return true;
  return false;
}

std::optional<std::string> png(string_view b, int orientation) {
  if (!starts(b, kPngSignature)) return std::nullopt;
  std::string out(kPngSignature);
  out.reserve(b.size());
  bool image = false, first = true;
  std::size_t i = kPngSignature.size();
  for (;;) {
    if (i + 12 > b.size()) return std::nullopt;
    const uint32_t len = be32(b, i);
    if (len > 0x7FFFFFFFu || len > b.size() - i - 12) return std::nullopt;
    const string_view type = b.substr(i + 4, 4);
    const bool header = first;
    if (header && type != "IHDR") return std::nullopt;
    first = false;
    if (keep_png_chunk(type)) out.append(b.substr(i, 12 + std::size_t{len}));
    i += 12 + std::size_t{len};
    if (type == "IDAT") image = true;
    if (type == "IEND") return image ? std::optional(std::move(out)) : std::nullopt;
    if (header && upright_needs_exif(orientation)) {  // right after IHDR
      const std::string chunk = "eXIf" + orientation_tiff(orientation);
      put_be32(out, static_cast<uint32_t>(chunk.size() - 4));
      out += chunk;
      put_be32(out, libdeflate_crc32(0, chunk.data(), chunk.size()));
    }
  }
}

// ------------------------------------------------------------------ WebP

bool keep_webp_chunk(string_view fourcc) {
  static constexpr std::array<string_view, 7> kKept = {"VP8 ", "VP8L", "VP8X", "ALPH",
                                                       "ANIM", "ANMF", "ICCP"};
  for (auto k : kKept)
    if (fourcc == k) return true;
  return false;
}

std::optional<std::string> webp(string_view b, int orientation) {
  if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WEBP") return std::nullopt;
  const uint32_t riff = le32(b, 4);
  if (riff < 4 || riff > b.size() - 8) return std::nullopt;
  const std::size_t end = 8 + std::size_t{riff};
  std::string out(b.substr(0, 12));
  out.reserve(b.size());
  std::size_t flags_at = 0;  // of VP8X's flags byte in `out`; 0: no VP8X
  bool image = false;
  std::size_t i = 12;
  while (i < end) {
    if (i + 8 > end) return std::nullopt;
    const string_view fourcc = b.substr(i, 4);
    const std::size_t size = le32(b, i + 4);
    if (size > end - i - 8) return std::nullopt;
    const std::size_t padded = std::min(size + (size & 1), end - i - 8);
    if (keep_webp_chunk(fourcc)) {
      if (fourcc == "VP8X") {
        if (size < 10 || flags_at != 0) return std::nullopt;
        flags_at = out.size() + 8;
      }
      if (fourcc == "VP8 " || fourcc == "VP8L" || fourcc == "ANMF") image = true;
      out.append(b.substr(i, 8 + padded));
      if (padded < size + (size & 1)) out += '\0';  // the last chunk's missing pad byte
    }
    i += 8 + padded;
  }
  if (!image) return std::nullopt;
  if (flags_at != 0) {
    auto flags = static_cast<uint8_t>(out[flags_at]);
    flags &= static_cast<uint8_t>(~(0x08u | 0x04u));  // EXIF, XMP
    if (upright_needs_exif(orientation)) {
      flags |= 0x08u;
      const std::string tiff = orientation_tiff(orientation);
      out += "EXIF";
      put_le32(out, static_cast<uint32_t>(tiff.size()));
      out += tiff;  // 26 bytes: even, no pad
    }
    out[flags_at] = static_cast<char>(flags);
  }
  const std::size_t body = out.size() - 8;
  std::string size_field;
  put_le32(size_field, static_cast<uint32_t>(body));
  out.replace(4, 4, size_field);
  return out;
}

}  // namespace

std::optional<std::string> without_metadata(std::string_view bytes, std::string_view mime,
                                            int orientation) {
  if (mime == "image/jpeg") return jpeg(bytes, orientation);
  if (mime == "image/png") return png(bytes, orientation);
  if (mime == "image/webp") return webp(bytes, orientation);
  return std::nullopt;
}

}  // namespace crm::photo

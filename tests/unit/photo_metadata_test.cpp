// A photo's original without its metadata (core/photo_metadata.hpp): what
// a camera writes (here a caption standing for a GPS position) is gone from
// JPEG, PNG and WebP, the picture decodes to the same size, its orientation
// survives, and broken files are refused rather than passed on.
#include <gtest/gtest.h>
#include <zlib.h>

#include "core/image.hpp"
#include "core/photo_metadata.hpp"
#include "unit/support/gradient.hpp"

namespace crm::spaces {
namespace {

constexpr const char* kSecret = "crm-secret-home-36.19N-44.01E";

using test::gradient;

// libvips writes no metadata into a PNG: a camera app's chunks, put after
// IHDR by hand — a caption (tEXt) and an EXIF (eXIf) with an orientation and
// the caption again.
std::string png_chunk(const std::string& type, const std::string& data) {
  std::string c;
  for (int shift = 24; shift >= 0; shift -= 8)
    c += static_cast<char>((data.size() >> shift) & 0xFF);
  c += type + data;
  const std::string crc_input = type + data;
  const auto crc = ::crc32(0L, reinterpret_cast<const Bytef*>(crc_input.data()),
                           static_cast<uInt>(crc_input.size()));
  for (int shift = 24; shift >= 0; shift -= 8) c += static_cast<char>((crc >> shift) & 0xFF);
  return c;
}

std::string png_from_a_camera(const std::string& png, int orientation) {
  // TIFF, little-endian: IFD0 with Orientation and ImageDescription.
  const std::string secret(kSecret);
  std::string tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, 2, 0};
  tiff += std::string("\x12\x01\x03\x00\x01\x00\x00\x00", 8) + static_cast<char>(orientation) +
          std::string(3, '\0');
  const auto at = static_cast<char>(8 + 2 + 2 * 12 + 4);
  tiff += std::string("\x0e\x01\x02\x00", 4) + static_cast<char>(secret.size() + 1) +
          std::string(3, '\0') + at + std::string(3, '\0');
  tiff += std::string(4, '\0') + secret + '\0';
  const std::size_t after_ihdr = 8 + 12 + 13;
  return png.substr(0, after_ihdr) + png_chunk("eXIf", tiff) +
         png_chunk("tEXt", "Comment" + std::string(1, '\0') + secret) + png.substr(after_ihdr);
}

std::string photo_from_a_camera(const std::string& mime, int orientation) {
  if (mime == "image/png")
    return png_from_a_camera(image::encode(gradient(800, 600), 800, 600, mime), orientation);
  return image::encode(gradient(800, 600), 800, 600, mime, orientation, kSecret);
}

class PhotoMetadata : public ::testing::TestWithParam<const char*> {};

TEST_P(PhotoMetadata, TheCaptionGoesTheOrientationStaysThePictureIsTheSame) {
  const std::string mime = GetParam();
  for (int orientation : {1, 6}) {
    SCOPED_TRACE("orientation " + std::to_string(orientation));
    const auto photo = photo_from_a_camera(mime, orientation);
    ASSERT_NE(photo.find(kSecret), std::string::npos) << "the camera's EXIF is there to begin with";
    auto clean = photo::without_metadata(photo, mime, orientation);
    ASSERT_TRUE(clean.has_value());
    EXPECT_EQ(clean->find(kSecret), std::string::npos);
    EXPECT_LE(clean->size(), photo.size());
    if (orientation == 1) {
      for (const char* exif : {"Exif", "eXIf", "EXIF"})
        EXPECT_EQ(clean->find(exif), std::string::npos) << "no EXIF at all when upright";
    }

    auto before = image::small_copy(photo, mime), after = image::small_copy(*clean, mime);
    ASSERT_TRUE(before.has_value());
    ASSERT_TRUE(after.has_value()) << "still a photo of its type";
    EXPECT_EQ(after->orientation, orientation);
    EXPECT_EQ(after->width, before->width);
    EXPECT_EQ(after->height, before->height);
    EXPECT_EQ(after->bytes, before->bytes) << "the same pixels";

    EXPECT_EQ(photo::without_metadata(*clean, mime, orientation), clean) << "idempotent";
  }
}

INSTANTIATE_TEST_SUITE_P(Types, PhotoMetadata,
                         ::testing::Values("image/jpeg", "image/png", "image/webp"));

TEST(PhotoMetadataJpeg, CommentsVendorSegmentsAndWhatFollowsTheImageGo) {
  const auto jpeg = image::encode(gradient(64, 48), 64, 48, "image/jpeg");
  auto segment = [](unsigned char marker, const std::string& body) {
    std::string s = {'\xFF', static_cast<char>(marker), static_cast<char>((body.size() + 2) >> 8),
                     static_cast<char>((body.size() + 2) & 0xFF)};
    return s + body;
  };
  std::string dressed = jpeg.substr(0, 2) + segment(0xFE, "comment: at home") +
                        segment(0xED, "Photoshop 3.0 IPTC city") +
                        segment(0xE2, std::string("MPF\0", 4) + "second picture") + jpeg.substr(2) +
                        "MotionPhoto_Data with a video of the street";
  auto clean = photo::without_metadata(dressed, "image/jpeg");
  ASSERT_TRUE(clean.has_value());
  EXPECT_EQ(*clean, *photo::without_metadata(jpeg, "image/jpeg"));
  for (const char* gone : {"comment", "IPTC", "MPF", "MotionPhoto"})
    EXPECT_EQ(clean->find(gone), std::string::npos) << gone;
  EXPECT_EQ(clean->substr(clean->size() - 2), "\xFF\xD9");

  // An ICC profile is how the colours look: it stays.
  std::string icc =
      jpeg.substr(0, 2) + segment(0xE2, std::string("ICC_PROFILE\0", 12) + "\1\1") + jpeg.substr(2);
  EXPECT_NE(photo::without_metadata(icc, "image/jpeg")->find("ICC_PROFILE"), std::string::npos);
}

TEST(PhotoMetadata, BrokenFilesAndOtherTypesAreRefused) {
  for (const char* mime : {"image/jpeg", "image/png", "image/webp"}) {
    SCOPED_TRACE(mime);
    const auto photo = image::encode(gradient(64, 48), 64, 48, mime);
    EXPECT_TRUE(photo::without_metadata(photo, mime).has_value());
    EXPECT_FALSE(photo::without_metadata(photo.substr(0, photo.size() / 2), mime).has_value())
        << "cut short";
    EXPECT_FALSE(photo::without_metadata(photo.substr(0, 20), mime).has_value());
    EXPECT_FALSE(photo::without_metadata("", mime).has_value());
    EXPECT_FALSE(photo::without_metadata(photo, "image/gif").has_value());
  }
  EXPECT_FALSE(photo::without_metadata(std::string("\xFF\xD8\xFF\xE1\xFF\xFF", 6), "image/jpeg"))
      << "a length past the end";
  EXPECT_FALSE(photo::without_metadata(std::string("\xFF\xD8\xFF\xD9", 4), "image/jpeg"))
      << "no image data";
  const auto png = image::encode(gradient(8, 8), 8, 8, "image/png");
  EXPECT_FALSE(photo::without_metadata(png, "image/jpeg")) << "read as its sniffed type only";
}

}  // namespace
}  // namespace crm::spaces

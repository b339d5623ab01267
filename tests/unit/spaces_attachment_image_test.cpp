// The small copy of a photo (core/image.hpp) and the checks of
// attached files (spaces/attachment_service.hpp check()), without HTTP.
#include <gtest/gtest.h>
#include <zlib.h>

#include "core/file_type.hpp"
#include "core/i18n.hpp"
#include "core/image.hpp"
#include "spaces/attachment_service.hpp"
#include "unit/support/bomb_png.hpp"
#include "unit/support/gradient.hpp"

namespace crm::spaces {
namespace {

using test::gradient;

TEST(SpacesAttachmentImage, ALargePhotoBecomesAtMost640PixelsWithoutMetadata) {
  const auto jpeg =
      image::encode(gradient(1600, 1200), 1600, 1200, "image/jpeg", 1, "crm-secret-place-52.52N");
  ASSERT_NE(jpeg.find("crm-secret-place"), std::string::npos) << "the original carries EXIF";
  auto s = image::small_copy(jpeg, "image/jpeg");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->width, 640);
  EXPECT_EQ(s->height, 480);
  EXPECT_EQ(s->content_type, "image/jpeg");
  EXPECT_EQ(sniff_mime(s->bytes), "image/jpeg");
  EXPECT_LT(s->bytes.size(), jpeg.size());
  EXPECT_EQ(s->bytes.find("crm-secret-place"), std::string::npos);
  EXPECT_EQ(s->bytes.find("Exif"), std::string::npos);
}

TEST(SpacesAttachmentImage, APhotoIsTurnedUprightByItsOrientation) {
  // Orientation 6: the camera was held upright; the pixels lie on their side.
  const auto jpeg = image::encode(gradient(1200, 800), 1200, 800, "image/jpeg", 6);
  auto s = image::small_copy(jpeg, "image/jpeg");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->width, 427);
  EXPECT_EQ(s->height, 640);
}

TEST(SpacesAttachmentImage, PngAndWebpAreReadASmallPhotoIsNotEnlarged) {
  const auto png = image::encode(gradient(300, 200), 300, 200, "image/png");
  auto s = image::small_copy(png, "image/png");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->width, 300);
  EXPECT_EQ(s->height, 200);
  const auto webp = image::encode(gradient(1000, 1000), 1000, 1000, "image/webp");
  auto w = image::small_copy(webp, "image/webp");
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->width, 640);
  EXPECT_EQ(w->height, 640);
}

TEST(SpacesAttachmentImage, BytesThatAreNotThePhotoTheySeemAndBombsAreRefused) {
  EXPECT_FALSE(image::small_copy("just some text", "image/jpeg").has_value());
  const auto png = image::encode(gradient(100, 100), 100, 100, "image/png");
  EXPECT_FALSE(image::small_copy(png, "image/jpeg").has_value())
      << "decoded as its sniffed type only";
  EXPECT_FALSE(image::small_copy(png, "image/gif").has_value());
  const auto bomb = test::bomb_png(20000, 20000);
  EXPECT_LT(bomb.size(), 100'000u);
  EXPECT_EQ(sniff_mime(bomb), "image/png");
  EXPECT_FALSE(image::small_copy(bomb, "image/png").has_value());
}

http::UploadedFile file(std::string name, std::string data) {
  return {"attachments", std::move(name), "application/octet-stream", std::move(data)};
}

TEST(SpacesAttachmentCheck, NamesTheFileThatIsRefused) {
  static const Catalogs cats;
  Tr t(cats, "en");
  auto r = attachments::check({file("notes.jpg", "plain text, not a photo")}, t);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "attachments");
  EXPECT_NE(t.error(r.error()).find("\u2068notes.jpg\u2069"), std::string::npos)
      << t.error(r.error());

  auto empty = attachments::check({file("empty.pdf", "")}, t);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(t.error(empty.error()).find("empty.pdf"), std::string::npos);

  auto exe = attachments::check({file("tool.exe", "MZ\x90")}, t);
  ASSERT_FALSE(exe.ok());
  EXPECT_NE(t.error(exe.error()).find("tool.exe"), std::string::npos);

  const auto png = image::encode(gradient(10, 10), 10, 10, "image/png");
  std::vector<http::UploadedFile> five(5, file("dot.png", png));
  EXPECT_FALSE(attachments::check(five, t).ok());
  std::vector<http::UploadedFile> two(2, file("dot.png", png));
  EXPECT_TRUE(attachments::check(two, t).ok());
  EXPECT_FALSE(attachments::check(two, t, 3).ok()) << "the files already there count";

  auto large = attachments::check(
      {file("big.pdf", "%PDF-1.4\n" + std::string(attachments::kMaxFileBytes, ' '))}, t);
  ASSERT_FALSE(large.ok());
  EXPECT_NE(t.error(large.error()).find("10 MB"), std::string::npos) << t.error(large.error());

  auto bomb = attachments::check({file("bomb.png", test::bomb_png(20000, 20000))}, t);
  ASSERT_FALSE(bomb.ok());
  EXPECT_NE(t.error(bomb.error()).find("bomb.png"), std::string::npos);
}

TEST(SpacesAttachmentCheck, AnEmptyFileInputIsNoFileAndPhotosGetTheirSmallCopy) {
  const auto jpeg = image::encode(gradient(900, 600), 900, 600, "image/jpeg");
  static const Catalogs cats;
  auto r = attachments::check({file("", ""), file("Photo.JPG", jpeg)}, Tr(cats, "ar"));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].content_type, "image/jpeg");
  EXPECT_EQ((*r)[0].width, 640);
  EXPECT_EQ((*r)[0].height, 427);
  EXPECT_FALSE((*r)[0].small_data.empty());
}

}  // namespace
}  // namespace crm::spaces

// Upload sniffing: real bytes of each accepted photo format, and files that
// only pretend to be photos (an ELF executable, a shell script, SVG).
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "core/file_type.hpp"

namespace crm {
namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// A 1×1 PNG, as image editors write it.
const std::string kPng = from_hex(
    "89504e470d0a1a0a0000000d4948445200000001000000010804000000b51c0c020000000b4944415478da63"
    "64600000000600023081d02f0000000049454e44ae426082");
const std::string kJpeg = from_hex("ffd8ffe000104a46494600010100000100010000ffd9");
const std::string kWebp = from_hex("524946461a00000057454250565038200e0000003001009d012a01000100");
// The start of an x86-64 ELF executable (what /bin/true begins with).
const std::string kElf = from_hex(
    "7f454c4602010100000000000000000003003e0001000000d02300000000000040000000000000009083000000"
    "00000000000000400038000d0040001f001e00");

TEST(FileTypeTest, PhotosAreRecognisedByTheirBytes) {
  EXPECT_EQ(sniff_mime(kPng), "image/png");
  EXPECT_EQ(sniff_mime(kJpeg), "image/jpeg");
  EXPECT_EQ(sniff_mime(kWebp), "image/webp");
  for (const auto* bytes : {&kPng, &kJpeg, &kWebp}) EXPECT_TRUE(is_photo_type(sniff_mime(*bytes)));
}

TEST(FileTypeTest, ThingsThatAreNotPhotosAreRejected) {
  EXPECT_FALSE(is_photo_type(sniff_mime(kElf)));
  EXPECT_NE(sniff_mime(kElf).find("application/"), std::string::npos);
  EXPECT_FALSE(is_photo_type(sniff_mime("#!/bin/sh\nrm -rf /\n")));
  EXPECT_FALSE(is_photo_type(sniff_mime("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")));
  EXPECT_FALSE(is_photo_type(sniff_mime("")));
  EXPECT_FALSE(is_photo_type(sniff_mime(kPng.substr(0, 4))));  // a torn header
  EXPECT_FALSE(is_photo_type("image/svg+xml"));
  EXPECT_FALSE(is_photo_type("image/gif"));
}

TEST(FileTypeTest, EachThreadHasItsOwnHandle) {
  std::string a, b;
  std::thread t1([&] { a = sniff_mime(kPng); });
  std::thread t2([&] { b = sniff_mime(kJpeg); });
  t1.join();
  t2.join();
  EXPECT_EQ(a, "image/png");
  EXPECT_EQ(b, "image/jpeg");
}

}  // namespace
}  // namespace crm

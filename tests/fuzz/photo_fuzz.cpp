// libFuzzer target for src/core/photo_metadata.cpp (built by tests/fuzz/build.sh).
//
// The first byte picks the type (low two bits: JPEG, PNG, WebP) and the
// orientation (next bits, 1–8); the rest is the file. Besides the sanitizers'
// checks the target checks what without_metadata() promises: the result
// starts with its type's signature, is never larger than the input plus one
// small EXIF, and cleaning it again changes nothing.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/photo_metadata.hpp"

namespace {

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "photo_fuzz: broken promise: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static constexpr const char* kTypes[] = {"image/jpeg", "image/png", "image/webp", "image/gif"};
  const std::string_view mime = kTypes[data[0] & 3];
  const int orientation = 1 + ((data[0] >> 2) & 7);
  const std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto clean = crm::photo::without_metadata(file, mime, orientation);
  if (!clean) return 0;
  check(mime != "image/gif", "a type it does not know");
  check(clean->size() <= file.size() + 64, "grew by more than one EXIF");
  if (mime == "image/jpeg")
    check(clean->starts_with("\xFF\xD8") && clean->ends_with("\xFF\xD9"), "JPEG frame");
  if (mime == "image/png") check(clean->starts_with("\x89PNG"), "PNG signature");
  if (mime == "image/webp")
    check(clean->starts_with("RIFF") && clean->size() % 2 == 0, "RIFF frame");
  auto again = crm::photo::without_metadata(*clean, mime, orientation);
  check(again.has_value() && *again == *clean, "cleaning twice changes the result");
  return 0;
}

// The original of a photo (attached to a post, or a profile photo), without
// what the camera wrote into it about the person who took it: where (GPS), when, with which phone,
// a caption, a thumbnail of the uncropped picture. Participants come from
// sensitive contexts; a photo of a workshop must not say where their home is.
//
// The file's structure is walked and only what a browser needs to draw the
// picture is copied, byte for byte (no re-encoding: the photo keeps its
// quality and size):
//   JPEG  every segment except APP1–APP15 and comments; of the APPn only APP0
//         (JFIF), APP2 "ICC_PROFILE" and APP14 "Adobe" (the colour transform)
//         stay; anything after the end-of-image marker (appended pictures,
//         motion-photo videos, vendor trailers) is dropped.
//   PNG   the critical chunks and the ancillary ones that change how pixels
//         look (tRNS, gAMA, cHRM, sRGB, iCCP, cICP, sBIT, bKGD, pHYs) and
//         animation (acTL, fcTL, fdAT); text, time and eXIf go; nothing after IEND.
//   WebP  VP8, VP8L, VP8X, ALPH, ANIM, ANMF and ICCP; EXIF, XMP and unknown
//         chunks go (their VP8X flags are cleared).
// When `orientation` is 2–8 a minimal EXIF holding nothing but that
// orientation is written back (JPEG, PNG, and WebP with a VP8X header), so a
// phone photo taken upright is still shown upright.
//
// Pure function of its input, no state: any thread may call it. Kept free of
// libvips and Asio so the fuzzer builds it alone (tests/fuzz/build.sh).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crm::photo {

// `bytes` of type `mime` (image/jpeg, image/png, image/webp) without their
// metadata. nullopt when the structure is broken (a length past the end, no
// image data, no end marker) or the type is another.
std::optional<std::string> without_metadata(std::string_view bytes, std::string_view mime,
                                            int orientation = 1);

}  // namespace crm::photo

// QR codes as inline SVG, for showing an otpauth URI during two-factor setup.
//
// The SVG uses attributes only (no style="" and no <style>), so it renders
// under a Content-Security-Policy without 'unsafe-inline'. Dark modules are
// filled with currentColor on a white background rectangle: the surrounding
// element must set a dark `color` (a light text colour in a dark theme would
// make the code unreadable to scanners).
//
// Thread safety: may be called concurrently from any thread (Debian builds
// libqrencode with its pthread option, which guards its one shared table).
#pragma once

#include <string>
#include <string_view>

namespace crm::auth {

// An <svg> element encoding `text` (bytes, 8-bit mode, error correction level
// M) with a 4-module quiet zone, viewBox in modules, and width and height of
// `pixels`. When `label` is non-empty it becomes the (escaped) aria-label, the
// accessible name of the role="img" element; pass a translated "QR code".
// The result contains only crm's own markup and may be inserted raw.
// REQUIRES: pixels > 0.
// REQUIRES: text is not empty.
// Throws std::runtime_error if libqrencode fails (out of memory, `text`
// longer than a version 40 code can hold, about 2,300 bytes at level M, or
// empty).
std::string qr_svg(std::string_view text, int pixels = 220, std::string_view label = {});

}  // namespace crm::auth

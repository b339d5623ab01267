// The certificate as a PDF: one A4 page in landscape, drawn with cairo's PDF
// surface and laid out by pango (fonts-noto-core through fontconfig), so
// Arabic and any other script in a name is shaped and ordered correctly. The
// text is German and English side by side whatever the reader's language; the
// person's name stands in their own script (its direction found by pango)
// with its Latin form beneath when there is one. A QR code (libqrencode,
// drawn as rectangles with a four-module quiet zone) holds the public
// verification URL, which is also printed with the code.
//
// Thread-safe: no shared state (fontconfig and pango guard their own caches).
#pragma once

#include <string>

#include "certificates/model.hpp"

namespace crm::certificates {

// The PDF's bytes. Throws std::runtime_error when cairo or libqrencode fail
// (out of memory) — never for the content: any text is drawn as it is.
std::string render_pdf(const PdfContent& c);

// "7.5" / "7,5" / "60": ECTS in tenths as a number with `decimal` before the tenth.
std::string ects_text(long tenths, char decimal = '.');

}  // namespace crm::certificates

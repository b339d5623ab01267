// A paper as a PDF: A4 portrait pages drawn with cairo's PDF surface and laid
// out by pango (fonts-noto-core through fontconfig), so Arabic, Turkish and
// any other script is shaped and ordered correctly and pdftotext finds the
// words again. The demo makes its papers' files with it; tests upload them.
//
// Thread-safe: no shared state (fontconfig and pango guard their own caches).
#pragma once

#include <string>
#include <vector>

namespace crm::papers {

struct PdfDocument {
  std::string title, author, subtitle;  // subtitle: cohort, version …
  std::string language;                 // BCP 47 code of the text ("ar", "de" …)
  std::vector<std::string> paragraphs;
};

// The PDF's bytes; new pages as the text needs them. Throws
// std::runtime_error when cairo fails (out of memory).
std::string render_pdf(const PdfDocument& d);

}  // namespace crm::papers

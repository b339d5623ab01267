#include "papers/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>

namespace crm::papers {

namespace {

// A4 portrait in points.
constexpr double kWidth = 595.28, kHeight = 841.89, kMargin = 64;

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct LayoutFree {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

using Layout = std::unique_ptr<PangoLayout, LayoutFree>;

Layout layout(cairo_t* cr, const std::string& s, const char* font, const std::string& language) {
  Layout l(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontFree> desc(pango_font_description_from_string(font));
  pango_layout_set_font_description(l.get(), desc.get());
  pango_layout_set_auto_dir(l.get(), TRUE);
  pango_layout_set_width(l.get(), static_cast<int>((kWidth - 2 * kMargin) * PANGO_SCALE));
  pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  if (!language.empty()) {
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs,
                           pango_attr_language_new(pango_language_from_string(language.c_str())));
    pango_layout_set_attributes(l.get(), attrs);
    pango_attr_list_unref(attrs);
  }
  pango_layout_set_text(l.get(), s.data(), static_cast<int>(s.size()));
  return l;
}

double height_of(PangoLayout* l) {
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

}  // namespace

std::string render_pdf(const PdfDocument& d) {
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(
      cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo: cannot create the PDF surface");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, d.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, d.author.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "crm");
  {
    std::unique_ptr<cairo_t, CairoFree> owner(cairo_create(surface.get()));
    cairo_t* cr = owner.get();
    double y = kMargin;
    auto draw = [&](const std::string& s, const char* font, double gap_after) {
      auto l = layout(cr, s, font, d.language);
      const double h = height_of(l.get());
      if (y + h > kHeight - kMargin && y > kMargin) {
        cairo_show_page(cr);
        y = kMargin;
      }
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
      cairo_move_to(cr, kMargin, y);
      pango_cairo_show_layout(cr, l.get());
      y += h + gap_after;
    };
    draw(d.title, "Noto Serif Bold 20", 12);
    if (!d.author.empty()) draw(d.author, "Noto Sans 12", 4);
    if (!d.subtitle.empty()) draw(d.subtitle, "Noto Sans Italic 10", 24);
    for (const auto& p : d.paragraphs) draw(p, "Noto Serif 11", 10);
    cairo_show_page(cr);
  }
  surface.reset();  // finishes the document into `out`
  if (out.empty()) throw std::runtime_error("cairo: the PDF is empty");
  return out;
}

}  // namespace crm::papers

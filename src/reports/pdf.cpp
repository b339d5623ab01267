#include "reports/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

#include "programme/parity_views.hpp"
#include "reports/views.hpp"

namespace crm::reports {

namespace {

// A4 portrait in points.
constexpr double kWidth = 595.28, kHeight = 841.89;
constexpr double kMargin = 50;

struct CairoSurfaceFree {
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

// Writes down the page, starting a new one when the next block does not fit.
class Writer {
 public:
  Writer(cairo_t* cr, bool rtl) : cr_(cr), rtl_(rtl) {}

  // A paragraph the full width; returns nothing, moves down.
  void paragraph(const std::string& s, const char* font, double gap_after = 4) {
    double h = draw(s, font, kMargin, kWidth - 2 * kMargin, start(), false);
    fit(h);
    draw(s, font, kMargin, kWidth - 2 * kMargin, start(), true);
    y_ += h + gap_after;
  }
  // A row of a table: the first cell `first` points wide at the start side,
  // the others sharing the rest; figures aligned to the end side.
  void row(const std::vector<std::string>& cells, const char* font, double first = 170) {
    if (cells.empty()) return;
    const double rest = kWidth - 2 * kMargin - first;
    const double each = cells.size() > 1 ? rest / static_cast<double>(cells.size() - 1) : rest;
    double h = 0;
    for (size_t i = 0; i < cells.size(); ++i)
      h = std::max(h, draw(cells[i], font, 0, (i == 0 ? first : each) - 6, start(), false));
    fit(h);
    double offset = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
      const double width = i == 0 ? first : each;
      const double x = rtl_ ? kWidth - kMargin - offset - width : kMargin + offset;
      draw(cells[i], font, x + 3, width - 6, i == 0 ? start() : end(), true);
      offset += width;
    }
    y_ += h + 3;
  }
  void space(double h) { y_ += h; }
  void new_page() {
    cairo_show_page(cr_);
    y_ = kMargin;
  }

 private:
  PangoAlignment start() const { return rtl_ ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT; }
  PangoAlignment end() const { return rtl_ ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT; }
  void fit(double h) {
    if (y_ + h > kHeight - kMargin) new_page();
  }
  double draw(const std::string& s, const char* font, double x, double width, PangoAlignment align,
              bool show) {
    std::unique_ptr<PangoLayout, LayoutFree> layout(pango_cairo_create_layout(cr_));
    std::unique_ptr<PangoFontDescription, FontFree> desc(pango_font_description_from_string(font));
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_auto_dir(layout.get(), FALSE);
    PangoContext* pc = pango_layout_get_context(layout.get());
    pango_context_set_base_dir(pc, rtl_ ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    pango_layout_context_changed(layout.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align);
    pango_layout_set_text(layout.get(), s.data(), static_cast<int>(s.size()));
    if (show) {
      cairo_set_source_rgb(cr_, 0.1, 0.1, 0.15);
      cairo_move_to(cr_, x, y_);
      pango_cairo_show_layout(cr_, layout.get());
    }
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  cairo_t* cr_;
  bool rtl_;
  double y_ = kMargin;
};

// User text (a cohort's name) inside the page's text: first-strong isolate.
std::string isolated(const std::string& s) {
  return "\u2068" + s + "\u2069";
}

std::string day(const Tr& t, int64_t utc_midnight) {
  return t.format_in("UTC", "yMMMd", utc_midnight + 43200);
}

}  // namespace

std::string report_pdf(const Report& r, const Tr& t) {
  std::string out;
  std::unique_ptr<cairo_surface_t, CairoSurfaceFree> surface(
      cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight));
  std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
  Writer w(cr.get(), t.rtl());
  std::vector<size_t> shown;
  for (size_t i = 0; i < r.cohorts.size(); ++i)
    if (!r.cohort_filter || r.cohorts[i].id == r.cohort_filter) shown.push_back(i);
  const bool with_total = r.cohort_filter == 0;
  w.paragraph(t("Indicator report"), "Sans Bold 18");
  w.paragraph(isolated(r.programme.name), "Sans 12");
  w.paragraph(t("Period: {from} to {to}",
                {{"from", day(t, r.period.from_day)}, {"to", day(t, r.period.to_day)}}),
              "Sans 10");
  w.paragraph(
      t.plural("Groups of fewer than {n} person are hidden, and so are as many other "
               "figures as it takes that a hidden one cannot be worked out from the totals.",
               "Groups of fewer than {n} people are hidden, and so are as many other "
               "figures as it takes that a hidden one cannot be worked out from the totals.",
               r.threshold),
      "Sans 9", 10);
  for (const auto& f : r.indicators) {
    const bool survey = f.indicator != Indicator::participants;
    w.space(6);
    w.paragraph(t.number(static_cast<long long>(f.indicator)) + ". " +
                    views::indicator_title(t, f.indicator),
                "Sans Bold 13");
    w.paragraph(views::indicator_definition(t, f.indicator), "Sans 9", 6);
    std::vector<std::string> head{t("Cohort"), t("Count")};
    if (survey) head.insert(head.end(), {t("Asked"), t("Answered")});
    w.row(head, "Sans Bold 9");
    for (size_t i : shown) {
      std::vector<std::string> cells{isolated(r.cohorts[i].name),
                                     views::cell_text(t, f.cohorts[i], r.threshold)};
      if (survey)
        cells.insert(cells.end(), {t.number(f.cohort_asked[i]), t.number(f.cohort_answered[i])});
      w.row(cells, "Sans 9");
    }
    if (with_total) {
      std::vector<std::string> cells{t("All cohorts"), views::cell_text(t, f.total, r.threshold)};
      if (survey) cells.insert(cells.end(), {t.number(f.asked), t.number(f.answered)});
      w.row(cells, "Sans Bold 9");
    }
    for (const auto& b : f.breakdowns) {
      w.space(6);
      std::vector<std::string> head{programme::views::dimension_label(t, b.dimension)};
      // As on the page: all cohorts, or the one chosen (the workbook has
      // a column per cohort).
      if (with_total) head.push_back(t("All cohorts"));
      for (size_t i : shown)
        if (!with_total) head.push_back(isolated(r.cohorts[i].name));
      w.row(head, "Sans Bold 8", 130);
      for (const auto& g : b.rows) {
        std::vector<std::string> cells{
            isolated(programme::views::bucket_label(t, b.dimension, g.value))};
        if (with_total) cells.push_back(views::cell_text(t, g.total, r.threshold));
        for (size_t i : shown)
          if (!with_total) cells.push_back(views::cell_text(t, g.cohorts[i], r.threshold));
        w.row(cells, "Sans 8", 130);
      }
    }
  }
  cairo_show_page(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo: the PDF could not be finished");
  return out;
}

}  // namespace crm::reports

#include "certificates/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <stdexcept>
#include <vector>

namespace crm::certificates {

namespace {

// A4 landscape in points.
constexpr double kWidth = 841.89, kHeight = 595.28;
constexpr double kMargin = 56;
constexpr int kQuietZone = 4;  // modules; ISO/IEC 18004 minimum

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
struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Dates stand for days (cohorts start and end at midnight UTC).
std::tm day_of(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm;
}

std::string date_de(int64_t t) {
  static const char* months[] = {"Januar",    "Februar", "März",     "April",
                                 "Mai",       "Juni",    "Juli",     "August",
                                 "September", "Oktober", "November", "Dezember"};
  std::tm d = day_of(t);
  return std::to_string(d.tm_mday) + ". " + months[d.tm_mon] + " " +
         std::to_string(1900 + d.tm_year);
}

std::string date_en(int64_t t) {
  static const char* months[] = {"January",   "February", "March",    "April",
                                 "May",       "June",     "July",     "August",
                                 "September", "October",  "November", "December"};
  std::tm d = day_of(t);
  return std::to_string(d.tm_mday) + " " + months[d.tm_mon] + " " +
         std::to_string(1900 + d.tm_year);
}

// User text inside a sentence keeps its own direction: first-strong isolate.
std::string isolated(const std::string& s) {
  return "\u2068" + s + "\u2069";
}

// Draws `text` in a box `width` wide whose top is at `y`; returns the
// height used. Pango finds the paragraph's direction from its first strong
// character (auto-dir) and shapes every script through fontconfig's fallback.
double text(cairo_t* cr, const std::string& s, const char* font, double x, double y, double width,
            PangoAlignment align, double grey = 0.1, bool draw = true) {
  std::unique_ptr<PangoLayout, LayoutFree> layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontFree> desc(pango_font_description_from_string(font));
  pango_layout_set_font_description(layout.get(), desc.get());
  pango_layout_set_auto_dir(layout.get(), TRUE);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), align);
  pango_layout_set_text(layout.get(), s.data(), static_cast<int>(s.size()));
  if (draw) {
    cairo_set_source_rgb(cr, grey, grey, grey + 0.05);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
  }
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double centred(cairo_t* cr, const std::string& s, const char* font, double y, double grey = 0.1) {
  return text(cr, s, font, kMargin, y, kWidth - 2 * kMargin, PANGO_ALIGN_CENTER, grey);
}

// The QR code of `url` as dark squares on white, its quiet zone included,
// `size` points wide with its top left corner at (x, y).
void qr(cairo_t* cr, const std::string& url, double x, double y, double size) {
  errno = 0;
  std::unique_ptr<QRcode, QrFree> code(
      QRcode_encodeData(static_cast<int>(url.size()),
                        reinterpret_cast<const unsigned char*>(url.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    const int err = errno;
    throw std::runtime_error(std::string("libqrencode: ") +
                             (err != 0 ? std::strerror(err) : "encoding failed"));
  }
  const int modules = code->width + 2 * kQuietZone;
  const double m = size / modules;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < code->width; ++row)
    for (int col = 0; col < code->width; ++col)
      if (code->data[static_cast<std::size_t>(row) * code->width + col] & 1)
        cairo_rectangle(cr, x + (col + kQuietZone) * m, y + (row + kQuietZone) * m, m, m);
  cairo_fill(cr);
}

std::string title_of(const ModuleLine& m, bool german) {
  const std::string& first = german ? m.title_de : m.title_en;
  return first.empty() ? (german ? m.title_en : m.title_de) : first;
}

}  // namespace

std::string ects_text(long tenths, char decimal) {
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10 != 0) s += decimal + std::to_string(tenths % 10);
  return s;
}

std::string render_pdf(const PdfContent& c) {
  std::string out;
  std::unique_ptr<cairo_surface_t, CairoSurfaceFree> surface(
      cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo: cannot create a PDF surface");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 ("Zertifikat / Certificate " + c.code).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "crm");
  {
    std::unique_ptr<cairo_t, CairoFree> cr_owner(cairo_create(surface.get()));
    cairo_t* cr = cr_owner.get();

    // A frame, inset.
    cairo_set_source_rgb(cr, 0.16, 0.29, 0.45);
    cairo_set_line_width(cr, 2);
    cairo_rectangle(cr, 24, 24, kWidth - 48, kHeight - 48);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 0.6);
    cairo_rectangle(cr, 30, 30, kWidth - 60, kHeight - 60);
    cairo_stroke(cr);

    // The foot, fixed at the bottom: the QR code at the end, the dates and
    // the verification beside it. Everything above must end before it.
    const double qr_size = 88;
    const double qr_top = kHeight - kMargin - qr_size + 12;
    const double foot_top = kHeight - kMargin - 50;
    const double foot_width = kWidth - 2 * kMargin - qr_size - 16;
    qr(cr, c.verify_url, kWidth - kMargin - qr_size + 8, qr_top, qr_size);
    double fy = foot_top;
    fy += text(cr,
               "Abgeschlossen am · Completed on: " + date_de(c.completed_on) + " · " +
                   date_en(c.completed_on),
               "Noto Sans 8.5", kMargin, fy, foot_width, PANGO_ALIGN_LEFT, 0.25);
    fy += text(cr,
               "Ausgestellt am · Issued on: " + date_de(c.issued_at) + " · " + date_en(c.issued_at),
               "Noto Sans 8.5", kMargin, fy, foot_width, PANGO_ALIGN_LEFT, 0.25) +
          3;
    fy += text(cr, "Prüfcode · Verification code: " + c.code, "Noto Sans Bold 9.5", kMargin, fy,
               foot_width, PANGO_ALIGN_LEFT, 0.1);
    text(cr, c.verify_url, "Noto Sans 8.5", kMargin, fy, foot_width, PANGO_ALIGN_LEFT, 0.25);

    double y = 46;
    std::string programme = c.programme_de;
    if (!c.programme_en.empty() && c.programme_en != c.programme_de)
      programme += (programme.empty() ? "" : " · ") + c.programme_en;
    y += centred(cr, programme, "Noto Sans 11", y, 0.3) + 6;
    y += centred(cr, "Zertifikat", "Noto Serif Bold 26", y, 0.12);
    y += centred(cr, "Certificate", "Noto Serif Italic 14", y, 0.35) + 8;
    y += centred(cr, "Hiermit wird bestätigt, dass · This is to certify that", "Noto Sans 10", y,
                 0.3) +
         4;
    // The name alone in its layout: pango orders and shapes it as the
    // person's own script needs (right to left for Arabic).
    y += centred(cr, c.name, "Noto Sans Bold 26", y, 0.05);
    if (!c.name_latin.empty() && c.name_latin != c.name)
      y += centred(cr, c.name_latin, "Noto Sans 14", y, 0.3);
    y += 8;

    const std::string dates_de = date_de(c.cohort_starts_on) + " – " + date_de(c.cohort_ends_on);
    const std::string dates_en = date_en(c.cohort_starts_on) + " – " + date_en(c.cohort_ends_on);
    const std::string ects_de = ects_text(c.ects_tenths, ',');
    const std::string ects_en = ects_text(c.ects_tenths, '.');
    const double half = (kWidth - 2 * kMargin - 24) / 2;
    double h1 = text(
        cr,
        "hat das Programm " + isolated(c.programme_de.empty() ? c.programme_en : c.programme_de) +
            ", " + isolated(c.cohort) + " (" + dates_de +
            "), erfolgreich abgeschlossen und dabei " + ects_de + " ECTS-Punkte erworben.",
        "Noto Sans 10", kMargin, y, half, PANGO_ALIGN_LEFT, 0.15);
    double h2 =
        text(cr,
             "has successfully completed the programme " +
                 isolated(c.programme_en.empty() ? c.programme_de : c.programme_en) + ", " +
                 isolated(c.cohort) + " (" + dates_en + "), earning " + ects_en + " ECTS credits.",
             "Noto Sans 10", kMargin + half + 24, y, half, PANGO_ALIGN_LEFT, 0.15);
    y += std::max(h1, h2) + 8;

    if (!c.modules.empty()) {
      y += text(cr, "Module · Modules", "Noto Sans Bold 9", kMargin, y, kWidth - 2 * kMargin,
                PANGO_ALIGN_LEFT, 0.2) +
           3;
      // Two columns, filled down then across, in the largest type that fits
      // above the foot; what still does not fit is counted, not drawn over it.
      const double limit = qr_top - 6;
      std::vector<std::string> lines;
      for (const auto& m : c.modules) {
        std::string de = title_of(m, true), en = title_of(m, false);
        std::string line = isolated(de);
        if (en != de) line += " / " + isolated(en);
        lines.push_back(line + " — " + ects_text(m.ects_tenths, '.') + " ECTS");
      }
      const std::size_t per_column = (lines.size() + 1) / 2;
      const char* font = "Noto Sans 6.5";
      for (const char* f : {"Noto Sans 8.5", "Noto Sans 7.5"}) {
        double col_y[2] = {y, y};
        for (std::size_t i = 0; i < lines.size(); ++i) {
          const int col = i < per_column ? 0 : 1;
          col_y[col] += text(cr, lines[i], f, 0, 0, half, PANGO_ALIGN_LEFT, 0, false) + 1;
        }
        if (std::max(col_y[0], col_y[1]) <= limit) {
          font = f;
          break;
        }
      }
      double col_y[2] = {y, y};
      std::size_t left_out = 0;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const int col = i < per_column ? 0 : 1;
        const double x = kMargin + col * (half + 24);
        const double h = text(cr, lines[i], font, x, col_y[col], half, PANGO_ALIGN_LEFT, 0, false);
        if (col_y[col] + h > limit) {
          ++left_out;
          continue;
        }
        col_y[col] += text(cr, lines[i], font, x, col_y[col], half, PANGO_ALIGN_LEFT, 0.2) + 1;
      }
      if (left_out > 0)
        text(cr, "… +" + std::to_string(left_out), font, kMargin + half + 24, col_y[1], half,
             PANGO_ALIGN_LEFT, 0.2);
    }

    cairo_show_page(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(cairo_status(cr)));
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo: the PDF could not be finished");
  return out;
}

}  // namespace crm::certificates

#if defined(__SANITIZE_ADDRESS__)
// Fontconfig keeps its configuration and font patterns for the life of the
// process (pango's default font map holds them); freed only by FcFini, which
// must not run while a font map lives. Not crm's leak: the sanitizer build
// (CRM_SANITIZE) reports every other one.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
#endif

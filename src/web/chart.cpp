#include "web/chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace crm::web {

namespace {

constexpr int kLabelBaseline = 15;  // from the top of a row
constexpr int kBarTop = 21;
constexpr int kBarHeight = 14;
constexpr int kGap = 6;  // pixels between a bar's end and its value

// Coordinates: whole numbers without decimals (pages stay small), else one.
std::string num(double v) {
  double r = std::round(v * 10) / 10;
  return r == std::floor(r) ? fmt::format("{:.0f}", r) : fmt::format("{:.1f}", r);
}

// The x, in percent of the width, of a point `from_start` percent from the
// chart's starting edge.
std::string x_at(const BarChart& c, double from_start) {
  return num(c.rtl ? 100 - from_start : from_start) + "%";
}

}  // namespace

void bar_chart(Html& h, const BarChart& c) {
  double max = c.max;
  if (max <= 0)
    for (const auto& b : c.bars) max = std::max({max, b.value, b.target});
  if (max <= 0) max = 1;  // all zero: empty bars, no division by zero
  const int height = std::max<int>(1, static_cast<int>(c.bars.size()) * kChartRowHeight);
  const std::string_view dir = c.rtl ? "rtl" : "ltr";
  h.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                 {"class", "chart"},
                 {"width", "100%"},
                 {"height", std::to_string(height)},
                 {"role", "img"},
                 {"aria-label", c.title},
                 {"direction", dir}});
  h.el("title", c.title);
  int row = 0;
  for (const auto& b : c.bars) {
    const double top = row++ * kChartRowHeight;
    const double value = std::clamp(b.value, 0.0, max);
    const double width = value / max * kChartBarArea;
    const std::string label_x = x_at(c, 0), label_y = num(top + kLabelBaseline);
    const std::string bar_x = c.rtl ? x_at(c, width) : "0", bar_y = num(top + kBarTop);
    const std::string bar_w = num(width) + "%", bar_h = std::to_string(kBarHeight);
    const std::string value_x = x_at(c, width);
    const std::string value_dx = std::to_string(c.rtl ? -kGap : kGap);
    const std::string value_y = num(top + kBarTop + kBarHeight - 2);
    h.open("g", {{"class", "row"}});
    h.el("text",
         {{"class", "label"},
          {"x", label_x},
          {"y", label_y},
          {"text-anchor", "start"},
          {"direction", dir}},
         b.label);
    // Closed explicitly: in HTML, SVG elements are not void, and an unclosed
    // <rect> would swallow what follows.
    h.open("rect", {{"class", b.below ? "bar below" : "bar"},
                    {"x", bar_x},
                    {"y", bar_y},
                    {"width", bar_w},
                    {"height", bar_h}})
        .close("rect");
    h.el("text",
         {{"class", "value"},
          {"x", value_x},
          {"dx", value_dx},
          {"y", value_y},
          {"text-anchor", "start"},
          {"direction", dir}},
         b.value_text);
    if (b.target >= 0) {
      const double t = std::min(b.target, max) / max * kChartBarArea;
      const std::string tx = x_at(c, t);
      const std::string y1 = num(top + kBarTop - 4), y2 = num(top + kBarTop + kBarHeight + 4);
      h.open("line", {{"class", "target"}, {"x1", tx}, {"x2", tx}, {"y1", y1}, {"y2", y2}})
          .close("line");
    }
    h.close("g");
  }
  h.close("svg");
}

std::string bar_chart_svg(const BarChart& c) {
  Html h;
  bar_chart(h, c);
  return std::move(h).str();
}

}  // namespace crm::web

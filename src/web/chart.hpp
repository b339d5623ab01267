// Horizontal bar charts as inline SVG, rendered on the server so they show
// without JavaScript. Pure functions of their input; thread-safe.
//
// Each bar is a row: its label on a line of its own, then the bar with its
// value written after it, and optionally a target marker (a dashed line at
// the target's position). Right-to-left charts are mirrored by computing the
// x positions from the other edge; text carries `direction` so Arabic labels
// anchor at their start. Horizontal positions are percentages of the chart's
// width and there is no viewBox: the chart takes the width of its column while
// its text keeps the size app.css gives it (a scaled SVG would shrink labels
// to 9 px on a phone). No style attributes (the CSP forbids them): colours
// come from app.css through the classes chart, bar, bar below, target.
//
// A chart is a picture of numbers that must also be given as a table beside
// it (role="img" with the title as its name; the table is what screen readers
// and people without SVG read).
#pragma once

#include <string>
#include <vector>

#include "web/html.hpp"

namespace crm::web {

struct Bar {
  std::string label;       // shown above the bar (escaped)
  double value = 0;        // >= 0; negative is drawn as 0
  std::string value_text;  // written after the bar ("12", "40 %")
  double target = -1;      // target on the same scale as value; < 0: none
  bool below = false;      // drawn with the class "below" (the table says why)
};

struct BarChart {
  std::string title;  // the chart's accessible name (<title> and aria-label)
  std::vector<Bar> bars;
  // The value of a full bar: 100 for shares in percent, so that 17 % is 17 % of
  // the bar area; <= 0: the largest value or target.
  double max = 0;
  bool rtl = false;  // bars grow from the right edge
};

// Geometry (exposed for tests): rows in CSS pixels, the bar area in percent of
// the chart's width (the rest holds the value text).
constexpr int kChartRowHeight = 40;
constexpr int kChartBarArea = 85;

// Appends <svg …>…</svg> to `h`.
void bar_chart(Html& h, const BarChart& chart);
std::string bar_chart_svg(const BarChart& chart);

}  // namespace crm::web

#include "admissions/funnel_views.hpp"

#include <algorithm>

#include "programme/parity_views.hpp"
#include "web/chart.hpp"
#include "web/html.hpp"

namespace crm::admissions::funnel_views {

namespace {

using web::Html;

constexpr Stage kAll[] = {Stage::started,     Stage::submitted, Stage::eligible,  Stage::reviewed,
                          Stage::shortlisted, Stage::accepted,  Stage::confirmed, Stage::enrolled};

std::string call_path(int64_t id) {
  return "/calls/" + std::to_string(id);
}

std::string value_label(const Tr& t, const std::string& dimension, const std::string& value) {
  return programme::views::bucket_label(t, dimension, value.empty() ? "none" : value);
}

const char* stage_definition(Stage s) {
  switch (s) {
    case Stage::started:
      return N_("applications begun, drafts included");
    case Stage::submitted:
      return N_("sent before the deadline, withdrawn later or not");
    case Stage::eligible:
      return N_(
          "submitted, not withdrawn, and answered every eligibility question as the call "
          "asks");
    case Stage::reviewed:
      return N_("eligible, with the call's number of submitted first-stage reviews");
    case Stage::shortlisted:
      return N_("on the shortlist as it stands, changes by hand included");
    case Stage::accepted:
      return N_("offered a place, declined later or not");
    case Stage::confirmed:
      return N_("accepted and confirmed the place");
    case Stage::enrolled:
      return N_("participants of the call's cohort");
  }
  return "";
}

// A chart and its table side by side where there is room.
void stage_chart(Html& h, const Tr& t, const StageCounts& n) {
  web::BarChart chart;
  chart.title = t("Applications at each stage");
  chart.rtl = t.rtl();
  chart.max = static_cast<double>(std::max(n[0], 1L));
  for (Stage s : kAll) {
    web::Bar bar;
    bar.label = stage_label(t, s);
    bar.value = static_cast<double>(n[static_cast<size_t>(s)]);
    bar.value_text = t.number(n[static_cast<size_t>(s)]);
    chart.bars.push_back(std::move(bar));
  }
  h.open("div", {{"class", "pair"}});
  h.open("figure", {{"class", "chart"}});
  web::bar_chart(h, chart);
  h.close("figure");
  const std::string caption = t("Applications at each stage");
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", caption}})
      .open("table", {{"class", "funnel-total"}});
  h.open("thead").open("tr");
  h.el("th", {{"scope", "col"}}, t("Stage"));
  h.el("th", {{"scope", "col"}}, t("Applications"));
  h.el("th", {{"scope", "col"}}, t("Share of those started"));
  h.close("tr").close("thead").open("tbody");
  for (Stage s : kAll) {
    const long v = n[static_cast<size_t>(s)];
    h.open("tr", {{"data-stage", std::to_string(static_cast<int>(s))},
                  {"data-count", std::to_string(v)}});
    h.el("th", {{"scope", "row"}}, stage_label(t, s));
    h.el("td", t.number(v));
    h.el("td", n[0] ? t.percent(100.0 * double(v) / double(n[0])) : "—");
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  h.close("div");
}

void dimension_section(Html& h, const Tr& t, const FunnelDimension& d) {
  const std::string title = programme::views::dimension_label(t, d.dimension);
  h.open("section", {{"class", "breakdown"}, {"data-dimension", d.dimension}});
  h.el("h2", title);
  if (d.dimension == "route_role")
    h.el("p", {{"class", "hint"}},
         t("An applicant counts once for each route role their country holds in the programme, "
           "so these counts can add up to more than the total."));
  if (d.rows.empty()) {
    h.el("p", t("No applications yet."));
    h.close("section");
    return;
  }
  // The chart shows who applied (submitted) per bucket; the table below it
  // every stage (its nine columns need the whole width).
  web::BarChart chart;
  chart.title = t("{dimension}: submitted applications", {{"dimension", title}});
  chart.rtl = t.rtl();
  long most = 1;
  for (const auto& r : d.rows) most = std::max(most, r.n[static_cast<size_t>(Stage::submitted)]);
  chart.max = static_cast<double>(most);
  for (const auto& r : d.rows) {
    const long v = r.n[static_cast<size_t>(Stage::submitted)];
    if (v == 0) continue;
    web::Bar bar;
    bar.label = value_label(t, d.dimension, r.value);
    bar.value = static_cast<double>(v);
    bar.value_text = t.number(v);
    chart.bars.push_back(std::move(bar));
  }
  h.open("div", {{"class", "stack"}});
  if (!chart.bars.empty()) {
    h.open("figure", {{"class", "chart"}});
    web::bar_chart(h, chart);
    h.close("figure");
  }
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", title}})
      .open("table", {{"class", "funnel"}});
  h.open("thead").open("tr");
  h.el("th", {{"scope", "col"}}, title);
  for (Stage s : kAll) h.el("th", {{"scope", "col"}}, stage_label(t, s));
  h.close("tr").close("thead").open("tbody");
  for (const auto& r : d.rows) {
    h.open("tr", {{"data-value", r.value}});
    h.el("th", {{"scope", "row"}}, value_label(t, d.dimension, r.value));
    for (Stage s : kAll) {
      const long v = r.n[static_cast<size_t>(s)];
      h.el("td", {{"data-count", std::to_string(v)}}, t.number(v));
    }
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  h.close("div").close("section");
}

}  // namespace

std::string stage_label(const Tr& t, Stage s) {
  switch (s) {
    case Stage::started:
      return t("Started");
    case Stage::submitted:
      return t("Submitted");
    case Stage::eligible:
      return t("Eligible");
    case Stage::reviewed:
      return t("Reviewed");
    case Stage::shortlisted:
      return t("Shortlisted");
    case Stage::accepted:
      return t("Accepted");
    case Stage::confirmed:
      return t("Confirmed");
    case Stage::enrolled:
      return t("Enrolled");
  }
  return "";
}

std::string funnel(const web::Ctx& ctx, const FunnelPage& p) {
  const auto& t = ctx.tr;
  const int64_t id = p.call.call.id;
  Html h;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/calls/manage"}})
      .text(t("Calls"))
      .close("a")
      .text(" › ")
      .open("a", {{"href", call_path(id) + "/edit"}})
      .bdi(p.call.title)
      .close("a")
      .close("nav");
  h.open("h1").text(t("Funnel")).text(": ").bdi(p.call.title).close("h1");
  h.el("p", t("How many applications reached each stage of the call, in total and by group. "
              "Counts only: no names. A withdrawn application leaves every stage after "
              "“Submitted”. The counts stay when documents are deleted after the retention "
              "period."));
  web::export_links(h, t, call_path(id) + "/funnel", "");

  h.open("section", {{"aria-labelledby", "stages"}});
  h.el("h2", {{"id", "stages"}}, t("All applications"));
  stage_chart(h, t, p.total);
  h.open("details").el("summary", t("What each stage counts"));
  h.open("dl", {{"class", "stages"}});
  for (Stage s : kAll) {
    h.el("dt", stage_label(t, s));
    h.el("dd", t(stage_definition(s)));
  }
  h.close("dl").close("details");
  h.close("section");

  for (const auto& d : p.dimensions) dimension_section(h, t, d);
  return std::move(h).str();
}

web::Table funnel_table(const web::Ctx& ctx, const FunnelPage& p) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Dimension"), t("Value")};
  for (Stage s : kAll) table.header.push_back(stage_label(t, s));
  auto row = [&](std::string dimension, std::string value, const StageCounts& n) {
    std::vector<std::string> r = {std::move(dimension), std::move(value)};
    for (long v : n) r.push_back(std::to_string(v));
    table.rows.push_back(std::move(r));
  };
  row(t("All applications"), "", p.total);
  for (const auto& d : p.dimensions)
    for (const auto& r : d.rows)
      row(programme::views::dimension_label(t, d.dimension), value_label(t, d.dimension, r.value),
          r.n);
  return table;
}

}  // namespace crm::admissions::funnel_views

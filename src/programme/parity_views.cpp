#include "programme/parity_views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "programme/countries.hpp"
#include "programme/views.hpp"
#include "web/chart.hpp"
#include "web/forms.hpp"

namespace crm::programme::views {

namespace {

using web::Html;

std::string cohort_path(const Cohort& c) {
  return "/cohorts/" + std::to_string(c.id);
}

std::string one_decimal(double v) {
  auto s = fmt::format("{:.1f}", v);
  return s == "-0.0" ? "0.0" : s;
}

std::string percent(const Tr& t, double v) {
  return t.percent(v);
}

long points(double v) {
  return std::lround(std::abs(v));
}

// What the gap of a bucket with a target means, in words (not colour alone).
std::string gap_text(const Tr& t, const Bucket& b, long total) {
  double gap = gap_points(b, total);
  if (below_target(b, total))
    return t.plural("Below target by {n} point", "Below target by {n} points", points(gap));
  if (gap > kGapPoints)
    return t.plural("Above target by {n} point", "Above target by {n} points", points(gap));
  return t.plural("Within {n} point of target", "Within {n} points of target",
                  static_cast<long>(kGapPoints));
}

void breadcrumb(Html& h, const Programme& p, const Cohort& c) {
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", "/programmes/" + std::to_string(p.id)}})
      .open("bdi", {{"lang", p.language}})
      .text(p.name)
      .close("bdi")
      .close("a")
      .text(" › ")
      .open("a", {{"href", cohort_path(c)}})
      .el("bdi", c.name)
      .close("a")
      .close("p");
}

void breakdown(Html& h, const web::Ctx& ctx, const Breakdown& b, long total, bool with_targets) {
  const auto& t = ctx.tr;
  const std::string title = dimension_label(t, b.dimension);
  h.open("section", {{"class", "breakdown"}, {"data-dimension", b.dimension}});
  // Under the cohort page's "Composition" (h2), or right under the parity
  // page's title: never a level skipped.
  h.el(with_targets ? "h2" : "h3", title);
  if (b.dimension == "route_role")
    h.el("p", {{"class", "hint"}},
         t("A participant counts once for each route role their country holds in the "
           "programme, so these counts can add up to more than the cohort."));
  web::BarChart chart;
  chart.title = with_targets ? t("{dimension}: shares against targets", {{"dimension", title}})
                             : t("{dimension}: number of participants", {{"dimension", title}});
  chart.rtl = t.rtl();
  // Shares against the whole (100 %), counts against everyone counted: a bar
  // is never stretched to fill the width because it is the largest.
  chart.max = with_targets ? 100.0 : static_cast<double>(std::max(total, 1L));
  for (const auto& x : b.buckets) {
    // Empty buckets without a target would only add blank rows to the chart.
    if (x.count == 0 && x.target < 0) continue;
    web::Bar bar;
    bar.label = bucket_label(t, b.dimension, x.value);
    if (with_targets) {
      bar.value = share_percent(x.count, total);
      bar.value_text = percent(t, bar.value);
      bar.target = x.target >= 0 ? static_cast<double>(x.target) : -1;
      bar.below = below_target(x, total);
    } else {
      bar.value = static_cast<double>(x.count);
      bar.value_text = t.number(x.count);
    }
    chart.bars.push_back(std::move(bar));
  }
  h.open("div", {{"class", "pair"}});  // chart and table side by side where there is room
  if (!chart.bars.empty()) {
    h.open("figure", {{"class", "chart"}});
    web::bar_chart(h, chart);
    h.close("figure");
  }
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", title}})
      .open("table", {{"class", "composition"}});
  h.open("thead").open("tr");
  h.el("th", {{"scope", "col"}}, title);
  h.el("th", {{"scope", "col"}}, t("People"));
  h.el("th", {{"scope", "col"}}, t("Share"));
  if (with_targets) {
    h.el("th", {{"scope", "col"}}, t("Target"));
    h.el("th", {{"scope", "col"}}, t("Against target"));
  }
  h.close("tr").close("thead").open("tbody");
  for (const auto& x : b.buckets) {
    if (!with_targets && x.count == 0) continue;
    const bool below = with_targets && below_target(x, total);
    const std::string count = std::to_string(x.count);
    h.open("tr",
           {{"data-value", x.value}, {"data-count", count}, {"?class", below ? "below" : ""}});
    h.el("th", {{"scope", "row"}}, bucket_label(t, b.dimension, x.value));
    h.el("td", t.number(x.count));
    h.el("td", percent(t, share_percent(x.count, total)));
    if (with_targets) {
      h.el("td", x.target >= 0 ? percent(t, static_cast<double>(x.target)) : "—");
      if (x.target < 0)
        h.el("td", "");
      else if (below)
        h.open("td").el("strong", {{"class", "gap-below"}}, gap_text(t, x, total)).close("td");
      else
        h.el("td", gap_text(t, x, total));
    }
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  h.close("div").close("section");
}

}  // namespace

std::string dimension_label(const Tr& t, std::string_view d) {
  if (d == "route_role") return t("Route role");
  if (d == "country") return t("Country");
  if (d == "organisation_type") return t("Type of organisation");
  if (d == "gender") return t("Gender");
  return std::string(d);
}

std::string bucket_label(const Tr& t, std::string_view d, std::string_view v) {
  if (d == "route_role") return v == "none" ? t("No route role") : route_role_label(t, v);
  if (d == "country") return v == "none" ? t("Not given") : country_name(v, t.language());
  if (d == "organisation_type")
    return v == "none" ? t("No organisation") : organisation_type_label(t, v);
  if (d == "gender") {
    if (v == "female") return t("Female");
    if (v == "male") return t("Male");
    if (v == "prefer_not_to_say") return t("Prefer not to say");
    if (v == "self_described") return t("Self-described");
    if (v == "not_given") return t("Not given");
  }
  return std::string(v);
}

void composition(Html& h, const web::Ctx& ctx, const Composition& c, bool with_targets) {
  for (const auto& b : c.breakdowns) breakdown(h, ctx, b, c.counted, with_targets);
}

// Exports are links with the same query as the page; the people list carries
// its filters (validated values only: letters, digits and underscores).
void people_export_links(Html& h, const web::Ctx& ctx, const CohortPage& c) {
  std::string q;
  auto add = [&](std::string_view name, const std::string& v) {
    if (v.empty()) return;
    q += q.empty() ? "?" : "&";
    q += fmt::format("{}={}", name, v);
  };
  add("country", c.filter.country);
  add("route_role", c.filter.route_role);
  add("organisation_type", c.filter.organisation_type);
  add("status", c.filter.status);
  web::export_links(h, ctx.tr, cohort_path(c.cohort) + "/people", q);
}

std::string parity(const web::Ctx& ctx, const ParityPage& p) {
  const auto& t = ctx.tr;
  const auto& c = p.composition;
  Html h;
  breadcrumb(h, p.programme, p.cohort);
  h.open("h1").message(t("Parity: {cohort}"), {{"cohort", p.cohort.name}}).close("h1");
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Counted"))
      .el("dd", {{"data-counted", std::to_string(c.counted)}},
          t.plural("{n} participant (admitted, taking part or graduated)",
                   "{n} participants (admitted, taking part or graduated)", c.counted));
  h.el("dt", t("Withdrawn, not counted"))
      .el("dd", {{"data-withdrawn", std::to_string(c.withdrawn)}}, t.number(c.withdrawn));
  h.el("dt", t("Size"))
      .el("dd", {{"data-size", std::to_string(p.cohort.size)}},
          t.plural("{n} participant", "{n} participants", p.cohort.size));
  h.close("dl");
  h.el("p", {{"class", "hint"}},
       t("Shares are of the counted participants. In the charts a dashed line marks the "
         "target; a share more than {points} points under its target is marked \"Below "
         "target\". These are plain counts for the programme team: the anonymity threshold of "
         "{n} applies to reports shown to others.",
         {{"n", t.number(p.programme.anonymity_threshold)},
          {"points", t.number(static_cast<long long>(kGapPoints))}}));
  web::export_links(h, ctx.tr, cohort_path(p.cohort) + "/parity", "");
  if (p.can_edit_targets)
    h.open("p")
        .open("a", {{"href", cohort_path(p.cohort) + "/targets"}, {"class", "button"}})
        .text(t("Edit targets"))
        .close("a")
        .close("p");
  composition(h, ctx, c, true);
  return std::move(h).str();
}

std::string targets(const web::Ctx& ctx, const TargetsPage& p, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, p.programme, p.cohort);
  h.open("h1").message(t("Targets: {cohort}"), {{"cohort", p.cohort.name}}).close("h1");
  h.el("p", {{"class", "hint"}},
       t("Shares in percent of the cohort's participants, whole numbers from {min} to {max}. "
         "Leave a field empty for no target.",
         {{"min", t.number(0)}, {"max", t.number(100)}}));
  h.open("form", {{"method", "post"},
                  {"action", cohort_path(p.cohort) + "/targets"},
                  {"class", "stack"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, e);
  struct Group {
    std::string_view dimension;
    std::string legend;
  };
  for (const auto& g :
       {Group{"route_role", t("Shares by route role")}, Group{"gender", t("Shares by gender")}}) {
    const std::string group_error = web::error_for(ctx, e, g.dimension);
    const std::string error_id = std::string(g.dimension) + "-error";
    // The error summary links a problem of the group (shares above 100 %) here.
    const std::string group_id = "f-" + std::string(g.dimension);
    h.open("fieldset", {{"class", "grid-form"},
                        {"id", group_id},
                        {"?aria-describedby", group_error.empty() ? "" : error_id}});
    h.el("legend", g.legend);
    if (!group_error.empty()) h.el("p", {{"class", "error"}, {"id", error_id}}, group_error);
    for (const auto& f : target_fields()) {
      if (f.dimension != g.dimension) continue;
      const std::string name = target_field_name(f);
      auto it = p.form.find(name);
      web::Field field;
      field.name = name;
      field.label = bucket_label(t, f.dimension, f.value) + " (%)";
      field.value = it == p.form.end() ? "" : it->second;
      field.error = web::error_for(ctx, e, name);
      field.inputmode = "numeric";
      web::field(h, field);
    }
    h.close("fieldset");
  }
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Save targets"));
  h.text(" ");
  h.open("a", {{"href", cohort_path(p.cohort) + "/parity"}}).text(t("Cancel")).close("a");
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

web::Table parity_table(const web::Ctx& ctx, const ParityPage& p) {
  const auto& t = ctx.tr;
  const auto& c = p.composition;
  web::Table table;
  table.header = {t("Dimension"),  t("Value"),        t("People"),      t("Share (%)"),
                  t("Target (%)"), t("Gap (points)"), t("Below target")};
  table.rows.push_back({t("Cohort"), t("Counted"), std::to_string(c.counted), "", "", "", ""});
  table.rows.push_back(
      {t("Cohort"), t("Withdrawn, not counted"), std::to_string(c.withdrawn), "", "", "", ""});
  for (const auto& b : c.breakdowns)
    for (const auto& x : b.buckets) {
      const bool has_target = x.target >= 0;
      table.rows.push_back({dimension_label(t, b.dimension), bucket_label(t, b.dimension, x.value),
                            std::to_string(x.count), one_decimal(share_percent(x.count, c.counted)),
                            has_target ? std::to_string(x.target) : "",
                            has_target ? one_decimal(gap_points(x, c.counted)) : "",
                            below_target(x, c.counted) ? t("Yes") : ""});
    }
  return table;
}

web::Table people_table(const web::Ctx& ctx, const CohortPage& c) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Name"),         t("Name in Latin script"),         t("Country"),
                  t("Organisation"), t("Organisation in Latin script"), t("Type of organisation")};
  if (c.show_details)
    for (const char* col : {N_("Email address"), N_("Position"), N_("Role"), N_("Status")})
      table.header.push_back(t(col));
  for (const auto& m : c.members) {
    std::vector<std::string> row = {
        m.name, m.name_latin, m.country.empty() ? "" : country_name(m.country, t.language()),
        m.organisation, m.organisation_latin,
        // The type only with the organisation: who hid theirs hides its type too.
        m.organisation.empty() || m.organisation_type.empty()
            ? ""
            : organisation_type_label(t, m.organisation_type)};
    if (c.show_details) {
      row.push_back(m.email);
      row.push_back(m.position);
      row.push_back(m.role.empty() ? "" : enrolment_role_label(t, m.role));
      row.push_back(m.status.empty() ? "" : enrolment_status_label(t, m.status));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace crm::programme::views

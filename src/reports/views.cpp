#include "reports/views.hpp"

#include <algorithm>
#include <ranges>

#include "http/parse.hpp"
#include "programme/parity_views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::reports::views {

namespace {

using web::Html;

// A day of the period (UTC midnight of the date the viewer chose).
std::string day(const Tr& t, int64_t utc_midnight) {
  return t.format_in("UTC", "yMMMd", utc_midnight + 43200);
}

std::string cohort_name(const Report& r, int64_t id) {
  for (const auto& c : r.cohorts)
    if (c.id == id) return c.name;
  return {};
}

// The drill-down's query (?programme=&from=&to=&indicator=&cohort=&group=).
std::string drill_query(const Report& r, const ReportQuery& q, Indicator i, int64_t cohort,
                        std::string_view dimension, std::string_view value) {
  http::Fields f;
  if (!q.programme.empty()) f.items.emplace_back("programme", std::to_string(r.programme.id));
  f.items.emplace_back("from", r.period.from);
  f.items.emplace_back("to", r.period.to);
  f.items.emplace_back("indicator", indicator_key(i));
  if (cohort) f.items.emplace_back("cohort", std::to_string(cohort));
  if (!dimension.empty())
    f.items.emplace_back("group", std::string(dimension) + ":" + std::string(value));
  return http::encode_query(f);
}

std::string drill_link(const Report& r, const ReportQuery& q, Indicator i, int64_t cohort,
                       std::string_view dimension, std::string_view value) {
  return "/reports/indicators/records?" + drill_query(r, q, i, cohort, dimension, value);
}

// A figure: a link to its records when it is shown and not zero.
void figure(Html& h, const web::Ctx& ctx, const Report& r, const ReportQuery& q, Indicator i,
            int64_t cohort, std::string_view dimension, std::string_view value, const Cell& c) {
  const auto& t = ctx.tr;
  if (c.suppressed) {
    h.el("span", {{"class", "suppressed"}}, cell_text(t, c, r.threshold));
    return;
  }
  if (c.count == 0) {
    h.text(t.number(0));
    return;
  }
  h.open("a", {{"href", drill_link(r, q, i, cohort, dimension, value)},
               {"data-count", std::to_string(c.count)}})
      .text(t.number(c.count))
      .close("a");
}

void form(Html& h, const web::Ctx& ctx, const ReportQuery& q,
          const std::vector<programme::Cohort>& cohorts, const std::string& from,
          const std::string& to, const std::string& cohort, const Error* e) {
  const auto& t = ctx.tr;
  h.open("form", {{"method", "get"}, {"action", "/reports/indicators"}, {"class", "filters"}});
  if (!q.programme.empty())
    h.empty("input", {{"type", "hidden"}, {"name", "programme"}, {"value", q.programme}});
  web::field(h, {.name = "from",
                 .label = t("First day"),
                 .type = "date",
                 .value = from,
                 .error = web::error_for(ctx, e, "from")});
  web::field(h, {.name = "to",
                 .label = t("Last day"),
                 .type = "date",
                 .value = to,
                 .error = web::error_for(ctx, e, "to")});
  if (!cohort.empty())
    h.empty("input", {{"type", "hidden"}, {"name", "cohort"}, {"value", cohort}});
  web::submit(h, t("Show"));
  h.close("form");
  // One cohort or all: links (a cohort's name is its own text, isolated).
  if (cohorts.empty()) return;
  auto link = [&](const std::string& id) {
    http::Fields f;
    if (!q.programme.empty()) f.items.emplace_back("programme", q.programme);
    f.items.emplace_back("from", from);
    f.items.emplace_back("to", to);
    if (!id.empty()) f.items.emplace_back("cohort", id);
    return "/reports/indicators?" + http::encode_query(f);
  };
  h.open("nav", {{"class", "cohorts"}, {"aria-label", t("Cohort")}})
      .open("ul", {{"class", "states"}});
  h.open("li")
      .open("a", {{"href", link("")}, {"?aria-current", cohort.empty() ? "page" : ""}})
      .text(t("All cohorts"))
      .close("a")
      .close("li");
  for (const auto& c : cohorts) {
    const std::string id = std::to_string(c.id);
    h.open("li")
        .open("a", {{"href", link(id)}, {"?aria-current", cohort == id ? "page" : ""}})
        .bdi(c.name)
        .close("a")
        .close("li");
  }
  h.close("ul").close("nav");
}

void breakdown_table(Html& h, const web::Ctx& ctx, const Report& r, const ReportQuery& q,
                     const IndicatorFigures& f, const Breakdown& b) {
  const auto& t = ctx.tr;
  auto nonzero = [](const GroupRow& row) {
    bool any = row.total.count > 0;
    for (const auto& c : row.cohorts) any = any || c.count > 0;
    return any;
  };
  // Nothing counted: no table of empty groups.
  if (std::none_of(b.rows.begin(), b.rows.end(), nonzero)) return;
  const std::string title = programme::views::dimension_label(t, b.dimension);
  h.el("h3", title);
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", title}});
  h.open("table", {{"data-dimension", b.dimension}});
  h.open("thead").open("tr").el("th", {{"scope", "col"}}, title);
  // All cohorts, or the one chosen: a column per cohort would make the
  // page grow with every cohort (the workbook has them all).
  if (!r.cohort_filter) h.el("th", {{"scope", "col"}}, t("All cohorts"));
  for (const auto& c : r.cohorts)
    if (c.id == r.cohort_filter) h.open("th", {{"scope", "col"}}).bdi(c.name).close("th");
  h.close("tr").close("thead").open("tbody");
  for (const auto& row : b.rows) {
    // Groups nobody is in are left out on the page (the workbook keeps
    // every row, for the funder's template).
    if (!nonzero(row)) continue;
    h.open("tr").open("th", {{"scope", "row"}});
    h.bdi(programme::views::bucket_label(t, b.dimension, row.value));
    h.close("th");
    if (!r.cohort_filter) {
      h.open("td", {{"class", "number"}});
      figure(h, ctx, r, q, f.indicator, 0, b.dimension, row.value, row.total);
      h.close("td");
    }
    for (size_t i = 0; i < r.cohorts.size(); ++i) {
      if (r.cohorts[i].id != r.cohort_filter) continue;
      h.open("td", {{"class", "number"}});
      figure(h, ctx, r, q, f.indicator, r.cohorts[i].id, b.dimension, row.value, row.cohorts[i]);
      h.close("td");
    }
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
}

void indicator_section(Html& h, const web::Ctx& ctx, const Report& r, const ReportQuery& q,
                       const IndicatorFigures& f) {
  const auto& t = ctx.tr;
  const bool survey = f.indicator != Indicator::participants;
  h.open("section", {{"class", "indicator"},
                     {"data-indicator", indicator_key(f.indicator)},
                     {"aria-labelledby", std::string("ind-") + indicator_key(f.indicator)}});
  h.el("h2", {{"id", std::string("ind-") + indicator_key(f.indicator)}},
       t.number(static_cast<long long>(f.indicator)) + ". " + indicator_title(t, f.indicator));
  h.el("p", {{"class", "definition"}}, indicator_definition(t, f.indicator));
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", indicator_title(t, f.indicator)}});
  h.open("table", {{"class", "figures"}});
  h.open("thead").open("tr").el("th", {{"scope", "col"}}, t("Cohort"));
  h.el("th", {{"scope", "col"}}, t("Count"));
  if (survey) {
    h.el("th", {{"scope", "col"}}, t("Asked"));
    h.el("th", {{"scope", "col"}}, t("Answered"));
  }
  h.close("tr").close("thead").open("tbody");
  for (size_t i = 0; i < r.cohorts.size(); ++i) {
    const auto& c = r.cohorts[i];
    if (r.cohort_filter && c.id != r.cohort_filter) continue;
    h.open("tr").open("th", {{"scope", "row"}}).bdi(c.name).close("th");
    h.open("td", {{"class", "number"}});
    figure(h, ctx, r, q, f.indicator, c.id, "", "", f.cohorts[i]);
    h.close("td");
    if (survey) {
      h.el("td", {{"class", "number"}}, t.number(f.cohort_asked[i]));
      h.el("td", {{"class", "number"}}, t.number(f.cohort_answered[i]));
    }
    h.close("tr");
  }
  if (!r.cohort_filter) {
    h.open("tr", {{"class", "total"}}).el("th", {{"scope", "row"}}, t("All cohorts"));
    h.open("td", {{"class", "number"}, {"data-total", std::to_string(f.total.count)}});
    figure(h, ctx, r, q, f.indicator, 0, "", "", f.total);
    h.close("td");
    if (survey) {
      h.el("td", {{"class", "number"}}, t.number(f.asked));
      h.el("td", {{"class", "number"}}, t.number(f.answered));
    }
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  for (const auto& b : f.breakdowns) breakdown_table(h, ctx, r, q, f, b);
  h.close("section");
}

}  // namespace

std::string indicator_title(const Tr& t, Indicator i) {
  switch (i) {
    case Indicator::participants:
      return t("Number of participants in training activities");
    case Indicator::useful:
      return t("Number of participants who consider the training useful for their work");
    case Indicator::using_skills:
      return t(
          "Number of participants who report three months after leaving the training that they "
          "are using the skills and competences acquired");
  }
  return {};
}

std::string indicator_definition(const Tr& t, Indicator i) {
  switch (i) {
    case Indicator::participants:
      return t(
          "Counted: people enrolled as participants (admitted, participant or graduate) in a "
          "cohort who were marked present at least once at a session of that cohort starting in "
          "the period. A person counts once per cohort and once in the total.");
    case Indicator::useful:
      return t(
          "Counted: responses submitted in the period to the question \"useful for your work\" "
          "whose answer is one of its positive choices. Each response is one person (one "
          "invitation, one response), anonymous or not. Asked: invitations sent in rounds open "
          "during the period; answered: responses that answered the question.");
    case Indicator::using_skills:
      return t(
          "Counted: responses submitted in the period to the question \"using the skills and "
          "competences acquired\", from rounds sent to graduates three months or more after they "
          "completed, whose answer is one of its positive choices. Each response is one person, "
          "anonymous or not. Asked: invitations sent in such rounds open during the period; "
          "answered: responses that answered the question.");
  }
  return {};
}

std::string cell_text(const Tr& t, const Cell& c, long threshold) {
  if (c.small) return t("fewer than {n}", {{"n", t.number(threshold)}});
  if (c.suppressed) return t("hidden");
  return t.number(c.count);
}

std::string period_query(const Report& r, const ReportQuery& q) {
  http::Fields f;
  if (!q.programme.empty()) f.items.emplace_back("programme", std::to_string(r.programme.id));
  f.items.emplace_back("from", r.period.from);
  f.items.emplace_back("to", r.period.to);
  if (r.cohort_filter) f.items.emplace_back("cohort", std::to_string(r.cohort_filter));
  return "?" + http::encode_query(f);
}

std::string report(const web::Ctx& ctx, const Report& r, const ReportQuery& q) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Indicator report"));
  h.open("p", {{"class", "lead"}})
      .open("bdi", {{"lang", r.programme.language}})
      .text(r.programme.name);
  h.close("bdi").close("p");
  form(h, ctx, q, r.cohorts, r.period.from, r.period.to,
       r.cohort_filter ? std::to_string(r.cohort_filter) : "", nullptr);
  h.el("p", {{"class", "period"}},
       t("Period: {from} to {to}",
         {{"from", day(t, r.period.from_day)}, {"to", day(t, r.period.to_day)}}));
  h.el("p", {{"class", "hint"}},
       t.plural("Groups of fewer than {n} person are hidden, and so are as many other figures as "
                "it takes that a hidden one cannot be worked out from the totals.",
                "Groups of fewer than {n} people are hidden, and so are as many other figures as "
                "it takes that a hidden one cannot be worked out from the totals.",
                r.threshold));
  h.el("p", {{"class", "hint"}},
       t("A person or response counts once for each route role their country holds in the "
         "programme, so route roles can add up to more than the figure."));
  const std::string query = period_query(r, q);
  h.open("p", {{"class", "exports"}});
  h.open("a", {{"href", "/reports/indicators.xlsx" + query}, {"download", ""}})
      .text(t("Download Excel (XLSX)"))
      .close("a");
  h.text(" ");
  h.open("a", {{"href", "/reports/indicators.pdf" + query}, {"download", ""}})
      .text(t("Download PDF"))
      .close("a");
  h.close("p");
  for (const auto& f : r.indicators) indicator_section(h, ctx, r, q, f);
  return std::move(h).str();
}

std::string report_form(const web::Ctx& ctx, const ReportQuery& q, const Error& e) {
  Html h;
  h.el("h1", ctx.tr("Indicator report"));
  form(h, ctx, q, {}, q.from, q.to, q.cohort, &e);
  return std::move(h).str();
}

std::string records(const web::Ctx& ctx, const RecordsPage& p, const ReportQuery& q,
                    long page_number) {
  const auto& t = ctx.tr;
  const Report& r = p.report;
  Html h;
  http::Fields back;
  if (!q.programme.empty()) back.items.emplace_back("programme", std::to_string(r.programme.id));
  back.items.emplace_back("from", r.period.from);
  back.items.emplace_back("to", r.period.to);
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", "/reports/indicators?" + http::encode_query(back)}})
      .text(t("Indicator report"))
      .close("a")
      .close("p");
  // The indicator's title holds long words (German): a fact, not the heading.
  h.el("h1", t("Records counted"));
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Indicator")).el("dd", indicator_title(t, p.indicator));
  h.el("dt", t("Period"))
      .el("dd", t("{from} to {to}",
                  {{"from", day(t, r.period.from_day)}, {"to", day(t, r.period.to_day)}}));
  h.el("dt", t("Cohort")).open("dd");
  if (p.cohort_id)
    h.bdi(cohort_name(r, p.cohort_id));
  else
    h.text(t("All cohorts"));
  h.close("dd");
  if (!p.dimension.empty()) {
    h.el("dt", programme::views::dimension_label(t, p.dimension))
        .open("dd")
        .bdi(programme::views::bucket_label(t, p.dimension, p.value))
        .close("dd");
  }
  h.el("dt", t("Count")).open("dd", {{"data-count", std::to_string(p.cell.count)}});
  h.text(t.number(p.cell.count)).close("dd");
  h.close("dl");
  h.el("p", {{"class", "definition"}}, indicator_definition(t, p.indicator));
  const std::string query = drill_query(r, q, p.indicator, p.cohort_id, p.dimension, p.value);
  web::export_links(h, t, "/reports/indicators/records", "?" + query);
  // A figure can stand for tens of thousands of records: a page of them at
  // a time, all of them in the downloads.
  web::Pagination pages{page_number, kRecordsPerPage, static_cast<long>(p.people.size())};
  pages.page = std::clamp(pages.page, 1L, pages.pages());
  if (!p.people.empty()) {
    h.el("h2", p.indicator == Indicator::participants ? t("People counted")
                                                      : t("Identified responses counted"));
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("People counted")}});
    h.open("table", {{"class", "records"}}).open("thead").open("tr");
    h.el("th", {{"scope", "col"}}, t("Name"));
    h.el("th", {{"scope", "col"}}, t("Cohort"));
    if (p.indicator == Indicator::participants)
      h.el("th", {{"scope", "col"}}, t("Sessions attended"));
    else
      h.el("th", {{"scope", "col"}}, t("Survey"));
    h.close("tr").close("thead").open("tbody");
    const auto first = p.people.begin() + pages.offset();
    const auto last = p.people.begin() + std::min<long>(pages.offset() + pages.per_page,
                                                        static_cast<long>(p.people.size()));
    for (const auto& row : std::ranges::subrange(first, last)) {
      h.open("tr", {{"data-person", std::to_string(row.record.person_id)}});
      h.open("td").open("a", {{"href", "/people/" + std::to_string(row.record.person_id)}});
      h.bdi(row.record.person_name).close("a").close("td");
      std::vector<std::string> names;
      for (auto id : row.cohort_ids) names.push_back(cohort_name(r, id));
      h.open("td").list(t, names).close("td");
      if (p.indicator == Indicator::participants)
        h.el("td", {{"class", "number"}}, t.number(row.record.sessions));
      else
        h.open("td").bdi(row.record.survey_title).close("td");
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    web::pagination(h, ctx, pages, "/reports/indicators/records?" + query);
  }
  if (!p.anonymous_rounds.empty()) {
    h.el("h2", t("Anonymous responses counted"));
    h.el("p", {{"class", "hint"}},
         t("These responses are anonymous: only how many came from each round is shown, never "
           "who gave them."));
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Anonymous responses counted")}});
    h.open("table", {{"class", "rounds"}}).open("thead").open("tr");
    h.el("th", {{"scope", "col"}}, t("Survey"));
    h.el("th", {{"scope", "col"}}, t("Cohort"));
    h.el("th", {{"scope", "col"}}, t("Responses"));
    h.close("tr").close("thead").open("tbody");
    for (const auto& x : p.anonymous_rounds) {
      h.open("tr", {{"data-responses", std::to_string(x.count)}}).open("td");
      h.open("a", {{"href", "/rounds/" + std::to_string(x.round_id)}}).bdi(x.survey_title);
      h.close("a").close("td");
      h.open("td").bdi(cohort_name(r, x.cohort_id)).close("td");
      h.el("td", {{"class", "number"}}, t.number(x.count));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  return std::move(h).str();
}

web::Table records_table(const Tr& t, const RecordsPage& p) {
  const Report& r = p.report;
  web::Table table;
  const bool people = p.indicator == Indicator::participants;
  table.header = {t("Name"), t("Cohort"), people ? t("Sessions attended") : t("Survey"),
                  t("Responses")};
  for (const auto& row : p.people) {
    std::vector<std::string> names;
    for (auto id : row.cohort_ids) names.push_back(cohort_name(r, id));
    std::string cohorts;
    for (const auto& n : names) cohorts += (cohorts.empty() ? "" : "; ") + n;
    table.rows.push_back({row.record.person_name, cohorts,
                          people ? std::to_string(row.record.sessions) : row.record.survey_title,
                          people ? "" : "1"});
  }
  // Anonymous responses: how many per round, never who.
  for (const auto& x : p.anonymous_rounds)
    table.rows.push_back({t("Anonymous responses"), cohort_name(r, x.cohort_id), x.survey_title,
                          std::to_string(x.count)});
  return table;
}

}  // namespace crm::reports::views

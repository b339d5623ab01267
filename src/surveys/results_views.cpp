#include "surveys/results_views.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/i18n.hpp"
#include "programme/parity_views.hpp"
#include "surveys/views.hpp"
#include "web/chart.hpp"
#include "web/forms.hpp"

namespace crm::surveys::views {

namespace {

using anonymity::Hidden;
using web::Html;

std::string survey_path(const Survey& s) {
  return "/surveys/" + std::to_string(s.id);
}

// A number with one decimal in the reader's digits ("3.4", "3,4", "٣٫٤").
std::string decimal(const Tr& t, double v) {
  long long tenths = std::llround(std::abs(v) * 10);
  std::string_view lang = t.language();
  std::string sep = lang == "de" || lang == "fr" ? "," : lang == "ar" ? "٫" : ".";
  std::string s = t.number(tenths / 10) + sep + t.number(tenths % 10);
  return (v < 0 && tenths != 0 ? "-" : "") + s;
}

// A figure as shown: the number, or why it is not.
std::string count_text(const Tr& t, const Count& c, long threshold) {
  if (c.hidden == Hidden::small) return t("fewer than {n}", {{"n", t.number(threshold)}});
  if (c.hidden == Hidden::complement) return t("hidden");
  return t.number(c.value);
}

std::string share_text(const Tr& t, const Count& c, long of) {
  if (!c.shown() || of <= 0) return "";
  return t.percent(100.0 * static_cast<double>(c.value) / static_cast<double>(of));
}

std::string group_label(const Tr& t, const std::string& by, const ResultGroup& g) {
  if (by == "cohort") return g.label;
  return programme::views::bucket_label(t, by, g.value.empty() ? "none" : g.value);
}

void breadcrumb(Html& h, const web::Ctx& ctx, const Survey& s, const StaffTitle& title,
                const programme::Programme& p) {
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", "/programmes/" + std::to_string(p.id)}})
      .open("bdi", {{"lang", p.language}})
      .text(p.name)
      .close("bdi")
      .close("a")
      .text(" › ")
      .open("a", {{"href", "/surveys"}})
      .text(ctx.tr("Surveys"))
      .close("a")
      .text(" › ")
      .open("a", {{"href", survey_path(s)}});
  title_text(h, ctx, title);
  h.close("a").close("p");
}

void threshold_note(Html& h, const Tr& t, long threshold) {
  h.el("p", {{"class", "hint"}, {"data-threshold", std::to_string(threshold)}},
       t("To keep answers anonymous, no figure of a group with fewer than {n} respondents is "
         "shown. Some other figures are hidden so that such a group cannot be worked out from "
         "the totals.",
         {{"n", t.number(threshold)}}));
}

// A list like web::select whose options may hold user text (cohort names):
// those are isolated with dir="auto".
struct Pick {
  std::string value, label;
  bool user_text = false;
};
void pick(Html& h, std::string_view name, const std::string& label,
          const std::vector<Pick>& options, const std::string& selected) {
  const std::string id = "f-" + std::string(name);
  h.open("div", {{"class", "field"}});
  h.el("label", {{"for", id}}, label);
  h.open("select", {{"id", id}, {"name", name}});
  for (const auto& o : options)
    h.open("option", {{"value", o.value},
                      {"?selected", o.value == selected ? "selected" : ""},
                      {"?dir", o.user_text ? "auto" : ""}})
        .text(o.label)
        .close("option");
  h.close("select").close("div");
}

void filters(Html& h, const web::Ctx& ctx, const ResultsPage& p) {
  const auto& t = ctx.tr;
  h.open("form", {{"method", "get"},
                  {"action", survey_path(p.survey) + "/results"},
                  {"class", "grid-form filters"}});
  std::vector<web::Option> versions = {{"all", t("All versions")}};
  for (const auto& v : p.versions)
    versions.push_back({std::to_string(v.id), t("Version {n}", {{"n", t.number(v.number)}})});
  web::select(h, "version", t("Version"), versions, p.query.version);
  std::vector<Pick> rounds = {{"", t("All rounds")}};
  for (const auto& r : p.rounds) {
    std::string label = r.cohort_name + " · " + t.date(r.opens_at);
    if (r.phase == "pre") label += " · " + t("before");
    if (r.phase == "post") label += " · " + t("after");
    rounds.push_back({std::to_string(r.id), label, true});
  }
  pick(h, "round", t("Round"), rounds, p.query.round ? std::to_string(p.query.round) : "");
  std::vector<Pick> cohorts = {{"", t("All cohorts")}};
  for (const auto& c : p.cohorts) cohorts.push_back({c.value, c.label, true});
  pick(h, "cohort", t("Cohort"), cohorts, p.query.cohort ? std::to_string(p.query.cohort) : "");
  std::vector<web::Option> by = {{"", t("No cross-tab")}};
  for (const char* d : kCrossTabs)
    by.push_back({d, d == std::string_view("cohort") ? t("Cohort")
                                                     : programme::views::dimension_label(t, d)});
  web::select(h, "by", t("Cross-tab by"), by, p.query.by);
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Show"), "button");
  h.close("div");
  h.close("form");
}

void choice_block(Html& h, const web::Ctx& ctx, const ResultsPage& p, const QuestionResult& q,
                  const ChoiceBlock& b) {
  const auto& t = ctx.tr;
  const long threshold = p.threshold;
  const std::string title = b.item_label.empty() ? q.label : q.label + " — " + b.item_label;
  if (!b.item_label.empty()) h.el("h3", {{"class", "matrix-row"}, {"dir", "auto"}}, b.item_label);
  const bool overall = p.query.by != "route_role";
  if (overall) {
    h.el("p", {{"class", "answered"}, {"data-answered", std::to_string(b.answered)}},
         b.answered_shown
             ? t.plural("{n} respondent answered", "{n} respondents answered", b.answered)
             : t("Fewer than {n} respondents answered.", {{"n", t.number(threshold)}}));
  }
  if (overall && b.answered_shown) {
    web::BarChart chart;
    chart.title = title;
    chart.rtl = t.rtl();
    chart.max = 100;
    for (std::size_t i = 0; i < b.overall.size(); ++i) {
      web::Bar bar;
      bar.label = b.choice_labels[i];
      const auto& c = b.overall[i];
      bar.value =
          c.shown() ? 100.0 * static_cast<double>(c.value) / static_cast<double>(b.answered) : 0;
      bar.value_text = c.shown() ? share_text(t, c, b.answered) : count_text(t, c, threshold);
      chart.bars.push_back(std::move(bar));
    }
    h.open("div", {{"class", "pair"}});
    h.open("figure", {{"class", "chart"}});
    web::bar_chart(h, chart);
    h.close("figure");
    h.open("div",
           {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", title}})
        .open("table", {{"class", "results"}});
    h.open("thead").open("tr");
    h.el("th", {{"scope", "col"}}, t("Answer"));
    h.el("th", {{"scope", "col"}}, t("Respondents"));
    h.el("th", {{"scope", "col"}}, t("Share"));
    h.close("tr").close("thead").open("tbody");
    for (std::size_t i = 0; i < b.overall.size(); ++i) {
      const auto& c = b.overall[i];
      h.open("tr", {{"data-choice", b.choice_names[i]},
                    {"data-count", c.shown() ? std::to_string(c.value) : "hidden"}});
      h.el("th", {{"scope", "row"}, {"dir", "auto"}}, b.choice_labels[i]);
      h.el("td", count_text(t, c, threshold));
      h.el("td", share_text(t, c, b.answered));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    h.close("div");
  }
  if (p.groups.empty()) return;
  // The cross-tab: answers × groups.
  const std::string caption =
      t("{question} by {dimension}",
        {{"question", title},
         {"dimension", p.query.by == "cohort" ? t("Cohort")
                                              : programme::views::dimension_label(t, p.query.by)}});
  h.el("p", {{"class", "crosstab-title"}}, caption);
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", caption}})
      .open("table", {{"class", "results crosstab"}, {"data-by", p.query.by}});
  h.open("thead").open("tr");
  h.el("th", {{"scope", "col"}}, t("Answer"));
  for (const auto& g : p.groups)
    h.open("th", {{"scope", "col"}, {"data-group", g.value}})
        .bdi(group_label(t, p.query.by, g))
        .close("th");
  h.close("tr").close("thead").open("tbody");
  for (std::size_t i = 0; i < b.by_group.size(); ++i) {
    h.open("tr", {{"data-choice", b.choice_names[i]}});
    h.el("th", {{"scope", "row"}, {"dir", "auto"}}, b.choice_labels[i]);
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
      const auto& c = b.by_group[i][g];
      h.open("td", {{"data-group", p.groups[g].value},
                    {"data-count", c.shown() ? std::to_string(c.value) : "hidden"}});
      h.text(count_text(t, c, threshold));
      if (c.shown() && b.group_answered[g].shown())
        h.el("span", {{"class", "share"}},
             " (" + share_text(t, c, b.group_answered[g].value) + ")");
      h.close("td");
    }
    h.close("tr");
  }
  // The groups' answered totals: a row like the others (a card on a phone).
  h.open("tr", {{"class", "answered"}});
  h.el("th", {{"scope", "row"}}, t("Answered"));
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    const auto& c = b.group_answered[g];
    h.el("td",
         {{"data-group", p.groups[g].value},
          {"data-count", c.shown() ? std::to_string(c.value) : "hidden"}},
         count_text(t, c, threshold));
  }
  h.close("tr").close("tbody").close("table").close("div");
}

void question(Html& h, const web::Ctx& ctx, const ResultsPage& p, const QuestionResult& q) {
  const auto& t = ctx.tr;
  h.open("section",
         {{"class", "question-result"}, {"data-question", q.name}, {"data-type", q.type}});
  h.open("h2").open("bdi", {{"lang", p.language}}).text(q.label).close("bdi").close("h2");
  const std::string fewer =
      t("Fewer than {n} respondents answered.", {{"n", t.number(p.threshold)}});
  if (!q.blocks.empty()) {
    for (const auto& b : q.blocks) choice_block(h, ctx, p, q, b);
  } else if (q.type == "integer" || q.type == "decimal") {
    if (!q.shown) {
      h.el("p", {{"class", "suppressed"}}, fewer);
    } else {
      h.open("dl", {{"class", "facts"}});
      h.el("dt", t("Respondents"))
          .el("dd", {{"data-count", std::to_string(q.stats.count)}}, t.number(q.stats.count));
      h.el("dt", t("Mean")).el("dd", decimal(t, q.stats.mean));
      h.el("dt", t("Median")).el("dd", decimal(t, q.stats.median));
      h.el("dt", t("Range"))
          .el("dd", t("{min} to {max}",
                      {{"min", decimal(t, q.stats.min)}, {"max", decimal(t, q.stats.max)}}));
      h.close("dl");
    }
  } else if (q.type == "date") {
    if (!q.shown) {
      h.el("p", {{"class", "suppressed"}}, fewer);
    } else {
      h.open("div", {{"class", "table-wrap"},
                     {"tabindex", "0"},
                     {"role", "region"},
                     {"aria-label", q.label}})
          .open("table", {{"class", "results"}});
      h.open("thead").open("tr");
      h.el("th", {{"scope", "col"}}, t("Month"));
      h.el("th", {{"scope", "col"}}, t("Respondents"));
      h.close("tr").close("thead").open("tbody");
      for (const auto& [month, c] : q.months) {
        std::string label = month;
        if (month.size() == 7)
          label = t.year(std::atoi(month.substr(0, 4).c_str())) + "-" +
                  t.number(std::atoi(month.substr(5, 2).c_str()));
        h.open("tr", {{"data-month", month}});
        h.el("th", {{"scope", "row"}}, label);
        h.el("td", count_text(t, c, p.threshold));
        h.close("tr");
      }
      h.close("tbody").close("table").close("div");
    }
  } else if (q.type == "text") {
    if (!q.shown) {
      h.el("p", {{"class", "suppressed"}},
           t("The answers are listed when at least {n} respondents have written one.",
             {{"n", t.number(p.threshold)}}));
    } else {
      h.open("ul", {{"class", "free-text"}});
      // Each answer isolated in its own direction; the list follows the page's.
      for (const auto& x : q.texts) h.open("li").el("span", {{"dir", "auto"}}, x).close("li");
      h.close("ul");
      if (q.texts_cut)
        h.el("p", {{"class", "hint"}},
             t("Only the first {n} answers are listed.", {{"n", t.number(kMaxTexts)}}));
    }
  }
  h.close("section");
}

}  // namespace

std::string results_query(const ResultsQuery& q) {
  std::string s;
  auto add = [&](std::string_view name, const std::string& v) {
    if (v.empty()) return;
    s += s.empty() ? "?" : "&";
    s += fmt::format("{}={}", name, v);  // validated values: digits, letters and _
  };
  add("version", q.version);
  add("round", q.round ? std::to_string(q.round) : "");
  add("cohort", q.cohort ? std::to_string(q.cohort) : "");
  add("by", q.by);
  return s;
}

std::string results(const web::Ctx& ctx, const ResultsPage& p) {
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, ctx, p.survey, p.title, p.programme);
  h.open("h1");
  title_message(h, ctx, t("Results: {survey}"), p.title);
  h.close("h1");
  working_title_note(h, ctx, p.title);
  h.el("p", {{"class", "hint"}},
       p.survey.anonymous ? t("Anonymous survey: responses are not linked to anyone.")
                          : t("Identified survey: results here are shown without names."));
  threshold_note(h, t, p.threshold);
  filters(h, ctx, p);
  h.open("ul", {{"class", "links"}});
  if (p.has_pre_post)
    h.open("li")
        .open("a", {{"href", survey_path(p.survey) + "/change"}})
        .text(t("Change before and after the programme"))
        .close("a")
        .close("li");
  if (p.can_see_responses)
    h.open("li")
        .open("a", {{"href", survey_path(p.survey) + "/responses"}})
        .text(t("Responses with names"))
        .close("a")
        .close("li");
  h.close("ul");
  if (p.filter_refused) {
    h.el("p", {{"class", "flash error"}, {"role", "status"}, {"data-refused", "1"}},
         t("This choice would let a group of fewer than {n} respondents be worked out. Choose "
           "fewer filters.",
           {{"n", t.number(p.threshold)}}));
    return std::move(h).str();
  }
  if (p.too_few) {
    h.el("p", {{"class", "flash"}, {"role", "status"}, {"data-too-few", "1"}},
         t("Fewer than {n} respondents: results are shown from {n} respondents on.",
           {{"n", t.number(p.threshold)}}));
    return std::move(h).str();
  }
  h.el("p", {{"class", "respondents"}, {"data-respondents", std::to_string(p.respondents)}},
       t.plural("{n} respondent", "{n} respondents", p.respondents));
  web::export_links(h, t, survey_path(p.survey) + "/results", results_query(p.query));
  if (p.query.by == "route_role")
    h.el("p", {{"class", "hint"}},
         t("A respondent counts once for each route role their country holds in the programme."));
  for (const auto& q : p.questions) question(h, ctx, p, q);
  return std::move(h).str();
}

web::Table results_table(const web::Ctx& ctx, const ResultsPage& p) {
  const auto& t = ctx.tr;
  web::Table out;
  out.header = {t("Question"), t("Row"), t("Answer"), t("Group"), t("Respondents"), t("Share")};
  if (p.filter_refused || p.too_few) return out;
  auto plain = [&](const Count& c) {
    return c.shown() ? std::to_string(c.value) : count_text(t, c, p.threshold);
  };
  auto share = [&](const Count& c, long of) {
    if (!c.shown() || of <= 0) return std::string();
    return fmt::format("{:.1f}", 100.0 * static_cast<double>(c.value) / static_cast<double>(of));
  };
  const std::string all = t("All respondents");
  for (const auto& q : p.questions) {
    for (const auto& b : q.blocks) {
      for (std::size_t i = 0; i < b.choice_names.size(); ++i) {
        if (p.query.by != "route_role")
          out.rows.push_back({q.label, b.item_label, b.choice_labels[i], all, plain(b.overall[i]),
                              b.answered_shown ? share(b.overall[i], b.answered) : ""});
        for (std::size_t g = 0; g < p.groups.size(); ++g) {
          const auto& ga = b.group_answered[g];
          out.rows.push_back({q.label, b.item_label, b.choice_labels[i],
                              group_label(t, p.query.by, p.groups[g]), plain(b.by_group[i][g]),
                              ga.shown() ? share(b.by_group[i][g], ga.value) : ""});
        }
      }
    }
    if ((q.type == "integer" || q.type == "decimal") && q.shown) {
      auto num = [](double v) { return fmt::format("{:.2f}", v); };
      out.rows.push_back({q.label, "", t("Respondents"), all, std::to_string(q.stats.count), ""});
      out.rows.push_back({q.label, "", t("Mean"), all, num(q.stats.mean), ""});
      out.rows.push_back({q.label, "", t("Median"), all, num(q.stats.median), ""});
      out.rows.push_back({q.label, "", t("Smallest"), all, num(q.stats.min), ""});
      out.rows.push_back({q.label, "", t("Largest"), all, num(q.stats.max), ""});
    }
    if (q.type == "date" && q.shown)
      for (const auto& [month, c] : q.months)
        out.rows.push_back({q.label, "", month, all, plain(c), share(c, q.answered)});
  }
  return out;
}

std::string change(const web::Ctx& ctx, const ChangePage& p) {
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, ctx, p.survey, p.title, p.programme);
  h.open("h1");
  title_message(h, ctx, t("Change before and after: {survey}"), p.title);
  h.close("h1");
  working_title_note(h, ctx, p.title);
  h.el("p", {{"class", "hint"}},
       t("Each person's answer after the programme is compared with their own answer before "
         "it. Ratings count from {one} for the lowest point of the scale.",
         {{"one", t.number(1)}}));
  threshold_note(h, t, p.threshold);
  h.el("p", {{"class", "respondents"}, {"data-paired", std::to_string(p.people_paired)}},
       anonymity::shown_nonempty(p.people_paired, p.threshold)
           ? t.plural("{n} person answered before and after",
                      "{n} people answered before and after", p.people_paired)
           : t("Fewer than {n} people answered before and after.", {{"n", t.number(p.threshold)}}));
  h.open("p").open("a", {{"href", survey_path(p.survey) + "/results"}}).text(t("All results"));
  h.close("a").close("p");
  if (p.rows.empty()) return std::move(h).str();
  web::BarChart chart;
  chart.title = t("Mean after the programme");
  chart.rtl = t.rtl();
  double max = 0;
  for (const auto& r : p.rows) max = std::max(max, r.after);
  chart.max = std::max({max, p.scale_max, 1.0});
  for (const auto& r : p.rows) {
    web::Bar bar;
    bar.label = r.label;
    bar.value = r.shown ? r.after : 0;
    bar.target = r.shown ? r.before : -1;
    bar.value_text =
        r.shown ? decimal(t, r.after) : t("fewer than {n}", {{"n", t.number(p.threshold)}});
    chart.bars.push_back(std::move(bar));
  }
  h.open("div", {{"class", "pair"}});
  h.open("figure", {{"class", "chart"}});
  web::bar_chart(h, chart);
  h.el("figcaption", {{"class", "hint"}},
       t("Bars: mean after the programme; dashed lines: mean before."));
  h.close("figure");
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", t("Change per competence")}})
      .open("table", {{"class", "results change"}});
  h.open("thead").open("tr");
  h.el("th", {{"scope", "col"}}, t("Competence"));
  h.el("th", {{"scope", "col"}}, t("People paired"));
  h.el("th", {{"scope", "col"}}, t("Mean before"));
  h.el("th", {{"scope", "col"}}, t("Mean after"));
  h.el("th", {{"scope", "col"}}, t("Mean change"));
  h.close("tr").close("thead").open("tbody");
  for (const auto& r : p.rows) {
    h.open("tr", {{"data-item", r.item.empty() ? r.question : r.item}});
    h.el("th", {{"scope", "row"}, {"dir", "auto"}}, r.label);
    if (!r.shown) {
      h.el("td", {{"colspan", "4"}, {"data-paired", "hidden"}},
           t("fewer than {n}", {{"n", t.number(p.threshold)}}));
    } else {
      h.el("td", {{"data-paired", std::to_string(r.paired)}}, t.number(r.paired));
      h.el("td", {{"data-before", fmt::format("{:.2f}", r.before)}}, decimal(t, r.before));
      h.el("td", {{"data-after", fmt::format("{:.2f}", r.after)}}, decimal(t, r.after));
      // A signed number reads left to right in every language ("+٠٫٩").
      h.open("td", {{"data-change", fmt::format("{:.2f}", r.change)}})
          .el("span", {{"dir", "ltr"}}, (r.change > 0.05 ? "+" : "") + decimal(t, r.change))
          .close("td");
    }
    h.close("tr");
  }
  h.close("tbody").close("table").close("div").close("div");
  return std::move(h).str();
}

web::Table responses_table(const web::Ctx& ctx, const ResponsesPage& p) {
  const auto& t = ctx.tr;
  web::Table out;
  out.header = {t("Name"), t("Cohort"), t("Submitted"), t("Language")};
  for (const auto& c : p.columns) out.header.push_back(c.label);
  for (const auto& r : p.rows) {
    std::vector<std::string> row = {r.response.person_name, r.response.cohort_name,
                                    t.date(r.response.submitted_on), r.response.language};
    row.insert(row.end(), r.cells.begin(), r.cells.end());
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string responses(const web::Ctx& ctx, const ResponsesPage& p) {
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, ctx, p.survey, p.title, p.programme);
  h.open("h1");
  title_message(h, ctx, t("Responses with names: {survey}"), p.title);
  h.close("h1");
  working_title_note(h, ctx, p.title);
  h.el("p", {{"class", "hint"}},
       t("Identified survey: staff see who gave which answers. Lecturers see the results "
         "without names."));
  h.el("p", {{"class", "respondents"}, {"data-responses", std::to_string(p.rows.size())}},
       t.plural("{n} response", "{n} responses", static_cast<long>(p.rows.size())));
  web::export_links(h, t, survey_path(p.survey) + "/responses", "");
  if (p.cut)
    h.el("p", {{"class", "hint"}},
         t("Only the first {n} responses are listed.", {{"n", t.number(kMaxRawResponses)}}));
  auto table = responses_table(ctx, p);
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", t("Responses")}})
      .open("table", {{"class", "responses"}});
  h.open("thead").open("tr");
  for (std::size_t i = 0; i < table.header.size(); ++i)
    h.el("th", {{"scope", "col"}, {"?dir", i >= 4 ? "auto" : ""}}, table.header[i]);
  h.close("tr").close("thead").open("tbody");
  for (const auto& row : table.rows) {
    h.open("tr");
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i == 0)
        h.open("th", {{"scope", "row"}}).bdi(row[i]).close("th");
      else
        h.el("td", {{"dir", "auto"}}, row[i]);
    }
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  return std::move(h).str();
}

}  // namespace crm::surveys::views

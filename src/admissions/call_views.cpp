#include "admissions/call_views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "admissions/blinding.hpp"
#include "auth/views.hpp"
#include "programme/countries.hpp"
#include "programme/parity_views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::admissions::views {

namespace {

using web::Html;

std::string call_path(int64_t id, std::string_view rest = {}) {
  return fmt::format("/calls/{}{}", id, rest);
}

std::string status_label(const Tr& t, std::string_view s) {
  if (s == "draft") return t("Draft");
  if (s == "published") return t("Published");
  if (s == "closed") return t("Closed");
  if (s == "decided") return t("Decided");
  return std::string(s);
}

std::string document_label(const Tr& t, std::string_view kind) {
  if (kind == "cv") return t("CV");
  if (kind == "support_letter") return t("Letter of support");
  return t("Other document");
}

std::string blind_label(const Tr& t, blinding::Field f) {
  switch (f) {
    case blinding::Field::name:
      return t("Name");
    case blinding::Field::email:
      return t("E-mail address");
    case blinding::Field::gender:
      return t("Gender");
    case blinding::Field::age:
      return t("Age");
    case blinding::Field::nationality:
      return t("Nationality");
    case blinding::Field::organisation:
      return t("Organisation name");
    case blinding::Field::photo:
      return t("Photo");
    case blinding::Field::documents:
      return t("Documents");
  }
  return {};
}

// "31 Mar 2026, 23:59" in `zone`: the last minute a call takes applications
// (closes_at is the first second after it).
std::string minute_in(const Tr& t, const std::string& zone, int64_t at) {
  return t.format_in(zone, "yMMMdHm", at);
}

// A criterion's weight in the reader's digits, to two decimals at most
// ("2", "1.5", "١٫٥").
std::string weight_text(const Tr& t, double weight) {
  const long long hundredths = std::llround(weight * 100);
  std::string s = t.number(hundredths / 100);
  long long fraction = hundredths % 100;
  if (fraction == 0) return s;
  std::string_view lang = t.language();
  s += lang == "ar" ? "\u066B" : (lang == "en" ? "." : ",");
  if (fraction % 10 == 0) return s + t.number(fraction / 10);
  if (fraction < 10) s += t.number(0);
  return s + t.number(fraction);
}

std::string zone_name(const Tr& t, const std::string& zone) {
  return time_zone_name(zone, t.language());
}

// " · Berlin (Central European Time)" after a time.
void in_zone(Html& h, const Tr& t, const std::string& zone) {
  h.text(" · ").open("span", {{"class", "muted"}}).text(zone_name(t, zone)).close("span");
}

// "Cohort 4", and the cohort's own name after it when it has another one.
void cohort_name(Html& h, const Tr& t, long number, const std::string& name) {
  h.text(t("Cohort {n}", {{"n", t.number(number)}}));
  if (!name.empty() && name != "Cohort " + std::to_string(number)) h.text(" (").bdi(name).text(")");
}

// User text of several paragraphs, in its own language when not the page's.
void paragraphs(Html& h, std::string_view text, std::string_view lang) {
  h.open("div", {{"dir", "auto"}, {"?lang", lang}});
  size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.empty()) h.el("p", line);
    start = end + 1;
  }
  h.close("div");
}

void textarea(Html& h, const web::Ctx& ctx, const std::string& name, const std::string& label,
              const std::string& value, const Error* error, std::string_view lang,
              std::string_view rows = "4", const std::string& hint = {}) {
  const std::string id = "f-" + name;
  const auto message = web::error_for(ctx, error, name);
  h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  if (!hint.empty()) h.el("p", {{"class", "hint"}, {"id", id + "-hint"}}, hint);
  h.open("textarea", {{"id", id},
                      {"name", name},
                      {"rows", rows},
                      {"dir", "auto"},
                      {"?lang", lang},
                      {"maxlength", "5000"},
                      {"?aria-invalid", message.empty() ? "" : "true"},
                      {"?aria-describedby",
                       message.empty() ? (hint.empty() ? "" : id + "-hint") : id + "-error"}})
      .text(value)
      .close("textarea");
  if (!message.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, message);
  h.close("div");
}

// The call's title as staff see it above its pages, with the links between them.
void staff_head(Html& h, const web::Ctx& ctx, const CallHead& head, std::string_view here,
                const std::string& heading) {
  const auto& t = ctx.tr;
  const auto& c = head.call;
  h.open("p").open("a", {{"href", "/calls/manage"}}).text(t("Calls")).close("a").close("p");
  h.el("h1", heading);
  h.open("p");
  if (!head.row.title.empty())
    h.open("bdi", {{"lang", head.row.title_language}})
        .text(head.row.title)
        .close("bdi")
        .text(" · ");
  cohort_name(h, t, head.row.cohort_number, head.row.cohort);
  h.text(" · ").text(status_label(t, c.status));
  h.close("p");
  h.open("nav", {{"aria-label", t("The call's pages")}}).open("p", {{"class", "actions"}});
  const std::pair<std::string_view, std::string> pages[] = {
      {"/edit", t("Call")},
      {"/questions", t("Eligibility questions")},
      {"/criteria", t("Review criteria")},
      {"/bounds", t("Parity bounds")},
      // The call's results (issue 13 §6).
      {"/funnel", t("Funnel")},
      {"", t("Public page")}};
  for (const auto& [rest, label] : pages) {
    if (rest == here)
      h.el("a", {{"href", call_path(c.id, rest)}, {"aria-current", "page"}}, label);
    else
      h.el("a", {{"href", call_path(c.id, rest)}}, label);
  }
  h.close("p").close("nav");
}

// The native name of a language as a legend, marked with its language.
void language_legend(Html& h, const Language& l) {
  h.open("legend").open("span", {{"lang", l.code}, {"dir", l.rtl ? "rtl" : "ltr"}});
  h.text(l.native).close("span").close("legend");
}

// Label (and hint or guidance) per language, for questions and criteria.
void label_fields(Html& h, const web::Ctx& ctx, const LabelTexts& texts, const Error* error,
                  const std::string& second, const std::string& second_label) {
  const auto& t = ctx.tr;
  for (const auto& l : languages()) {
    const std::string code(l.code);
    auto it = texts.find(code);
    const std::string label_name = "label_" + code, second_name = second + "_" + code;
    h.open("fieldset");
    language_legend(h, l);
    web::field(h, {.name = label_name,
                   .label = t("Label"),
                   .value = it == texts.end() ? "" : it->second.first,
                   .error = web::error_for(ctx, error, label_name),
                   .lang = l.code});
    textarea(h, ctx, second_name, second_label, it == texts.end() ? "" : it->second.second, error,
             l.code, "2");
    h.close("fieldset");
  }
}

// A label in the reader's language, else English, else the first written.
const std::pair<std::string, std::string>* label_for(const LabelTexts& texts,
                                                     std::string_view language,
                                                     std::string* shown_language) {
  for (auto want : {language, std::string_view("en")}) {
    auto it = texts.find(std::string(want));
    if (it != texts.end() && !it->second.first.empty()) {
      *shown_language = it->first;
      return &it->second;
    }
  }
  for (const auto& [l, x] : texts)
    if (!x.first.empty()) {
      *shown_language = l;
      return &x;
    }
  return nullptr;
}

void label_cell(Html& h, const web::Ctx& ctx, const LabelTexts& texts) {
  std::string shown;
  const auto* x = label_for(texts, ctx.tr.language(), &shown);
  h.open("td");
  if (x) h.open("bdi", {{"lang", shown}}).text(x->first).close("bdi");
  h.close("td");
}

// A POST button in a form of its own (delete, publish, close).
void post_button(Html& h, const web::Ctx& ctx, const std::string& action, const std::string& label,
                 std::initializer_list<web::Attr> hidden = {}, std::string_view cls = "button") {
  h.open("form", {{"method", "post"}, {"action", action}});
  web::csrf_field(h, ctx);
  for (const auto& [name, value] : hidden)
    h.empty("input", {{"type", "hidden"}, {"name", name}, {"value", value}});
  h.open("button", {{"type", "submit"}, {"class", cls}}).text(label).close("button");
  h.close("form");
}

void date_fields(Html& h, const web::Ctx& ctx, const CallForm& f, const Error* error) {
  const auto& t = ctx.tr;
  h.open("fieldset").el("legend", t("When the call takes applications"));
  h.el("p", {{"class", "hint"}},
       t("From the first second of the opening minute to the last second of the closing "
         "minute, in the call's time zone."));
  h.open("div", {{"class", "grid-form"}});
  web::field(h, {.name = "opens_date",
                 .label = t("Opening date"),
                 .type = "date",
                 .value = f.opens_date,
                 .error = web::error_for(ctx, error, "opens_date"),
                 .required = true});
  web::field(h, {.name = "opens_time",
                 .label = t("Opening time"),
                 .type = "time",
                 .value = f.opens_time,
                 .error = web::error_for(ctx, error, "opens_time"),
                 .required = true});
  web::field(h, {.name = "closes_date",
                 .label = t("Closing date"),
                 .type = "date",
                 .value = f.closes_date,
                 .error = web::error_for(ctx, error, "closes_date"),
                 .required = true});
  web::field(h, {.name = "closes_time",
                 .label = t("Closing time (the last minute)"),
                 .type = "time",
                 .value = f.closes_time,
                 .error = web::error_for(ctx, error, "closes_time"),
                 .required = true});
  h.close("div");
  web::time_zone_field(h, ctx, auth::views::time_zones(), f.time_zone,
                       web::error_for(ctx, error, "time_zone"));
  h.close("fieldset");
  web::field(h, {.name = "places",
                 .label = t("Places"),
                 .type = "number",
                 .value = f.places,
                 .error = web::error_for(ctx, error, "places"),
                 .required = true,
                 .inputmode = "numeric"});
}

// Deadline and opening of a call: in its zone, and in the reader's (signed
// in) or UTC (anonymous: the browser is not asked).
void deadline_facts(Html& h, const web::Ctx& ctx, const Call& c) {
  const auto& t = ctx.tr;
  const std::string other = ctx.actor.signed_in() ? t.time_zone() : "UTC";
  const int64_t last = c.closes_at - 60;
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Opens"));
  h.open("dd").text(minute_in(t, c.time_zone, c.opens_at));
  in_zone(h, t, c.time_zone);
  h.close("dd");
  h.el("dt", t("Deadline"));
  h.open("dd").open("strong").text(minute_in(t, c.time_zone, last)).close("strong");
  in_zone(h, t, c.time_zone);
  h.close("dd");
  if (other != c.time_zone) {
    h.el("dt", ctx.actor.signed_in() ? t("Deadline in your time zone") : t("Deadline in UTC"));
    h.open("dd").text(minute_in(t, other, last));
    in_zone(h, t, other);
    h.close("dd");
  }
  h.close("dl");
}

}  // namespace

std::string open_calls(const web::Ctx& ctx, const OpenCalls& l) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Calls for applications"));
  h.el("p", t("The programme chooses each cohort from the people who apply to its call. Read "
              "the call, then apply before its deadline."));
  if (l.calls.empty()) {
    h.el("p", t("No call is open at the moment."));
    return std::move(h).str();
  }
  h.open("ul", {{"class", "cards"}, {"role", "list"}});
  for (const auto& r : l.calls) {
    const auto& c = r.call;
    h.open("li", {{"class", "card"}});
    h.open("h2").open("a", {{"href", call_path(c.id)}});
    if (r.title.empty())
      h.text(t("Call for applications"));
    else
      h.open("bdi", {{"lang", r.title_language}}).text(r.title).close("bdi");
    h.close("a").close("h2");
    h.open("p", {{"class", "muted"}}).bdi(r.programme).text(" · ");
    h.text(t("Cohort {n}", {{"n", t.number(r.cohort_number)}})).close("p");
    h.open("p");
    if (ctx.now < c.opens_at)
      h.text(t("Opens {date}", {{"date", minute_in(t, c.time_zone, c.opens_at)}}));
    else
      h.text(t("Apply until {date}", {{"date", minute_in(t, c.time_zone, c.closes_at - 60)}}));
    in_zone(h, t, c.time_zone);
    h.close("p");
    h.el("p", t.plural("{n} place", "{n} places", c.places));
    h.close("li");
  }
  h.close("ul");
  return std::move(h).str();
}

std::string public_call(const web::Ctx& ctx, const PublicCall& p) {
  const auto& t = ctx.tr;
  const auto& c = p.head.call;
  const std::string text_lang = p.text_language == t.language() ? "" : p.text_language;
  Html h;
  h.open("p")
      .open("a", {{"href", "/calls"}})
      .text(t("Calls for applications"))
      .close("a")
      .close("p");
  h.open("h1");
  if (p.text.title.empty())
    h.text(t("Call for applications"));
  else
    h.open("bdi", {{"?lang", text_lang}}).text(p.text.title).close("bdi");
  h.close("h1");
  h.open("p", {{"class", "muted"}}).bdi(p.head.row.programme).text(" · ");
  cohort_name(h, t, p.head.row.cohort_number, p.head.row.cohort);
  h.close("p");
  if (c.status == "draft")
    h.el("p", {{"class", "card attention"}},
         t("This call is a draft: only the programme's staff see it."));
  if (p.can_manage)
    h.open("p")
        .open("a", {{"href", call_path(c.id, "/edit")}})
        .text(t("Edit the call"))
        .close("a")
        .close("p");

  h.open("section", {{"class", "card"}, {"aria-labelledby", "call-deadline"}});
  h.el("h2", {{"id", "call-deadline"}}, t("Applying"));
  deadline_facts(h, ctx, c);
  h.el("p", t.plural("{n} place", "{n} places", c.places));
  if (p.open) {
    h.open("form", {{"method", "post"}, {"action", call_path(c.id, "/apply")}});
    web::csrf_field(h, ctx);
    h.open("button", {{"type", "submit"}, {"class", "button primary"}}).text(t("Apply"));
    h.close("button").close("form");
  } else if (p.opens_later) {
    h.el("p", {{"class", "muted"}}, t("This call does not take applications yet."));
  } else if (c.status != "draft") {
    h.el("p", {{"class", "muted"}}, t("This call is closed: it takes no more applications."));
  }
  h.close("section");

  const std::pair<std::string, const std::string*> sections[] = {
      {t("Who may apply"), &p.text.who_may_apply},
      {t("What the programme offers"), &p.text.offer},
      {t("Costs and funding"), &p.text.costs},
      {t("Dates of the online and on-site weeks"), &p.text.dates}};
  for (const auto& [heading, body] : sections) {
    if (body->empty()) continue;
    h.open("section").el("h2", heading);
    paragraphs(h, *body, text_lang);
    h.close("section");
  }
  if (!p.documents.empty()) {
    h.open("section").el("h2", t("Documents to send"));
    h.open("ul");
    for (const auto& d : p.documents) {
      const long mb = static_cast<long>(d.max_bytes / (1024 * 1024));
      h.el("li", t("{document}: {requirement}, PDF, DOCX or ODT, at most {size} MB",
                   {{"document", document_label(t, d.kind)},
                    {"requirement", d.required ? t("required") : t("optional")},
                    {"size", t.number(mb)}}));
    }
    h.close("ul").close("section");
  }
  if (!p.questions.empty()) {
    h.open("section").el("h2", t("Eligibility questions"));
    h.el("p", t("The form asks you these questions."));
    h.open("ul");
    for (const auto& q : p.questions) {
      std::string shown;
      const auto* x = label_for(q.texts, t.language(), &shown);
      if (!x) continue;
      const std::string lang = shown == t.language() ? "" : shown;
      h.open("li").open("span", {{"dir", "auto"}, {"?lang", lang}}).text(x->first).close("span");
      if (!x->second.empty())
        h.empty("br")
            .open("span", {{"class", "hint"}, {"dir", "auto"}, {"?lang", lang}})
            .text(x->second)
            .close("span");
      h.close("li");
    }
    h.close("ul").close("section");
  }
  h.open("section").el("h2", t("Your data"));
  if (!p.text.retention_notice.empty()) paragraphs(h, p.text.retention_notice, text_lang);
  h.el("p", t.plural("The documents of applicants who are not admitted are deleted {n} month "
                     "after the decision.",
                     "The documents of applicants who are not admitted are deleted {n} months "
                     "after the decision.",
                     c.retention_months));
  h.close("section");
  return std::move(h).str();
}

web::Table manage_calls_table(const web::Ctx& ctx, const ManageCalls& m) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Title"),  t("Programme"), t("Cohort"),    t("Status"),
                  t("Opens"),  t("Deadline"),  t("Time zone"), t("Places"),
                  t("Drafts"), t("Submitted"), t("Withdrawn")};
  for (const auto& r : m.calls) {
    const auto& c = r.call;
    table.rows.push_back({r.title, r.programme, std::to_string(r.cohort_number),
                          status_label(t, c.status), minute_in(t, c.time_zone, c.opens_at),
                          minute_in(t, c.time_zone, c.closes_at - 60), c.time_zone,
                          std::to_string(c.places), std::to_string(r.drafts),
                          std::to_string(r.submitted), std::to_string(r.withdrawn)});
  }
  return table;
}

std::string manage_calls(const web::Ctx& ctx, const ManageCalls& m) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Calls"));
  h.el("p", t("A call for applications per cohort: write it, publish it, close it."));
  if (m.can_create)
    h.open("p")
        .open("a", {{"href", "/calls/new"}, {"class", "button primary"}})
        .text(t("New call"))
        .close("a")
        .close("p");
  h.el("p", {{"class", "count"}},
       t.plural("{n} call", "{n} calls", static_cast<long>(m.calls.size())));
  if (m.calls.empty()) return std::move(h).str();
  web::export_links(h, t, "/calls/manage", "");
  h.open(
       "div",
       {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", t("Calls")}})
      .open("table");
  h.open("thead").open("tr");
  for (const auto& head :
       {t("Title"), t("Cohort"), t("Status"), t("Deadline"), t("Places"), t("Applications")})
    h.el("th", {{"scope", "col"}}, head);
  h.close("tr").close("thead").open("tbody");
  for (const auto& r : m.calls) {
    const auto& c = r.call;
    h.open("tr").open("th", {{"scope", "row"}});
    h.open("a", {{"href", call_path(c.id, "/edit")}});
    if (r.title.empty())
      h.text(t("Untitled call"));
    else
      h.open("bdi", {{"lang", r.title_language}}).text(r.title).close("bdi");
    h.close("a").close("th");
    h.open("td").bdi(r.programme).text(" · ");
    h.text(t("Cohort {n}", {{"n", t.number(r.cohort_number)}})).close("td");
    h.el("td", status_label(t, c.status));
    h.open("td").text(minute_in(t, c.time_zone, c.closes_at - 60));
    in_zone(h, t, c.time_zone);
    h.close("td");
    h.el("td", t.number(c.places));
    h.el("td", t("{submitted} submitted, {drafts} started, {withdrawn} withdrawn",
                 {{"submitted", t.number(r.submitted)},
                  {"drafts", t.number(r.drafts)},
                  {"withdrawn", t.number(r.withdrawn)}}));
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  return std::move(h).str();
}

std::string new_call(const web::Ctx& ctx, const NewCallPage& p, const Error* error) {
  const auto& t = ctx.tr;
  Html h;
  h.open("p").open("a", {{"href", "/calls/manage"}}).text(t("Calls")).close("a").close("p");
  h.el("h1", t("New call"));
  if (p.cohorts.empty()) {
    h.el("p", t("Every cohort of your programme has a call already. Add a cohort first."));
    return std::move(h).str();
  }
  h.el("p", t("One call per cohort. After creating it you write its texts in each language, "
              "its questions, its review criteria and its parity bounds."));
  h.open("form", {{"method", "post"}, {"action", "/calls/new"}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  std::vector<web::Option> options{{"", t("Choose a cohort")}};
  for (const auto& c : p.cohorts)
    options.push_back({std::to_string(c.id), c.programme + " · " +
                                                 t("Cohort {n}", {{"n", t.number(c.number)}}) +
                                                 (c.name.empty() ? "" : " (" + c.name + ")")});
  web::select(h, "cohort", t("Cohort"), options, p.form.cohort,
              web::error_for(ctx, error, "cohort"));
  date_fields(h, ctx, p.form, error);
  web::submit(h, t("Create the call"));
  h.close("form");
  return std::move(h).str();
}

std::string edit_call(const web::Ctx& ctx, const EditCallPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& c = p.head.call;
  const auto& f = p.form;
  Html h;
  staff_head(h, ctx, p.head, "/edit", t("Edit the call"));
  // Publishing and closing.
  h.open("section", {{"class", "card"}, {"aria-labelledby", "call-status"}});
  h.el("h2", {{"id", "call-status"}},
       t("Status: {status}", {{"status", status_label(t, c.status)}}));
  if (const auto* wide = error && error->field.empty() ? error : nullptr)
    h.el("p", {{"class", "error"}, {"role", "alert"}}, t.error(*wide));
  h.el("p", t.plural("{n} application", "{n} applications", p.head.applications));
  if (c.status == "draft") {
    h.el("p", {{"class", "hint"}},
         t("Publishing needs a title in at least one language, a closing after the opening "
           "and at least one review criterion."));
    post_button(h, ctx, call_path(c.id, "/publish"), t("Publish the call"), {}, "button primary");
  } else if (c.status == "published") {
    post_button(h, ctx, call_path(c.id, "/close"), t("Close the call now"));
  }
  h.close("section");

  h.open("form", {{"method", "post"}, {"action", call_path(c.id, "/edit")}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  date_fields(h, ctx, f, error);
  if (p.closing_passed_with_applications)
    web::check(h, {.name = "reopen",
                   .label = t("Reopen: the deadline has passed and people have applied; take "
                              "applications again until the new closing."),
                   .checked = f.reopen,
                   .error = web::error_for(ctx, error, "reopen")});

  h.el("h2", t("Texts"));
  h.el("p", {{"class", "hint"}},
       t("Write the call in each language it is published in. Readers get their language, "
         "else English, else another language written."));
  for (const auto& l : languages()) {
    const std::string code(l.code);
    auto it = f.texts.find(code);
    const CallText x = it == f.texts.end() ? CallText{} : it->second;
    const std::string title = "title_" + code;
    h.open("fieldset");
    language_legend(h, l);
    web::field(h, {.name = title,
                   .label = t("Title"),
                   .value = x.title,
                   .error = web::error_for(ctx, error, title),
                   .lang = l.code});
    textarea(h, ctx, "who_" + code, t("Who may apply"), x.who_may_apply, error, l.code);
    textarea(h, ctx, "offer_" + code, t("What the programme offers"), x.offer, error, l.code);
    textarea(h, ctx, "costs_" + code, t("Costs and funding"), x.costs, error, l.code);
    textarea(h, ctx, "dates_" + code, t("Dates of the online and on-site weeks"), x.dates, error,
             l.code);
    textarea(h, ctx, "retention_" + code, t("What happens to applicants' data"), x.retention_notice,
             error, l.code, "2",
             t("The page adds the rule itself: documents of those not admitted are deleted "
               "after the months set below."));
    h.close("fieldset");
  }

  h.el("h2", t("Review"));
  h.open("fieldset").el("legend", t("What first-stage reviewers do not see"));
  for (auto field : blinding::kBlindable) {
    const std::string name(blinding::field_name(field));
    web::check(h, {.name = "blind",
                   .value = blinding::field_name(field),
                   .label = blind_label(t, field),
                   .id = "f-blind-" + name,
                   .checked = std::find(f.blind.begin(), f.blind.end(), name) != f.blind.end()});
  }
  h.close("fieldset");
  web::check(h, {.name = "conflict_same_country",
                 .label = t("Never assign a reviewer an applicant of their own country"),
                 .checked = f.conflict_same_country});
  web::check(h, {.name = "second_stage",
                 .label = t("A second stage where reviewers see the whole application"),
                 .checked = f.second_stage});
  web::field(h, {.name = "reviewers",
                 .label = t("Reviewers per application"),
                 .type = "number",
                 .value = f.reviewers,
                 .error = web::error_for(ctx, error, "reviewers"),
                 .required = true,
                 .hint = t("At least 2."),
                 .inputmode = "numeric"});
  web::field(h, {.name = "retention",
                 .label = t("Months after the decision until the documents of those not "
                            "admitted are deleted"),
                 .type = "number",
                 .value = f.retention,
                 .error = web::error_for(ctx, error, "retention"),
                 .required = true,
                 .inputmode = "numeric"});

  h.el("h2", t("Documents asked for"));
  for (auto kind : document_kinds()) {
    const std::string k(kind);
    auto it = f.documents.find(k);
    const DocumentForm d = it == f.documents.end() ? DocumentForm{} : it->second;
    const std::string max = "max_" + k, asked = "doc_" + k, required = "required_" + k;
    h.open("fieldset");
    h.el("legend", document_label(t, kind));
    web::check(h, {.name = asked,
                   .label = t("Ask for it"),
                   .checked = d.asked,
                   .error = web::error_for(ctx, error, asked)});
    web::check(h, {.name = required, .label = t("Required"), .checked = d.required});
    web::field(h, {.name = max,
                   .label = t("Largest size in MB"),
                   .type = "number",
                   .value = d.max_megabytes,
                   .error = web::error_for(ctx, error, max),
                   .inputmode = "numeric"});
    h.close("fieldset");
  }
  web::submit(h, t("Save the call"));
  h.close("form");
  return std::move(h).str();
}

std::string questions(const web::Ctx& ctx, const QuestionsPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& c = p.head.call;
  Html h;
  staff_head(h, ctx, p.head, "/questions", t("Eligibility questions"));
  if (const auto* wide = error && error->field.empty() ? error : nullptr)
    h.el("p", {{"class", "error"}, {"role", "alert"}}, t.error(*wide));
  h.el("p", t("Questions every applicant answers. A yes/no question with an eligible answer "
              "marks those who answer otherwise as not eligible."));
  if (p.questions.empty()) {
    h.el("p", t("No question yet."));
  } else {
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Eligibility questions")}})
        .open("table");
    h.open("thead").open("tr");
    for (const auto& head :
         {t("Question"), t("Kind"), t("Required"), t("Eligible answer"), t("Actions")})
      h.el("th", {{"scope", "col"}}, head);
    h.close("tr").close("thead").open("tbody");
    for (const auto& q : p.questions) {
      h.open("tr");
      label_cell(h, ctx, q.texts);
      h.el("td", q.kind == "yes_no" ? t("Yes or no") : t("Text"));
      h.el("td", q.required ? t("Yes") : t("No"));
      h.el("td", q.eligible_answer == "yes"  ? t("Yes")
                 : q.eligible_answer == "no" ? t("No")
                                             : t("Any"));
      h.open("td");
      if (!p.locked)
        post_button(h, ctx, call_path(c.id, "/questions/" + std::to_string(q.id) + "/delete"),
                    t("Delete"));
      h.close("td").close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  if (p.locked) {
    h.el("p", {{"class", "muted"}}, t("People have applied: the questions cannot change."));
    return std::move(h).str();
  }
  h.el("h2", t("Add a question"));
  h.open("form",
         {{"method", "post"}, {"action", call_path(c.id, "/questions")}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  web::select(h, "kind", t("Kind"), {{"yes_no", t("Yes or no")}, {"text", t("Text")}}, p.form.kind,
              web::error_for(ctx, error, "kind"));
  web::select(h, "eligible", t("Eligible answer (yes/no questions)"),
              {{"", t("Any")}, {"yes", t("Yes")}, {"no", t("No")}}, p.form.eligible,
              web::error_for(ctx, error, "eligible"));
  web::check(h, {.name = "required", .label = t("Required"), .checked = p.form.required});
  label_fields(h, ctx, p.form.texts, error, "hint", t("Hint"));
  web::submit(h, t("Add the question"));
  h.close("form");
  return std::move(h).str();
}

std::string criteria(const web::Ctx& ctx, const CriteriaPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& c = p.head.call;
  Html h;
  staff_head(h, ctx, p.head, "/criteria", t("Review criteria"));
  if (const auto* wide = error && error->field.empty() ? error : nullptr)
    h.el("p", {{"class", "error"}, {"role", "alert"}}, t.error(*wide));
  h.el("p", t("Reviewers score each criterion on its scale; an application's score is the "
              "weighted mean."));
  if (p.criteria.empty()) {
    h.el("p", t("No criterion yet."));
  } else {
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Review criteria")}})
        .open("table");
    h.open("thead").open("tr");
    for (const auto& head : {t("Criterion"), t("Weight"), t("Scale"), t("Actions")})
      h.el("th", {{"scope", "col"}}, head);
    h.close("tr").close("thead").open("tbody");
    for (const auto& k : p.criteria) {
      h.open("tr");
      label_cell(h, ctx, k.texts);
      h.el("td", weight_text(t, k.weight));
      h.el("td",
           t("{min} to {max}", {{"min", t.number(k.scale_min)}, {"max", t.number(k.scale_max)}}));
      h.open("td");
      if (!p.locked)
        post_button(h, ctx, call_path(c.id, "/criteria/" + std::to_string(k.id) + "/delete"),
                    t("Delete"));
      h.close("td").close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  if (p.locked) {
    h.el("p", {{"class", "muted"}}, t("Reviews have begun: the rubric cannot change."));
    return std::move(h).str();
  }
  h.el("h2", t("Add a criterion"));
  h.open("form",
         {{"method", "post"}, {"action", call_path(c.id, "/criteria")}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  h.open("div", {{"class", "grid-form"}});
  web::field(h, {.name = "weight",
                 .label = t("Weight"),
                 .value = p.form.weight,
                 .error = web::error_for(ctx, error, "weight"),
                 .required = true,
                 .inputmode = "decimal"});
  web::field(h, {.name = "scale_min",
                 .label = t("Lowest score"),
                 .type = "number",
                 .value = p.form.scale_min,
                 .error = web::error_for(ctx, error, "scale_min"),
                 .required = true,
                 .inputmode = "numeric"});
  web::field(h, {.name = "scale_max",
                 .label = t("Highest score"),
                 .type = "number",
                 .value = p.form.scale_max,
                 .error = web::error_for(ctx, error, "scale_max"),
                 .required = true,
                 .inputmode = "numeric"});
  h.close("div");
  label_fields(h, ctx, p.form.texts, error, "guidance", t("Guidance for reviewers"));
  web::submit(h, t("Add the criterion"));
  h.close("form");
  return std::move(h).str();
}

std::string bounds(const web::Ctx& ctx, const BoundsPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& c = p.head.call;
  Html h;
  staff_head(h, ctx, p.head, "/bounds", t("Parity bounds"));
  h.el("p", t.plural("The cohort's parity targets as bounds on the call's {n} place: at least "
                     "and at most so many people of a route role, gender, country or type of "
                     "organisation. * stands for each value (\"at most {k} per country\").",
                     "The cohort's parity targets as bounds on the call's {n} places: at least "
                     "and at most so many people of a route role, gender, country or type of "
                     "organisation. * stands for each value (\"at most {k} per country\").",
                     c.places, {{"k", t.number(3)}}));
  if (p.bounds.empty()) {
    h.el("p", t("No bound yet."));
  } else {
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Parity bounds")}})
        .open("table");
    h.open("thead").open("tr");
    for (const auto& head : {t("Dimension"), t("Value"), t("At least"), t("At most"), t("Actions")})
      h.el("th", {{"scope", "col"}}, head);
    h.close("tr").close("thead").open("tbody");
    long n = 0;
    for (const auto& b : p.bounds) {
      ++n;
      h.open("tr");
      h.el("td", programme::views::dimension_label(t, b.dimension));
      h.el("td", b.value == "*" ? t("Each value")
                                : programme::views::bucket_label(t, b.dimension, b.value));
      h.el("td", t.number(b.min_count));
      h.el("td", b.max_count ? t.number(*b.max_count) : t("No limit"));
      h.open("td");
      post_button(h, ctx, call_path(c.id, "/bounds/" + std::to_string(n) + "/delete"), t("Delete"),
                  {{"dimension", b.dimension}, {"value", b.value}});
      h.close("td").close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  h.el("h2", t("Add a bound"));
  h.open("form", {{"method", "post"}, {"action", call_path(c.id, "/bounds")}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  std::vector<web::Option> dims{{"", t("Choose")}};
  for (auto d : bound_dimensions())
    dims.push_back({std::string(d), programme::views::dimension_label(t, d)});
  web::select(h, "dimension", t("Dimension"), dims, p.form.dimension,
              web::error_for(ctx, error, "dimension"));
  // The values by dimension, named in the reader's language (the page
  // sends the code; the service checks it fits the dimension chosen).
  std::vector<web::Option> values{{"", t("Choose")}, {"*", t("Each value")}};
  auto add_values = [&](std::string_view dimension, const auto& codes) {
    const std::string group = programme::views::dimension_label(t, dimension);
    for (const auto& v : codes)
      values.push_back({std::string(v), programme::views::bucket_label(t, dimension, v), group});
  };
  add_values("route_role", programme::route_roles());
  std::vector<std::string_view> genders(programme::gender_choices().begin(),
                                        programme::gender_choices().end());
  genders.push_back("self_described");
  add_values("gender", genders);
  std::vector<std::string> countries = p.countries;
  programme::sort_by_name(countries, t.language());
  add_values("country", countries);
  add_values("organisation_type", programme::organisation_types());
  web::select(h, "value", t("Value"), values, p.form.value, web::error_for(ctx, error, "value"));
  h.open("div", {{"class", "grid-form"}});
  web::field(h, {.name = "min",
                 .label = t("At least"),
                 .type = "number",
                 .value = p.form.min,
                 .error = web::error_for(ctx, error, "min"),
                 .inputmode = "numeric"});
  web::field(h, {.name = "max",
                 .label = t("At most (empty: no limit)"),
                 .type = "number",
                 .value = p.form.max,
                 .error = web::error_for(ctx, error, "max"),
                 .inputmode = "numeric"});
  h.close("div");
  web::submit(h, t("Add the bound"));
  h.close("form");
  return std::move(h).str();
}

}  // namespace crm::admissions::views

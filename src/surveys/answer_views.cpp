#include "surveys/answer_views.hpp"

#include <map>

#include "surveys/definition.hpp"
#include "web/html.hpp"

namespace crm::surveys::answer_views {

namespace {

using web::Html;

std::string in(const answer::Form& f, const Texts& t) {
  return text_in(t, f.language, f.version.definition.default_language);
}

// The survey's texts are in f.language; the page frame may be in another
// (a survey in Turkish on an English page): mark them.
std::string_view text_lang(const web::Ctx& ctx, const answer::Form& f) {
  return f.language == ctx.tr.language() ? std::string_view() : std::string_view(f.language);
}

void label_text(Html& h, const web::Ctx& ctx, const std::string& label, bool required) {
  h.text(label);
  if (required) h.text(" ").el("span", {{"class", "required"}}, ctx.tr("(required)"));
}

void hint_and_error(Html& h, const std::string& id, const std::string& hint,
                    const std::string& error) {
  if (!hint.empty()) h.el("p", {{"class", "hint"}, {"id", id + "-hint"}}, hint);
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
}

std::string described(const std::string& id, const std::string& hint, const std::string& error) {
  std::string out;
  if (!error.empty()) out = id + "-error";
  if (!hint.empty()) out += (out.empty() ? "" : " ") + id + "-hint";
  return out;
}

const std::vector<std::string>& values(const answer::Raw& raw, const std::string& field) {
  static const std::vector<std::string> kNone;
  auto it = raw.find(field);
  return it == raw.end() ? kNone : it->second;
}

bool chosen(const answer::Raw& raw, const std::string& field, const std::string& v) {
  for (const auto& x : values(raw, field))
    if (x == v) return true;
  return false;
}

// Radio buttons or checkboxes for `choices`; the first box carries the id
// the error summary links to.
void boxes(Html& h, const answer::Form& f, const std::string& field,
           const std::vector<Choice>& choices, const answer::Raw& raw, std::string_view type,
           bool scale) {
  h.open("div", {{"class", scale ? "choices scale" : "survey-choices"}});
  for (size_t i = 0; i < choices.size(); ++i) {
    web::Check c;
    c.name = field;
    c.value = choices[i].name;
    c.label = in(f, choices[i].label);
    c.id = i == 0 ? "f-" + field : "f-" + field + "-" + std::to_string(i + 1);
    c.checked = chosen(raw, field, choices[i].name);
    c.type = type;
    web::check(h, c);
  }
  h.close("div");
}

void question(Html& h, const web::Ctx& ctx, const answer::Form& f, const Question& q,
              const answer::Raw& raw, const std::map<std::string, std::string>& errors) {
  const std::string label = in(f, q.label);
  const std::string hint = in(f, q.hint);
  auto error_of = [&](const std::string& field) {
    auto it = errors.find(field);
    return it == errors.end() ? std::string() : it->second;
  };
  if (q.type == "note") {
    h.el("p", {{"class", "survey-note"}}, label);
    return;
  }
  const std::string field = answer::field_of(q);
  const std::string id = "f-" + field;
  if (q.type == "single" || q.type == "likert" || q.type == "multiple") {
    std::string error = error_of(field);
    std::string group = "g-" + field;
    h.open("fieldset", {{"class", error.empty() ? "question" : "question invalid"},
                        {"?aria-describedby", described(group, hint, error)}});
    h.open("legend");
    label_text(h, ctx, label, q.required);
    h.close("legend");
    hint_and_error(h, group, hint, error);
    boxes(h, f, field, q.choices, raw, q.type == "multiple" ? "checkbox" : "radio",
          q.type == "likert");
    h.close("fieldset");
    return;
  }
  if (q.type == "matrix") {
    std::string group = "g-" + field;
    h.open("div", {{"class", "question matrix"}, {"role", "group"}, {"aria-labelledby", group}});
    h.open("p", {{"class", "matrix-label"}, {"id", group}});
    label_text(h, ctx, label, q.required);
    h.close("p");
    if (!hint.empty()) h.el("p", {{"class", "hint"}}, hint);
    for (const auto& row : q.rows) {
      const std::string rf = answer::field_of(q, row);
      std::string error = error_of(rf);
      std::string rg = "g-" + rf;
      h.open("fieldset", {{"class", error.empty() ? "matrix-row" : "matrix-row invalid"},
                          {"?aria-describedby", error.empty() ? "" : rg + "-error"}});
      h.el("legend", in(f, row.label));
      hint_and_error(h, rg, "", error);
      boxes(h, f, rf, q.choices, raw, "radio", true);
      h.close("fieldset");
    }
    h.close("div");
    return;
  }
  std::string error = error_of(field);
  const auto& vs = values(raw, field);
  std::string value = vs.empty() ? std::string() : vs.front();
  h.open("div", {{"class", error.empty() ? "field question" : "field question invalid"}});
  h.open("label", {{"for", id}});
  label_text(h, ctx, label, q.required);
  h.close("label");
  hint_and_error(h, id, hint, error);
  std::string by = described(id, hint, error);
  if (q.type == "text") {
    h.open("textarea", {{"id", id},
                        {"name", field},
                        {"rows", "4"},
                        {"dir", "auto"},
                        {"?aria-invalid", error.empty() ? "" : "true"},
                        {"?aria-describedby", by}})
        .text(value)
        .close("textarea");
  } else {
    std::string_view type = q.type == "date" ? "date" : "text";
    std::string_view mode = q.type == "integer" ? "numeric" : q.type == "decimal" ? "decimal" : "";
    h.empty("input", {{"id", id},
                      {"name", field},
                      {"type", type},
                      {"value", value},
                      {"dir", "auto"},
                      {"class", "short"},
                      {"?inputmode", mode},
                      {"?aria-invalid", error.empty() ? "" : "true"},
                      {"?aria-describedby", by}});
  }
  h.close("div");
}

void statement(Html& h, const web::Ctx& ctx, bool anonymous) {
  h.open("div", {{"class", "flash survey-statement"}, {"id", "anonymity"}});
  if (anonymous) {
    h.el("p", {}, ctx.tr("This survey is anonymous."));
    h.el("p", {},
         ctx.tr("Your answers are stored without your name. We only keep that you answered, "
                "so that you get no more reminders."));
  } else {
    h.el("p", {}, ctx.tr("This survey is not anonymous."));
    h.el("p", {}, ctx.tr("Your name is stored with your answers. The programme's staff see them."));
  }
  h.close("div");
}

}  // namespace

std::string title(const answer::Form& f) {
  return in(f, f.version.definition.title);
}

std::string start(const web::Ctx& ctx, const answer::Form& f) {
  Html h;
  auto lang = text_lang(ctx, f);
  h.el("h1", {{"?lang", lang}, {"dir", "auto"}}, title(f));
  std::string intro = in(f, f.version.definition.intro);
  if (!intro.empty()) h.el("p", {{"?lang", lang}, {"dir", "auto"}, {"class", "intro"}}, intro);
  statement(h, ctx, f.invitation.anonymous);
  long pages = static_cast<long>(f.screens.size());
  h.el("p", {{"class", "muted"}},
       ctx.tr.plural("Up to {n} page. Each page is saved when you go on: you can stop and come "
                     "back with the same link.",
                     "Up to {n} pages. Each page is saved when you go on: you can stop and come "
                     "back with the same link.",
                     pages));
  h.open("p", {{"class", "actions"}});
  h.el("a", {{"class", "button primary"}, {"href", f.base + "/page/1"}}, ctx.tr("Start"));
  h.close("p");
  return std::move(h).str();
}

std::string page(const web::Ctx& ctx, const answer::Form& f, const answer::PageState& s,
                 const answer::Raw& raw, const std::vector<web::Problem>& problems) {
  Html h;
  const auto& d = f.version.definition;
  auto lang = text_lang(ctx, f);
  std::map<std::string, std::string> errors;
  for (const auto& p : problems)
    if (!p.field.empty()) errors.emplace(p.field, p.message);
  h.el("h1", {{"?lang", lang}, {"dir", "auto"}}, title(f));
  h.el("p", {{"class", "muted"}},
       ctx.tr("Page {n} of {total}",
              {{"n", ctx.tr.number(s.n)},
               {"total", ctx.tr.number(static_cast<long long>(f.screens.size()))}}));
  if (s.n == 1) statement(h, ctx, f.invitation.anonymous);
  for (const auto& p : problems)
    if (p.field.empty()) h.el("div", {{"class", "flash error"}}, p.message);
  h.open("form", {{"method", "post"},
                  {"action", f.base + "/page/" + std::to_string(s.n)},
                  {"novalidate", "novalidate"},
                  {"class", "survey"},
                  {"?lang", lang}});
  web::csrf_field(h, ctx);
  const auto& screen = f.screens[s.n - 1];
  if (screen.section >= 0)
    h.el("h2", {{"dir", "auto"}}, in(f, d.questions[static_cast<size_t>(screen.section)].label));
  for (size_t i : s.shown) question(h, ctx, f, d.questions[i], raw, errors);
  h.open("div", {{"class", "actions"}});
  if (s.last)
    h.open(
         "button",
         {{"type", "submit"}, {"name", "action"}, {"value", "submit"}, {"class", "button primary"}})
        .text(ctx.tr("Submit answers"))
        .close("button");
  else
    h.open("button",
           {{"type", "submit"}, {"name", "action"}, {"value", "next"}, {"class", "button primary"}})
        .text(ctx.tr("Save and continue"))
        .close("button");
  h.open("button", {{"type", "submit"}, {"name", "action"}, {"value", "back"}, {"class", "button"}})
      .text(ctx.tr("Save and go back"))
      .close("button");
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

std::string thanks(const web::Ctx& ctx, const std::string& survey_title) {
  Html h;
  h.el("h1", ctx.tr("Thank you"));
  if (!survey_title.empty()) h.open("p").bdi(survey_title).close("p");
  h.el("p", {}, ctx.tr("Your answers have been sent. You can close this page."));
  if (ctx.actor.signed_in())
    h.open("p").el("a", {{"href", "/my/surveys"}}, ctx.tr("My surveys")).close("p");
  return std::move(h).str();
}

std::string refusal(const web::Ctx& ctx, const answer::Refusal& r) {
  Html h;
  h.el("h1", ctx.tr("This survey link cannot be used"));
  if (r.opens_at)
    h.el("p", {}, ctx.tr(r.key.c_str(), {{"date", ctx.tr.date_time(r.opens_at)}}));
  else
    h.el("p", {}, ctx.tr.key(r.key));
  if (r.status != 404 && !r.answered)
    h.el("p", {{"class", "muted"}},
         ctx.tr("If you think this is a mistake, please write to the programme team."));
  return std::move(h).str();
}

std::string my_surveys(const web::Ctx& ctx, const std::vector<answer::MySurvey>& list) {
  Html h;
  h.el("h1", ctx.tr("My surveys"));
  if (list.empty()) {
    h.el("p", {}, ctx.tr("You have no open surveys."));
    return std::move(h).str();
  }
  h.open("table").open("thead").open("tr");
  h.el("th", {{"scope", "col"}}, ctx.tr("Survey"));
  h.el("th", {{"scope", "col"}}, ctx.tr("Closes"));
  h.el("th", {{"scope", "col"}}, ctx.tr("Status"));
  h.close("tr").close("thead").open("tbody");
  for (const auto& s : list) {
    h.open("tr").open("td");
    h.open("a", {{"href", "/my/surveys/" + std::to_string(s.invitation)},
                 {"?lang", s.language == ctx.tr.language() ? "" : s.language}});
    h.bdi(s.title);
    h.close("a").close("td");
    h.el("td", ctx.tr.date_time(s.closes_at));
    h.el("td", s.started ? ctx.tr("Started") : ctx.tr("Not started"));
    h.close("tr");
  }
  h.close("tbody").close("table");
  return std::move(h).str();
}

}  // namespace crm::surveys::answer_views

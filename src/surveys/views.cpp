#include "surveys/views.hpp"

#include <fmt/format.h>

#include "knowledge/tag_form.hpp"
#include "surveys/form_views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::surveys::views {

namespace {

using web::Field;
using web::Html;

std::string survey_path(int64_t id) {
  return fmt::format("/surveys/{}", id);
}

std::string question_path(int64_t id, const std::string& name) {
  return fmt::format("/surveys/{}/questions/{}", id, name);
}

std::string day(const web::Ctx& ctx, int64_t unix_seconds) {
  return ctx.tr.format_in("UTC", "yMMMd", unix_seconds);
}

std::string language_list(const web::Ctx& ctx, const std::vector<std::string>& codes) {
  std::vector<std::string> names;
  for (const auto& c : codes) names.push_back(knowledge::work_language_name(ctx, c));
  return ctx.tr.list(names);
}

std::string error_text(const web::Ctx& ctx, const std::vector<Error>& errors,
                       std::string_view field) {
  return web::error_for(ctx, errors, field);
}

// Surveys › the survey (when `p` is given).
void breadcrumb(Html& h, const web::Ctx& ctx, const SurveyPage* p) {
  const auto& t = ctx.tr;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/surveys"}})
      .text(t("Surveys"))
      .close("a");
  if (p) {
    h.text(" › ").open("a", {{"href", survey_path(p->survey.id)}});
    title_text(h, ctx, p->title);
    h.close("a");
  }
  h.close("nav");
}

void textarea(Html& h, const std::string& name, const std::string& label, const std::string& value,
              const std::string& error, std::string_view lang, int rows = 3) {
  const std::string id = "f-" + name;
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  h.open("textarea", {{"id", id},
                      {"name", name},
                      {"rows", std::to_string(rows)},
                      {"dir", "auto"},
                      {"?lang", lang},
                      {"?aria-invalid", error.empty() ? "" : "true"},
                      {"?aria-describedby", error.empty() ? "" : id + "-error"}})
      .text(value)
      .close("textarea");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

std::string value_in(const Texts& texts, const std::string& language) {
  auto it = texts.find(language);
  return it == texts.end() ? std::string() : it->second;
}

void post_button(Html& h, const web::Ctx& ctx, const std::string& action, const std::string& label,
                 std::string_view name = {}, std::string_view value = {},
                 std::string_view cls = "button") {
  h.open("form", {{"method", "post"}, {"action", action}, {"class", "inline"}});
  web::csrf_field(h, ctx);
  if (!name.empty()) h.empty("input", {{"type", "hidden"}, {"name", name}, {"value", value}});
  web::submit(h, label, cls);
  h.close("form");
}

const char* operator_label(std::string_view op) {
  if (op == "=") return N_("is");
  if (op == "!=") return N_("is not");
  if (op == "<") return N_("is less than");
  if (op == "<=") return N_("is at most");
  if (op == ">") return N_("is more than");
  if (op == ">=") return N_("is at least");
  return N_("includes the choice");
}

// The condition of question `q` in words, for the preview and the question list.
void condition_text(Html& h, const Tr& t, const Definition& d, const Question& q,
                    const std::string& lang) {
  if (q.relevant.empty()) return;
  h.open("p", {{"class", "survey-conditions"}});
  auto c = simple_condition(q.relevant);
  const Question* read = nullptr;
  if (c)
    for (const auto& x : d.questions)
      if (x.name == c->question) read = &x;
  if (c && read) {
    std::string value = c->value;
    for (const auto& choice : read->choices)
      if (choice.name == c->value) value = text_in(choice.label, lang, d.default_language);
    const std::string label = text_in(read->label, lang, d.default_language);
    if (c->op == "selected")
      h.message(t("Shown only if {value} is chosen in “{question}”."),
                {{"value", value}, {"question", label}});
    else
      h.message(t("Shown only if the answer to “{question}” {compare} {value}.",
                  {{"compare", t(operator_label(c->op))}}),
                {{"question", label}, {"value", value}});
  } else {
    h.text(t("Shown only if:"))
        .text(" ")
        .open("code", {{"dir", "ltr"}})
        .text(q.relevant)
        .close("code");
  }
  h.close("p");
}

}  // namespace

namespace {

// `translated` with `write` in place of its placeholder (the message as it
// is when the placeholder is missing).
template <class Write>
void around(Html& h, std::string_view translated, std::string_view placeholder, Write write) {
  const auto at = translated.find(placeholder);
  if (at == std::string_view::npos) {
    h.text(translated);
    return;
  }
  h.text(translated.substr(0, at));
  write();
  h.text(translated.substr(at + placeholder.size()));
}

void isolated(Html& h, const web::Ctx& ctx, const std::string& text, const std::string& lang) {
  h.open("bdi", {{"?lang", lang == ctx.tr.language() ? "" : lang}}).text(text).close("bdi");
}

}  // namespace

void title_text(Html& h, const web::Ctx& ctx, const StaffTitle& title) {
  isolated(h, ctx, title.shown, title.shown_language());
}

void title_message(Html& h, const web::Ctx& ctx, std::string_view translated,
                   const StaffTitle& title) {
  around(h, translated, "{survey}", [&] { title_text(h, ctx, title); });
}

void working_title_note(Html& h, const web::Ctx& ctx, const StaffTitle& title) {
  if (!title.translated()) return;
  h.open("p", {{"class", "hint working-title"}});
  around(h, ctx.tr("Working title: {title}"), "{title}",
         [&] { isolated(h, ctx, title.working, title.working_language); });
  h.close("p");
}

std::string kind_label(const Tr& t, std::string_view kind) {
  if (kind == "session_feedback") return t("Session feedback");
  if (kind == "useful") return t("Useful for their work");
  if (kind == "self_assessment") return t("Self-assessment of competences");
  if (kind == "follow_up") return t("Three-month follow-up");
  return t("Custom survey");
}

std::string type_label(const Tr& t, std::string_view type) {
  if (type == "section") return t("Section (starts a page)");
  if (type == "note") return t("Note (text without an answer)");
  if (type == "single") return t("Single choice");
  if (type == "multiple") return t("Multiple choice");
  if (type == "likert") return t("Scale");
  if (type == "integer") return t("Whole number");
  if (type == "decimal") return t("Number with decimals");
  if (type == "date") return t("Date");
  if (type == "text") return t("Free text");
  if (type == "matrix") return t("Matrix (rows rated on one scale)");
  return std::string(type);
}

std::string surveys(const web::Ctx& ctx, const SurveyList& l) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Surveys"));
  h.el("p", t("Session feedback, the end-of-programme questions, self-assessments and the "
              "three-month follow-up: build a survey, preview it, then send it to a cohort."));
  h.open("p")
      .open("a", {{"href", "/surveys/new"}, {"class", "button primary"}})
      .text(t("New survey"))
      .close("a")
      .close("p");
  if (l.items.empty()) {
    h.el("p", t("No survey yet."));
    return std::move(h).str();
  }
  web::export_links(h, t, "/surveys", "");
  bool archived_heading = false;
  bool open_table = false;
  auto head = [&](const std::string& label) {
    h.open("div",
           {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", label}})
        .open("table", {{"class", "surveys"}});
    h.open("thead").open("tr");
    for (const char* col : {N_("Survey"), N_("Kind"), N_("Languages"), N_("Anonymity"),
                            N_("Newest version"), N_("Rounds"), N_("Responses")})
      h.el("th", {{"scope", "col"}}, t(col));
    h.close("tr").close("thead").open("tbody");
    open_table = true;
  };
  auto tail = [&]() {
    if (open_table) h.close("tbody").close("table").close("div");
    open_table = false;
  };
  if (!l.items.front().survey.archived_at) head(t("Surveys"));
  for (const auto& r : l.items) {
    if (r.survey.archived_at && !archived_heading) {
      tail();
      h.el("h2", t("Archived"));
      head(t("Archived"));
      archived_heading = true;
    }
    h.open("tr").open("td");
    h.open("a", {{"href", survey_path(r.survey.id)}});
    title_text(h, ctx, r.title);
    h.close("a");
    h.empty("br");
    h.open("span", {{"class", "muted"}}).bdi(r.programme).close("span");
    working_title_note(h, ctx, r.title);
    h.close("td");
    h.el("td", kind_label(t, r.survey.kind));
    h.el("td", language_list(ctx, r.languages));
    h.el("td", r.survey.anonymous ? t("Anonymous") : t("Identified"));
    h.el("td", t.number(r.newest_version));
    h.el("td", t.number(r.rounds));
    h.el("td", t.number(r.responses));
    h.close("tr");
  }
  tail();
  return std::move(h).str();
}

web::Table surveys_table(const web::Ctx& ctx, const SurveyList& l) {
  const auto& t = ctx.tr;
  web::Table table;
  for (const char* col : {N_("Number"), N_("Survey"), N_("Working title"), N_("Programme"),
                          N_("Kind"), N_("Languages"), N_("Anonymity"), N_("Newest version"),
                          N_("Rounds"), N_("Responses"), N_("Archived")})
    table.header.push_back(t(col));
  for (const auto& r : l.items)
    table.rows.push_back({std::to_string(r.survey.id), r.title.shown, r.title.working, r.programme,
                          kind_label(t, r.survey.kind), language_list(ctx, r.languages),
                          r.survey.anonymous ? t("Anonymous") : t("Identified"),
                          std::to_string(r.newest_version), std::to_string(r.rounds),
                          std::to_string(r.responses),
                          r.survey.archived_at ? day(ctx, r.survey.archived_at) : ""});
  return table;
}

std::string new_survey(const web::Ctx& ctx, const NewSurveyPage& p,
                       const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  const auto& f = p.form;
  Html h;
  breadcrumb(h, ctx, nullptr);
  h.el("h1", t("New survey"));
  auto programme_field = [&]() {
    if (p.programmes.size() == 1) {
      h.empty("input", {{"type", "hidden"}, {"name", "programme"}, {"value", f.programme}});
      return;
    }
    std::vector<web::Option> options;
    for (const auto& g : p.programmes) options.push_back({std::to_string(g.id), g.name});
    web::select(h, "programme", t("Programme"), options, f.programme,
                error_text(ctx, errors, "programme"));
  };
  // From a built-in instrument.
  h.el("h2", t("Start from a built-in survey"));
  h.el("p", t("A copy you may change: questions and texts in English, German, French and "
              "Arabic, with the questions the funder's indicators read."));
  h.open("form", {{"method", "post"}, {"action", "/surveys/new"}});
  web::csrf_field(h, ctx);
  programme_field();
  h.open("fieldset", {{"class", error_text(ctx, errors, "instrument").empty() ? "" : "invalid"}});
  h.el("legend", t("Built-in survey"));
  bool first = true;
  for (const char* kind : kKinds) {
    if (std::string_view(kind) == "custom") continue;
    web::check(h, {.name = "instrument",
                   .value = kind,
                   .label = kind_label(t, kind),
                   .id = first ? "f-instrument" : std::string("f-instrument-") + kind,
                   .checked = f.instrument == kind || (f.instrument.empty() && first),
                   .type = "radio"});
    first = false;
  }
  if (auto e = error_text(ctx, errors, "instrument"); !e.empty())
    h.el("p", {{"class", "error"}}, e);
  h.close("fieldset");
  web::submit(h, t("Copy the built-in survey"));
  h.close("form");
  // From scratch.
  h.el("h2", t("Start from scratch"));
  h.open("form", {{"method", "post"}, {"action", "/surveys/new"}});
  web::csrf_field(h, ctx);
  programme_field();
  web::field(h, {.name = "title",
                 .label = t("Title"),
                 .value = f.title,
                 .error = error_text(ctx, errors, "title"),
                 .required = true,
                 .hint = t("As respondents read it, in the default language.")});
  const auto lang_error = error_text(ctx, errors, "languages");
  h.open("fieldset", {{"class", lang_error.empty() ? "checks-set" : "checks-set invalid"}});
  h.el("legend", t("Languages of the survey"));
  h.open("div", {{"class", "checks"}});
  first = true;
  for (const char* l : kLanguages) {
    const bool on = std::find(f.languages.begin(), f.languages.end(), l) != f.languages.end();
    web::check(h, {.name = "languages",
                   .value = l,
                   .label = knowledge::work_language_name(ctx, l),
                   .id = first ? "f-languages" : std::string("f-languages-") + l,
                   .checked = on});
    first = false;
  }
  h.close("div");
  if (!lang_error.empty()) h.el("p", {{"class", "error"}}, lang_error);
  h.close("fieldset");
  std::vector<web::Option> langs;
  for (const char* l : kLanguages) langs.push_back({l, knowledge::work_language_name(ctx, l)});
  web::select(h, "default_language", t("Default language"), langs, f.default_language,
              error_text(ctx, errors, "default_language"));
  web::check(h, {.name = "anonymous",
                 .value = "1",
                 .label = t("Anonymous: answers are stored without the person"),
                 .checked = f.anonymous == "1"});
  web::submit(h, t("Create the survey"), "button primary");
  h.close("form");
  return std::move(h).str();
}

std::string survey(const web::Ctx& ctx, const SurveyPage& p) {
  const auto& t = ctx.tr;
  const auto& s = p.survey;
  const auto& d = p.current.definition;
  const std::string self = survey_path(s.id);
  Html h;
  breadcrumb(h, ctx, nullptr);
  h.open("h1");
  title_text(h, ctx, p.title);
  h.close("h1");
  working_title_note(h, ctx, p.title);
  if (s.archived_at)
    h.el("p", {{"class", "flash warning"}},
         t("Archived on {date}: no new rounds; rounds already sent run until they close.",
           {{"date", day(ctx, s.archived_at)}}));
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Kind")).el("dd", kind_label(t, s.kind));
  h.el("dt", t("Anonymity"))
      .el("dd", s.anonymous ? t("Anonymous: answers are stored without the person")
                            : t("Identified: answers are stored with the person"));
  h.el("dt", t("Languages")).el("dd", language_list(ctx, d.languages));
  h.el("dt", t("Default language"))
      .el("dd", knowledge::work_language_name(ctx, d.default_language));
  h.el("dt", t("Current version")).open("dd");
  if (p.current.frozen_at)
    h.text(t("Version {n}, sent or answered: the next change makes version {next}.",
             {{"n", t.number(p.current.number)}, {"next", t.number(p.current.number + 1)}}));
  else
    h.text(t("Version {n}, not sent yet: changes are made to it.",
             {{"n", t.number(p.current.number)}}));
  h.close("dd");
  h.close("dl");
  h.el("p", {{"class", "hint"}}, t("Responses stay with the version they answered."));
  h.open("div", {{"class", "actions"}});
  h.open("a", {{"href", self + "/edit"}, {"class", "button"}})
      .text(t("Edit title, introduction and languages"))
      .close("a");
  h.open("a", {{"href", self + "/preview?lang=" + d.default_language}, {"class", "button"}})
      .text(t("Preview"))
      .close("a");
  if (!s.archived_at)
    h.open("a", {{"href", self + "/rounds/new"}, {"class", "button"}})
        .text(t("Send it"))
        .close("a");
  h.open("a", {{"href", self + "/results"}, {"class", "button"}}).text(t("Results")).close("a");
  h.close("div");
  bool answerable = false;
  for (const auto& q : d.questions)
    answerable = answerable || (q.type != "section" && q.type != "note");
  if (!answerable)
    h.el("p", {{"class", "flash warning"}},
         t("Add at least one question to answer: a survey without one cannot be sent."));

  // ---- questions
  h.open("section", {{"aria-labelledby", "questions-title"}, {"id", "questions"}});
  h.el("h2", {{"id", "questions-title"}}, t("Questions"));
  h.open("p")
      .open("a", {{"href", self + "/questions/new"}, {"class", "button primary"}})
      .text(t("Add a question"))
      .close("a")
      .close("p");
  if (!d.questions.empty()) {
    h.open("ol", {{"class", "survey-questions"}});
    for (size_t i = 0; i < d.questions.size(); ++i) {
      const Question& q = d.questions[i];
      h.open("li", {{"id", "q-" + q.name}});
      h.open("p");
      h.open("strong", {{"lang", d.default_language}})
          .bdi(text_in(q.label, d.default_language, d.default_language))
          .close("strong");
      h.empty("br");
      h.open("span", {{"class", "muted"}});
      h.text(type_label(t, q.type))
          .text(" · ")
          .open("code", {{"dir", "ltr"}})
          .text(q.name)
          .close("code");
      if (q.required) h.text(" · ").text(t("Required"));
      if (!q.indicator.empty()) h.text(" · ").text(t("Indicator"));
      h.close("span").close("p");
      condition_text(h, t, d, q, d.default_language);
      h.open("div", {{"class", "actions"}});
      h.open("a", {{"href", question_path(s.id, q.name) + "/edit"}, {"class", "button"}})
          .text(t("Edit"))
          .open("span", {{"class", "visually-hidden"}})
          .text(" ")
          .text(q.name)
          .close("span")
          .close("a");
      if (i > 0)
        post_button(h, ctx, question_path(s.id, q.name) + "/move", t("Move up"), "direction", "up");
      if (i + 1 < d.questions.size())
        post_button(h, ctx, question_path(s.id, q.name) + "/move", t("Move down"), "direction",
                    "down");
      post_button(h, ctx, question_path(s.id, q.name) + "/delete", t("Delete"), {}, {},
                  "button danger");
      h.close("div");
      h.close("li");
    }
    h.close("ol");
  }
  h.close("section");

  // ---- versions
  h.open("section", {{"aria-labelledby", "versions-title"}});
  h.el("h2", {{"id", "versions-title"}}, t("Versions"));
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", t("Versions")}})
      .open("table", {{"class", "versions"}});
  h.open("thead").open("tr");
  for (const char* col :
       {N_("Version"), N_("Created"), N_("Questions"), N_("Responses"), N_("State")})
    h.el("th", {{"scope", "col"}}, t(col));
  h.close("tr").close("thead").open("tbody");
  for (const auto& v : p.versions) {
    h.open("tr");
    h.el("td", t.number(v.number));
    h.el("td", day(ctx, v.created_at));
    h.el("td", t.number(v.questions));
    h.el("td", t.number(v.responses));
    h.el("td", v.frozen_at ? t("Frozen since {date}", {{"date", day(ctx, v.frozen_at)}})
                           : t("Being edited"));
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  h.close("section");

  // ---- rounds
  h.open("section", {{"aria-labelledby", "rounds-title"}});
  h.el("h2", {{"id", "rounds-title"}}, t("Rounds"));
  if (p.rounds.empty()) {
    h.el("p", t("Not sent yet."));
  } else {
    h.open("ul");
    for (const auto& r : p.rounds) {
      h.open("li").open("a", {{"href", fmt::format("/rounds/{}", r.id)}});
      h.text(t("{opens} to {closes}",
               {{"opens", day(ctx, r.opens_at)}, {"closes", day(ctx, r.closes_at)}}));
      h.close("a");
      if (r.cancelled_at) h.text(" · ").text(t("Cancelled"));
      h.close("li");
    }
    h.close("ul");
  }
  h.close("section");
  if (!s.archived_at) {
    h.el("h2", t("Archive"));
    h.el("p", t("An archived survey leaves the list and cannot be sent again; rounds already "
                "sent run until they close."));
    post_button(h, ctx, self + "/archive", t("Archive the survey"), {}, {}, "button danger");
  }
  return std::move(h).str();
}

std::string survey_form(const web::Ctx& ctx, const SurveyPage& p, const SurveyForm& f,
                        const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, ctx, &p);
  h.el("h1", t("Edit title, introduction and languages"));
  if (p.current.frozen_at)
    h.el("p", {{"class", "flash warning"}},
         t("Version {n} has been sent or answered: saving makes version {next}; its responses stay "
           "with version {n}.",
           {{"n", t.number(p.current.number)}, {"next", t.number(p.current.number + 1)}}));
  h.open("form", {{"method", "post"}, {"action", survey_path(p.survey.id) + "/edit"}});
  web::csrf_field(h, ctx);
  for (const auto& l : p.current.definition.languages) {
    h.open("fieldset");
    h.el("legend", t("In {language}", {{"language", knowledge::work_language_name(ctx, l)}}));
    web::field(h, {.name = "title_" + l,
                   .label = t("Title"),
                   .value = value_in(f.title, l),
                   .error = error_text(ctx, errors, "title_" + l),
                   .lang = l});
    textarea(h, "intro_" + l, t("Introduction"), value_in(f.intro, l),
             error_text(ctx, errors, "intro_" + l), l, 4);
    h.close("fieldset");
  }
  const auto lang_error = error_text(ctx, errors, "languages");
  h.open("fieldset", {{"class", lang_error.empty() ? "" : "invalid"}});
  h.el("legend", t("Languages of the survey"));
  h.el("p", {{"class", "hint"}}, t("A language added here gets its own texts after saving."));
  h.open("div", {{"class", "checks"}});
  bool first = true;
  for (const char* l : kLanguages) {
    const bool on = std::find(f.languages.begin(), f.languages.end(), l) != f.languages.end();
    web::check(h, {.name = "languages",
                   .value = l,
                   .label = knowledge::work_language_name(ctx, l),
                   .id = first ? "f-languages" : std::string("f-languages-") + l,
                   .checked = on});
    first = false;
  }
  h.close("div");
  if (!lang_error.empty()) h.el("p", {{"class", "error"}}, lang_error);
  h.close("fieldset");
  std::vector<web::Option> langs;
  for (const char* l : kLanguages) langs.push_back({l, knowledge::work_language_name(ctx, l)});
  web::select(h, "default_language", t("Default language"), langs, f.default_language,
              error_text(ctx, errors, "default_language"));
  if (p.anonymous_locked) {
    h.empty("input", {{"type", "hidden"}, {"name", "anonymous"}, {"value", f.anonymous}});
    h.el("p", {{"class", "hint"}},
         (f.anonymous == "1" ? t("Anonymous: answers are stored without the person")
                             : t("Identified: answers are stored with the person")) +
             " " + t("This is settled: the survey has been sent."));
  } else {
    web::check(h, {.name = "anonymous",
                   .value = "1",
                   .label = t("Anonymous: answers are stored without the person"),
                   .checked = f.anonymous == "1",
                   .error = error_text(ctx, errors, "anonymous")});
    h.el("p", {{"class", "hint"}}, t("This can change only until the survey is first sent."));
  }
  web::submit(h, t("Save"), "button primary");
  h.close("form");
  return std::move(h).str();
}

std::string question_form(const web::Ctx& ctx, const QuestionPage& p,
                          const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  const auto& f = p.form;
  const auto& d = p.survey.current.definition;
  const int64_t id = p.survey.survey.id;
  Html h;
  breadcrumb(h, ctx, &p.survey);
  h.el("h1", p.original.empty() ? t("Add a question") : t("Edit the question"));
  if (p.survey.current.frozen_at)
    h.el("p", {{"class", "flash warning"}},
         t("Version {n} has been sent or answered: saving makes version {next}; its responses stay "
           "with version {n}.",
           {{"n", t.number(p.survey.current.number)},
            {"next", t.number(p.survey.current.number + 1)}}));
  if (const Error* e = web::form_wide(errors)) web::form_alert(h, ctx, e);
  const std::string action = p.original.empty() ? fmt::format("/surveys/{}/questions/new", id)
                                                : question_path(id, p.original) + "/edit";
  h.open("form", {{"method", "post"}, {"action", action}});
  web::csrf_field(h, ctx);
  web::field(h, {.name = "name",
                 .label = t("Name"),
                 .value = f.name,
                 .error = error_text(ctx, errors, "name"),
                 .autocomplete = "off",
                 .required = true,
                 .hint = t("Letters, digits, _ - or . starting with a letter: conditions and "
                           "exports use it."),
                 .lang = "en"});
  std::vector<web::Option> types;
  for (const char* type : kQuestionTypes) types.push_back({type, type_label(t, type)});
  web::select(h, "type", t("Type"), types, f.type, error_text(ctx, errors, "type"));
  web::check(
      h, {.name = "required", .value = "1", .label = t("Required"), .checked = f.required == "1"});
  for (const auto& l : d.languages) {
    h.open("fieldset");
    h.el("legend", t("In {language}", {{"language", knowledge::work_language_name(ctx, l)}}));
    textarea(h, "label_" + l, t("Question"), value_in(f.label, l),
             error_text(ctx, errors, "label_" + l), l, 2);
    web::field(
        h, {.name = "hint_" + l, .label = t("Help text"), .value = value_in(f.hint, l), .lang = l});
    web::field(h, {.name = "constraint_message_" + l,
                   .label = t("Message when the answer is refused"),
                   .value = value_in(f.constraint_message, l),
                   .lang = l});
    h.close("fieldset");
  }
  // Choices and matrix rows: the lines there are and three empty ones to add more.
  auto choice_table = [&](const std::string& prefix, const std::string& legend,
                          const std::vector<std::string>& names,
                          const std::map<std::string, std::vector<std::string>>& texts,
                          bool with_positive) {
    const std::string error = error_text(ctx, errors, prefix == "choice" ? "choices" : "rows");
    h.open("fieldset", {{"class", error.empty() ? "" : "invalid"}});
    h.el("legend", legend);
    h.el("p", {{"class", "hint"}},
         prefix == "choice"
             ? t("For choices, scales and matrices. Empty lines are left out; save to get more.")
             : t("For matrices: the items rated on the scale."));
    if (!error.empty()) h.el("p", {{"class", "error"}, {"id", "f-" + prefix + "s-error"}}, error);
    h.open("div", {{"class", "table-wrap"}}).open("table", {{"class", "choices-edit"}});
    h.open("thead").open("tr").el("th", {{"scope", "col"}}, t("Name"));
    for (const auto& l : d.languages)
      h.el("th", {{"scope", "col"}}, knowledge::work_language_name(ctx, l));
    if (with_positive) h.el("th", {{"scope", "col"}}, t("Counts as yes"));
    h.close("tr").close("thead").open("tbody");
    const size_t lines = names.size() + 3;
    for (size_t i = 0; i < lines; ++i) {
      const std::string n = t.number(static_cast<long long>(i + 1));
      h.open("tr").open("td");
      h.empty("input", {{"type", "text"},
                        {"name", prefix + "_name"},
                        {"?id", i == 0 ? "f-" + prefix + "s" : ""},
                        {"value", i < names.size() ? names[i] : ""},
                        {"dir", "ltr"},
                        {"size", "8"},
                        {"aria-label", t("Name") + " " + n}});
      h.close("td");
      for (const auto& l : d.languages) {
        std::string v;
        if (auto it = texts.find(l); it != texts.end() && i < it->second.size()) v = it->second[i];
        h.open("td");
        h.empty("input", {{"type", "text"},
                          {"name", prefix + "_" + l},
                          {"value", v},
                          {"dir", "auto"},
                          {"lang", l},
                          {"aria-label", knowledge::work_language_name(ctx, l) + " " + n}});
        h.close("td");
      }
      if (with_positive) {
        const std::string idx = std::to_string(i);
        const bool on = std::find(f.positive.begin(), f.positive.end(), idx) != f.positive.end();
        h.open("td");
        web::check(h, {.name = "positive",
                       .value = idx,
                       .label = t("Yes"),
                       .id = "f-positive-" + idx,
                       .checked = on});
        h.close("td");
      }
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    h.close("fieldset");
  };
  choice_table("choice", t("Choices"), f.choice_names, f.choice_texts, true);
  choice_table("row", t("Matrix rows"), f.row_names, f.row_texts, false);
  h.open("fieldset");
  h.el("legend", t("Number answers"));
  web::field(h, {.name = "min_value",
                 .label = t("Smallest answer"),
                 .value = f.min_value,
                 .error = error_text(ctx, errors, "min_value"),
                 .inputmode = "decimal"});
  web::field(h, {.name = "max_value",
                 .label = t("Largest answer"),
                 .value = f.max_value,
                 .error = error_text(ctx, errors, "max_value"),
                 .inputmode = "decimal"});
  h.close("fieldset");
  // "Show if": earlier questions only.
  h.open("fieldset");
  h.el("legend", t("Show if"));
  h.el("p", {{"class", "hint"}},
       t("Show this question only when an earlier answer says so. Leave it empty to always show "
         "it."));
  std::vector<web::Option> earlier{{"", t("Always show it")}};
  const size_t until = p.index < 0 ? d.questions.size() : static_cast<size_t>(p.index);
  for (size_t i = 0; i < until; ++i) {
    const auto& q = d.questions[i];
    if (q.type == "section" || q.type == "note") continue;
    earlier.push_back(
        {q.name, q.name + ": " + text_in(q.label, d.default_language, d.default_language)});
  }
  web::select(h, "if_question", t("Earlier question"), earlier, f.if_question,
              error_text(ctx, errors, "if_question"));
  std::vector<web::Option> ops;
  for (const char* op : kConditionOperators) ops.push_back({op, t(operator_label(op))});
  web::select(h, "if_operator", t("Answer"), ops, f.if_operator.empty() ? "=" : f.if_operator,
              error_text(ctx, errors, "if_operator"));
  web::field(h, {.name = "if_value",
                 .label = t("Value"),
                 .value = f.if_value,
                 .error = error_text(ctx, errors, "if_value"),
                 .hint = t("A choice's name, a number or a text."),
                 .lang = "en"});
  web::field(h, {.name = "relevant",
                 .label = t("Or write the condition (XLSForm)"),
                 .value = f.relevant,
                 .error = error_text(ctx, errors, "relevant"),
                 .hint = t("For example ${works} = 'yes' or selected(${langs}, 'fr'). When filled "
                           "in, it replaces the choice above."),
                 .lang = "en"});
  h.close("fieldset");
  web::field(h, {.name = "constraint_expr",
                 .label = t("Answer rule (XLSForm)"),
                 .value = f.constraint_expr,
                 .error = error_text(ctx, errors, "constraint_expr"),
                 .hint = t("For example . >= 18: the answer is refused otherwise."),
                 .lang = "en"});
  std::vector<web::Option> indicators{{"", t("None")},
                                      {"useful", t("Considers the training useful for their work")},
                                      {"using_skills", t("Uses the skills three months later")}};
  web::select(h, "indicator", t("Funder's indicator"), indicators, f.indicator,
              error_text(ctx, errors, "indicator"));
  if (p.original.empty() && !d.questions.empty()) {
    std::vector<web::Option> positions{{"", t("At the end")}};
    for (const auto& q : d.questions)
      positions.push_back({q.name, t("Before {name}", {{"name", q.name}})});
    web::select(h, "position", t("Place"), positions, f.position);
  }
  web::submit(h, t("Save the question"), "button primary");
  h.close("form");
  return std::move(h).str();
}

std::string preview(const web::Ctx& ctx, const SurveyPage& p, const std::string& language) {
  const auto& d = p.current.definition;
  // The interface words in the survey's language when crm speaks it, as the
  // respondent reads them.
  bool spoken = false;
  for (const auto& l : languages()) spoken = spoken || l.code == language;
  const Tr own(ctx.catalogs, spoken ? language : std::string(ctx.tr.language()),
               ctx.tr.time_zone());
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, ctx, &p);
  h.el("h1", t("Preview"));
  h.open("nav", {{"class", "filters"}, {"aria-label", t("Languages of the survey")}}).open("ul");
  for (const auto& l : d.languages) {
    h.open("li").open("a", {{"href", survey_path(p.survey.id) + "/preview?lang=" + l},
                            {"?aria-current", l == language ? "page" : ""}});
    h.text(knowledge::work_language_name(ctx, l)).close("a").close("li");
  }
  h.close("ul").close("nav");
  h.el("p", {{"class", "hint"}},
       t("As a respondent reads it, every page on one: nothing can be answered here."));
  h.open(
      "div",
      {{"class", "survey-preview"}, {"lang", language}, {"dir", language == "ar" ? "rtl" : "ltr"}});
  h.el("h2", {{"dir", "auto"}}, text_in(d.title, language, d.default_language));
  if (const auto& intro = text_in(d.intro, language, d.default_language); !intro.empty())
    h.el("p", {{"class", "prose"}, {"dir", "auto"}}, intro);
  h.el("p", {{"class", "hint"}},
       p.survey.anonymous
           ? own(N_("Your answers are anonymous: they are stored without your name."))
           : own(N_("Your answers are stored with your name.")));
  const auto pages = surveys::pages(d);
  for (size_t pi = 0; pi < pages.size(); ++pi) {
    h.open("section", {{"class", "survey-page"}});
    h.el("p", {{"class", "muted"}},
         own(N_("Page {n} of {total}"),
             {{"n", own.number(static_cast<long long>(pi + 1))},
              {"total", own.number(static_cast<long long>(pages.size()))}}));
    for (size_t i : pages[pi]) {
      const auto& q = d.questions[i];
      condition_text(h, own, d, q, language);
      question_input(h, q, {language, d.default_language, true}, {}, {}, own);
    }
    h.close("section");
  }
  h.close("div");
  return std::move(h).str();
}

}  // namespace crm::surveys::views

#include "surveys/answer_views.hpp"

#include "surveys/definition.hpp"
#include "surveys/form_views.hpp"
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
  FieldErrors errors;
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
  const InputOptions options{f.language, d.default_language, false};
  for (size_t i : s.shown) question_input(h, d.questions[i], options, raw, errors, ctx.tr);
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
  if (r.status == 429) {
    long minutes = static_cast<long>((r.retry_after + 59) / 60);
    h.el("h1", ctx.tr("Too many attempts"));
    h.el("p", {}, ctx.tr.key(r.key));
    h.el("p", {},
         ctx.tr.plural(
             "Please try again in {n} minute, with the link exactly as it is in your mail.",
             "Please try again in {n} minutes, with the link exactly as it is in your mail.",
             minutes));
    return std::move(h).str();
  }
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

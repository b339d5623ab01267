#include "surveys/round_views.hpp"

#include "surveys/views.hpp"
#include "web/forms.hpp"

namespace crm::surveys::round_views {

namespace {

using web::Field;
using web::Html;

std::string survey_path(int64_t id) {
  return "/surveys/" + std::to_string(id);
}

std::string round_path(int64_t id) {
  return "/rounds/" + std::to_string(id);
}

std::string phase_label(const Tr& t, const std::string& phase) {
  if (phase == "pre") return t("Before the programme (self-assessment)");
  if (phase == "post") return t("After the programme (self-assessment)");
  return t("Neither");
}

// Whom a round goes to, as a sentence with the cohort's and the session's
// names in <bdi> (the names are user text). \x01 and \x02 stand for them.
void audience(Html& h, const Tr& t, const round_store::RoundRow& r) {
  const auto& d = r.round;
  const std::string cohort = "\x01", session = "\x02";
  std::string text;
  if (d.audience == "session")
    text = t("The attendees of the session “{session}” ({cohort})",
             {{"session", session}, {"cohort", cohort}});
  else if (d.audience == "graduates")
    text = t.plural("The graduates of {cohort}, {n} month after each completed",
                    "The graduates of {cohort}, {n} months after each completed", d.months_after,
                    {{"cohort", cohort}});
  else
    text = t("The participants of {cohort}", {{"cohort", cohort}});
  size_t from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x01' && text[i] != '\x02') continue;
    h.text(text.substr(from, i - from));
    h.bdi(text[i] == '\x01' ? r.cohort_name : r.session_title);
    from = i + 1;
  }
  h.text(text.substr(from));
}

// A list of user-named things (cohorts, sessions) as web::select() makes
// one, each option's text isolated (dir=auto) except `own`'s, the page's own.
void named_select(Html& h, std::string_view name, const std::string& label,
                  const std::vector<web::Option>& options, const std::string& selected,
                  const std::string& error, std::string_view own = "\x01") {
  const std::string id = "f-" + std::string(name);
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  h.open("select", {{"id", id},
                    {"name", name},
                    {"?aria-invalid", error.empty() ? "" : "true"},
                    {"?aria-describedby", error.empty() ? "" : id + "-error"}});
  for (const auto& o : options)
    h.open("option", {{"value", o.value},
                      {"?dir", o.value == own ? "" : "auto"},
                      {"?selected", o.value == selected ? "selected" : ""}})
        .text(o.label)
        .close("option");
  h.close("select");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

void fact(Html& h, const std::string& term, const std::string& value) {
  h.el("dt", term).el("dd", value);
}

// Surveys › the survey.
void breadcrumb(Html& h, const web::Ctx& ctx, int64_t survey_id, const StaffTitle& title) {
  const auto& t = ctx.tr;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/surveys"}})
      .text(t("Surveys"))
      .close("a")
      .text(" › ")
      .open("a", {{"href", survey_path(survey_id)}});
  views::title_text(h, ctx, title);
  h.close("a").close("nav");
}

// A form of one button that posts to `action`.
void post_button(Html& h, const web::Ctx& ctx, const std::string& action, const std::string& label,
                 std::string_view cls) {
  h.open("form", {{"method", "post"}, {"action", action}});
  web::csrf_field(h, ctx);
  web::submit(h, label, cls);
  h.close("form");
}

// A field for a whole number, with its hint.
void count_field(Html& h, const web::Ctx& ctx, const Error* error, std::string_view name,
                 const std::string& label, const std::string& value, const std::string& hint) {
  web::field(h, Field{.name = name,
                      .label = label,
                      .value = value,
                      .error = web::error_for(ctx, error, name),
                      .autocomplete = "off",
                      .hint = hint,
                      .inputmode = "numeric"});
}

}  // namespace

std::string new_round(const web::Ctx& ctx, const NewRoundPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& f = p.form;
  Html h;
  breadcrumb(h, ctx, p.survey.id, p.title);
  h.el("h1", t("Send the survey"));
  h.el("p", {{"class", "hint"}},
       p.survey.anonymous
           ? t("This survey is anonymous: answers are stored without the respondent's name.")
           : t("This survey is identified: answers are stored with the respondent's name."));
  h.open("form", {{"method", "post"},
                  {"action", survey_path(p.survey.id) + "/rounds/new"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, error && error->field.empty() ? error : nullptr);
  {
    const auto message = web::error_for(ctx, error, "audience");
    h.open("fieldset",
           {{"class", message.empty() ? "stack" : "stack invalid"}, {"id", "f-audience"}});
    h.el("legend", t("Send to"));
    const std::pair<std::string_view, std::string> audiences[] = {
        {"cohort", t("The participants of a cohort")},
        {"session", t("The attendees of a session")},
        {"graduates", t("A cohort's graduates, some months after each completed")}};
    for (const auto& [value, label] : audiences)
      web::check(h, web::Check{.name = "audience",
                               .value = value,
                               .label = label,
                               .id = "f-audience-" + std::string(value),
                               .checked = f.audience == value,
                               .type = "radio"});
    if (!message.empty()) h.el("p", {{"class", "error"}}, message);
    h.close("fieldset");
  }
  std::vector<web::Option> cohorts;
  for (const auto& c : p.cohorts) cohorts.push_back({std::to_string(c.id), c.name});
  named_select(h, "cohort", t("Cohort"), cohorts, f.cohort, web::error_for(ctx, error, "cohort"));
  std::vector<web::Option> sessions{{"", t("No session")}};
  for (const auto& s : p.sessions)
    sessions.push_back(
        {std::to_string(s.id), s.cohort_name + " — " + s.title + " (" + t.date(s.starts_at) + ")"});
  named_select(h, "session", t("Session (when sending to its attendees)"), sessions, f.session,
               web::error_for(ctx, error, "session"), "");
  count_field(h, ctx, error, "months", t("Months after completion (when sending to graduates)"),
              f.months,
              t("Each graduate is asked this many months after their own completion: the date "
                "on their certificate, else the cohort's last day."));
  web::select(
      h, "phase", t("Self-assessment"),
      {{"", phase_label(t, "")}, {"pre", phase_label(t, "pre")}, {"post", phase_label(t, "post")}},
      f.phase, web::error_for(ctx, error, "phase"));
  h.el("p", {{"class", "hint"}},
       t("Enter the dates as the clocks show them in your time zone ({zone}).",
         {{"zone", time_zone_name(p.time_zone, t.language())}}));
  struct When {
    std::string_view name;
    std::string label;
    const std::string& value;
    std::string_view type;
  };
  for (const When& w : {When{"opens_date", t("Opens on"), f.opens_date, "date"},
                        When{"opens_time", t("Opens at"), f.opens_time, "time"},
                        When{"closes_date", t("Closes on"), f.closes_date, "date"},
                        When{"closes_time", t("Closes at"), f.closes_time, "time"}})
    web::field(h, Field{.name = w.name,
                        .label = w.label,
                        .type = w.type,
                        .value = w.value,
                        .error = web::error_for(ctx, error, w.name),
                        .required = true});
  count_field(h, ctx, error, "reminder_days", t("Reminder after (days)"), f.reminder_days,
              t("Those who have not answered get one reminder this many days after their "
                "invitation. 0: no reminder."));
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Send the survey"));
  h.text(" ").open("a", {{"href", survey_path(p.survey.id)}}).text(t("Cancel")).close("a");
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

std::string round(const web::Ctx& ctx, const RoundPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& r = p.round;
  const auto& d = r.round;
  const std::string self = round_path(d.id);
  Html h;
  breadcrumb(h, ctx, d.survey_id, r.title);
  h.open("h1");
  views::title_message(h, ctx, t("Round: {survey}"), r.title);
  h.close("h1");
  views::working_title_note(h, ctx, r.title);
  web::form_alert(h, ctx, error && error->field.empty() ? error : nullptr);
  if (d.cancelled_at)
    h.el("p", {{"class", "alert error"}, {"role", "status"}},
         t("This round was cancelled on {date}: nothing more is sent.",
           {{"date", t.date_time(d.cancelled_at)}}));
  else if (ctx.now >= d.closes_at)
    h.el("p", {{"class", "alert"}, {"role", "status"}}, t("This round has closed."));
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Sent to")).open("dd");
  audience(h, t, r);
  h.close("dd");
  fact(h, t("Responses"),
       r.anonymous ? t("Anonymous: stored without the respondent's name")
                   : t("Identified: stored with the respondent's name"));
  if (!d.phase.empty()) fact(h, t("Self-assessment"), phase_label(t, d.phase));
  fact(h, t("Opens"), t.date_time(d.opens_at));
  fact(h, t("Closes"), t.date_time(d.closes_at));
  fact(h, t("Reminder"),
       d.reminder_days ? t.plural("{n} day after the invitation", "{n} days after the invitation",
                                  d.reminder_days)
                       : t("None"));
  h.close("dl");

  h.open("section", {{"class", "card"}, {"aria-labelledby", "progress"}});
  h.el("h2", {{"id", "progress"}}, t("Progress"));
  h.open("dl", {{"class", "facts"}, {"data-counts", ""}});
  h.el("dt", t("Invited")).el("dd", {{"data-count", "invited"}}, t.number(p.counts.invited));
  h.el("dt", t("Invitations sent")).el("dd", {{"data-count", "sent"}}, t.number(p.counts.sent));
  h.el("dt", t("Answered")).el("dd", {{"data-count", "answered"}}, t.number(p.counts.answered));
  h.el("dt", t("Reminders sent"))
      .el("dd", {{"data-count", "reminded"}}, t.number(p.counts.reminded));
  h.close("dl");

  if (p.open(ctx.now)) {
    h.open("div", {{"class", "actions"}});
    if (ctx.now >= d.opens_at)
      post_button(h, ctx, self + "/remind", t("Remind those who have not answered now"), "button");
    post_button(h, ctx, self + "/cancel", t("Cancel the round"), "button danger");
    h.close("div");
  }
  h.close("section");

  h.open("section", {{"class", "card"}, {"aria-labelledby", "people"}});
  h.el("h2", {{"id", "people"}}, t("Who was asked"));
  if (r.anonymous) {
    h.el("p", {{"class", "muted"}},
         t("The survey is anonymous: only the numbers above are shown, never who answered."));
  } else if (p.people.empty()) {
    h.el("p", {{"class", "muted"}}, t("Nobody was invited."));
  } else {
    web::export_links(h, t, self + "/people", "");
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Who was asked")}});
    h.open("table");
    h.open("thead").open("tr");
    for (const char* c :
         {N_("Name"), N_("Invitation due"), N_("Sent"), N_("Reminded"), N_("Answered")})
      h.el("th", {{"scope", "col"}}, t(c));
    h.close("tr").close("thead").open("tbody");
    for (const auto& x : p.people) {
      h.open("tr");
      h.open("td").bdi(x.name).close("td");
      h.el("td", t.date(x.send_at));
      h.el("td", x.sent_at ? t.date_time(x.sent_at) : t("Not yet"));
      h.el("td", x.reminded_at ? t.date_time(x.reminded_at) : "—");
      h.el("td", x.answered ? t("Yes") : t("No"));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  h.close("section");
  h.open("p").open("a", {{"href", survey_path(d.survey_id)}}).text(t("Back to the survey"));
  h.close("a").close("p");
  return std::move(h).str();
}

web::Table people_table(const Tr& t, const RoundPage& p) {
  web::Table table;
  table.header = {t("Name"), t("Name (Latin)"), t("Invitation due"),
                  t("Sent"), t("Reminded"),     t("Answered")};
  for (const auto& x : p.people)
    table.rows.push_back(
        {x.name, x.name_latin, t.date(x.send_at), x.sent_at ? t.date_time(x.sent_at) : "",
         x.reminded_at ? t.date_time(x.reminded_at) : "", x.answered ? t("Yes") : t("No")});
  return table;
}

}  // namespace crm::surveys::round_views

#include "jobs/views.hpp"

#include <fmt/format.h>

#include "web/forms.hpp"

namespace crm::jobs::views {

namespace {

using web::Html;

std::string page_path(std::optional<State> state) {
  return state ? "/admin/jobs?state=" + std::string(state_name(*state)) : "/admin/jobs";
}

// When the job runs next (queued), started (running) or ended.
std::string when(const Tr& t, const Job& j) {
  switch (j.state) {
    case State::queued:
      return t.date_time(j.run_at);
    case State::running:
      return t.date_time(j.updated_at);
    case State::done:
    case State::failed:
      return j.finished_at ? t.date_time(j.finished_at) : std::string();
  }
  return {};
}

std::string attempts(const Tr& t, const Job& j) {
  return t("{n} of {max}", {{"n", t.number(j.attempts)}, {"max", t.number(j.max_attempts)}});
}

void state_filter(Html& h, const web::Ctx& ctx, const JobList& l, std::optional<State> current) {
  const auto& t = ctx.tr;
  h.open("nav", {{"aria-label", t("Show jobs")}}).open("ul", {{"class", "states"}});
  auto item = [&](std::optional<State> s, const std::string& label, long n) {
    h.open("li")
        .open("a", {{"href", page_path(s)}, {"?aria-current", s == current ? "page" : ""}})
        .text(label)
        .text(" (" + t.number(n) + ")")
        .close("a")
        .close("li");
  };
  item(std::nullopt, t("All"), l.queued + l.running + l.failed + l.done);
  item(State::queued, state_label(t, State::queued), l.queued);
  item(State::running, state_label(t, State::running), l.running);
  item(State::failed, state_label(t, State::failed), l.failed);
  item(State::done, state_label(t, State::done), l.done);
  h.close("ul").close("nav");
}

}  // namespace

std::string kind_label(const Tr& t, std::string_view kind) {
  // Every kind app/jobs.cpp registers.
  if (kind == "mail.send") return t("Send mail");
  if (kind == "import.commit") return t("Import people");
  if (kind == "certificates.issue") return t("Issue certificates");
  if (kind == "search.extract") return t("Read the text of a file for the search");
  if (kind == "survey.dispatch") return t("Send survey invitations and reminders");
  if (kind == "admissions.review_reminder") return t("Remind reviewers of overdue reviews");
  if (kind == "admissions.confirm_expiry") return t("Close places not confirmed in time");
  if (kind == "spaces.notify") return t("Mail what is new in the spaces");
  if (kind == "spaces.digest") return t("Send the spaces' daily and weekly digests");
  if (kind == "admissions.retention")
    return t("Delete the documents of applicants not admitted after the retention period");
  return std::string(kind);
}

std::string state_label(const Tr& t, State s) {
  switch (s) {
    case State::queued:
      return t("Waiting");
    case State::running:
      return t("Running");
    case State::done:
      return t("Done");
    case State::failed:
      return t("Failed");
  }
  return {};
}

void progress(Html& h, const Tr& t, const Job& j, std::string_view label) {
  h.open("div",
         {{"class", "job-progress"}, {"role", "status"}, {"data-job-state", state_name(j.state)}});
  const bool known = j.progress_total > 0;
  const std::string done = std::to_string(std::min(j.progress_done, j.progress_total));
  const std::string total = std::to_string(j.progress_total);
  if (known)
    h.open("progress", {{"max", total}, {"value", done}, {"aria-label", label}}).close("progress");
  else
    h.open("progress", {{"aria-label", label}}).close("progress");  // indeterminate
  if (known)
    h.el("span", {{"class", "count"}},
         t("{done} of {total}", {{"done", t.number(std::min(j.progress_done, j.progress_total))},
                                 {"total", t.number(j.progress_total)}}));
  h.close("div");
}

std::string jobs_page(const web::Ctx& ctx, const JobList& l, std::optional<State> state,
                      long page) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Background jobs"));
  h.el("p", {{"class", "muted"}},
       t("Work crm does outside a page: sending mail, importing people. A job that fails is "
         "tried again a few times, later each time; then it waits here as failed until you run "
         "it again."));
  state_filter(h, ctx, l, state);
  if (l.total > 0)
    web::export_links(h, t, "/admin/jobs",
                      state ? "?state=" + std::string(state_name(*state)) : std::string());
  if (l.items.empty()) {
    h.el("p", t("No jobs."));
  } else {
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Background jobs")}})
        .open("table", {{"class", "jobs"}});
    h.open("thead").open("tr");
    for (const char* c : {N_("Job"), N_("State"), N_("Attempts"), N_("When"), N_("Progress"),
                          N_("Last error"), N_("Action")})
      h.el("th", {{"scope", "col"}}, t(c));
    h.close("tr").close("thead").open("tbody");
    for (const auto& j : l.items) {
      h.open("tr", {{"data-job", std::to_string(j.id)}, {"data-state", state_name(j.state)}});
      h.open("td")
          .text(kind_label(t, j.kind))
          .text(" ")
          .el("span", {{"dir", "ltr"}}, "#" + t.number(j.id));
      h.close("td");
      h.el("td", state_label(t, j.state));
      h.el("td", attempts(t, j));
      h.el("td", when(t, j));
      h.el("td", j.progress_total > 0
                     ? t("{done} of {total}", {{"done", t.number(j.progress_done)},
                                               {"total", t.number(j.progress_total)}})
                     : std::string());
      h.open("td", {{"class", "job-error"}}).bdi(t.key(j.last_error)).close("td");
      h.open("td");
      if (j.state == State::failed || j.state == State::queued) {
        h.open("form", {{"method", "post"}, {"action", fmt::format("/admin/jobs/{}/retry", j.id)}});
        web::csrf_field(h, ctx);
        // The name says which job (the visible words come first in it).
        const std::string label = j.state == State::failed ? t("Run again") : t("Run now");
        const std::string name = label + " #" + t.number(j.id);
        h.el("button", {{"type", "submit"}, {"class", "button small"}, {"aria-label", name}},
             label);
        h.close("form");
      }
      h.close("td");
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  web::pagination(h, ctx, web::Pagination{page, kPerPage, l.total}, page_path(state));
  return std::move(h).str();
}

web::Table jobs_table(const web::Ctx& ctx, const std::vector<Job>& jobs) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Number"),   t("Job"),        t("State"),    t("Attempts"),
                  t("Runs at"),  t("Created"),    t("Finished"), t("Programme"),
                  t("Progress"), t("Last error"), t("Kind")};
  for (const auto& j : jobs) {
    table.rows.push_back({std::to_string(j.id), kind_label(t, j.kind), state_label(t, j.state),
                          attempts(t, j), t.date_time(j.run_at), t.date_time(j.created_at),
                          j.finished_at ? t.date_time(j.finished_at) : std::string(),
                          j.programme_id ? std::to_string(j.programme_id) : std::string(),
                          // "5/10" would become a date in a spreadsheet.
                          j.progress_total > 0 ? t("{done} of {total}",
                                                   {{"done", std::to_string(j.progress_done)},
                                                    {"total", std::to_string(j.progress_total)}})
                                               : std::string(),
                          t.key(j.last_error), j.kind});
  }
  return table;
}

}  // namespace crm::jobs::views

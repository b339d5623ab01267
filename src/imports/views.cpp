#include "imports/views.hpp"

#include "imports/csv.hpp"
#include "jobs/views.hpp"
#include "programme/views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::imports::views {

namespace {

using web::Html;

// Problems shown on one page; a file with more is fixed in the spreadsheet.
constexpr std::size_t kShownProblems = 500;
constexpr std::size_t kShownUpdates = 200;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

std::string cohort_path(int64_t id) {
  return "/cohorts/" + std::to_string(id);
}

void breadcrumb(Html& h, const programme::Cohort& c) {
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", cohort_path(c.id)}})
      .el("bdi", c.name)
      .close("a")
      .close("p");
}

void columns_help(Html& h, const Tr& t) {
  h.el("h2", t("Columns"));
  h.el("p", t("The first line names the columns, in any order and in upper or lower case. "
              "Separate the fields with commas or semicolons and save the file as CSV UTF-8."));
  struct Column {
    const char* name;
    const char* help;
  };
  static const Column columns[] = {
      {"email", N_("Required. People already in crm are matched by email and updated.")},
      {"name", N_("Required. The name as the person writes it, in any script.")},
      {"name_latin", N_("The name in Latin letters, when it is written in another script.")},
      {"country", N_("Required. Country of work as a two-letter ISO code, e.g. DE, TR, LB.")},
      {"organisation", N_("The organisation's name; matched by country and name.")},
      {"organisation_latin", N_("The organisation's name in Latin letters.")},
      {"organisation_type",
       N_("ministry, authority, international, ngo, university or other (default: other).")},
      {"position", N_("The person's position.")},
      {"gender", N_("female, male, prefer_not_to_say or the person's own word.")},
      {"status",
       N_("applicant (default), admitted, participant, graduate, withdrawn or not_admitted.")},
  };
  h.open("dl", {{"class", "facts columns"}});
  for (const auto& c : columns) h.open("dt").el("code", c.name).close("dt").el("dd", t(c.help));
  h.close("dl");
}

// The commit's job waits or runs: its progress, and the way on.
void committing(Html& h, const web::Ctx& ctx, const Preview& p) {
  const auto& t = ctx.tr;
  const std::string self = "/imports/" + std::to_string(p.record.id);
  h.el("h2", t("Importing"));
  h.el("p", p.job->state == jobs::State::queued
                ? t("The import waits for its turn; it starts in a moment.")
                : t("The people of this file are being imported."));
  jobs::views::progress(h, t, *p.job, t("People imported"));
  h.open("p")
      .text(t("You can leave this page: the import goes on. Come back to see how it ended."))
      .text(" ")
      .open("a", {{"href", cohort_path(p.cohort.id)}})
      .el("bdi", p.cohort.name)
      .close("a")
      .close("p");
  // Without JavaScript the page reloads itself every few seconds; a reader
  // may stop that (WCAG 2.2.1) and look again when they like.
  h.open("noscript")
      .open("p")
      .open("a", {{"href", self + "?refresh=off"}})
      .text(t("Stop refreshing this page"))
      .close("a")
      .text(" · ")
      .open("a", {{"href", self}})
      .text(t("Show the progress now"))
      .close("a")
      .close("p")
      .close("noscript");
}

// The import is done: when, how many, and where they are now.
void committed(Html& h, const web::Ctx& ctx, const Preview& p) {
  const auto& t = ctx.tr;
  h.el("p", {{"class", "notice"}, {"data-committed", ""}},
       t("These people were imported on {date}.", {{"date", t.date_time(p.record.committed_at)}}));
  if (p.job && p.job->progress_total > 0)
    h.el("p", {{"data-count", "imported"}},
         t.plural("{n} person imported", "{n} people imported", p.job->progress_total));
  h.open("p")
      .open("a", {{"href", cohort_path(p.cohort.id)}, {"class", "button primary"}})
      .el("bdi", p.cohort.name)
      .close("a")
      .close("p");
  h.open("p")
      .open("a", {{"href", cohort_path(p.cohort.id) + "/import"}})
      .text(t("Upload another file"))
      .close("a")
      .close("p");
}

}  // namespace

std::string message(const Tr& t, const FileProblem& p) {
  std::string s = t.key(p.key);
  // Counts and row numbers arrive as digits: written in the reader's digits.
  for (const auto& [name, value] : p.args) {
    auto n = parse_whole_number(value);
    s = replace_all(s, "{" + name + "}", n ? t.number(*n) : value);
  }
  return s;
}

std::string upload_form(const web::Ctx& ctx, const ImportForm& f, const FileProblem* problem) {
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, f.cohort);
  h.open("h1").text(t("Import people")).text(": ").el("bdi", f.cohort.name).close("h1");
  h.el("p", t("Upload a CSV file of people to enrol in this cohort. You see a preview of every "
              "row first; nothing is saved until you confirm."));
  std::string error = problem ? message(t, *problem) : std::string();
  h.open("form", {{"method", "post"},
                  {"action", cohort_path(f.cohort.id) + "/import"},
                  {"enctype", "multipart/form-data"},
                  {"class", "stack"},
                  {"data-upload", "progress"}});
  web::csrf_field(h, ctx);
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", "f-file"}}, t("CSV file"));
  h.empty("input", {{"id", "f-file"},
                    {"name", "file"},
                    {"type", "file"},
                    {"accept", ".csv,text/csv"},
                    {"required", "required"},
                    {"?aria-invalid", error.empty() ? "" : "true"},
                    {"aria-describedby", error.empty() ? "f-file-hint" : "f-file-error"}});
  h.el("p", {{"class", "hint"}, {"id", "f-file-hint"}},
       t.plural("Up to {n} row; email, name and country are required.",
                "Up to {n} rows; email, name and country are required.",
                static_cast<long>(csv::kMaxRows)));
  if (!error.empty())
    h.el("p", {{"class", "error"}, {"id", "f-file-error"}, {"role", "alert"}}, error);
  h.close("div");
  h.open(
       "progress",
       {{"max", "100"}, {"value", "0"}, {"hidden", "hidden"}, {"aria-label", t("Upload progress")}})
      .close("progress");
  web::submit(h, t("Check the file"));
  h.close("form");
  columns_help(h, t);
  return std::move(h).str();
}

std::string preview(const web::Ctx& ctx, const Preview& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& c = p.check;
  Html h;
  breadcrumb(h, p.cohort);
  h.open("h1").text(t("Import preview")).text(": ").el("bdi", p.cohort.name).close("h1");
  h.open("p", {{"class", "lead"}})
      .text(t("File"))
      .text(": ")
      .el("bdi", {{"class", "filename"}}, p.record.filename)
      .close("p");
  web::form_alert(h, ctx, error);
  if (p.committing()) {
    committing(h, ctx, p);
    return std::move(h).str();
  }
  if (p.record.committed_at) {
    committed(h, ctx, p);
    return std::move(h).str();
  }
  if (p.job && p.job->state == jobs::State::failed && !p.record.committed_at)
    h.el("p", {{"class", "error"}, {"role", "alert"}, {"data-job-failed", ""}},
         t("The import stopped and nothing was saved: {reason}", {{"reason", t.key(p.failure())}}));
  h.open("ul", {{"class", "summary"}, {"data-summary", ""}});
  h.el("li", {{"data-count", "new"}}, t.plural("{n} new person", "{n} new people", c.new_people));
  h.el("li", {{"data-count", "updates"}},
       t.plural("{n} update of a person already in crm", "{n} updates of people already in crm",
                c.updates));
  h.el("li", {{"data-count", "problems"}, {"?class", c.problems.empty() ? "" : "error"}},
       t.plural("{n} problem", "{n} problems", static_cast<long>(c.problems.size())));
  h.close("ul");
  if (!c.unknown_columns.empty()) {
    std::string names;
    for (const auto& u : c.unknown_columns) names += (names.empty() ? "" : ", ") + u;
    h.open("p", {{"class", "notice"}, {"data-unknown-columns", ""}})
        .text(t("These columns are not known and are left out: "))
        .el("bdi", names)
        .close("p");
  }

  if (!c.problems.empty()) {
    h.el("h2", t("Problems"));
    h.el("p", t("Row numbers count the people: row {one} is the first line after the header. "
                "Fix the file and upload it again.",
                {{"one", t.number(1)}}));
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Problems")}})
        .open("table", {{"class", "problems"}});
    h.open("thead").open("tr");
    h.el("th", {{"scope", "col"}}, t("Row"))
        .el("th", {{"scope", "col"}}, t("Column"))
        .el("th", {{"scope", "col"}}, t("Problem"));
    h.close("tr").close("thead").open("tbody");
    for (std::size_t i = 0; i < c.problems.size() && i < kShownProblems; ++i) {
      const auto& pr = c.problems[i];
      std::string row = std::to_string(pr.row);
      std::string text = pr.other_row ? t(pr.key, {{"row", t.number(pr.other_row)}})
                         : pr.max     ? t(pr.key, {{"max", t.number(pr.max)}})
                                      : t(pr.key);
      h.open("tr", {{"data-row", row}, {"data-column", pr.column}});
      h.el("td", t.number(pr.row)).open("td").el("code", pr.column).close("td").el("td", text);
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    if (c.problems.size() > kShownProblems)
      h.el("p", t.plural("{n} more problem is not shown.", "{n} more problems are not shown.",
                         static_cast<long>(c.problems.size() - kShownProblems)));
  }

  std::size_t shown = 0;
  for (const auto& r : c.rows)
    if (r.person_id && shown < kShownUpdates) {
      if (shown++ == 0) {
        h.el("h2", t("Updates"));
        h.el("p", t("These people are already in crm: their record is updated with the "
                    "values of the file."));
        h.open("div", {{"class", "table-wrap"},
                       {"tabindex", "0"},
                       {"role", "region"},
                       {"aria-label", t("Updates")}})
            .open("table", {{"class", "updates"}});
        h.open("thead").open("tr");
        h.el("th", {{"scope", "col"}}, t("Row"))
            .el("th", {{"scope", "col"}}, t("Email"))
            .el("th", {{"scope", "col"}}, t("Name"))
            .el("th", {{"scope", "col"}}, t("In this cohort"));
        h.close("tr").close("thead").open("tbody");
      }
      h.open("tr", {{"data-row", std::to_string(r.row.number)}, {"data-action", "update"}});
      h.el("td", std::to_string(r.row.number))
          .el("td", {{"dir", "ltr"}}, r.row.email)
          .open("td")
          .bdi(r.row.name)
          .close("td");
      if (!r.enrolment_id)
        h.el("td", t("new enrolment"));
      else if (r.current_status == r.row.status)
        h.el("td", programme::views::enrolment_status_label(t, r.current_status));
      else
        h.el("td", programme::views::enrolment_status_label(t, r.current_status) + " → " +
                       programme::views::enrolment_status_label(t, r.row.status));
      h.close("tr");
    }
  if (shown) h.close("tbody").close("table").close("div");

  if (c.problems.empty() && !p.job) {
    h.open("form", {{"method", "post"},
                    {"action", "/imports/" + std::to_string(p.record.id) + "/commit"},
                    {"class", "stack"}});
    web::csrf_field(h, ctx);
    web::submit(
        h, t.plural("Import {n} person", "Import {n} people", static_cast<long>(c.rows.size())));
    h.close("form");
  }
  h.open("p")
      .open("a", {{"href", cohort_path(p.cohort.id) + "/import"}})
      .text(t("Upload another file"))
      .close("a")
      .close("p");
  return std::move(h).str();
}

}  // namespace crm::imports::views

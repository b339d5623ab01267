#include "imports/views.hpp"

#include <map>

#include "imports/csv.hpp"
#include "jobs/views.hpp"
#include "programme/countries.hpp"
#include "programme/views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::imports::views {

namespace {

using web::Html;

// Problems shown on one page; a file with more is fixed in the spreadsheet.
constexpr std::size_t kShownProblems = 500;
// New people and updates listed on the page; every row is in the CSV download.
constexpr std::size_t kShownRows = 200;

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
  h.open("p")
      .message(t("The first line names the columns, in any order and in upper or lower case. "
                 "Separate the fields with commas or semicolons and save the file as {format}."),
               {{"format", "CSV UTF-8"}})
      .close("p");
  struct Column {
    const char* name;
    const char* help;
  };
  static const Column columns[] = {
      {"email", N_("Required. People already in crm are matched by email and updated.")},
      {"name", N_("Required. The name as the person writes it, in any script.")},
      {"name_latin", N_("The name in Latin letters, when it is written in another script.")},
      {"country", N_("Required. Country of work as a two-letter ISO code (e.g. DE, TR, LB) or "
                     "its name.")},
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
  h.el("p", t("A file downloaded from a cohort's list of people can be imported as it is: its "
              "column names, countries, organisation types and statuses are read in English, "
              "German, French and Arabic. Rows of lecturers and staff in it are left out."));
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
  h.open("p", {{"class", "exports"}})
      .open("a", {{"href", cohort_path(f.cohort.id) + "/import/template.csv"}, {"download", ""}})
      .text(t("Download a template (CSV)"))
      .close("a")
      .close("p");
  columns_help(h, t);
  return std::move(h).str();
}

namespace {

// A value of the file as the page shows it: control characters as spaces,
// at most 80 characters (a 100 KB name is not echoed back).
std::string shown_value(std::string_view v) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if ((c & 0xC0) != 0x80 && ++chars > 80) {
      out += "…";
      break;
    }
    out += (c < 0x20 || c == 0x7F) ? ' ' : v[i];
  }
  return out;
}

std::string problem_text(const Tr& t, const RowProblem& pr) {
  return pr.other_row ? t(pr.key, {{"row", t.number(pr.other_row)}})
         : pr.max     ? t(pr.key, {{"max", t.number(pr.max)}})
                      : t(pr.key);
}

std::string country_label(const Tr& t, const std::string& code) {
  return code.empty() ? std::string() : programme::country_name(code, t.language());
}

// One field an update changes: its label, what crm holds, what the file says.
struct Change {
  const char* field;
  std::string before, after;
};

// What an update changes: the file's values that are not empty and differ
// from crm's (an empty value leaves crm's as it is), and the status in the
// cohort.
std::vector<Change> changes_of(const Tr& t, const Planned& p) {
  std::vector<Change> out;
  const Row& r = p.row;
  const Stored& b = p.before;
  auto field = [&](const char* label, const std::string& before, const std::string& after) {
    if (!after.empty() && after != before) out.push_back({label, before, after});
  };
  field(N_("Name"), b.name, r.name);
  field(N_("Name in Latin script"), b.name_latin, r.name_latin);
  if (!r.country.empty() && r.country != b.country)
    out.push_back({N_("Country"), country_label(t, b.country), country_label(t, r.country)});
  if (!r.organisation.empty() &&
      (r.organisation != b.organisation || r.country != b.organisation_country))
    out.push_back({N_("Organisation"), b.organisation, r.organisation});
  field(N_("Position"), b.position, r.position);
  field(N_("Gender"), b.gender, r.gender);
  return out;
}

std::string status_change(const Tr& t, const Planned& p) {
  using programme::views::enrolment_status_label;
  if (!p.enrolment_id) return t("new enrolment") + ": " + enrolment_status_label(t, p.row.status);
  if (p.current_status == p.row.status) return enrolment_status_label(t, p.current_status);
  return enrolment_status_label(t, p.current_status) + " → " +
         enrolment_status_label(t, p.row.status);
}

void table_start(Html& h, const std::string& label, const char* cls,
                 std::initializer_list<const char*> headers, const Tr& t) {
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", label}})
      .open("table", {{"class", cls}});
  h.open("thead").open("tr");
  for (const char* th : headers) h.el("th", {{"scope", "col"}}, t(th));
  h.close("tr").close("thead").open("tbody");
}

void table_end(Html& h) {
  h.close("tbody").close("table").close("div");
}

void problems_section(Html& h, const Tr& t, const Check& c) {
  h.el("h2", t("Problems"));
  h.el("p", t("Row numbers count the people: row {one} is the first line after the header. "
              "Fix the file and upload it again.",
              {{"one", t.number(1)}}));
  table_start(h, t("Problems"), "problems", {N_("Row"), N_("Column"), N_("Value"), N_("Problem")},
              t);
  for (std::size_t i = 0; i < c.problems.size() && i < kShownProblems; ++i) {
    const auto& pr = c.problems[i];
    std::string row = std::to_string(pr.row);
    h.open("tr", {{"data-row", row}, {"data-column", pr.column}});
    h.el("td", t.number(pr.row)).open("td").el("code", pr.column).close("td");
    if (pr.value.empty())
      h.el("td", {{"class", "muted"}, {"data-value", ""}}, t("(empty)"));
    else
      h.open("td", {{"data-value", ""}})
          .el("bdi", {{"class", "value"}}, shown_value(pr.value))
          .close("td");
    h.el("td", problem_text(t, pr));
    h.close("tr");
  }
  table_end(h);
  if (c.problems.size() > kShownProblems)
    h.el("p", t.plural("{n} more problem is not shown.", "{n} more problems are not shown.",
                       static_cast<long>(c.problems.size() - kShownProblems)));
}

void more_rows(Html& h, const Tr& t, long more, const std::string& rows_csv) {
  if (more <= 0) return;
  h.open("p", {{"data-more", std::to_string(more)}})
      .text(t.plural("{n} more row is not shown here.", "{n} more rows are not shown here.", more))
      .text(" ")
      .open("a", {{"href", rows_csv}, {"download", ""}})
      .text(t("Download every row (CSV)"))
      .close("a")
      .close("p");
}

void new_people_section(Html& h, const Tr& t, const Check& c, const std::string& rows_csv) {
  if (!c.new_people) return;
  h.el("h2", t("New people"));
  h.el("p", t("These people are not in crm yet: they are added with these values."));
  // Seven columns, so that the table fits a laptop's width: the Latin name
  // and the email under the name, the type under the organisation.
  table_start(h, t("New people"), "new-people",
              {N_("Row"), N_("Name"), N_("Country"), N_("Organisation"), N_("Position"),
               N_("Gender"), N_("Status")},
              t);
  std::size_t shown = 0;
  for (const auto& r : c.rows) {
    if (r.person_id || r.has_problem) continue;
    if (shown++ == kShownRows) break;
    const Row& w = r.row;
    h.open("tr", {{"data-row", std::to_string(w.number)}, {"data-action", "new"}});
    h.el("td", t.number(w.number)).open("td").el("bdi", w.name);
    if (!w.name_latin.empty())
      h.open("div", {{"class", "hint"}, {"data-field", "name_latin"}})
          .el("bdi", w.name_latin)
          .close("div");
    h.open("div", {{"class", "hint"}, {"data-field", "email"}})
        .el("bdi", {{"dir", "ltr"}}, w.email)
        .close("div")
        .close("td");
    h.el("td", {{"data-country", w.country}}, country_label(t, w.country)).open("td");
    if (!w.organisation.empty()) {
      h.el("bdi", w.organisation);
      if (!w.organisation_latin.empty() && w.organisation_latin != w.organisation)
        h.open("div", {{"class", "hint"}}).el("bdi", w.organisation_latin).close("div");
      h.el("div", {{"class", "hint"}},
           programme::views::organisation_type_label(t, w.organisation_type));
    }
    h.close("td")
        .open("td")
        .el("bdi", w.position)
        .close("td")
        .open("td")
        .el("bdi", w.gender)
        .close("td")
        .el("td", programme::views::enrolment_status_label(t, w.status));
    h.close("tr");
  }
  table_end(h);
  more_rows(h, t, c.new_people - static_cast<long>(kShownRows), rows_csv);
}

void updates_section(Html& h, const Tr& t, const Check& c, const std::string& rows_csv) {
  if (!c.updates) return;
  h.el("h2", t("Updates"));
  h.el("p", t("These people are already in crm: their record is updated with the values of "
              "the file. An empty value leaves what crm has."));
  table_start(h, t("Updates"), "updates",
              {N_("Row"), N_("Name"), N_("Changes"), N_("In this cohort")}, t);
  std::size_t shown = 0;
  for (const auto& r : c.rows) {
    if (!r.person_id || r.has_problem) continue;
    if (shown++ == kShownRows) break;
    h.open("tr", {{"data-row", std::to_string(r.row.number)}, {"data-action", "update"}});
    h.el("td", t.number(r.row.number))
        .open("td")
        .el("bdi", r.before.name)
        .open("div", {{"class", "hint"}})
        .el("bdi", {{"dir", "ltr"}}, r.row.email)
        .close("div")
        .close("td")
        .open("td");
    auto changes = changes_of(t, r);
    if (changes.empty()) {
      h.text(t("no change"));
    } else {
      h.open("ul", {{"class", "plain"}});
      for (const auto& ch : changes) {
        h.open("li", {{"data-field", ch.field}}).text(t(ch.field)).text(": ");
        if (ch.before.empty())
          h.el("span", {{"class", "muted"}}, t("(empty)"));
        else
          h.el("bdi", {{"class", "before"}}, ch.before);
        h.text(" → ").el("bdi", {{"class", "after"}}, ch.after).close("li");
      }
      h.close("ul");
    }
    h.close("td").el("td", status_change(t, r));
    h.close("tr");
  }
  table_end(h);
  more_rows(h, t, c.updates - static_cast<long>(kShownRows), rows_csv);
}

// The organisations the import would create; for each that has similar ones
// in crm, the choice (inside the commit form, so that it goes with it).
// "Caritas München (Germany, 3 people)", the name isolated.
void organisation_label(Html& h, const Tr& t, const NewOrganisation& o, const std::string& count) {
  h.message(t("{name} ({country}, {people})",
              {{"country", country_label(t, o.country)}, {"people", count}}),
            {{"name", o.name}});
}

void organisations_section(Html& h, const Tr& t, const Preview& p, bool choose, bool missing) {
  const auto& c = p.check;
  if (c.new_organisations.empty()) return;
  h.el("h2", {{"id", "organisations"}}, t("New organisations"));
  h.el("p", t.plural("The import creates {n} organisation that crm does not have yet.",
                     "The import creates {n} organisations that crm does not have yet.",
                     static_cast<long>(c.new_organisations.size())));
  std::size_t index = 0, plain = 0;
  h.open("ul", {{"class", "plain organisations"}});
  for (const auto& o : c.new_organisations) {
    if (o.matches.empty() && plain++ >= kShownRows) continue;
    h.open("li", {{"data-organisation", o.key()}});
    const std::string count = t.plural("{n} person", "{n} people", o.people);
    if (o.matches.empty() || !choose) {
      h.open("p");
      organisation_label(h, t, o, count);
      h.close("p");
      if (!o.matches.empty()) {
        std::vector<std::string> names;
        for (const auto& m : o.matches) names.push_back(m.name);
        h.open("p", {{"class", "hint"}}).text(t("Similar in crm: ")).list(t, names).close("p");
      }
      h.close("li");
      continue;
    }
    const std::string n = std::to_string(index++);
    auto chosen = p.choices.find(o.key());
    const bool unanswered = missing && chosen == p.choices.end();
    h.open("fieldset", {{"?class", unanswered ? "invalid" : ""}, {"data-choice", o.key()}});
    h.open("legend");
    organisation_label(h, t, o, count);
    h.close("legend");
    h.el("p", {{"class", "hint"}},
         t("crm has organisations with a similar name in this country. Use one of them, or create "
           "this one?"));
    if (unanswered) h.el("p", {{"class", "error"}}, t("Choose one."));
    h.empty("input", {{"type", "hidden"}, {"name", "org-key-" + n}, {"value", o.key()}});
    for (std::size_t i = 0; i < o.matches.size(); ++i) {
      const auto& m = o.matches[i];
      const std::string id = "org-" + n + "-" + std::to_string(i);
      const std::string value = std::to_string(m.id);
      const bool on = chosen != p.choices.end() && chosen->second == m.id;
      h.open("div", {{"class", "field check"}})
          .empty("input", {{"type", "radio"},
                           {"id", id},
                           {"name", "org-" + n},
                           {"value", value},
                           {"required", "required"},
                           {"?checked", on ? "checked" : ""}})
          .open("label", {{"for", id}})
          .text(t("Use"))
          .text(" ")
          .el("bdi", m.name);
      if (!m.name_latin.empty() && m.name_latin != m.name)
        h.text(" (").el("bdi", m.name_latin).text(")");
      h.close("label").close("div");
    }
    const std::string id = "org-" + n + "-new";
    const bool fresh = chosen != p.choices.end() && chosen->second == 0;
    h.open("div", {{"class", "field check"}})
        .empty("input", {{"type", "radio"},
                         {"id", id},
                         {"name", "org-" + n},
                         {"value", "new"},
                         {"required", "required"},
                         {"?checked", fresh ? "checked" : ""}})
        .el("label", {{"for", id}}, t("Create it as a new organisation"))
        .close("div");
    h.close("fieldset").close("li");
  }
  h.close("ul");
  if (plain > kShownRows)
    h.el("p", t.plural("{n} more new organisation is not shown.",
                       "{n} more new organisations are not shown.",
                       static_cast<long>(plain - kShownRows)));
}

}  // namespace

web::Table rows_table(const Tr& t, const Preview& p) {
  using programme::views::enrolment_status_label;
  using programme::views::organisation_type_label;
  web::Table table;
  table.header = {t("Row"),
                  t("What"),
                  t("Email"),
                  t("Name"),
                  t("Name in Latin script"),
                  t("Country"),
                  t("Organisation"),
                  t("Type of organisation"),
                  t("Position"),
                  t("Gender"),
                  t("Status"),
                  t("Problem")};
  std::map<std::size_t, std::string> problems;
  for (const auto& pr : p.check.problems) {
    auto& text = problems[pr.row];
    text += (text.empty() ? "" : "; ") + pr.column + ": " + problem_text(t, pr);
  }
  for (const auto& r : p.check.rows) {
    const Row& w = r.row;
    const std::string type =
        w.organisation.empty() ? "" : organisation_type_label(t, w.organisation_type);
    if (r.has_problem || !r.person_id) {
      table.rows.push_back(
          {std::to_string(w.number), r.has_problem ? t("Problem") : t("New person"), w.email,
           w.name, w.name_latin, country_label(t, w.country), w.organisation, type, w.position,
           w.gender, r.has_problem ? w.status : enrolment_status_label(t, w.status),
           problems[w.number]});
      continue;
    }
    // An update: "old → new" where the file changes a value, else crm's value.
    const Stored& b = r.before;
    auto cell = [](const std::string& before, const std::string& after) {
      return after.empty() || after == before ? before : before + " → " + after;
    };
    table.rows.push_back(
        {std::to_string(w.number), t("Update"), w.email, cell(b.name, w.name),
         cell(b.name_latin, w.name_latin),
         cell(country_label(t, b.country), country_label(t, w.country)),
         w.organisation.empty() ||
                 (w.organisation == b.organisation && w.country == b.organisation_country)
             ? b.organisation
             : b.organisation + " → " + w.organisation,
         type, cell(b.position, w.position), cell(b.gender, w.gender), status_change(t, r), ""});
  }
  return table;
}

web::Table template_table() {
  web::Table table;
  for (const auto& c : known_columns()) table.header.push_back(c);
  table.rows.push_back({"amina.diallo@example.org", "Amina Diallo", "", "SN",
                        "Ministère de l'Intérieur", "Ministry of the Interior", "ministry",
                        "Head of reintegration", "female", "applicant"});
  return table;
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
  // A choice missing for a new organisation: said at the top, linked to the choices.
  if (error && error->field == "organisations")
    h.open("div", {{"class", "flash error"}, {"role", "alert"}, {"data-error", "organisations"}})
        .open("a", {{"href", "#organisations"}})
        .text(t.key(error->key))
        .close("a")
        .close("div");
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
  const std::string self = "/imports/" + std::to_string(p.record.id);
  const std::string rows_csv = self + "/rows.csv";
  h.open("ul", {{"class", "summary"}, {"data-summary", ""}});
  h.el("li", {{"data-count", "new"}}, t.plural("{n} new person", "{n} new people", c.new_people));
  h.el("li", {{"data-count", "updates"}},
       t.plural("{n} update of a person already in crm", "{n} updates of people already in crm",
                c.updates));
  h.el("li", {{"data-count", "problems"}, {"?class", c.problems.empty() ? "" : "error"}},
       t.plural("{n} problem", "{n} problems", static_cast<long>(c.problems.size())));
  if (c.rows_with_problems)
    h.el("li", {{"data-count", "rows-with-problems"}, {"class", "error"}},
         t.plural("{n} row has problems and is not counted above.",
                  "{n} rows have problems and are not counted above.", c.rows_with_problems));
  if (!c.new_organisations.empty())
    h.open("li", {{"data-count", "organisations"}})
        .open("a", {{"href", "#organisations"}})
        .text(t.plural("{n} new organisation", "{n} new organisations",
                       static_cast<long>(c.new_organisations.size())))
        .close("a")
        .close("li");
  h.close("ul");
  const bool over = p.cohort.capacity > 0 && c.taking_part_after > p.cohort.capacity &&
                    c.taking_part_after > c.taking_part_now;
  if (over)
    h.el("p", {{"class", "flash warning"}, {"role", "status"}, {"data-over-capacity", ""}},
         t("After this import the cohort has {people} people taking part for {places} places.",
           {{"people", t.number(c.taking_part_after)}, {"places", t.number(p.cohort.capacity)}}));
  if (!c.unknown_columns.empty()) {
    std::string names;
    for (const auto& u : c.unknown_columns) names += (names.empty() ? "" : ", ") + u;
    h.open("p", {{"class", "notice"}, {"data-unknown-columns", ""}})
        .text(t("These columns are not known and are left out: "))
        .el("bdi", names)
        .close("p");
  }
  if (!c.left_out.empty())
    h.el("p", {{"class", "notice"}, {"data-left-out", ""}},
         t.plural("{n} row of a lecturer, supervisor or staff member is left out: the import "
                  "enrols participants.",
                  "{n} rows of lecturers, supervisors or staff are left out: the import enrols "
                  "participants.",
                  static_cast<long>(c.left_out.size())));
  if (!c.rows.empty())
    h.open("p", {{"class", "exports"}})
        .open("a", {{"href", rows_csv}, {"download", ""}})
        .text(t("Download every row as the import reads it (CSV)"))
        .close("a")
        .close("p");

  if (!c.problems.empty()) problems_section(h, t, c);
  new_people_section(h, t, c, rows_csv);
  updates_section(h, t, c, rows_csv);

  const bool can_commit = c.problems.empty() && !p.job;
  const bool missing = error && error->field == "organisations";
  if (can_commit) {
    h.open("form", {{"method", "post"}, {"action", self + "/commit"}, {"class", "stack"}});
    web::csrf_field(h, ctx);
  }
  organisations_section(h, t, p, can_commit, missing);
  if (can_commit) {
    if (over)
      h.el("p", {{"class", "hint"}},
           t("The cohort will have more people taking part than places; you may import them "
             "all the same."));
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

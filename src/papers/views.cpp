#include "papers/views.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <set>

#include "curriculum/service.hpp"
#include "knowledge/vocabulary.hpp"
#include "papers/access.hpp"
#include "programme/countries.hpp"
#include "web/forms.hpp"

namespace crm::papers::views {

namespace {

using web::Field;
using web::Html;

std::string cohort_path(int64_t id) {
  return "/cohorts/" + std::to_string(id);
}
std::string paper_path(int64_t id) {
  return "/papers/" + std::to_string(id);
}

// A language's name in the reader's language ("Arabisch" for ar in German).
std::string language_name(std::string_view code, const Tr& t) {
  icu::UnicodeString name;
  icu::Locale(std::string(code).c_str())
      .getDisplayLanguage(icu::Locale(std::string(t.language()).c_str()), name);
  std::string s;
  name.toUTF8String(s);
  return s.empty() ? std::string(code) : s;
}

const std::vector<std::string>& all_countries() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    for (char a = 'A'; a <= 'Z'; ++a)
      for (char b = 'A'; b <= 'Z'; ++b) {
        std::string c{a, b};
        if (programme::is_country(c)) out.push_back(c);
      }
    return out;
  }();
  return codes;
}

void table_open(Html& h, const std::string& label, std::initializer_list<const char*> cols,
                const Tr& t) {
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", label}})
      .open("table")
      .open("thead")
      .open("tr");
  for (const char* c : cols) h.el("th", {{"scope", "col"}}, t(c));
  h.close("tr").close("thead").open("tbody");
}
void table_close(Html& h) {
  h.close("tbody").close("table").close("div");
}

// Text someone typed: a paragraph per line, each in its own direction.
void paragraphs(Html& h, std::string_view text, std::string_view lang) {
  for (size_t a = 0; a < text.size();) {
    size_t b = text.find('\n', a);
    if (b == std::string_view::npos) b = text.size();
    auto line = text.substr(a, b - a);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) h.el("p", {{"dir", "auto"}, {"?lang", lang}}, line);
    a = b + 1;
  }
}

void textarea(Html& h, const std::string& name, const std::string& label, const std::string& value,
              const std::string& error, std::string_view lang = {}, int rows = 4) {
  std::string id = "f-" + name;
  const auto r = std::to_string(rows);
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  h.open("textarea", {{"id", id},
                      {"name", name},
                      {"rows", r},
                      {"dir", "auto"},
                      {"?lang", lang},
                      {"?aria-invalid", error.empty() ? "" : "true"},
                      {"?aria-describedby", error.empty() ? "" : id + "-error"}})
      .text(value)
      .close("textarea");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

std::string status_text(const Tr& t, std::string_view status) {
  return t(detail::status_label(status));
}

void status_badge(Html& h, const Tr& t, std::string_view status) {
  h.el("strong", {{"class", "paper-status " + std::string(status)}}, status_text(t, status));
}

// Who wrote a comment or an assessment: their account's name; one whose
// account is gone (or a supervisor without one) is "Supervisor".
std::string name_or_supervisor(const Tr& t, const std::string& name) {
  return name.empty() ? t("Supervisor") : name;
}

// The next milestone and what is overdue, for a list row.
void milestone_cell(Html& h, const Tr& t, const MilestoneState& s) {
  bool first = true;
  for (const auto& k : s.overdue) {
    if (!first) h.empty("br");
    first = false;
    h.el("strong", {{"class", "overdue"}},
         t("{milestone} overdue", {{"milestone", t(detail::milestone_label(k))}}));
  }
  if (s.next && std::find(s.overdue.begin(), s.overdue.end(), s.next->kind) == s.overdue.end()) {
    if (!first) h.empty("br");
    h.text(t("{milestone} by {date}", {{"milestone", t(detail::milestone_label(s.next->kind))},
                                       {"date", t.date(s.next->due_at)}}));
  }
}

MilestoneState state_of(const PaperRow& r, const std::vector<Milestone>& milestones, int64_t now) {
  return milestone_state(milestones, r.has_milestone, r.status, now);
}

std::vector<Milestone> milestones_of(const std::vector<std::pair<int64_t, Milestone>>& all,
                                     int64_t cohort) {
  std::vector<Milestone> out;
  for (const auto& [c, m] : all)
    if (c == cohort) out.push_back(m);
  return out;
}

void title_link(Html& h, const PaperRow& r, const Tr& t) {
  h.open("a", {{"href", paper_path(r.id)}});
  if (r.title.empty())
    h.text(t("(no title yet)"));
  else
    h.open("bdi", {{"lang", r.title_language}}).text(r.title).close("bdi");
  h.close("a");
}

void rows_table(Html& h, const web::Ctx& ctx, const std::vector<PaperRow>& rows,
                const std::vector<std::pair<int64_t, Milestone>>& milestones,
                const std::string& label, bool author_column) {
  const auto& t = ctx.tr;
  if (author_column)
    table_open(h, label,
               {N_("Participant"), N_("Title"), N_("Cohort"), N_("Status"), N_("Next milestone")},
               t);
  else
    table_open(h, label,
               {N_("Title"), N_("Cohort"), N_("Supervisor"), N_("Status"), N_("Next milestone")},
               t);
  for (const auto& r : rows) {
    h.open("tr");
    if (author_column) h.open("td").bdi(r.author_name).close("td");
    h.open("td");
    title_link(h, r, t);
    h.close("td");
    h.open("td").bdi(r.cohort_name).close("td");
    if (!author_column) {
      h.open("td");
      if (r.supervisor_name.empty())
        h.el("span", {{"class", "muted"}}, t("not yet chosen"));
      else
        h.bdi(r.supervisor_name);
      h.close("td");
    }
    h.open("td");
    status_badge(h, t, r.status);
    h.close("td").open("td");
    milestone_cell(h, t, state_of(r, milestones_of(milestones, r.cohort_id), ctx.now));
    h.close("td").close("tr");
  }
  table_close(h);
}

}  // namespace

const PaperText* text_for(const Paper& p, std::string_view language) {
  const PaperText* best = nullptr;
  for (const auto& t : p.texts) {
    if (t.language == language) return &t;
    if (!best || t.language == "en") best = &t;
  }
  return best;
}

// ------------------------------------------------------------ lists

std::string my_papers(const web::Ctx& ctx, const MyPapersPage& p, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Final papers"));
  web::form_alert(h, ctx, e);
  for (const auto& c : p.can_start) {
    h.open("section", {{"class", "card attention"}});
    h.open("p").message(t("Your cohort {cohort} keeps the final papers in crm. Start yours here: "
                          "you write its title and abstract and upload its versions; your "
                          "supervisor comments and assesses them."),
                        {{"cohort", c.name}});
    h.close("p");
    h.open("form", {{"method", "post"}, {"action", "/papers"}});
    web::csrf_field(h, ctx);
    const auto id = std::to_string(c.id);
    h.empty("input", {{"type", "hidden"}, {"name", "cohort"}, {"value", id}});
    web::submit(h, t("Start my paper"));
    h.close("form").close("section");
  }
  h.el("h2", t("My papers"));
  if (p.own.empty())
    h.el("p", {{"class", "muted"}}, t("You have no final paper in crm."));
  else
    rows_table(h, ctx, p.own, p.milestones, t("My papers"), false);
  if (!p.supervised.empty()) {
    h.el("h2", t("Papers I supervise"));
    rows_table(h, ctx, p.supervised, p.milestones, t("Papers I supervise"), true);
  }
  return std::move(h).str();
}

std::string cohort_papers(const web::Ctx& ctx, const CohortPapersPage& p) {
  const auto& t = ctx.tr;
  Html h;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", cohort_path(p.cohort.id)}})
      .bdi(p.cohort.name)
      .close("a")
      .close("nav");
  h.open("h1").message(t("Final papers: {cohort}"), {{"cohort", p.cohort.name}}).close("h1");
  if (!p.milestones.empty()) {
    h.open("p");
    std::vector<std::string> parts;
    for (const auto& m : p.milestones)
      parts.push_back(t("{milestone} by {date}", {{"milestone", t(detail::milestone_label(m.kind))},
                                                  {"date", t.date(m.due_at)}}));
    h.text(t("Milestones: {list}", {{"list", t.list(parts)}}));
    h.close("p");
  } else if (p.can_manage) {
    h.el("p", {{"class", "muted"}}, t("No milestones are set for this cohort yet."));
  }
  if (p.can_manage)
    h.open("nav", {{"class", "exports"}, {"aria-label", t("Final papers")}})
        .open("a", {{"href", cohort_path(p.cohort.id) + "/papers/new"}, {"class", "button"}})
        .text(t("Start papers"))
        .close("a")
        .open("a", {{"href", cohort_path(p.cohort.id) + "/papers/settings"}})
        .text(t("Milestones and rubric"))
        .close("a")
        .close("nav");
  if (p.papers.empty()) {
    h.el("p", {{"class", "muted"}},
         p.can_manage ? t("No paper has been started in this cohort.")
                      : t("You supervise no paper in this cohort."));
    return std::move(h).str();
  }
  h.el("p", t.plural("{n} paper", "{n} papers", static_cast<long>(p.papers.size())));
  table_open(h, t("Final papers"),
             {N_("Participant"), N_("Title"), N_("Status"), N_("Supervisor"), N_("Latest version"),
              N_("Next milestone")},
             t);
  for (const auto& r : p.papers) {
    h.open("tr").open("td").bdi(r.author_name).close("td").open("td");
    title_link(h, r, t);
    h.close("td").open("td");
    status_badge(h, t, r.status);
    h.close("td").open("td");
    if (r.supervisor_name.empty())
      h.el("span", {{"class", "muted"}}, t("not yet chosen"));
    else
      h.bdi(r.supervisor_name);
    h.close("td").open("td");
    if (r.versions)
      h.text(t("Version {n}, {date}",
               {{"n", t.number(r.versions)}, {"date", t.date(r.last_upload_at)}}));
    else
      h.el("span", {{"class", "muted"}}, t("none yet"));
    h.close("td").open("td");
    milestone_cell(h, t, state_of(r, p.milestones, ctx.now));
    h.close("td").close("tr");
  }
  table_close(h);
  web::export_links(h, t, cohort_path(p.cohort.id) + "/papers", "");
  return std::move(h).str();
}

web::Table cohort_table(const web::Ctx& ctx, const CohortPapersPage& p) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Participant"), t("Title"),          t("Language"),
                  t("Status"),      t("Supervisor"),     t("Latest version"),
                  t("Uploaded"),    t("Next milestone"), t("Overdue")};
  for (const auto& r : p.papers) {
    auto s = state_of(r, p.milestones, ctx.now);
    std::vector<std::string> overdue;
    for (const auto& k : s.overdue) overdue.push_back(t(detail::milestone_label(k)));
    table.rows.push_back(
        {r.author_name, r.title, r.title_language, status_text(t, r.status), r.supervisor_name,
         r.versions ? std::to_string(r.versions) : "",
         r.last_upload_at ? t.date(r.last_upload_at) : "",
         s.next ? t(detail::milestone_label(s.next->kind)) + " " + t.date(s.next->due_at) : "",
         t.list(overdue)});
  }
  return table;
}

// ------------------------------------------------------------ settings

std::string settings(const web::Ctx& ctx, const SettingsPage& p, const Error* e,
                     int64_t criterion_id) {
  const auto& t = ctx.tr;
  Html h;
  const auto base = cohort_path(p.cohort.id) + "/papers";
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", cohort_path(p.cohort.id)}})
      .bdi(p.cohort.name)
      .close("a")
      .text(" › ")
      .open("a", {{"href", base}})
      .text(t("Final papers"))
      .close("a")
      .close("nav");
  h.el("h1", t("Milestones and rubric"));
  // Milestones
  const bool milestone_error = e && e->field.starts_with("due_");
  h.el("h2", t("Milestones"));
  h.open("form", {{"method", "post"},
                  {"action", base + "/settings"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  h.el("p", {{"class", "hint"}},
       t("The day each milestone is due (until the end of that day, {zone}). Leave a date empty "
         "when the cohort has no such milestone.",
         {{"zone", time_zone_name(t.time_zone(), t.language())}}));
  for (int k = 0; k < 3; ++k) {
    const std::string name = std::string("due_") + kMilestones[k];
    web::field(h, Field{.name = name,
                        .label = t(detail::milestone_label(kMilestones[k])),
                        .type = "date",
                        .value = p.dates[k],
                        .error = milestone_error ? web::error_for(ctx, e, name) : ""});
  }
  web::submit(h, t("Save the milestones"));
  h.close("form");
  // Rubric
  h.el("h2", {{"id", "rubric"}}, t("Rubric"));
  h.el("p", {{"class", "hint"}},
       t("Supervisors score each criterion from 0 to its maximum when they assess a paper."));
  if (p.criteria.empty()) h.el("p", {{"class", "muted"}}, t("No criteria yet."));
  for (const auto& c : p.criteria) {
    const Error* ce = criterion_id == c.id ? e : nullptr;
    const auto id = std::to_string(c.id);
    h.open("section", {{"class", "card"}, {"id", "criterion-" + id}});
    h.open("h3").bdi(c.title).close("h3");
    h.open("form", {{"method", "post"},
                    {"action", "/rubric-criteria/" + id},
                    {"class", "grid-form"},
                    {"novalidate", ""}});
    web::csrf_field(h, ctx);
    web::form_alert(h, ctx, ce && ce->field.empty() ? ce : nullptr);
    const std::string title = "title_" + id, description = "description_" + id,
                      scale = "scale_max_" + id, position = "position_" + id;
    web::field(h, Field{.name = title,
                        .label = t("Title"),
                        .value = c.title,
                        .error = web::error_for(ctx, ce, title),
                        .required = true});
    web::field(h, Field{.name = description,
                        .label = t("Description"),
                        .value = c.description,
                        .error = web::error_for(ctx, ce, description)});
    web::field(h, Field{.name = scale,
                        .label = t("Highest score"),
                        .type = "number",
                        .value = std::to_string(c.scale_max),
                        .error = web::error_for(ctx, ce, scale),
                        .inputmode = "numeric"});
    web::field(h, Field{.name = position,
                        .label = t("Order"),
                        .type = "number",
                        .value = std::to_string(c.position),
                        .error = web::error_for(ctx, ce, position),
                        .inputmode = "numeric"});
    h.open("div", {{"class", "actions"}});
    web::submit(h, t("Save the criterion"), "button");
    h.close("div").close("form");
    h.open("form", {{"method", "post"},
                    {"action", "/rubric-criteria/" + id + "/delete"},
                    {"class", "actions"}});
    web::csrf_field(h, ctx);
    if (c.used)
      h.el("p", {{"class", "hint"}},
           t("Used in an assessment: it can be changed but not deleted."));
    else
      web::submit(h, t("Delete the criterion"), "button danger small");
    h.close("form").close("section");
  }
  const Error* ae = criterion_id == 0 && e && !e->field.starts_with("due_") ? e : nullptr;
  h.el("h3", t("Add a criterion"));
  h.open("form", {{"method", "post"},
                  {"action", base + "/criteria"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, ae && ae->field.empty() ? ae : nullptr);
  web::field(h, Field{.name = "title",
                      .label = t("Title"),
                      .value = p.criterion.title,
                      .error = web::error_for(ctx, ae, "title"),
                      .required = true});
  textarea(h, "description", t("Description"), p.criterion.description,
           web::error_for(ctx, ae, "description"), {}, 2);
  web::field(h, Field{.name = "scale_max",
                      .label = t("Highest score"),
                      .type = "number",
                      .value = p.criterion.scale_max,
                      .error = web::error_for(ctx, ae, "scale_max"),
                      .hint = t("A whole number from 1 to 100."),
                      .inputmode = "numeric"});
  web::field(h, Field{.name = "position",
                      .label = t("Order"),
                      .type = "number",
                      .value = p.criterion.position,
                      .error = web::error_for(ctx, ae, "position"),
                      .hint = t("Empty: after the others."),
                      .inputmode = "numeric"});
  web::submit(h, t("Add the criterion"));
  h.close("form");
  return std::move(h).str();
}

std::string new_paper(const web::Ctx& ctx, const NewPaperPage& p, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  const auto base = cohort_path(p.cohort.id) + "/papers";
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", base}})
      .text(t("Final papers"))
      .close("a")
      .close("nav");
  h.el("h1", t("Start papers"));
  h.el("p", {{"class", "hint"}},
       t("Each participant has one paper per cohort. Start it for one participant or for everyone "
         "taking part who has none yet, and choose the supervisor."));
  std::vector<web::Option> people;
  long without = 0;
  for (const auto& x : p.participants)
    if (!x.has_paper) ++without;
  people.push_back({"all", t.plural("Everyone without a paper ({n} person)",
                                    "Everyone without a paper ({n} people)", without)});
  for (const auto& x : p.participants)
    people.push_back({std::to_string(x.id),
                      x.has_paper ? t("{name} (has a paper)", {{"name", x.name}}) : x.name});
  std::vector<web::Option> supervisors{{"", t("Not yet chosen")}};
  for (const auto& s : p.supervisors) supervisors.push_back({std::to_string(s.person_id), s.name});
  h.open("form", {{"method", "post"},
                  {"action", base + "/new"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  web::select(h, "participant", t("Participant"), people, p.participant,
              web::error_for(ctx, e, "participant"));
  web::select(h, "supervisor", t("Supervisor"), supervisors, p.supervisor,
              web::error_for(ctx, e, "supervisor"));
  web::submit(h, t("Start the papers"));
  h.close("form");
  return std::move(h).str();
}

// ------------------------------------------------------------ the paper

namespace {

void tags_block(Html& h, const Tr& t, const Paper& p) {
  std::map<std::string, std::vector<std::string>> by_kind;
  for (const auto& tag : p.tags) {
    std::string label = tag.value;
    if (tag.kind == "country") {
      label = programme::country_name(tag.value, t.language());
    } else if (tag.kind != "topic") {
      if (auto* term = knowledge::find_term(knowledge::terms_of_kind(tag.kind), tag.value))
        label = tag.kind == "gcm"
                    ? t("Objective {n}: {label}",
                        {{"n", t.number(std::stol(tag.value))}, {"label", t(term->label.data())}})
                    : t(term->label.data());
    }
    by_kind[tag.kind].push_back(label);
  }
  struct Row {
    const char* kind;
    const char* label;
  };
  const Row rows[] = {{"topic", N_("Topics")},
                      {"country", N_("Countries concerned")},
                      {"target_group", N_("Target groups")},
                      {"dimension", N_("Reintegration dimensions")},
                      {"gcm", N_("Objectives of the Global Compact for Migration")}};
  for (const auto& r : rows) {
    auto it = by_kind.find(r.kind);
    if (it == by_kind.end()) continue;
    h.el("dt", t(r.label)).open("dd");
    h.list(t, it->second);
    h.close("dd");
  }
}

void upload_form(Html& h, const web::Ctx& ctx, const PaperPage& p, const PaperProblem& problem) {
  const auto& t = ctx.tr;
  const bool mine = problem.form == PaperProblem::Form::upload;
  const Error* e = mine ? problem.error : nullptr;
  h.el("h3", {{"id", "upload"}}, t("Upload a version"));
  h.open("form", {{"method", "post"},
                  {"action", paper_path(p.paper.id) + "/versions"},
                  {"enctype", "multipart/form-data"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  std::vector<web::Option> milestones;
  std::string chosen = mine ? problem.milestone : "";
  for (auto k : kMilestones) milestones.push_back({k, t(detail::milestone_label(k))});
  if (chosen.empty()) chosen = p.state.next ? p.state.next->kind : "final";
  web::select(h, "milestone", t("Milestone"), milestones, chosen,
              web::error_for(ctx, e, "milestone"));
  {
    const auto message = web::error_for(ctx, e, "file");
    h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
    h.el("label", {{"for", "f-file"}}, t("File"));
    h.empty("input", {{"id", "f-file"},
                      {"name", "file"},
                      {"type", "file"},
                      {"accept", ".pdf,.docx,.odt"},
                      {"?aria-invalid", message.empty() ? "" : "true"},
                      {"aria-describedby", message.empty() ? "f-file-hint" : "f-file-error"}});
    h.el("p", {{"class", "hint"}, {"id", "f-file-hint"}},
         t("PDF, Word (.docx) or OpenDocument (.odt); at most {max} MB.",
           {{"max", t.number(kMaxVersionBytes / (1024 * 1024))}}));
    if (!message.empty()) h.el("p", {{"class", "error"}, {"id", "f-file-error"}}, message);
    h.close("div");
  }
  textarea(h, "note", t("Note for your supervisor (optional)"), mine ? problem.note : "",
           web::error_for(ctx, e, "note"), {}, 2);
  web::submit(h, t("Upload"));
  h.close("form");
}

void comment_form(Html& h, const web::Ctx& ctx, const Version& v, const PaperProblem& problem) {
  const auto& t = ctx.tr;
  const bool mine = problem.form == PaperProblem::Form::comment && problem.version_id == v.id;
  const Error* e = mine ? problem.error : nullptr;
  const auto id = std::to_string(v.id);
  h.open("form", {{"method", "post"},
                  {"action", "/paper-versions/" + id + "/comments"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  const std::string name = "body";
  std::string fid = "f-body-" + id;
  const auto message = web::error_for(ctx, e, "body-" + id);
  h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", fid}}, t("Comment on version {n}", {{"n", t.number(v.number)}}));
  h.open("textarea", {{"id", fid},
                      {"name", name},
                      {"rows", "3"},
                      {"dir", "auto"},
                      {"?aria-invalid", message.empty() ? "" : "true"},
                      {"?aria-describedby", message.empty() ? "" : fid + "-error"}})
      .text(mine ? problem.comment : "")
      .close("textarea");
  if (!message.empty()) h.el("p", {{"class", "error"}, {"id", fid + "-error"}}, message);
  h.close("div");
  web::submit(h, t("Comment"), "button");
  h.close("form");
}

void assessment_block(Html& h, const Tr& t, const Assessment& a) {
  h.open("article", {{"class", "card"}, {"id", "assessment-" + std::to_string(a.id)}});
  h.open("h3")
      .text(t("Version {n}: {decision}",
              {{"n", t.number(a.version_number)}, {"decision", status_text(t, a.decision)}}))
      .close("h3");
  h.open("p", {{"class", "muted"}})
      .message(t("Assessed by {name} on {date}", {{"date", t.date(a.assessed_at)}}),
               {{"name", name_or_supervisor(t, a.assessor_name)}})
      .close("p");
  if (!a.scores.empty()) {
    table_open(h, t("Scores"), {N_("Criterion"), N_("Score")}, t);
    long sum = 0, max = 0;
    for (const auto& s : a.scores) {
      h.open("tr").open("td").bdi(s.criterion).close("td");
      h.el("td",
           t("{score} of {max}", {{"score", t.number(s.score)}, {"max", t.number(s.scale_max)}}));
      h.close("tr");
      sum += s.score;
      max += s.scale_max;
    }
    h.open("tr").el("th", {{"scope", "row"}}, t("Total"));
    h.el("td", t("{score} of {max}", {{"score", t.number(sum)}, {"max", t.number(max)}}));
    h.close("tr");
    table_close(h);
  }
  if (!a.feedback.empty()) {
    h.el("h4", t("Feedback"));
    h.open("div", {{"class", "feedback"}});
    paragraphs(h, a.feedback, {});
    h.close("div");
  }
  h.close("article");
}

}  // namespace

std::string paper(const web::Ctx& ctx, const PaperPage& p, const PaperProblem& problem) {
  const auto& t = ctx.tr;
  const auto& paper = p.paper;
  const auto base = paper_path(paper.id);
  Html h;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/papers"}})
      .text(t("Final papers"))
      .close("a")
      .close("nav");
  const auto* main = text_for(paper, t.language());
  h.open("h1");
  if (main)
    h.open("bdi", {{"lang", main->language}}).text(main->title).close("bdi");
  else
    h.text(t("(no title yet)"));
  h.close("h1");
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Author")).open("dd").bdi(paper.author_name).close("dd");
  h.el("dt", t("Cohort"))
      .open("dd")
      .open("a", {{"href", cohort_path(paper.cohort_id)}})
      .bdi(paper.cohort_name)
      .close("a")
      .close("dd");
  h.el("dt", t("Status")).open("dd");
  status_badge(h, t, paper.status);
  h.close("dd");
  h.el("dt", t("Supervisor")).open("dd");
  if (paper.supervisor_name.empty())
    h.el("span", {{"class", "muted"}}, t("not yet chosen"));
  else
    h.bdi(paper.supervisor_name);
  h.close("dd");
  if (!p.milestones.empty()) {
    h.el("dt", t("Milestones")).open("dd").open("ul", {{"class", "plain"}});
    for (const auto& m : p.milestones) {
      h.open("li").text(
          t("{milestone} by {date}",
            {{"milestone", t(detail::milestone_label(m.kind))}, {"date", t.date(m.due_at)}}));
      if (std::find(p.state.overdue.begin(), p.state.overdue.end(), m.kind) !=
          p.state.overdue.end())
        h.text(" ").el("strong", {{"class", "overdue"}}, t("overdue"));
      h.close("li");
    }
    h.close("ul").close("dd");
  }
  tags_block(h, t, paper);
  h.close("dl");
  if (p.can_edit || p.can_assess) {
    h.open("p", {{"class", "actions"}});
    if (p.can_edit)
      h.open("a", {{"href", base + "/edit"}, {"class", "button"}})
          .text(t("Edit title, abstract and tags"))
          .close("a");
    if (p.can_assess)
      h.open("a", {{"href", base + "/assess"}, {"class", "button primary"}})
          .text(t("Assess the latest version"))
          .close("a");
    h.close("p");
  }
  if (p.can_publish) {
    h.open("section", {{"class", "card attention"}, {"id", "publish"}});
    h.el("h2", t("Publish your paper"));
    h.el("p", t("Your paper has been accepted. You may publish it in the programme's public "
                "knowledge base; it is published only with your consent, which you can withdraw "
                "at any time."));
    h.open("p")
        .open("a", {{"href", base + "/publish"}, {"class", "button primary"}})
        .text(t("Publishing and consent"))
        .close("a")
        .close("p");
    h.close("section");
  }
  // Texts in every language
  for (const auto& x : paper.texts) {
    h.open("section", {{"class", "paper-text"}, {"lang", x.language}});
    if (&x != main || paper.texts.size() > 1)
      h.el("h2", {{"lang", std::string(t.language())}},
           t("Abstract ({language})", {{"language", language_name(x.language, t)}}));
    else
      h.el("h2", {{"lang", std::string(t.language())}}, t("Abstract"));
    if (&x != main) h.open("p").open("strong").bdi(x.title).close("strong").close("p");
    paragraphs(h, x.abstract, x.language);
    h.close("section");
  }
  // Feedback
  h.el("h2", {{"id", "feedback"}}, t("Feedback"));
  if (p.assessments.empty()) h.el("p", {{"class", "muted"}}, t("No assessment yet."));
  for (const auto& a : p.assessments) assessment_block(h, t, a);
  // Versions with their comments
  h.el("h2", {{"id", "versions"}}, t("Versions"));
  if (p.versions.empty()) h.el("p", {{"class", "muted"}}, t("Nothing has been uploaded yet."));
  for (const auto& v : p.versions) {
    const auto n = std::to_string(v.number);
    h.open("section", {{"class", "card"}, {"id", "version-" + n}});
    h.open("h3").text(
        t("Version {n}: {milestone}",
          {{"n", t.number(v.number)}, {"milestone", t(detail::milestone_label(v.milestone))}}));
    h.close("h3");
    h.open("p")
        .open("a", {{"href", "/paper-versions/" + std::to_string(v.id)}})
        .bdi(v.filename)
        .close("a")
        .text(" ")
        .el("span", {{"class", "muted"}},
            t("({size} KB, {date})", {{"size", t.number(std::max<int64_t>(1, v.size / 1024))},
                                      {"date", t.date_time(v.uploaded_at)}}))
        .close("p");
    if (!v.note.empty()) paragraphs(h, v.note, {});
    std::vector<const Comment*> comments;
    for (const auto& c : p.comments)
      if (c.version_id == v.id) comments.push_back(&c);
    if (!comments.empty()) {
      h.open("ul", {{"class", "plain comments"}});
      for (const auto* c : comments) {
        h.open("li", {{"id", "comment-" + std::to_string(c->id)}});
        h.open("p", {{"class", "muted"}})
            .bdi(name_or_supervisor(t, c->author_name))
            .text(", ")
            .text(t.date_time(c->created_at))
            .close("p");
        paragraphs(h, c->body, {});
        h.close("li");
      }
      h.close("ul");
    }
    if (p.can_comment) comment_form(h, ctx, v, problem);
    h.close("section");
  }
  if (p.can_upload) upload_form(h, ctx, p, problem);
  if (p.can_manage) {
    const bool mine = problem.form == PaperProblem::Form::supervisor;
    const Error* e = mine ? problem.error : nullptr;
    h.el("h2", {{"id", "supervisor"}}, t("Supervisor"));
    std::vector<web::Option> options{{"", t("Not yet chosen")}};
    for (const auto& s : p.supervisors) options.push_back({std::to_string(s.person_id), s.name});
    h.open("form", {{"method", "post"},
                    {"action", base + "/supervisor"},
                    {"class", "stack narrow"},
                    {"novalidate", ""}});
    web::csrf_field(h, ctx);
    web::select(h, "supervisor", t("Supervisor"), options,
                paper.supervisor_id ? std::to_string(paper.supervisor_id) : "",
                web::error_for(ctx, e, "supervisor"));
    web::submit(h, t("Change the supervisor"), "button");
    h.close("form");
  }
  return std::move(h).str();
}

std::string edit(const web::Ctx& ctx, const EditPage& p, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  const auto base = paper_path(p.paper.id);
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", base}})
      .text(t("The paper"))
      .close("a")
      .close("nav");
  h.el("h1", t("Edit the paper"));
  h.open("form", {{"method", "post"},
                  {"action", base + "/edit"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  h.el("p", {{"class", "hint"}},
       t("Write the title and abstract in one or more languages, each marked with the language it "
         "is written in. Empty a text's title and abstract to remove it."));
  auto texts = p.form.texts;
  if (texts.size() < std::size(kTextLanguages)) texts.push_back({});
  std::vector<web::Option> langs{{"", t("Choose…")}};
  for (auto l : kTextLanguages) langs.push_back({l, language_name(l, t)});
  for (size_t i = 0; i < texts.size(); ++i) {
    const auto n = std::to_string(i);
    const auto& x = texts[i];
    h.open("fieldset", {{"class", "stack"}});
    h.el("legend", i < p.form.texts.size()
                       ? t("Text {n}", {{"n", t.number(static_cast<long>(i + 1))}})
                       : t("Another language"));
    const std::string lname = "language_" + n, tname = "title_" + n, aname = "abstract_" + n;
    web::select(h, lname, t("Language"), langs, x.language, web::error_for(ctx, e, lname));
    web::field(h, Field{.name = tname,
                        .label = t("Title"),
                        .value = x.title,
                        .error = web::error_for(ctx, e, tname),
                        .lang = x.language});
    textarea(h, aname, t("Abstract"), x.abstract, web::error_for(ctx, e, aname), x.language, 6);
    h.close("fieldset");
  }
  web::field(h, Field{.name = "topics",
                      .label = t("Topics"),
                      .value = p.form.topics,
                      .error = web::error_for(ctx, e, "topics"),
                      .hint = t("Separated by commas, e.g. return counselling, housing.")});
  {
    const auto message = web::error_for(ctx, e, "country");
    h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
    h.el("label", {{"for", "f-country"}}, t("Countries concerned"));
    auto codes = all_countries();
    programme::sort_by_name(codes, t.language());
    std::set<std::string> chosen(p.form.countries.begin(), p.form.countries.end());
    h.open("select",
           {{"id", "f-country"},
            {"name", "country"},
            {"multiple", "multiple"},
            {"size", "8"},
            {"aria-describedby", message.empty() ? "f-country-hint" : "f-country-error"}});
    for (const auto& c : codes)
      h.open("option", {{"value", c}, {"?selected", chosen.count(c) ? "selected" : ""}})
          .text(programme::country_name(c, t.language()))
          .close("option");
    h.close("select");
    h.el("p", {{"class", "hint"}, {"id", "f-country-hint"}},
         t("Hold Ctrl (or ⌘) to choose several."));
    if (!message.empty()) h.el("p", {{"class", "error"}, {"id", "f-country-error"}}, message);
    h.close("div");
  }
  struct Group {
    const char* kind;
    const char* legend;
    const std::vector<std::string>* chosen;
  };
  const Group groups[] = {
      {"target_group", N_("Target groups"), &p.form.target_groups},
      {"dimension", N_("Reintegration dimensions"), &p.form.dimensions},
      {"gcm", N_("Objectives of the Global Compact for Migration"), &p.form.gcm},
  };
  for (const auto& g : groups) {
    const auto message = web::error_for(ctx, e, g.kind);
    h.open("fieldset", {{"id", std::string("f-") + g.kind},
                        {"class", message.empty() ? "stack" : "stack invalid"}});
    h.el("legend", t(g.legend));
    for (const auto& term : knowledge::terms_of_kind(g.kind)) {
      const std::string code(term.code);
      web::check(
          h,
          web::Check{
              .name = g.kind,
              .value = term.code,
              .label = std::string(g.kind) == "gcm"
                           ? t("Objective {n}: {label}",
                               {{"n", t.number(std::stol(code))}, {"label", t(term.label.data())}})
                           : t(term.label.data()),
              .id = std::string("f-") + g.kind + "-" + code,
              .checked = std::find(g.chosen->begin(), g.chosen->end(), code) != g.chosen->end()});
    }
    if (!message.empty()) h.el("p", {{"class", "error"}}, message);
    h.close("fieldset");
  }
  web::submit(h, t("Save the paper"));
  h.close("form");
  return std::move(h).str();
}

std::string assess(const web::Ctx& ctx, const AssessPage& p, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  const auto base = paper_path(p.paper.id);
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", base}})
      .text(t("The paper"))
      .close("a")
      .close("nav");
  h.el("h1", t("Assess the paper"));
  const auto* main = text_for(p.paper, t.language());
  h.open("p");
  h.message(t("{author}: {title}"),
            {{"author", p.paper.author_name}, {"title", main ? main->title : ""}});
  h.close("p");
  h.open("p")
      .text(t("Version {n}: {milestone}",
              {{"n", t.number(p.version.number)},
               {"milestone", t(detail::milestone_label(p.version.milestone))}}))
      .text(" ")
      .open("a", {{"href", "/paper-versions/" + std::to_string(p.version.id)}})
      .bdi(p.version.filename)
      .close("a")
      .close("p");
  h.open("form", {{"method", "post"},
                  {"action", base + "/assess"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  std::map<int64_t, std::string> typed(p.form.scores.begin(), p.form.scores.end());
  if (!p.criteria.empty()) {
    h.open("fieldset", {{"class", "stack"}});
    h.el("legend", t("Rubric"));
    for (const auto& c : p.criteria) {
      const std::string name = "score_" + std::to_string(c.id);
      auto it = typed.find(c.id);
      web::field(h, Field{.name = name,
                          .label = c.title,
                          .type = "number",
                          .value = it == typed.end() ? "" : it->second,
                          .error = web::error_for(ctx, e, name),
                          .required = true,
                          .hint = t("From 0 to {max}.", {{"max", t.number(c.scale_max)}}),
                          .inputmode = "numeric"});
      // The criterion's description is the cohort's own text: a paragraph of its own.
      if (!c.description.empty()) h.el("p", {{"class", "hint"}, {"dir", "auto"}}, c.description);
    }
    h.close("fieldset");
  }
  textarea(h, "feedback", t("Written feedback"), p.form.feedback,
           web::error_for(ctx, e, "feedback"), {}, 8);
  {
    const auto message = web::error_for(ctx, e, "decision");
    h.open("fieldset",
           {{"id", "f-decision"}, {"class", message.empty() ? "stack" : "stack invalid"}});
    h.el("legend", t("Decision"));
    for (auto d : kDecisions)
      web::check(h, web::Check{.name = "decision",
                               .value = d,
                               .label = status_text(t, d),
                               .id = std::string("f-decision-") + d,
                               .checked = p.form.decision == d,
                               .type = "radio"});
    if (!message.empty()) h.el("p", {{"class", "error"}}, message);
    h.close("fieldset");
  }
  h.el("p", {{"class", "hint"}},
       t("The author is told by mail and sees the scores and the "
         "feedback on the paper's page."));
  web::submit(h, t("Save the assessment"));
  h.close("form");
  return std::move(h).str();
}

// ------------------------------------------------------------ personal data

void personal_data(Html& h, const web::Ctx& ctx, const std::vector<store::PersonalPaper>& d) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "card"}, {"id", "papers"}});
  h.el("h2", t("Final papers"));
  if (d.empty()) {
    h.el("p", {{"class", "muted"}}, t("You have no final paper in crm."));
    h.close("section");
    return;
  }
  for (const auto& x : d) {
    const auto* main = text_for(x.paper, t.language());
    h.open("h3");
    if (main)
      h.open("bdi", {{"lang", main->language}}).text(main->title).close("bdi");
    else
      h.text(t("(no title yet)"));
    h.close("h3");
    h.open("dl", {{"class", "facts"}});
    h.el("dt", t("Cohort")).open("dd").bdi(x.paper.cohort_name).close("dd");
    h.el("dt", t("Status")).el("dd", status_text(t, x.paper.status));
    h.el("dt", t("Supervisor")).open("dd").bdi(x.paper.supervisor_name).close("dd");
    tags_block(h, t, x.paper);
    h.close("dl");
    for (const auto& text : x.paper.texts) {
      h.open("div", {{"lang", text.language}});
      h.open("p").open("strong").bdi(text.title).close("strong").close("p");
      paragraphs(h, text.abstract, text.language);
      h.close("div");
    }
    if (!x.versions.empty()) {
      table_open(h, t("Versions"), {N_("Version"), N_("Milestone"), N_("File"), N_("Uploaded")}, t);
      for (const auto& v : x.versions) {
        h.open("tr").el("td", t.number(v.number)).el("td", t(detail::milestone_label(v.milestone)));
        h.open("td").bdi(v.filename).close("td").el("td", t.date_time(v.uploaded_at)).close("tr");
      }
      table_close(h);
    }
    for (const auto& a : x.assessments) assessment_block(h, t, a);
    if (!x.comments.empty()) {
      h.el("h4", t("Comments"));
      h.open("ul", {{"class", "plain"}});
      for (const auto& c : x.comments) {
        h.open("li")
            .open("p", {{"class", "muted"}})
            .bdi(name_or_supervisor(t, c.author_name))
            .text(", ")
            .text(t.date_time(c.created_at))
            .close("p");
        paragraphs(h, c.body, {});
        h.close("li");
      }
      h.close("ul");
    }
  }
  h.close("section");
}

boost::json::array personal_data_json(const std::vector<store::PersonalPaper>& d) {
  namespace json = boost::json;
  json::array out;
  for (const auto& x : d) {
    json::array texts, tags, versions, comments, assessments;
    for (const auto& t : x.paper.texts)
      texts.push_back(
          json::object{{"language", t.language}, {"title", t.title}, {"abstract", t.abstract}});
    for (const auto& t : x.paper.tags)
      tags.push_back(json::object{{"kind", t.kind}, {"value", t.value}});
    for (const auto& v : x.versions)
      versions.push_back(json::object{{"number", v.number},
                                      {"milestone", v.milestone},
                                      {"filename", v.filename},
                                      {"content_type", v.content_type},
                                      {"size", v.size},
                                      {"note", v.note},
                                      {"uploaded_at", v.uploaded_at}});
    for (const auto& c : x.comments)
      comments.push_back(json::object{{"version_id", c.version_id},
                                      {"author", c.author_name},
                                      {"body", c.body},
                                      {"created_at", c.created_at}});
    for (const auto& a : x.assessments) {
      json::array scores;
      for (const auto& s : a.scores)
        scores.push_back(
            json::object{{"criterion", s.criterion}, {"score", s.score}, {"of", s.scale_max}});
      assessments.push_back(json::object{{"version", a.version_number},
                                         {"decision", a.decision},
                                         {"feedback", a.feedback},
                                         {"assessor", a.assessor_name},
                                         {"assessed_at", a.assessed_at},
                                         {"scores", std::move(scores)}});
    }
    out.push_back(json::object{{"id", x.paper.id},
                               {"cohort", x.paper.cohort_name},
                               {"status", x.paper.status},
                               {"supervisor", x.paper.supervisor_name},
                               {"created_at", x.paper.created_at},
                               {"texts", std::move(texts)},
                               {"tags", std::move(tags)},
                               {"versions", std::move(versions)},
                               {"comments", std::move(comments)},
                               {"assessments", std::move(assessments)}});
  }
  return out;
}

}  // namespace crm::papers::views

#include "papers/project_views.hpp"

#include <fmt/format.h>

#include <chrono>

#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::papers::views {

namespace {

using web::Field;
using web::Html;

std::string project_path(int64_t id) {
  return fmt::format("/projects/{}", id);
}

// A day stored as 00:00 UTC, shown as that day wherever the reader is.
std::string day(const web::Ctx& ctx, int64_t unix_seconds) {
  return ctx.tr.format_in("UTC", "yMMMd", unix_seconds);
}

// "2027-03-15": what a date field takes, in ASCII digits whatever the language.
std::string iso_day(int64_t unix_seconds) {
  const auto d = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(std::chrono::seconds(unix_seconds))));
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

void textarea(Html& h, const web::Ctx& ctx, const std::string& name, const std::string& label,
              const std::string& value, const Error* error, std::string_view lang = {},
              std::string hint = {}) {
  const std::string id = "f-" + name;
  const auto message = web::error_for(ctx, error, name);
  h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  if (!hint.empty()) h.el("p", {{"class", "hint"}, {"id", id + "-hint"}}, hint);
  h.open("textarea", {{"id", id},
                      {"name", name},
                      {"rows", "5"},
                      {"dir", "auto"},
                      {"?lang", lang},
                      {"maxlength", "5000"},
                      {"?aria-invalid", message.empty() ? "" : "true"},
                      {"?aria-describedby", message.empty() ? "" : id + "-error"}})
      .text(value)
      .close("textarea");
  if (!message.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, message);
  h.close("div");
}

// A list whose choices are user content (names, titles with their cohort):
// each choice takes its own direction (dir=auto), as <bdi> does in text; the
// first `own` choices are the page's own words.
void user_select(Html& h, std::string_view name, const std::string& label,
                 const std::vector<web::Option>& options, size_t own, const std::string& selected,
                 const std::string& error) {
  const std::string id = "f-" + std::string(name);
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  h.open("select", {{"id", id},
                    {"name", name},
                    {"?aria-invalid", error.empty() ? "" : "true"},
                    {"?aria-describedby", error.empty() ? "" : id + "-error"}});
  for (size_t i = 0; i < options.size(); ++i)
    h.open("option", {{"value", options[i].value},
                      {"?dir", i < own ? "" : "auto"},
                      {"?selected", options[i].value == selected ? "selected" : ""}})
        .text(options[i].label)
        .close("option");
  h.close("select");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

void status_options(const web::Ctx& ctx, std::vector<web::Option>& out) {
  for (const auto& s : project_statuses())
    out.push_back({std::string(s.code), ctx.tr(std::string(s.label).c_str())});
}

}  // namespace

std::string status_label(const web::Ctx& ctx, std::string_view status) {
  for (const auto& s : project_statuses())
    if (s.code == status) return ctx.tr(std::string(s.label).c_str());
  return std::string(status);
}

std::string projects(const web::Ctx& ctx, const ProjectList& l) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Practice projects"));
  h.el("p", t("Ideas and projects of your programmes' people: join a team across cohorts, or "
              "start your own."));
  if (l.can_start)
    h.open("p")
        .open("a", {{"href", "/projects/new"}, {"class", "button primary"}})
        .text(t("Start a project"))
        .close("a")
        .close("p");
  h.open("form", {{"method", "get"}, {"action", "/projects"}, {"class", "filters"}});
  std::vector<web::Option> options{{"", t("Every status")}};
  status_options(ctx, options);
  web::select(h, "status", t("Status"), options, l.status);
  web::submit(h, t("Show"), "button");
  h.close("form");
  h.el("p", {{"class", "count"}},
       t.plural("{n} project", "{n} projects", static_cast<long>(l.items.size())));
  if (!l.items.empty()) {
    web::export_links(h, t, "/projects", l.status.empty() ? "" : "?status=" + l.status);
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Practice projects")}})
        .open("table", {{"class", "projects"}});
    h.open("thead").open("tr");
    for (const char* col : {N_("Title"), N_("Programme"), N_("Status"), N_("Team"), N_("Changed")})
      h.el("th", {{"scope", "col"}}, t(col));
    h.close("tr").close("thead").open("tbody");
    for (const auto& r : l.items) {
      h.open("tr").open("td");
      h.open("a", {{"href", project_path(r.project.id)}}).bdi(r.project.title).close("a");
      if (r.mine) h.text(" ").el("span", {{"class", "muted"}}, "(" + t("Your team") + ")");
      h.close("td");
      h.open("td").bdi(r.programme).close("td");
      h.el("td", status_label(ctx, r.project.status));
      h.el("td", t.number(r.members));
      h.el("td", day(ctx, r.project.updated_at));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  } else {
    h.el("p", t("No project yet."));
  }
  return std::move(h).str();
}

web::Table projects_table(const web::Ctx& ctx, const ProjectList& l) {
  const auto& t = ctx.tr;
  web::Table table;
  for (const char* col : {N_("Number"), N_("Title"), N_("Programme"), N_("Status"), N_("Language"),
                          N_("Team"), N_("Your team"), N_("Changed")})
    table.header.push_back(t(col));
  for (const auto& r : l.items)
    table.rows.push_back({std::to_string(r.project.id), r.project.title, r.programme,
                          status_label(ctx, r.project.status),
                          knowledge::work_language_name(ctx, r.project.language),
                          std::to_string(r.members), r.mine ? t("Yes") : t("No"),
                          day(ctx, r.project.updated_at)});
  return table;
}

std::string project_form(const web::Ctx& ctx, const ProjectFormPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& f = p.form;
  Html h;
  if (p.id) {
    h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
        .open("a", {{"href", "/projects"}})
        .text(t("Practice projects"))
        .close("a")
        .text(" › ")
        .open("a", {{"href", project_path(p.id)}})
        .bdi(p.current_title)
        .close("a")
        .close("nav");
    h.el("h1", t("Edit the project"));
  } else {
    h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
        .open("a", {{"href", "/projects"}})
        .text(t("Practice projects"))
        .close("a")
        .close("nav");
    h.el("h1", t("Start a project"));
  }
  h.open("form", {{"method", "post"},
                  {"action", p.id ? project_path(p.id) + "/edit" : "/projects"},
                  {"class", "stack"},
                  {"novalidate", "novalidate"}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, error && error->field.empty() ? error : nullptr);
  if (!p.id) {
    std::vector<web::Option> programmes;
    if (p.programmes.size() != 1) programmes.push_back({"", t("Choose a programme")});
    for (const auto& g : p.programmes) programmes.push_back({std::to_string(g.id), g.name});
    web::select(h, "programme", t("Programme"), programmes, f.programme,
                web::error_for(ctx, error, "programme"));
  }
  web::field(h, Field{.name = "title",
                      .label = t("Title"),
                      .value = f.title,
                      .error = web::error_for(ctx, error, "title"),
                      .autocomplete = "off",
                      .required = true});
  textarea(h, ctx, "problem", t("The problem it addresses"), f.problem, error);
  textarea(h, ctx, "summary", t("Summary"), f.summary, error);
  std::vector<web::Option> languages;
  for (const auto& l : knowledge::work_languages())
    languages.push_back({std::string(l.code), t(std::string(l.label).c_str())});
  web::select(h, "language", t("Language of the texts"), languages, f.language,
              web::error_for(ctx, error, "language"));
  std::vector<web::Option> statuses;
  status_options(ctx, statuses);
  web::select(h, "status", t("Status"), statuses, f.status, web::error_for(ctx, error, "status"));
  std::vector<web::Option> papers{{"", t("None: the project stands alone")}};
  for (const auto& paper : p.papers)
    papers.push_back(
        {std::to_string(paper.id),
         (paper.name.empty() ? t("Untitled paper") : paper.name) + " (" + paper.detail + ")"});
  user_select(h, "paper", t("Grown from a paper"), papers, 1, f.paper,
              web::error_for(ctx, error, "paper"));
  knowledge::tag_fields(h, ctx, f.tags, error);
  {
    const auto message = web::error_for(ctx, error, "partners");
    h.open("fieldset",
           {{"class", message.empty() ? "stack" : "stack invalid"}, {"id", "f-partners"}});
    h.el("legend", t("Partner organisations"));
    h.el("p", {{"class", "hint"}},
         t("An organisation of the programme (the list suggests them as you type) or any other "
           "name."));
    std::vector<std::string> rows = f.partners;
    rows.resize(f.partners.size() + 2);
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string id = "f-partner-" + std::to_string(i + 1);
      h.open("div", {{"class", "field"}});
      h.el("label", {{"for", id}, {"class", "visually-hidden"}},
           t("Partner {n}", {{"n", t.number(static_cast<long long>(i + 1))}}));
      h.empty("input", {{"type", "text"},
                        {"id", id},
                        {"name", "partner"},
                        {"value", rows[i]},
                        {"list", "organisations"},
                        {"dir", "auto"},
                        {"autocomplete", "off"},
                        {"maxlength", "200"}});
      h.close("div");
    }
    h.open("datalist", {{"id", "organisations"}});
    for (const auto& o : p.organisations) h.empty("option", {{"value", o.name}});
    h.close("datalist");
    if (!message.empty()) h.el("p", {{"class", "error"}}, message);
    h.close("fieldset");
  }
  web::submit(h, p.id ? t("Save") : t("Start the project"));
  h.close("form");
  return std::move(h).str();
}

std::string project(const web::Ctx& ctx, const ProjectPage& p, const Error* error,
                    const UpdateForm& update) {
  const auto& t = ctx.tr;
  const auto& pr = p.project;
  const std::string self = project_path(pr.id);
  Html h;
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", t("Breadcrumb")}})
      .open("a", {{"href", "/projects"}})
      .text(t("Practice projects"))
      .close("a")
      .close("nav");
  h.open("h1", {{"lang", pr.language}}).bdi(pr.title).close("h1");
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Status")).el("dd", status_label(ctx, pr.status));
  h.el("dt", t("Programme")).open("dd").bdi(p.programme).close("dd");
  h.el("dt", t("Language of the texts")).el("dd", knowledge::work_language_name(ctx, pr.language));
  h.el("dt", t("Grown from a paper")).open("dd");
  if (p.paper)
    h.open("a", {{"href", fmt::format("/papers/{}", p.paper->id)}})
        .bdi(p.paper->name.empty() ? t("Untitled paper") : p.paper->name)
        .close("a");
  else
    h.text(t("None: the project stands alone"));
  h.close("dd");
  h.close("dl");
  if (p.can_edit)
    h.open("p")
        .open("a", {{"href", self + "/edit"}, {"class", "button"}})
        .text(t("Edit the project"))
        .close("a")
        .close("p");
  web::form_alert(h, ctx, error && error->field.empty() ? error : nullptr);
  if (!pr.problem.empty()) {
    h.el("h2", t("The problem it addresses"));
    h.el("div", {{"class", "prose"}, {"dir", "auto"}, {"lang", pr.language}}, pr.problem);
  }
  if (!pr.summary.empty()) {
    h.el("h2", t("Summary"));
    h.el("div", {{"class", "prose"}, {"dir", "auto"}, {"lang", pr.language}}, pr.summary);
  }
  knowledge::tag_list(h, ctx, p.tags);

  // ---- team
  h.open("section", {{"aria-labelledby", "team-title"}, {"id", "team"}});
  h.el("h2", {{"id", "team-title"}}, t("Team"));
  if (p.members.empty()) h.el("p", t("Nobody is on the team yet."));
  if (!p.members.empty()) {
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Team")}})
        .open("table", {{"class", "team"}});
    h.open("thead").open("tr");
    for (const char* col : {N_("Name"), N_("Role"), N_("Cohort")})
      h.el("th", {{"scope", "col"}}, t(col));
    if (p.can_manage_team)
      h.open("th", {{"scope", "col"}})
          .el("span", {{"class", "visually-hidden"}}, t("Remove"))
          .close("th");
    h.close("tr").close("thead").open("tbody");
    for (const auto& m : p.members) {
      h.open("tr");
      h.open("td").bdi(m.name.empty() ? t("Erased person") : m.name).close("td");
      h.el("td", m.role == "lead" ? t("Lead") : t("Member"));
      h.open("td").bdi(m.cohort).close("td");
      if (p.can_manage_team) {
        h.open("td");
        h.open("form", {{"method", "post"}, {"action", self + "/members"}});
        web::csrf_field(h, ctx);
        h.empty("input", {{"type", "hidden"}, {"name", "action"}, {"value", "remove"}});
        h.empty("input",
                {{"type", "hidden"}, {"name", "person"}, {"value", std::to_string(m.person_id)}});
        h.open("button", {{"type", "submit"}, {"class", "link"}})
            .text(t("Remove"))
            .open("span", {{"class", "visually-hidden"}})
            .text(" ")
            .bdi(m.name)
            .close("span")
            .close("button");
        h.close("form").close("td");
      }
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  if (p.can_join) {
    h.open("form", {{"method", "post"}, {"action", self + "/members"}});
    web::csrf_field(h, ctx);
    h.empty("input", {{"type", "hidden"}, {"name", "action"}, {"value", "join"}});
    web::submit(h, t("Join the team"));
    h.close("form");
  }
  if (p.is_member) {
    h.open("form", {{"method", "post"}, {"action", self + "/members"}});
    web::csrf_field(h, ctx);
    h.empty("input", {{"type", "hidden"}, {"name", "action"}, {"value", "leave"}});
    web::submit(h, t("Leave the team"), "button");
    h.close("form");
  }
  if (p.can_manage_team && !p.candidates.empty()) {
    h.open("form", {{"method", "post"}, {"action", self + "/members"}, {"class", "stack"}});
    web::csrf_field(h, ctx);
    h.empty("input", {{"type", "hidden"}, {"name", "action"}, {"value", "add"}});
    std::vector<web::Option> people{{"", t("Choose a person")}};
    for (const auto& m : p.members)
      people.push_back({std::to_string(m.person_id), m.name + " (" + t("on the team") + ")"});
    for (const auto& c : p.candidates)
      people.push_back(
          {std::to_string(c.id), c.name + (c.detail.empty() ? "" : " (" + c.detail + ")")});
    user_select(h, "person", t("Add someone or change their role"), people, 1, "",
                web::error_for(ctx, error, "person"));
    web::select(h, "role", t("Role"), {{"member", t("Member")}, {"lead", t("Lead")}}, "member",
                web::error_for(ctx, error, "role"));
    web::submit(h, t("Save the team"), "button");
    h.close("form");
  }
  h.close("section");

  // ---- partners
  if (!p.partners.empty()) {
    h.el("h2", t("Partner organisations"));
    h.open("ul", {{"class", "plain"}});
    for (const auto& x : p.partners) {
      h.open("li");
      if (x.organisation_id)
        h.open("a", {{"href", fmt::format("/organisations/{}", x.organisation_id)}})
            .bdi(x.name)
            .close("a");
      else
        h.bdi(x.name);
      h.close("li");
    }
    h.close("ul");
  }

  // ---- progress
  h.open("section", {{"aria-labelledby", "updates-title"}, {"id", "updates"}});
  h.el("h2", {{"id", "updates-title"}}, t("Progress"));
  if (p.can_edit) {
    h.open("form", {{"method", "post"}, {"action", self + "/updates"}, {"class", "stack"}});
    web::csrf_field(h, ctx);
    web::field(h, Field{.name = "date",
                        .label = t("Date"),
                        .type = "date",
                        .value = update.date.empty() ? iso_day(ctx.now) : update.date,
                        .error = web::error_for(ctx, error, "date"),
                        .lang = "en"});
    textarea(h, ctx, "text", t("What happened"), update.text, error);
    web::submit(h, t("Add the update"), "button");
    h.close("form");
  }
  if (p.updates.empty()) h.el("p", t("No progress noted yet."));
  h.open("ul", {{"class", "plain updates"}});
  for (const auto& u : p.updates) {
    h.open("li");
    h.open("p", {{"class", "muted"}}).text(day(ctx, u.happened_on));
    if (!u.author.empty()) h.text(" · ").bdi(u.author);
    h.close("p");
    h.el("div", {{"class", "prose"}, {"dir", "auto"}}, u.body);
    h.close("li");
  }
  h.close("ul");
  h.close("section");

  // ---- publishing (the lead's own act)
  if (p.can_publish) {
    h.open("section", {{"class", "card"}, {"aria-labelledby", "publish-title"}});
    h.el("h2", {{"id", "publish-title"}}, t("Publish in the knowledge base"));
    h.el("p", t("As its lead you may publish this project in the public knowledge base, and "
                "withdraw it again at any time."));
    h.open("p")
        .open("a", {{"href", self + "/publish"}})
        .text(t("Publish or withdraw"))
        .close("a")
        .close("p");
    h.close("section");
  }
  return std::move(h).str();
}

}  // namespace crm::papers::views

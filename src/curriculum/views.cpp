#include "curriculum/views.hpp"

#include <algorithm>
#include <set>

#include "auth/views.hpp"
#include "curriculum/material_form.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::curriculum::views {

namespace {

using web::Field;
using web::Html;

std::string cohort_path(int64_t id) {
  return "/cohorts/" + std::to_string(id);
}

void crumbs(Html& h, const web::Ctx& ctx, const programme::Cohort& c) {
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", ctx.tr("Breadcrumb")}})
      .open("a", {{"href", cohort_path(c.id)}})
      .bdi(c.name)
      .close("a")
      .text(" › ")
      .open("a", {{"href", cohort_path(c.id) + "/curriculum"}})
      .text(ctx.tr("Curriculum"))
      .close("a")
      .close("nav");
}

// Tenths of ECTS in the reader's digits: "2.5", "2,5", "٢٫٥".
std::string ects_number(const Tr& t, long tenths) {
  std::string s = t.number(tenths / 10);
  if (tenths % 10) {
    const auto lang = t.language();
    s += lang == "en" ? "." : lang == "ar" ? "\u066B" : ",";
    s += t.number(tenths % 10);
  }
  return s;
}

std::string ects(const Tr& t, long tenths) {
  return t("{n} ECTS", {{"n", ects_number(t, tenths)}});
}

std::string title_of(const web::Ctx& ctx, const Module& m) {
  const auto* text = text_for(m, ctx.tr.language());
  return text ? text->title : "";
}

// In the viewer's zone; below it the session's own local start when its
// zone is another.
void when(Html& h, const web::Ctx& ctx, const Session& s) {
  const auto& t = ctx.tr;
  h.text(time_span(t, s.starts_at, s.ends_at));
  if (s.time_zone != t.time_zone() && is_time_zone(s.time_zone)) {
    h.empty("br");
    h.el("span", {{"class", "muted"}},
         t("Local time: {time}, {zone}",
           {{"time", ctx.catalogs.format_time(t.language(), s.time_zone, true, s.starts_at)},
            {"zone", time_zone_name(s.time_zone, t.language())}}));
  }
}

void where(Html& h, const web::Ctx& ctx, const Session& s) {
  if (s.kind == "online") {
    h.text(ctx.tr("Online")).text(" ");
    if (!s.meeting_url.empty())
      h.open("a", {{"href", s.meeting_url}, {"dir", "ltr"}, {"rel", "noopener noreferrer"}})
          .text(ctx.tr("Meeting link"))
          .close("a");
  } else {
    if (s.room.empty())
      h.bdi(s.place);
    else
      h.message(ctx.tr("{place}, {room}"), {{"place", s.place}, {"room", s.room}});
  }
}

void status(Html& h, const web::Ctx& ctx, const Session& s) {
  if (s.cancelled()) h.el("strong", {{"class", "badge cancelled"}}, ctx.tr("Cancelled"));
}

void names(Html& h, const web::Ctx& ctx, const std::vector<int64_t>& ids,
           const std::map<int64_t, std::string>& all) {
  std::vector<std::string> out;
  for (auto id : ids)
    if (auto it = all.find(id); it != all.end()) out.push_back(it->second);
  if (out.empty())
    h.el("span", {{"class", "muted"}}, ctx.tr("No lecturer yet"));
  else
    h.list(ctx.tr, out);
}

void sessions_table(Html& h, const web::Ctx& ctx, const std::vector<const Session*>& sessions,
                    const std::map<int64_t, std::string>& lecturers,
                    const std::map<int64_t, long>* materials, const std::string& label) {
  const auto& t = ctx.tr;
  h.open("div",
         {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", label}})
      .open("table", {{"class", "sessions"}});
  h.open("thead").open("tr");
  for (const char* col : {N_("Session"), N_("When"), N_("Where"), N_("Lecturers")})
    h.el("th", {{"scope", "col"}}, t(col));
  if (materials) h.el("th", {{"scope", "col"}}, t("Materials"));
  h.close("tr").close("thead").open("tbody");
  for (const auto* s : sessions) {
    h.open("tr", {{"?class", s->cancelled() ? "cancelled" : ""}}).open("td");
    h.open("a", {{"href", "/sessions/" + std::to_string(s->id)}}).bdi(s->title).close("a");
    if (s->cancelled()) h.text(" ");
    status(h, ctx, *s);
    h.close("td").open("td");
    when(h, ctx, *s);
    h.close("td").open("td");
    where(h, ctx, *s);
    h.close("td").open("td");
    names(h, ctx, s->lecturer_ids, lecturers);
    h.close("td");
    if (materials) {
      auto it = materials->find(s->id);
      h.el("td", t.number(it == materials->end() ? 0 : it->second));
    }
    h.close("tr");
  }
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
              const std::string& error, std::string_view lang = {}) {
  std::string id = "f-" + name;
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  h.open("textarea", {{"id", id},
                      {"name", name},
                      {"rows", "4"},
                      {"dir", "auto"},
                      {"?lang", lang},
                      {"maxlength", "5000"},
                      {"?aria-invalid", error.empty() ? "" : "true"},
                      {"?aria-describedby", error.empty() ? "" : id + "-error"}})
      .text(value)
      .close("textarea");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

void lecturer_boxes(Html& h, const web::Ctx& ctx, const std::vector<store::Lecturer>& lecturers,
                    const std::vector<int64_t>& chosen, const Error* error) {
  const auto& t = ctx.tr;
  const auto message = web::error_for(ctx, error, "lecturer");
  h.open("fieldset",
         {{"class", message.empty() ? "stack" : "stack invalid"}, {"id", "f-lecturer"}});
  h.el("legend", t("Lecturers"));
  if (lecturers.empty())
    h.el("p", {{"class", "hint"}}, t("Nobody is enrolled in this cohort as a lecturer yet."));
  for (const auto& l : lecturers) {
    const std::string v = std::to_string(l.person_id);
    web::check(h, web::Check{.name = "lecturer",
                             .value = v,
                             .label = l.name,
                             .id = "f-lecturer-" + v,
                             .checked = std::find(chosen.begin(), chosen.end(), l.person_id) !=
                                        chosen.end()});
  }
  if (!message.empty()) h.el("p", {{"class", "error"}}, message);
  h.close("fieldset");
}

}  // namespace

std::string plan(const web::Ctx& ctx, const PlanPage& p) {
  const auto& t = ctx.tr;
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", cohort_path(p.cohort.id)}})
      .bdi(p.cohort.name)
      .close("a")
      .close("p");
  h.open("h1").text(t("Curriculum")).text(": ").bdi(p.cohort.name).close("h1");
  h.open("p", {{"class", "exports"}})
      .open("a", {{"href", cohort_path(p.cohort.id) + "/timetable"}})
      .text(t("Timetable"))
      .close("a");
  if (p.can_see_completion)
    h.open("a", {{"href", cohort_path(p.cohort.id) + "/completion"}})
        .text(t("Completion"))
        .close("a");
  if (p.can_issue_certificates)
    h.open("a", {{"href", cohort_path(p.cohort.id) + "/certificates"}})
        .text(t("Certificates"))
        .close("a");
  h.close("p");
  if (p.can_plan) {
    h.open("p", {{"class", "actions"}})
        .open("a", {{"href", cohort_path(p.cohort.id) + "/modules/new"}, {"class", "button"}})
        .text(t("Add a module"))
        .close("a")
        .text(" ")
        .open("a", {{"href", cohort_path(p.cohort.id) + "/sessions/new"}, {"class", "button"}})
        .text(t("Add a session"))
        .close("a")
        .text(" ")
        .open("a", {{"href", cohort_path(p.cohort.id) + "/curriculum/copy"}})
        .text(t("Copy the plan of an earlier cohort"))
        .close("a")
        .close("p");
  }
  long total = 0;
  for (const auto& m : p.modules) total += m.ects_tenths;
  // Joined as the reader's language joins a list, each figure isolated (a
  // middle dot would read as an Arabic zero).
  h.open("p", {{"class", "count"}})
      .list(t, {t.plural("{n} module", "{n} modules", static_cast<long>(p.modules.size())),
                ects(t, total),
                t.plural("{n} session", "{n} sessions", static_cast<long>(p.sessions.size()))})
      .close("p");
  web::export_links(h, t, cohort_path(p.cohort.id) + "/curriculum", "");
  if (p.modules.empty() && p.sessions.empty())
    h.el("p", {{"class", "muted"}}, t("Nothing is planned for this cohort yet."));
  for (long sem = 1; sem <= std::max<long>(1, p.cohort.semesters); ++sem) {
    std::vector<const Module*> in;
    for (const auto& m : p.modules)
      if (m.semester == sem) in.push_back(&m);
    if (in.empty()) continue;
    h.open("section",
           {{"class", "semester"}, {"aria-labelledby", "semester-" + std::to_string(sem)}});
    h.el("h2", {{"id", "semester-" + std::to_string(sem)}},
         t("Semester {n}", {{"n", t.number(sem)}}));
    for (const auto* m : in) {
      h.open("article", {{"class", "module"}});
      h.open("h3")
          .open("a", {{"href", "/modules/" + std::to_string(m->id)}})
          .bdi(title_of(ctx, *m))
          .close("a")
          .close("h3");
      h.open("p", {{"class", "muted"}}).bdi(ects(t, m->ects_tenths)).text(" – ");
      names(h, ctx, m->lecturer_ids, p.lecturer_names);
      h.close("p");
      std::vector<const Session*> of;
      for (const auto& s : p.sessions)
        if (s.module_id == m->id) of.push_back(&s);
      if (!of.empty())
        sessions_table(h, ctx, of, p.lecturer_names, &p.materials,
                       t("Sessions of {module}", {{"module", title_of(ctx, *m)}}));
      h.close("article");
    }
    h.close("section");
  }
  std::vector<const Session*> other;
  for (const auto& s : p.sessions)
    if (!s.module_id) other.push_back(&s);
  if (!other.empty()) {
    h.el("h2", t("Other sessions"));
    sessions_table(h, ctx, other, p.lecturer_names, &p.materials, t("Other sessions"));
  }
  return std::move(h).str();
}

web::Table plan_table(const web::Ctx& ctx, const PlanPage& p) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Module"), t("Semester"),  t("ECTS"),  t("Session"), t("Start"),
                  t("End"),    t("Time zone"), t("Where"), t("Status")};
  std::map<int64_t, const Module*> modules;
  for (const auto& m : p.modules) modules[m.id] = &m;
  for (const auto& s : p.sessions) {
    auto it = modules.find(s.module_id);
    const Module* m = it == modules.end() ? nullptr : it->second;
    table.rows.push_back(
        {m ? title_of(ctx, *m) : "", m ? std::to_string(m->semester) : "",
         m ? ects_field(m->ects_tenths) : "", s.title,
         local_parts(s.starts_at, s.time_zone).date + " " +
             local_parts(s.starts_at, s.time_zone).time,
         local_parts(s.ends_at, s.time_zone).date + " " + local_parts(s.ends_at, s.time_zone).time,
         s.time_zone,
         s.kind == "online" ? s.meeting_url : s.place + (s.room.empty() ? "" : ", " + s.room),
         s.cancelled() ? t("Cancelled") : t("Planned")});
  }
  return table;
}

std::string module_form(const web::Ctx& ctx, const ModuleFormPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& f = p.form;
  Html h;
  crumbs(h, ctx, p.cohort);
  h.el("h1", p.module_id ? t("Edit the module") : t("Add a module"));
  const std::string action = p.module_id ? "/modules/" + std::to_string(p.module_id) + "/edit"
                                         : cohort_path(p.cohort.id) + "/modules";
  h.open("form",
         {{"method", "post"}, {"action", action}, {"class", "stack narrow"}, {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, error && error->field.empty() ? error : nullptr);
  web::field(h, Field{.name = "semester",
                      .label = t("Semester"),
                      .value = f.semester,
                      .error = web::error_for(ctx, error, "semester"),
                      .autocomplete = "off",
                      .required = true,
                      .hint = t("From {min} to {max}.",
                                {{"min", t.number(1)}, {"max", t.number(p.cohort.semesters)}}),
                      .inputmode = "numeric"});
  web::field(h, Field{.name = "ects",
                      .label = t("ECTS credits"),
                      .value = f.ects,
                      .error = web::error_for(ctx, error, "ects"),
                      .autocomplete = "off",
                      .required = true,
                      .hint = t("For example 5 or 2.5."),
                      .inputmode = "decimal"});
  web::field(h, Field{.name = "position",
                      .label = t("Position in the semester"),
                      .value = f.position,
                      .error = web::error_for(ctx, error, "position"),
                      .autocomplete = "off",
                      .hint = t("Modules are listed by this number. Empty: after the others."),
                      .inputmode = "numeric"});
  for (const auto& lang : languages()) {
    const std::string code(lang.code);
    auto it = f.texts.find(code);
    ModuleText typed = it == f.texts.end() ? ModuleText{} : it->second;
    const std::string title = "title_" + code, description = "description_" + code,
                      outcomes = "outcomes_" + code;
    h.open("fieldset", {{"class", "stack"}});
    h.open("legend")
        .el("span", {{"lang", code}}, lang.native)
        .text(" ")
        .el("span", {{"class", "muted"}}, code == "en" ? t("(recommended)") : t("(optional)"))
        .close("legend");
    web::field(h, Field{.name = title,
                        .label = t("Title"),
                        .value = typed.title,
                        .error = web::error_for(ctx, error, title),
                        .lang = lang.code});
    textarea(h, description, t("Description"), typed.description,
             web::error_for(ctx, error, description), lang.code);
    textarea(h, outcomes, t("Learning outcomes"), typed.outcomes,
             web::error_for(ctx, error, outcomes), lang.code);
    h.close("fieldset");
  }
  lecturer_boxes(h, ctx, p.lecturers, f.lecturers, error);
  h.open("div", {{"class", "actions"}});
  web::submit(h, p.module_id ? t("Save the changes") : t("Add the module"));
  h.text(" ")
      .open("a", {{"href", p.module_id ? "/modules/" + std::to_string(p.module_id)
                                       : cohort_path(p.cohort.id) + "/curriculum"}})
      .text(t("Cancel"))
      .close("a");
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

std::string module(const web::Ctx& ctx, const ModulePage& p, const Error* error) {
  const auto& t = ctx.tr;
  Html h;
  crumbs(h, ctx, p.cohort);
  const auto* text = text_for(p.module, t.language());
  h.open("h1").bdi(text ? text->title : "").close("h1");
  web::form_alert(h, ctx, error);
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Semester")).el("dd", t.number(p.module.semester));
  h.el("dt", t("ECTS credits")).el("dd", ects_number(t, p.module.ects_tenths));
  h.el("dt", t("Lecturers")).open("dd");
  names(h, ctx, p.module.lecturer_ids, p.lecturer_names);
  h.close("dd");
  h.close("dl");
  if (text && !text->description.empty()) {
    h.el("h2", t("Description"));
    paragraphs(h, text->description, text->language);
  }
  if (text && !text->outcomes.empty()) {
    h.el("h2", t("Learning outcomes"));
    paragraphs(h, text->outcomes, text->language);
  }
  h.el("h2", t("Sessions"));
  if (p.sessions.empty()) {
    h.el("p", {{"class", "muted"}}, t("No session of this module is planned yet."));
  } else {
    std::vector<const Session*> all;
    for (const auto& s : p.sessions) all.push_back(&s);
    sessions_table(h, ctx, all, p.lecturer_names, nullptr, t("Sessions"));
  }
  if (p.can_plan) {
    const std::string base = "/modules/" + std::to_string(p.module.id);
    h.open("div", {{"class", "actions"}})
        .open("a", {{"href", base + "/edit"}, {"class", "button"}})
        .text(t("Edit the module"))
        .close("a")
        .close("div");
    h.open("form", {{"method", "post"}, {"action", base + "/delete"}, {"class", "actions"}});
    web::csrf_field(h, ctx);
    web::submit(h, t("Delete the module"), "button danger");
    h.el("p", {{"class", "hint"}},
         t("Its sessions stay, without a module. A module with results or attendance cannot be "
           "deleted."));
    h.close("form");
  }
  return std::move(h).str();
}

std::string session_form(const web::Ctx& ctx, const SessionFormPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& f = p.form;
  Html h;
  crumbs(h, ctx, p.cohort);
  h.el("h1", p.session_id ? t("Change the session") : t("Add a session"));
  if (p.session_id)
    h.el("p", {{"class", "hint"}},
         t("When you change the time or the place, everyone taking part and the lecturers are "
           "told by mail."));
  const std::string action = p.session_id ? "/sessions/" + std::to_string(p.session_id) + "/edit"
                                          : cohort_path(p.cohort.id) + "/sessions";
  h.open("form",
         {{"method", "post"}, {"action", action}, {"class", "stack narrow"}, {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, error && error->field.empty() ? error : nullptr);
  web::field(h, Field{.name = "title",
                      .label = t("Title"),
                      .value = f.title,
                      .error = web::error_for(ctx, error, "title"),
                      .autocomplete = "off",
                      .required = true});
  std::vector<web::Option> modules{{"", t("No module")}};
  for (const auto& m : p.modules) modules.push_back({std::to_string(m.id), title_of(ctx, m)});
  web::select(h, "module_id", t("Module"), modules, f.module_id,
              web::error_for(ctx, error, "module_id"));
  textarea(h, "description", t("Description"), f.description,
           web::error_for(ctx, error, "description"));
  {
    const auto message = web::error_for(ctx, error, "kind");
    h.open("fieldset", {{"class", message.empty() ? "stack" : "stack invalid"}, {"id", "f-kind"}});
    h.el("legend", t("Kind"));
    web::check(h, web::Check{.name = "kind",
                             .value = "online",
                             .label = t("Online"),
                             .id = "f-kind-online",
                             .checked = f.kind == "online",
                             .type = "radio"});
    web::check(h, web::Check{.name = "kind",
                             .value = "on_site",
                             .label = t("On site"),
                             .id = "f-kind-on_site",
                             .checked = f.kind == "on_site",
                             .type = "radio"});
    if (!message.empty()) h.el("p", {{"class", "error"}}, message);
    h.close("fieldset");
  }
  web::field(h, Field{.name = "meeting_url",
                      .label = t("Meeting link"),
                      .type = "url",
                      .value = f.meeting_url,
                      .error = web::error_for(ctx, error, "meeting_url"),
                      .autocomplete = "off",
                      .hint = t("For an online session: the address of the video meeting."),
                      .lang = "en"});
  web::field(h, Field{.name = "place",
                      .label = t("Place"),
                      .value = f.place,
                      .error = web::error_for(ctx, error, "place"),
                      .autocomplete = "off",
                      .hint = t("For an on-site session: the venue and its town.")});
  web::field(h, Field{.name = "room",
                      .label = t("Room"),
                      .value = f.room,
                      .error = web::error_for(ctx, error, "room"),
                      .autocomplete = "off"});
  web::time_zone_field(h, ctx, auth::views::time_zones(), f.time_zone,
                       web::error_for(ctx, error, "time_zone"));
  h.el("p", {{"class", "hint"}},
       t("Enter the start and end as the clocks show them in this time zone."));
  web::field(h, Field{.name = "start_date",
                      .label = t("Date"),
                      .type = "date",
                      .value = f.start_date,
                      .error = web::error_for(ctx, error, "start_date"),
                      .required = true});
  web::field(h, Field{.name = "start_time",
                      .label = t("Starts at"),
                      .type = "time",
                      .value = f.start_time,
                      .error = web::error_for(ctx, error, "start_time"),
                      .required = true});
  web::field(h, Field{.name = "end_time",
                      .label = t("Ends at"),
                      .type = "time",
                      .value = f.end_time,
                      .error = web::error_for(ctx, error, "end_time"),
                      .required = true});
  web::field(h, Field{.name = "end_date",
                      .label = t("End date"),
                      .type = "date",
                      .value = f.end_date,
                      .error = web::error_for(ctx, error, "end_date"),
                      .hint = t("Only when the session ends on a later day.")});
  lecturer_boxes(h, ctx, p.lecturers, f.lecturers, error);
  h.open("div", {{"class", "actions"}});
  web::submit(h, p.session_id ? t("Save the changes") : t("Add the session"));
  h.text(" ")
      .open("a", {{"href", p.session_id ? "/sessions/" + std::to_string(p.session_id)
                                        : cohort_path(p.cohort.id) + "/curriculum"}})
      .text(t("Cancel"))
      .close("a");
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

std::string session(const web::Ctx& ctx, const SessionPage& p, const Error* error,
                    const MaterialForm* material, const std::string& reason) {
  const auto& t = ctx.tr;
  const auto& s = p.session;
  const std::string base = "/sessions/" + std::to_string(s.id);
  Html h;
  crumbs(h, ctx, p.cohort);
  h.open("h1").bdi(s.title).close("h1");
  if (s.cancelled()) {
    h.open("p", {{"class", "alert error"}, {"role", "status"}})
        .text(t("This session is cancelled."))
        .text(" ");
    if (!s.cancel_reason.empty())
      h.text(t("Reason:")).text(" ").open("bdi").text(s.cancel_reason).close("bdi");
    h.close("p");
  }
  h.open("dl", {{"class", "facts"}});
  if (!p.module_title.empty())
    h.el("dt", t("Module"))
        .open("dd")
        .open("a", {{"href", "/modules/" + std::to_string(s.module_id)}})
        .bdi(p.module_title)
        .close("a")
        .close("dd");
  h.el("dt", t("When")).open("dd");
  when(h, ctx, s);
  h.close("dd");
  h.el("dt", t("Where")).open("dd");
  where(h, ctx, s);
  h.close("dd");
  h.el("dt", t("Lecturers")).open("dd");
  names(h, ctx, s.lecturer_ids, p.lecturer_names);
  h.close("dd");
  h.close("dl");
  paragraphs(h, s.description, {});
  if (p.can_take_attendance)
    h.open("p")
        .open("a", {{"href", base + "/attendance"}})
        .text(t("Take attendance"))
        .close("a")
        .close("p");

  h.el("h2", {{"id", "materials"}}, t("Materials"));
  if (p.materials.empty())
    h.el("p", {{"class", "muted"}}, t("No materials yet."));
  else {
    std::set<int64_t> replaced;
    for (const auto& m : p.materials)
      if (m.replaces_id) replaced.insert(m.replaces_id);
    h.open("ul", {{"class", "materials"}});
    for (const auto& m : p.materials) {
      h.open("li");
      if (m.kind == "file")
        h.open("a", {{"href", "/materials/" + std::to_string(m.id)}}).bdi(m.title).close("a");
      else
        h.open("a", {{"href", m.url}, {"rel", "noopener noreferrer"}}).bdi(m.title).close("a");
      h.text(" ");
      if (m.kind == "file")
        h.el("span", {{"class", "muted"}},
             t("({name}, {size} KB)",
               {{"name", m.filename}, {"size", t.number(std::max<int64_t>(1, m.size / 1024))}}));
      else
        h.el("span", {{"class", "muted"}}, t("(link)"));
      if (replaced.count(m.id)) h.text(" ").el("span", {{"class", "badge"}}, t("older version"));
      h.text(" ").el("span", {{"class", "muted"}}, t.date(m.created_at));
      h.close("li");
    }
    h.close("ul");
  }
  if (p.can_add_materials) {
    MaterialForm blank;
    const MaterialForm& f = material ? *material : blank;
    const Error* e = material ? error : nullptr;
    h.el("h3", t("Add a material"));
    h.open("form", {{"method", "post"},
                    {"action", base + "/materials"},
                    {"enctype", "multipart/form-data"},
                    {"class", "stack narrow"},
                    {"novalidate", ""}});
    web::csrf_field(h, ctx);
    web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
    web::field(h, Field{.name = "title",
                        .label = t("Title"),
                        .value = f.title,
                        .error = web::error_for(ctx, e, "title"),
                        .autocomplete = "off",
                        .hint = t("Empty: the file's name.")});
    curriculum::material_kind_and_file(h, ctx, f.kind, e);
    web::field(h, Field{.name = "url",
                        .label = t("Link"),
                        .type = "url",
                        .value = f.url,
                        .error = web::error_for(ctx, e, "url"),
                        .autocomplete = "off",
                        .lang = "en"});
    if (!p.materials.empty()) {
      std::vector<web::Option> options{{"", t("Nothing: a new material")}};
      for (const auto& m : p.materials) options.push_back({std::to_string(m.id), m.title});
      web::select(h, "replaces", t("A newer version of"), options, f.replaces,
                  web::error_for(ctx, e, "replaces"));
    }
    web::submit(h, t("Add the material"));
    h.close("form");
  }
  if (p.can_plan) {
    h.el("h2", t("Change or cancel"));
    if (!s.cancelled()) {
      h.open("p")
          .open("a", {{"href", base + "/edit"}, {"class", "button"}})
          .text(t("Change the time or the place"))
          .close("a")
          .close("p");
      const Error* e = material ? nullptr : error;
      h.open("form", {{"method", "post"},
                      {"action", base + "/cancel"},
                      {"class", "stack narrow"},
                      {"novalidate", ""}});
      web::csrf_field(h, ctx);
      web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
      textarea(h, "reason", t("Reason for cancelling"), reason, web::error_for(ctx, e, "reason"));
      h.el("p", {{"class", "hint"}},
           t("Everyone taking part and the lecturers are told by mail, with this reason."));
      web::submit(h, t("Cancel the session"), "button danger");
      h.close("form");
    } else {
      h.open("form", {{"method", "post"}, {"action", base + "/restore"}, {"class", "actions"}});
      web::csrf_field(h, ctx);
      web::submit(h, t("Plan the session again"));
      h.close("form");
    }
  }
  return std::move(h).str();
}

std::string copy(const web::Ctx& ctx, const CopyPage& p, const CopyForm& form, const Error* error) {
  const auto& t = ctx.tr;
  Html h;
  crumbs(h, ctx, p.cohort);
  h.el("h1", t("Copy the plan of an earlier cohort"));
  h.el("p", {{"class", "hint"}},
       t("The modules are copied with their texts and lecturers (those who teach this cohort "
         "too). Sessions are copied on request, moved by as many days as this cohort starts "
         "after the other, at the same local time."));
  if (p.sources.empty()) {
    h.el("p", {{"class", "muted"}}, t("This programme has no earlier cohort."));
    return std::move(h).str();
  }
  h.open("form", {{"method", "post"},
                  {"action", cohort_path(p.cohort.id) + "/curriculum/copy"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, error && error->field.empty() ? error : nullptr);
  std::vector<web::Option> options{{"", t("Choose a cohort")}};
  for (const auto& c : p.sources) options.push_back({std::to_string(c.id), c.name});
  web::select(h, "source", t("Copy from"), options, form.source,
              web::error_for(ctx, error, "source"));
  web::check(
      h, web::Check{
             .name = "sessions", .label = t("Copy the sessions too"), .checked = form.sessions});
  if (p.existing_modules > 0)
    web::check(h,
               web::Check{.name = "confirm",
                          .label = t.plural(
                              "This cohort already has {n} module: add the copied ones to it.",
                              "This cohort already has {n} modules: add the copied ones to them.",
                              p.existing_modules),
                          .checked = form.confirm,
                          .error = web::error_for(ctx, error, "confirm")});
  web::submit(h, t("Copy the plan"));
  h.close("form");
  return std::move(h).str();
}

}  // namespace crm::curriculum::views

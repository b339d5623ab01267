#include "curriculum/attendance_views.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "web/html.hpp"

namespace crm::curriculum::views {

namespace {

using web::Html;

std::string cohort_path(int64_t id) {
  return "/cohorts/" + std::to_string(id);
}

std::string status_label(const Tr& t, std::string_view s) {
  if (s == "present") return t("Present");
  if (s == "excused") return t("Excused");
  if (s == "absent") return t("Absent");
  return std::string(s);
}

// The message for `field` among `errors`, translated; "" when none.
std::string error_of(const web::Ctx& ctx, const std::vector<Error>& errors,
                     std::string_view field) {
  return web::error_for(ctx, errors, field);
}

void person_name(Html& h, const store::Participant& p) {
  h.bdi(p.name);
  if (!p.name_latin.empty() && p.name_latin != p.name)
    h.text(" ")
        .open("span", {{"class", "muted"}})
        .text("(")
        .bdi(p.name_latin)
        .text(")")
        .close("span");
}

// A group of radio buttons for one person: a fieldset named after them, the
// choices as large touch targets side by side, its error under the name.
void choice_group(Html& h, const web::Ctx& ctx, const store::Participant& p,
                  std::string_view prefix,
                  const std::vector<std::pair<std::string, std::string>>& choices,
                  const std::string& chosen, const std::string& error) {
  const std::string id = std::to_string(p.person_id);
  const std::string name = std::string(prefix) + id;
  const std::string group_id = "f-" + name;
  h.open("fieldset", {{"class", error.empty() ? "person-choice" : "person-choice invalid"},
                      {"id", group_id},
                      {"?aria-describedby", error.empty() ? "" : group_id + "-error"}});
  h.open("legend");
  person_name(h, p);
  h.close("legend");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", group_id + "-error"}}, error);
  h.open("div", {{"class", "choices"}});
  for (const auto& [value, label] : choices) {
    web::Check c;
    c.name = name;
    c.value = value;
    c.label = label;
    c.id = group_id + "-" + value;
    c.type = "radio";
    c.checked = chosen == value;
    web::check(h, c);
  }
  h.close("div");
  (void)ctx;
}

// One missing piece in HTML: a module's title isolated as user text.
void missing_html(Html& h, const Tr& t, const Missing& m,
                  const std::map<int64_t, std::string>& module_titles) {
  if (m.kind != Missing::Kind::module) {
    h.text(missing_text(t, m, module_titles));
    return;
  }
  auto it = module_titles.find(m.module_id);
  const std::string title = it == module_titles.end() ? t("Module") : it->second;
  h.message(t("module “{module}” not passed"), {{"module", title}});
}

void breadcrumb(Html& h, int64_t cohort_id, const std::string& cohort_name) {
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", cohort_path(cohort_id)}})
      .bdi(cohort_name)
      .close("a")
      .close("p");
}

}  // namespace

std::string session_title(const web::Ctx& ctx, const store::SessionAccess& s) {
  const std::string& title = !s.session.title.empty() ? s.session.title : s.module_title;
  return title.empty() ? ctx.tr("Session") : title;
}

std::vector<web::Problem> problems_naming(const web::Ctx& ctx,
                                          const std::vector<store::Participant>& people,
                                          const std::vector<Error>& errors) {
  std::vector<web::Problem> out;
  for (const auto& e : errors) {
    std::string message = ctx.tr.error(e);
    auto dash = e.field.rfind('-');
    if (dash != std::string::npos) {
      const std::string id = e.field.substr(dash + 1);
      for (const auto& p : people)
        if (std::to_string(p.person_id) == id) {
          message = ctx.tr("{name}: {problem}", {{"name", p.name}, {"problem", message}});
          break;
        }
    }
    out.push_back({e.field, std::move(message)});
  }
  return out;
}

std::string missing_text(const Tr& t, const Missing& m,
                         const std::map<int64_t, std::string>& module_titles) {
  switch (m.kind) {
    case Missing::Kind::attendance:
      if (!m.recorded)
        return t("attendance not recorded yet ({required} required)",
                 {{"required", t.percent(static_cast<double>(m.required))}});
      return t("attendance {percent} of {required} required",
               {{"percent", t.percent(static_cast<double>(m.percent))},
                {"required", t.percent(static_cast<double>(m.required))}});
    case Missing::Kind::module: {
      auto it = module_titles.find(m.module_id);
      return t("module “{module}” not passed",
               {{"module", it == module_titles.end() ? t("Module") : it->second}});
    }
    case Missing::Kind::paper:
      return t("final paper not accepted");
  }
  return {};
}

// ------------------------------------------------------------ attendance

std::string attendance(const web::Ctx& ctx, const AttendancePage& p,
                       const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  const auto& s = p.session.session;
  Html h;
  breadcrumb(h, s.cohort_id, p.session.cohort_name);
  h.open("h1")
      .message(t("Attendance: {session}"), {{"session", session_title(ctx, p.session)}})
      .close("h1");
  h.open("p", {{"class", "meta"}}).text(t.date_time(s.starts_at));
  if (s.kind == "online")
    h.text(" · ").text(t("Online"));
  else if (!s.place.empty())
    h.text(" · ").bdi(s.place);
  h.close("p");
  if (s.cancelled()) {
    h.el("p", {{"class", "flash error"}, {"data-cancelled", "1"}},
         t("This session was cancelled: it has no attendance."));
    return std::move(h).str();
  }
  if (p.rows.empty()) {
    h.el("p", t("Nobody is taking part in this cohort yet."));
    return std::move(h).str();
  }
  const long total = static_cast<long>(p.rows.size());
  h.el("p", {{"class", "hint"}, {"data-recorded", std::to_string(p.recorded)}},
       t.plural("Recorded for {n} of {total} participant.",
                "Recorded for {n} of {total} participants.", p.recorded,
                {{"total", t.number(total)}}));
  h.open("form", {{"method", "post"},
                  {"action", "/sessions/" + std::to_string(s.id) + "/attendance"},
                  {"class", "stack attendance"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, web::form_wide(errors));
  const std::vector<std::pair<std::string, std::string>> choices = {
      {"present", t("Present")}, {"excused", t("Excused")}, {"absent", t("Absent")}};
  h.open("ol", {{"class", "people-choices"}});
  for (const auto& row : p.rows) {
    const std::string id = std::to_string(row.person.person_id);
    h.open("li", {{"data-person", id}});
    choice_group(h, ctx, row.person, "status-", choices, row.entry.status,
                 error_of(ctx, errors, "status-" + id));
    const std::string note_name = "note-" + id;
    const std::string note_error = error_of(ctx, errors, note_name);
    // The note folds away: most people need none, and a phone screen stays short.
    h.open("details", {{"?open", row.entry.note.empty() && note_error.empty() ? "" : "open"}});
    h.el("summary", t("Note"));
    web::Field f;
    f.name = note_name;
    f.label = t("Note on {name}", {{"name", row.person.name}});
    f.value = row.entry.note;
    f.error = note_error;
    web::field(h, f);
    h.close("details");
    h.close("fieldset");
    h.close("li");
  }
  h.close("ol");
  if (p.recorded < total) {
    web::Check rest;
    rest.name = "rest";
    rest.value = "present";
    rest.label = t("Everyone without a choice was present");
    web::check(h, rest);
  }
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Save attendance"));
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

// ------------------------------------------------------------ own attendance

std::string own_attendance(const web::Ctx& ctx, const OwnAttendance& a) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("My attendance"));
  if (!a.linked) {
    h.el("p", t("Your account has no person record yet, so there is no attendance to show."));
    return std::move(h).str();
  }
  if (a.cohorts.empty()) {
    h.el("p", t("You are not taking part in a cohort."));
    return std::move(h).str();
  }
  for (const auto& c : a.cohorts) {
    h.open("section", {{"class", "card"}, {"data-cohort", std::to_string(c.cohort.id)}});
    h.open("h2").bdi(c.cohort.name).close("h2");
    const Completion* done = c.completion ? &*c.completion : nullptr;
    h.open("dl", {{"class", "facts"}});
    h.el("dt", t("Your attendance"));
    if (!done || done->attendance_percent < 0)
      h.el("dd", {{"data-share", ""}}, t("No attendance recorded yet."));
    else
      h.el("dd", {{"data-share", std::to_string(done->attendance_percent)}},
           c.rules.attendance
               ? t("{percent} (required: {required})",
                   {{"percent", t.percent(static_cast<double>(done->attendance_percent))},
                    {"required", t.percent(static_cast<double>(c.rules.min_percent))}})
               : t.percent(static_cast<double>(done->attendance_percent)));
    h.el("dt", t("Completion"));
    if (done && done->complete) {
      h.el("dd", {{"data-complete", "1"}}, t("Complete"));
    } else {
      h.open("dd", {{"data-complete", "0"}}).text(t("Not complete yet. Missing:")).open("ul");
      if (done)
        for (const auto& m : done->missing) {
          h.open("li");
          missing_html(h, t, m, c.module_titles);
          h.close("li");
        }
      h.close("ul").close("dd");
    }
    h.close("dl");
    if (c.sessions.empty()) {
      h.el("p", t("No sessions have taken place yet."));
    } else {
      const std::string label = t("Sessions so far");
      // A heading, not a caption: on a phone the table turns into cards.
      h.el("h3", label);
      h.open(
          "div",
          {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", label}});
      h.open("table", {{"class", "own-attendance"}});
      h.open("thead").open("tr");
      h.el("th", {{"scope", "col"}}, t("Date"));
      h.el("th", {{"scope", "col"}}, t("Session"));
      h.el("th", {{"scope", "col"}}, t("Attendance"));
      h.el("th", {{"scope", "col"}}, t("Note"));
      h.close("tr").close("thead").open("tbody");
      for (const auto& s : c.sessions) {
        h.open("tr", {{"data-session", std::to_string(s.id)}, {"data-status", s.status}});
        h.el("td", t.date_time(s.starts_at));
        const std::string& title = !s.title.empty() ? s.title : s.module_title;
        h.open("td").bdi(title.empty() ? t("Session") : title).close("td");
        if (s.session_status == "cancelled")
          h.el("td", t("Cancelled"));
        else
          h.el("td", s.status.empty() ? t("Not recorded") : status_label(t, s.status));
        h.open("td").bdi(s.note).close("td");
        h.close("tr");
      }
      h.close("tbody").close("table").close("div");
    }
    h.close("section");
  }
  return std::move(h).str();
}

// ------------------------------------------------------------ module results

std::string results(const web::Ctx& ctx, const ResultsPage& p, const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  Html h;
  breadcrumb(h, p.module.cohort_id, p.module.cohort_name);
  h.open("h1")
      .message(t("Results: {module}"),
               {{"module", p.module.title.empty() ? t("Module") : p.module.title}})
      .close("h1");
  if (p.rows.empty()) {
    h.el("p", t("Nobody is taking part in this cohort yet."));
    return std::move(h).str();
  }
  h.open("form", {{"method", "post"},
                  {"action", "/modules/" + std::to_string(p.module.id) + "/results"},
                  {"class", "stack results"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, web::form_wide(errors));
  const std::vector<std::pair<std::string, std::string>> choices = {
      {"passed", t("Passed")}, {"failed", t("Did not pass")}, {"none", t("Not yet")}};
  h.open("ol", {{"class", "people-choices"}});
  for (const auto& row : p.rows) {
    const std::string id = std::to_string(row.person.person_id);
    h.open("li", {{"data-person", id}});
    choice_group(h, ctx, row.person, "result-", choices, row.result.empty() ? "none" : row.result,
                 error_of(ctx, errors, "result-" + id));
    h.close("fieldset").close("li");
  }
  h.close("ol");
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Save results"));
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

// ------------------------------------------------------------ completion list

std::string completion(const web::Ctx& ctx, const CompletionPage& p, const Error* e) {
  const auto& t = ctx.tr;
  const std::string base = cohort_path(p.cohort_id) + "/completion";
  Html h;
  breadcrumb(h, p.cohort_id, p.cohort_name);
  h.open("h1").message(t("Completion: {cohort}"), {{"cohort", p.cohort_name}}).close("h1");
  h.el("p",
       {{"data-complete", std::to_string(p.complete)}, {"data-total", std::to_string(p.total)}},
       t.plural("{n} of {total} participant has completed.",
                "{n} of {total} participants have completed.", p.complete,
                {{"total", t.number(p.total)}}));
  // Filters as links: the list is short enough for one page.
  h.open("nav", {{"class", "filters"}, {"aria-label", t("Show")}}).open("ul");
  for (const auto& [value, label] : std::vector<std::pair<std::string, std::string>>{
           {"", t("Everyone")}, {"complete", t("Complete")}, {"incomplete", t("Not complete")}}) {
    h.open("li")
        .open("a", {{"href", value.empty() ? base : base + "?show=" + value},
                    {"?aria-current", p.filter == value ? "page" : ""}})
        .text(label)
        .close("a")
        .close("li");
  }
  h.close("ul").close("nav");
  web::export_links(h, t, base, p.filter.empty() ? "" : "?show=" + p.filter);
  // Where the module results are marked: one link per module.
  if (!p.module_titles.empty()) {
    h.open("nav", {{"class", "filters"}, {"aria-label", t("Module results")}}).open("ul");
    h.el("li", t("Module results"));
    for (const auto& [id, title] : p.module_titles)
      h.open("li")
          .open("a", {{"href", "/modules/" + std::to_string(id) + "/results"}})
          .bdi(title.empty() ? t("Module") : title)
          .close("a")
          .close("li");
    h.close("ul").close("nav");
  }
  if (p.rows.empty()) {
    h.el("p", t("Nobody to show."));
  } else {
    const std::string label = t("Participants");
    h.open("div",
           {{"class", "table-wrap"}, {"tabindex", "0"}, {"role", "region"}, {"aria-label", label}});
    h.open("table", {{"class", "completion"}});
    h.open("thead").open("tr");
    h.el("th", {{"scope", "col"}}, t("Name"));
    h.el("th", {{"scope", "col"}}, t("Attendance"));
    h.el("th", {{"scope", "col"}}, t("Completion"));
    h.close("tr").close("thead").open("tbody");
    for (const auto& row : p.rows) {
      const auto& c = row.completion;
      h.open("tr", {{"data-person", std::to_string(row.person.person_id)},
                    {"data-complete", c.complete ? "1" : "0"}});
      h.open("th", {{"scope", "row"}});
      person_name(h, row.person);
      h.close("th");
      h.el("td", c.attendance_percent < 0 ? t("Not recorded")
                                          : t.percent(static_cast<double>(c.attendance_percent)));
      if (c.complete) {
        h.el("td", t("Complete"));
      } else {
        h.open("td").open("ul", {{"class", "plain"}});
        for (const auto& m : c.missing) {
          h.open("li");
          missing_html(h, t, m, p.module_titles);
          h.close("li");
        }
        h.close("ul").close("td");
      }
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }

  h.open("section", {{"class", "card"}, {"id", "rules"}});
  h.el("h2", t("Rules"));
  h.open("form", {{"method", "post"}, {"action", base}, {"class", "stack"}, {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, e);
  web::Check att;
  att.name = "attendance";
  att.label = t("Attendance counts");
  att.checked = p.form.attendance;
  web::check(h, att);
  web::Field percent;
  percent.name = "min_percent";
  percent.label = t("Minimum attendance (%)");
  percent.value = p.form.min_percent;
  percent.inputmode = "numeric";
  percent.hint =
      t("A whole number from {min} to {max}: the share of the sessions held at which "
        "a participant was present (excused is not present).",
        {{"min", t.number(0)}, {"max", t.number(100)}});
  percent.error = web::error_for(ctx, e, "min_percent");
  web::field(h, percent);
  web::Check modules;
  modules.name = "modules";
  modules.label = t("Every module passed");
  modules.checked = p.form.modules;
  web::check(h, modules);
  web::Check paper;
  paper.name = "paper";
  paper.label = t("Final paper accepted");
  paper.checked = p.form.paper;
  web::check(h, paper);
  h.el("p", {{"class", "hint"}},
       t("Once the cohort keeps its final papers in crm (a paper has been started for it), "
         "everyone taking part needs an accepted paper; until then the rule holds nobody back."));
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Save rules"));
  h.close("div");
  h.close("form");
  h.close("section");
  return std::move(h).str();
}

web::Table completion_table(const web::Ctx& ctx, const CompletionPage& p) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Name"), t("Name in Latin script"), t("Attendance (%)"), t("Complete"),
                  t("Missing")};
  for (const auto& row : p.rows) {
    const auto& c = row.completion;
    std::vector<std::string> missing;
    for (const auto& m : c.missing) missing.push_back(missing_text(t, m, p.module_titles));
    table.rows.push_back({row.person.name, row.person.name_latin,
                          c.attendance_percent < 0 ? "" : std::to_string(c.attendance_percent),
                          c.complete ? t("Yes") : t("No"), t.list(missing)});
  }
  return table;
}

}  // namespace crm::curriculum::views

#include "programme/views.hpp"

#include <fmt/format.h>

#include <optional>

#include "curriculum/policy.hpp"
#include "imports/policy.hpp"
#include "papers/policy.hpp"
#include "programme/countries.hpp"
#include "programme/parity_views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::programme::views {

namespace {

using web::Html;

struct Label {
  std::string_view value;
  const char* msgid;
};

std::string label_of(const Tr& t, std::initializer_list<Label> labels, std::string_view v) {
  for (const auto& l : labels)
    if (l.value == v) return t(l.msgid);
  return std::string(v);
}

std::string dates(const Tr& t, const Cohort& c) {
  return t("{start} – {end}", {{"start", t.date(c.starts_on)}, {"end", t.date(c.ends_on)}});
}

std::string cohort_path(const Cohort& c) {
  return "/cohorts/" + std::to_string(c.id);
}

// The cohort page with its filters as a query, for links that keep them.
std::string filtered_path(const CohortPage& c) {
  std::string q;
  auto add = [&](std::string_view name, const std::string& v) {
    if (v.empty()) return;
    q += q.empty() ? "?" : "&";
    q += fmt::format("{}={}", name, v);  // validated values: letters and underscores only
  };
  add("country", c.filter.country);
  add("route_role", c.filter.route_role);
  add("organisation_type", c.filter.organisation_type);
  add("status", c.filter.status);
  return cohort_path(c.cohort) + q;
}

void countries_by_role(Html& h, const web::Ctx& ctx, const Overview& o) {
  const auto& t = ctx.tr;
  h.open("section", {{"class", "route-roles"}});
  h.el("h2", t("Countries and their route roles"));
  h.open("div", {{"class", "cards"}});
  for (auto role : route_roles()) {
    h.open("section", {{"class", "card"}});
    h.el("h3", route_role_label(t, role));
    std::vector<std::string> codes;
    for (const auto& c : o.countries)
      if (c.role == role) codes.push_back(c.country);
    sort_by_name(codes, t.language());
    h.open("ul", {{"class", "plain"}});
    for (const auto& code : codes)
      h.open("li").el("bdi", country_name(code, t.language())).close("li");
    h.close("ul").close("section");
  }
  h.close("div").close("section");
}

std::vector<web::Option> options(const Tr& t, const std::vector<std::string_view>& values,
                                 std::string (*label)(const Tr&, std::string_view)) {
  std::vector<web::Option> out = {{"", t("Any")}};
  for (auto v : values) out.push_back({std::string(v), label(t, v)});
  return out;
}

void filters(Html& h, const web::Ctx& ctx, const CohortPage& c) {
  const auto& t = ctx.tr;
  h.open("form",
         {{"method", "get"}, {"action", cohort_path(c.cohort)}, {"class", "grid-form filters"}});
  std::vector<std::string> codes = c.countries;
  sort_by_name(codes, t.language());
  std::vector<web::Option> countries = {{"", t("Any")}};
  for (const auto& code : codes) countries.push_back({code, country_name(code, t.language())});
  web::select(h, "country", t("Country"), countries, c.filter.country);
  web::select(h, "route_role", t("Route role"), options(t, route_roles(), route_role_label),
              c.filter.route_role);
  web::select(h, "organisation_type", t("Type of organisation"),
              options(t, organisation_types(), organisation_type_label),
              c.filter.organisation_type);
  if (c.show_details)
    web::select(h, "status", t("Status"), options(t, enrolment_statuses(), enrolment_status_label),
                c.filter.status);
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Filter"), "button");
  h.open("a", {{"href", cohort_path(c.cohort)}}).text(t("Clear filters")).close("a");
  h.close("div");
  h.close("form");
}

void members_table(Html& h, const web::Ctx& ctx, const CohortPage& c) {
  const auto& t = ctx.tr;
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", t("People")}})
      .open("table", {{"class", "members"}});
  h.open("thead").open("tr");
  std::vector<const char*> columns = {N_("Name"), N_("Country"), N_("Organisation")};
  if (c.show_details)
    columns.insert(columns.end(), {N_("Email address"), N_("Position"), N_("Role"), N_("Status")});
  for (const char* col : columns) h.el("th", {{"scope", "col"}}, t(col));
  h.close("tr").close("thead");
  // The team (lecturers, supervisors, staff) apart from the participants: the
  // store lists them first, each group by name, and each group has a heading.
  std::optional<bool> group;  // the team's group when true
  for (const auto& m : c.members) {
    const bool team = m.role != "participant";
    if (group != team) {
      if (group) h.close("tbody");
      h.open("tbody", {{"class", team ? "team" : "participants"}}).open("tr");
      h.el("th", {{"scope", "rowgroup"}, {"colspan", std::to_string(columns.size())}},
           team ? t("Team: lecturers and staff") : t("Participants"));
      h.close("tr");
      group = team;
    }
    h.open("tr");
    // An erased person keeps their place in the counts, with no name.
    h.open("td")
        .open("a", {{"href", "/people/" + std::to_string(m.person_id)}})
        .el("bdi", m.name.empty() ? t("Erased person") : m.name)
        .close("a");
    if (!m.name_latin.empty() && m.name_latin != m.name)
      h.text(" ").el("span", {{"class", "muted"}, {"dir", "ltr"}}, "(" + m.name_latin + ")");
    // Peers see no role column: the team's rows say who is who.
    if (team && !c.show_details)
      h.text(" ").el("span", {{"class", "muted role"}}, enrolment_role_label(t, m.role));
    h.close("td");
    h.el("td", m.country.empty() ? std::string() : country_name(m.country, t.language()));
    h.open("td").el("bdi", m.organisation);
    if (!m.organisation_latin.empty() && m.organisation_latin != m.organisation)
      h.text(" ").el("span", {{"class", "muted"}, {"dir", "ltr"}},
                     "(" + m.organisation_latin + ")");
    h.close("td");
    if (c.show_details) {
      h.open("td").el("bdi", m.email).close("td");
      h.open("td").bdi(m.position).close("td");
      h.el("td", enrolment_role_label(t, m.role));
      h.el("td", enrolment_status_label(t, m.status));
    }
    h.close("tr");
  }
  if (group) h.close("tbody");
  h.close("table").close("div");
}

}  // namespace

std::string route_role_label(const Tr& t, std::string_view v) {
  return label_of(
      t, {{"origin", N_("Origin")}, {"transit", N_("Transit")}, {"destination", N_("Destination")}},
      v);
}

std::string cohort_status_label(const Tr& t, std::string_view v) {
  return label_of(t,
                  {{"planned", N_("Planned")},
                   {"open", N_("Open for applications")},
                   {"running", N_("Running")},
                   {"completed", N_("Completed")}},
                  v);
}

std::string organisation_type_label(const Tr& t, std::string_view v) {
  return label_of(t,
                  {{"ministry", N_("Ministry or national agency")},
                   {"authority", N_("Regional or local authority")},
                   {"international", N_("International organisation")},
                   {"ngo", N_("Non-governmental organisation")},
                   {"university", N_("University or research")},
                   {"other", N_("Other")}},
                  v);
}

std::string enrolment_role_label(const Tr& t, std::string_view v) {
  return label_of(t,
                  {{"participant", N_("Participant")},
                   {"lecturer", N_("Lecturer")},
                   {"supervisor", N_("Supervisor")},
                   {"staff", N_("Staff")}},
                  v);
}

std::string enrolment_status_label(const Tr& t, std::string_view v) {
  return label_of(t,
                  {{"applicant", N_("Applicant")},
                   {"admitted", N_("Admitted")},
                   // Not "Participant": that is a role, and a lecturer taking
                   // part is no participant.
                   {"participant", N_("Taking part")},
                   {"graduate", N_("Graduate")},
                   {"withdrawn", N_("Withdrawn")},
                   {"not_admitted", N_("Not admitted")}},
                  v);
}

std::string overview(const web::Ctx& ctx, const Overview& o) {
  const auto& t = ctx.tr;
  Html h;
  h.open("div", {{"lang", o.programme.language}});
  h.open("h1").bdi(o.programme.name).close("h1");
  h.el("p", {{"class", "lead"}, {"dir", "auto"}}, o.programme.description);
  h.close("div");
  if (o.can_manage || o.can_add_cohort) {
    const std::string base = "/programmes/" + std::to_string(o.programme.id);
    h.open("p", {{"class", "exports"}});
    if (o.can_manage)
      h.open("a", {{"href", base + "/edit"}})
          .text(t("Edit the programme"))
          .close("a")
          .open("a", {{"href", base + "/team"}})
          .text(t("Team"))
          .close("a");
    if (o.can_add_cohort)
      h.open("a", {{"href", base + "/cohorts/new"}}).text(t("Add a cohort")).close("a");
    h.close("p");
  }
  if (!o.programme.funders.empty()) {
    h.open("section", {{"class", "funders"}, {"aria-labelledby", "funders-title"}});
    h.el("h2", {{"id", "funders-title"}}, t("Funded by"));
    h.open("ul", {{"class", "plain"}});
    for (const auto& f : o.programme.funders) h.open("li").el("bdi", f).close("li");
    h.close("ul").close("section");
  }
  countries_by_role(h, ctx, o);
  h.el("h2", t("Cohorts"));
  if (o.cohorts.empty()) {
    h.el("p", {{"class", "muted"}}, t("This programme has no cohorts yet."));
    return std::move(h).str();
  }
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", t("Cohorts")}})
      .open("table", {{"class", "cohorts"}});
  h.open("thead").open("tr");
  for (const char* col :
       {N_("Cohort"), N_("Dates"), N_("Status"), N_("Regional focus"), N_("Location"), N_("Size")})
    h.el("th", {{"scope", "col"}}, t(col));
  h.close("tr").close("thead").open("tbody");
  for (const auto& c : o.cohorts) {
    h.open("tr").open("td");
    if (o.can_see_members)
      h.open("a", {{"href", cohort_path(c)}}).open("bdi").text(c.name).close("bdi").close("a");
    else
      h.el("bdi", c.name);
    h.close("td");
    h.el("td", dates(t, c));
    h.el("td", cohort_status_label(t, c.status));
    h.open("td").bdi(c.regional_focus).close("td");
    h.open("td").bdi(c.location).close("td");
    h.el("td", t.plural("{n} participant", "{n} participants", c.size));
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  return std::move(h).str();
}

namespace {

// The cohort's year: its plan and timetable, and for the programme's staff
// its completion list and certificates. Whoever sees the cohort page belongs
// to the programme (or is an admin).
void curriculum_links(Html& h, const web::Ctx& ctx, const Cohort& c) {
  namespace cp = curriculum::policy;
  const auto role = ctx.actor.role;
  if (!cp::can_see_curriculum(role, true)) return;
  const auto& t = ctx.tr;
  h.open("nav", {{"class", "exports"}, {"aria-label", t("Curriculum")}})
      .open("a", {{"href", cohort_path(c) + "/curriculum"}})
      .text(t("Curriculum"))
      .close("a")
      .open("a", {{"href", cohort_path(c) + "/timetable"}})
      .text(t("Timetable"))
      .close("a");
  if (cp::can_see_completion(role, true))
    h.open("a", {{"href", cohort_path(c) + "/completion"}}).text(t("Completion")).close("a");
  if (cp::can_issue_certificates(role, true))
    h.open("a", {{"href", cohort_path(c) + "/certificates"}}).text(t("Certificates")).close("a");
  if (papers::policy::can_list_cohort_papers(role, true))
    h.open("a", {{"href", cohort_path(c) + "/papers"}}).text(t("Final papers")).close("a");
  h.close("nav");
}

}  // namespace

std::string cohort(const web::Ctx& ctx, const CohortPage& c, const Composition* comp) {
  const auto& t = ctx.tr;
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", "/programmes/" + std::to_string(c.programme.id)}})
      .open("bdi", {{"lang", c.programme.language}})
      .text(c.programme.name)
      .close("bdi")
      .close("a")
      .close("p");
  h.open("h1").bdi(c.cohort.name).close("h1");
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Dates")).el("dd", dates(t, c.cohort));
  h.el("dt", t("Status")).el("dd", cohort_status_label(t, c.cohort.status));
  h.el("dt", t("Regional focus")).open("dd").bdi(c.cohort.regional_focus).close("dd");
  h.el("dt", t("Location")).open("dd").bdi(c.cohort.location).close("dd");
  h.el("dt", t("Size")).el("dd", t.plural("{n} participant", "{n} participants", c.cohort.size));
  if (c.cohort.capacity > 0)
    h.el("dt", t("Capacity")).el("dd", t.plural("{n} place", "{n} places", c.cohort.capacity));
  h.el("dt", t("Semesters")).el("dd", t.number(c.cohort.semesters));
  h.close("dl");
  curriculum_links(h, ctx, c.cohort);
  if (comp)
    h.open("p", {{"class", "exports"}})
        .open("a", {{"href", "#composition-title"}})
        .text(t("Composition"))
        .close("a")
        .open("a", {{"href", cohort_path(c.cohort) + "/parity"}})
        .text(t("Parity against the cohort's targets"))
        .close("a")
        .close("p");
  // Whoever sees this page belongs to the programme (or is an admin).
  if (curriculum::policy::can_see_completion(ctx.actor.role, true))
    h.open("p")
        .open("a", {{"href", cohort_path(c.cohort) + "/completion"}})
        .text(t("Completion"))
        .close("a")
        .close("p");
  h.el("h2", {{"id", "people"}}, t("People"));
  // Whoever sees this page belongs to the programme (or is an admin).
  if (imports::policy::can_import(ctx.actor.role, true))
    h.open("p")
        .open("a", {{"href", cohort_path(c.cohort) + "/import"}})
        .text(t("Import people"))
        .close("a")
        .close("p");
  // Certificates of the cohort: for those who issue them.
  if (curriculum::policy::can_issue_certificates(ctx.actor.role, true))
    h.open("p")
        .open("a", {{"href", cohort_path(c.cohort) + "/certificates"}})
        .text(t("Certificates"))
        .close("a")
        .close("p");
  filters(h, ctx, c);
  h.el("p", {{"class", "count"}, {"role", "status"}},
       t.plural("{n} person found", "{n} people found", c.total));
  people_export_links(h, ctx, c);
  if (!c.members.empty()) members_table(h, ctx, c);
  web::pagination(h, ctx, web::Pagination{c.page, kMembersPerPage, c.total}, filtered_path(c));
  if (comp) {
    h.open("section", {{"class", "composition"}, {"aria-labelledby", "composition-title"}});
    h.el("h2", {{"id", "composition-title"}}, t("Composition"));
    h.el("p", {{"class", "hint"}},
         t.plural("Counted: {n} participant admitted, taking part or graduated; those who "
                  "withdrew are not counted.",
                  "Counted: {n} participants admitted, taking part or graduated; those who "
                  "withdrew are not counted.",
                  comp->counted));
    h.open("p")
        .open("a", {{"href", cohort_path(c.cohort) + "/parity"}})
        .text(t("Parity against the cohort's targets"))
        .close("a")
        .close("p");
    composition(h, ctx, *comp, false);
    h.close("section");
  }
  return std::move(h).str();
}

}  // namespace crm::programme::views

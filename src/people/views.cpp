#include "people/views.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <fmt/format.h>

#include "certificates/views.hpp"
#include "programme/countries.hpp"
#include "programme/views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::people::views {

namespace {

using web::Html;

std::string person_path(int64_t id) {
  return "/people/" + std::to_string(id);
}

// A name as written, and its Latin form beside it when that differs.
void name_with_latin(Html& h, const std::string& name, const std::string& latin) {
  h.el("bdi", name);
  if (!latin.empty() && latin != name)
    h.text(" ").el("span", {{"class", "muted"}, {"dir", "ltr"}}, "(" + latin + ")");
}

void fact(Html& h, const std::string& term, const std::string& value) {
  if (value.empty()) return;
  h.el("dt", term).open("dd").bdi(value).close("dd");
}

std::vector<std::string> topics(std::string_view comma_separated) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= comma_separated.size()) {
    auto j = comma_separated.find(',', i);
    if (j == std::string_view::npos) j = comma_separated.size();
    auto topic = comma_separated.substr(i, j - i);
    while (!topic.empty() && topic.front() == ' ') topic.remove_prefix(1);
    while (!topic.empty() && topic.back() == ' ') topic.remove_suffix(1);
    if (!topic.empty()) out.emplace_back(topic);
    i = j + 1;
  }
  return out;
}

void status_form(Html& h, const web::Ctx& ctx, const EnrolmentRow& e) {
  const auto& t = ctx.tr;
  std::string id = fmt::format("status-{}", e.id);
  h.open("form", {{"method", "post"},
                  {"action", fmt::format("/enrolments/{}/status", e.id)},
                  {"class", "grid-form"}});
  web::csrf_field(h, ctx);
  h.open("div", {{"class", "field"}});
  h.el("label", {{"for", id}}, t("Change the status to"));
  // Nothing chosen in advance: a lecturer's row once defaulted to "graduate".
  h.open("select", {{"id", id}, {"name", "status"}, {"required", "required"}});
  h.el("option", {{"value", ""}, {"selected", "selected"}}, t("Choose…"));
  for (const auto& s : e.next_statuses)
    h.el("option", {{"value", s}}, programme::views::enrolment_status_label(t, s));
  h.close("select").close("div");
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Change the status"), "button");
  h.close("div").close("form");
}

void enrolments(Html& h, const web::Ctx& ctx, const PersonPage& p) {
  const auto& t = ctx.tr;
  h.el("h2", t("Enrolments"));
  if (p.enrolments.empty()) h.el("p", {{"class", "muted"}}, t("Not enrolled in any cohort."));
  for (const auto& e : p.enrolments) {
    h.open("section", {{"class", "card"}, {"data-enrolment", std::to_string(e.id)}});
    h.open("h3")
        .open("a", {{"href", fmt::format("/cohorts/{}", e.cohort_id)}})
        .el("bdi", e.cohort_name)
        .close("a")
        .close("h3");
    h.open("dl", {{"class", "facts"}});
    h.el("dt", t("Role")).el("dd", programme::views::enrolment_role_label(t, e.role));
    h.el("dt", t("Status"))
        .el("dd", {{"data-status", e.status}},
            programme::views::enrolment_status_label(t, e.status));
    h.close("dl");
    if (!e.history.empty()) {
      h.el("h4", t("History"));
      h.open("ol", {{"class", "plain history"}});
      for (const auto& c : e.history) {
        h.open("li");
        h.open("time").text(t.date_time(c.at)).close("time").text(": ");
        h.text(programme::views::enrolment_status_label(t, c.status));
        if (!c.by_name.empty()) h.text(" — ").message(t("by {name}"), {{"name", c.by_name}});
        h.close("li");
      }
      h.close("ol");
    }
    if (!e.next_statuses.empty()) status_form(h, ctx, e);
    h.close("section");
  }
}

}  // namespace

std::string gender_label(const Tr& t, std::string_view g) {
  if (g == "female") return t("Female");
  if (g == "male") return t("Male");
  if (g == "prefer_not_to_say") return t("Prefer not to say");
  return std::string(g);
}

std::string language_names(std::string_view codes, const Tr& t) {
  std::vector<std::string> out;
  icu::Locale display(std::string(t.language()).c_str());
  size_t i = 0;
  while (i <= codes.size()) {
    auto j = codes.find(',', i);
    if (j == std::string_view::npos) j = codes.size();
    if (j > i) {
      std::string code(codes.substr(i, j - i));
      icu::UnicodeString name;
      icu::Locale(code.c_str()).getDisplayLanguage(display, name);
      std::string s;
      name.toUTF8String(s);
      out.push_back(s.empty() ? code : s);
    }
    i = j + 1;
  }
  return t.list(out);
}

std::string person(const web::Ctx& ctx, const PersonPage& p) {
  const auto& t = ctx.tr;
  const auto& person = p.person;
  Html h;
  h.open("div", {{"class", "person"}, {"data-view", p.full ? "full" : "peer"}});
  if (p.show_photo) {
    // The small copy (shown 160 pixels wide) links to the original.
    const std::string src = person_path(person.id) + "/photo";
    h.open("a", {{"href", src + "/original"}});
    h.empty("img", {{"src", src},
                    {"alt", t("Photo of {name}", {{"name", person.name}})},
                    {"width", "160"},
                    {"class", "photo"}});
    h.close("a");
  }
  // An erased record keeps its enrolments (the counts stay right) but no name.
  if (person.erased_at)
    h.el("h1", t("Erased person"));
  else
    h.open("h1").bdi(person.name).close("h1");
  if (person.erased_at) h.el("p", {{"class", "muted"}}, t("This person's data has been erased."));
  if (!person.name_latin.empty() && person.name_latin != person.name)
    h.el("p", {{"class", "muted"}, {"dir", "ltr"}}, person.name_latin);
  if (p.own)
    h.open("p")
        .open("a", {{"href", "/profile"}, {"class", "button"}})
        .text(t("Edit your profile"))
        .close("a")
        .close("p");
  h.open("dl", {{"class", "facts"}});
  if (!person.email.empty())
    h.el("dt", t("Email address"))
        .open("dd", {{"dir", "ltr"}, {"data-field", "email"}})
        .text(person.email)
        .close("dd");
  if (!person.country.empty())
    h.el("dt", t("Country"))
        .el("dd", {{"data-field", "country"}},
            programme::country_name(person.country, t.language()));
  if (p.organisation) {
    h.el("dt", t("Organisation")).open("dd", {{"data-field", "organisation"}});
    h.open("a", {{"href", fmt::format("/organisations/{}", p.organisation->id)}});
    name_with_latin(h, p.organisation->name, p.organisation->name_latin);
    h.close("a").close("dd");
  }
  fact(h, t("Position"), person.position);
  if (p.full) fact(h, t("Gender"), gender_label(t, person.gender));
  fact(h, t("Languages"), language_names(person.languages, t));
  if (auto list = topics(person.expertise); !list.empty())
    h.el("dt", t("Expertise")).open("dd").list(t, list).close("dd");
  if (p.full) {
    fact(h, t("Time zone"), person.time_zone);
    h.el("dt", t("Account"))
        .el("dd", person.account_id ? t("Signs in to crm with this email address")
                                    : t("No account linked yet"));
  }
  h.close("dl");
  if (!person.bio.empty()) {
    h.el("h2", t("About"));
    h.el("p", {{"dir", "auto"}, {"class", "bio"}}, person.bio);
  }
  h.close("div");
  certificates::views::held(h, ctx, p.certificates);
  if (p.full) enrolments(h, ctx, p);
  if (p.can_manage && !person.erased_at) {
    h.open("ul");
    h.open("li")
        .open("a", {{"href", person_path(person.id) + "/merge"}})
        .text(t("Merge a duplicate record into this one"))
        .close("a")
        .close("li");
    h.open("li")
        .open("a", {{"href", person_path(person.id) + "/consents"}})
        .text(t("Consents"))
        .close("a")
        .close("li");
    h.open("li")
        .open("a", {{"href", person_path(person.id) + "/erase"}})
        .text(t("Erase a person's data"))
        .close("a")
        .close("li");
    h.close("ul");
  }
  return std::move(h).str();
}

std::string status_confirmation(const web::Ctx& ctx, const StatusConfirmation& c) {
  const auto& t = ctx.tr;
  const auto& e = c.enrolment;
  const std::string to = programme::views::enrolment_status_label(t, c.status);
  Html h;
  h.open("section", {{"class", "card narrow"}, {"data-confirm-status", c.status}});
  h.el("h1", t("Change the status to “{status}”?", {{"status", to}}));
  // Name and cohort isolated, with a separator that needs no translation.
  h.open("p")
      .el("bdi", c.person.erased_at ? t("Erased person") : c.person.name)
      .text(" · ")
      .el("bdi", e.cohort_name)
      .close("p");
  h.el("p", t("From “{from}” to “{to}”.",
              {{"from", programme::views::enrolment_status_label(t, e.status)}, {"to", to}}));
  h.el("p", t("This status is final: it cannot be changed afterwards."));
  h.open("form", {{"method", "post"},
                  {"action", fmt::format("/enrolments/{}/status", e.id)},
                  {"class", "actions"}});
  web::csrf_field(h, ctx);
  h.empty("input", {{"type", "hidden"}, {"name", "status"}, {"value", c.status}});
  h.empty("input", {{"type", "hidden"}, {"name", "confirm"}, {"value", "yes"}});
  web::submit(h, t("Yes, change the status"));
  h.open("a", {{"href", person_path(c.person.id)}}).text(t("Cancel")).close("a");
  h.close("form").close("section");
  return std::move(h).str();
}

std::string organisations(const web::Ctx& ctx, const OrganisationList& l) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Organisations"));
  h.el("p", {{"class", "count"}}, t.plural("{n} organisation", "{n} organisations", l.total));
  if (l.total > 0) web::export_links(h, t, "/organisations", "");
  if (!l.items.empty()) {
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Organisations")}})
        .open("table", {{"class", "organisations"}});
    h.open("thead").open("tr");
    for (const char* col : {N_("Name"), N_("Country"), N_("Type of organisation"), N_("People")})
      h.el("th", {{"scope", "col"}}, t(col));
    h.close("tr").close("thead").open("tbody");
    for (const auto& r : l.items) {
      const auto& o = r.organisation;
      h.open("tr").open("td").open("a", {{"href", fmt::format("/organisations/{}", o.id)}});
      name_with_latin(h, o.name, o.name_latin);
      h.close("a").close("td");
      h.el("td", programme::country_name(o.country, t.language()));
      h.el("td", programme::views::organisation_type_label(t, o.type));
      h.el("td", t.number(r.people));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  web::pagination(h, ctx, web::Pagination{l.page, kOrganisationsPerPage, l.total},
                  "/organisations");
  return std::move(h).str();
}

std::string organisation(const web::Ctx& ctx, const OrganisationPage& o) {
  const auto& t = ctx.tr;
  const auto& org = o.organisation;
  Html h;
  h.open("h1").bdi(org.name).close("h1");
  if (!org.name_latin.empty() && org.name_latin != org.name)
    h.el("p", {{"class", "muted"}, {"dir", "ltr"}}, org.name_latin);
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Country")).el("dd", programme::country_name(org.country, t.language()));
  h.el("dt", t("Type of organisation"))
      .el("dd", programme::views::organisation_type_label(t, org.type));
  h.close("dl");
  h.el("h2", t("People"));
  if (!o.people.empty())
    web::export_links(h, t, fmt::format("/organisations/{}/people", org.id), "");
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", t("People")}})
      .open("table", {{"class", "members"}});
  h.open("thead").open("tr");
  std::vector<const char*> columns = {N_("Name"), N_("Cohort")};
  if (o.full) columns.insert(columns.end(), {N_("Role"), N_("Status")});
  for (const char* col : columns) h.el("th", {{"scope", "col"}}, t(col));
  h.close("tr").close("thead").open("tbody");
  for (const auto& p : o.people) {
    h.open("tr").open("td").open("a", {{"href", person_path(p.person_id)}});
    name_with_latin(h, p.name.empty() ? t("Erased person") : p.name, p.name_latin);
    h.close("a").close("td");
    h.open("td")
        .open("a", {{"href", fmt::format("/cohorts/{}", p.cohort_id)}})
        .el("bdi", p.cohort_name)
        .close("a")
        .close("td");
    if (o.full) {
      h.el("td", programme::views::enrolment_role_label(t, p.role));
      h.el("td", programme::views::enrolment_status_label(t, p.status));
    }
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  web::pagination(h, ctx, web::Pagination{o.page, kOrganisationPeoplePerPage, o.total},
                  fmt::format("/organisations/{}", org.id));
  return std::move(h).str();
}

web::Table organisations_table(const web::Ctx& ctx, const std::vector<OrganisationRow>& rows) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Name"), t("Name in Latin script"), t("Country"), t("Type of organisation"),
                  t("People")};
  for (const auto& r : rows) {
    const auto& o = r.organisation;
    table.rows.push_back({o.name, o.name_latin, programme::country_name(o.country, t.language()),
                          programme::views::organisation_type_label(t, o.type),
                          std::to_string(r.people)});
  }
  return table;
}

web::Table organisation_table(const web::Ctx& ctx, const OrganisationPage& o) {
  const auto& t = ctx.tr;
  web::Table table;
  table.header = {t("Name"), t("Name in Latin script"), t("Cohort")};
  if (o.full) table.header.insert(table.header.end(), {t("Role"), t("Status")});
  for (const auto& p : o.people) {
    std::vector<std::string> row = {p.name.empty() ? t("Erased person") : p.name, p.name_latin,
                                    p.cohort_name};
    if (o.full) {
      row.push_back(programme::views::enrolment_role_label(t, p.role));
      row.push_back(programme::views::enrolment_status_label(t, p.status));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace crm::people::views

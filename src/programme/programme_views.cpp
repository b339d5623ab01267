#include "programme/programme_views.hpp"

#include <fmt/format.h>

#include "programme/views.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::programme::views {

namespace {

using web::Field;
using web::Html;

struct Textarea {
  std::string_view name;
  std::string label, value, hint, error;
  std::string_view lang = {};
  int rows = 4;
  int maxlength = 4000;
};

void textarea(Html& h, const Textarea& a) {
  std::string id = fmt::format("f-{}", a.name);
  std::string described = !a.error.empty() ? id + "-error" : a.hint.empty() ? "" : id + "-hint";
  h.open("div", {{"class", a.error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, a.label);
  h.open("textarea", {{"id", id},
                      {"name", a.name},
                      {"rows", std::to_string(a.rows)},
                      {"dir", "auto"},
                      {"?lang", a.lang},
                      {"maxlength", std::to_string(a.maxlength)},
                      {"?aria-invalid", a.error.empty() ? "" : "true"},
                      {"?aria-describedby", described}})
      .text(a.value)
      .close("textarea");
  if (!a.hint.empty()) h.el("p", {{"class", "hint"}, {"id", id + "-hint"}}, a.hint);
  if (!a.error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, a.error);
  h.close("div");
}

// A link back to the programme's overview, above a page's title.
void breadcrumb(Html& h, const Programme& p) {
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", programme_path(p.id)}})
      .open("bdi", {{"lang", p.language}})
      .text(p.name)
      .close("bdi")
      .close("a")
      .close("p");
}

std::string_view native_name(std::string_view code) {
  for (const auto& l : languages())
    if (l.code == code) return l.native;
  return code;
}

void texts(Html& h, const web::Ctx& ctx, const ProgrammeForm& f, const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  for (auto language : text_languages()) {
    auto it = f.texts.find(language);
    ProgrammeForm::Text typed = it == f.texts.end() ? ProgrammeForm::Text{} : it->second;
    const bool english = language == "en";
    const std::string name = "name_" + std::string(language);
    const std::string description = "description_" + std::string(language);
    h.open("fieldset", {{"class", "stack"}});
    h.open("legend")
        .el("span", {{"lang", language}}, native_name(language))
        .text(" ")
        .el("span", {{"class", "muted"}}, english ? t("(required)") : t("(optional)"))
        .close("legend");
    web::field(h, Field{.name = name,
                        .label = t("Name"),
                        .value = typed.name,
                        .error = web::error_for(ctx, errors, name),
                        .required = english,
                        .lang = language});
    textarea(h, Textarea{.name = description,
                         .label = t("Description"),
                         .value = typed.description,
                         .error = web::error_for(ctx, errors, description),
                         .lang = language});
    h.close("fieldset");
  }
}

void countries(Html& h, const web::Ctx& ctx, const ProgrammeForm& f,
               const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  h.open("fieldset", {{"class", "stack"}});
  h.el("legend", t("Countries and their route roles"));
  // The standard and the codes are Latin in every language: isolated.
  h.open("p", {{"class", "hint"}})
      .message(t("Two-letter country codes ({standard}) separated by commas, for example: "
                 "{example}. A country can have several roles."),
               {{"standard", "ISO 3166"}, {"example", "MA, SN, TR"}})
      .close("p");
  const std::tuple<const char*, const char*, const std::string*> roles[] = {
      {"countries_origin", N_("Countries of origin"), &f.origin},
      {"countries_transit", N_("Transit countries"), &f.transit},
      {"countries_destination", N_("Countries of destination"), &f.destination}};
  for (const auto& [name, label, value] : roles)
    web::field(h, Field{.name = name,
                        .label = t(label),
                        .value = *value,
                        .error = web::error_for(ctx, errors, name),
                        .autocomplete = "off"});
  h.close("fieldset");
}

}  // namespace

std::string programme_list(const web::Ctx& ctx, const ProgrammeList& l) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", l.own ? t("Your programmes") : t("Programmes"));
  if (l.can_create)
    h.open("p")
        .open("a", {{"href", "/programmes/new"}, {"class", "button primary"}})
        .text(t("Create a programme"))
        .close("a")
        .close("p");
  if (l.items.empty()) {
    h.el("p",
         l.own ? t("You do not belong to any programme yet.") : t("There is no programme yet."));
    return std::move(h).str();
  }
  h.open("ul", {{"class", "plain programmes"}});
  for (const auto& p : l.items) {
    h.open("li", {{"class", "card"}});
    h.open("h2")
        .open("a", {{"href", programme_path(p.id)}})
        .open("bdi", {{"lang", p.language}})
        .text(p.name)
        .close("bdi")
        .close("a")
        .close("h2");
    h.open("p", {{"class", "muted"}});
    // Admins tell programmes of the same name apart by their short name.
    if (l.can_create) h.el("bdi", p.slug).text(" · ");
    h.text(t.plural("{n} cohort", "{n} cohorts", p.cohorts)).close("p");
    h.close("li");
  }
  h.close("ul");
  return std::move(h).str();
}

std::string programme_form(const web::Ctx& ctx, const ProgrammeForm& f,
                           const std::vector<Error>& errors, const ProgrammeEdit* edit) {
  const auto& t = ctx.tr;
  Html h;
  if (edit) {
    breadcrumb(h, edit->programme);
    h.el("h1", t("Edit the programme"));
  } else {
    h.open("p", {{"class", "breadcrumb"}})
        .open("a", {{"href", "/programmes"}})
        .text(t("Programmes"))
        .close("a")
        .close("p");
    h.el("h1", t("Create a programme"));
  }
  h.open("form", {{"method", "post"},
                  {"action", edit ? programme_path(edit->programme.id) + "/edit" : "/programmes"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, web::form_wide(errors));
  if (edit) {
    h.open("dl", {{"class", "facts"}});
    h.el("dt", t("Short name")).open("dd").el("bdi", f.slug).close("dd");
    h.close("dl");
  } else {
    web::field(h, Field{.name = "slug",
                        .label = t("Short name"),
                        .value = f.slug,
                        .error = web::error_for(ctx, errors, "slug"),
                        .autocomplete = "off",
                        .required = true,
                        .hint = t("Lowercase letters, digits and hyphens, for addresses and file "
                                  "names (for example: crm-2027). It cannot be changed later.")});
  }
  texts(h, ctx, f, errors);
  countries(h, ctx, f, errors);
  textarea(h, Textarea{.name = "funders",
                       .label = t("Funders"),
                       .value = f.funders,
                       .hint = t("One per line, in the order they are credited."),
                       .error = web::error_for(ctx, errors, "funders"),
                       .maxlength = 5000});
  web::field(h, Field{.name = "anonymity_threshold",
                      .label = t("Anonymity threshold"),
                      .value = f.anonymity_threshold,
                      .error = web::error_for(ctx, errors, "anonymity_threshold"),
                      .autocomplete = "off",
                      .required = true,
                      .hint = t("Survey results are never shown for groups smaller than this "
                                "(at least {min}).",
                                {{"min", t.number(2)}}),
                      .inputmode = "numeric"});
  h.open("div", {{"class", "actions"}});
  web::submit(h, edit ? t("Save the changes") : t("Create the programme"));
  h.text(" ")
      .open("a", {{"href", edit ? programme_path(edit->programme.id) : "/programmes"}})
      .text(t("Cancel"))
      .close("a");
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

std::string team(const web::Ctx& ctx, const TeamPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const std::string base = programme_path(p.programme.id) + "/team";
  Html h;
  breadcrumb(h, p.programme);
  h.el("h1", t("Team"));
  web::form_alert(h, ctx, error);  // a problem of the page as a whole (a removal)
  h.el("p", t("The staff on the team see the programme's people and cohorts, add cohorts and "
              "import people."));
  if (p.team.empty()) {
    h.el("p", {{"class", "muted"}}, t("Nobody is on the team yet."));
  } else {
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Team")}})
        .open("table", {{"class", "team"}});
    h.open("thead").open("tr");
    for (const char* col : {N_("Name"), N_("Email address")})
      h.el("th", {{"scope", "col"}}, t(col));
    h.open("th", {{"scope", "col"}})
        .el("span", {{"class", "visually-hidden"}}, t("Remove"))
        .close("th")
        .close("tr")
        .close("thead")
        .open("tbody");
    for (const auto& m : p.team) {
      h.open("tr");
      h.open("td").el("bdi", m.name).close("td");
      h.open("td").el("bdi", m.email).close("td");
      h.open("td")
          .open("a", {{"href", fmt::format("{}/remove?account={}", base, m.account_id)}})
          .text(t("Remove"))
          .open("span", {{"class", "visually-hidden"}})
          .text(" ")
          .el("bdi", m.name)
          .close("span")
          .close("a")
          .close("td");
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  h.open("section", {{"class", "card"}, {"aria-labelledby", "add-title"}});
  h.el("h2", {{"id", "add-title"}}, t("Add a staff member to the team"));
  if (p.candidates.empty()) {
    // A problem with nothing left to choose from (a stale form) stands on its own.
    // (The error summary's link lands here: there is no list to land on.)
    if (error && !error->field.empty())
      h.el("div", {{"class", "flash error"}, {"id", "f-" + error->field}, {"tabindex", "-1"}},
           ctx.tr.error(*error));
    h.el("p", t("Every staff account is already on the team."));
    h.open("p")
        .open("a", {{"href", "/invitations"}})
        .text(t("Invite a new staff member"))
        .close("a")
        .close("p");
  } else {
    h.open("form", {{"method", "post"}, {"action", base}, {"class", "grid-form"}});
    web::csrf_field(h, ctx);
    std::vector<web::Option> options = {{"", t("Choose a staff account")}};
    for (const auto& c : p.candidates)
      options.push_back({std::to_string(c.account_id), c.name + " <" + c.email + ">"});
    web::select(h, "account_id", t("Staff account"), options, "",
                web::error_for(ctx, error, "account_id"));
    h.open("div", {{"class", "actions"}});
    web::submit(h, t("Add to the team"));
    h.close("div");
    h.close("form");
  }
  h.close("section");
  return std::move(h).str();
}

std::string team_removal(const web::Ctx& ctx, const TeamRemoval& r) {
  const auto& t = ctx.tr;
  const std::string base = programme_path(r.programme.id) + "/team";
  Html h;
  breadcrumb(h, r.programme);
  h.el("h1", t("Remove from the team"));
  h.open("p")
      .text(t("Remove this staff member from the team? They will no longer see the programme's "
              "people and cohorts."))
      .close("p");
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Name")).open("dd").el("bdi", r.member.name).close("dd");
  h.el("dt", t("Email address")).open("dd").el("bdi", r.member.email).close("dd");
  h.close("dl");
  h.open("form", {{"method", "post"}, {"action", base + "/remove"}, {"class", "actions"}});
  web::csrf_field(h, ctx);
  h.empty(
      "input",
      {{"type", "hidden"}, {"name", "account_id"}, {"value", std::to_string(r.member.account_id)}});
  web::submit(h, t("Remove from the team"));
  h.text(" ").open("a", {{"href", base}}).text(t("Cancel")).close("a");
  h.close("form");
  return std::move(h).str();
}

std::string new_cohort(const web::Ctx& ctx, const NewCohortPage& p,
                       const std::vector<Error>& errors) {
  const auto& t = ctx.tr;
  const auto& f = p.form;
  auto error = [&](std::string_view field) { return web::error_for(ctx, errors, field); };
  Html h;
  breadcrumb(h, p.programme);
  h.el("h1", t("Add a cohort"));
  h.open("form", {{"method", "post"},
                  {"action", programme_path(p.programme.id) + "/cohorts"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, web::form_wide(errors));
  web::field(h, Field{.name = "number",
                      .label = t("Number"),
                      .value = f.number,
                      .error = error("number"),
                      .autocomplete = "off",
                      .required = true,
                      .inputmode = "numeric"});
  web::field(h, Field{.name = "name",
                      .label = t("Name"),
                      .value = f.name,
                      .error = error("name"),
                      .autocomplete = "off",
                      .required = true});
  web::field(h, Field{.name = "starts_on",
                      .label = t("Start"),
                      .type = "date",
                      .value = f.starts_on,
                      .error = error("starts_on"),
                      .required = true});
  web::field(h, Field{.name = "ends_on",
                      .label = t("End"),
                      .type = "date",
                      .value = f.ends_on,
                      .error = error("ends_on"),
                      .required = true});
  std::vector<web::Option> statuses;
  for (auto s : cohort_statuses()) statuses.push_back({std::string(s), cohort_status_label(t, s)});
  web::select(h, "status", t("Status"), statuses, f.status, error("status"));
  web::field(h, Field{.name = "regional_focus",
                      .label = t("Regional focus"),
                      .value = f.regional_focus,
                      .error = error("regional_focus")});
  web::field(h, Field{.name = "location",
                      .label = t("Location"),
                      .value = f.location,
                      .error = error("location")});
  web::field(
      h, Field{.name = "capacity",
               .label = t("Capacity"),
               .value = f.capacity,
               .error = error("capacity"),
               .autocomplete = "off",
               .hint = t("Places for participants; {zero} when not set.", {{"zero", t.number(0)}}),
               .inputmode = "numeric"});
  web::field(h, Field{.name = "semesters",
                      .label = t("Semesters"),
                      .value = f.semesters,
                      .error = error("semesters"),
                      .autocomplete = "off",
                      .inputmode = "numeric"});
  h.open("div", {{"class", "actions"}});
  web::submit(h, t("Add the cohort"));
  h.text(" ").open("a", {{"href", programme_path(p.programme.id)}}).text(t("Cancel")).close("a");
  h.close("div");
  h.close("form");
  return std::move(h).str();
}

std::string programme_path(int64_t programme_id) {
  return "/programmes/" + std::to_string(programme_id);
}

}  // namespace crm::programme::views

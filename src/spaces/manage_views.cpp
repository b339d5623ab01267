#include "spaces/manage_views.hpp"

#include "core/i18n.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::spaces::manage_views {

namespace {

using web::Html;

// A name and a description per language, each in its own direction.
void texts(Html& h, const web::Ctx& ctx, const manage::SpaceForm& form, const Error* error,
           bool english_required) {
  const auto& t = ctx.tr;
  for (const auto& l : languages()) {
    const std::string code(l.code);
    auto it = form.texts.find(code);
    // The labels are in the reader's language; the legend and what is typed
    // in the fieldset's language (an Arabic name stays right to left on a
    // German page).
    h.open("fieldset");
    h.el("legend", {{"lang", code}, {"dir", l.rtl ? "rtl" : "ltr"}}, std::string(l.native));
    web::field(h, {.name = "name_" + code,
                   .label = t("Name"),
                   .value = it == form.texts.end() ? "" : it->second.name,
                   .error = web::error_for(ctx, error, "name_" + code),
                   .required = code == "en" && english_required,
                   .lang = l.code});
    const std::string id = "f-description_" + code;
    const std::string message = web::error_for(ctx, error, "description_" + code);
    h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
    h.el("label", {{"for", id}}, t("Description"));
    h.open("textarea", {{"id", id},
                        {"name", "description_" + code},
                        {"rows", "3"},
                        {"lang", code},
                        {"dir", "auto"},
                        {"?aria-invalid", message.empty() ? "" : "true"},
                        {"?aria-describedby", message.empty() ? "" : id + "-error"}})
        .text(it == form.texts.end() ? "" : it->second.description)
        .close("textarea");
    if (!message.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, message);
    h.close("div");
    h.close("fieldset");
  }
}

void flags(Html& h, const web::Ctx& ctx, const manage::SpaceForm& form, const Error* error) {
  const auto& t = ctx.tr;
  web::check(h, {.name = "protected",
                 .label = t("Protected space (Chatham House rule): what is said here is never "
                            "quoted, exported, mailed or searchable outside it"),
                 .checked = form.is_protected});
  web::check(h, {.name = "authors_hidden",
                 .label = t("In a protected space, show who wrote a post to moderators only"),
                 .checked = form.authors_hidden,
                 .error = web::error_for(ctx, error, "authors_hidden")});
}

}  // namespace

std::string new_space(const web::Ctx& ctx,
                      const std::vector<programme::store::ProgrammeSummary>& programmes,
                      const manage::SpaceForm& form, const Error* error) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("New space"));
  h.el("p", t("A space across cohorts: for a theme (such as the reintegration of children) or a "
              "region. Its members are added by hand on its members page."));
  h.open("form",
         {{"method", "post"}, {"action", "/spaces"}, {"class", "card"}, {"novalidate", ""}});
  web::csrf_field(h, ctx);
  std::vector<web::Option> options;
  for (const auto& p : programmes) options.push_back({std::to_string(p.id), p.name, "", true});
  web::select(h, "programme", t("Programme"), options,
              form.programme.empty() && !programmes.empty() ? std::to_string(programmes[0].id)
                                                            : form.programme,
              web::error_for(ctx, error, "programme"));
  web::select(h, "kind", t("Kind of space"),
              {{"theme", t("A theme"), "", false}, {"region", t("A region"), "", false}},
              form.kind.empty() ? "theme" : form.kind, web::error_for(ctx, error, "kind"));
  texts(h, ctx, form, error, true);
  flags(h, ctx, form, error);
  web::submit(h, t("Make the space"));
  h.close("form");
  return std::move(h).str();
}

std::string settings(const web::Ctx& ctx, const manage::SettingsPage& p,
                     const manage::SpaceForm& form, const Error* error) {
  const auto& t = ctx.tr;
  const std::string base = "/spaces/" + std::to_string(p.space_id);
  Html h;
  h.open("p", {{"class", "breadcrumb"}})
      .open("a", {{"href", base}})
      .open("bdi")
      .text(p.name)
      .close("bdi")
      .close("a")
      .close("p");
  h.el("h1", t("Settings of the space"));
  h.open(
      "form",
      {{"method", "post"}, {"action", base + "/settings"}, {"class", "card"}, {"novalidate", ""}});
  web::csrf_field(h, ctx);
  if (p.kind == Kind::cohort)
    h.el("p", {{"class", "hint"}},
         t("Without a name of its own, a cohort's space is called by its cohort's name."));
  texts(h, ctx, form, error, p.kind != Kind::cohort);
  flags(h, ctx, form, error);
  web::check(h, {.name = "archived",
                 .label = t("Archived: members can read the space but nothing new can be posted"),
                 .checked = form.archived});
  web::submit(h, t("Save the settings"));
  h.close("form");
  return std::move(h).str();
}

}  // namespace crm::spaces::manage_views

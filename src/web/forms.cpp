#include "web/forms.hpp"
#include "core/i18n.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "web/layout.hpp"

namespace crm::web {

void csrf_field(Html& h, const Ctx& ctx) {
  h.empty("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", ctx.csrf}});
}

void field(Html& h, const Field& f) {
  std::string id = fmt::format("f-{}", f.name);
  std::string error_id = id + "-error";
  std::string hint_id = id + "-hint";
  std::string described = f.error.empty() ? (f.hint.empty() ? "" : hint_id) : error_id;
  h.open("div", {{"class", f.error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, f.label);
  h.empty("input",
          {{"id", id},
           {"name", f.name},
           {"type", f.type},
           {"value", f.type == "password" ? std::string_view() : std::string_view(f.value)},
           {"dir", f.type == "email" || f.type == "password" ? "ltr" : "auto"},
           {"?autocomplete", f.autocomplete},
           {"?inputmode", f.inputmode},
           {"?lang", f.lang},
           {"?required", f.required ? "required" : ""},
           {"?aria-invalid", f.error.empty() ? "" : "true"},
           {"?aria-describedby", described}});
  if (!f.hint.empty()) h.el("p", {{"class", "hint"}, {"id", hint_id}}, f.hint);
  if (!f.error.empty()) h.el("p", {{"class", "error"}, {"id", error_id}}, f.error);
  h.close("div");
}

void check(Html& h, const Check& c) {
  const std::string id = c.id.empty() ? fmt::format("f-{}", c.name) : c.id;
  const std::string error_id = id + "-error";
  h.open("div", {{"class", c.error.empty() ? "field check" : "field check invalid"}});
  h.empty("input", {{"type", c.type},
                    {"id", id},
                    {"name", c.name},
                    {"value", c.value},
                    {"?checked", c.checked ? "checked" : ""},
                    {"?required", c.required ? "required" : ""},
                    {"?aria-invalid", c.error.empty() ? "" : "true"},
                    {"?aria-describedby", c.error.empty() ? "" : error_id}});
  h.el("label", {{"for", id}}, c.label);
  if (!c.error.empty()) h.el("p", {{"class", "error"}, {"id", error_id}}, c.error);
  h.close("div");
}

void time_zone_field(Html& h, const Ctx& ctx, const std::vector<std::string>& zones,
                     const std::string& value, const std::string& error) {
  const auto& t = ctx.tr;
  std::vector<std::pair<std::string, std::string>> named;  // name, IANA
  for (const auto& z : zones) named.emplace_back(time_zone_name(z, t.language()), z);
  std::sort(named.begin(), named.end());
  const std::string now = is_time_zone(value) ? time_zone_name(value, t.language()) : std::string();
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", "f-time_zone"}}, t("Time zone"));
  h.empty("input",
          {{"id", "f-time_zone"},
           {"name", "time_zone"},
           {"type", "text"},
           {"list", "time-zones"},
           {"value", value},
           {"dir", "ltr"},
           {"autocomplete", "off"},
           {"spellcheck", "false"},
           {"required", "required"},
           {"?aria-invalid", error.empty() ? "" : "true"},
           {"aria-describedby", error.empty() ? "f-time_zone-hint" : "f-time_zone-error"}});
  h.el("p", {{"class", "hint"}, {"id", "f-time_zone-hint"}},
       now.empty()
           ? t("Type a city to find its time zone, for example Berlin.")
           : t("Now: {zone}. Type a city to find another, for example Berlin.", {{"zone", now}}));
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", "f-time_zone-error"}}, error);
  h.open("datalist", {{"id", "time-zones"}});
  for (const auto& [name, zone] : named)
    h.open("option", {{"value", zone}}).text(name).close("option");
  h.close("datalist");
  h.close("div");
}

void select(Html& h, std::string_view name, const std::string& label,
            const std::vector<Option>& options, const std::string& selected,
            const std::string& error) {
  std::string id = fmt::format("f-{}", name);
  h.open("div", {{"class", error.empty() ? "field" : "field invalid"}});
  h.el("label", {{"for", id}}, label);
  // The message is tied to the list, so a screen reader says it with the field.
  h.open("select", {{"id", id},
                    {"name", name},
                    {"?aria-invalid", error.empty() ? "" : "true"},
                    {"?aria-describedby", error.empty() ? "" : id + "-error"}});
  const std::string* group = nullptr;  // the open <optgroup>'s label
  for (const auto& o : options) {
    if (group && *group != o.group) {
      h.close("optgroup");
      group = nullptr;
    }
    if (!group && !o.group.empty()) {
      h.open("optgroup", {{"label", o.group}});
      group = &o.group;
    }
    h.open("option", {{"value", o.value},
                      {"?dir", o.user_text ? "auto" : ""},
                      {"?selected", o.value == selected ? "selected" : ""}})
        .text(o.label)
        .close("option");
  }
  if (group) h.close("optgroup");
  h.close("select");
  if (!error.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, error);
  h.close("div");
}

void submit(Html& h, const std::string& label, std::string_view cls) {
  h.open("button", {{"type", "submit"}, {"class", cls}}).text(label).close("button");
}

std::string error_for(const Ctx& ctx, const std::vector<Error>& errors, std::string_view field) {
  for (const auto& e : errors)
    if (e.field == field) return ctx.tr.error(e);
  return {};
}

const Error* form_wide(const std::vector<Error>& errors) {
  for (const auto& e : errors)
    if (e.field.empty()) return &e;
  return nullptr;
}

std::string error_for(const Ctx& ctx, const Error* e, std::string_view field) {
  if (!e || e->field != field) return {};
  return ctx.tr.error(*e);
}

void form_alert(Html& h, const Ctx& ctx, const Error* e) {
  if (!e || !e->field.empty()) return;
  // Not an alert of its own: the error summary above is focused and says it.
  h.el("div", {{"class", "flash error"}}, ctx.tr.error(*e));
}

void error_summary(Html& h, const Tr& t, const std::vector<Problem>& problems) {
  if (problems.empty()) return;
  h.open("div", {{"class", "error-summary"},
                 {"id", "error-summary"},
                 {"tabindex", "-1"},
                 {"autofocus", "autofocus"},
                 {"aria-labelledby", "error-summary-title"}});
  h.el("h2", {{"id", "error-summary-title"}}, t("There is a problem"));
  h.open("ul");
  for (const auto& p : problems) {
    h.open("li");
    if (p.field.empty())
      h.text(p.message);
    else
      h.el("a", {{"href", "#f-" + p.field}}, p.message);
    h.close("li");
  }
  h.close("ul").close("div");
}

http::Response form_error_page(Ctx& ctx, std::string_view title, std::string main_html,
                               const std::vector<Problem>& problems, int status) {
  if (problems.empty()) return page(ctx, title, std::move(main_html), status);
  Html h;
  error_summary(h, ctx.tr, problems);
  h.raw_trusted(main_html);
  return page(ctx, ctx.tr("Error: {title}", {{"title", std::string(title)}}), std::move(h).str(),
              status);
}

http::Response form_error_page(Ctx& ctx, std::string_view title, std::string main_html,
                               const std::vector<Error>& errors, int status) {
  std::vector<Problem> problems;
  for (const auto& e : errors) problems.push_back({e.field, ctx.tr.error(e)});
  return form_error_page(ctx, title, std::move(main_html), problems, status);
}

http::Response form_error_page(Ctx& ctx, std::string_view title, std::string main_html,
                               const Error& error, int status) {
  return form_error_page(ctx, title, std::move(main_html), std::vector<Error>{error}, status);
}

http::Response form_error_page(Ctx& ctx, std::string_view title, std::string main_html,
                               const Error* error, int status) {
  if (!error) return page(ctx, title, std::move(main_html), status);
  return form_error_page(ctx, title, std::move(main_html), *error, status);
}

long page_param(std::string_view value) {
  auto n = parse_whole_number(value);  // ?page=٢ from a typed address too
  if (!n || *n < 1) return 1;
  return static_cast<long>(std::min(*n, 1000000LL));
}

void pagination(Html& h, const Ctx& ctx, const Pagination& p, std::string_view base_path) {
  if (p.pages() <= 1) return;
  const auto& t = ctx.tr;
  // A base path that already has a query (a page's filters) keeps it.
  const char* sep = base_path.find('?') == std::string_view::npos ? "?" : "&";
  h.open("nav", {{"class", "pagination"}, {"aria-label", t("Pages")}});
  if (p.page > 1)
    h.open("a", {{"href", fmt::format("{}{}page={}", base_path, sep, p.page - 1)}, {"rel", "prev"}})
        .text(t("Previous"))
        .close("a");
  h.el("span",
       t("Page {page} of {pages}", {{"page", t.number(p.page)}, {"pages", t.number(p.pages())}}));
  if (p.page < p.pages())
    h.open("a", {{"href", fmt::format("{}{}page={}", base_path, sep, p.page + 1)}, {"rel", "next"}})
        .text(t("Next"))
        .close("a");
  h.close("nav");
}

}  // namespace crm::web

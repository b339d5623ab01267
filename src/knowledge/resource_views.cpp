#include "knowledge/resource_views.hpp"

#include <fmt/format.h>

#include "knowledge/vocabulary.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::knowledge::views {

namespace {

using web::Field;
using web::Html;

std::string resource_path(int64_t id) {
  return fmt::format("/resources/{}", id);
}

std::string kind_name(const web::Ctx& ctx, std::string_view kind) {
  return ctx.tr(std::string(kind_label(kind)).c_str());
}

std::string year_text(const web::Ctx& ctx, int64_t year) {
  return ctx.tr.year(year);
}

std::string size_text(const web::Ctx& ctx, int64_t bytes) {
  if (bytes >= 1024 * 1024)
    return ctx.tr("{n} MB", {{"n", ctx.tr.number((bytes + 512 * 1024) / (1024 * 1024))}});
  return ctx.tr("{n} KB", {{"n", ctx.tr.number((bytes + 1023) / 1024)}});
}

void breadcrumb(Html& h, const web::Ctx& ctx) {
  h.open("nav", {{"class", "breadcrumb"}, {"aria-label", ctx.tr("Breadcrumb")}})
      .open("a", {{"href", "/resources"}})
      .text(ctx.tr("Curated resources"))
      .close("a")
      .close("nav");
}

}  // namespace

std::string resources(const web::Ctx& ctx, const ResourceList& l) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Curated resources"));
  h.el("p", t("Reports, manuals, guidelines, studies and policies from outside the programme "
              "that the knowledge base offers once they are published."));
  h.open("p")
      .open("a", {{"href", "/resources/new"}, {"class", "button primary"}})
      .text(t("Add a resource"))
      .close("a")
      .close("p");
  h.el("p", {{"class", "count"}},
       t.plural("{n} resource", "{n} resources", static_cast<long>(l.items.size())));
  if (l.items.empty()) {
    h.el("p", t("No resource yet."));
    return std::move(h).str();
  }
  web::export_links(h, t, "/resources", "");
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", t("Curated resources")}})
      .open("table", {{"class", "resources"}});
  h.open("thead").open("tr");
  for (const char* col :
       {N_("Title"), N_("Kind"), N_("Publisher"), N_("Year"), N_("Language"), N_("Published")})
    h.el("th", {{"scope", "col"}}, t(col));
  h.close("tr").close("thead").open("tbody");
  for (const auto& row : l.items) {
    const auto& r = row.resource;
    h.open("tr").open("td");
    h.open("a", {{"href", resource_path(r.id)}, {"lang", r.language}}).bdi(r.title).close("a");
    h.close("td");
    h.el("td", kind_name(ctx, r.kind));
    h.open("td").bdi(r.publisher).close("td");
    h.el("td", r.year ? year_text(ctx, r.year) : "");
    h.el("td", work_language_name(ctx, r.language));
    h.el("td", r.published_at ? t.date(r.published_at) : t("Not published"));
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  return std::move(h).str();
}

web::Table resources_table(const web::Ctx& ctx, const ResourceList& l) {
  const auto& t = ctx.tr;
  web::Table table;
  for (const char* col :
       {N_("Number"), N_("Title"), N_("Kind"), N_("Authors"), N_("Publisher"), N_("Year"),
        N_("Language"), N_("Link"), N_("File"), N_("Programme"), N_("Published")})
    table.header.push_back(t(col));
  for (const auto& row : l.items) {
    const auto& r = row.resource;
    table.rows.push_back({std::to_string(r.id), r.title, kind_name(ctx, r.kind), r.authors,
                          r.publisher, r.year ? std::to_string(r.year) : "",
                          work_language_name(ctx, r.language), r.url, r.filename, row.programme,
                          r.published_at ? t.date(r.published_at) : t("Not published")});
  }
  return table;
}

std::string resource_form(const web::Ctx& ctx, const ResourceFormPage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& f = p.form;
  Html h;
  breadcrumb(h, ctx);
  h.el("h1", p.id ? t("Edit the resource") : t("Add a resource"));
  h.open("form", {{"method", "post"},
                  {"action", p.id ? resource_path(p.id) + "/edit" : "/resources"},
                  {"enctype", "multipart/form-data"},
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
  std::vector<web::Option> kinds;
  for (const auto& k : resource_kinds())
    kinds.push_back({std::string(k.code), t(std::string(k.label).c_str())});
  web::select(h, "kind", t("Kind"), kinds, f.kind, web::error_for(ctx, error, "kind"));
  web::field(h, Field{.name = "title",
                      .label = t("Title"),
                      .value = f.title,
                      .error = web::error_for(ctx, error, "title"),
                      .autocomplete = "off",
                      .required = true});
  web::field(h, Field{.name = "authors",
                      .label = t("Authors"),
                      .value = f.authors,
                      .error = web::error_for(ctx, error, "authors"),
                      .autocomplete = "off"});
  web::field(h, Field{.name = "publisher",
                      .label = t("Publisher"),
                      .value = f.publisher,
                      .error = web::error_for(ctx, error, "publisher"),
                      .autocomplete = "off"});
  web::field(h, Field{.name = "year",
                      .label = t("Year"),
                      .value = f.year,
                      .error = web::error_for(ctx, error, "year"),
                      .autocomplete = "off",
                      .inputmode = "numeric"});
  std::vector<web::Option> languages;
  for (const auto& l : work_languages())
    languages.push_back({std::string(l.code), t(std::string(l.label).c_str())});
  web::select(h, "language", t("Language"), languages, f.language,
              web::error_for(ctx, error, "language"));
  {
    const std::string id = "f-summary";
    const auto message = web::error_for(ctx, error, "summary");
    h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
    h.el("label", {{"for", id}}, t("Summary"));
    h.open("textarea", {{"id", id},
                        {"name", "summary"},
                        {"rows", "6"},
                        {"dir", "auto"},
                        {"maxlength", "5000"},
                        {"?aria-invalid", message.empty() ? "" : "true"},
                        {"?aria-describedby", message.empty() ? "" : id + "-error"}})
        .text(f.summary)
        .close("textarea");
    if (!message.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, message);
    h.close("div");
  }
  web::field(h, Field{.name = "url",
                      .label = t("Link"),
                      .type = "url",
                      .value = f.url,
                      .error = web::error_for(ctx, error, "url"),
                      .autocomplete = "off",
                      .hint = t("Where the publication is found: an address starting with "
                                "https:// or http://."),
                      .lang = "en"});
  {
    const std::string id = "f-file";
    const auto message = web::error_for(ctx, error, "file");
    h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
    h.el("label", {{"for", id}}, t("File"));
    h.el("p", {{"class", "hint"}, {"id", id + "-hint"}},
         t("Optional: the publication itself as PDF, DOCX or ODT, at most {max} MB.",
           {{"max", t.number(kMaxResourceBytes / (1024 * 1024))}}));
    if (!p.current_file.empty())
      h.open("p", {{"class", "hint"}})
          .text(t("Now: "))
          .open("bdi", {{"dir", "ltr"}})
          .text(p.current_file)
          .close("bdi")
          .close("p");
    h.empty("input", {{"type", "file"},
                      {"id", id},
                      {"name", "file"},
                      {"accept", ".pdf,.docx,.odt"},
                      {"aria-describedby", message.empty() ? id + "-hint" : id + "-error"},
                      {"?aria-invalid", message.empty() ? "" : "true"}});
    if (!message.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, message);
    h.close("div");
    if (!p.current_file.empty())
      web::check(
          h, web::Check{
                 .name = "remove_file", .label = t("Remove the file"), .checked = f.remove_file});
  }
  tag_fields(h, ctx, f.tags, error);
  web::submit(h, p.id ? t("Save") : t("Add the resource"));
  h.close("form");
  return std::move(h).str();
}

std::string resource(const web::Ctx& ctx, const ResourcePage& p, const Error* error) {
  const auto& t = ctx.tr;
  const auto& r = p.resource;
  const std::string self = resource_path(r.id);
  Html h;
  breadcrumb(h, ctx);
  h.open("h1", {{"lang", r.language}}).bdi(r.title).close("h1");
  web::form_alert(h, ctx, error);
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Kind")).el("dd", kind_name(ctx, r.kind));
  if (!r.authors.empty()) h.el("dt", t("Authors")).open("dd").bdi(r.authors).close("dd");
  if (!r.publisher.empty()) h.el("dt", t("Publisher")).open("dd").bdi(r.publisher).close("dd");
  if (r.year) h.el("dt", t("Year")).el("dd", year_text(ctx, r.year));
  h.el("dt", t("Language")).el("dd", work_language_name(ctx, r.language));
  h.el("dt", t("Programme")).open("dd").bdi(p.programme).close("dd");
  if (!r.url.empty())
    h.el("dt", t("Link"))
        .open("dd")
        .open("a", {{"href", r.url}, {"rel", "noopener noreferrer"}, {"dir", "ltr"}})
        .text(r.url)
        .close("a")
        .close("dd");
  if (!r.filename.empty())
    h.el("dt", t("File"))
        .open("dd")
        .open("a", {{"href", self + "/file"}})
        .open("bdi", {{"dir", "ltr"}})
        .text(r.filename)
        .close("bdi")
        .close("a")
        .text(" ")
        .el("span", {{"class", "muted"}}, "(" + size_text(ctx, r.size) + ")")
        .close("dd");
  h.el("dt", t("Published")).el("dd", r.published_at ? t.date(r.published_at) : t("Not published"));
  h.close("dl");
  if (!r.summary.empty()) {
    h.el("h2", t("Summary"));
    h.el("div", {{"class", "prose"}, {"dir", "auto"}, {"lang", r.language}}, r.summary);
  }
  tag_list(h, ctx, p.tags);
  h.open("div", {{"class", "actions"}});
  h.open("a", {{"href", self + "/edit"}, {"class", "button"}})
      .text(t("Edit the resource"))
      .close("a");
  h.open("form", {{"method", "post"}, {"action", self + "/publish"}, {"class", "inline"}});
  web::csrf_field(h, ctx);
  h.empty("input", {{"type", "hidden"},
                    {"name", "action"},
                    {"value", r.published_at ? "unpublish" : "publish"}});
  web::submit(h, r.published_at ? t("Unpublish") : t("Publish in the knowledge base"),
              r.published_at ? "button" : "button primary");
  h.close("form");
  h.close("div");
  if (r.published_at)
    h.open("p")
        .open("a", {{"href", fmt::format("/knowledge/resources/{}", r.id)}})
        .text(t("Its public page"))
        .close("a")
        .close("p");
  return std::move(h).str();
}

}  // namespace crm::knowledge::views

#include "spaces/materials_views.hpp"

#include "curriculum/material_form.hpp"
#include "curriculum/service.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::spaces::materials::views {

namespace {

using materials_store::MaterialRow;
using web::Field;
using web::Html;

std::string space_path(int64_t id) {
  return "/spaces/" + std::to_string(id);
}

std::string size_text(const Tr& t, int64_t bytes) {
  if (bytes >= 1024 * 1024)
    return t("{size} MB", {{"size", t.number((bytes + 512 * 1024) / (1024 * 1024))}});
  return t("{size} KB", {{"size", t.number(std::max<int64_t>(1, (bytes + 512) / 1024))}});
}

// What kind of file: "PDF", "DOCX" … from its stored name's ending.
std::string file_kind(const MaterialRow& m) {
  auto dot = m.filename.rfind('.');
  std::string e = dot == std::string::npos ? std::string() : m.filename.substr(dot + 1);
  for (auto& c : e) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return e;
}

// The link to a version and what it is: "PDF, 120 KB" or "link".
void version_link(Html& h, const Tr& t, const MaterialRow& m, const std::string& label) {
  h.open("a",
         {{"href", material_path(m.id)}, {"?rel", m.kind == "link" ? "nofollow noopener" : ""}})
      .bdi(label)
      .close("a");
  h.text(" ");
  if (m.kind == "file")
    h.el("span", {{"class", "muted"}},
         t("({kind}, {size})", {{"kind", file_kind(m)}, {"size", size_text(t, m.size)}}));
  else
    h.el("span", {{"class", "muted"}}, t("(link)"));
}

void added(Html& h, const Tr& t, const MaterialRow& m, bool show_author) {
  if (show_author && !m.added_by_name.empty())
    h.message(t("Added by {name} on {date}", {{"date", t.date(m.created_at)}}),
              {{"name", m.added_by_name}});
  else
    h.text(t("Added on {date}", {{"date", t.date(m.created_at)}}));
}

void protected_banner(Html& h, const Tr& t, const SpaceAccess& s) {
  if (!s.is_protected) return;
  h.open("div", {{"class", "card attention"}, {"role", "note"}})
      .el("p", t("This space is protected (Chatham House rule): you may use what is shared here, "
                 "but not quote it or say who shared it outside the space. Its materials are "
                 "never exported."))
      .close("div");
}

void filters(Html& h, const web::Ctx& ctx, const LibraryPage& p) {
  const auto& t = ctx.tr;
  const std::string base = space_path(p.space.space_id) + "/materials";
  h.open("form", {{"method", "get"}, {"action", base}, {"class", "grid-form"}});
  std::vector<web::Option> langs{{"", t("All languages")}};
  for (const auto& l : p.languages) langs.push_back({l, language_label(t, l)});
  web::select(h, "language", t("Language"), langs, p.filter.language);
  if (!p.modules.empty()) {
    std::vector<web::Option> mods{{"", t("All modules")}};
    for (const auto& [id, title] : p.modules) mods.push_back({std::to_string(id), title, {}, true});
    web::select(h, "module", t("Module"), mods,
                p.filter.module_id ? std::to_string(p.filter.module_id) : std::string());
  }
  web::submit(h, t("Show"), "button");
  h.close("form");
}

// The filters as a query; the service kept only offered values (language
// codes and numbers), so nothing here needs encoding.
std::string filter_query(const Filter& f) {
  std::string q;
  auto add = [&](const std::string& kv) { q += (q.empty() ? "?" : "&") + kv; };
  if (!f.language.empty()) add("language=" + f.language);
  if (f.module_id) add("module=" + std::to_string(f.module_id));
  return q;
}

}  // namespace

std::string library_title(const web::Ctx& ctx, const LibraryPage& p) {
  return ctx.tr("Materials of {space}", {{"space", name_store::display_name(p.name, ctx.tr)}});
}

std::string library(const web::Ctx& ctx, const LibraryPage& p) {
  const auto& t = ctx.tr;
  const std::string base = space_path(p.space.space_id) + "/materials";
  Html h;
  h.open("p")
      .open("a", {{"href", space_path(p.space.space_id)}})
      .bdi(name_store::display_name(p.name, t))
      .close("a")
      .close("p");
  h.open("h1").message(t("Materials of {space}"), {{"space", name_store::display_name(p.name, t)}});
  h.close("h1");
  protected_banner(h, t, p.space);
  if (p.can_add)
    h.open("p")
        .open("a", {{"href", base + "/new"}, {"class", "button primary"}})
        .text(t("Add a material"))
        .close("a")
        .close("p");
  filters(h, ctx, p);
  if (p.entries.empty()) {
    h.el("p", {{"class", "muted"}},
         p.filter.language.empty() && !p.filter.module_id
             ? t("No materials yet.")
             : t("No materials in this language or module."));
  } else {
    h.open("ul", {{"class", "plain materials"}});
    for (const auto& e : p.entries) {
      const auto& m = e.latest;
      h.open("li", {{"class", "card"}, {"id", "material-" + std::to_string(m.id)}});
      h.open("h2");
      version_link(h, t, m, m.title);
      if (e.is_new) h.text(" ").el("strong", {{"class", "new"}}, t("New"));
      h.close("h2");
      if (!m.description.empty())
        h.el("p", {{"dir", "auto"}, {"class", "description"}}, m.description);
      h.open("dl", {{"class", "facts"}});
      h.el("dt", t("Language")).el("dd", language_label(t, m.language));
      if (m.module_id) {
        auto mod = p.modules.find(m.module_id);
        if (mod != p.modules.end()) h.el("dt", t("Module")).open("dd").bdi(mod->second).close("dd");
      }
      h.el("dt", t("Version"))
          .el("dd", t("version {n} of {total}",
                      {{"n", t.number(e.version)}, {"total", t.number(e.version)}}));
      h.close("dl");
      h.open("p", {{"class", "muted"}});
      added(h, t, m, e.show_author);
      h.close("p");
      if (!e.earlier.empty()) {
        h.open("details").el("summary", t.plural("{n} earlier version", "{n} earlier versions",
                                                 static_cast<long>(e.earlier.size())));
        h.open("ul", {{"class", "plain"}});
        long n = e.version - 1;
        for (const auto& old : e.earlier) {
          h.open("li");
          version_link(h, t, old,
                       t("Version {n}: {title}", {{"n", t.number(n)}, {"title", old.title}}));
          h.text(" ").el("span", {{"class", "muted"}}, t.date(old.created_at));
          h.close("li");
          --n;
        }
        h.close("ul").close("details");
      }
      if (e.can_version)
        h.open("p")
            .open("a", {{"href", material_path(m.id) + "/version"}, {"class", "button small"}})
            .text(t("Add a newer version"))
            .close("a")
            .close("p");
      h.close("li");
    }
    h.close("ul");
  }
  web::pagination(h, ctx, p.pagination, base + filter_query(p.filter));
  if (p.can_export) web::export_links(h, t, base, filter_query(p.filter));
  return std::move(h).str();
}

std::string form_title(const web::Ctx& ctx, const FormPage& p) {
  return p.replaces ? ctx.tr("Add a newer version") : ctx.tr("Add a material");
}

std::string form(const web::Ctx& ctx, const FormPage& p, const Error* e) {
  const auto& t = ctx.tr;
  const auto& f = p.form;
  const std::string library = space_path(p.space.space_id) + "/materials";
  Html h;
  h.open("p")
      .open("a", {{"href", library}})
      .message(t("Materials of {space}"), {{"space", name_store::display_name(p.name, t)}})
      .close("a")
      .close("p");
  h.el("h1", form_title(ctx, p));
  protected_banner(h, t, p.space);
  if (p.replaces)
    h.open("p").message(t("The newer version replaces “{title}”; the older one stays listed "
                          "under it."),
                        {{"title", p.replaces->title}});
  if (p.replaces) h.close("p");
  const std::string action =
      p.replaces ? material_path(p.replaces->id) + "/version" : library + "/new";
  h.open("form", {{"method", "post"},
                  {"action", action},
                  {"enctype", "multipart/form-data"},
                  {"class", "stack narrow"},
                  {"novalidate", ""}});
  web::csrf_field(h, ctx);
  web::form_alert(h, ctx, e && e->field.empty() ? e : nullptr);
  curriculum::material_kind_and_file(h, ctx, f.kind, e);
  web::field(h, Field{.name = "url",
                      .label = t("Link"),
                      .type = "url",
                      .value = f.url,
                      .error = web::error_for(ctx, e, "url"),
                      .autocomplete = "off",
                      .hint = t("For a link: a web address starting with https:// or http://."),
                      .lang = "en"});
  web::field(h, Field{.name = "title",
                      .label = t("Title"),
                      .value = f.title,
                      .error = web::error_for(ctx, e, "title"),
                      .autocomplete = "off",
                      .hint = t("Empty for a file: the file's name.")});
  {
    const auto message = web::error_for(ctx, e, "description");
    h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
    h.el("label", {{"for", "f-description"}}, t("Description"));
    h.el("textarea",
         {{"id", "f-description"},
          {"name", "description"},
          {"rows", "4"},
          {"dir", "auto"},
          {"?aria-invalid", message.empty() ? "" : "true"},
          {"?aria-describedby", message.empty() ? "" : "f-description-error"}},
         f.description);
    if (!message.empty()) h.el("p", {{"class", "error"}, {"id", "f-description-error"}}, message);
    h.close("div");
  }
  std::vector<web::Option> langs;
  for (const auto& l : p.languages) langs.push_back({l, language_label(t, l)});
  web::select(h, "language", t("Language"), langs, f.language, web::error_for(ctx, e, "language"));
  if (!p.modules.empty()) {
    std::vector<web::Option> mods{{"", t("No module")}};
    for (const auto& [id, title] : p.modules) mods.push_back({std::to_string(id), title, {}, true});
    web::select(h, "module", t("Module"), mods, f.module, web::error_for(ctx, e, "module"));
  }
  web::submit(h, p.replaces ? t("Add the newer version") : t("Add the material"));
  h.close("form");
  return std::move(h).str();
}

}  // namespace crm::spaces::materials::views

#include "spaces/materials_service.hpp"

#include <algorithm>
#include <set>

#include "auth/service.hpp"
#include "curriculum/attendance_store.hpp"
#include "curriculum/material_check.hpp"
#include "curriculum/service.hpp"
#include "spaces/access_store.hpp"
#include "spaces/notification_service.hpp"
#include "spaces/policy.hpp"

namespace crm::spaces::materials {

namespace {

using materials_store::MaterialRow;

std::string trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

// The space for a reader who may read it; not_found otherwise.
Result<SpaceAccess> readable(web::Ctx& ctx, int64_t space_id) {
  if (!ctx.actor.signed_in()) return not_found();
  auto s = access_store::space_access(ctx.db, ctx.actor.id, space_id);
  if (!s || !policy::can_read(*s)) return not_found();
  return *s;
}

std::map<int64_t, std::string> modules_of(web::Ctx& ctx, const SpaceAccess& s) {
  if (s.kind != Kind::cohort || s.cohort_id == 0) return {};
  return curriculum::store::module_titles(ctx.db, s.cohort_id, std::string(ctx.tr.language()));
}

// The programme's languages (crm's own when it has no texts), then "other".
std::vector<std::string> languages_of(web::Ctx& ctx, const SpaceAccess& s) {
  auto out = materials_store::programme_languages(ctx.db, s.programme_id);
  if (out.empty())
    for (const auto& l : languages()) out.emplace_back(l.code);
  out.emplace_back(kOtherLanguage);
  return out;
}

// The filter with what is not offered dropped (a tampered query shows all).
Filter offered(Filter f, const std::vector<std::string>& langs,
               const std::map<int64_t, std::string>& modules) {
  if (std::find(langs.begin(), langs.end(), f.language) == langs.end()) f.language.clear();
  if (!modules.count(f.module_id)) f.module_id = 0;
  return f;
}

bool may_version(const SpaceAccess& s, const MaterialRow& m, int64_t account_id) {
  return policy::can_post(s) && (m.added_by == account_id || policy::can_moderate(s));
}

// The library's versions grouped: each latest version with its earlier ones.
std::vector<Entry> entries_of(const std::vector<MaterialRow>& rows, const SpaceAccess& s,
                              int64_t account_id, int64_t seen_at, const Filter& filter) {
  std::map<int64_t, const MaterialRow*> by_id;
  std::set<int64_t> replaced;
  for (const auto& r : rows) {
    by_id[r.id] = &r;
    if (r.replaces_id) replaced.insert(r.replaces_id);
  }
  std::vector<Entry> out;
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    const auto& r = *it;
    if (replaced.count(r.id)) continue;
    if (!filter.language.empty() && r.language != filter.language) continue;
    if (filter.module_id && r.module_id != filter.module_id) continue;
    Entry e;
    e.latest = r;
    std::set<int64_t> seen{r.id};  // a broken chain never loops
    for (int64_t prev = r.replaces_id; prev && !seen.count(prev);) {
      auto p = by_id.find(prev);
      if (p == by_id.end()) break;
      seen.insert(prev);
      e.earlier.push_back(*p->second);
      prev = p->second->replaces_id;
    }
    e.version = static_cast<long>(e.earlier.size()) + 1;
    e.is_new = r.created_at > seen_at && r.added_by != account_id;
    e.show_author = policy::sees_author(s, r.added_by == account_id);
    e.can_version = may_version(s, r, account_id);
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    return a.latest.created_at > b.latest.created_at;
  });
  return out;
}

// The checked material to insert from the form; `space` the space it goes to.
Result<MaterialRow> checked(web::Ctx& ctx, const SpaceAccess& space, const MaterialForm& form) {
  MaterialRow m;
  m.space_id = space.space_id;
  m.title = trim(form.title);
  if (m.title.empty() && form.filename && form.kind != "link") m.title = trim(*form.filename);
  if (m.title.empty()) return invalid("title", N_("Enter a title."));
  if (m.title.size() > kMaxTitle)
    return invalid("title", plural("At most {n} character.", "At most {n} characters.", kMaxTitle));
  m.description = trim(form.description);
  if (m.description.size() > kMaxDescription)
    return invalid("description",
                   plural("At most {n} character.", "At most {n} characters.", kMaxDescription));
  const auto langs = languages_of(ctx, space);
  m.language = trim(form.language);
  if (std::find(langs.begin(), langs.end(), m.language) == langs.end())
    return invalid("language", N_("Choose the language of the material."));
  const auto module = trim(form.module);
  if (!module.empty()) {
    auto mods = modules_of(ctx, space);
    auto n = parse_whole_number(module);
    if (!n || !mods.count(static_cast<int64_t>(*n)))
      return invalid("module", N_("Choose a module of this cohort."));
    m.module_id = static_cast<int64_t>(*n);
  }
  if (form.kind == "link") {
    m.kind = "link";
    m.url = trim(form.url);
    if (!curriculum::web_link(m.url))
      return invalid("url", N_("Enter a web address starting with https:// or http://."));
  } else if (form.kind == "file") {
    m.kind = "file";
    auto type = curriculum::check_material_file(form.filename, form.data);
    if (!type) return type.error();
    m.filename = form.filename->substr(0, 200);
    m.content_type = std::move(*type);
    m.size = static_cast<int64_t>(form.data.size());
  } else {
    return invalid("kind", N_("Choose a file or a link."));
  }
  m.added_by = ctx.actor.id;
  return m;
}

int64_t insert_audited(web::Ctx& ctx, const MaterialRow& m, const std::string& data,
                       const char* action) {
  db::Transaction tx(ctx.db);
  const int64_t id =
      materials_store::insert(ctx.db, m, m.kind == "file" ? data : std::string(), ctx.now);
  // Ids and sizes only: the title of a protected space's material must not
  // reach the audit log, and the others' need not.
  auth::audit(ctx, action, "space_material", std::to_string(id),
              "space=" + std::to_string(m.space_id) + " kind=" + m.kind +
                  " size=" + std::to_string(m.size) +
                  (m.replaces_id ? " replaces=" + std::to_string(m.replaces_id) : ""));
  notifications::record_material(ctx.db, id, ctx.now);
  tx.commit();
  return id;
}

Result<FormPage> form_page(web::Ctx& ctx, const SpaceAccess& s) {
  auto name = name_store::space_name(ctx.db, s.space_id, std::string(ctx.tr.language()));
  if (!name) return not_found();
  FormPage p;
  p.space = s;
  p.name = std::move(*name);
  p.modules = modules_of(ctx, s);
  p.languages = languages_of(ctx, s);
  p.form.language = std::string(ctx.tr.language());
  if (std::find(p.languages.begin(), p.languages.end(), p.form.language) == p.languages.end())
    p.form.language.clear();
  return p;
}

}  // namespace

std::string material_path(int64_t material_id) {
  return "/space-materials/" + std::to_string(material_id);
}

std::string language_label(const Tr& t, const std::string& code) {
  if (code == kOtherLanguage || code.empty()) return t("Other language");
  for (const auto& l : languages())
    if (l.code == code) return std::string(l.native);
  return code;
}

Result<LibraryPage> library(web::Ctx& ctx, int64_t space_id, const Filter& filter) {
  auto s = readable(ctx, space_id);
  if (!s) return s.error();
  auto name = name_store::space_name(ctx.db, space_id, std::string(ctx.tr.language()));
  if (!name) return not_found();
  LibraryPage p;
  p.space = *s;
  p.name = std::move(*name);
  p.modules = modules_of(ctx, *s);
  p.languages = languages_of(ctx, *s);
  p.filter = offered(filter, p.languages, p.modules);
  p.can_add = policy::can_post(*s);
  p.can_export = policy::can_moderate(*s) && policy::leaves_space(*s);
  const int64_t seen = materials_store::seen_at(ctx.db, space_id, ctx.actor.id);
  auto all = entries_of(materials_store::list(ctx.db, space_id), *s, ctx.actor.id, seen, p.filter);
  p.pagination.per_page = kPerPage;
  p.pagination.total = static_cast<long>(all.size());
  p.pagination.page = std::clamp(filter.page, 1L, p.pagination.pages());
  const auto from = static_cast<size_t>(p.pagination.offset());
  for (size_t i = from; i < all.size() && i < from + static_cast<size_t>(kPerPage); ++i)
    p.entries.push_back(std::move(all[i]));
  materials_store::mark_seen(ctx.db, space_id, ctx.actor.id, ctx.now);
  return p;
}

Result<web::Table> library_table(web::Ctx& ctx, int64_t space_id, const Filter& filter) {
  auto s = readable(ctx, space_id);
  if (!s) return s.error();
  if (!policy::can_moderate(*s) || !policy::leaves_space(*s)) return not_found();
  const auto modules = modules_of(ctx, *s);
  const auto& t = ctx.tr;
  const Filter f = offered(filter, languages_of(ctx, *s), modules);
  web::Table table;
  table.header = {t("Title"),    t("Description"),  t("Language"),     t("Module"),
                  t("Kind"),     t("File or link"), t("Size (bytes)"), t("Version"),
                  t("Added by"), t("Added on")};
  for (const auto& e :
       entries_of(materials_store::list(ctx.db, space_id), *s, ctx.actor.id, 0, f)) {
    const auto& m = e.latest;
    auto mod = modules.find(m.module_id);
    table.rows.push_back(
        {m.title, m.description, language_label(t, m.language),
         mod == modules.end() ? std::string() : mod->second,
         m.kind == "file" ? t("File") : t("Link"), m.kind == "file" ? m.filename : m.url,
         m.kind == "file" ? std::to_string(m.size) : std::string(), std::to_string(e.version),
         e.show_author ? m.added_by_name : std::string(), t.date(m.created_at)});
  }
  return table;
}

Result<FormPage> new_form(web::Ctx& ctx, int64_t space_id) {
  auto s = readable(ctx, space_id);
  if (!s) return s.error();
  if (!policy::can_post(*s)) return not_found();
  return form_page(ctx, *s);
}

Result<int64_t> add_material(web::Ctx& ctx, int64_t space_id, const MaterialForm& form) {
  auto s = readable(ctx, space_id);
  if (!s) return s.error();
  if (!policy::can_post(*s)) return not_found();
  auto m = checked(ctx, *s, form);
  if (!m) return m.error();
  return insert_audited(ctx, *m, form.data, "space_material.add");
}

Result<FormPage> version_form(web::Ctx& ctx, int64_t material_id) {
  if (!ctx.actor.signed_in()) return not_found();
  auto m = materials_store::find(ctx.db, material_id);
  if (!m) return not_found();
  auto s = readable(ctx, m->space_id);
  if (!s) return s.error();
  if (!may_version(*s, *m, ctx.actor.id)) return not_found();
  auto p = form_page(ctx, *s);
  if (!p) return p;
  p->form.title = m->title;
  p->form.description = m->description;
  p->form.language = m->language;
  p->form.module = m->module_id ? std::to_string(m->module_id) : std::string();
  p->form.kind = m->kind;
  p->form.url = m->url;
  p->replaces = std::move(*m);
  return p;
}

Result<int64_t> add_version(web::Ctx& ctx, int64_t material_id, const MaterialForm& form) {
  if (!ctx.actor.signed_in()) return not_found();
  auto old = materials_store::find(ctx.db, material_id);
  if (!old) return not_found();
  auto s = readable(ctx, old->space_id);
  if (!s) return s.error();
  if (!may_version(*s, *old, ctx.actor.id)) return not_found();
  if (materials_store::replaced(ctx.db, material_id))
    return invalid("", N_("A newer version of this material has been added meanwhile. Add yours "
                          "to the newest version."));
  auto m = checked(ctx, *s, form);
  if (!m) return m.error();
  m->replaces_id = material_id;
  return insert_audited(ctx, *m, form.data, "space_material.version");
}

Result<Opened> open_material(web::Ctx& ctx, int64_t material_id) {
  if (!ctx.actor.signed_in()) return not_found();
  auto m = materials_store::find(ctx.db, material_id);
  if (!m) return not_found();
  auto s = readable(ctx, m->space_id);
  if (!s) return s.error();
  Opened o;
  if (m->kind == "file") {
    o.data = materials_store::data(ctx.db, material_id);
  } else if (!curriculum::web_link(m->url)) {
    // Stored links were checked when added; one that is not http(s) now is
    // never sent on as a redirect.
    return not_found();
  }
  o.row = std::move(*m);
  return o;
}

}  // namespace crm::spaces::materials

#include "knowledge/resource_service.hpp"

#include <algorithm>
#include <chrono>

#include "auth/service.hpp"
#include "core/file_type.hpp"
#include "knowledge/policy.hpp"
#include "knowledge/resource_store.hpp"
#include "knowledge/vocabulary.hpp"
#include "programme/programmes.hpp"
#include "search/change_log.hpp"

namespace crm::knowledge {

namespace store = resource_store;

namespace {

std::string lang(const web::Ctx& ctx) {
  return std::string(ctx.tr.language());
}

std::string lower_extension(std::string_view filename) {
  auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string e(filename.substr(dot + 1));
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

// What each accepted ending must really be (libmagic names DOCX either way).
bool type_fits(std::string_view extension, std::string_view mime) {
  if (extension == "pdf") return mime == "application/pdf";
  if (extension == "docx")
    return mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
           mime == "application/zip";
  if (extension == "odt") return mime == "application/vnd.oasis.opendocument.text";
  return false;
}

std::string served_type(std::string_view extension) {
  if (extension == "pdf") return "application/pdf";
  if (extension == "docx")
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return "application/vnd.oasis.opendocument.text";
}

bool curates(web::Ctx& ctx, int64_t programme_id) {
  if (!ctx.actor.signed_in()) return false;
  const bool in = ctx.actor.role == auth::Role::admin ||
                  programme::store::membership(ctx.db, programme_id, ctx.actor.id).in_programme;
  return policy::can_curate(ctx.actor.role, in);
}

std::vector<programme::store::ProgrammeSummary> programmes_for(web::Ctx& ctx) {
  if (ctx.actor.role == auth::Role::admin)
    return programme::store::list_programmes(ctx.db, lang(ctx));
  if (ctx.actor.role == auth::Role::staff)
    return programme::store::list_team_programmes(ctx.db, ctx.actor.id, lang(ctx));
  return {};
}

// Every field but the programme and the file into `r`; the tags.
Status check(const web::Ctx& ctx, const ResourceForm& f, Resource& r, std::vector<Tag>& tags) {
  if (!find_term(resource_kinds(), f.kind)) return invalid("kind", N_("Choose a kind."));
  r.kind = f.kind;
  r.title = programme::trimmed(f.title);
  if (r.title.empty()) return invalid("title", N_("Enter a title."));
  if (!programme::fits(r.title, kMaxResourceTitle))
    return invalid("title",
                   plural("At most {n} character.", "At most {n} characters.", kMaxResourceTitle));
  r.authors = programme::trimmed(f.authors);
  if (!programme::fits(r.authors, kMaxResourceLine))
    return invalid("authors",
                   plural("At most {n} character.", "At most {n} characters.", kMaxResourceLine));
  r.publisher = programme::trimmed(f.publisher);
  if (!programme::fits(r.publisher, kMaxResourceLine))
    return invalid("publisher",
                   plural("At most {n} character.", "At most {n} characters.", kMaxResourceLine));
  r.year = 0;
  const auto year = programme::trimmed(f.year);
  if (!year.empty()) {
    auto y = parse_whole_number(year);
    if (!y || *y < kFirstYear || *y > last_year(ctx.now))
      return invalid("year", N_("Enter a year from {min} to {max}, or leave it empty."),
                     {{"min", kFirstYear}, {"max", last_year(ctx.now)}});
    r.year = *y;
  }
  if (!is_work_language(f.language))
    return invalid("language", N_("Choose the language it is written in."));
  r.language = f.language;
  r.summary = programme::trimmed(f.summary);
  if (!programme::fits(r.summary, kMaxResourceSummary, true))
    return invalid("summary", plural("At most {n} character.", "At most {n} characters.",
                                     kMaxResourceSummary));
  r.url = programme::trimmed(f.url);
  if (!r.url.empty()) {
    const bool web = (r.url.starts_with("https://") && r.url.size() > 8) ||
                     (r.url.starts_with("http://") && r.url.size() > 7);
    if (!web || !programme::fits(r.url, kMaxUrl) ||
        r.url.find_first_of(" \t<>\"") != std::string::npos)
      return invalid("url", N_("Enter a web address starting with https:// or http://."));
  }
  auto t = parse_tags(f.tags);
  if (!t) return t.error();
  tags = std::move(*t);
  return ok();
}

// The file of the form, checked: its name, size and content.
Status check_file(const ResourceForm& f, std::string& filename, std::string& content_type) {
  if (!f.filename) return ok();
  if (f.data.empty()) return invalid("file", N_("The file is empty."));
  if (static_cast<int64_t>(f.data.size()) > kMaxResourceBytes)
    return invalid("file", N_("The file is larger than {max} MB."),
                   {{"max", kMaxResourceBytes / (1024 * 1024)}});
  filename = f.filename->substr(0, 200);
  const auto ext = lower_extension(filename);
  if (ext != "pdf" && ext != "docx" && ext != "odt")
    return invalid("file", N_("Upload a PDF, DOCX or ODT file, named with its usual ending."));
  if (!type_fits(ext, sniff_mime(f.data)))
    return invalid("file", N_("The content of this file is not what its name says. Upload "
                              "the file itself, with its own ending."));
  content_type = served_type(ext);
  return ok();
}

void record(web::Ctx& ctx, int64_t id) {
  search::record_change(ctx.db, search::WorkKind::resource, id, ctx.now);
}

}  // namespace

long last_year(int64_t now) {
  const auto d = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(now))));
  return static_cast<int>(d.year()) + 1;
}

std::string_view kind_label(std::string_view kind) {
  const Term* t = find_term(resource_kinds(), kind);
  return t ? t->label : kind;
}

std::optional<ResourceList> resource_list(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_curate(ctx.actor.role, true)) return std::nullopt;
  ResourceList l;
  l.items =
      store::list_resources(ctx.db, ctx.actor.id, ctx.actor.role == auth::Role::admin, lang(ctx));
  return l;
}

std::optional<ResourceFormPage> new_resource_page(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_curate(ctx.actor.role, true)) return std::nullopt;
  ResourceFormPage p;
  p.programmes = programmes_for(ctx);
  if (p.programmes.empty()) return std::nullopt;
  if (p.programmes.size() == 1) p.form.programme = std::to_string(p.programmes.front().id);
  p.form.kind = "report";
  p.form.language = is_work_language(ctx.tr.language()) ? lang(ctx) : "en";
  return p;
}

Result<int64_t> create_resource(web::Ctx& ctx, const ResourceForm& form) {
  if (!ctx.actor.signed_in() || !policy::can_curate(ctx.actor.role, true)) return not_found();
  Resource r;
  auto programme_id = parse_whole_number(programme::trimmed(form.programme));
  if (!programme_id || !curates(ctx, *programme_id))
    return invalid("programme", N_("Choose a programme."));
  r.programme_id = *programme_id;
  std::vector<Tag> tags;
  if (auto st = check(ctx, form, r, tags); !st) return st.error();
  if (auto st = check_file(form, r.filename, r.content_type); !st) return st.error();
  r.size = r.filename.empty() ? 0 : static_cast<int64_t>(form.data.size());
  r.created_by = ctx.actor.id;
  r.created_at = r.updated_at = ctx.now;
  db::Transaction tx(ctx.db);
  const int64_t id = store::insert_resource(ctx.db, r, form.data);
  store::replace_tags(ctx.db, id, tags);
  record(ctx, id);
  if (!r.filename.empty()) {
    search::enqueue_extraction(ctx.db, search::FileOwner::resource, id, ctx.now);
    ctx.jobs_enqueued = true;
  }
  auth::audit(ctx, "resource.create", "resource", std::to_string(id),
              "programme=" + std::to_string(r.programme_id) + " kind=" + r.kind +
                  " language=" + r.language + " tags=" + std::to_string(tags.size()) +
                  (r.filename.empty() ? "" : " size=" + std::to_string(r.size)));
  tx.commit();
  return id;
}

std::optional<ResourceFormPage> edit_resource_page(web::Ctx& ctx, int64_t id) {
  auto r = store::find_resource(ctx.db, id);
  if (!r || !curates(ctx, r->programme_id)) return std::nullopt;
  ResourceFormPage p;
  p.id = id;
  p.current_title = r->title;
  p.current_file = r->filename;
  auto& f = p.form;
  f.programme = std::to_string(r->programme_id);
  f.kind = r->kind;
  f.title = r->title;
  f.authors = r->authors;
  f.publisher = r->publisher;
  f.year = r->year ? std::to_string(r->year) : "";
  f.language = r->language;
  f.summary = r->summary;
  f.url = r->url;
  f.tags = tag_form_of(store::list_tags(ctx.db, id));
  return p;
}

Status update_resource(web::Ctx& ctx, int64_t id, const ResourceForm& form) {
  auto old = store::find_resource(ctx.db, id);
  if (!old || !curates(ctx, old->programme_id)) return not_found();
  Resource r = *old;
  std::vector<Tag> tags;
  if (auto st = check(ctx, form, r, tags); !st) return st;
  std::string filename, content_type;
  if (auto st = check_file(form, filename, content_type); !st) return st;
  r.updated_at = ctx.now;
  db::Transaction tx(ctx.db);
  store::update_resource(ctx.db, r);
  store::replace_tags(ctx.db, id, tags);
  std::string changes =
      "kind=" + r.kind + " language=" + r.language + " tags=" + std::to_string(tags.size());
  if (!filename.empty()) {
    store::set_file(ctx.db, id, filename, content_type, form.data, ctx.now);
    search::enqueue_extraction(ctx.db, search::FileOwner::resource, id, ctx.now);
    ctx.jobs_enqueued = true;
    changes += " file_replaced size=" + std::to_string(form.data.size());
  } else if (form.remove_file && !old->filename.empty()) {
    store::set_file(ctx.db, id, "", "", "", ctx.now);
    changes += " file_removed";
  }
  record(ctx, id);
  auth::audit(ctx, "resource.update", "resource", std::to_string(id), changes);
  tx.commit();
  return ok();
}

std::optional<ResourcePage> resource_page(web::Ctx& ctx, int64_t id) {
  db::ReadSnapshot snapshot(ctx.db);
  auto r = store::find_resource(ctx.db, id);
  if (!r || !curates(ctx, r->programme_id)) return std::nullopt;
  ResourcePage p;
  p.programme = store::programme_name(ctx.db, r->programme_id, lang(ctx));
  p.tags = store::list_tags(ctx.db, id);
  p.resource = std::move(*r);
  return p;
}

std::optional<ResourceFile> resource_file(web::Ctx& ctx, int64_t id) {
  auto r = store::find_resource(ctx.db, id);
  if (!r || r->filename.empty() || !curates(ctx, r->programme_id)) return std::nullopt;
  return ResourceFile{r->filename, r->content_type, store::resource_data(ctx.db, id)};
}

Status publish_resource(web::Ctx& ctx, int64_t id, bool publish) {
  auto r = store::find_resource(ctx.db, id);
  if (!r || !curates(ctx, r->programme_id)) return not_found();
  if (publish == (r->published_at != 0))
    return invalid("", publish ? N_("The resource is published already.")
                               : N_("The resource is not published."));
  db::Transaction tx(ctx.db);
  store::set_published(ctx.db, id, publish ? ctx.now : 0, ctx.now);
  record(ctx, id);
  auth::audit(ctx, publish ? "resource.publish" : "resource.unpublish", "resource",
              std::to_string(id));
  tx.commit();
  return ok();
}

}  // namespace crm::knowledge

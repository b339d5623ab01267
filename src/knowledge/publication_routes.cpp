#include "knowledge/publication_routes.hpp"

#include "curriculum/routes.hpp"
#include "knowledge/publication.hpp"
#include "knowledge/publication_views.hpp"
#include "knowledge/work.hpp"
#include "knowledge/work_views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::knowledge {

namespace {

using http::Request;
using http::Response;
using search::WorkKind;
using web::Ctx;

// "12" -> 12; nullopt for anything but a positive whole number.
std::optional<int64_t> parse_id(std::string_view digits) {
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return v > 0 ? std::optional<int64_t>(v) : std::nullopt;
}

std::string consent_path(WorkKind kind, int64_t id) {
  return work_path(kind, id) + "/publish";
}

Response consent_show(Request& req, Ctx& ctx, WorkKind kind) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = consent_page(ctx, kind, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, views::consent_title(ctx, kind), views::consent_page(ctx, *p, nullptr));
}

// The consent page again with the problem; 404 when the actor may not see it.
Response consent_failed(Ctx& ctx, WorkKind kind, int64_t id, const Error& e) {
  if (e.kind == ErrorKind::not_found) return web::error_page(ctx, 404);
  auto p = consent_page(ctx, kind, id);
  if (!p) return web::error_page(ctx, 404);
  return web::form_error_page(ctx, views::consent_title(ctx, kind),
                              views::consent_page(ctx, *p, &e), e, web::status_of(e));
}

Response consent_submit(Request& req, Ctx& ctx, WorkKind kind) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto r = give_consent(ctx, kind, *id, req.form.fields.value("consent") == "yes");
  if (!r) return consent_failed(ctx, kind, *id, r.error());
  return web::redirect_with(ctx, consent_path(kind, *id), "ok", ctx.tr("Your work is published."));
}

Response withdraw_submit(Request& req, Ctx& ctx, WorkKind kind) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto r = withdraw(ctx, kind, *id);
  if (!r) return consent_failed(ctx, kind, *id, r.error());
  return web::redirect_with(ctx, consent_path(kind, *id), "ok",
                            ctx.tr("Your consent is withdrawn: the work is no longer public."));
}

// A citation file: no caching beyond revalidation, so a withdrawal is
// visible at once.
Response text_file(std::string body, std::string_view type, const std::string& name) {
  Response res;
  res.set("Content-Type", std::string(type));
  res.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.set("Cache-Control", "no-cache");
  res.set("X-Content-Type-Options", "nosniff");
  res.body = std::move(body);
  return res;
}

constexpr std::string_view kBibType = "application/x-bibtex; charset=utf-8";
constexpr std::string_view kRisType = "application/x-research-info-systems; charset=utf-8";

// `file` is "12", "12.bib" or "12.ris".
struct Target {
  std::optional<int64_t> id;
  std::string_view ext;  // "", "bib", "ris"
};
Target target_of(std::string_view file) {
  for (std::string_view ext : {"bib", "ris"}) {
    if (file.size() > 4 && file.ends_with(ext) && file[file.size() - 4] == '.')
      return {parse_id(file.substr(0, file.size() - 4)), ext};
  }
  return {parse_id(file), ""};
}

// At most `max` bytes of `text`, never cutting a UTF-8 character in two.
std::string prefix(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

Response download(store::FileRow f) {
  Response res;
  res.set("Content-Type", f.content_type.starts_with("text/") ? f.content_type + "; charset=utf-8"
                                                              : f.content_type);
  res.set("Content-Disposition", curriculum::attachment(f.filename));
  res.set("Cache-Control", "no-cache");
  res.set("X-Content-Type-Options", "nosniff");
  res.body = std::move(f.data);
  return res;
}

Response work_show(Request& req, Ctx& ctx) {
  auto t = target_of(req.param("file"));
  if (!t.id) return web::error_page(ctx, 404);
  auto w = public_work(ctx, *t.id);
  if (!w) return web::error_page(ctx, 404);
  const std::string name = "work-" + std::to_string(*t.id);
  if (t.ext == "bib")
    return text_file(bibtex(cite(*w, ctx.config.base_url)), kBibType, name + ".bib");
  if (t.ext == "ris") return text_file(ris(cite(*w, ctx.config.base_url)), kRisType, name + ".ris");
  web::PageHead head;
  head.description = prefix(main_text(w->work.texts, ctx.tr.language()).abstract, 300);
  return web::page(ctx, main_text(w->work.texts, ctx.tr.language()).title,
                   views::work_page(ctx, *w), 200, head);
}

Response work_file(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto f = public_work_file(ctx, *id);
  if (!f) return web::error_page(ctx, 404);
  return download(std::move(*f));
}

Response resource_show(Request& req, Ctx& ctx) {
  auto t = target_of(req.param("file"));
  if (!t.id) return web::error_page(ctx, 404);
  auto r = public_resource(ctx, *t.id);
  if (!r) return web::error_page(ctx, 404);
  const std::string name = "resource-" + std::to_string(*t.id);
  if (t.ext == "bib")
    return text_file(bibtex(cite(*r, ctx.config.base_url)), kBibType, name + ".bib");
  if (t.ext == "ris") return text_file(ris(cite(*r, ctx.config.base_url)), kRisType, name + ".ris");
  web::PageHead head;
  head.description = prefix(r->resource.summary, 300);
  return web::page(ctx, r->resource.title, views::resource_page(ctx, *r), 200, head);
}

Response resource_file(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto f = public_resource_file(ctx, *id);
  if (!f) return web::error_page(ctx, 404);
  return download(std::move(*f));
}

}  // namespace

void register_publication_routes(app::Router& r) {
  r.get("/papers/{id}/publish",
        [](Request& q, Ctx& c) { return consent_show(q, c, WorkKind::paper); });
  r.post("/papers/{id}/publish",
         [](Request& q, Ctx& c) { return consent_submit(q, c, WorkKind::paper); });
  r.post("/papers/{id}/withdraw",
         [](Request& q, Ctx& c) { return withdraw_submit(q, c, WorkKind::paper); });
  r.get("/projects/{id}/publish",
        [](Request& q, Ctx& c) { return consent_show(q, c, WorkKind::project); });
  r.post("/projects/{id}/publish",
         [](Request& q, Ctx& c) { return consent_submit(q, c, WorkKind::project); });
  r.post("/projects/{id}/withdraw",
         [](Request& q, Ctx& c) { return withdraw_submit(q, c, WorkKind::project); });
  r.get("/knowledge/works/{file}", work_show);  // "{n}", "{n}.bib", "{n}.ris"
  r.get("/knowledge/works/{id}/file", work_file);
  r.get("/knowledge/resources/{file}", resource_show);  // "{id}", "{id}.bib", "{id}.ris"
  r.get("/knowledge/resources/{id}/file", resource_file);
}

}  // namespace crm::knowledge

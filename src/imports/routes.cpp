#include "imports/routes.hpp"

#include "imports/service.hpp"
#include "imports/views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::imports {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

Response form_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto f = import_form(ctx, *id);
  if (!f) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Import people"), views::upload_form(ctx, *f, nullptr));
}

Response upload_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const http::UploadedFile* file = nullptr;
  for (const auto& f : req.form.files)
    if (f.field == "file") file = &f;
  auto u =
      upload(ctx, *id, file ? file->filename : std::string(), file ? file->data : std::string());
  if (!u) return web::error_page(ctx, 404);
  if (u->problem) {
    auto f = import_form(ctx, *id);
    if (!f) return web::error_page(ctx, 404);
    return web::form_error_page(ctx, ctx.tr("Import people"),
                                views::upload_form(ctx, *f, &*u->problem),
                                {{"file", views::message(ctx.tr, *u->problem)}});
  }
  return http::redirect("/imports/" + std::to_string(u->import_id));
}

Response preview_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = preview(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  // While the commit runs the page shows its progress; without JavaScript
  // it reloads itself (unless the reader asked it to stop).
  web::PageHead head;
  if (p->committing() && req.query.value("refresh") != "off") head.refresh_seconds = 2;
  return web::page(ctx, ctx.tr("Import preview"), views::preview(ctx, *p, nullptr), 200, head);
}

std::optional<int64_t> parse_id(const std::string& s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return v > 0 ? std::optional<int64_t>(v) : std::nullopt;
}

// Every row of the file as the preview reads it: new people with the values
// stored, updates as old → new, rows with problems.
Response rows_download(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = preview(ctx, *id);
  if (!p || p->committing() || p->record.committed_at) return web::error_page(ctx, 404);
  return web::download(web::to_csv(views::rows_table(ctx.tr, *p)), web::kCsvType,
                       "import-" + std::to_string(*id) + "-rows.csv");
}

// The template: the columns and one example row.
Response template_download(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto f = import_form(ctx, *id);
  if (!f) return web::error_page(ctx, 404);
  return web::download(web::to_csv(views::template_table()), web::kCsvType,
                       "crm-import-template.csv");
}

Response commit_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  // One pair of fields per new organisation with similar ones in crm:
  // org-key-N names it ("COUNTRY|name"), org-N holds "new" or the id chosen.
  OrganisationChoices choices;
  for (int i = 0; i < 10000; ++i) {
    const std::string n = std::to_string(i);
    const std::string key = req.form.fields.value("org-key-" + n);
    if (key.empty()) break;
    const std::string choice = req.form.fields.value("org-" + n);
    if (choice == "new") {
      choices[key] = 0;
    } else if (auto chosen = parse_id(choice)) {
      choices[key] = *chosen;
    }
  }
  Preview p;
  auto c = start_commit(ctx, *id, choices, &p);
  if (!c) {
    switch (c.error().kind) {
      case ErrorKind::not_found:
        return web::error_page(ctx, 404);
      case ErrorKind::conflict:
        return web::error_page(ctx, 409, c.error().key);
      default:
        return web::form_error_page(ctx, ctx.tr("Import preview"),
                                    views::preview(ctx, p, &c.error()), c.error());
    }
  }
  return http::redirect("/imports/" + std::to_string(*id));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/cohorts/{id}/import", form_page);
  r.post_files("/cohorts/{id}/import", upload_submit);
  r.get("/cohorts/{id}/import/template.csv", template_download);
  r.get("/imports/{id}", preview_page);
  r.get("/imports/{id}/rows.csv", rows_download);
  r.post("/imports/{id}/commit", commit_submit);
}

}  // namespace crm::imports

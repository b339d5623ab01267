#include "surveys/import_routes.hpp"

#include "surveys/import_service.hpp"
#include "surveys/import_views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::surveys {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

importing::Upload upload_of(const Request& req) {
  importing::Upload u;
  u.programme = req.form.fields.value("programme");
  u.anonymous = req.form.fields.value("anonymous") == "yes";
  for (const auto& f : req.form.files)
    if (f.field == "file") {
      u.filename = f.filename;
      u.content = f.data;
    }
  return u;
}

std::string title_of(const Ctx& ctx, const importing::ImportPage& p) {
  return p.survey ? ctx.tr("New version from an XLSForm") : ctx.tr("Import a survey");
}

// After an import: the survey's page, saying what was left out.
Response imported(Ctx& ctx, int64_t survey_id, const std::vector<xlsform::FormProblem>& notices,
                  const char* done) {
  std::string message = ctx.tr(done);
  std::size_t n = 0;
  for (const auto& p : notices) {
    if (++n > 5) {
      message += " …";
      break;
    }
    message += " " + import_views::place(ctx.tr, p) + ": " + import_views::message(ctx.tr, p);
  }
  return web::redirect_with(ctx, "/surveys/" + std::to_string(survey_id),
                            notices.empty() ? "ok" : "warning", message);
}

Response refused(Ctx& ctx, const importing::ImportPage& p, const Error& e) {
  if (e.kind == ErrorKind::not_found) return web::error_page(ctx, 404);
  return web::form_error_page(ctx, title_of(ctx, p), import_views::import_form(ctx, p, &e), e);
}

Response new_form(Request&, Ctx& ctx) {
  auto p = importing::new_survey_form(ctx);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, title_of(ctx, *p), import_views::import_form(ctx, *p, nullptr));
}

Response new_submit(Request& req, Ctx& ctx) {
  importing::ImportPage page;
  std::vector<xlsform::FormProblem> notices;
  auto id = importing::import_survey(ctx, upload_of(req), page, notices);
  if (!id) return refused(ctx, page, id.error());
  return imported(ctx, *id, notices, N_("The survey has been imported."));
}

Response version_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = importing::new_version_form(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  return web::page(ctx, title_of(ctx, *p), import_views::import_form(ctx, *p, nullptr));
}

Response version_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  importing::ImportPage page;
  std::vector<xlsform::FormProblem> notices;
  auto r = importing::import_version(ctx, *id, upload_of(req), page, notices);
  if (!r) return refused(ctx, page, r.error());
  return imported(ctx, *r, notices, N_("The new version has been imported."));
}

}  // namespace

void register_import_routes(app::Router& r) {
  r.get("/surveys/import", new_form);
  r.post_files("/surveys/import", new_submit);
  r.get("/surveys/{id}/import", version_form);
  r.post_files("/surveys/{id}/import", version_submit);
}

}  // namespace crm::surveys

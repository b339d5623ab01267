#include "spaces/manage_routes.hpp"

#include "spaces/manage_service.hpp"
#include "spaces/manage_views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::spaces {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

Response error_of(Ctx& ctx, const Error& e) {
  return web::error_page(ctx, web::status_of(e), e.kind == ErrorKind::not_found ? "" : e.key);
}

manage::SpaceForm form_of(const Request& req) {
  const auto& f = req.form.fields;
  manage::SpaceForm form{std::string(f.value("programme")),
                         std::string(f.value("kind")),
                         {},
                         !f.value("protected").empty(),
                         !f.value("authors_hidden").empty(),
                         !f.value("archived").empty()};
  for (const auto& l : languages()) {
    const std::string code(l.code);
    form.texts[code] = {std::string(f.value("name_" + code)),
                        std::string(f.value("description_" + code))};
  }
  return form;
}

Response new_form(Request&, Ctx& ctx) {
  auto programmes = manage::new_space_programmes(ctx);
  if (!programmes) return error_of(ctx, programmes.error());
  return web::page(ctx, ctx.tr("New space"),
                   manage_views::new_space(ctx, *programmes, {}, nullptr));
}

Response create(Request& req, Ctx& ctx) {
  auto form = form_of(req);
  auto id = manage::create(ctx, form);
  if (id)
    return web::redirect_with(ctx, "/spaces/" + std::to_string(*id) + "/members", "ok",
                              ctx.tr("The space has been made. Add its members."));
  if (id.error().kind != ErrorKind::invalid) return error_of(ctx, id.error());
  auto programmes = manage::new_space_programmes(ctx);
  if (!programmes) return error_of(ctx, programmes.error());
  return web::form_error_page(ctx, ctx.tr("New space"),
                              manage_views::new_space(ctx, *programmes, form, &id.error()),
                              id.error());
}

Response settings(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = manage::settings_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Settings of the space"),
                   manage_views::settings(ctx, *p, p->form, nullptr));
}

Response save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto form = form_of(req);
  auto st = manage::save_settings(ctx, *id, form);
  if (st)
    return web::redirect_with(ctx, "/spaces/" + std::to_string(*id), "ok",
                              ctx.tr("The settings have been saved."));
  if (st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
  auto p = manage::settings_page(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::form_error_page(ctx, ctx.tr("Settings of the space"),
                              manage_views::settings(ctx, *p, form, &st.error()), st.error());
}

}  // namespace

void register_manage_routes(app::Router& r) {
  r.get("/spaces/new", new_form);
  r.post("/spaces", create);
  r.get("/spaces/{id}/settings", settings);
  r.post("/spaces/{id}/settings", save);
}

}  // namespace crm::spaces

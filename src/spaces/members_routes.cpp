#include "spaces/members_routes.hpp"

#include "spaces/members_service.hpp"
#include "spaces/members_views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::spaces {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

std::string members_path(int64_t id) {
  return "/spaces/" + std::to_string(id) + "/members";
}

Response error_of(Ctx& ctx, const Error& e) {
  return web::error_page(ctx, web::status_of(e), e.kind == ErrorKind::not_found ? "" : e.key);
}

Response list(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = members::members_page(ctx, *id, req.query.value("name"));
  if (!p) return error_of(ctx, p.error());
  return web::page(ctx, ctx.tr("Members"), members_views::members(ctx, *p, nullptr, nullptr));
}

Response list_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = members::members_export(ctx, *id);
  if (!p) return error_of(ctx, p.error());
  return web::table_download(members_views::members_table(ctx, *p), xlsx, ctx.tr, ctx.tr("Members"),
                             "space-members-" + std::to_string(*id));
}

Response add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  members::AddForm form{req.form.fields.value("account"), req.form.fields.value("role")};
  auto st = members::add(ctx, *id, form);
  if (!st) {
    if (st.error().kind != ErrorKind::invalid) return error_of(ctx, st.error());
    // The list as it was narrowed when the person was chosen.
    auto p = members::members_page(ctx, *id, req.form.fields.value("name"));
    if (!p) return error_of(ctx, p.error());
    return web::form_error_page(ctx, ctx.tr("Members"),
                                members_views::members(ctx, *p, &form, &st.error()), st.error());
  }
  return web::redirect_with(ctx, members_path(*id), "ok", ctx.tr("The person has been added."));
}

Response remove(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  auto account = req.param_id("account");
  if (!id || !account) return web::error_page(ctx, 404);
  auto st = members::remove(ctx, *id, *account);
  if (!st) return error_of(ctx, st.error());
  return web::redirect_with(ctx, members_path(*id), "ok",
                            ctx.tr("The person has been removed from the space."));
}

}  // namespace

void register_members_routes(app::Router& r) {
  r.get("/spaces/{id}/members", list);
  r.get("/spaces/{id}/members.csv", [](Request& q, Ctx& c) { return list_export(q, c, false); });
  r.get("/spaces/{id}/members.xlsx", [](Request& q, Ctx& c) { return list_export(q, c, true); });
  r.post("/spaces/{id}/members", add);
  r.post("/spaces/{id}/members/{account}/remove", remove);
}

}  // namespace crm::spaces

#include "people/routes.hpp"

#include "people/service.hpp"
#include "people/views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::people {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

Response person_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = person_page(ctx, *id);
  if (!p) return web::error_page(ctx, 404);
  if (p->merged_into) return http::redirect("/people/" + std::to_string(p->merged_into), 301);
  return web::page(ctx, p->person.name, views::person(ctx, *p));
}

Response photo_response(Request& req, Ctx& ctx, PhotoSize size) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto p = photo(ctx, *id, size);
  if (!p) return web::error_page(ctx, 404);
  Response res;
  res.set("Content-Type", p->content_type);
  // Personal: browsers may keep it, shared caches may not.
  res.set("Cache-Control", "private, max-age=300");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Content-Disposition", "inline");
  res.body = std::move(p->data);
  return res;
}

// The copy pages show, small enough for a phone.
Response person_photo(Request& req, Ctx& ctx) {
  return photo_response(req, ctx, PhotoSize::shown);
}

Response person_photo_original(Request& req, Ctx& ctx) {
  return photo_response(req, ctx, PhotoSize::original);
}

Response status_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  const auto status = f(req, "status");
  // A final status is asked again first, on a page of its own (no script needed).
  if (is_final_status(status) && f(req, "confirm") != "yes") {
    auto c = status_confirmation(ctx, *id, status);
    if (!c) return web::error_page(ctx, web::status_of(c.error()), c.error().key);
    return web::page(ctx, ctx.tr("Confirm the change of status"),
                     views::status_confirmation(ctx, *c));
  }
  auto r = change_status(ctx, *id, status);
  if (!r) return web::error_page(ctx, web::status_of(r.error()), r.error().key);
  return web::redirect_with(ctx, "/people/" + std::to_string(*r), "ok",
                            ctx.tr("The status has been changed."));
}

// The languages ticked (each a code), as the comma-separated list the profile stores.
std::string languages_of(const Request& req) {
  std::string out;
  for (const auto& code : req.form.fields.all("languages")) out += (out.empty() ? "" : ", ") + code;
  return out;
}

ProfileForm profile_form(const Request& req) {
  ProfileForm form{f(req, "name"),        f(req, "name_latin"),
                   f(req, "country"),     f(req, "organisation_id"),
                   f(req, "position"),    f(req, "gender"),
                   f(req, "gender_self"), languages_of(req),
                   f(req, "expertise"),   f(req, "time_zone"),
                   f(req, "bio"),         req.form.fields.all("visible")};
  return form;
}

Response profile_view(Ctx& ctx, const ProfileForm* typed, const std::vector<Error>& errors,
                      int status) {
  auto p = profile_page(ctx);
  if (!p) return web::error_page(ctx, 404);
  ProfileForm form = typed ? *typed : form_of(p->person);
  return web::form_error_page(ctx, ctx.tr("Your profile"), views::profile(ctx, *p, form, errors),
                              errors, status);
}

Response profile_show(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  return profile_view(ctx, nullptr, {}, 200);
}

Response profile_submit(Request& req, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  auto form = profile_form(req);
  auto st = update_profile(ctx, form);
  if (!st) {
    if (st.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    auto problems = profile_problems(ctx, form);
    if (problems.empty()) problems.push_back(st.error());
    return profile_view(ctx, &form, problems, 422);
  }
  return web::redirect_with(ctx, "/profile", "ok", ctx.tr("Your profile has been saved."));
}

Response photo_submit(Request& req, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  std::optional<std::string_view> bytes;
  for (const auto& file : req.form.files)
    if (file.field == "photo") bytes = file.data;
  auto st = upload_photo(ctx, bytes);
  if (!st) {
    if (st.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    return profile_view(ctx, nullptr, {st.error()}, 422);
  }
  return web::redirect_with(ctx, "/profile", "ok", ctx.tr("Your photo has been saved."));
}

Response photo_delete(Request&, Ctx& ctx) {
  if (!ctx.actor.signed_in()) return http::redirect("/login");
  auto st = delete_photo(ctx);
  if (!st) return web::error_page(ctx, web::status_of(st.error()));
  return web::redirect_with(ctx, "/profile", "ok", ctx.tr("Your photo has been removed."));
}

Response organisations_show(Request& req, Ctx& ctx) {
  auto l = organisations(ctx, web::page_param(req.query.value("page")));
  if (!l) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("Organisations"), views::organisations(ctx, *l));
}

// Every organisation of the list, page after page: the export shows what the
// pages show, no more.
Response organisations_export(Request&, Ctx& ctx, bool xlsx) {
  std::vector<OrganisationRow> rows;
  for (long page = 1;; ++page) {
    auto l = organisations(ctx, page);
    if (!l) return web::error_page(ctx, 404);
    rows.insert(rows.end(), l->items.begin(), l->items.end());
    if (l->items.empty() || page * kOrganisationsPerPage >= l->total) break;
  }
  return web::table_download(views::organisations_table(ctx, rows), xlsx, ctx.tr,
                             ctx.tr("Organisations"), "organisations");
}

Response organisation_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  // Everyone, not only the first page: what the pages show, together.
  auto o = organisation_people_all(ctx, *id);
  if (!o) return web::error_page(ctx, 404);
  return web::table_download(views::organisation_table(ctx, *o), xlsx, ctx.tr, ctx.tr("People"),
                             "organisation-" + std::to_string(*id) + "-people");
}

Response organisation_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto o = organisation_page(ctx, *id, web::page_param(req.query.value("page")));
  if (!o) return web::error_page(ctx, 404);
  return web::page(ctx, o->organisation.name, views::organisation(ctx, *o));
}

Response merge_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto other = req.query.value("other");
  auto m = merge_page(ctx, *id, other);
  if (!m) {
    if (m.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    auto base = merge_page(ctx, *id, "");
    if (!base) return web::error_page(ctx, web::status_of(base.error()), base.error().key);
    base->other = other;
    return web::form_error_page(ctx, ctx.tr("Merge a duplicate record"),
                                views::merge(ctx, *base, &m.error()), m.error());
  }
  return web::page(ctx, ctx.tr("Merge a duplicate record"), views::merge(ctx, *m, nullptr));
}

Response merge_submit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto other = f(req, "other");
  auto st = merge(ctx, *id, other);
  if (!st) {
    if (st.error().kind == ErrorKind::not_found) return web::error_page(ctx, 404);
    auto base = merge_page(ctx, *id, "");
    if (!base) return web::error_page(ctx, web::status_of(base.error()), base.error().key);
    base->other = other;
    return web::form_error_page(ctx, ctx.tr("Merge a duplicate record"),
                                views::merge(ctx, *base, &st.error()), st.error());
  }
  return web::redirect_with(ctx, "/people/" + std::to_string(*id), "ok",
                            ctx.tr("The records have been merged."));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/people/{id}", person_show);
  r.get("/people/{id}/photo", person_photo);
  r.get("/people/{id}/photo/original", person_photo_original);
  r.get("/people/{id}/merge", merge_show);
  r.post("/people/{id}/merge", merge_submit);
  r.post("/enrolments/{id}/status", status_submit);
  r.get("/profile", profile_show);
  r.post("/profile", profile_submit);
  r.post_files("/profile/photo", photo_submit);
  r.post("/profile/photo/delete", photo_delete);
  r.get("/organisations", organisations_show);
  r.get("/organisations/{id}", organisation_show);
  r.get("/organisations.csv", [](Request& q, Ctx& c) { return organisations_export(q, c, false); });
  r.get("/organisations.xlsx", [](Request& q, Ctx& c) { return organisations_export(q, c, true); });
  r.get("/organisations/{id}/people.csv",
        [](Request& q, Ctx& c) { return organisation_export(q, c, false); });
  r.get("/organisations/{id}/people.xlsx",
        [](Request& q, Ctx& c) { return organisation_export(q, c, true); });
}

}  // namespace crm::people

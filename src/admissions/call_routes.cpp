#include "admissions/call_routes.hpp"

#include "admissions/call_service.hpp"
#include "admissions/call_views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::admissions {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

bool ticked(const Request& req, std::string_view name) {
  return !req.form.fields.value(name).empty();
}

Response not_found(Ctx& ctx) {
  return web::error_page(ctx, 404);
}

std::string path_of(int64_t id, std::string_view rest = {}) {
  return "/calls/" + std::to_string(id) + std::string(rest);
}

CallForm call_form(const Request& req) {
  CallForm form;
  form.cohort = f(req, "cohort");
  form.opens_date = f(req, "opens_date");
  form.opens_time = f(req, "opens_time");
  form.closes_date = f(req, "closes_date");
  form.closes_time = f(req, "closes_time");
  form.time_zone = f(req, "time_zone");
  form.places = f(req, "places");
  for (const auto& l : languages()) {
    const std::string s = "_" + std::string(l.code);
    CallText t{f(req, "title" + s), f(req, "who" + s),   f(req, "offer" + s),
               f(req, "costs" + s), f(req, "dates" + s), f(req, "retention" + s)};
    form.texts[std::string(l.code)] = std::move(t);
  }
  form.blind = req.form.fields.all("blind");
  form.conflict_same_country = ticked(req, "conflict_same_country");
  form.second_stage = ticked(req, "second_stage");
  form.reopen = ticked(req, "reopen");
  form.reviewers = f(req, "reviewers");
  form.retention = f(req, "retention");
  for (auto kind : document_kinds()) {
    const std::string k(kind);
    form.documents[k] = {ticked(req, "doc_" + k), ticked(req, "required_" + k), f(req, "max_" + k)};
  }
  return form;
}

LabelTexts label_texts(const Request& req, std::string_view second) {
  LabelTexts out;
  for (const auto& l : languages()) {
    const std::string s = "_" + std::string(l.code);
    out[std::string(l.code)] = {f(req, "label" + s), f(req, std::string(second) + s)};
  }
  return out;
}

// --- public ---

Response list(Request&, Ctx& ctx) {
  return web::page(ctx, ctx.tr("Calls for applications"), views::open_calls(ctx, open_calls(ctx)));
}

Response show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = public_call(ctx, *id);
  if (!p) return not_found(ctx);
  const auto title = p->text.title.empty() ? ctx.tr("Call for applications") : p->text.title;
  return web::page(ctx, title, views::public_call(ctx, *p));
}

// --- staff ---

Response manage(Request&, Ctx& ctx) {
  auto m = manage_calls(ctx);
  if (!m) return not_found(ctx);
  return web::page(ctx, ctx.tr("Calls"), views::manage_calls(ctx, *m));
}

Response manage_export(Request&, Ctx& ctx, bool xlsx) {
  auto m = manage_calls(ctx);
  if (!m) return not_found(ctx);
  return web::table_download(views::manage_calls_table(ctx, *m), xlsx, ctx.tr, ctx.tr("Calls"),
                             "calls");
}

Response new_form(Request&, Ctx& ctx) {
  auto p = new_call_page(ctx);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("New call"), views::new_call(ctx, *p, nullptr));
}

Response create(Request& req, Ctx& ctx) {
  auto form = call_form(req);
  auto r = create_call(ctx, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = new_call_page(ctx);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("New call"), views::new_call(ctx, *p, &r.error()),
                                r.error());
  }
  return web::redirect_with(ctx, path_of(*r, "/edit"), "ok",
                            ctx.tr("The call has been created. Write its texts now."));
}

Response edit_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = edit_call_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Edit the call"), views::edit_call(ctx, *p, nullptr));
}

Response edit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = call_form(req);
  auto st = update_call(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = edit_call_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Edit the call"),
                                views::edit_call(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, path_of(*id, "/edit"), "ok", ctx.tr("The call has been saved."));
}

Response questions(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = questions_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Eligibility questions"), views::questions(ctx, *p, nullptr));
}

Response question_add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  QuestionForm form{f(req, "kind"), f(req, "eligible"), ticked(req, "required"),
                    label_texts(req, "hint")};
  auto st = add_question(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = questions_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Eligibility questions"),
                                views::questions(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, path_of(*id, "/questions"), "ok",
                            ctx.tr("The question has been added."));
}

Response question_delete(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  auto n = req.param_id("n");
  if (!id || !n) return not_found(ctx);
  auto st = delete_question(ctx, *id, *n);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = questions_page(ctx, *id);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, ctx.tr("Eligibility questions"),
                                views::questions(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, path_of(*id, "/questions"), "ok",
                            ctx.tr("The question has been deleted."));
}

Response criteria(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = criteria_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Review criteria"), views::criteria(ctx, *p, nullptr));
}

Response criterion_add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  CriterionForm form{f(req, "weight"), f(req, "scale_min"), f(req, "scale_max"),
                     label_texts(req, "guidance")};
  auto st = add_criterion(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = criteria_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Review criteria"),
                                views::criteria(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, path_of(*id, "/criteria"), "ok",
                            ctx.tr("The criterion has been added."));
}

Response criterion_delete(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  auto n = req.param_id("n");
  if (!id || !n) return not_found(ctx);
  auto st = delete_criterion(ctx, *id, *n);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = criteria_page(ctx, *id);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, ctx.tr("Review criteria"),
                                views::criteria(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(ctx, path_of(*id, "/criteria"), "ok",
                            ctx.tr("The criterion has been deleted."));
}

Response bounds(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = bounds_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Parity bounds"), views::bounds(ctx, *p, nullptr));
}

Response bound_add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  BoundForm form{f(req, "dimension"), f(req, "value"), f(req, "min"), f(req, "max")};
  auto st = add_bound(ctx, *id, form);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = bounds_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Parity bounds"), views::bounds(ctx, *p, &st.error()),
                                st.error());
  }
  return web::redirect_with(ctx, path_of(*id, "/bounds"), "ok",
                            ctx.tr("The bound has been added."));
}

Response bound_delete(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  auto n = req.param_id("n");
  if (!id || !n) return not_found(ctx);
  BoundForm expected{f(req, "dimension"), f(req, "value"), {}, {}};
  auto st = delete_bound(ctx, *id, static_cast<long>(*n), expected);
  if (!st && st.error().kind == ErrorKind::not_found) return not_found(ctx);
  if (!st)
    return web::redirect_with(ctx, path_of(*id, "/bounds"), "error", ctx.tr.error(st.error()));
  return web::redirect_with(ctx, path_of(*id, "/bounds"), "ok",
                            ctx.tr("The bound has been deleted."));
}

// Publish and close answer on the call's edit page.
Response change_status(Request& req, Ctx& ctx, bool publish) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto st = publish ? publish_call(ctx, *id) : close_call(ctx, *id);
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) {
    auto p = edit_call_page(ctx, *id);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, ctx.tr("Edit the call"),
                                views::edit_call(ctx, *p, &st.error()), st.error());
  }
  return web::redirect_with(
      ctx, path_of(*id, "/edit"), "ok",
      publish ? ctx.tr("The call has been published.") : ctx.tr("The call has been closed."));
}

}  // namespace

void register_call_routes(app::Router& r) {
  r.get("/calls", list);
  // Before /calls/{id}: the first match wins.
  r.get("/calls/manage", manage);
  r.get("/calls/manage.csv", [](Request& q, Ctx& c) { return manage_export(q, c, false); });
  r.get("/calls/manage.xlsx", [](Request& q, Ctx& c) { return manage_export(q, c, true); });
  r.get("/calls/new", new_form);
  r.post("/calls/new", create);
  r.get("/calls/{id}", show);
  r.get("/calls/{id}/edit", edit_form);
  r.post("/calls/{id}/edit", edit);
  r.get("/calls/{id}/questions", questions);
  r.post("/calls/{id}/questions", question_add);
  r.post("/calls/{id}/questions/{n}/delete", question_delete);
  r.get("/calls/{id}/criteria", criteria);
  r.post("/calls/{id}/criteria", criterion_add);
  r.post("/calls/{id}/criteria/{n}/delete", criterion_delete);
  r.get("/calls/{id}/bounds", bounds);
  r.post("/calls/{id}/bounds", bound_add);
  r.post("/calls/{id}/bounds/{n}/delete", bound_delete);
  r.post("/calls/{id}/publish", [](Request& q, Ctx& c) { return change_status(q, c, true); });
  r.post("/calls/{id}/close", [](Request& q, Ctx& c) { return change_status(q, c, false); });
}

}  // namespace crm::admissions

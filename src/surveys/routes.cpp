#include "surveys/routes.hpp"

#include "surveys/service.hpp"
#include "surveys/views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::surveys {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

std::string f(const Request& req, std::string_view name) {
  return req.form.fields.value(name);
}

Response not_found(Ctx& ctx) {
  return web::error_page(ctx, 404);
}

bool is_not_found(const std::vector<Error>& errors) {
  return errors.size() == 1 && errors.front().kind != ErrorKind::invalid;
}

std::string path_of(int64_t id) {
  return "/surveys/" + std::to_string(id);
}

Response list(Request&, Ctx& ctx) {
  auto l = survey_list(ctx);
  if (!l) return not_found(ctx);
  return web::page(ctx, ctx.tr("Surveys"), views::surveys(ctx, *l));
}

Response list_export(Request&, Ctx& ctx, bool xlsx) {
  auto l = survey_list(ctx);
  if (!l) return not_found(ctx);
  return web::table_download(views::surveys_table(ctx, *l), xlsx, ctx.tr, ctx.tr("Surveys"),
                             "surveys");
}

Response new_form(Request&, Ctx& ctx) {
  auto p = new_survey_page(ctx);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("New survey"), views::new_survey(ctx, *p, {}));
}

Response create(Request& req, Ctx& ctx) {
  NewSurveyForm form;
  form.programme = f(req, "programme");
  form.instrument = req.query.value("instrument");
  if (form.instrument.empty()) form.instrument = f(req, "instrument");
  form.title = f(req, "title");
  form.languages = req.form.fields.all("languages");
  form.default_language = f(req, "default_language");
  form.anonymous = f(req, "anonymous");
  auto r = create_survey(ctx, form);
  if (!r && r.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!r) {
    auto p = new_survey_page(ctx);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("New survey"), views::new_survey(ctx, *p, {r.error()}),
                                r.error());
  }
  return web::redirect_with(ctx, path_of(*r), "ok", ctx.tr("The survey has been created."));
}

Response show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = survey_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, p->title.shown, views::survey(ctx, *p));
}

Response edit_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = survey_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Edit title, introduction and languages"),
                   views::survey_form(ctx, *p, form_of(*p), {}));
}

Response edit(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  SurveyForm form;
  form.languages = req.form.fields.all("languages");
  form.default_language = f(req, "default_language");
  form.anonymous = f(req, "anonymous");
  for (const char* l : kLanguages) {
    const std::string code = l;
    if (auto v = f(req, "title_" + code); !v.empty()) form.title[code] = v;
    if (auto v = f(req, "intro_" + code); !v.empty()) form.intro[code] = v;
  }
  auto errors = update_survey(ctx, *id, form);
  if (is_not_found(errors)) return not_found(ctx);
  if (!errors.empty()) {
    auto p = survey_page(ctx, *id);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, ctx.tr("Edit title, introduction and languages"),
                                views::survey_form(ctx, *p, form, errors), errors);
  }
  return web::redirect_with(ctx, path_of(*id), "ok", ctx.tr("The survey has been saved."));
}

QuestionForm question_form(const Request& req) {
  QuestionForm form;
  form.name = f(req, "name");
  form.type = f(req, "type");
  form.required = f(req, "required");
  form.relevant = f(req, "relevant");
  form.if_question = f(req, "if_question");
  form.if_operator = f(req, "if_operator");
  form.if_value = f(req, "if_value");
  form.constraint_expr = f(req, "constraint_expr");
  form.min_value = f(req, "min_value");
  form.max_value = f(req, "max_value");
  form.indicator = f(req, "indicator");
  form.position = f(req, "position");
  form.choice_names = req.form.fields.all("choice_name");
  form.row_names = req.form.fields.all("row_name");
  form.positive = req.form.fields.all("positive");
  for (const char* l : kLanguages) {
    const std::string code = l;
    if (auto v = f(req, "label_" + code); !v.empty()) form.label[code] = v;
    if (auto v = f(req, "hint_" + code); !v.empty()) form.hint[code] = v;
    if (auto v = f(req, "constraint_message_" + code); !v.empty())
      form.constraint_message[code] = v;
    if (auto v = req.form.fields.all("choice_" + code); !v.empty()) form.choice_texts[code] = v;
    if (auto v = req.form.fields.all("row_" + code); !v.empty()) form.row_texts[code] = v;
  }
  return form;
}

Response question_edit_form(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = question_page(ctx, *id, req.param("name"));
  if (!p) return not_found(ctx);
  return web::page(ctx,
                   p->original.empty() ? ctx.tr("Add a question") : ctx.tr("Edit the question"),
                   views::question_form(ctx, *p, {}));
}

Response question_save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  const std::string original = req.param("name");
  auto form = question_form(req);
  auto errors = save_question(ctx, *id, original, form);
  if (is_not_found(errors)) return not_found(ctx);
  if (!errors.empty()) {
    auto p = question_page(ctx, *id, original);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(
        ctx, original.empty() ? ctx.tr("Add a question") : ctx.tr("Edit the question"),
        views::question_form(ctx, *p, errors), errors);
  }
  return web::redirect_with(ctx, path_of(*id) + "#questions", "ok",
                            ctx.tr("The question has been saved."));
}

// The survey's page again with the problem of a delete or move.
Response problem(Ctx& ctx, int64_t id, const Error& e) {
  auto p = survey_page(ctx, id);
  if (!p) return not_found(ctx);
  return web::form_error_page(ctx, p->title.shown, views::survey(ctx, *p), e);
}

Response question_delete(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto st = delete_question(ctx, *id, req.param("name"));
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) return problem(ctx, *id, st.error());
  return web::redirect_with(ctx, path_of(*id) + "#questions", "ok",
                            ctx.tr("The question has been deleted."));
}

Response question_move(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  const std::string name = req.param("name");
  auto st = move_question(ctx, *id, name, f(req, "direction") == "up");
  if (!st && st.error().kind != ErrorKind::invalid) return not_found(ctx);
  if (!st) return problem(ctx, *id, st.error());
  return web::redirect_with(ctx, path_of(*id) + "#q-" + name, "ok",
                            ctx.tr("The question has been moved."));
}

Response preview(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = survey_page(ctx, *id);
  if (!p) return not_found(ctx);
  const std::string language = reading_language(p->current.definition, req.query.value("lang"));
  return web::page(ctx, ctx.tr("Preview"), views::preview(ctx, *p, language));
}

Response archive(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto st = archive_survey(ctx, *id);
  if (!st) return not_found(ctx);
  return web::redirect_with(ctx, "/surveys", "ok", ctx.tr("The survey has been archived."));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/surveys", list);
  r.get("/surveys.csv", [](Request& q, Ctx& c) { return list_export(q, c, false); });
  r.get("/surveys.xlsx", [](Request& q, Ctx& c) { return list_export(q, c, true); });
  r.get("/surveys/new", new_form);
  r.post("/surveys/new", create);
  r.get("/surveys/{id}", show);
  r.get("/surveys/{id}/edit", edit_form);
  r.post("/surveys/{id}/edit", edit);
  r.get("/surveys/{id}/questions/new", question_edit_form);
  r.post("/surveys/{id}/questions/new", question_save);
  r.get("/surveys/{id}/questions/{name}/edit", question_edit_form);
  r.post("/surveys/{id}/questions/{name}/edit", question_save);
  r.post("/surveys/{id}/questions/{name}/delete", question_delete);
  r.post("/surveys/{id}/questions/{name}/move", question_move);
  r.get("/surveys/{id}/preview", preview);
  r.post("/surveys/{id}/archive", archive);
}

}  // namespace crm::surveys

#include "papers/routes.hpp"

#include "curriculum/routes.hpp"
#include "papers/service.hpp"
#include "papers/views.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::papers {

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

bool refused(const Error& e) {
  return e.kind != ErrorKind::invalid;
}

std::string paper_path(int64_t id) {
  return "/papers/" + std::to_string(id);
}
std::string settings_path(int64_t cohort) {
  return "/cohorts/" + std::to_string(cohort) + "/papers/settings";
}

// ------------------------------------------------------------------ lists

Response mine(Request&, Ctx& ctx) {
  auto p = my_papers(ctx);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Final papers"), views::my_papers(ctx, *p, nullptr));
}

Response start_own(Request& req, Ctx& ctx) {
  auto cohort = parse_whole_number(f(req, "cohort"));
  if (!cohort) return not_found(ctx);
  auto r = start_own_paper(ctx, *cohort);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) {
    auto p = my_papers(ctx);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, ctx.tr("Final papers"), views::my_papers(ctx, *p, &r.error()),
                                r.error());
  }
  return web::redirect_with(ctx, paper_path(*r) + "/edit", "ok",
                            ctx.tr("Your paper has been started. Give it a title."));
}

Response cohort_list(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = cohort_papers(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Final papers: {cohort}", {{"cohort", p->cohort.name}}),
                   views::cohort_papers(ctx, *p));
}

Response cohort_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = cohort_papers(ctx, *id);
  if (!p) return not_found(ctx);
  return web::table_download(views::cohort_table(ctx, *p), xlsx, ctx.tr, ctx.tr("Final papers"),
                             "papers-" + std::to_string(*id));
}

// ---------------------------------------------------------------- settings

CriterionForm criterion_form(const Request& req) {
  return {f(req, "title"), f(req, "description"), f(req, "scale_max"), f(req, "position")};
}

Response settings_problem(Ctx& ctx, int64_t cohort, const Error& e, int64_t criterion,
                          const CriterionForm* typed, const std::string* dates) {
  auto p = settings_page(ctx, cohort);
  if (!p) return not_found(ctx);
  if (typed) p->criterion = *typed;
  if (dates)
    for (int k = 0; k < 3; ++k) p->dates[k] = dates[k];
  return web::form_error_page(ctx, ctx.tr("Milestones and rubric"),
                              views::settings(ctx, *p, &e, criterion), e);
}

Response settings_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = settings_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Milestones and rubric"), views::settings(ctx, *p, nullptr));
}

Response settings_save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  std::string dates[3];
  for (int k = 0; k < 3; ++k) dates[k] = f(req, std::string("due_") + kMilestones[k]);
  auto st = save_milestones(ctx, *id, dates);
  if (!st && refused(st.error())) return not_found(ctx);
  if (!st) return settings_problem(ctx, *id, st.error(), 0, nullptr, dates);
  return web::redirect_with(ctx, settings_path(*id), "ok",
                            ctx.tr("The milestones have been saved."));
}

Response criterion_add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = criterion_form(req);
  auto r = add_criterion(ctx, *id, form);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) return settings_problem(ctx, *id, r.error(), 0, &form, nullptr);
  return web::redirect_with(ctx, settings_path(*id) + "#rubric", "ok",
                            ctx.tr("The criterion has been added."));
}

Response criterion_save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  // Each criterion's form names its fields after it (title_7 …), so that the
  // page's ids stay unique.
  const auto suffix = "_" + std::to_string(*id);
  CriterionForm form{f(req, "title" + suffix), f(req, "description" + suffix),
                     f(req, "scale_max" + suffix), f(req, "position" + suffix)};
  auto r = update_criterion(ctx, *id, form);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) {
    auto c = store::find_criterion(ctx.db, *id);
    if (!c) return not_found(ctx);
    Error e = r.error();
    if (!e.field.empty()) e.field += suffix;
    return settings_problem(ctx, c->cohort_id, e, *id, nullptr, nullptr);
  }
  return web::redirect_with(ctx, settings_path(*r) + "#rubric", "ok",
                            ctx.tr("The criterion has been saved."));
}

Response criterion_delete(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto r = delete_criterion(ctx, *id);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) {
    auto c = store::find_criterion(ctx.db, *id);
    if (!c) return not_found(ctx);
    return settings_problem(ctx, c->cohort_id, r.error(), *id, nullptr, nullptr);
  }
  return web::redirect_with(ctx, settings_path(*r) + "#rubric", "ok",
                            ctx.tr("The criterion has been deleted."));
}

// ---------------------------------------------------------- starting papers

Response new_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = new_paper_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Start papers"), views::new_paper(ctx, *p, nullptr));
}

Response new_create(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  const auto participant = f(req, "participant"), supervisor = f(req, "supervisor");
  auto r = start_papers(ctx, *id, participant, supervisor);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) {
    auto p = new_paper_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->participant = participant;
    p->supervisor = supervisor;
    return web::form_error_page(ctx, ctx.tr("Start papers"), views::new_paper(ctx, *p, &r.error()),
                                r.error());
  }
  return web::redirect_with(
      ctx, "/cohorts/" + std::to_string(*id) + "/papers", "ok",
      ctx.tr.plural("{n} paper has been started.", "{n} papers have been started.", *r));
}

// ------------------------------------------------------------------ paper

Response paper_problem(Ctx& ctx, int64_t id, const views::PaperProblem& problem) {
  auto p = paper_page(ctx, id);
  if (!p) return not_found(ctx);
  return web::form_error_page(ctx, ctx.tr("Final paper"), views::paper(ctx, *p, problem),
                              *problem.error);
}

Response show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = paper_page(ctx, *id);
  if (!p) return not_found(ctx);
  const auto* text = views::text_for(p->paper, ctx.tr.language());
  return web::page(ctx, text ? text->title : ctx.tr("Final paper"), views::paper(ctx, *p));
}

Response edit_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = edit_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Edit the paper"), views::edit(ctx, *p, nullptr));
}

PaperForm paper_form(const Request& req) {
  PaperForm form;
  for (size_t i = 0; i < 12; ++i) {
    const auto n = std::to_string(i);
    if (!req.form.fields.get("language_" + n) && !req.form.fields.get("title_" + n)) break;
    form.texts.push_back({f(req, "language_" + n), f(req, "title_" + n), f(req, "abstract_" + n)});
  }
  form.topics = f(req, "topics");
  form.countries = req.form.fields.all("country");
  form.target_groups = req.form.fields.all("target_group");
  form.dimensions = req.form.fields.all("dimension");
  form.gcm = req.form.fields.all("gcm");
  return form;
}

Response edit_save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto form = paper_form(req);
  auto st = update_paper(ctx, *id, form);
  if (!st && refused(st.error())) return not_found(ctx);
  if (!st) {
    auto p = edit_page(ctx, *id);
    if (!p) return not_found(ctx);
    p->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Edit the paper"), views::edit(ctx, *p, &st.error()),
                                st.error());
  }
  return web::redirect_with(ctx, paper_path(*id), "ok", ctx.tr("The paper has been saved."));
}

Response supervisor_save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto st = change_supervisor(ctx, *id, f(req, "supervisor"));
  if (!st && refused(st.error())) return not_found(ctx);
  if (!st) {
    views::PaperProblem problem;
    problem.form = views::PaperProblem::Form::supervisor;
    problem.error = &st.error();
    return paper_problem(ctx, *id, problem);
  }
  return web::redirect_with(ctx, paper_path(*id), "ok", ctx.tr("The supervisor has been changed."));
}

// ---------------------------------------------------------------- versions

Response version_upload(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  UploadForm form;
  form.milestone = f(req, "milestone");
  form.note = f(req, "note");
  for (const auto& file : req.form.files)
    if (file.field == "file" && !file.filename.empty()) {
      form.filename = file.filename;
      form.data = file.data;
    }
  auto r = upload_version(ctx, *id, form);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) {
    views::PaperProblem problem;
    problem.form = views::PaperProblem::Form::upload;
    problem.error = &r.error();
    problem.milestone = form.milestone;
    problem.note = form.note;
    return paper_problem(ctx, *id, problem);
  }
  return web::redirect_with(ctx, paper_path(*id) + "#versions", "ok",
                            ctx.tr("The version has been uploaded; your supervisor is told by "
                                   "mail."));
}

Response version_download(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto v = version_file(ctx, *id);
  if (!v) return not_found(ctx);
  Response res;
  res.set("Content-Type", v->version.content_type);
  res.set("Content-Disposition", curriculum::attachment(v->version.filename));
  res.set("Cache-Control", "private, no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.body = std::move(v->data);
  return res;
}

Response comment_add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  const auto body = f(req, "body");
  auto r = add_comment(ctx, *id, body);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) {
    auto v = store::find_version(ctx.db, *id, false);
    if (!v) return not_found(ctx);
    // The page has a comment form per version: the field is this version's.
    Error e = r.error();
    if (!e.field.empty()) e.field += "-" + std::to_string(*id);
    views::PaperProblem problem;
    problem.form = views::PaperProblem::Form::comment;
    problem.error = &e;
    problem.version_id = *id;
    problem.comment = body;
    return paper_problem(ctx, v->version.paper_id, problem);
  }
  return web::redirect_with(ctx, paper_path(*r) + "#versions", "ok",
                            ctx.tr("Your comment has been added."));
}

// ------------------------------------------------------------------ assess

Response assess_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = assess_page(ctx, *id);
  if (!p && refused(p.error())) return not_found(ctx);
  if (!p) return web::redirect_with(ctx, paper_path(*id), "error", ctx.tr.error(p.error()));
  return web::page(ctx, ctx.tr("Assess the paper"), views::assess(ctx, *p, nullptr));
}

Response assess_save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  AssessForm form;
  form.feedback = f(req, "feedback");
  form.decision = f(req, "decision");
  auto page = assess_page(ctx, *id);
  if (!page && refused(page.error())) return not_found(ctx);
  if (page)
    for (const auto& c : page->criteria)
      form.scores.emplace_back(c.id, f(req, "score_" + std::to_string(c.id)));
  auto st = assess(ctx, *id, form);
  if (!st && refused(st.error())) return not_found(ctx);
  if (!st) {
    if (!page) return web::redirect_with(ctx, paper_path(*id), "error", ctx.tr.error(st.error()));
    page->form = std::move(form);
    return web::form_error_page(ctx, ctx.tr("Assess the paper"),
                                views::assess(ctx, *page, &st.error()), st.error());
  }
  return web::redirect_with(ctx, paper_path(*id) + "#feedback", "ok",
                            ctx.tr("The assessment has been saved; the author is told by mail."));
}

}  // namespace

void register_routes(app::Router& r) {
  r.get("/papers", mine);
  r.post("/papers", start_own);
  r.get("/cohorts/{id}/papers", cohort_list);
  r.get("/cohorts/{id}/papers.csv", [](Request& q, Ctx& c) { return cohort_export(q, c, false); });
  r.get("/cohorts/{id}/papers.xlsx", [](Request& q, Ctx& c) { return cohort_export(q, c, true); });
  r.get("/cohorts/{id}/papers/settings", settings_show);
  r.post("/cohorts/{id}/papers/settings", settings_save);
  r.post("/cohorts/{id}/papers/criteria", criterion_add);
  r.post("/rubric-criteria/{id}", criterion_save);
  r.post("/rubric-criteria/{id}/delete", criterion_delete);
  r.get("/cohorts/{id}/papers/new", new_show);
  r.post("/cohorts/{id}/papers/new", new_create);
  r.get("/papers/{id}", show);
  r.get("/papers/{id}/edit", edit_show);
  r.post("/papers/{id}/edit", edit_save);
  r.post("/papers/{id}/supervisor", supervisor_save);
  r.post_files("/papers/{id}/versions", version_upload);
  r.get("/paper-versions/{id}", version_download);
  r.post("/paper-versions/{id}/comments", comment_add);
  r.get("/papers/{id}/assess", assess_show);
  r.post("/papers/{id}/assess", assess_save);
}

}  // namespace crm::papers

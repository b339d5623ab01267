#include "admissions/review_routes.hpp"

#include <random>

#include "admissions/review_service.hpp"
#include "admissions/review_views.hpp"
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

Response not_found(Ctx& ctx) {
  return web::error_page(ctx, 404);
}

bool refused(const Error& e) {
  return e.kind != ErrorKind::invalid;
}

std::string call_path(int64_t id) {
  return "/calls/" + std::to_string(id);
}

// ------------------------------------------------------------------ staff

std::string reviewers_title(Ctx& ctx, const review::ReviewersPage& p) {
  return ctx.tr("Reviewers: {call}", {{"call", p.call.title}});
}

Response reviewers_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = review::reviewers_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, reviewers_title(ctx, *p), review_views::reviewers(ctx, *p, nullptr));
}

Response reviewers_problem(Ctx& ctx, int64_t call, const Error& e,
                           const review::ReviewerForm* form) {
  auto p = review::reviewers_page(ctx, call);
  if (!p) return not_found(ctx);
  if (form) p->form = *form;
  return web::form_error_page(ctx, reviewers_title(ctx, *p), review_views::reviewers(ctx, *p, &e),
                              e);
}

Response reviewer_add(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  review::ReviewerForm form{f(req, "email"),   f(req, "name"),     f(req, "organisation"),
                            f(req, "country"), f(req, "language"), f(req, "role")};
  auto r = review::add_reviewer(ctx, *id, form);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) return reviewers_problem(ctx, *id, r.error(), &form);
  return web::redirect_with(ctx, call_path(*id) + "/reviewers", "ok",
                            *r == review::Added::reviewer
                                ? ctx.tr("The reviewer has been added.")
                                : ctx.tr("An invitation has been sent. They join the call's "
                                         "reviewers once they have accepted it."));
}

Response reviewer_remove(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  auto account = req.param_id("account");
  if (!id || !account) return not_found(ctx);
  auto st = review::remove_reviewer(ctx, *id, *account);
  if (!st) return not_found(ctx);
  return web::redirect_with(ctx, call_path(*id) + "/reviewers", "ok",
                            ctx.tr("The reviewer has been removed; their open reviews of this "
                                   "call are dropped."));
}

Response assign_post(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  if (f(req, "mode") == "hand") {
    auto app = parse_whole_number(f(req, "application"));
    auto who = parse_whole_number(f(req, "reviewer"));
    auto stage = parse_whole_number(f(req, "stage"));
    auto st = review::assign_by_hand(ctx, *id, app.value_or(0), who.value_or(0),
                                     static_cast<int>(stage.value_or(1)));
    if (!st && refused(st.error())) return not_found(ctx);
    if (!st) return reviewers_problem(ctx, *id, st.error(), nullptr);
    return web::redirect_with(ctx, call_path(*id) + "/reviewers", "ok",
                              ctx.tr("The application has been assigned."));
  }
  std::random_device rd;
  const uint64_t seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  auto r = review::assign_evenly(ctx, *id, seed);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) return reviewers_problem(ctx, *id, r.error(), nullptr);
  if (!r->uncovered.empty()) {
    auto p = review::reviewers_page(ctx, *id);
    if (!p) return not_found(ctx);
    ctx.flash = web::Flash{"error", ctx.tr.plural("{n} assignment made; some applications could "
                                                  "not get all their reviewers.",
                                                  "{n} assignments made; some applications could "
                                                  "not get all their reviewers.",
                                                  r->added)};
    return web::page(ctx, reviewers_title(ctx, *p),
                     review_views::reviewers(ctx, *p, nullptr, &r->uncovered));
  }
  return web::redirect_with(
      ctx, call_path(*id) + "/reviewers", "ok",
      ctx.tr.plural("{n} assignment made: every application has its reviewers.",
                    "{n} assignments made: every application has its reviewers.", r->added));
}

Response progress_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = review::progress_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, ctx.tr("Reviews: {call}", {{"call", p->call.title}}),
                   review_views::progress(ctx, *p));
}

Response progress_export(Request& req, Ctx& ctx, bool xlsx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = review::progress_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::table_download(review_views::progress_table(ctx, *p), xlsx, ctx.tr, ctx.tr("Reviews"),
                             "reviews-" + std::to_string(*id));
}

// ---------------------------------------------------------------- reviewer

Response mine(Request&, Ctx& ctx) {
  auto r = review::my_reviews(ctx);
  if (!r) return not_found(ctx);
  return web::page(ctx, ctx.tr("My reviews"), review_views::my_reviews(ctx, *r));
}

Response mine_export(Request&, Ctx& ctx, bool xlsx) {
  auto r = review::my_reviews(ctx);
  if (!r) return not_found(ctx);
  return web::table_download(review_views::my_reviews_table(ctx, *r), xlsx, ctx.tr,
                             ctx.tr("My reviews"), "my-reviews");
}

std::string review_title(Ctx& ctx, int64_t assignment) {
  return ctx.tr("Application {n}", {{"n", ctx.tr.number(assignment)}});
}

Response review_show(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = review::review_page(ctx, *id);
  if (!p) return not_found(ctx);
  return web::page(ctx, review_title(ctx, *id), review_views::review(ctx, *p, {}, nullptr));
}

Response review_save(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  auto p = review::review_page(ctx, *id);
  if (!p) return not_found(ctx);
  review::Typed typed;
  for (const auto& c : p->criteria) {
    const auto k = std::to_string(c.id);
    typed[c.id] = {f(req, "score_" + k), f(req, "comment_" + k)};
  }
  auto r = review::submit_review(ctx, *id, typed);
  if (!r) return not_found(ctx);
  if (!r->empty())
    return web::form_error_page(ctx, review_title(ctx, *id),
                                review_views::review(ctx, *p, *r, &typed), *r);
  return web::redirect_with(ctx, "/reviews/" + std::to_string(*id) + "#score", "ok",
                            ctx.tr("Your review has been saved."));
}

Response conflict(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return not_found(ctx);
  const auto reason = f(req, "reason");
  auto r = review::declare_conflict(ctx, *id, reason);
  if (!r && refused(r.error())) return not_found(ctx);
  if (!r) {
    auto p = review::review_page(ctx, *id);
    if (!p) return not_found(ctx);
    return web::form_error_page(ctx, review_title(ctx, *id),
                                review_views::review(ctx, *p, {}, nullptr, &r.error(), reason),
                                r.error());
  }
  return web::redirect_with(ctx, "/reviews", "ok",
                            *r ? ctx.tr("Thank you: the application goes to another reviewer.")
                               : ctx.tr("Thank you: the application has been taken from you. No "
                                        "other reviewer was free; staff will assign one."));
}

}  // namespace

void register_review_routes(app::Router& r) {
  r.get("/calls/{id}/reviewers", reviewers_show);
  r.post("/calls/{id}/reviewers", reviewer_add);
  r.post("/calls/{id}/reviewers/{account}/delete", reviewer_remove);
  r.post("/calls/{id}/assign", assign_post);
  r.get("/calls/{id}/reviews", progress_show);
  r.get("/calls/{id}/reviews.csv", [](Request& q, Ctx& c) { return progress_export(q, c, false); });
  r.get("/calls/{id}/reviews.xlsx", [](Request& q, Ctx& c) { return progress_export(q, c, true); });
  r.get("/reviews", mine);
  r.get("/reviews.csv", [](Request& q, Ctx& c) { return mine_export(q, c, false); });
  r.get("/reviews.xlsx", [](Request& q, Ctx& c) { return mine_export(q, c, true); });
  r.get("/reviews/{id}", review_show);
  r.post("/reviews/{id}", review_save);
  r.post("/reviews/{id}/conflict", conflict);
}

}  // namespace crm::admissions

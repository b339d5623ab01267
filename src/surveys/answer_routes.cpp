#include "surveys/answer_routes.hpp"

#include <functional>

#include "surveys/answer_service.hpp"
#include "surveys/answer_views.hpp"
#include "web/cookies.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::surveys {

namespace {

using http::Request;
using http::Response;
using web::Ctx;
using Opened = std::variant<answer::Form, answer::Refusal>;
using Opener = std::function<Opened(Request&, Ctx&)>;

Opened by_token(Request& req, Ctx& ctx) {
  auto picked = req.cookie(web::kLanguageCookie);
  return answer::open_by_token(ctx, req.param("token"), std::string(picked.value_or("")));
}

Opened by_invitation(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return answer::Refusal{404, "Page not found"};
  return answer::open_by_invitation(ctx, *id);
}

Response refused(Ctx& ctx, const answer::Refusal& r, bool thank_when_answered) {
  if (r.answered && thank_when_answered)
    return web::page(ctx, ctx.tr("Thank you"), answer_views::thanks(ctx, ""));
  if (r.key == "Page not found") return web::error_page(ctx, 404);
  if (r.status == 429) {
    auto res = web::page(ctx, ctx.tr("Too many attempts"), answer_views::refusal(ctx, r), 429);
    res.set("Retry-After", std::to_string(r.retry_after));
    return res;
  }
  return web::page(ctx, ctx.tr("This survey link cannot be used"), answer_views::refusal(ctx, r),
                   r.status);
}

std::string page_path(const answer::Form& f, long n) {
  return f.base + "/page/" + std::to_string(n);
}

long page_number(const Request& req) {
  auto n = parse_whole_number(req.param("n"));
  return n && *n > 0 && *n < 100000 ? static_cast<long>(*n) : 0;
}

Response start(Request& req, Ctx& ctx, const Opener& open) {
  auto o = open(req, ctx);
  if (auto* r = std::get_if<answer::Refusal>(&o)) return refused(ctx, *r, true);
  auto& f = std::get<answer::Form>(o);
  // Coming back: on at the page where the respondent left off.
  if (f.draft) return http::redirect(page_path(f, answer::resume_page(f)));
  return web::page(ctx, answer_views::title(f), answer_views::start(ctx, f));
}

Response show(Request& req, Ctx& ctx, const Opener& open) {
  auto o = open(req, ctx);
  if (auto* r = std::get_if<answer::Refusal>(&o)) return refused(ctx, *r, false);
  auto& f = std::get<answer::Form>(o);
  long n = page_number(req);
  if (!answer::reachable(f, n)) return http::redirect(page_path(f, answer::resume_page(f)));
  auto state = answer::page_state(f, n);
  auto raw =
      answer::raw_of(f.version.definition, f.draft ? f.draft->answers : std::vector<Answer>{});
  return web::page(ctx, answer_views::title(f), answer_views::page(ctx, f, state, raw, {}));
}

Response save(Request& req, Ctx& ctx, const Opener& open) {
  auto o = open(req, ctx);
  if (auto* r = std::get_if<answer::Refusal>(&o)) return refused(ctx, *r, false);
  auto& f = std::get<answer::Form>(o);
  long n = page_number(req);
  if (!answer::reachable(f, n)) return http::redirect(page_path(f, answer::resume_page(f)));
  answer::Raw raw;
  for (const auto& [k, v] : req.form.fields.items)
    if (k.rfind("q.", 0) == 0 || k.rfind("m.", 0) == 0) raw[k].push_back(v);
  std::string action = req.form.fields.value("action");
  if (action != "back" && action != "submit") action = "next";
  auto saved = answer::save_page(ctx, f, n, raw, action);
  if (saved.problems.empty()) return http::redirect(saved.location);
  bool conflict = !saved.problems.empty() && saved.problems.front().field.empty();
  auto state = answer::page_state(f, n);
  state.shown = saved.checked.shown;
  return web::form_error_page(ctx, answer_views::title(f),
                              answer_views::page(ctx, f, state, raw, saved.problems),
                              saved.problems, conflict ? 409 : 422);
}

Response done(Request& req, Ctx& ctx, const Opener& open) {
  auto o = open(req, ctx);
  if (auto* r = std::get_if<answer::Refusal>(&o)) return refused(ctx, *r, true);
  // Not submitted yet: back to where the respondent is.
  auto& f = std::get<answer::Form>(o);
  return http::redirect(f.draft ? page_path(f, answer::resume_page(f)) : f.base);
}

Response mine(Request&, Ctx& ctx) {
  auto list = answer::my_surveys(ctx);
  if (!list) return web::error_page(ctx, 404);
  return web::page(ctx, ctx.tr("My surveys"), answer_views::my_surveys(ctx, *list));
}

}  // namespace

void register_answer_routes(app::Router& r) {
  r.get("/s/{token}", [](Request& q, Ctx& c) { return start(q, c, by_token); });
  r.get("/s/{token}/page/{n}", [](Request& q, Ctx& c) { return show(q, c, by_token); });
  r.post("/s/{token}/page/{n}", [](Request& q, Ctx& c) { return save(q, c, by_token); });
  r.get("/s/{token}/done", [](Request& q, Ctx& c) { return done(q, c, by_token); });
  r.get("/my/surveys", mine);
  r.get("/my/surveys/{id}", [](Request& q, Ctx& c) { return start(q, c, by_invitation); });
  r.get("/my/surveys/{id}/page/{n}", [](Request& q, Ctx& c) { return show(q, c, by_invitation); });
  r.post("/my/surveys/{id}/page/{n}", [](Request& q, Ctx& c) { return save(q, c, by_invitation); });
  r.get("/my/surveys/{id}/done", [](Request& q, Ctx& c) { return done(q, c, by_invitation); });
}

}  // namespace crm::surveys

#include "spaces/search_routes.hpp"

#include "search/index.hpp"
#include "spaces/search_service.hpp"
#include "spaces/search_views.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace crm::spaces {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

int page_of(const Request& req) {
  return static_cast<int>(web::page_param(req.query.value("page")));
}

// Hits may name what was hidden a moment later: never kept by a cache.
Response answer(Ctx& ctx, const SearchPage& p) {
  auto res = web::page(ctx, views::search_title(ctx, p), views::search_page(ctx, p));
  res.set("Cache-Control", "no-store");
  return res;
}

// The spaces' index hangs off the knowledge base's (search::Index::spaces).
SearchIndex* index_of(const Ctx& ctx) {
  return ctx.search ? ctx.search->spaces() : nullptr;
}

Response all_page(Request& req, Ctx& ctx) {
  auto* index = index_of(ctx);
  if (!index) return web::error_page(ctx, 503);
  return answer(ctx, spaces::search_all(ctx, *index, req.query.value("q"), page_of(req)));
}

Response space_page(Request& req, Ctx& ctx) {
  auto id = req.param_id("id");
  if (!id) return web::error_page(ctx, 404);
  auto* index = index_of(ctx);
  if (!index) return web::error_page(ctx, 503);
  auto p = spaces::search_space(ctx, *index, *id, req.query.value("q"), page_of(req));
  if (!p) return web::error_page(ctx, 404);
  return answer(ctx, *p);
}

}  // namespace

void register_search_routes(app::Router& r) {
  r.get("/spaces/search", all_page);
  r.get("/spaces/{id}/search", space_page);
}

}  // namespace crm::spaces

#include "knowledge/search_routes.hpp"

#include "knowledge/search_service.hpp"
#include "knowledge/search_views.hpp"
#include "web/layout.hpp"

namespace crm::knowledge {

namespace {

using http::Request;
using http::Response;
using web::Ctx;

constexpr int kFeedEntries = 50;

Response list(Request& req, Ctx& ctx) {
  if (!ctx.search) return web::error_page(ctx, 503);
  auto p = knowledge_page(ctx, req.query);
  web::PageHead head;
  head.description = ctx.tr(
      "Final papers, practice projects and curated publications on return and reintegration.");
  auto res = web::page(ctx, ctx.tr("Knowledge base"), views::knowledge_page(ctx, p),
                       p.bad_filters.empty() ? 200 : 422, head);
  // A withdrawn work must not linger in a cache.
  res.set("Cache-Control", "no-cache");
  return res;
}

Response feed(Request&, Ctx& ctx) {
  if (!ctx.search) return web::error_page(ctx, 503);
  auto newest = newest_published(ctx, kFeedEntries);
  Response res;
  res.set("Content-Type", "application/atom+xml; charset=utf-8");
  res.set("Cache-Control", "no-cache");
  res.set("X-Content-Type-Options", "nosniff");
  res.body = views::atom_feed(ctx, newest, ctx.config.base_url);
  return res;
}

}  // namespace

void register_search_routes(app::Router& r) {
  r.get("/knowledge", list);
  r.get("/knowledge/feed.atom", feed);
}

}  // namespace crm::knowledge

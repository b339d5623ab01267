#include "spaces/search_views.hpp"

#include <fmt/format.h>

#include "http/parse.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::spaces::views {

namespace {

using web::Html;

std::string action_of(const SearchPage& p) {
  return p.space_id ? fmt::format("/spaces/{}/search", p.space_id) : "/spaces/search";
}

}  // namespace

std::string search_title(const web::Ctx& ctx, const SearchPage& p) {
  return p.space_id ? ctx.tr("Search in {space}", {{"space", p.space_name}})
                    : ctx.tr("Search the spaces");
}

void search_box(Html& h, const web::Ctx& ctx, const std::string& action, const std::string& q) {
  const auto& t = ctx.tr;
  h.open("form",
         {{"method", "get"}, {"action", action}, {"role", "search"}, {"class", "kb-query"}});
  h.el("label", {{"for", "space-q"}}, t("Words to search for"));
  h.open("div", {{"class", "pair"}});
  h.empty("input", {{"type", "search"},
                    {"id", "space-q"},
                    {"name", "q"},
                    {"value", q},
                    {"dir", "auto"},
                    {"maxlength", "1024"}});
  h.open("button", {{"type", "submit"}, {"class", "button primary"}})
      .text(t("Search"))
      .close("button");
  h.close("div");
  h.close("form");
}

std::string search_page(const web::Ctx& ctx, const SearchPage& p) {
  const auto& t = ctx.tr;
  Html h;
  if (p.space_id) {
    h.open("p").open("a", {{"href", fmt::format("/spaces/{}", p.space_id)}});
    h.bdi(p.space_name).close("a").close("p");
    // The name isolated where the language puts it in the sentence.
    const std::string title = t("Search in {space}", {{"space", "\x01"}});
    const size_t at = title.find('\x01');
    h.open("h1");
    if (at == std::string::npos) {
      h.text(title);
    } else {
      h.text(title.substr(0, at)).bdi(p.space_name).text(title.substr(at + 1));
    }
    h.close("h1");
  } else {
    h.el("h1", t("Search the spaces"));
  }
  search_box(h, ctx, action_of(p), p.q);
  if (p.space_id && p.space_protected)
    h.el("p", {{"class", "hint"}},
         t("This space is protected: what is said here is found only by searching inside it."));
  if (!p.space_id && p.protected_left_out > 0)
    h.el("p", {{"class", "hint"}},
         t("Protected spaces are not searched here: search inside each of them from its page."));
  if (!p.searched) return std::move(h).str();
  const auto& r = p.result;
  if (r.notice == search::QueryNotice::shortened)
    h.el("p", {{"class", "hint"}}, t("The search was long and has been shortened."));
  h.el("h2", {{"role", "status"}},
       r.total == 0 ? t("Nothing found.") : t.plural("{n} post found", "{n} posts found", r.total));
  if (!p.rows.empty()) {
    h.open("ol", {{"class", "plain kb-list"}});
    for (const auto& row : p.rows) {
      h.open("li").open("article", {{"class", "kb-hit"}});
      h.open("h3")
          .open("a", {{"href", fmt::format("/posts/{}", row.hit.post_id)}})
          .bdi(row.title.empty() ? t("Untitled") : row.title)
          .close("a")
          .close("h3");
      h.open("p", {{"class", "muted kb-meta"}});
      if (!p.space_id) h.bdi(row.space_name).text(" · ");
      if (!row.author.empty()) h.bdi(row.author).text(" · ");
      h.text(t.date_time(row.hit.created_at));
      h.close("p");
      // Escaped by the highlighter; only its own <mark> elements are markup.
      if (!row.hit.snippet_html.empty())
        h.open("p", {{"class", "kb-snippet"}, {"dir", "auto"}})
            .raw_trusted(row.hit.snippet_html)
            .close("p");
      h.close("article").close("li");
    }
    h.close("ol");
  }
  web::Pagination pg;
  pg.page = r.page;
  pg.per_page = kSearchPerPage;
  pg.total = r.total;
  http::Fields f;
  f.items.emplace_back("q", p.q);
  web::pagination(h, ctx, pg, action_of(p) + "?" + http::encode_query(f));
  return std::move(h).str();
}

}  // namespace crm::spaces::views

#include "knowledge/search_service.hpp"

#include <algorithm>

#include "knowledge/policy.hpp"
#include "knowledge/search_store.hpp"
#include "knowledge/vocabulary.hpp"
#include "programme/countries.hpp"

namespace crm::knowledge {

namespace {

bool digits(std::string_view s, size_t max) {
  return !s.empty() && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A filter value the facet can hold: codes of the fixed lists, ISO country
// codes, numbers for cohorts and years, language codes; topics are free
// text (any value up to the index's length).
bool valid_filter(std::string_view facet, std::string_view v) {
  if (facet == "country") return programme::is_country(v);
  if (facet == "topic") return !v.empty() && v.size() <= 200;
  if (facet == "cohort") return digits(v, 18);
  if (facet == "year") return digits(v, 4);
  if (facet == "language")
    return v.size() == 2 &&
           std::all_of(v.begin(), v.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (facet == "kind") return v == "paper" || v == "project" || find_term(resource_kinds(), v);
  return find_term(terms_of_kind(facet), v) != nullptr;  // target_group, dimension, gcm, sdg
}

search::Visibility visibility(web::Ctx& ctx) {
  search::Visibility v;
  if (ctx.actor.role == auth::Role::admin && policy::can_search_unpublished(ctx.actor.role, true)) {
    v.all = true;
    return v;
  }
  if (ctx.actor.role == auth::Role::staff)
    for (int64_t p : search_store::team_programmes(ctx.db, ctx.actor.id))
      if (policy::can_search_unpublished(ctx.actor.role, true)) v.programmes.push_back(p);
  return v;
}

}  // namespace

KnowledgePage knowledge_page(web::Ctx& ctx, const http::Fields& query) {
  KnowledgePage p;
  p.q = query.value("q");
  search::SearchRequest r;
  r.q = p.q;
  r.language = std::string(ctx.tr.language());
  r.per_page = kResultsPerPage;
  auto page = query.value("page");
  r.page = digits(page, 4) ? std::max(1, std::stoi(page)) : 1;
  for (const char* facet : search::kFacets) {
    for (const auto& v : query.all(facet)) {
      if (v.empty()) continue;
      if (!valid_filter(facet, v)) {
        p.bad_filters.push_back(v);
        continue;
      }
      auto& list = p.filters[facet];
      if (std::find(list.begin(), list.end(), v) == list.end() && list.size() < 20)
        list.push_back(v);
    }
  }
  r.filters = p.filters;
  r.visibility = visibility(ctx);
  p.sees_unpublished = r.visibility.all || !r.visibility.programmes.empty();
  p.result = ctx.search->search(ctx.db, r);
  if (p.result.facets.count("cohort") || p.filters.count("cohort"))
    p.cohort_names = search_store::cohort_names(ctx.db);
  return p;
}

search::SearchResult newest_published(web::Ctx& ctx, int count) {
  search::SearchRequest r;
  r.language = std::string(ctx.tr.language());
  r.per_page = count;
  return ctx.search->search(ctx.db, r);
}

}  // namespace crm::knowledge

// The knowledge base's list and search (/knowledge) and its Atom feed: who
// sees what (knowledge/policy.hpp), the filters read from the query string
// and checked, the search itself (search/index.hpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "http/parse.hpp"
#include "search/index.hpp"
#include "web/context.hpp"

namespace crm::knowledge {

inline constexpr int kResultsPerPage = 20;

struct KnowledgePage {
  std::string q;
  std::map<std::string, std::vector<std::string>> filters;  // checked values only
  search::SearchResult result;
  std::map<int64_t, std::string> cohort_names;  // when the cohort facet has values
  bool sees_unpublished = false;
  // Filter values that are not known (the page says so, answered 422).
  std::vector<std::string> bad_filters;
};

// REQUIRES (both): ctx.search is set.
KnowledgePage knowledge_page(web::Ctx& ctx, const http::Fields& query);

// The newest published works and resources for the feed (the public's view,
// whoever asks).
search::SearchResult newest_published(web::Ctx& ctx, int count);

}  // namespace crm::knowledge

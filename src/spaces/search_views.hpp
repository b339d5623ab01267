// The pages of searching the spaces: the search box and the hits.
#pragma once

#include <string>

#include "spaces/search_service.hpp"
#include "web/context.hpp"
#include "web/html.hpp"

namespace crm::spaces::views {

// The page's title: "Search the spaces" or "Search in {space}".
std::string search_title(const web::Ctx& ctx, const SearchPage& p);
// The <main> content of /spaces/search and /spaces/{id}/search.
std::string search_page(const web::Ctx& ctx, const SearchPage& p);
// The search box alone, for other pages (the space page): GET to `action`.
void search_box(web::Html& h, const web::Ctx& ctx, const std::string& action, const std::string& q);

}  // namespace crm::spaces::views

// The knowledge base's list and search page and its Atom feed.
#pragma once

#include <string>

#include "knowledge/search_service.hpp"
#include "web/context.hpp"

namespace crm::knowledge::views {

// The inside of <main> for /knowledge.
std::string knowledge_page(const web::Ctx& ctx, const KnowledgePage& p);

// The Atom document (valid Atom 1.0; every text escaped, control characters
// dropped). `base_url`: the site's public address.
std::string atom_feed(const web::Ctx& ctx, const search::SearchResult& newest,
                      const std::string& base_url);

// The public (or, unpublished, the internal) address of a hit.
std::string hit_href(const search::Hit& h);

}  // namespace crm::knowledge::views

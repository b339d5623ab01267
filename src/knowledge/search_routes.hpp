// The knowledge base's public list and search (/knowledge) and its Atom feed
// (/knowledge/feed.atom).
#pragma once

#include "app/app.hpp"

namespace crm::knowledge {

void register_search_routes(app::Router& r);

}  // namespace crm::knowledge

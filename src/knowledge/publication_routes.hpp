// HTTP handlers of publishing and of the public work pages (parse the
// request, one service call, one view).
#pragma once

#include "app/app.hpp"

namespace crm::knowledge {

// /papers/{id}/publish (GET, POST), /papers/{id}/withdraw, /projects/{id}/publish (GET, POST),
// /projects/{id}/withdraw, /knowledge/works/{n} (+ .bib, .ris, /file),
// /knowledge/resources/{id} (+ .bib, .ris, /file)
void register_publication_routes(app::Router& r);

}  // namespace crm::knowledge

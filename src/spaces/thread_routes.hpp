// HTTP handlers of the spaces' reading and posting: GET /spaces,
// GET /spaces/{id}, POST /spaces/{id}/threads, GET /threads/{id},
// POST /threads/{id}/posts, GET /posts/{id} (thread_service.hpp).
#pragma once

#include "app/app.hpp"

namespace crm::spaces {

void register_thread_routes(app::Router& r);

}  // namespace crm::spaces

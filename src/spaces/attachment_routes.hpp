// HTTP handlers of attachments: the files themselves (GET /attachments/{id},
// /attachments/{id}/small) and the author's form to add files to their post
// (GET/POST /posts/{id}/attachments).
#pragma once

#include "app/app.hpp"

namespace crm::spaces {
void register_attachment_routes(app::Router& r);
}  // namespace crm::spaces

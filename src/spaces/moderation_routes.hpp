// HTTP handlers of a post's edit, delete, history, report and hiding, the
// moderators' queue of reports and a thread's lock, pin and move (parse the
// request, one service call, one view).
#pragma once

#include "app/app.hpp"

namespace crm::spaces {
// /posts/{id}/edit|delete|history|report|hide|unhide, /spaces/{id}/reports,
// /threads/{id}/lock|unlock|pin|unpin|move
void register_moderation_routes(app::Router& r);
}  // namespace crm::spaces

// The pages of the spaces everyone reads: /spaces, a space's page and a
// thread's page (thread_service.hpp gives what they show). Views only: no
// database, no permission logic (the page models say what the reader may do).
#pragma once

#include <string>
#include <vector>

#include "spaces/thread_service.hpp"
#include "web/context.hpp"
#include "web/forms.hpp"

namespace crm::spaces::thread_views {

std::string my_spaces(const web::Ctx& ctx, const std::vector<thread_service::SpaceEntry>& spaces);

// `form` and `problem`: after a refused new thread, what was typed and why (else null/empty).
std::string space(const web::Ctx& ctx, const thread_service::SpacePage& p,
                  const thread_service::ThreadForm* form, const web::Problem* problem);

// `reply_to`: the post the reply form answers (?reply_to=), "" for none.
std::string thread(const web::Ctx& ctx, const thread_service::ThreadPage& p,
                   const thread_service::ReplyForm* form, const web::Problem* problem);

}  // namespace crm::spaces::thread_views

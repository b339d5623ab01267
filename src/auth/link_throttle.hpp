// Links that are looked up without signing in (survey links /s/{token}):
// guessing them is slowed per network, the way failed logins are
// (auth/throttle.hpp kLinkNetwork). Unknown links are counted in
// login_attempt (kind 'link', the network of http::throttle_network), so
// every app server sees the same count. A request that must wait is refused
// by the caller without its link being looked up, and is not counted: a
// scan cannot lengthen its own wait, and a known link keeps working for
// every other network.
#pragma once

#include <cstdint>

#include "web/context.hpp"

namespace crm::auth {

// Seconds the network of this request (ctx.remote_address) must wait before
// a link is looked up for it again; 0 when it may.
int64_t link_wait(web::Ctx& ctx);

// Counts an unknown link from this request's network. Its own transaction.
void record_unknown_link(web::Ctx& ctx);

}  // namespace crm::auth

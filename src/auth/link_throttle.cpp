#include "auth/link_throttle.hpp"

#include "auth/store.hpp"
#include "auth/throttle.hpp"
#include "http/client_address.hpp"

namespace crm::auth {

int64_t link_wait(web::Ctx& ctx) {
  auto f = store::link_failures_from_network(ctx.db, http::throttle_network(ctx.remote_address),
                                             ctx.now - throttle::kLinkNetwork.window);
  return throttle::wait(throttle::kLinkNetwork, f.count, f.last_at, ctx.now);
}

void record_unknown_link(web::Ctx& ctx) {
  store::Attempt attempt;
  attempt.kind = "link";
  attempt.address = ctx.remote_address;
  attempt.network = http::throttle_network(ctx.remote_address);
  db::Transaction tx(ctx.db);
  store::record_attempt(ctx.db, attempt, ctx.now);
  tx.commit();
}

}  // namespace crm::auth

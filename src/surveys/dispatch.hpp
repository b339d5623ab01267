// Sending a round's invitations and reminders: the job "survey.dispatch".
//
// Personal links. Only digests of links are stored (links.hpp), so the
// token of a link exists nowhere but in the mail that carries it:
// - Making a round writes each invitation with the digest of a random
//   token that is thrown away (the column is required and unique): nobody
//   holds that link. The job issues the real token when it sends the
//   invitation, and stores its digest in the transaction that queues the
//   mail (outbox) and sets sent_at.
// - A reminder needs the link again, and it cannot be read back: it issues
//   a NEW token for the invitation. The digest it replaces is kept as
//   previous_token_hash (migration 0014) so that the first mail's link
//   still works. Drafts do not depend on the link: an anonymous draft is
//   keyed by the invitation's draft seed (links.hpp, migration 0015), an
//   identified one by its person, so both links lead to the answers begun.
//
// The job (payload {"round": id}) runs at the round's opening and then at
// each next due time: an invitation's send_at, a reminder (reminder_days
// after sent_at, once per invitation, only while not answered), and for a
// graduates round daily, to invite those who completed since. It sends in
// each recipient's language (their account's, else the programme's
// default: the survey version's default language where crm speaks it, else
// English) and time zone. Nothing is sent before opening, after closing or
// for a cancelled round. Mails never contain answers.
#pragma once

#include <cstdint>
#include <string_view>

#include "jobs/runner.hpp"
#include "web/assets.hpp"
#include "web/context.hpp"

namespace crm::surveys {

constexpr std::string_view kDispatchJob = "survey.dispatch";
constexpr long kDispatchBatch = 500;  // mails per kind per run; the rest on the next run

// Asks for a dispatch of the round at `run_at` (one job per round and time).
// REQUIRES: an open transaction.
void enqueue_dispatch(web::Ctx& ctx, int64_t round, int64_t programme, int64_t run_at);

struct Dispatched {
  long invited = 0, sent = 0, reminded = 0;
  int64_t next = 0;  // when to run again (0: never)
};
// One run at ctx.now (ctx.actor: whom the audit names; 0: crm itself).
Dispatched dispatch(web::Ctx& ctx, int64_t round);

// Sends one reminder with a new link to each invitation of the round that
// was sent and not answered (`again`: also those reminded before), sent at
// or before `sent_before`. Each in its own transaction with its audit entry.
long send_reminders(web::Ctx& ctx, int64_t round, int64_t sent_before, bool again);

// The job's handler.
jobs::Handler dispatch_job(const Config& config, const Catalogs& catalogs,
                           const web::Assets& assets);

}  // namespace crm::surveys

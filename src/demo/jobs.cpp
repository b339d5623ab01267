// Demo jobs: a few that are done and a few that failed, so that a newcomer
// finds the jobs page (/admin/jobs) with something to look at and a failed
// job to retry.
#include <boost/json.hpp>

#include "demo/demo.hpp"
#include "jobs/service.hpp"
#include "mail/store.hpp"
#include "programme/store.hpp"

namespace crm::demo {

namespace {

// A message of the outbox and its send job, as they ended.
void mail(db::Session& db, const char* key, const char* to, const char* subject, jobs::State state,
          int attempts, const std::string& error, int64_t at) {
  int64_t id =
      mail::store::insert(db, to, "", subject, subject, "", std::string("demo-") + key, at);
  if (state == jobs::State::done)
    mail::store::mark_sent(db, id, at);
  else
    mail::store::mark_unsent(db, id, true, error);
  jobs::NewJob j;
  j.kind = "mail.send";
  j.payload = boost::json::serialize(boost::json::object{{"outbox", id}});
  j.key = std::string("demo:") + key;
  j.max_attempts = 8;
  jobs::record_finished(db, j, state, attempts, error, 0, at);
}

}  // namespace

void load_jobs(db::Session& db, int64_t now) {
  if (jobs::job_for_key(db, "demo:welcome")) return;
  db::Transaction tx(db);
  mail(db, "welcome", "participant@demo.crm.example", "Welcome to crm", jobs::State::done, 1, "",
       now - 3 * 86400);
  mail(db, "bounced", "no.such.person@demo.crm.example", "Your invitation to crm",
       jobs::State::failed, 1,
       "Failed sending data to the peer: RCPT failed: 550 (server: 550 5.1.1 "
       "<no.such.person@demo.crm.example>: recipient rejected)",
       now - 2 * 86400);
  mail(db, "login", "lecturer@demo.crm.example", "Reset your crm password", jobs::State::failed, 8,
       "Login denied (server: 535 5.7.8 Authentication credentials invalid)", now - 86400);
  jobs::NewJob import;
  import.kind = "import.commit";
  import.payload = "{\"import\":0}";
  import.key = "demo:import";
  import.max_attempts = 3;
  import.programme_id = programme::store::find_programme_id(db, "crm").value_or(0);
  jobs::record_finished(db, import, jobs::State::done, 1, "", 24, now - 4 * 86400);
  tx.commit();
}

}  // namespace crm::demo

#include "admissions/retention.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <set>

#include "admissions/retention_store.hpp"
#include "auth/service.hpp"
#include "jobs/service.hpp"

namespace crm::admissions::retention {

namespace {

namespace chr = std::chrono;

constexpr int64_t kDay = 86400;

std::string day_text(int64_t t) {
  chr::year_month_day d{chr::floor<chr::days>(chr::sys_seconds{chr::seconds{t}})};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

void enqueue_run(db::Session& db, int64_t run_at, int64_t now) {
  jobs::NewJob j;
  j.kind = std::string(kRetentionJob);
  j.key = std::string(kRetentionJob) + ":" + day_text(run_at);
  j.run_at = run_at;
  j.max_attempts = 3;
  jobs::enqueue(db, j, now);
}

// 03:00 UTC of the day after `now`'s.
int64_t next_run(int64_t now) {
  return (now / kDay + 1) * kDay + kRunHour * 3600;
}

}  // namespace

int64_t period_end(int64_t from, long months) {
  if (months <= 0) return from;
  const chr::sys_seconds at{chr::seconds{from}};
  const auto day = chr::floor<chr::days>(at);
  const auto time_of_day = at - day;
  chr::year_month_day d{day};
  chr::year_month_day end = d + chr::months{months};
  if (!end.ok()) end = end.year() / end.month() / chr::last;
  return (chr::sys_days{end} + time_of_day).time_since_epoch().count();
}

Outcome run(web::Ctx& ctx) {
  Outcome out;
  db::Transaction tx(ctx.db);
  std::vector<int64_t> due;
  std::set<int64_t> applications;
  std::map<int64_t, long> per_call;
  for (const auto& c : retention_store::candidates(ctx.db, ctx.now)) {
    if (period_end(c.from, c.months) > ctx.now) continue;
    due.push_back(c.document);
    applications.insert(c.application);
    ++per_call[c.call];
  }
  if (due.empty()) return out;
  out.documents = retention_store::empty_documents(ctx.db, due, ctx.now);
  out.applications = static_cast<long>(applications.size());
  std::string calls;
  for (const auto& [call, n] : per_call)
    calls += (calls.empty() ? "" : ",") + std::to_string(call) + ":" + std::to_string(n);
  auth::audit(ctx, std::string(kRetentionJob), "application_document", "",
              "documents=" + std::to_string(out.documents) +
                  " applications=" + std::to_string(out.applications) + " calls=" + calls);
  tx.commit();
  return out;
}

void schedule_retention(db::Session& db, int64_t now) {
  db::Transaction tx(db);
  enqueue_run(db, now, now);
  tx.commit();
}

jobs::Handler retention_job(const Config& config, const Catalogs& catalogs,
                            const web::Assets& assets) {
  return [&config, &catalogs, &assets](jobs::JobContext& jc) {
    web::Ctx ctx{jc.db, config, catalogs, assets, Tr(catalogs, "en")};
    ctx.now = jc.now;
    ctx.request_id = "job-" + std::to_string(jc.job.id);
    const Outcome o = run(ctx);
    // Tomorrow's run; nothing when it is queued already.
    db::Transaction tx(jc.db);
    enqueue_run(jc.db, next_run(jc.now), jc.now);
    tx.commit();
    jc.progress(o.documents, o.documents);
    return jobs::Outcome::done();
  };
}

}  // namespace crm::admissions::retention

// The job queue on both databases: enqueueing in the caller's transaction,
// idempotency keys, claims by several runners at once, leases that run out,
// retries with back-off and parking, scheduled jobs across a restart, progress
// seen by another session, and the administrators' jobs page.
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <map>
#include <mutex>
#include <thread>

#include "http/support/test_server.hpp"
#include "jobs/runner.hpp"
#include "jobs/service.hpp"
#include "jobs/store.hpp"

namespace crm::test {
namespace {

using namespace std::chrono_literals;

int64_t wall_clock() {
  return static_cast<int64_t>(std::time(nullptr));
}

class JobQueueTest : public HttpTest {
 protected:
  // Enqueues a job of `kind` with key `key` in a transaction of its own.
  int64_t add(const std::string& kind, const std::string& key, int64_t now, int max_attempts = 3,
              int64_t run_at = 0) {
    jobs::NewJob j;
    j.kind = kind;
    j.key = key;
    j.max_attempts = max_attempts;
    j.run_at = run_at;
    db::Transaction tx(sql());
    auto id = jobs::enqueue(sql(), j, now);
    tx.commit();
    return id.value_or(0);
  }
  jobs::Job job(int64_t id) {
    auto j = jobs::store::find(sql(), id);
    if (!j) throw std::runtime_error("no job " + std::to_string(id));
    return *j;
  }
  static jobs::RunOptions as(std::string owner) { return {std::move(owner), 300, nullptr}; }
  // Waits until the job has left queued and running (at most `timeout`).
  jobs::Job wait_until_ended(int64_t id, std::chrono::milliseconds timeout = 15s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto j = job(id);
      if (j.state == jobs::State::done || j.state == jobs::State::failed) return j;
      if (std::chrono::steady_clock::now() > deadline) return j;
      std::this_thread::sleep_for(50ms);
    }
  }
};

TEST_F(JobQueueTest, AJobEnqueuedInATransactionThatRollsBackDoesNotExist) {
  const int64_t now = wall_clock();
  {
    db::Transaction tx(sql());
    jobs::NewJob j{"test.noop", "{}", "rolled-back"};
    ASSERT_TRUE(jobs::enqueue(sql(), j, now));
    // No commit: the change that caused the job did not happen, nor does the job.
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM job"), 0);
  jobs::Registry kinds;
  int runs = 0;
  kinds.add("test.noop", [&](jobs::JobContext&) {
    ++runs;
    return jobs::Outcome::done();
  });
  EXPECT_FALSE(jobs::run_one(sql(), kinds, as("a"), now + 10));
  EXPECT_EQ(runs, 0);
}

TEST_F(JobQueueTest, EnqueueingTheSameKeyAgainDoesNothing) {
  const int64_t now = wall_clock();
  const int64_t first = add("test.noop", "once", now);
  ASSERT_GT(first, 0);
  db::Transaction tx(sql());
  jobs::NewJob again{"test.other", "{\"x\":1}", "once"};
  EXPECT_FALSE(jobs::enqueue(sql(), again, now + 5));
  tx.commit();
  EXPECT_EQ(count("SELECT COUNT(*) FROM job"), 1);
  EXPECT_EQ(job(first).kind, "test.noop");
  EXPECT_EQ(job(first).payload, "{}");
}

// Two runners, each with its own session, drain the same queue at once: every
// job runs exactly once (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one
// claim at a time).
TEST_F(JobQueueTest, TwoRunnersAtOnceNeverRunAJobTwice) {
  const int64_t now = wall_clock();
  constexpr int kJobs = 40;
  for (int i = 0; i < kJobs; ++i) add("test.count", "count-" + std::to_string(i), now);
  std::mutex m;
  std::map<int64_t, int> runs;
  std::map<std::string, int> by_runner;
  std::atomic<int> running{0}, overlapped{0};
  jobs::Registry kinds;
  kinds.add("test.count", [&](jobs::JobContext& jc) {
    if (++running > 1) ++overlapped;  // both runners were busy at the same moment
    {
      std::lock_guard lock(m);
      ++runs[jc.job.id];
      ++by_runner[jc.job.lease_owner];
    }
    std::this_thread::sleep_for(5ms);
    --running;
    return jobs::Outcome::done();
  });
  auto runner = [&](const std::string& owner) {
    db::Session s(db_url());
    while (jobs::run_one(s, kinds, as(owner), now)) {
    }
  };
  std::thread a(runner, "runner-a"), b(runner, "runner-b");
  a.join();
  b.join();
  ASSERT_EQ(runs.size(), static_cast<size_t>(kJobs));
  for (const auto& [id, n] : runs) EXPECT_EQ(n, 1) << "job " << id;
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE state = 'done' AND attempts = 1"), kJobs);
  // Both took part, and were at work at the same time.
  EXPECT_GT(by_runner["runner-a"], 0);
  EXPECT_GT(by_runner["runner-b"], 0);
  EXPECT_GT(overlapped.load(), 0);
}

// A runner claims a job and dies: while its lease lasts nobody else runs the
// job; once it ran out, another runner does, and the dead runner can no
// longer record anything about it.
TEST_F(JobQueueTest, AJobWhoseLeaseRanOutRunsAgain) {
  const int64_t now = wall_clock();
  const int64_t id = add("test.noop", "leased", now);
  {
    db::Transaction tx(sql());
    auto claimed = jobs::store::claim(sql(), "dead-runner", now, now + 300);
    tx.commit();
    ASSERT_TRUE(claimed);
    EXPECT_EQ(claimed->id, id);
  }
  jobs::Registry kinds;
  int runs = 0;
  kinds.add("test.noop", [&](jobs::JobContext& jc) {
    ++runs;
    EXPECT_EQ(jc.job.attempts, 2);
    return jobs::Outcome::done();
  });
  EXPECT_FALSE(jobs::run_one(sql(), kinds, as("alive"), now + 299));
  EXPECT_EQ(runs, 0);
  EXPECT_EQ(job(id).state, jobs::State::running);
  EXPECT_TRUE(jobs::run_one(sql(), kinds, as("alive"), now + 301));
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(job(id).state, jobs::State::done);
  EXPECT_EQ(job(id).attempts, 2);
  db::Transaction tx(sql());
  EXPECT_FALSE(jobs::store::complete(sql(), id, "dead-runner", now + 302));
  EXPECT_FALSE(jobs::store::park(sql(), id, "dead-runner", "late", now + 302));
  tx.commit();
  EXPECT_EQ(job(id).state, jobs::State::done);
}

TEST_F(JobQueueTest, AJobThatThrowsIsRetriedLaterEachTimeThenParkedWithItsError) {
  const int64_t now = wall_clock();
  const int64_t id = add("test.boom", "boom", now, 3);
  jobs::Registry kinds;
  int runs = 0;
  kinds.add("test.boom", [&](jobs::JobContext&) -> jobs::Outcome {
    ++runs;
    throw std::runtime_error("boom " + std::to_string(runs));
  });
  ASSERT_TRUE(jobs::run_one(sql(), kinds, as("a"), now));
  auto j = job(id);
  EXPECT_EQ(j.state, jobs::State::queued);
  EXPECT_EQ(j.attempts, 1);
  EXPECT_EQ(j.last_error, "boom 1");
  const int64_t second = j.run_at;
  EXPECT_GE(second, now + jobs::backoff_seconds(1));
  EXPECT_FALSE(jobs::run_one(sql(), kinds, as("a"), second - 1));  // not yet

  ASSERT_TRUE(jobs::run_one(sql(), kinds, as("a"), second));
  j = job(id);
  EXPECT_EQ(j.state, jobs::State::queued);
  EXPECT_EQ(j.last_error, "boom 2");
  EXPECT_GE(j.run_at - second, jobs::backoff_seconds(2));
  EXPECT_GT(jobs::backoff_seconds(2), jobs::backoff_seconds(1));

  ASSERT_TRUE(jobs::run_one(sql(), kinds, as("a"), j.run_at));
  j = job(id);
  EXPECT_EQ(j.state, jobs::State::failed);
  EXPECT_EQ(j.attempts, 3);
  EXPECT_EQ(j.last_error, "boom 3");
  EXPECT_GT(j.finished_at, 0);
  // Parked: never run again by itself, and still there.
  EXPECT_FALSE(jobs::run_one(sql(), kinds, as("a"), now + 86400 * 30));
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job"), 1);
}

TEST_F(JobQueueTest, APermanentFailureIsParkedAtOnceAndAnUnknownKindSaysSo) {
  const int64_t now = wall_clock();
  const int64_t permanent = add("test.fail", "fail", now, 5);
  const int64_t unknown = add("test.unknown", "unknown", now + 1, 5);
  jobs::Registry kinds;
  kinds.add("test.fail", [](jobs::JobContext&) { return jobs::Outcome::fail("no such thing"); });
  EXPECT_EQ(jobs::run_due(sql(), kinds, as("a"), now + 1), 2);
  EXPECT_EQ(job(permanent).state, jobs::State::failed);
  EXPECT_EQ(job(permanent).attempts, 1);
  EXPECT_EQ(job(permanent).last_error, "no such thing");
  EXPECT_EQ(job(unknown).state, jobs::State::failed);
  EXPECT_NE(job(unknown).last_error.find("no handler for jobs of kind \"test.unknown\""),
            std::string::npos)
      << job(unknown).last_error;
}

// A job put off (mail without an SMTP server) keeps its attempts.
TEST_F(JobQueueTest, APostponedJobKeepsItsAttempts) {
  const int64_t now = wall_clock();
  const int64_t id = add("test.later", "later", now, 2);
  jobs::Registry kinds;
  kinds.add("test.later", [](jobs::JobContext&) { return jobs::Outcome::postpone(60, "later"); });
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(jobs::run_one(sql(), kinds, as("a"), now + i * 60));
  EXPECT_EQ(job(id).state, jobs::State::queued);
  EXPECT_EQ(job(id).attempts, 0);
  EXPECT_EQ(job(id).last_error, "later");
}

// A job scheduled for later is in the database, not in a runner's memory: a
// runner started after a restart runs it when its time comes.
TEST_F(JobQueueTest, AScheduledJobSurvivesARestart) {
  const int64_t id = add("test.scheduled", "scheduled", wall_clock(), 3, wall_clock() + 2);
  jobs::Registry kinds;
  std::atomic<int> runs{0};
  std::atomic<int64_t> ran_at{0};
  kinds.add("test.scheduled", [&](jobs::JobContext& jc) {
    ++runs;
    ran_at = jc.now;
    return jobs::Outcome::done();
  });
  const jobs::RunnerConfig fast{.threads = 1, .poll = 100ms};
  {
    jobs::Runner before(db_url(), kinds, fast);
    std::this_thread::sleep_for(300ms);
  }  // stopped, as crm is on a restart
  EXPECT_EQ(runs.load(), 0);
  EXPECT_EQ(job(id).state, jobs::State::queued);
  jobs::Runner after(db_url(), kinds, fast);
  auto j = wait_until_ended(id);
  EXPECT_EQ(j.state, jobs::State::done);
  EXPECT_EQ(runs.load(), 1);
  EXPECT_GE(ran_at.load(), j.run_at);
}

// Stopping the runners (crm on SIGTERM) lets a running job finish: it is
// done, not left running until its lease runs out.
TEST_F(JobQueueTest, StoppingTheRunnerLetsTheRunningJobFinish) {
  const int64_t id = add("test.slow", "slow", wall_clock());
  jobs::Registry kinds;
  std::atomic<bool> started{false};
  kinds.add("test.slow", [&](jobs::JobContext&) {
    started = true;
    std::this_thread::sleep_for(700ms);
    return jobs::Outcome::done();
  });
  jobs::Runner runner(db_url(), kinds, {.threads = 1, .poll = 50ms});
  auto deadline = std::chrono::steady_clock::now() + 15s;
  while (!started && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(started);
  runner.stop();
  EXPECT_EQ(job(id).state, jobs::State::done);
}

// Progress reported inside the handler's own transaction: PostgreSQL shows it
// to other sessions at once (through the runner's second session); SQLite,
// which has one writer, when the transaction commits. Outside a transaction
// both show it at once.
TEST_F(JobQueueTest, ProgressIsSeenByOtherSessionsWhileTheJobRuns) {
  const int64_t now = wall_clock();
  const int64_t id = add("test.progress", "progress", now);
  std::mutex m;
  std::condition_variable cv;
  int step = 0;  // 1: reported outside, 2: reported inside the transaction, 3: go on
  auto advance = [&](int to) {
    std::lock_guard lock(m);
    step = to;
    cv.notify_all();
  };
  auto wait_for = [&](int s) {
    std::unique_lock lock(m);
    return cv.wait_for(lock, 20s, [&] { return step >= s; });
  };
  jobs::Registry kinds;
  kinds.add("test.progress", [&](jobs::JobContext& jc) {
    jc.progress(1, 10);
    advance(1);
    if (!wait_for(3)) return jobs::Outcome::fail("the test did not go on");
    db::Transaction tx(jc.db);
    jc.db.sql() << "UPDATE account SET updated_at = updated_at WHERE id = 0";
    jc.progress(10, 10);
    advance(4);
    if (!wait_for(5)) return jobs::Outcome::fail("the test did not go on");
    tx.commit();
    return jobs::Outcome::done();
  });
  std::thread runner([&] {
    db::Session s(db_url()), control(db_url());
    jobs::RunOptions o{"runner", 300, &control};
    jobs::run_one(s, kinds, o, now);
  });
  ASSERT_TRUE(wait_for(1));
  db::Session reader(db_url());
  auto seen = jobs::store::find(reader, id);
  EXPECT_EQ(seen->state, jobs::State::running);
  EXPECT_EQ(seen->progress_done, 1);
  EXPECT_EQ(seen->progress_total, 10);
  advance(3);
  ASSERT_TRUE(wait_for(4));
  seen = jobs::store::find(reader, id);
  if (testing_postgresql())
    EXPECT_EQ(seen->progress_done, 10);
  else
    EXPECT_EQ(seen->progress_done, 1);
  advance(5);
  runner.join();
  auto j = job(id);
  EXPECT_EQ(j.state, jobs::State::done);
  EXPECT_EQ(j.progress_done, 10);
}

// ---------------------------------------------------------------- the page

class JobsPageTest : public HttpTest {
 protected:
  // A failed job, as a real failure leaves it: a mail the server refused.
  int64_t failed_mail() {
    SmtpServerOptions o;
    o.reject_recipients = "^nobody@";
    refusing_ = std::make_unique<SmtpServer>(o);
    {
      db::Transaction tx(sql());
      mail::queue(sql(), {"nobody@example.org", "No Body", "Hello", "Hello there", ""},
                  wall_clock());
      tx.commit();
    }
    mail::SenderConfig cfg;
    cfg.smtp.url = refusing_->url();
    cfg.smtp.timeout_seconds = 10;
    cfg.from_address = "crm@test.example";
    jobs::Registry kinds;
    app::register_jobs(kinds, server().config(), catalogs(), assets(), cfg);
    jobs::run_due(sql(), kinds, {"test", 300, nullptr}, wall_clock());
    long long id = 0;
    sql().sql() << "SELECT id FROM job WHERE state = 'failed'", soci::into(id);
    return id;
  }
  std::unique_ptr<SmtpServer> refusing_;  // refuses nobody@…
};

TEST_F(JobsPageTest, EveryoneButAdministratorsGets404AndChangesNothing) {
  const int64_t id = failed_mail();
  ASSERT_GT(id, 0);
  std::vector<std::pair<std::string, Client>> others;
  for (const char* role : {"staff", "lecturer", "participant", "alumnus", "stakeholder"})
    others.emplace_back(role, sign_in(role));
  others.emplace_back("anonymous", client());
  const std::string before = state();
  for (auto& [role, c] : others) {
    SCOPED_TRACE(role);
    const int hidden = role == "anonymous" ? 303 : 404;  // a visitor: log in first
    EXPECT_EQ(c.get("/admin/jobs").status, hidden);
    EXPECT_EQ(c.get("/admin/jobs?state=failed").status, hidden);
    EXPECT_EQ(c.get("/admin/jobs.csv").status, hidden);
    EXPECT_EQ(c.get("/admin/jobs.xlsx").status, hidden);
    auto token = csrf_of(c.get("/").body);
    EXPECT_EQ(c.post("/admin/jobs/" + std::to_string(id) + "/retry", {{"csrf", token}}).status,
              404);
    EXPECT_EQ(c.get("/").body.find("/admin/jobs"), std::string::npos);  // not in the menu
  }
  EXPECT_EQ(state(), before);
}

TEST_F(JobsPageTest, AdministratorsSeeFailedJobsWithTheirErrorAndRunThemAgainByHand) {
  const int64_t id = failed_mail();
  ASSERT_GT(id, 0);
  auto admin = sign_in("admin");  // German
  auto page = admin.get("/admin/jobs?state=failed");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(tr("de", "Background jobs")), std::string::npos);
  EXPECT_NE(page.body.find("data-job=\"" + std::to_string(id) + "\""), std::string::npos);
  EXPECT_NE(page.body.find("recipient rejected"), std::string::npos);
  EXPECT_NE(page.body.find("/admin/jobs/" + std::to_string(id) + "/retry"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/admin/jobs.csv?state=failed\""), std::string::npos);
  EXPECT_NE(admin.get("/").body.find("href=\"/admin/jobs\""), std::string::npos);  // in the menu
  // Other filters: done shows none of it; a filter that is no state shows everything.
  EXPECT_EQ(admin.get("/admin/jobs?state=done").body.find("data-job=\""), std::string::npos);
  EXPECT_NE(admin.get("/admin/jobs?state=nonsense").body.find("data-job=\""), std::string::npos);

  auto csv = admin.get("/admin/jobs.csv?state=failed");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.body.find("recipient rejected"), std::string::npos);
  EXPECT_NE(csv.body.find("mail.send"), std::string::npos);

  // Without the form token: refused, nothing changes.
  const std::string path = "/admin/jobs/" + std::to_string(id) + "/retry";
  EXPECT_EQ(admin.post(path, {}).status, 403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE state = 'failed'"), 1);

  auto done = admin.submit("/admin/jobs?state=failed", {}, path);
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.location(), "/admin/jobs");
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM job WHERE state = 'queued' AND attempts = 0 AND "
            "retried_by = " +
            std::to_string(account_id(demo("admin").email)) + " AND id = " + std::to_string(id)),
      1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'job.retry' AND entity = 'job' "
                  "AND entity_id = '" +
                  std::to_string(id) +
                  "' AND actor_id = " + std::to_string(account_id(demo("admin").email))),
            1);
  // Refused again by the server: failed again, with the error, after one more try.
  mail::SenderConfig cfg;
  cfg.smtp.url = refusing_->url();
  cfg.from_address = "crm@test.example";
  jobs::Registry kinds;
  app::register_jobs(kinds, server().config(), catalogs(), assets(), cfg);
  EXPECT_EQ(jobs::run_due(sql(), kinds, {"test", 300, nullptr}, wall_clock()), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE state = 'failed' AND attempts = 1"), 1);

  // A done job cannot be run again.
  sql().sql() << "UPDATE job SET state = 'done' WHERE id = " + std::to_string(id);
  const std::string before = state();
  auto again = admin.submit("/admin/jobs", {}, path);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(state(), before);
  EXPECT_EQ(admin.submit("/admin/jobs", {}, "/admin/jobs/987654/retry").status, 404);
}

TEST_F(JobsPageTest, TheListPagesAndSpeaksEveryLanguage) {
  const int64_t now = wall_clock();
  {
    db::Transaction tx(sql());
    for (int i = 0; i < 60; ++i)
      jobs::enqueue(sql(), {"test.waiting", "{}", "waiting-" + std::to_string(i), now + 3600}, now);
    tx.commit();
  }
  auto admin = sign_in("admin");
  auto first = admin.get("/admin/jobs");
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("href=\"/admin/jobs?page=2\""), std::string::npos);
  auto second = admin.get("/admin/jobs?page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("data-job=\""), std::string::npos);
  EXPECT_NE(first.body.find("test.waiting"), std::string::npos);  // a kind crm has no name for
  EXPECT_EQ(admin.get("/admin/jobs.csv").body.find("test.waiting") != std::string::npos, true);
  for (const char* language : {"en", "fr", "ar", "de"}) {
    SCOPED_TRACE(language);
    ASSERT_EQ(
        admin.submit("/admin/jobs", {{"language", language}, {"next", "/admin/jobs"}}, "/language")
            .status,
        303);
    auto page = admin.get("/admin/jobs");
    EXPECT_EQ(html_attribute(page.body, "lang"), language);
    EXPECT_NE(page.body.find(tr(language, "Background jobs")), std::string::npos);
    EXPECT_NE(page.body.find(tr(language, "Waiting")), std::string::npos);
  }
}

// `crm serve` wakes its runners when a request enqueues a job: the import's
// commit runs without anybody calling run_jobs().
class JobRunnerServerTest : public HttpTest {
 protected:
  ServerOptions options() const override {
    ServerOptions o;
    o.job_workers = 1;
    return o;
  }
};

TEST_F(JobRunnerServerTest, AnImportCommittedFromThePageRunsAndEnds) {
  auto c = sign_in("staff");
  long long cohort = 0;
  sql().sql() << "SELECT id FROM cohort WHERE number = 2", soci::into(cohort);
  const std::string path = "/cohorts/" + std::to_string(cohort) + "/import";
  auto form = c.get(path);
  auto up = c.post_multipart(path, {{"csrf", csrf_of(form.body)}},
                             {{"file", "people.csv", "text/csv",
                               "email,name,country\nwoken.one@import.example,Woken One,SN\n"
                               "woken.two@import.example,Woken Two,GH\n"}});
  ASSERT_EQ(up.status, 303);
  ASSERT_EQ(c.submit(up.location(), {}, up.location() + "/commit").status, 303);
  auto deadline = std::chrono::steady_clock::now() + 15s;
  while (count("SELECT COUNT(*) FROM job WHERE state = 'done'") == 0 &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job WHERE kind = 'import.commit' AND state = 'done' AND "
                  "progress_total = 2"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM person WHERE email LIKE 'woken.%'"), 2);
  auto page = c.get(up.location());
  EXPECT_NE(page.body.find("data-committed"), std::string::npos);
}

}  // namespace
}  // namespace crm::test

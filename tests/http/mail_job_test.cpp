// Mail as jobs, against the real test SMTP server, on both databases: 4xx
// and 535 answers are tried again later and shown, other 5xx fail at once, a
// mail waits while no SMTP server is set, and a mail the server accepted is
// not sent again when crm dies before it could record that (a real crash: a
// child process that exits right after the server's answer).
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>

#include "http/support/test_server.hpp"
#include "jobs/store.hpp"
#include "mail/outbox.hpp"

namespace crm::test {
namespace {

using namespace std::chrono_literals;

int64_t wall_clock() {
  return static_cast<int64_t>(std::time(nullptr));
}

class MailJobTest : public HttpTest {
 protected:
  // Queues one mail to `to`; returns its job.
  int64_t queue(const std::string& to, int64_t now) {
    db::Transaction tx(sql());
    int64_t outbox = mail::queue(sql(), {to, "Someone", "Your crm invitation", "Hello", ""}, now);
    tx.commit();
    return jobs::store::find_by_key(sql(), "mail:" + std::to_string(outbox))->id;
  }
  jobs::Job job(int64_t id) { return *jobs::store::find(sql(), id); }
  std::string outbox_status() {
    std::string s;
    sql().sql() << "SELECT status FROM mail_outbox", soci::into(s);
    return s;
  }
  // The job kinds of `crm serve`, sending to `server` (as `user`:`password`
  // when given) through `transport`.
  std::unique_ptr<jobs::Registry> kinds(const SmtpServer* server, const std::string& user = {},
                                        const std::string& password = {},
                                        mail::Transport transport = mail::send) {
    mail::SenderConfig cfg;
    cfg.smtp.url = server ? server->url() : std::string();  // none: mail waits
    cfg.smtp.username = user;
    cfg.smtp.password = password;
    cfg.smtp.timeout_seconds = 10;
    cfg.from_address = "crm@test.example";
    auto r = std::make_unique<jobs::Registry>();
    app::register_jobs(*r, server_config(), catalogs(), assets(), cfg, std::move(transport));
    return r;
  }
  Config& server_config() { return server().config(); }
  static jobs::RunOptions as(std::string owner) { return {std::move(owner), 300, nullptr}; }
};

TEST_F(MailJobTest, ATemporaryRefusalIsTriedAgainLaterEachTimeAndShownThenParked) {
  SmtpServer smtp({.tempfail_recipients = "^later@"});
  auto k = kinds(&smtp);
  const int64_t now = wall_clock();
  const int64_t id = queue("later@example.org", now);
  ASSERT_TRUE(jobs::run_one(sql(), *k, as("a"), now));
  auto j = job(id);
  EXPECT_EQ(j.state, jobs::State::queued);
  EXPECT_EQ(j.attempts, 1);
  EXPECT_NE(j.last_error.find("451"), std::string::npos) << j.last_error;
  EXPECT_EQ(j.run_at, now + jobs::backoff_seconds(1));
  EXPECT_EQ(outbox_status(), "queued");
  // Administrators see it waiting, with the server's answer.
  auto admin = sign_in("admin");
  auto page = admin.get("/admin/jobs?state=queued");
  EXPECT_NE(page.body.find("try again later"), std::string::npos);

  for (int attempt = 2; attempt <= mail::kMaxAttempts; ++attempt) {
    ASSERT_TRUE(jobs::run_one(sql(), *k, as("a"), job(id).run_at)) << attempt;
    EXPECT_EQ(job(id).attempts, attempt);
  }
  j = job(id);
  EXPECT_EQ(j.state, jobs::State::failed);
  EXPECT_NE(j.last_error.find("451"), std::string::npos);
  EXPECT_EQ(outbox_status(), "failed");
  EXPECT_TRUE(smtp.messages().empty());
}

TEST_F(MailJobTest, AnAuthenticationFailureIsTriedAgainAndTheMailGoesOnceTheSettingIsRight) {
  SmtpServer smtp({.auth = "crm:right password"});
  const int64_t now = wall_clock();
  const int64_t id = queue("someone@example.org", now);
  auto wrong = kinds(&smtp, "crm", "wrong password");
  ASSERT_TRUE(jobs::run_one(sql(), *wrong, as("a"), now));
  auto j = job(id);
  EXPECT_EQ(j.state, jobs::State::queued);  // not dropped as permanent
  EXPECT_NE(j.last_error.find("535"), std::string::npos) << j.last_error;
  EXPECT_EQ(outbox_status(), "queued");
  // The administrator fixes --smtp-password and restarts crm.
  auto right = kinds(&smtp, "crm", "right password");
  ASSERT_TRUE(jobs::run_one(sql(), *right, as("b"), j.run_at));
  EXPECT_EQ(job(id).state, jobs::State::done);
  EXPECT_EQ(outbox_status(), "sent");
  ASSERT_TRUE(smtp.wait_for_message(0, 5s));
  EXPECT_EQ(smtp.messages().size(), 1u);
}

TEST_F(MailJobTest, ARefusedRecipientFailsAtOnce) {
  SmtpServer smtp({.reject_recipients = "(?i)^nobody@"});
  auto k = kinds(&smtp);
  const int64_t now = wall_clock();
  const int64_t id = queue("Nobody@Example.org", now);
  ASSERT_TRUE(jobs::run_one(sql(), *k, as("a"), now));
  EXPECT_EQ(job(id).state, jobs::State::failed);
  EXPECT_EQ(job(id).attempts, 1);
  EXPECT_NE(job(id).last_error.find("550"), std::string::npos);
  EXPECT_EQ(outbox_status(), "failed");
  // The job keeps the server's answer without the address, which an erasure
  // would not find there; the outbox (which an erasure deletes) keeps it whole.
  EXPECT_EQ(job(id).last_error.find("nobody@example.org"), std::string::npos) << job(id).last_error;
  EXPECT_NE(job(id).last_error.find("(recipient)"), std::string::npos) << job(id).last_error;
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM mail_outbox WHERE lower(last_error) LIKE '%nobody@example.org%'"),
      1);
}

TEST_F(MailJobTest, WithoutAnSmtpServerMailWaitsWithoutUsingItsAttempts) {
  auto k = kinds(nullptr);
  const int64_t now = wall_clock();
  const int64_t id = queue("someone@example.org", now);
  ASSERT_TRUE(jobs::run_one(sql(), *k, as("a"), now));
  ASSERT_TRUE(jobs::run_one(sql(), *k, as("a"), job(id).run_at));
  auto j = job(id);
  EXPECT_EQ(j.state, jobs::State::queued);
  EXPECT_EQ(j.attempts, 0);
  EXPECT_NE(j.last_error.find("--smtp-url"), std::string::npos);
  EXPECT_EQ(outbox_status(), "queued");
  // Once a server is set, it goes out.
  SmtpServer smtp;
  ASSERT_TRUE(jobs::run_one(sql(), *kinds(&smtp), as("a"), j.run_at));
  EXPECT_EQ(job(id).state, jobs::State::done);
  EXPECT_TRUE(smtp.wait_for_message(0, 5s));
}

// Runs the due mail job in a child process whose transport is `send` wrapped
// by `after_send`; the child dies (exit status 42) where the wrapper says.
// Returns the child's exit status.
int run_in_doomed_child(const db::Url& url, const Config& config, const SmtpServer& smtp,
                        int64_t now, bool die_before_sending) {
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    try {
      db::Session s(url);
      mail::SenderConfig cfg;
      cfg.smtp.url = smtp.url();
      cfg.smtp.timeout_seconds = 10;
      cfg.from_address = "crm@test.example";
      jobs::Registry k;
      app::register_jobs(
          k, config, catalogs(), assets(), cfg,
          [](const mail::SmtpConfig& c, const mail::Message& m, const std::string& rendered) {
            auto r = mail::send(c, m, rendered);
            // The server said 250; crm dies before it can record it.
            ::_exit(r.ok ? 42 : 43);
            return r;
          });
      if (die_before_sending)
        k.add(std::string(mail::kJobKind), [](jobs::JobContext&) -> jobs::Outcome {
          ::_exit(42);  // claimed, then gone before touching the mail
        });
      jobs::run_one(s, k, {"doomed", 300, nullptr}, now);
    } catch (...) {
      ::_exit(44);
    }
    ::_exit(45);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The window between the server's 250 and the commit of "sent": the job runs
// again once its lease has run out, finds the mail "sending" and does not
// send it blindly; it is parked for an administrator to decide. Run again by
// hand, it goes out with the same Message-ID.
TEST_F(MailJobTest, AMailTheServerAcceptedIsNotSentTwiceAfterACrashBeforeItWasRecorded) {
  SmtpServer smtp;
  const int64_t now = wall_clock();
  const int64_t id = queue("someone@example.org", now);
  ASSERT_EQ(run_in_doomed_child(db_url(), server_config(), smtp, now, false), 42);
  ASSERT_TRUE(smtp.wait_for_message(0, 5s));
  EXPECT_EQ(job(id).state, jobs::State::running);
  EXPECT_EQ(outbox_status(), "sending");

  auto k = kinds(&smtp);
  EXPECT_FALSE(jobs::run_one(sql(), *k, as("b"), now + 299));  // the lease still holds
  ASSERT_TRUE(jobs::run_one(sql(), *k, as("b"), now + 301));
  auto j = job(id);
  EXPECT_EQ(j.state, jobs::State::failed);
  EXPECT_NE(j.last_error.find("may have arrived"), std::string::npos) << j.last_error;
  EXPECT_EQ(outbox_status(), "failed");
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(smtp.messages().size(), 1u);

  // Shown to administrators, in their language, with the way out.
  auto admin = sign_in("admin");
  auto page = admin.get("/admin/jobs?state=failed");
  EXPECT_NE(page.body.find(tr("de",
                              "crm stopped while handing this mail to the mail server, so it may "
                              "have arrived. It is not sent again by itself: run it again if the "
                              "recipient did not get it.")),
            std::string::npos);
  // The administrator learns that it did not arrive and runs it again.
  ASSERT_EQ(
      admin.submit("/admin/jobs?state=failed", {}, "/admin/jobs/" + std::to_string(id) + "/retry")
          .status,
      303);
  ASSERT_TRUE(jobs::run_one(sql(), *k, as("b"), wall_clock()));
  EXPECT_EQ(job(id).state, jobs::State::done);
  EXPECT_EQ(outbox_status(), "sent");
  ASSERT_TRUE(smtp.wait_for_message(1, 5s));
  auto all = smtp.messages();
  ASSERT_EQ(all.size(), 2u);
  auto message_id = [](const std::string& raw) {
    auto at = raw.find("Message-ID:");
    return raw.substr(at, raw.find('\r', at) - at);
  };
  EXPECT_EQ(message_id(all[0]), message_id(all[1]));
}

// A runner that died after claiming the job but before touching the mail:
// nothing was said to the server, so the next runner sends it, once.
TEST_F(MailJobTest, AMailWhoseRunnerDiedBeforeSendingGoesOutOnce) {
  SmtpServer smtp;
  const int64_t now = wall_clock();
  const int64_t id = queue("someone@example.org", now);
  ASSERT_EQ(run_in_doomed_child(db_url(), server_config(), smtp, now, true), 42);
  EXPECT_EQ(job(id).state, jobs::State::running);
  EXPECT_EQ(outbox_status(), "queued");
  ASSERT_TRUE(jobs::run_one(sql(), *kinds(&smtp), as("b"), now + 301));
  EXPECT_EQ(job(id).state, jobs::State::done);
  EXPECT_EQ(outbox_status(), "sent");
  ASSERT_TRUE(smtp.wait_for_message(0, 5s));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(smtp.messages().size(), 1u);
}

}  // namespace
}  // namespace crm::test

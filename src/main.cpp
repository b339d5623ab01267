// crm's command line and the wiring of a running server: the only place with
// process-wide objects (settings, catalogs, assets, database, server).
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "admissions/retention.hpp"
#include "admissions/selection_bench.hpp"
#include "app/app.hpp"
#include "auth/password.hpp"
#include "auth/service.hpp"
#include "auth/store.hpp"
#include "core/config.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "db/migrate.hpp"
#include "demo/demo.hpp"
#include "http/server.hpp"
#include "jobs/runner.hpp"
#include "mail/outbox.hpp"
#include "reports/bench.hpp"
#include "search/bench.hpp"
#include "search/index.hpp"
#include "spaces/bench.hpp"
#include "spaces/notification_mail.hpp"
#include "spaces/search_index.hpp"
#include "web/assets.hpp"

namespace {

using namespace crm;

constexpr const char* kUsage =
    "usage: crm COMMAND [options]\n\n"
    "commands:\n"
    "  serve          run the web server (migrates the database first)\n"
    "  migrate        apply database migrations\n"
    "  demo           load demo data and print the demo accounts\n"
    "  create-admin   create the first administrator: --email E --name N (password from "
    "CRM_ADMIN_PASSWORD or stdin)\n"
    "  backup         write a consistent copy of the SQLite database: backup FILE\n"
    "  reindex        rebuild the search index (--search-index) from the database\n\n"
    "Run `crm COMMAND --help` for the settings.\n";

int64_t now() {
  return static_cast<int64_t>(std::time(nullptr));
}

bool wants_help(const std::vector<std::string>& rest) {
  for (const auto& r : rest)
    if (r == "--help" || r == "-h") return true;
  return false;
}

std::string take_flag(std::vector<std::string>& rest, const std::string& name) {
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == "--" + name && i + 1 < rest.size()) {
      auto v = rest[i + 1];
      rest.erase(rest.begin() + static_cast<long>(i), rest.begin() + static_cast<long>(i) + 2);
      return v;
    }
    if (rest[i].starts_with("--" + name + "=")) {
      auto v = rest[i].substr(name.size() + 3);
      rest.erase(rest.begin() + static_cast<long>(i));
      return v;
    }
  }
  return {};
}

// True when `--name` or `--name=…` is among the arguments (even without a value).
bool has_flag(const std::vector<std::string>& args, const std::string& name) {
  for (const auto& a : args)
    if (a == "--" + name || a.starts_with("--" + name + "=")) return true;
  return false;
}

std::optional<long> parse_scale(const std::string& s) {
  long n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size() || n < 1 || n > demo::kMaxScale)
    return std::nullopt;
  return n;
}

int fail(const std::string& message) {
  std::fprintf(stderr, "crm: %s\n", message.c_str());
  return 2;
}

db::Url database_url(const Config& c) {
  auto u = db::parse_url(c.database);
  if (!u) throw std::runtime_error("bad --database: " + c.database);
  u->statement_cache = c.statement_cache;
  return *u;
}

void print_demo(const std::vector<demo::DemoAccount>& accounts) {
  for (const auto& a : accounts)
    std::printf("demo-account %s %s %s%s%s\n", a.role.c_str(), a.email.c_str(), a.password.c_str(),
                a.totp_secret.empty() ? "" : " ", a.totp_secret.c_str());
  std::fflush(stdout);
}

// Every connection is a file descriptor. Past the process's limit new clients
// would wait unanswered: raise the soft limit to the hard one, and keep
// --max-connections below it, with room for the database (SQLite: the file,
// its WAL and shared memory per session), logs and the listening sockets.
http::Limits connection_limits(const Config& config) {
  http::Limits limits = config.limits;
  rlimit fds{};
  if (getrlimit(RLIMIT_NOFILE, &fds) != 0) return limits;
  if (fds.rlim_cur < fds.rlim_max) {
    rlimit raised = fds;
    raised.rlim_cur = fds.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) fds = raised;
  }
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t sessions =
      (config.workers ? config.workers : 2 * cores) + config.auth_workers + 2 * config.job_workers;
  const size_t reserve = 64 + 3 * sessions;
  const size_t room = fds.rlim_cur > reserve + 16 ? fds.rlim_cur - reserve : 16;
  if (limits.max_connections > room) {
    log::info(fmt::format("event=max_connections_lowered from={} to={} open_files_limit={}",
                          limits.max_connections, room, static_cast<unsigned long>(fds.rlim_cur)));
    limits.max_connections = room;
  }
  return limits;
}

int serve(const Config& config) {
  auto url = database_url(config);
  {
    db::Session s(url);
    int applied = db::migrate(s);
    if (applied) log::info(fmt::format("event=migrated count={}", applied));
    if (db::schema_version(s) != db::latest_version())
      return fail("the database schema is newer than this crm; refusing to serve");
    if (config.demo_if_empty && auth::store::count_accounts(s) == 0) {
      auto accounts = demo::load(s, now());
      for (auto& a : demo::load_admissions(s, now())) accounts.push_back(std::move(a));
      demo::load_jobs(s, now());
      print_demo(accounts);
    }
  }
  auto hp = parse_listen(config.listen);
  if (!hp) return fail(hp.error().key);
  (void)auth::dummy_hash();  // pay for it now, not in the first login
  if (auth::password_cost_is_for_tests())
    log::write("warn",
               "event=test_build detail=\"passwords are hashed at the minimum cost of the test "
               "build: do not serve people with it\"");
  Catalogs catalogs;
  web::Assets assets;
  // The search index of this process, made current before the first request
  // and kept so by the follower (search/index.hpp).
  search::Index search_index(search_index_dir(config));
  {
    db::Session s(url);
    if (search_index.needs_rebuild(s)) {
      log::info(fmt::format("event=search_reindex dir={}", log::value(search_index.dir())));
      search_index.rebuild(s);
    }
  }
  search::Follower search_follower(search_index, url, std::chrono::seconds(3));
  // The spaces' index (posts are never in the public one), the same way.
  spaces::SearchIndex space_index(spaces::search_index_dir(search_index_dir(config)));
  {
    db::Session s(url);
    if (space_index.needs_rebuild(s)) {
      log::info(fmt::format("event=space_search_reindex dir={}", log::value(space_index.dir())));
      space_index.rebuild(s);
    }
  }
  search::Follower space_follower("space_search_follow_failed", url, std::chrono::seconds(3),
                                  [&space_index](db::Session& db) { space_index.catch_up(db); });
  app::App application(config, url, catalogs, assets);
  application.set_search_index(&search_index);
  search_index.set_spaces(&space_index);
  jobs::Registry job_kinds;
  app::register_jobs(
      job_kinds, config, catalogs, assets,
      mail::SenderConfig{mail::SmtpConfig{config.smtp_url, config.smtp_user, config.smtp_password},
                         config.mail_from, config.mail_from_name});
  if (config.smtp_url.empty())
    log::info("event=mail_disabled detail=\"no --smtp-url: mail waits in the queue\"");
  std::unique_ptr<jobs::Runner> runner;
  if (config.job_workers > 0) {
    runner = std::make_unique<jobs::Runner>(url, job_kinds,
                                            jobs::RunnerConfig{.threads = config.job_workers});
    application.on_jobs_enqueued([r = runner.get()] { r->wake(); });
    // The daily retention of applicants' documents: today's run unless done.
    db::Session s(url);
    admissions::retention::schedule_retention(s, now());
    // The hourly digests of the spaces: the next hour's run unless queued.
    {
      db::Transaction tx(s);
      spaces::notification_mail::schedule_digests(s, now());
      tx.commit();
    }
  } else {
    log::info("event=jobs_disabled detail=\"--job-workers 0: another server runs the jobs\"");
  }

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  http::Server server(application, connection_limits(config));
  unsigned threads =
      config.io_threads ? config.io_threads : std::max(1u, std::thread::hardware_concurrency());
  try {
    server.start(hp->host, hp->port, threads);
  } catch (const std::exception& e) {
    return fail(fmt::format("cannot listen on {}: {}", config.listen, e.what()));
  }
  std::printf("crm is running at http://%s:%u\n", hp->host.c_str(), server.port());
  std::fflush(stdout);
  log::info(
      fmt::format("event=started listen={}:{} io_threads={}", hp->host, server.port(), threads));
  int sig = 0;
  sigwait(&signals, &sig);
  log::info(fmt::format("event=stopping signal={}", sig));
  server.stop();           // no new requests; in-flight ones are answered
  application.shutdown();  // queued handlers finish
  runner.reset();          // running jobs finish
  log::info("event=stopped");
  return 0;
}

// `crm reindex`: the index rebuilt from the database, with a progress bar
// on a terminal.
int reindex(const Config& config) {
  db::Session s(database_url(config));
  if (db::schema_version(s) != db::latest_version())
    return fail("the database schema is not current; run `crm migrate` first");
  search::Index index(search_index_dir(config));
  const bool bar = isatty(STDERR_FILENO);
  const auto started = std::chrono::steady_clock::now();
  size_t works = 0;
  index.rebuild(s, [&](size_t done, size_t total) {
    works = total;
    if (!bar) return;
    const int width = 40;
    const int filled = total ? static_cast<int>(width * done / total) : width;
    std::fprintf(stderr, "\rindexing [%s%s] %zu/%zu", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), done, total);
  });
  if (bar) std::fputs("\n", stderr);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("indexed %zu works into %s in %.1f s (%.0f documents/s)\n", works,
              index.dir().c_str(), seconds, seconds > 0 ? works / seconds : 0.0);
  spaces::SearchIndex spaces_index(spaces::search_index_dir(index.dir()));
  const size_t posts = spaces_index.rebuild(s);
  std::printf("indexed %zu posts of the spaces into %s\n", posts, spaces_index.dir().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  std::string command = args[0];
  args.erase(args.begin());
  std::vector<std::string> rest;
  auto config = load_config(args, rest);
  if (wants_help(rest)) {
    std::printf(
        "usage: crm %s [options]\n\nsettings (option, environment variable, meaning "
        "[default]):\n%s",
        command.c_str(), config_help().c_str());
    if (command == "demo")
      std::printf(
          "\ndemo options:\n"
          "  --scale N   multiply the demo programme for benchmarks: ~110·N people, 4·N cohorts\n"
          "              (1 to %ld; default 1, the programme as it is). Only into a database\n"
          "              without the demo programme; deterministic, one transaction.\n",
          demo::kMaxScale);
    return 0;
  }
  if (!config) return fail(config.error().key);
  try {
    if (command == "serve") {
      if (!rest.empty()) return fail("unknown setting or argument: " + rest[0]);
      return serve(*config);
    }
    if (command == "migrate") {
      if (!rest.empty()) return fail("unknown setting or argument: " + rest[0]);
      db::Session s(database_url(*config));
      int n = db::migrate(s);
      std::printf("applied %d migration(s); schema version %d\n", n, db::schema_version(s));
      return 0;
    }
    if (command == "demo") {
      auto scale_text = take_flag(rest, "scale");
      long scale = 1;
      if (!scale_text.empty() || has_flag(args, "scale")) {
        auto parsed = parse_scale(scale_text);
        if (!parsed)
          return fail(fmt::format("--scale must be a whole number from 1 to {}, not \"{}\"",
                                  demo::kMaxScale, scale_text));
        scale = *parsed;
      }
      if (!rest.empty()) return fail("unknown setting or argument: " + rest[0]);
      db::Session s(database_url(*config));
      db::migrate(s);
      auto accounts = demo::load(s, now(), scale);
      for (auto& a : demo::load_admissions(s, now())) accounts.push_back(std::move(a));
      demo::load_jobs(s, now());
      print_demo(accounts);
      return 0;
    }
    if (command == "create-admin") {
      auto email = take_flag(rest, "email");
      auto name = take_flag(rest, "name");
      if (email.empty() || name.empty()) return fail("create-admin needs --email and --name");
      if (!rest.empty()) return fail("unknown setting or argument: " + rest[0]);
      std::string password;
      if (const char* p = std::getenv("CRM_ADMIN_PASSWORD"))
        password = p;
      else
        std::getline(std::cin, password);
      db::Session s(database_url(*config));
      db::migrate(s);
      auto id = auth::create_account(s, email, name, auth::Role::admin, password, "en", now());
      if (!id) return fail(id.error().key);
      std::printf(
          "created administrator %s (id %lld); they enrol two-factor sign-in at their first "
          "login\n",
          auth::normalise_email(email).c_str(), static_cast<long long>(*id));
      return 0;
    }
    if (command == "reindex") {
      if (!rest.empty()) return fail("unknown setting or argument: " + rest[0]);
      return reindex(*config);
    }
    if (command == "survey-bench") {
      // bench/surveys.sh: --generate N adds N submitted survey responses
      // (with rounds and invitations) to the programme with the most cohorts.
      auto generate = take_flag(rest, "generate");
      if (!rest.empty()) return fail("unknown setting or argument: " + rest[0]);
      if (generate.empty()) return fail("survey-bench needs --generate N");
      db::Session s(database_url(*config));
      db::migrate(s);
      long made = reports::bench::generate_responses(s, std::stol(generate), now());
      std::printf("generated %ld responses\n", made);
      return 0;
    }
    if (command == "selection-bench") {
      // bench/selection.sh: --measure N solves the proposed shortlist of N
      // synthetic applicants in-process (--places P, --rounds R);
      // --generate N writes a closed call with N reviewed applications
      // into the database and prints its id.
      auto measure = take_flag(rest, "measure");
      auto generate = take_flag(rest, "generate");
      auto places_text = take_flag(rest, "places");
      auto rounds_text = take_flag(rest, "rounds");
      if (!rest.empty()) return fail("unknown setting or argument: " + rest[0]);
      if (measure.empty() && generate.empty())
        return fail("selection-bench needs --measure N or --generate N");
      const long places = places_text.empty() ? 35 : std::stol(places_text);
      if (!measure.empty()) {
        auto in = admissions::bench::synthetic(std::stol(measure), places);
        auto t = admissions::bench::measure(in, rounds_text.empty() ? 5 : std::stoi(rounds_text));
        long broken = 0;
        for (const auto& g : t.outcome.groups) broken += g.short_by + g.over_by;
        std::printf(
            "applicants %zu eligible %ld places %ld groups %zu feasible %s chosen %zu broken %ld "
            "min_ms %.1f median_ms %.1f max_ms %.1f\n",
            in.applicants.size(), t.outcome.eligible, t.outcome.places, t.outcome.groups.size(),
            t.outcome.feasible ? "yes" : "no", t.outcome.chosen.size(), broken, t.min_ms,
            t.median_ms, t.max_ms);
        // The same applicants with targets that cannot be met (at least 30
        // destinations: eight countries hold the role, at most 3 each): the
        // elastic solves that name the bounds that break.
        in.bounds.push_back({"route_role", "destination", 30, std::nullopt});
        t = admissions::bench::measure(in, rounds_text.empty() ? 5 : std::stoi(rounds_text));
        broken = 0;
        for (const auto& g : t.outcome.groups) broken += g.short_by + g.over_by;
        std::printf(
            "infeasible targets: feasible %s chosen %zu broken %ld min_ms %.1f median_ms %.1f "
            "max_ms %.1f\n",
            t.outcome.feasible ? "yes" : "no", t.outcome.chosen.size(), broken, t.min_ms,
            t.median_ms, t.max_ms);
      }
      if (!generate.empty()) {
        db::Session s(database_url(*config));
        db::migrate(s);
        auto call = admissions::bench::generate_call(s, std::stol(generate), places, now());
        std::printf("call %lld\n", static_cast<long long>(call));
      }
      return 0;
    }
    if (command == "search-bench") {
      // bench/search.sh: --generate N adds N synthetic published works;
      // --measure ROUNDS times the sample queries in-process.
      auto generate = take_flag(rest, "generate");
      auto rounds = take_flag(rest, "measure");
      if (!rest.empty()) return fail("unknown setting or argument: " + rest[0]);
      if (!generate.empty()) {
        db::Session s(database_url(*config));
        db::migrate(s);
        search::bench::generate_works(s, std::stol(generate), now());
        std::printf("generated %s works\n", generate.c_str());
      }
      if (!rounds.empty()) {
        search::Index index(search_index_dir(*config));
        auto t = search::bench::measure(index, search::bench::sample_queries(), std::stoi(rounds));
        std::printf("searches %ld documents %zu p50_ms %.3f p99_ms %.3f max_ms %.3f\n", t.searches,
                    index.size(), t.p50_ms, t.p99_ms, t.max_ms);
        for (const auto& q : t.per_query)
          std::printf("  p50_ms %7.3f  %s%s\n", q.p50_ms,
                      q.query.empty() ? "(no words)" : q.query.c_str(),
                      q.filtered ? "  [country=IQ]" : "");
      }
      return 0;
    }
    if (command == "spaces-bench") {
      // bench/spaces.sh: --generate READER_EMAIL adds members, talk in every
      // cohort space and, in the reader's, --replies R in one thread and
      // --threads T more; --digest runs a Monday's 24 hourly digest runs.
      auto reader = take_flag(rest, "generate");
      auto replies = take_flag(rest, "replies");
      auto threads = take_flag(rest, "threads");
      const bool digest = std::erase(rest, std::string("--digest")) > 0;
      if (!rest.empty()) return fail("unknown setting or argument: " + rest[0]);
      if (reader.empty() && !digest) return fail("spaces-bench needs --generate EMAIL or --digest");
      db::Session s(database_url(*config));
      db::migrate(s);
      if (!reader.empty()) {
        auto g = spaces::bench::generate(s, reader, replies.empty() ? 500 : std::stol(replies),
                                         threads.empty() ? 300 : std::stol(threads), now());
        std::printf("accounts %ld spaces %ld posts %ld notifications %ld space %lld thread %lld\n",
                    g.accounts, g.spaces, g.posts, g.notifications,
                    static_cast<long long>(g.space_id), static_cast<long long>(g.long_thread_id));
      }
      if (digest) {
        Catalogs catalogs;
        long mails = 0;
        double total = 0, slowest = 0;
        for (const auto& h : spaces::bench::digest_day(s, *config, catalogs, now())) {
          mails += h.mails;
          total += h.ms;
          slowest = std::max(slowest, h.ms);
        }
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("digest_mails %ld total_ms %.0f slowest_hour_ms %.0f peak_rss_mb %.1f\n", mails,
                    total, slowest, static_cast<double>(usage.ru_maxrss) / 1024.0);
      }
      return 0;
    }
    if (command == "backup") {
      if (rest.size() != 1) return fail("usage: crm backup FILE [--database …]");
      auto st = db::backup_sqlite(database_url(*config), rest[0]);
      if (!st) return fail(st.error().key);
      std::printf("backup written to %s\n", rest[0].c_str());
      return 0;
    }
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  std::fputs(kUsage, stderr);
  return 2;
}

// Settings for every command. Each key can come from (highest first) the
// command line (--key value or --key=value), the environment (CRM_KEY, upper
// case, dashes as underscores) or a config file (--config FILE, lines
// "key = value", # comments). Unknown keys and bad values are errors.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/client_address.hpp"
#include "http/server.hpp"

namespace crm {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:data/crm.db";
  std::string base_url;          // public address used in mail links; default http://LISTEN
  unsigned io_threads = 0;       // 0: one per core
  size_t statement_cache = 256;  // prepared statements kept per database session; 0: none
  unsigned workers = 0;          // page workers, each with a database session; 0: 2 per core
  unsigned auth_workers = 1;     // password hashing (64 MiB each)
  unsigned job_workers = 1;      // background job runners, each with a database session; 0: none
  size_t queue = 1024;           // requests waiting for a worker before 503
  http::Limits limits;
  std::string smtp_url;  // empty: mail stays queued (shown in the log)
  std::string smtp_user, smtp_password;
  std::string mail_from = "crm@localhost";
  std::string mail_from_name = "crm";
  bool tls = false;  // served over HTTPS (behind a proxy): Secure cookies and HSTS
  // Reverse proxies whose X-Forwarded-For names the client (empty: none;
  // the TCP peer is the client). See http/client_address.hpp.
  http::TrustedProxies trusted_proxies;
  int session_idle_minutes = 12 * 60;
  int session_absolute_hours = 14 * 24;
  int invitation_days = 7;
  int reset_minutes = 60;
  std::string log = "info";  // info or quiet (no access log)
  // Send each answer's statement count and its time in the database, the app
  // and the queue as a Server-Timing header (the access log has them always).
  bool server_timing = false;
  bool demo_if_empty = false;  // serve: load the demo data into an empty database
  // This process's search index directory; empty: next to the SQLite file
  // ("data/crm.db" → "data/search"), and "data/search" for PostgreSQL.
  std::string search_index;
};

// One line per key for --help: "  --key  (CRM_KEY)  description [default]".
std::string config_help();

// `args` are the words after the subcommand; words that are not options are
// returned in `rest`.
Result<Config> load_config(const std::vector<std::string>& args, std::vector<std::string>& rest);

// "127.0.0.1:8080" -> host, port. Error key when malformed.
struct HostPort {
  std::string host;
  unsigned short port = 0;
};
Result<HostPort> parse_listen(const std::string& listen);

// The search index directory the settings name (Config::search_index).
std::string search_index_dir(const Config& c);

}  // namespace crm

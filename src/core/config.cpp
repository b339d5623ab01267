#include "core/config.hpp"

#include <fmt/format.h>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <functional>

namespace crm {

namespace {

struct Key {
  const char* name;
  const char* help;
  std::function<bool(Config&, const std::string&)> set;
  std::function<std::string(const Config&)> get;
  bool flag = false;  // on/off: "--tls" alone means true; "--tls=false" also works
};

bool to_number(const std::string& v, long long& out, long long min, long long max) {
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size() && out >= min && out <= max;
}

template <class T>
Key number_key(const char* name, const char* help, T Config::*field, long long min, long long max) {
  return Key{name, help,
             [=](Config& c, const std::string& v) {
               long long n;
               if (!to_number(v, n, min, max)) return false;
               c.*field = static_cast<T>(n);
               return true;
             },
             [=](const Config& c) { return std::to_string(c.*field); }};
}

Key text_key(const char* name, const char* help, std::string Config::*field) {
  return Key{name, help,
             [=](Config& c, const std::string& v) {
               c.*field = v;
               return true;
             },
             [=](const Config& c) { return c.*field; }};
}

Key bool_key(const char* name, const char* help, bool Config::*field) {
  return Key{name, help,
             [=](Config& c, const std::string& v) {
               if (v == "true" || v == "1" || v == "yes" || v.empty())
                 c.*field = true;
               else if (v == "false" || v == "0" || v == "no")
                 c.*field = false;
               else
                 return false;
               return true;
             },
             [=](const Config& c) { return std::string(c.*field ? "true" : "false"); }, true};
}

template <class Rep>
Key seconds_key(const char* name, const char* help,
                std::chrono::duration<Rep> http::Limits::*field) {
  return Key{name, help,
             [=](Config& c, const std::string& v) {
               long long n;
               if (!to_number(v, n, 1, 3600)) return false;
               c.limits.*field = std::chrono::duration<Rep>(n);
               return true;
             },
             [=](const Config& c) { return std::to_string((c.limits.*field).count()); }};
}

Key bytes_key(const char* name, const char* help, size_t http::Limits::*field) {
  return Key{name, help,
             [=](Config& c, const std::string& v) {
               long long n;
               if (!to_number(v, n, 1024, 1LL << 32)) return false;
               c.limits.*field = static_cast<size_t>(n);
               return true;
             },
             [=](const Config& c) { return std::to_string(c.limits.*field); }};
}

const std::vector<Key>& keys() {
  static const std::vector<Key> all = {
      text_key("listen", "address and port to serve on", &Config::listen),
      text_key("database", "sqlite:PATH or postgresql://USER@HOST:PORT/DB", &Config::database),
      text_key("base-url", "public address used in links in mail", &Config::base_url),
      number_key("io-threads", "I/O threads (0: one per core)", &Config::io_threads, 0, 256),
      number_key("workers", "page workers, each with a database session (0: two per core)",
                 &Config::workers, 0, 1024),
      number_key("auth-workers", "password-hashing workers (64 MiB each)", &Config::auth_workers, 1,
                 64),
      number_key("statement-cache",
                 "prepared statements each database session keeps (0: prepare every time)",
                 &Config::statement_cache, 0, 100000),
      number_key("queue", "requests that may wait for a worker before crm answers 503",
                 &Config::queue, 1, 1000000),
      number_key("job-workers",
                 "background job runners (mail, imports), each with a database session; 0: this "
                 "server runs no jobs, another one does",
                 &Config::job_workers, 0, 64),
      bytes_key("header-limit", "largest request header in bytes (431 beyond)",
                &http::Limits::header_bytes),
      bytes_key("body-limit", "largest form body in bytes (413 beyond)", &http::Limits::body_bytes),
      bytes_key("upload-limit", "largest upload in bytes (413 beyond)",
                &http::Limits::upload_bytes),
      seconds_key("header-timeout", "seconds a client has to send a request header",
                  &http::Limits::header_timeout),
      seconds_key("body-timeout", "seconds a client has to send a request body",
                  &http::Limits::body_timeout),
      seconds_key("idle-timeout", "seconds a keep-alive connection may wait for a request",
                  &http::Limits::idle_timeout),
      seconds_key("shutdown-grace",
                  "seconds a stop waits for requests in flight before it closes what is left",
                  &http::Limits::shutdown_grace),
      Key{"max-connections", "open connections at most (503 beyond)",
          [](Config& c, const std::string& v) {
            long long n;
            if (!to_number(v, n, 1, 1000000)) return false;
            c.limits.max_connections = static_cast<size_t>(n);
            return true;
          },
          [](const Config& c) { return std::to_string(c.limits.max_connections); }},
      Key{"max-uploads", "uploads above the body limit read at the same time (503 beyond)",
          [](Config& c, const std::string& v) {
            long long n;
            if (!to_number(v, n, 1, 10000)) return false;
            c.limits.max_uploads = static_cast<size_t>(n);
            return true;
          },
          [](const Config& c) { return std::to_string(c.limits.max_uploads); }},
      text_key("smtp-url", "smtp://HOST:PORT for outgoing mail (empty: mail waits in the queue)",
               &Config::smtp_url),
      text_key("smtp-user", "SMTP user name", &Config::smtp_user),
      text_key("smtp-password", "SMTP password", &Config::smtp_password),
      text_key("mail-from", "sender address of crm's mail", &Config::mail_from),
      text_key("mail-from-name", "sender name of crm's mail", &Config::mail_from_name),
      bool_key("tls", "crm is reached over HTTPS: Secure cookies and HSTS", &Config::tls),
      Key{"trusted-proxies",
          "addresses or CIDR ranges of reverse proxies, comma-separated, whose X-Forwarded-For "
          "names the client (empty: the TCP peer is the client)",
          [](Config& c, const std::string& v) {
            auto t = http::TrustedProxies::parse(v);
            if (!t) return false;
            c.trusted_proxies = std::move(*t);
            return true;
          },
          [](const Config& c) { return c.trusted_proxies.text(); }},
      number_key("session-idle-minutes", "log out after this much inactivity",
                 &Config::session_idle_minutes, 1, 525600),
      number_key("session-absolute-hours", "log out this long after login at the latest",
                 &Config::session_absolute_hours, 1, 8760),
      number_key("invitation-days", "days an invitation link stays valid", &Config::invitation_days,
                 1, 90),
      number_key("reset-minutes", "minutes a password-reset link stays valid",
                 &Config::reset_minutes, 5, 1440),
      text_key("log", "info (access log) or quiet", &Config::log),
      bool_key("server-timing",
               "send each answer's statement count and time in the database, the app and the "
               "queue as a Server-Timing header (the access log always has them)",
               &Config::server_timing),
      bool_key("demo-if-empty", "load the demo data when the database has no accounts",
               &Config::demo_if_empty),
      text_key("search-index",
               "directory of this process's search index, one per running crm (empty: next to "
               "the SQLite file, data/search for PostgreSQL)",
               &Config::search_index),
  };
  return all;
}

const Key* find_key(std::string_view name) {
  for (const auto& k : keys())
    if (name == k.name) return &k;
  return nullptr;
}

std::string env_name(std::string_view key) {
  std::string s = "CRM_";
  for (char c : key)
    s += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

Status apply(Config& c, std::string_view name, const std::string& value,
             const std::string& origin) {
  const Key* k = find_key(name);
  if (!k) return invalid(std::string(name), fmt::format("unknown setting '{}' ({})", name, origin));
  if (!k->set(c, value))
    return invalid(std::string(name),
                   fmt::format("bad value '{}' for '{}' ({})", value, name, origin));
  return ok();
}

}  // namespace

std::string config_help() {
  std::string out;
  Config defaults;
  for (const auto& k : keys())
    out += fmt::format("  --{:<24} {:<28} {} [{}]\n", k.name, env_name(k.name), k.help,
                       k.get(defaults));
  out += fmt::format("  --{:<24} {:<28} {}\n", "config FILE", "CRM_CONFIG",
                     "read settings from FILE (key = value)");
  return out;
}

Result<Config> load_config(const std::vector<std::string>& args, std::vector<std::string>& rest) {
  Config c;
  // Command-line pairs first, so --config is known before the file is read.
  std::vector<std::pair<std::string, std::string>> cli;
  std::string config_file;
  if (const char* f = std::getenv("CRM_CONFIG")) config_file = f;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (!a.starts_with("--")) {
      rest.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (name == "config" ||
               (find_key(name) && !(find_key(name)->get(Config{}) == "false"))) {
      if (i + 1 >= args.size()) return invalid(name, fmt::format("--{} needs a value", name));
      value = args[++i];
    } else if (!find_key(name)) {
      rest.push_back(a);  // a subcommand's own flag, e.g. --help or --scale
      continue;
    }
    if (name == "config")
      config_file = value;
    else
      cli.emplace_back(name, value);
  }
  if (!config_file.empty()) {
    std::ifstream in(config_file);
    if (!in) return invalid("config", fmt::format("cannot read config file {}", config_file));
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      auto eq = line.find('=');
      if (eq == std::string::npos)
        return invalid("config", fmt::format("{}:{}: expected key = value", config_file, n));
      auto st = apply(c, trim(line.substr(0, eq)), trim(line.substr(eq + 1)), config_file);
      if (!st) return st.error();
    }
  }
  for (const auto& k : keys())
    if (const char* v = std::getenv(env_name(k.name).c_str())) {
      auto st = apply(c, k.name, v, env_name(k.name));
      if (!st) return st.error();
    }
  for (const auto& [k, v] : cli) {
    auto st = apply(c, k, v, "command line");
    if (!st) return st.error();
  }
  auto hp = parse_listen(c.listen);
  if (!hp) return hp.error();
  if (c.base_url.empty()) c.base_url = "http://" + c.listen;
  while (c.base_url.ends_with('/')) c.base_url.pop_back();
  return c;
}

Result<HostPort> parse_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return invalid("listen", fmt::format("listen address '{}' is not HOST:PORT", listen));
  HostPort hp;
  hp.host = listen.substr(0, colon);
  if (hp.host.size() > 2 && hp.host.front() == '[' && hp.host.back() == ']')
    hp.host = hp.host.substr(1, hp.host.size() - 2);
  long long port;
  if (!to_number(listen.substr(colon + 1), port, 0, 65535))
    return invalid("listen", fmt::format("listen address '{}' has no valid port", listen));
  hp.port = static_cast<unsigned short>(port);
  return hp;
}

std::string search_index_dir(const Config& c) {
  if (!c.search_index.empty()) return c.search_index;
  std::string_view db = c.database;
  if (db.starts_with("postgres")) return "data/search";
  if (db.starts_with("sqlite:")) db.remove_prefix(7);
  auto slash = db.rfind('/');
  return slash == std::string_view::npos ? std::string("search")
                                         : std::string(db.substr(0, slash)) + "/search";
}

}  // namespace crm

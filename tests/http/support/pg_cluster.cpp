#include "http/support/pg_cluster.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "db/database.hpp"

namespace crm::test {

namespace {

// The newest installed PostgreSQL's server programs ("" when none).
std::filesystem::path server_bin() {
  std::filesystem::path best;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    auto bin = e.path() / "bin";
    if (std::filesystem::exists(bin / "initdb") && std::filesystem::exists(bin / "pg_ctl") &&
        (best.empty() || std::stoi(e.path().filename().string()) >
                             std::stoi(best.parent_path().filename().string())))
      best = bin;
  }
  return best;
}

unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string tail(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::ostringstream out;
  for (size_t i = lines.size() > 10 ? lines.size() - 10 : 0; i < lines.size(); ++i)
    out << lines[i] << "\n";
  return out.str();
}

// Runs a command line in `dir` (the postgres user may not enter the current
// directory); as the postgres user when we are root.
int run_in(const std::filesystem::path& dir, const std::string& command) {
  std::string as = ::geteuid() == 0 ? "runuser -u postgres -- " : "";
  std::string line = "cd '" + dir.string() + "' && " + as + command;
  return std::system(line.c_str());
}

}  // namespace

bool PgCluster::available() {
  return !server_bin().empty();
}

PgCluster::PgCluster() : bin_(server_bin()) {
  if (bin_.empty()) throw std::runtime_error("PostgreSQL's server programs are not installed");
  std::string dir = (std::filesystem::temp_directory_path() / "crm-pg-XXXXXX").string();
  if (!::mkdtemp(dir.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = dir;
  if (::geteuid() == 0 &&
      std::system(("chown postgres:postgres '" + dir_.string() + "'").c_str()) != 0) {
    std::filesystem::remove_all(dir_);
    throw std::runtime_error("cannot give " + dir_.string() + " to the postgres user");
  }
  if (run_in(dir_, "'" + (bin_ / "initdb").string() + "' -D '" + (dir_ / "data").string() +
                       "' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'" +
                       (dir_ / "initdb.log").string() + "' 2>&1") != 0) {
    auto log = tail(dir_ / "initdb.log");
    std::filesystem::remove_all(dir_);
    throw std::runtime_error("initdb failed:\n" + log);
  }
  // The port is free when we look; should someone take it before PostgreSQL
  // binds it, try another.
  for (int attempt = 0;; ++attempt) {
    port_ = free_port();
    try {
      start();
      return;
    } catch (const std::exception&) {
      if (attempt == 2) {
        std::filesystem::remove_all(dir_);
        throw;
      }
    }
  }
}

PgCluster::~PgCluster() {
  try {
    if (running_) stop();
  } catch (const std::exception&) {
    // Nothing more to do than removing its files; an orphan server exits
    // when its data directory is gone and it is next checked.
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string PgCluster::url(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

void PgCluster::create_database(const std::string& name) {
  db::Session admin(*db::parse_url(url()));
  admin.sql() << "CREATE DATABASE " + name;
}

void PgCluster::pg_ctl(const std::string& args) {
  if (run_in(dir_, "'" + (bin_ / "pg_ctl").string() + "' -D '" + (dir_ / "data").string() +
                       "' -l '" + (dir_ / "server.log").string() + "' -w -t 60 " + args +
                       " >/dev/null 2>&1") != 0)
    throw std::runtime_error("pg_ctl " + args + " failed:\n" + tail(dir_ / "server.log"));
}

void PgCluster::start() {
  pg_ctl("-o \"-k '" + dir_.string() + "' -c listen_addresses=127.0.0.1 -p " +
         std::to_string(port_) + " -c fsync=off\" start");
  running_ = true;
}

void PgCluster::stop() {
  pg_ctl("-m fast stop");
  running_ = false;
}

void PgCluster::restart() {
  pg_ctl("-m fast restart");
  running_ = true;
}

}  // namespace crm::test

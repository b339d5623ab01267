// A private PostgreSQL cluster for tests that must stop or restart the
// database server (fault drills), which they may not do to the shared one:
// initdb in a temporary directory (as the postgres user when the tests run as
// root, since initdb refuses root), trust authentication, fsync off, listening
// on a free port of 127.0.0.1 only. initdb takes a few seconds.
//
// The destructor stops the server (fast) and removes the directory. Not
// thread-safe; start/stop/restart block until pg_ctl says it is done.
#pragma once

#include <filesystem>
#include <string>

namespace crm::test {

class PgCluster {
 public:
  // Throws std::runtime_error (with the log's tail) when the cluster cannot
  // be made or started; `available()` says beforehand whether it can be.
  PgCluster();
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // True when PostgreSQL's server programs (initdb, pg_ctl) are installed.
  static bool available();

  unsigned short port() const { return port_; }
  // postgresql://postgres@127.0.0.1:PORT/NAME
  std::string url(const std::string& database = "postgres") const;
  // CREATE DATABASE name (through psql's equivalent, createdb).
  void create_database(const std::string& name);

  void start();
  void stop();     // -m fast: sessions are ended, as on a real restart
  void restart();  // pg_ctl restart -m fast

 private:
  void pg_ctl(const std::string& args);
  std::filesystem::path dir_;
  std::filesystem::path bin_;
  unsigned short port_ = 0;
  bool running_ = false;
};

}  // namespace crm::test

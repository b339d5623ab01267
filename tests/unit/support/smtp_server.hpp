// A real SMTP server for GoogleTest tests: runs tests/smtp_server.py (aiosmtpd)
// as a child process on a free 127.0.0.1 port, with a fresh temporary
// directory receiving one file per message (see the script for the format).
//
//   crm::test::SmtpServer smtp;                    // started and listening
//   send(SmtpConfig{.url = smtp.url()}, m, rendered);
//   auto raw = smtp.wait_for_message(0, std::chrono::seconds(5));
//
// Lifetime: the constructor returns once the server answers; the destructor
// sends SIGTERM, waits for the process (reporting a test failure when it does
// not exit 0) and removes the directory. Should the test binary die, the child
// gets SIGTERM too (PR_SET_PDEATHSIG; bound to the constructing thread, so
// construct it on the thread that outlives it, as gtest's test bodies do).
//
// The interpreter is $CRM_TEST_PYTHON, else /usr/bin/python3 (where Debian's
// python3-aiosmtpd lives, even when a pyenv python3 comes first on PATH), else
// python3 from PATH.
//
// Errors: the constructor throws std::runtime_error when the server cannot be
// started (a broken test environment, not a test failure to handle).
// Thread safety: port(), url(), directory(), messages() and wait_for_message()
// may be called from any thread while the object lives.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#ifndef CRM_SOURCE_DIR
#define CRM_SOURCE_DIR "."
#endif

namespace crm::test {

// The Python used for test helpers (see above for the order of choices).
inline std::string python_interpreter() {
  if (const char* env = std::getenv("CRM_TEST_PYTHON"); env && *env) return env;
  if (::access("/usr/bin/python3", X_OK) == 0) return "/usr/bin/python3";
  return "python3";
}

struct SmtpServerOptions {
  // Recipients matching this Python regular expression (re.search) are
  // refused with "550 5.1.1"; empty = accept everyone.
  std::string reject_recipients;
  // Recipients matching this one are refused with "451 4.3.0" (try later).
  std::string tempfail_recipients;
  // "USER:PASSWORD": AUTH is required (over plain text) and anything else is
  // answered "535 5.7.8"; empty = no AUTH.
  std::string auth;
  std::chrono::milliseconds start_timeout{15000};
};

class SmtpServer {
 public:
  explicit SmtpServer(SmtpServerOptions options = {}) : options_(std::move(options)) {
    std::string templ = (std::filesystem::temp_directory_path() / "crm-smtp-XXXXXX").string();
    if (!mkdtemp(templ.data())) throw_errno("mkdtemp");
    dir_ = templ;
    // Another process may take the port between our probe and the server's
    // bind; the script then exits early and we try another port.
    for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) {
      try_start(free_port());
    }
    if (pid_ < 0) {
      std::filesystem::remove_all(dir_);
      throw std::runtime_error("SmtpServer: " + source_dir() +
                               "/tests/smtp_server.py did not start (see stderr)");
    }
  }

  ~SmtpServer() {
    int status = stop();
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
      ADD_FAILURE() << "smtp_server.py did not exit cleanly (wait status " << status << ")";
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& directory() const { return dir_; }

  // Raw contents of every message received so far, in arrival order.
  std::vector<std::string> messages() const {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      std::string name = entry.path().filename().string();
      if (name.front() != '.' && entry.path().extension() == ".eml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.push_back(std::move(s).str());
    }
    return out;
  }

  // The index-th message (0-based, arrival order) once it has arrived;
  // nullopt when it has not within `timeout`.
  std::optional<std::string> wait_for_message(size_t index,
                                              std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto all = messages();
      if (all.size() > index) return std::move(all[index]);
      if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

 private:
  static std::string source_dir() { return CRM_SOURCE_DIR; }

  [[noreturn]] static void throw_errno(const char* what) {
    throw std::runtime_error(std::string("SmtpServer: ") + what + ": " + std::strerror(errno));
  }

  static int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw_errno("socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      ::close(fd);
      throw_errno("bind/getsockname");
    }
    ::close(fd);
    return ntohs(addr.sin_port);
  }

  // Starts the script on `port`; on success sets pid_, port_ and out_fd_.
  void try_start(int port) {
    std::vector<std::string> args = {python_interpreter(), source_dir() + "/tests/smtp_server.py",
                                     std::to_string(port), dir_.string()};
    if (!options_.reject_recipients.empty()) {
      args.push_back("--reject-recipients");
      args.push_back(options_.reject_recipients);
    }
    if (!options_.tempfail_recipients.empty()) {
      args.push_back("--tempfail-recipients");
      args.push_back(options_.tempfail_recipients);
    }
    if (!options_.auth.empty()) {
      args.push_back("--auth");
      args.push_back(options_.auth);
    }
    // Everything the child needs is prepared before fork: after it, only
    // async-signal-safe calls.
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("pipe2");
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      throw_errno("fork");
    }
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(127);  // parent already gone
      ::dup2(fds[1], STDOUT_FILENO);            // the copy on fd 1 is not close-on-exec
      ::execvp(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    pid_ = pid;
    out_fd_ = fds[0];
    if (wait_ready()) {
      port_ = port;
      return;
    }
    stop();
  }

  // True once the child printed "ready"; false when it exited or timed out.
  bool wait_ready() {
    const auto deadline = std::chrono::steady_clock::now() + options_.start_timeout;
    std::string line;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{out_fd_, POLLIN, 0};
      int n = ::poll(&p, 1, static_cast<int>(left.count()));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      char buf[64];
      ssize_t got = ::read(out_fd_, buf, sizeof buf);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;  // EOF: the script exited (port taken, import error)
      line.append(buf, static_cast<size_t>(got));
      if (line.find("ready\n") != std::string::npos) return true;
    }
  }

  // SIGTERM, wait up to 10 s, then SIGKILL. Returns the wait status.
  int stop() {
    int status = 0;
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      for (;;) {
        pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_ || (r < 0 && errno != EINTR)) break;
        if (std::chrono::steady_clock::now() >= deadline) {
          ::kill(pid_, SIGKILL);
          ::waitpid(pid_, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    if (out_fd_ >= 0) ::close(out_fd_);
    pid_ = -1;
    out_fd_ = -1;
    return status;
  }

  SmtpServerOptions options_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int port_ = 0;
};

}  // namespace crm::test

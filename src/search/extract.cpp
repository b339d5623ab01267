#include "search/extract.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <unicode/unistr.h>
#include <boost/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "search/change_log.hpp"
#include "search/documents_store.hpp"

namespace crm::search {

namespace {

// Valid UTF-8 (invalid bytes become U+FFFD) without NUL or other control
// characters but tab and line breaks.
std::string clean_text(const std::string& raw) {
  std::string utf8;
  icu::UnicodeString::fromUTF8(raw).toUTF8String(utf8);
  std::string out;
  out.reserve(utf8.size());
  for (char c : utf8) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t') {
      if (c == '\r' || c == '\f') out += '\n';  // pdftotext ends pages with \f
      continue;
    }
    out += c;
  }
  // Nothing but white space: no text.
  if (out.find_first_not_of(" \n\t") == std::string::npos) out.clear();
  return out;
}

const char* suffix_of(const std::string& type) {
  if (type == "application/pdf") return ".pdf";
  if (type == "application/vnd.oasis.opendocument.text") return ".odt";
  if (type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return ".docx";
  return ".bin";
}

struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

}  // namespace

std::vector<std::string> extract_command(const std::string& type, const std::string& path) {
  if (type == "application/pdf") return {"pdftotext", "-q", "-enc", "UTF-8", path, "-"};
  if (type == "application/vnd.oasis.opendocument.text")
    return {"odt2txt", "--encoding=UTF-8", "--width=-1", path};
  if (type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return {"docx2txt", path, "-"};
  return {};
}

Extracted extract_text(const std::string& content_type, const std::string& bytes) {
  Extracted r;
  if (content_type.starts_with("text/plain")) {
    r.ok = true;
    r.text = clean_text(bytes.substr(0, kExtractOutputCap));
    return r;
  }
  // A private copy, readable by this user only, named by mkstemps.
  TempFile tmp;
  std::string pattern = (std::filesystem::temp_directory_path() / "crm-extract-XXXXXX").string() +
                        suffix_of(content_type);
  const int suffix = static_cast<int>(std::string_view(suffix_of(content_type)).size());
  int fd = ::mkstemps(pattern.data(), suffix);
  if (fd < 0) {
    r.error = "cannot create a temporary file";
    return r;
  }
  tmp.path = pattern;
  auto cmd = extract_command(content_type, tmp.path);
  if (cmd.empty()) {
    ::close(fd);
    r.error = "no text extraction for files of type " + content_type;
    return r;
  }
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      r.error = "cannot write the temporary file";
      return r;
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    r.error = "cannot create a pipe";
    return r;
  }
  std::vector<char*> argv;
  for (auto& a : cmd) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out[0]);
    ::close(out[1]);
    if (devnull >= 0) ::close(devnull);
    r.error = "cannot start " + cmd[0];
    return r;
  }
  if (pid == 0) {
    // The child: only async-signal-safe calls until exec.
    ::dup2(out[1], STDOUT_FILENO);
    if (devnull >= 0) {
      ::dup2(devnull, STDIN_FILENO);
      ::dup2(devnull, STDERR_FILENO);
    }
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  if (devnull >= 0) ::close(devnull);
  std::string text;
  bool timed_out = false, capped = false;
  const auto deadline = std::chrono::steady_clock::now() + kExtractTimeLimit;
  char buf[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      timed_out = ready == 0;
      break;
    }
    ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() >= kExtractOutputCap) {
      text.resize(kExtractOutputCap);
      capped = true;
      break;
    }
  }
  ::close(out[0]);
  if (timed_out || capped) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    r.error = fmt::format("{} took longer than {} s", cmd[0], kExtractTimeLimit.count());
    return r;
  }
  if (!capped && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
    r.error = WIFEXITED(status) && WEXITSTATUS(status) == 127
                  ? cmd[0] + " is not installed"
                  : fmt::format("{} could not read the file (exit status {})", cmd[0],
                                WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return r;
  }
  r.ok = true;
  r.text = clean_text(text);
  return r;
}

jobs::Handler extract_job() {
  return [](jobs::JobContext& jc) {
    bool paper_version = false;
    int64_t id = 0;
    try {
      auto v = boost::json::parse(jc.job.payload).as_object();
      const auto what = std::string(v.at("what").as_string());
      if (what != "paper_version" && what != "resource")
        return jobs::Outcome::fail("The job names no file.");
      paper_version = what == "paper_version";
      id = v.at("id").to_number<int64_t>();
    } catch (const std::exception&) {
      return jobs::Outcome::fail("The job names no file.");
    }
    auto file = file_to_extract(jc.db, paper_version, id);
    if (!file.found) return jobs::Outcome::done();  // deleted meanwhile: nothing to index
    auto text =
        file.data.empty() ? Extracted{true, "", ""} : extract_text(file.content_type, file.data);
    if (!text.ok) return jobs::Outcome::fail(text.error);
    db::Transaction tx(jc.db);
    store_extracted_text(jc.db, paper_version, id, text.text);
    record_change(jc.db, paper_version ? WorkKind::paper : WorkKind::resource, file.work_id,
                  jc.now);
    tx.commit();
    return jobs::Outcome::done();
  };
}

}  // namespace crm::search

#include "mail/smtp.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>

namespace crm::mail {
namespace {

CURLcode global_init() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result;
}

// The envelope goes into SMTP commands verbatim: CR/LF would inject commands,
// angle brackets or spaces would change the address. Refuse instead of
// cleaning, so the envelope never silently differs from what was asked.
bool usable_envelope_address(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  for (unsigned char c : a) {
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>') return false;
  }
  return true;
}

struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t read_chunk(char* buffer, size_t size, size_t nitems, void* userdata) {
  auto* up = static_cast<Upload*>(userdata);
  size_t n = std::min(size * nitems, up->data->size() - up->pos);
  std::memcpy(buffer, up->data->data() + up->pos, n);
  up->pos += n;
  return n;
}

// libcurl's error for a refused RCPT is only "RCPT failed: 550"; the server's
// own words ("5.1.1 user unknown") are what an operator needs. The first 4xx/5xx
// line is kept apart because curl's QUIT afterwards gets a harmless "221 Bye".
struct Replies {
  std::string last;
  std::string first_error;
};

int remember_reply(CURL*, curl_infotype type, char* data, size_t size, void* userdata) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string_view chunk(data, size);
  while (!chunk.empty() && (chunk.back() == '\n' || chunk.back() == '\r')) chunk.remove_suffix(1);
  size_t nl = chunk.find_last_of("\r\n");
  if (nl != std::string_view::npos) chunk.remove_prefix(nl + 1);
  if (chunk.empty()) return 0;
  auto* replies = static_cast<Replies*>(userdata);
  replies->last.assign(chunk.substr(0, 300));
  if (replies->first_error.empty() && (chunk[0] == '4' || chunk[0] == '5')) {
    replies->first_error = replies->last;
  }
  return 0;
}

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

SendResult send(const SmtpConfig& cfg, const Message& m, const std::string& rendered) {
  if (!usable_envelope_address(m.from_address) || !usable_envelope_address(m.to_address)) {
    return {false, true, "unusable envelope address (empty, too long, or with spaces/controls)"};
  }
  if (CURLcode rc = global_init(); rc != CURLE_OK) {
    return {false, false, std::string("curl_global_init: ") + curl_easy_strerror(rc)};
  }
  // Everything the handle points to is declared before it, so it outlives
  // curl_easy_cleanup (which may still talk to the server, e.g. QUIT).
  const std::string from = "<" + m.from_address + ">";
  const std::string to = "<" + m.to_address + ">";
  std::unique_ptr<curl_slist, SlistDeleter> rcpt(curl_slist_append(nullptr, to.c_str()));
  if (!rcpt) return {false, false, "out of memory"};
  Upload upload{&rendered};
  Replies replies;
  char error[CURL_ERROR_SIZE] = {};
  const long timeout = std::max(cfg.timeout_seconds, 1);

  std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  if (!easy) return {false, false, "curl_easy_init failed"};
  CURL* h = easy.get();

  // Return codes of setopt are not checked one by one: every option used here
  // exists in the libcurl we build against, and a bad URL surfaces in perform.
  curl_easy_setopt(h, CURLOPT_URL, cfg.url.c_str());
  // A misconfigured URL must not turn the mailer into a file:// or http:// client.
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // threads + timeouts: no SIGALRM
  curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, timeout);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  if (cfg.starttls) curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!cfg.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, cfg.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, cfg.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, read_chunk);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  // Lets servers announcing SIZE refuse an oversized message before DATA.
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(rendered.size()));
  // The debug callback only runs in verbose mode; it writes nothing itself.
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, remember_reply);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &replies);

  const CURLcode rc = curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);

  if (rc == CURLE_OK) return {true, false, replies.last};

  SendResult r;
  // 535 (authentication failed) is a setting to fix, not the message's fault:
  // worth trying again once the setting is right.
  r.permanent = code >= 500 && code <= 599 && code != 535;
  r.detail = curl_easy_strerror(rc);
  if (error[0] != '\0') r.detail += std::string(": ") + error;
  const std::string& said = replies.first_error.empty() ? replies.last : replies.first_error;
  if (!said.empty()) r.detail += " (server: " + said + ")";
  return r;
}

}  // namespace crm::mail

// Sending one rendered e-mail over SMTP with libcurl.
//
// Thread safety: send() may be called from any number of threads at once;
// each call uses its own connection and libcurl handle, and libcurl's global
// initialisation happens exactly once (std::call_once). send() blocks for up
// to cfg.timeout_seconds; call it from a worker, never from an HTTP I/O thread.
#pragma once

#include <string>

#include "mail/message.hpp"

namespace crm::mail {

struct SmtpConfig {
  // smtp://host:port for plain SMTP (optionally upgraded with `starttls`),
  // smtps://host:port for implicit TLS. Other schemes are refused.
  std::string url = "smtp://127.0.0.1:25";
  std::string username, password;  // empty username = no AUTH
  // Require STARTTLS: the send fails instead of falling back to plain text.
  // Certificates and host names are always verified when TLS is used.
  bool starttls = false;
  int timeout_seconds = 30;  // whole conversation, connect included; values < 1 count as 1
};

// Outcome of one send. Not a crm::Result because the interesting part is the
// failure detail, which goes to logs, never to users.
struct SendResult {
  bool ok = false;
  // The server answered 5xx (recipient unknown, message refused, ...):
  // retrying the same message will not help. False for network errors,
  // timeouts, 4xx answers and 535 (authentication failed: usually a wrong
  // --smtp-user or --smtp-password, which someone will fix), which are worth
  // retrying. Also true when the envelope addresses are unusable (nothing sent).
  bool permanent = false;
  // Human-readable, for logs: libcurl's error and the server's last reply line
  // on failure; the server's final reply (usually with its queue id) on success.
  std::string detail;
};

// Sends `rendered` (the output of render(m, ...)) with envelope sender
// m.from_address and the single envelope recipient m.to_address.
// Never throws for SMTP or network failures: they are returned as values.
SendResult send(const SmtpConfig& cfg, const Message& m, const std::string& rendered);

}  // namespace crm::mail

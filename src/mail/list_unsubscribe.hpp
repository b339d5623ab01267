// Mail that a person can stop with one click (RFC 8058): the outbox keeps
// the URL, and the message carries
//   List-Unsubscribe: <URL>
//   List-Unsubscribe-Post: List-Unsubscribe=One-Click
// The URL is built by the caller from a signed token only (never user
// text); render() keeps only the characters a URL has (no '<', '>', '"',
// spaces or controls) and leaves both headers out for anything that is not
// an http(s) URL of at most 900 characters (it would need folding).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "mail/message.hpp"
#include "mail/outbox.hpp"

namespace crm::mail {

// mail::queue() with the unsubscribe URL. REQUIRES: an open transaction on db.
int64_t queue_with_unsubscribe(db::Session& db, const OutMail& m,
                               const std::string& list_unsubscribe, int64_t now);

// render() (message.hpp) with the two headers when `list_unsubscribe` is a URL.
std::string render(const Message& m, int64_t unix_time, std::string_view list_unsubscribe);

}  // namespace crm::mail

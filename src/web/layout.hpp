// The page shell every HTML page shares: <html lang dir>, the navigation for
// the actor's role, the language switcher, flash messages, and the answer's
// headers. Views produce only the inside of <main>.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/message.hpp"
#include "web/context.hpp"
#include "web/html.hpp"

namespace crm::web {

// A full HTML answer around `main_html` (which the view built with Html).
http::Response page(Ctx& ctx, std::string_view title, std::string main_html, int status = 200);

// What a page adds to <head>.
struct PageHead {
  // Pages that show a running job: without JavaScript the browser reloads
  // the page after this many seconds (<noscript><meta http-equiv="refresh">;
  // with JavaScript the page polls instead and is never reloaded). 0: never.
  int refresh_seconds = 0;
  // <meta name="description">: what the page is about, for search engines
  // and link previews. Empty: crm's own description.
  std::string description;
};
http::Response page(Ctx& ctx, std::string_view title, std::string main_html, int status,
                    const PageHead& extra);

// An error page for a handler's answer (404, 403, 422 …) in the viewer's language.
http::Response error_page(Ctx& ctx, int status, std::string_view message_key = {});
// The HTTP status of an expected failure: not_found 404, forbidden 403,
// conflict 409, throttled 429, invalid 422.
int status_of(const Error& e);

// The same without a request context (before any handler ran, on an I/O
// thread): no navigation that needs the database.
http::Response bare_error_page(const Tr& tr, const Assets& assets, int status,
                               std::string_view request_id);

// Redirect after a successful POST, with a message for the next page.
http::Response redirect_with(Ctx& ctx, std::string location, std::string kind, std::string message);

// Title and explanation of an HTTP status, as msgids.
const char* status_title(int status);
const char* status_explanation(int status);

// The header every answer carries (CSP, nosniff, framing, referrer, HSTS when TLS).
void security_headers(http::Response& res, bool tls);

}  // namespace crm::web

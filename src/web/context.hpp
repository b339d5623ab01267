// What a handler gets besides the request: the worker's database session,
// the settings, who is asking, their language, and the response cookies.
// Lives for one request on one worker thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/roles.hpp"
#include "core/config.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"
#include "web/assets.hpp"

namespace crm::search {
class Index;
}

namespace crm::web {

struct Flash {
  std::string kind;     // "ok" or "error"
  std::string message;  // already translated
};

struct Ctx {
  db::Session& db;
  const Config& config;
  const Catalogs& catalogs;
  const Assets& assets;
  Tr tr;
  int64_t now = 0;  // Unix seconds at the start of the request
  auth::Actor actor;
  std::string session_digest;   // of the signed-in session; empty when anonymous
  int64_t pending_account = 0;  // password given, second factor still due (/login/2fa)
  std::string csrf;             // token every form of this page must carry
  std::string path;             // request path (percent-decoded), for "return here" links
  std::string target;           // path and query percent-encoded: fit for a URL or a header
  std::string remote_address, request_id;
  // The site's name: the name of the one programme crm runs, in the reader's
  // language; empty with none or several (then "crm", the software's name).
  std::string site_name;
  std::optional<Flash> flash;            // shown once on this page
  std::vector<std::string> set_cookies;  // Set-Cookie values for the response
  std::optional<Flash> next_flash;       // shown on the next page (after a redirect)
  bool workers_connected = true;         // no worker is without its database connection
  bool jobs_enqueued = false;  // a job was enqueued: wake this process's job runners afterwards
  // This process's search index (null: none; the knowledge base answers 503).
  search::Index* search = nullptr;
};

}  // namespace crm::web

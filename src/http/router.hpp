// One route table: method + path pattern -> handler. Patterns are literal
// segments and `{name}` parameters ("/invitations/{token}"). HEAD is served by
// the GET route. Only routes registered with post_files() take file uploads
// (multipart bodies up to the upload limit); the server asks before it reads
// a body. Thread-safe for lookups once built (built at start only).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace crm::http {

// Which worker pool runs the handler: password hashing goes to its own small
// pool so a storm of logins cannot starve page rendering.
enum class Pool { pages, auth };

template <class Ctx>
class Router {
 public:
  using Handler = std::function<Response(Request&, Ctx&)>;
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
    Pool pool = Pool::pages;
    bool accepts_files = false;  // multipart bodies up to the upload limit
  };
  struct Match {
    const Route* route = nullptr;      // null: no route for this path and method
    std::vector<std::string> allowed;  // methods for this path when the method did not match (405)
  };

  void get(std::string_view pattern, Handler h, Pool p = Pool::pages) {
    add("GET", pattern, std::move(h), p);
  }
  void post(std::string_view pattern, Handler h, Pool p = Pool::pages) {
    add("POST", pattern, std::move(h), p);
  }
  // A POST whose form carries files: the only routes with the upload limit.
  void post_files(std::string_view pattern, Handler h, Pool p = Pool::pages) {
    add("POST", pattern, std::move(h), p, true);
  }

  void add(std::string method, std::string_view pattern, Handler h, Pool p,
           bool accepts_files = false) {
    routes_.push_back(Route{std::move(method), split(pattern), std::move(h), p, accepts_files});
  }

  // Fills req.params on a match.
  Match match(Request& req) const {
    Match m;
    auto parts = split(req.path);
    // Both arms string_view: with "GET" : req.method the result would be a
    // temporary std::string, gone before the loop reads it.
    std::string_view method =
        req.method == "HEAD" ? std::string_view("GET") : std::string_view(req.method);
    for (const auto& r : routes_) {
      std::map<std::string, std::string, std::less<>> params;
      if (!matches(r.segments, parts, params)) continue;
      if (r.method == method) {
        req.params = std::move(params);
        m.route = &r;
        return m;
      }
      m.allowed.push_back(r.method);
    }
    return m;
  }

  const std::vector<Route>& routes() const { return routes_; }

 private:
  static std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < path.size()) {
      while (i < path.size() && path[i] == '/') ++i;
      size_t j = path.find('/', i);
      if (j == std::string_view::npos) j = path.size();
      if (j > i) out.emplace_back(path.substr(i, j - i));
      i = j;
    }
    return out;
  }
  static bool matches(const std::vector<std::string>& pattern,
                      const std::vector<std::string>& parts,
                      std::map<std::string, std::string, std::less<>>& params) {
    if (pattern.size() != parts.size()) return false;
    for (size_t i = 0; i < pattern.size(); ++i) {
      const auto& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        params[p.substr(1, p.size() - 2)] = parts[i];
      } else if (p != parts[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace crm::http

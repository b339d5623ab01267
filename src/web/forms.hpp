// Form pieces shared by every view: fields with their label, inline error and
// the value the user typed; the CSRF field; submit buttons; pagination.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "web/context.hpp"
#include "web/html.hpp"

namespace crm::web {

struct Field {
  std::string_view name;
  std::string label;  // translated
  std::string_view type = "text";
  std::string value;  // what the user typed (kept after an error)
  std::string error;  // translated inline message, empty if none
  std::string_view autocomplete = {};
  bool required = false;
  std::string hint = {};  // translated help text below the field
  std::string_view inputmode = {};
  std::string_view lang = {};  // the language the value is written in, when not the page's
};

void csrf_field(Html& h, const Ctx& ctx);
void field(Html& h, const Field& f);
struct Option {
  std::string value, label;
};
void select(Html& h, std::string_view name, const std::string& label,
            const std::vector<Option>& options, const std::string& selected,
            const std::string& error = {});
void submit(Html& h, const std::string& label, std::string_view cls = "button primary");
// The message of `e` when it belongs to `field`, translated.
std::string error_for(const Ctx& ctx, const Error* e, std::string_view field);
// Forms that report every problem at once: the message for `field` among
// `errors`, translated ("" when none), and the form-wide one (empty field).
std::string error_for(const Ctx& ctx, const std::vector<Error>& errors, std::string_view field);
const Error* form_wide(const std::vector<Error>& errors);
// A form-wide message (Error with empty field) as an alert box.
void form_alert(Html& h, const Ctx& ctx, const Error* e);

struct Pagination {
  long page = 1;  // 1-based
  long per_page = 25;
  long total = 0;
  long pages() const { return total == 0 ? 1 : (total + per_page - 1) / per_page; }
  long offset() const { return (page - 1) * per_page; }
};
// Reads ?page=N (clamped to 1…pages once total is known by the caller).
long page_param(std::string_view value);
// `base_path` may carry a query ("/cohorts/3?country=DE"); ?page= or &page= is added.
void pagination(Html& h, const Ctx& ctx, const Pagination& p, std::string_view base_path);

}  // namespace crm::web

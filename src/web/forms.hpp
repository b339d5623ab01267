// Form pieces shared by every view: fields with their label, inline error and
// the value the user typed; the CSRF field; submit buttons; pagination.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"
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

// A checkbox or a radio button with its label on the same line, the box
// first (on the start side), the label beside it and wrapping under itself;
// an error below the label. Every checkbox and radio of crm is made here.
struct Check {
  std::string_view name;
  std::string_view value = "yes";
  std::string label;    // translated
  std::string id = {};  // default "f-<name>" (give one per box when several share a name)
  bool checked = false;
  std::string error = {};              // translated inline message, empty if none
  std::string_view type = "checkbox";  // or "radio"
  bool required = false;
};
void check(Html& h, const Check& c);
struct Option {
  std::string value, label;
  std::string group;  // consecutive options of one non-empty group share an <optgroup>
  // The label is user text (a name): it reads in its own direction (dir=auto),
  // so a Latin name stays whole on an Arabic page.
  bool user_text = false;
};
// The one time zone picker: a text field (id f-time_zone, name time_zone)
// searchable through a <datalist> of `zones`, each named in the reader's
// language ("Berlin (Central European Time)"); the value sent is the IANA
// name. Typing a city or the name finds it without JavaScript.
void time_zone_field(Html& h, const Ctx& ctx, const std::vector<std::string>& zones,
                     const std::string& value, const std::string& error);
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
// A form-wide message (Error with empty field) as a box beside the form.
void form_alert(Html& h, const Ctx& ctx, const Error* e);

// After a failed submit, every form answers with this (as GOV.UK's design
// system does): at the top of the page's main content a box headed "There is
// a problem" that lists every error, each one a link to its field
// (#f-<field>, the id field(), select() and the views' checkboxes give it; a
// form-wide error is listed without a link), focused when the page loads
// (tabindex=-1 and autofocus, so without JavaScript too; app.js focuses it
// again after an upload replaced the page); and the page's title begins
// "Error: ", so a screen reader and the tab say at once that nothing was
// saved. The view keeps its inline messages and the user's input.
// No errors is the plain page.
http::Response form_error_page(Ctx& ctx, std::string_view title, std::string main_html,
                               const std::vector<Error>& errors, int status = 422);
http::Response form_error_page(Ctx& ctx, std::string_view title, std::string main_html,
                               const Error& error, int status = 422);
// The same for a view shown with or without a problem: no problem (nullptr)
// is the plain page.
http::Response form_error_page(Ctx& ctx, std::string_view title, std::string main_html,
                               const Error* error, int status);
// A message already translated (one with placeholders filled in) and the
// field it belongs to (empty: the whole form).
struct Problem {
  std::string field;
  std::string message;
};
http::Response form_error_page(Ctx& ctx, std::string_view title, std::string main_html,
                               const std::vector<Problem>& problems, int status = 422);
// The box alone (what form_error_page puts first).
void error_summary(Html& h, const Tr& t, const std::vector<Problem>& problems);

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

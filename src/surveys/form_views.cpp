#include "surveys/form_views.hpp"

#include <fmt/format.h>
#include <cmath>
#include <set>
#include <string_view>

#include "surveys/definition.hpp"
#include "web/html.hpp"

namespace crm::surveys {

namespace {

using web::Html;

std::string number_text(const Tr& t, double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
    return t.number(static_cast<long long>(v));
  return fmt::format("{}", v);
}

std::set<std::string, std::less<>> chosen(const AnswerValues& current, const std::string& key) {
  std::set<std::string, std::less<>> out;
  auto it = current.find(key);
  if (it == current.end()) return out;
  std::string_view v = it->second;
  size_t start = 0;
  while (start < v.size()) {
    size_t end = v.find(' ', start);
    if (end == std::string_view::npos) end = v.size();
    if (end > start) out.emplace(v.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string value_of(const AnswerValues& current, const std::string& key) {
  auto it = current.find(key);
  return it == current.end() ? std::string() : it->second;
}

// The question's words (label, "required", hint) inside a <legend> or <label>.
void label_text(Html& h, const Question& q, const std::string& lang, const Tr& t) {
  h.el("span", {{"dir", "auto"}}, text_in(q.label, lang, lang));
  if (q.required) h.text(" ").el("span", {{"class", "required"}}, t("(required)"));
}

void hint(Html& h, const Question& q, const std::string& lang, const Tr& t, const std::string& id) {
  const std::string& text = text_in(q.hint, lang, lang);
  std::string range;
  if (q.min_value && q.max_value)
    range = t("From {min} to {max}.",
              {{"min", number_text(t, *q.min_value)}, {"max", number_text(t, *q.max_value)}});
  else if (q.min_value)
    range = t("At least {min}.", {{"min", number_text(t, *q.min_value)}});
  else if (q.max_value)
    range = t("At most {max}.", {{"max", number_text(t, *q.max_value)}});
  if (text.empty() && range.empty()) return;
  h.open("p", {{"class", "hint"}, {"id", id}});
  if (!text.empty()) h.el("span", {{"dir", "auto"}}, text);
  if (!text.empty() && !range.empty()) h.text(" ");
  if (!range.empty()) h.text(range);
  h.close("p");
}

bool has_hint(const Question& q, const std::string& lang) {
  return !text_in(q.hint, lang, lang).empty() || q.min_value || q.max_value;
}

}  // namespace

std::string question_input(const Question& q, const std::string& lang, const AnswerValues& current,
                           const Tr& t, bool disabled) {
  Html h;
  const std::string id = "f-" + q.name;
  const std::string hint_id = id + "-hint";
  const std::string_view described = has_hint(q, lang) ? std::string_view(hint_id) : "";
  const std::string_view off = disabled ? "disabled" : "";
  const std::string_view text_lang = lang == t.language() ? std::string_view() : lang;
  const std::string_view text_dir = text_lang.empty() ? "" : (lang == "ar" ? "rtl" : "ltr");
  h.open("div", {{"class", "question question-" + q.type},
                 {"?lang", text_lang},
                 {"?dir", text_dir},
                 {"data-question", q.name}});
  if (q.type == "section") {
    h.el("h2", {{"dir", "auto"}}, text_in(q.label, lang, lang));
    if (const auto& hint_text = text_in(q.hint, lang, lang); !hint_text.empty())
      h.el("p", {{"class", "hint"}, {"dir", "auto"}}, hint_text);
  } else if (q.type == "note") {
    h.el("p", {{"class", "note"}, {"dir", "auto"}}, text_in(q.label, lang, lang));
    if (const auto& hint_text = text_in(q.hint, lang, lang); !hint_text.empty())
      h.el("p", {{"class", "hint"}, {"dir", "auto"}}, hint_text);
  } else if (q.type == "single" || q.type == "likert" || q.type == "multiple") {
    const bool many = q.type == "multiple";
    const auto picked = chosen(current, q.name);
    h.open("fieldset", {{"?aria-describedby", described}});
    h.open("legend");
    label_text(h, q, lang, t);
    h.close("legend");
    hint(h, q, lang, t, hint_id);
    h.open("div", {{"class", q.type == "likert" ? "choices likert" : "choice-list"}});
    for (size_t i = 0; i < q.choices.size(); ++i) {
      const Choice& c = q.choices[i];
      const std::string cid = i == 0 ? id : fmt::format("{}-{}", id, i);
      h.open("div", {{"class", "field check"}});
      h.empty("input", {{"type", many ? "checkbox" : "radio"},
                        {"id", cid},
                        {"name", q.name},
                        {"value", c.name},
                        {"?checked", picked.count(c.name) ? "checked" : ""},
                        {"?required", q.required && !many && !disabled ? "required" : ""},
                        {"?disabled", off}});
      h.open("label", {{"for", cid}}).el("span", {{"dir", "auto"}}, text_in(c.label, lang, lang));
      h.close("label").close("div");
    }
    h.close("div").close("fieldset");
  } else if (q.type == "matrix") {
    h.open("fieldset", {{"?aria-describedby", described}});
    h.open("legend");
    label_text(h, q, lang, t);
    h.close("legend");
    hint(h, q, lang, t, hint_id);
    // One group of radios per row, each choice with its visible text: a
    // table of bare radios would leave them without labels on a phone.
    for (size_t r = 0; r < q.rows.size(); ++r) {
      const Choice& row = q.rows[r];
      const std::string key = matrix_key(q.name, row.name);
      const std::string picked = value_of(current, key);
      h.open("fieldset", {{"class", "matrix-row"}});
      h.open("legend")
          .el("span", {{"dir", "auto"}}, text_in(row.label, lang, lang))
          .close("legend");
      h.open("div", {{"class", "choices likert"}});
      for (size_t i = 0; i < q.choices.size(); ++i) {
        const Choice& c = q.choices[i];
        const std::string cid = r == 0 && i == 0 ? id : fmt::format("{}-{}-{}", id, r, i);
        h.open("div", {{"class", "field check"}});
        h.empty("input", {{"type", "radio"},
                          {"id", cid},
                          {"name", key},
                          {"value", c.name},
                          {"?checked", picked == c.name ? "checked" : ""},
                          {"?required", q.required && !disabled ? "required" : ""},
                          {"?disabled", off}});
        h.open("label", {{"for", cid}}).el("span", {{"dir", "auto"}}, text_in(c.label, lang, lang));
        h.close("label").close("div");
      }
      h.close("div").close("fieldset");
    }
    h.close("fieldset");
  } else {
    const std::string value = value_of(current, q.name);
    h.open("div", {{"class", "field"}});
    h.open("label", {{"for", id}});
    label_text(h, q, lang, t);
    h.close("label");
    hint(h, q, lang, t, hint_id);
    const std::string min = q.min_value ? fmt::format("{}", *q.min_value) : "";
    const std::string max = q.max_value ? fmt::format("{}", *q.max_value) : "";
    if (q.type == "text") {
      h.open("textarea", {{"id", id},
                          {"name", q.name},
                          {"rows", "4"},
                          {"dir", "auto"},
                          {"?required", q.required && !disabled ? "required" : ""},
                          {"?disabled", off},
                          {"?aria-describedby", described}})
          .text(value)
          .close("textarea");
    } else {
      const bool integer = q.type == "integer", date = q.type == "date";
      h.empty("input", {{"id", id},
                        {"name", q.name},
                        {"type", date ? "date" : "number"},
                        {"?step", date ? "" : (integer ? "1" : "any")},
                        {"?inputmode", date ? "" : (integer ? "numeric" : "decimal")},
                        {"?min", min},
                        {"?max", max},
                        {"value", value},
                        {"dir", "ltr"},
                        {"?required", q.required && !disabled ? "required" : ""},
                        {"?disabled", off},
                        {"?aria-describedby", described}});
    }
    h.close("div");
  }
  h.close("div");
  return std::move(h).str();
}

}  // namespace crm::surveys

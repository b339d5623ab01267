#include "surveys/form_views.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <string_view>

#include "surveys/definition.hpp"

namespace crm::surveys {

namespace {

using web::Html;

std::string number_text(const Tr& t, double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
    return t.number(static_cast<long long>(v));
  return fmt::format("{}", v);
}

const std::vector<std::string>& values_of(const FieldValues& values, const std::string& field) {
  static const std::vector<std::string> kNone;
  auto it = values.find(field);
  return it == values.end() ? kNone : it->second;
}

bool chosen(const FieldValues& values, const std::string& field, const std::string& v) {
  const auto& vs = values_of(values, field);
  return std::find(vs.begin(), vs.end(), v) != vs.end();
}

std::string error_of(const FieldErrors& errors, const std::string& field) {
  auto it = errors.find(field);
  return it == errors.end() ? std::string() : it->second;
}

// The ids a field's input (or fieldset) is described by: its message first.
std::string described(const std::string& id, bool hint, bool error) {
  std::string out = error ? id + "-error" : "";
  if (hint) out += (out.empty() ? "" : " ") + id + "-hint";
  return out;
}

struct TextReader {
  const Question& q;
  const InputOptions& o;
  const std::string& operator()(const surveys::Texts& t) const {
    return text_in(t, o.language, o.fallback.empty() ? o.language : o.fallback);
  }
};

// The question's words and "(required)" inside a <legend> or <label>.
void label_text(Html& h, const Question& q, const TextReader& in, const Tr& t) {
  h.el("span", {{"dir", "auto"}}, in(q.label));
  if (q.required) h.text(" ").el("span", {{"class", "required"}}, t("(required)"));
}

// The hint written for the question and the range of a number.
std::string range_text(const Question& q, const Tr& t) {
  if (q.type != "integer" && q.type != "decimal") return {};
  if (q.min_value && q.max_value)
    return t("From {min} to {max}.",
             {{"min", number_text(t, *q.min_value)}, {"max", number_text(t, *q.max_value)}});
  if (q.min_value) return t("At least {min}.", {{"min", number_text(t, *q.min_value)}});
  if (q.max_value) return t("At most {max}.", {{"max", number_text(t, *q.max_value)}});
  return {};
}

bool has_hint(const Question& q, const TextReader& in, const Tr& t) {
  return !in(q.hint).empty() || !range_text(q, t).empty();
}

void hint(Html& h, const Question& q, const TextReader& in, const Tr& t, const std::string& id) {
  const std::string& text = in(q.hint);
  const std::string range = range_text(q, t);
  if (text.empty() && range.empty()) return;
  h.open("p", {{"class", "hint"}, {"id", id + "-hint"}});
  if (!text.empty()) h.el("span", {{"dir", "auto"}}, text);
  if (!text.empty() && !range.empty()) h.text(" ");
  if (!range.empty()) h.text(range);
  h.close("p");
}

void error(Html& h, const std::string& id, const std::string& message) {
  if (!message.empty()) h.el("p", {{"class", "error"}, {"id", id + "-error"}}, message);
}

// Radio buttons or checkboxes named `field` for `choices`; the first box
// carries the id the error summary links to.
void boxes(Html& h, const std::string& field, const std::vector<Choice>& choices,
           const FieldValues& values, const TextReader& in, std::string_view type, bool scale,
           bool required, bool invalid, bool disabled) {
  const std::string id = "f-" + field;
  h.open("div", {{"class", scale ? "choices likert" : "choice-list"}});
  for (size_t i = 0; i < choices.size(); ++i) {
    const Choice& c = choices[i];
    const std::string cid = i == 0 ? id : fmt::format("{}-{}", id, i + 1);
    h.open("div", {{"class", "field check"}});
    h.empty("input", {{"type", type},
                      {"id", cid},
                      {"name", field},
                      {"value", c.name},
                      {"?checked", chosen(values, field, c.name) ? "checked" : ""},
                      {"?required", required && type == "radio" && !disabled ? "required" : ""},
                      {"?disabled", disabled ? "disabled" : ""},
                      {"?aria-invalid", invalid ? "true" : ""}});
    h.open("label", {{"for", cid}}).el("span", {{"dir", "auto"}}, in(c.label)).close("label");
    h.close("div");
  }
  h.close("div");
}

}  // namespace

std::string question_field(const Question& q) {
  return "q." + q.name;
}

std::string row_field(const Question& q, const Choice& row) {
  return "m." + q.name + "~" + row.name;
}

void question_input(Html& h, const Question& q, const InputOptions& o, const FieldValues& values,
                    const FieldErrors& errors, const Tr& t) {
  const TextReader in{q, o};
  const std::string field = question_field(q);
  const std::string id = "f-" + field;
  const std::string message = error_of(errors, field);
  const bool hinted = has_hint(q, in, t);
  const std::string_view text_lang =
      o.language == t.language() ? std::string_view() : std::string_view(o.language);
  const std::string_view text_dir = text_lang.empty() ? "" : (o.language == "ar" ? "rtl" : "ltr");
  bool invalid = !message.empty();
  if (q.type == "matrix")
    for (const auto& row : q.rows) invalid = invalid || errors.count(row_field(q, row)) > 0;
  h.open("div", {{"class", "question question-" + q.type + (invalid ? " invalid" : "")},
                 {"?lang", text_lang},
                 {"?dir", text_dir},
                 {"data-question", q.name}});
  if (q.type == "section") {
    h.el("h2", {{"dir", "auto"}}, in(q.label));
    if (const auto& text = in(q.hint); !text.empty())
      h.el("p", {{"class", "hint"}, {"dir", "auto"}}, text);
  } else if (q.type == "note") {
    h.el("p", {{"class", "note"}, {"dir", "auto"}}, in(q.label));
    if (const auto& text = in(q.hint); !text.empty())
      h.el("p", {{"class", "hint"}, {"dir", "auto"}}, text);
  } else if (q.type == "single" || q.type == "likert" || q.type == "multiple") {
    h.open("fieldset", {{"?class", message.empty() ? "" : "invalid"},
                        {"?aria-describedby", described(id, hinted, !message.empty())}});
    h.open("legend");
    label_text(h, q, in, t);
    h.close("legend");
    hint(h, q, in, t, id);
    error(h, id, message);
    boxes(h, field, q.choices, values, in, q.type == "multiple" ? "checkbox" : "radio",
          q.type == "likert", q.required, !message.empty(), o.disabled);
    h.close("fieldset");
  } else if (q.type == "matrix") {
    // One fieldset of radios per row, each choice with its visible text: a
    // table of bare radios would leave them without labels on a phone.
    h.open("fieldset", {{"?aria-describedby", described(id, hinted, false)}});
    h.open("legend");
    label_text(h, q, in, t);
    h.close("legend");
    hint(h, q, in, t, id);
    for (const auto& row : q.rows) {
      const std::string rf = row_field(q, row);
      const std::string rid = "f-" + rf;
      const std::string row_message = error_of(errors, rf);
      h.open("fieldset", {{"class", row_message.empty() ? "matrix-row" : "matrix-row invalid"},
                          {"?aria-describedby", described(rid, false, !row_message.empty())}});
      h.open("legend").el("span", {{"dir", "auto"}}, in(row.label)).close("legend");
      error(h, rid, row_message);
      boxes(h, rf, q.choices, values, in, "radio", true, q.required, !row_message.empty(),
            o.disabled);
      h.close("fieldset");
    }
    h.close("fieldset");
  } else {
    const auto& vs = values_of(values, field);
    const std::string value = vs.empty() ? std::string() : vs.front();
    const std::string by = described(id, hinted, !message.empty());
    h.open("div", {{"class", message.empty() ? "field" : "field invalid"}});
    h.open("label", {{"for", id}});
    label_text(h, q, in, t);
    h.close("label");
    hint(h, q, in, t, id);
    error(h, id, message);
    const std::string_view required = q.required && !o.disabled ? "required" : "";
    if (q.type == "text") {
      h.open("textarea", {{"id", id},
                          {"name", field},
                          {"rows", "4"},
                          {"dir", "auto"},
                          {"?required", required},
                          {"?disabled", o.disabled ? "disabled" : ""},
                          {"?aria-invalid", message.empty() ? "" : "true"},
                          {"?aria-describedby", by}})
          .text(value)
          .close("textarea");
    } else {
      // Numbers are text with a numeric keyboard: what was typed comes back
      // as it was (a type=number field would drop "forty" or Arabic digits),
      // and the server checks it in the reader's digits.
      const bool date = q.type == "date";
      h.empty("input", {{"id", id},
                        {"name", field},
                        {"type", date ? "date" : "text"},
                        {"?inputmode", date ? "" : (q.type == "integer" ? "numeric" : "decimal")},
                        {"value", value},
                        {"dir", "ltr"},
                        {"class", "short"},
                        {"?required", required},
                        {"?disabled", o.disabled ? "disabled" : ""},
                        {"?aria-invalid", message.empty() ? "" : "true"},
                        {"?aria-describedby", by}});
    }
    h.close("div");
  }
  h.close("div");
}

}  // namespace crm::surveys

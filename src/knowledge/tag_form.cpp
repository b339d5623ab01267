#include "knowledge/tag_form.hpp"

#include <algorithm>

#include "knowledge/vocabulary.hpp"
#include "programme/countries.hpp"
#include "programme/programmes.hpp"
#include "web/forms.hpp"

namespace crm::knowledge {

namespace {

// The lists shown as boxes, in the form's order, with their legends.
struct ListKind {
  std::string_view kind;
  const char* legend;
};
const ListKind kLists[] = {{"target_group", N_("Target groups")},
                           {"dimension", N_("Dimensions of reintegration")},
                           {"gcm", N_("Objectives of the Global Compact for Migration")},
                           {"sdg", N_("Sustainable Development Goals")}};

// "a, b\nc" → {"a", "b", "c"} without blanks and repeats.
std::vector<std::string> split_topics(std::string_view text) {
  std::vector<std::string> out;
  std::string item;
  auto flush = [&] {
    auto t = programme::trimmed(item);
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    item.clear();
  };
  for (char c : text) {
    if (c == ',' || c == '\n' || c == '\r' || c == ';')
      flush();
    else
      item += c;
  }
  flush();
  return out;
}

}  // namespace

TagForm read_tag_form(const http::Request& req) {
  TagForm f;
  f.topics = req.form.fields.value("topics");
  f.countries = req.form.fields.value("countries");
  for (const auto& l : kLists) f.chosen[std::string(l.kind)] = req.form.fields.all(l.kind);
  return f;
}

TagForm tag_form_of(const std::vector<Tag>& tags) {
  TagForm f;
  for (const auto& t : tags) {
    if (t.kind == "topic") {
      f.topics += (f.topics.empty() ? "" : ", ") + t.value;
    } else if (t.kind == "country") {
      f.countries += (f.countries.empty() ? "" : ", ") + t.value;
    } else {
      f.chosen[t.kind].push_back(t.value);
    }
  }
  return f;
}

Result<std::vector<Tag>> parse_tags(const TagForm& form) {
  std::vector<Tag> out;
  const auto topics = split_topics(form.topics);
  if (topics.size() > kMaxTopics)
    return invalid("topics", plural("At most {n} topic.", "At most {n} topics.", kMaxTopics));
  for (const auto& t : topics) {
    if (!programme::fits(t, kMaxTopicLength))
      return invalid("topics", plural("Each topic has at most {n} character.",
                                      "Each topic has at most {n} characters.", kMaxTopicLength));
    out.push_back({"topic", t});
  }
  auto countries = programme::parse_countries(form.countries);
  if (!countries)
    return invalid("countries", N_("Enter countries as two-letter codes such as DE or SN, "
                                   "separated by commas."));
  for (auto& c : *countries) out.push_back({"country", std::move(c)});
  for (const auto& l : kLists) {
    auto it = form.chosen.find(std::string(l.kind));
    if (it == form.chosen.end()) continue;
    std::vector<std::string> seen;
    for (const auto& code : it->second) {
      if (!find_term(terms_of_kind(l.kind), code))
        return invalid(std::string(l.kind), N_("Choose only from the list."));
      if (std::find(seen.begin(), seen.end(), code) != seen.end()) continue;
      seen.push_back(code);
      out.push_back({std::string(l.kind), code});
    }
  }
  return out;
}

std::string tag_label(const web::Ctx& ctx, const Tag& tag) {
  const auto& t = ctx.tr;
  if (tag.kind == "topic") return tag.value;
  if (tag.kind == "country") return programme::country_name(tag.value, t.language());
  const Term* term = find_term(terms_of_kind(tag.kind), tag.value);
  if (!term) return tag.value;
  const std::string label = t(std::string(term->label).c_str());
  const auto n = parse_whole_number(tag.value);
  if (tag.kind == "gcm" && n)
    return t("Objective {n}: {label}", {{"n", t.number(*n)}, {"label", label}});
  if (tag.kind == "sdg" && n) return t("SDG {n}: {label}", {{"n", t.number(*n)}, {"label", label}});
  return label;
}

void tag_fields(web::Html& h, const web::Ctx& ctx, const TagForm& form, const Error* error) {
  const auto& t = ctx.tr;
  web::field(h, web::Field{.name = "topics",
                           .label = t("Topics"),
                           .value = form.topics,
                           .error = web::error_for(ctx, error, "topics"),
                           .autocomplete = "off",
                           .hint = t("Separated by commas.")});
  web::field(h, web::Field{.name = "countries",
                           .label = t("Countries"),
                           .value = form.countries,
                           .error = web::error_for(ctx, error, "countries"),
                           .autocomplete = "off",
                           .hint = t("Two-letter codes separated by commas, such as DE, SN, TR."),
                           .lang = "en"});
  for (const auto& l : kLists) {
    const std::string kind(l.kind);
    const auto message = web::error_for(ctx, error, kind);
    auto it = form.chosen.find(kind);
    const std::vector<std::string> none;
    const auto& chosen = it == form.chosen.end() ? none : it->second;
    const bool open = !message.empty() || !chosen.empty();
    h.open("details", {{"class", "tags"}, {"?open", open ? "open" : ""}});
    h.open("summary").text(t(l.legend));
    if (!chosen.empty())
      h.text(" ").el("span", {{"class", "muted"}},
                     "(" + t.number(static_cast<long long>(chosen.size())) + ")");
    h.close("summary");
    h.open("fieldset",
           {{"class", message.empty() ? "stack" : "stack invalid"}, {"id", "f-" + kind}});
    h.el("legend", {{"class", "visually-hidden"}}, t(l.legend));
    for (const auto& term : terms_of_kind(l.kind)) {
      const std::string code(term.code);
      web::check(
          h, web::Check{.name = l.kind,
                        .value = term.code,
                        .label = tag_label(ctx, Tag{kind, code}),
                        .id = "f-" + kind + "-" + code,
                        .checked = std::find(chosen.begin(), chosen.end(), code) != chosen.end()});
    }
    if (!message.empty()) h.el("p", {{"class", "error"}}, message);
    h.close("fieldset").close("details");
  }
}

void tag_list(web::Html& h, const web::Ctx& ctx, const std::vector<Tag>& tags) {
  const auto& t = ctx.tr;
  static const std::pair<std::string_view, const char*> kHeads[] = {
      {"topic", N_("Topics")},
      {"country", N_("Countries")},
      {"target_group", N_("Target groups")},
      {"dimension", N_("Dimensions of reintegration")},
      {"gcm", N_("Objectives of the Global Compact for Migration")},
      {"sdg", N_("Sustainable Development Goals")}};
  bool any = false;
  for (const auto& [kind, head] : kHeads) {
    std::vector<std::string> items;
    for (const auto& tag : tags)
      if (tag.kind == kind) items.push_back(tag_label(ctx, tag));
    if (items.empty()) continue;
    if (!any) h.open("dl", {{"class", "facts tags"}});
    any = true;
    h.el("dt", t(head)).open("dd").list(t, items).close("dd");
  }
  if (any) h.close("dl");
}

const std::vector<WorkLanguage>& work_languages() {
  static const std::vector<WorkLanguage> kLanguages = {
      {"en", N_("English")}, {"de", N_("German")},  {"fr", N_("French")},
      {"ar", N_("Arabic")},  {"tr", N_("Turkish")}, {"it", N_("Italian")}};
  return kLanguages;
}

bool is_work_language(std::string_view code) {
  const auto& l = work_languages();
  return std::any_of(l.begin(), l.end(), [&](const WorkLanguage& w) { return w.code == code; });
}

std::string work_language_name(const web::Ctx& ctx, std::string_view code) {
  for (const auto& l : work_languages())
    if (l.code == code) return ctx.tr(std::string(l.label).c_str());
  return std::string(code);
}

}  // namespace crm::knowledge

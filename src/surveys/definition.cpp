#include "surveys/definition.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <set>

#include "core/i18n.hpp"

namespace crm::surveys {

namespace {

bool one_of(const auto& list, std::string_view v) {
  for (const char* x : list)
    if (v == x) return true;
  return false;
}

bool has_choices(std::string_view type) {
  return type == "single" || type == "multiple" || type == "likert" || type == "matrix";
}

bool is_number(std::string_view type) {
  return type == "integer" || type == "decimal";
}

std::string number_text(double v) {
  if (v == static_cast<double>(static_cast<long long>(v)))
    return std::to_string(static_cast<long long>(v));
  return fmt::format("{}", v);
}

bool has_text(const Texts& texts, const std::string& language) {
  auto it = texts.find(language);
  return it != texts.end() && !it->second.empty();
}

}  // namespace

bool is_valid_choice_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-' || c == '.'))
      return false;
  return true;
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start(name[0])) return false;
  for (char c : name)
    if (!start(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') return false;
  return true;
}

std::vector<DefinitionProblem> validate(const Definition& d) {
  std::vector<DefinitionProblem> out;
  auto problem = [&out](long q, std::string field, const char* key,
                        std::vector<std::pair<std::string, long long>> numbers = {}) {
    out.push_back({q, std::move(field), key, std::move(numbers)});
  };
  const std::vector<std::pair<std::string, long long>> name_size = {
      {"min", 1}, {"max", static_cast<long long>(kMaxNameBytes)}};
  if (d.languages.empty()) problem(-1, "languages", N_("Choose at least one language."));
  for (const auto& l : d.languages)
    if (!one_of(kLanguages, l)) problem(-1, "languages", N_("This language is not offered."));
  if (std::find(d.languages.begin(), d.languages.end(), d.default_language) == d.languages.end())
    problem(-1, "default_language", N_("The default language must be one of the survey's."));
  if (!has_text(d.title, d.default_language))
    problem(-1, "title", N_("Give the survey a title in its default language."));
  if (d.questions.size() > kMaxQuestions)
    problem(-1, "questions", N_("A survey has at most {max} questions."),
            {{"max", static_cast<long long>(kMaxQuestions)}});
  bool any_answerable = false;
  std::set<std::string> before;
  for (size_t i = 0; i < d.questions.size(); ++i) {
    const Question& q = d.questions[i];
    const long qi = static_cast<long>(i);
    if (!one_of(kQuestionTypes, q.type)) {
      problem(qi, "type", N_("This question type is not known."));
      continue;
    }
    if (q.type != "section" && q.type != "note") any_answerable = true;
    if (!is_valid_name(q.name))
      problem(qi, "name",
              N_("A name is {min} to {max} letters, digits, _ - or . and starts with a letter or "
                 "_."),
              name_size);
    else if (before.count(q.name))
      problem(qi, "name", N_("Another question has this name."));
    if (!has_text(q.label, d.default_language))
      problem(qi, "label", N_("Give the question a text in the survey's default language."));
    for (const Texts* texts : {&q.label, &q.hint, &q.constraint_message})
      for (const auto& [lang, text] : *texts)
        if (text.size() > kMaxLabelBytes)
          problem(qi, "label", N_("A text is at most {max} characters."),
                  {{"max", static_cast<long long>(kMaxLabelBytes)}});
    if (has_choices(q.type)) {
      if (q.choices.size() < 2 || q.choices.size() > kMaxChoices)
        problem(qi, "choices", N_("Give between {min} and {max} choices."),
                {{"min", 2}, {"max", static_cast<long long>(kMaxChoices)}});
      if (q.type == "matrix" && (q.rows.empty() || q.rows.size() > kMaxChoices))
        problem(qi, "rows", N_("Give a matrix between {min} and {max} rows."),
                {{"min", 1}, {"max", static_cast<long long>(kMaxChoices)}});
      for (const auto* list : {&q.choices, &q.rows}) {
        std::set<std::string> names;
        for (const auto& c : *list) {
          if (!is_valid_choice_name(c.name))
            problem(qi, "choices", N_("A choice name is {min} to {max} letters, digits, _ - or ."),
                    name_size);
          else if (!names.insert(c.name).second)
            problem(qi, "choices", N_("Two choices have the same name."));
          if (!has_text(c.label, d.default_language))
            problem(qi, "choices",
                    N_("Give every choice a text in the survey's default language."));
        }
      }
    } else if (!q.choices.empty() || !q.rows.empty()) {
      problem(qi, "choices", N_("Only choice questions have choices."));
    }
    if ((q.min_value || q.max_value) && !is_number(q.type))
      problem(qi, "min_value", N_("Only number questions have a smallest and largest answer."));
    if (q.min_value && q.max_value && *q.min_value > *q.max_value)
      problem(qi, "min_value", N_("The smallest answer is larger than the largest."));
    for (const auto& [field, text] :
         {std::pair<std::string, const std::string*>{"relevant", &q.relevant},
          std::pair<std::string, const std::string*>{"constraint", &q.constraint_expr}}) {
      auto parsed = parse_expression(*text);
      if (!parsed.expression) {
        out.push_back({qi, field, parsed.error_key});
        continue;
      }
      for (const auto& name : parsed.expression->names())
        if (!before.count(name) && !(field == "constraint" && name == q.name)) {
          problem(qi, field, N_("The condition reads a question that does not come before it."));
          break;
        }
    }
    if (!q.indicator.empty()) {
      bool positive = false;
      for (const auto& c : q.choices) positive = positive || c.positive;
      if (!one_of(kIndicators, q.indicator) || (q.type != "single" && q.type != "likert") ||
          !positive)
        problem(qi, "indicator",
                N_("An indicator question is a single choice or scale with at least one choice "
                   "that counts as yes."));
    }
    before.insert(q.name);
  }
  if (!any_answerable) problem(-1, "questions", N_("Add at least one question to answer."));
  return out;
}

const std::string& text_in(const Texts& texts, std::string_view language,
                           std::string_view fallback) {
  static const std::string empty;
  for (auto l : {language, fallback}) {
    auto it = texts.find(std::string(l));
    if (it != texts.end() && !it->second.empty()) return it->second;
  }
  for (const auto& [l, t] : texts)
    if (!t.empty()) return t;
  return empty;
}

std::string reading_language(const Definition& d, std::string_view reader_language) {
  for (const auto& l : d.languages)
    if (l == reader_language) return l;
  return d.default_language;
}

std::vector<std::vector<size_t>> pages(const Definition& d) {
  std::vector<std::vector<size_t>> out;
  for (size_t i = 0; i < d.questions.size(); ++i) {
    if (d.questions[i].type == "section" || out.empty()) out.emplace_back();
    out.back().push_back(i);
  }
  if (out.empty()) out.emplace_back();
  return out;
}

bool is_shown(const Definition& d, size_t i, const AnswerValues& answers) {
  // The section a question sits in decides first.
  for (size_t s = i; s-- > 0;) {
    if (d.questions[s].type != "section") continue;
    if (!is_shown(d, s, answers)) return false;
    break;
  }
  auto parsed = parse_expression(d.questions[i].relevant);
  return !parsed.expression || parsed.expression->test(answers);
}

AnswerValues answer_values(const Definition& d, const std::vector<Answer>& answers) {
  AnswerValues out;
  std::map<std::string, const Question*> by_name;
  for (const auto& q : d.questions) by_name[q.name] = &q;
  for (const auto& a : answers) {
    auto it = by_name.find(a.question);
    if (it == by_name.end() || !a.item.empty()) continue;  // matrix rows: not read by name
    std::string& v = out[a.question];
    if (!a.choice.empty()) {
      if (!v.empty()) v += ' ';
      v += a.choice;
    } else if (a.number) {
      v = number_text(*a.number);
    } else if (a.text) {
      v = *a.text;
    }
  }
  return out;
}

}  // namespace crm::surveys

// Rules of a survey's definition shared by everything that writes one (the
// builder, the XLSForm import, the built-in instruments) and reads one (the
// answering form, results): what makes a definition valid, how it splits
// into pages, which text a reader gets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "surveys/expression.hpp"
#include "surveys/model.hpp"

namespace crm::surveys {

inline constexpr size_t kMaxQuestions = 500;
inline constexpr size_t kMaxChoices = 200;
inline constexpr size_t kMaxNameBytes = 64;
inline constexpr size_t kMaxLabelBytes = 2000;

// A problem found in a definition: `question` is the index of the question
// it concerns (-1: the survey as a whole), `field` the part (name, type,
// relevant, constraint, choices, label …), `key` the msgid.
struct DefinitionProblem {
  long question = -1;
  std::string field;
  std::string key;
  // Numbers in the message ({min}, {max}), written in the reader's digits
  // (as core/result.hpp's Error::numbers).
  std::vector<std::pair<std::string, long long>> numbers;
};

// Everything wrong with `d` (empty: valid):
// - at least one language, all among kLanguages; the default among them;
//   a title in the default language;
// - at least one question that is not a section or note; at most kMaxQuestions;
// - names: unique, 1..kMaxNameBytes of [A-Za-z_][A-Za-z0-9_.-]*;
// - types among kQuestionTypes; a label in the default language (sections
//   and notes too), labels at most kMaxLabelBytes;
// - single, multiple, likert: 2..kMaxChoices choices; matrix: also 1.. rows;
//   choice names unique within the question and valid choice names, each
//   with a text in the default language; other types have no choices;
// - relevant and constraint parse, and read only questions *before* this
//   one (a constraint may read "." and earlier questions);
// - min_value <= max_value, set only on integer and decimal;
// - indicator only on single or likert questions with at least one positive
//   choice.
std::vector<DefinitionProblem> validate(const Definition& d);

// `texts` in `language`, else in `fallback`, else any, else "".
const std::string& text_in(const Texts& texts, std::string_view language,
                           std::string_view fallback);

// The language a reader gets a version in: theirs when the version has it,
// else the version's default.
std::string reading_language(const Definition& d, std::string_view reader_language);

// The pages of the answering form: each 'section' starts one; questions
// before the first section form the first page. Each page lists question
// indexes (the section itself first when there is one). Never empty for a
// valid definition.
std::vector<std::vector<size_t>> pages(const Definition& d);

// Whether question `i` is shown given the answers so far (its relevant
// expression; a question inside a section is hidden when the section is).
bool is_shown(const Definition& d, size_t i, const AnswerValues& answers);

// The answers of a response as the values expressions read (AnswerValues).
AnswerValues answer_values(const Definition& d, const std::vector<Answer>& answers);

// A valid question or choice name ([A-Za-z_][A-Za-z0-9_.-]*, 1..kMaxNameBytes).
bool is_valid_name(std::string_view name);
// A valid choice name: like a question name, but it may start with a digit
// (XLSForm's scales are often named 1, 2, 3 …).
bool is_valid_choice_name(std::string_view name);

}  // namespace crm::surveys

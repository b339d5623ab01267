// One question as a respondent sees it: shared by the builder's preview and
// the answering form, so both show the same thing. Without JavaScript.
//
// Field names the answering form reads back:
// - single, likert: one radio group named after the question (value: the
//   choice's name);
// - multiple: checkboxes named after the question, one value per choice;
// - integer, decimal, date, text: one field named after the question;
// - matrix: one radio group per row, named "<question>/<row>" ('/' is never
//   part of a name); its current value is read from `current` under that key;
// - section and note: no field (a heading, a paragraph).
// The first input of a question has the id "f-<question>", so an error
// summary can link to it.
#pragma once

#include <string>

#include "core/i18n.hpp"
#include "surveys/expression.hpp"
#include "surveys/model.hpp"

namespace crm::surveys {

// The question `q` in `lang` (its texts in that language, else the first
// written one), the answers in `current` (AnswerValues: a multiple choice's
// names separated by spaces; matrix rows under "<question>/<row>") chosen or
// filled in, every input disabled when `disabled` (the preview). Interface
// words ("Required", the number range) come from `t`. Texts are isolated
// (dir=auto) and carry `lang` when it is not the page's language.
std::string question_input(const Question& q, const std::string& lang, const AnswerValues& current,
                           const Tr& t, bool disabled);

// The key of a matrix row in AnswerValues and its field name.
inline std::string matrix_key(const std::string& question, const std::string& row) {
  return question + "/" + row;
}

}  // namespace crm::surveys

// One question as a respondent sees it: the one renderer of the builder's
// preview and the answering form (surveys/answer_views.cpp), so both show
// the same thing. Plain HTML inputs that work without JavaScript on a phone.
//
// Field names (what the answering form reads back, surveys/answer_service):
// - single, likert: one radio group named question_field(q) (value: the
//   choice's name);
// - multiple: checkboxes named question_field(q), one value per choice;
// - integer, decimal, date, text: one field named question_field(q);
// - matrix: one radio group per row, named row_field(q, row), each in a
//   fieldset of its own;
// - section and note: no field (a heading, a paragraph).
// The first input of a field has the id "f-<field>", so an error summary
// (web::form_error_page) links to it; a field's message has the id
// "f-<field>-error" and its hint "f-<field>-hint", and the input or its
// fieldset is described by both (aria-describedby, aria-invalid when wrong).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "surveys/model.hpp"
#include "web/html.hpp"

namespace crm::surveys {

// "q.<name>" and, for a matrix row, "m.<name>~<row>" ('.', '~' are never
// part of a name).
std::string question_field(const Question& q);
std::string row_field(const Question& q, const Choice& row);

// What the fields hold: every value sent (or saved) per field name.
using FieldValues = std::map<std::string, std::vector<std::string>>;
// What is wrong with them: field name → message (translated).
using FieldErrors = std::map<std::string, std::string>;

struct InputOptions {
  std::string language;   // the language the survey's texts are read in
  std::string fallback;   // where a text is missing in it (the survey's default)
  bool disabled = false;  // the preview: nothing can be answered, nothing is required
};

// Appends question `q` to `h`: its texts in o.language (else o.fallback,
// else the first written), `values` chosen or filled in, `errors` beside
// their fields, "(required)" on required questions. Interface words (the
// number range, "(required)") come from `t`, in the page's language; the
// question carries lang (and dir) when its texts are in another.
void question_input(web::Html& h, const Question& q, const InputOptions& o,
                    const FieldValues& values, const FieldErrors& errors, const Tr& t);

}  // namespace crm::surveys

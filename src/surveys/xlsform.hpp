// XLSForm (the form standard of KoboToolbox and ODK) read into a survey's
// Definition: the `survey`, `choices` and `settings` sheets of a workbook
// (surveys/xlsx_reader.hpp).
//
// Supported: select_one LIST, select_multiple LIST (choices from the choices
// sheet by list_name), integer, decimal, text, date, note,
// begin_group/end_group (a 'section' question; a group inside a group is
// flattened into a section of its own, with its conditions joined, and said
// so as a notice), `required` (yes/true/1 or no/false/0), `relevant` and
// `constraint` (surveys/expression.hpp's forms), `constraint_message`,
// `label`, `hint` and `constraint_message` per language (`label::ar`,
// `label::Arabic (ar)`; plain `label` is the settings' default_language, else
// English), the settings' form_title and default_language.
//
// Everything else is a problem at its sheet, row and column: other question
// types (geopoint, image, calculate, repeat …), columns that change what a
// form does (calculation, choice_filter, repeat_count, default, read_only,
// trigger …), a list not on the choices sheet, unknown languages, and every
// problem surveys::validate() finds, mapped back to the row it came from.
// Device metadata rows (start, end, today, deviceid …) and columns that only
// change looks (appearance …) are left out with a notice. With any problem
// there is no definition: nothing is imported half-way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "surveys/model.hpp"
#include "surveys/xlsx_reader.hpp"

namespace crm::surveys::xlsform {

struct FormProblem {
  std::string sheet;   // "survey", "choices", "settings"; "" for the file as a whole
  long row = 0;        // 1-based; 0: the sheet or file as a whole
  std::string column;  // "A", "AB"; "" for the whole row
  std::string key;     // English msgid
  // Numbers in the message ({max}, {at}) in the reader's digits.
  std::vector<std::pair<std::string, long long>> numbers;
  // {value} in the message: text from the file (a type, a list, a column
  // name, a language), shown isolated.
  std::string value;
};

struct FormResult {
  std::optional<Definition> definition;  // set only when there is no problem
  std::vector<FormProblem> problems;     // in sheet, row, column order
  std::vector<FormProblem> notices;      // what was left out or changed
};

// Reads the workbook. `fallback_title`: the survey's title when the settings
// give no form_title (the file's name).
FormResult read_form(const xlsx::Workbook& book, std::string_view fallback_title);

// Reads the .xlsx's bytes (xlsx::read, then read_form): a reader error is a
// problem of the file as a whole.
FormResult import_xlsx(std::string_view bytes, std::string_view fallback_title,
                       const xlsx::Limits& limits = {});

// An XLSForm language as crm's code: "ar", "Arabic (ar)", "Arabic",
// "العربية" → "ar"; nullopt when it is none of kLanguages.
std::optional<std::string> language_code(std::string_view written);

}  // namespace crm::surveys::xlsform

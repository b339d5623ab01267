// The XLSForm import as staff use it: a new survey from an .xlsx, or a new
// version of an existing survey (an existing version is never changed). The
// file is size-checked and sniffed as a zip before anything is unpacked;
// with any problem in it nothing is stored and the problems are handed back
// by sheet, row and column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "programme/store.hpp"
#include "surveys/model.hpp"
#include "surveys/xlsform.hpp"
#include "web/context.hpp"

namespace crm::surveys::importing {

// The largest .xlsx taken (the reader's cap as well).
inline constexpr std::size_t kMaxFileBytes = 10 * 1024 * 1024;

// What the upload form shows, and after a refused upload what was wrong.
struct ImportPage {
  std::vector<programme::store::ProgrammeSummary> programmes;  // new surveys: where
  std::optional<Survey> survey;                                // a new version: of which
  long next_version = 1;
  // What was sent (kept after a refusal).
  std::string programme;
  bool anonymous = false;
  std::string filename;
  std::vector<xlsform::FormProblem> problems;  // in the file
};

struct Upload {
  std::string programme;  // new surveys: the programme's id as typed
  bool anonymous = false;
  std::string filename, content;
};

// The forms; not_found for anyone who may not import (there).
Result<ImportPage> new_survey_form(web::Ctx& ctx);
Result<ImportPage> new_version_form(web::Ctx& ctx, int64_t survey_id);

// A new survey (source 'xlsform', version 1) from the file; its id. On a
// refusal (invalid) `page` holds the form and the file's problems.
// `notices`: what was left out or changed, for the next page.
Result<int64_t> import_survey(web::Ctx& ctx, const Upload& u, ImportPage& page,
                              std::vector<xlsform::FormProblem>& notices);
// The file as the next version of the survey; the survey's id.
Result<int64_t> import_version(web::Ctx& ctx, int64_t survey_id, const Upload& u, ImportPage& page,
                               std::vector<xlsform::FormProblem>& notices);

}  // namespace crm::surveys::importing

// The people import use cases: the upload form, the upload (read and checked,
// stored for its preview), the preview and the commit. Each checks the actor's
// permissions first (imports/policy.hpp) and answers not_found for what the
// actor may not see. Only the commit writes people, in one transaction with
// an audit entry; the upload writes the person_import row alone.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "imports/model.hpp"
#include "programme/model.hpp"
#include "web/context.hpp"

namespace crm::imports {

struct ImportForm {
  programme::Cohort cohort;
  std::string programme_name;
};
// not_found when the cohort does not exist or the actor may not import into it.
Result<ImportForm> import_form(web::Ctx& ctx, int64_t cohort_id);

// The upload: the id of the stored import, or the problem of the file as a
// whole (then nothing is stored). Row problems do not stop the upload: the
// preview shows them.
struct Uploaded {
  int64_t import_id = 0;
  std::optional<FileProblem> problem;
};
Result<Uploaded> upload(web::Ctx& ctx, int64_t cohort_id, const std::string& filename,
                        const std::string& content);

struct Preview {
  ImportRecord record;  // content cleared
  programme::Cohort cohort;
  Check check;
};
// Reads and checks the stored file again against crm as it is now.
Result<Preview> preview(web::Ctx& ctx, int64_t import_id);

// Creates and updates the organisations, people and enrolments of every row,
// or nothing: invalid when a row has a problem now (the preview is returned
// through `preview_out` for the page), conflict when the import was already
// committed. Returns the cohort id and the number of people imported.
struct Committed {
  int64_t cohort_id = 0;
  long people = 0;
};
Result<Committed> commit(web::Ctx& ctx, int64_t import_id, Preview* preview_out);

}  // namespace crm::imports

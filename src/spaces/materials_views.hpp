// The pages of a space's library: the list (filters, each material's latest
// version with its earlier ones under it, "new" marks, paging, exports) and
// the form for a material or a newer version. User text (titles,
// descriptions, file names, names) reads in its own direction.
#pragma once

#include <string>

#include "core/result.hpp"
#include "spaces/materials_service.hpp"
#include "web/context.hpp"

namespace crm::spaces::materials::views {

std::string library(const web::Ctx& ctx, const LibraryPage& p);
// `error` belongs to `p.form` (the user's input, kept).
std::string form(const web::Ctx& ctx, const FormPage& p, const Error* error);
// The page's title: "Materials of {space}" / "Add a material" / "A newer version".
std::string library_title(const web::Ctx& ctx, const LibraryPage& p);
std::string form_title(const web::Ctx& ctx, const FormPage& p);

}  // namespace crm::spaces::materials::views

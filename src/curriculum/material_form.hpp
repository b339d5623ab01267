// The part of a material's form that session materials (curriculum) and a
// space's library (spaces/materials_*) share: "a file or a link" as two
// radios, and the file input with its limit as a hint; errors of the fields
// "kind" and "file" beside them.
#pragma once

#include <string>

#include "core/result.hpp"
#include "web/context.hpp"
#include "web/html.hpp"

namespace crm::curriculum {

void material_kind_and_file(web::Html& h, const web::Ctx& ctx, const std::string& kind,
                            const Error* e);

}  // namespace crm::curriculum

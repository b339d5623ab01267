// The one check of a file offered as a material — a session's
// (curriculum/materials.cpp) or a space's library (spaces/materials_service.cpp) —
// so both take the same kinds of file by the same rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace crm::curriculum {

// The file's content type as sniffed from its bytes, or invalid on field
// "file" when there is none, it is empty or larger than kMaxMaterialBytes
// (curriculum/service.hpp), its name's ending is not one crm takes
// (types_for_extension), or its content is not what that ending says.
Result<std::string> check_material_file(const std::optional<std::string>& filename,
                                        std::string_view data);

}  // namespace crm::curriculum

// Demo surveys (src/demo/surveys.cpp).
#pragma once

#include <cstdint>

#include "db/database.hpp"

namespace crm::demo {

// The four built-in instruments as surveys of the demo programme, and one
// custom survey with sections and a "show if" condition, so the survey
// builder is filled. Idempotent: a kind (custom: the title) the programme
// already has is skipped; nothing without the demo programme.
void load_surveys(db::Session& db, int64_t now);

}  // namespace crm::demo

// Demo reviews (src/demo/reviews.cpp), in a header of their own so that the
// demo's other parts and the tests that include demo.hpp do not depend on it.
#pragma once

#include <cstdint>

#include "db/database.hpp"

namespace crm::demo {

// Reviews of the demo's closed and decided calls that have applications:
// reviewers, an even assignment and scores. Idempotent: a call with
// assignments is left alone.
void load_reviews(db::Session& db, int64_t now);

}  // namespace crm::demo

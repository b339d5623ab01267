// HTTP handlers of answering surveys (parse the request, one service call,
// one view): the personal link and the signed-in "my surveys".
#pragma once

#include "app/app.hpp"

namespace crm::surveys {
// /s/{token}, /s/{token}/page/{n}, /s/{token}/done, /my/surveys,
// /my/surveys/{id}, /my/surveys/{id}/page/{n}, /my/surveys/{id}/done
void register_answer_routes(app::Router& r);
}  // namespace crm::surveys

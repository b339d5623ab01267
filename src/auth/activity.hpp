// What an audit-log action ("account.login") is called for a person reading
// it: their own activity on /profile/data and in the data download.
#pragma once

#include <string>
#include <string_view>

#include "core/i18n.hpp"

namespace crm::auth {

// The English msgid naming `action`, or nullptr for an action without one.
const char* activity_msgid(std::string_view action);
// `action` in the reader's language; an action without a name is shown as
// its code, so nothing recorded is ever hidden.
std::string activity_name(const Tr& t, std::string_view action);

}  // namespace crm::auth

// What a space is called, in the reader's language, for every page, mail and
// list that names one (so no part of the spaces builds its own fallbacks):
// the space's own name in the language, else in English, else any of its
// names; a cohort's space without a name of its own is called by its
// cohort's name; the alumni space without one is "Alumni of <programme>"
// (display_name translates it). Descriptions follow the same order.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/i18n.hpp"
#include "db/database.hpp"
#include "spaces/model.hpp"

namespace crm::spaces::name_store {

struct SpaceName {
  int64_t space_id = 0;
  Kind kind = Kind::theme;
  bool is_protected = false;
  std::string name;            // the space's own or its cohort's; "" when it has none
  std::string description;     // in the same order of languages; may be ""
  std::string programme_name;  // the programme's name in the language (for the alumni space)
};

// The names of every space the account is in (space_membership), by id, in
// one statement whatever their number.
std::map<int64_t, SpaceName> names_of_readers_spaces(db::Session& db, int64_t account_id,
                                                     const std::string& language);

// The names of every space of the programme, by id, in one statement. No
// access check: callers show only the spaces the reader may see.
std::map<int64_t, SpaceName> names_of_programme_spaces(db::Session& db, int64_t programme_id,
                                                       const std::string& language);

// One space's name (nullopt: no such space). No access check: callers pass
// a space the reader may see.
std::optional<SpaceName> space_name(db::Session& db, int64_t space_id, const std::string& language);

// The name to show: `name`, or for the alumni space without one "Alumni of {programme}".
std::string display_name(const SpaceName& s, const Tr& t);

}  // namespace crm::spaces::name_store

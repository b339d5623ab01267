// SQL of making spaces across cohorts and of a space's settings (texts per
// language, protected, authors hidden, archived). The caller checks who may.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "db/database.hpp"

namespace crm::spaces::manage_store {

struct SpaceText {
  std::string name, description;
};

struct Settings {
  std::map<std::string, SpaceText> texts;  // language → text; only languages with a name
  bool is_protected = false, authors_hidden = false, archived = false;
};

// REQUIRES: an open transaction. Returns the new space's id.
int64_t insert_space(db::Session& db, int64_t programme_id, const std::string& kind,
                     const Settings& s, int64_t now);
// The space's texts and flags as stored.
Settings settings(db::Session& db, int64_t space_id);
// REQUIRES: an open transaction. Replaces the texts; archived_at kept when already archived.
void update_space(db::Session& db, int64_t space_id, const Settings& s, int64_t now);

}  // namespace crm::spaces::manage_store

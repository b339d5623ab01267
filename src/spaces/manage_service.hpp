// Making spaces across cohorts (a theme, a region) and changing any space's
// settings: its name and description per language, whether it is protected
// (Chatham House rule), whether authors are shown to moderators only, and
// whether it is archived (read only). Who: policy::can_manage — the staff on
// the programme's team and administrators; anyone else gets not_found.
//
// A name in English is required (the fallback of every other language) —
// except for a cohort's space, which is called by its cohort without one;
// names at most 120 characters, descriptions 2,000. Authors can be hidden only
// in a protected space. Every save is one transaction with an audit entry of
// ids and flags (never the texts).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "programme/store.hpp"
#include "spaces/manage_store.hpp"
#include "spaces/model.hpp"
#include "web/context.hpp"

namespace crm::spaces::manage {

struct SpaceForm {
  std::string programme;                                 // new spaces: the programme's id as sent
  std::string kind;                                      // new spaces: "theme" or "region"
  std::map<std::string, manage_store::SpaceText> texts;  // language → as typed
  bool is_protected = false, authors_hidden = false, archived = false;
};

// The programmes the actor may make spaces in (oldest first); not_found when none.
Result<std::vector<programme::store::ProgrammeSummary>> new_space_programmes(web::Ctx& ctx);
Result<int64_t> create(web::Ctx& ctx, const SpaceForm& form);

struct SettingsPage {
  int64_t space_id = 0;
  Kind kind = Kind::theme;
  std::string name;  // in the reader's language
  SpaceForm form;    // as stored
};
Result<SettingsPage> settings_page(web::Ctx& ctx, int64_t space_id);
Status save_settings(web::Ctx& ctx, int64_t space_id, const SpaceForm& form);

}  // namespace crm::spaces::manage

// A space's library of materials (issue 14 §3): files (kept in the database,
// size-limited and sniffed by the same check as a session's materials) and
// links, each with a title, description, language and — in a cohort's space
// — a module of the cohort. A newer version replaces an older one, which
// stays listed and downloadable under it. What was added since the reader
// last looked at the library is marked "new".
//
// Who: members read and add (policy::can_read, can_post); a newer version is
// added by whoever added the material or a moderator; the export is for
// moderators and never of a protected space. Whoever is not a member gets
// not_found for everything, writes included. Every write is one transaction
// with its audit entry, which carries ids only (a protected space's titles
// never reach the audit log). Bad input is `invalid` and writes nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "spaces/materials_store.hpp"
#include "spaces/model.hpp"
#include "spaces/name_store.hpp"
#include "web/context.hpp"
#include "web/export.hpp"
#include "web/forms.hpp"

namespace crm::spaces::materials {

constexpr long kPerPage = 25;
constexpr size_t kMaxTitle = 200, kMaxDescription = 4000;
inline constexpr const char* kOtherLanguage = "other";

// Where a material is fetched (a file) or followed (a link).
std::string material_path(int64_t material_id);

struct Filter {
  std::string language;   // "" all
  int64_t module_id = 0;  // 0 all
  long page = 1;
};

struct Entry {
  materials_store::MaterialRow latest;
  long version = 1;                                   // the latest's number: "version 2 of 2"
  std::vector<materials_store::MaterialRow> earlier;  // newest first
  bool is_new = false;                                // added since the reader last looked
  bool show_author = false;                           // policy::sees_author
  bool can_version = false;
};

struct LibraryPage {
  SpaceAccess space;
  name_store::SpaceName name;
  std::vector<Entry> entries;  // this page's, newest first
  web::Pagination pagination;
  std::map<int64_t, std::string> modules;  // the cohort's, id → title
  std::vector<std::string> languages;      // codes a material may be in, "other" last
  Filter filter;
  bool can_add = false, can_export = false;
};

// The library as the reader sees it, filtered and paged; records that they
// have seen it now (one statement), so what is newer is "new" next time.
Result<LibraryPage> library(web::Ctx& ctx, int64_t space_id, const Filter& filter);

// Every material matching the filter (latest versions) as a table, for the
// space's moderators; not_found for anyone else and for a protected space.
Result<web::Table> library_table(web::Ctx& ctx, int64_t space_id, const Filter& filter);

struct MaterialForm {
  std::string title, description, language, module, kind = "file", url;
  std::optional<std::string> filename;  // set when a file was sent
  std::string data;
};

struct FormPage {
  SpaceAccess space;
  name_store::SpaceName name;
  std::map<int64_t, std::string> modules;
  std::vector<std::string> languages;
  std::optional<materials_store::MaterialRow> replaces;  // the version form's material
  MaterialForm form;                                     // prefilled: the older version's texts
};

// The form for a new material in the space (members who may post).
Result<FormPage> new_form(web::Ctx& ctx, int64_t space_id);
// Adds a material; returns its id (for notifications of a new material).
// invalid: no title; a link that is not http(s) (field "url"); a file that is
// missing, too large, not of a kind crm takes or not what its name says
// (field "file"); a language or module not offered.
Result<int64_t> add_material(web::Ctx& ctx, int64_t space_id, const MaterialForm& form);

// The form for a newer version of a material (its adder or a moderator).
Result<FormPage> version_form(web::Ctx& ctx, int64_t material_id);
// Adds a newer version that replaces `material_id` (the older is kept);
// returns the new version's id. invalid as add_material, and form-wide when
// a newer version already replaces it.
Result<int64_t> add_version(web::Ctx& ctx, int64_t material_id, const MaterialForm& form);

// A material for a member: a file with its bytes, or a link (checked http(s)).
struct Opened {
  materials_store::MaterialRow row;
  std::string data;
};
Result<Opened> open_material(web::Ctx& ctx, int64_t material_id);

// The name of a language code for a list ("Deutsch"; "Other language").
std::string language_label(const Tr& t, const std::string& code);

}  // namespace crm::spaces::materials

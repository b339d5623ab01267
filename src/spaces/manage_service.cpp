#include "spaces/manage_service.hpp"

#include "auth/service.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "spaces/access_store.hpp"
#include "spaces/name_store.hpp"
#include "spaces/policy.hpp"

namespace crm::spaces::manage {

namespace {

constexpr long kMaxName = 120;
constexpr long kMaxDescription = 2000;

// The texts to keep: trimmed, only languages with a name; the first problem found.
Result<std::map<std::string, manage_store::SpaceText>> checked_texts(const SpaceForm& f,
                                                                     bool name_required) {
  std::map<std::string, manage_store::SpaceText> out;
  for (const auto& l : languages()) {
    auto it = f.texts.find(std::string(l.code));
    if (it == f.texts.end()) continue;
    std::string name = text::trim(it->second.name);
    std::string description = text::trim(it->second.description);
    const std::string code(l.code);
    if (text::code_points(name) > kMaxName)
      return invalid("name_" + code, plural("A name can have at most {n} character.",
                                            "A name can have at most {n} characters.", kMaxName));
    if (text::code_points(description) > kMaxDescription)
      return invalid("description_" + code,
                     plural("A description can have at most {n} character.",
                            "A description can have at most {n} characters.", kMaxDescription));
    if (name.empty() && !description.empty())
      return invalid("name_" + code, N_("Give the space a name in this language too."));
    if (!name.empty()) out[code] = {std::move(name), std::move(description)};
  }
  if (name_required && !out.count("en"))
    return invalid("name_en", N_("Give the space a name in English."));
  return out;
}

Status check_flags(const SpaceForm& f) {
  if (f.authors_hidden && !f.is_protected)
    return invalid("authors_hidden", N_("Authors can be hidden only in a protected space."));
  return ok();
}

std::string flags_json(const manage_store::Settings& before, const manage_store::Settings& after) {
  auto b = [](bool v) { return std::string(v ? "1" : "0"); };
  return auth::changes_json(
      {{"protected", {b(before.is_protected), b(after.is_protected)}},
       {"authors_hidden", {b(before.authors_hidden), b(after.authors_hidden)}},
       {"archived", {b(before.archived), b(after.archived)}},
       {"languages", {std::to_string(before.texts.size()), std::to_string(after.texts.size())}}});
}

bool may_manage(web::Ctx& ctx, int64_t programme_id) {
  return policy::can_manage(ctx.actor.role,
                            programme::store::is_on_team(ctx.db, programme_id, ctx.actor.id));
}

}  // namespace

Result<std::vector<programme::store::ProgrammeSummary>> new_space_programmes(web::Ctx& ctx) {
  const std::string language(ctx.tr.language());
  std::vector<programme::store::ProgrammeSummary> out;
  if (ctx.actor.role == auth::Role::admin)
    out = programme::store::list_programmes(ctx.db, language);
  else if (ctx.actor.role == auth::Role::staff)
    out = programme::store::list_team_programmes(ctx.db, ctx.actor.id, language);
  if (out.empty()) return not_found();
  return out;
}

Result<int64_t> create(web::Ctx& ctx, const SpaceForm& form) {
  auto programmes = new_space_programmes(ctx);
  if (!programmes) return programmes.error();
  int64_t programme_id = 0;
  for (const auto& p : *programmes)
    if (std::to_string(p.id) == form.programme) programme_id = p.id;
  if (!programme_id) return invalid("programme", N_("Choose one of your programmes."));
  if (form.kind != "theme" && form.kind != "region")
    return invalid("kind", N_("Choose whether the space is for a theme or a region."));
  auto texts = checked_texts(form, true);
  if (!texts) return texts.error();
  if (auto st = check_flags(form); !st) return st.error();
  manage_store::Settings s{*texts, form.is_protected, form.authors_hidden, false};
  db::Transaction tx(ctx.db);
  int64_t id = manage_store::insert_space(ctx.db, programme_id, form.kind, s, ctx.now);
  auth::audit(ctx, "space.create", "space", std::to_string(id),
              flags_json(manage_store::Settings{}, s));
  tx.commit();
  return id;
}

Result<SettingsPage> settings_page(web::Ctx& ctx, int64_t space_id) {
  auto access = access_store::space_access(ctx.db, ctx.actor.id, space_id);
  if (!access || !may_manage(ctx, access->programme_id)) return not_found();
  auto name = name_store::space_name(ctx.db, space_id, std::string(ctx.tr.language()));
  if (!name) return not_found();
  auto s = manage_store::settings(ctx.db, space_id);
  SettingsPage p{space_id, access->kind, name_store::display_name(*name, ctx.tr), {}};
  p.form.texts = s.texts;
  p.form.is_protected = s.is_protected;
  p.form.authors_hidden = s.authors_hidden;
  p.form.archived = s.archived;
  return p;
}

Status save_settings(web::Ctx& ctx, int64_t space_id, const SpaceForm& form) {
  auto access = access_store::space_access(ctx.db, ctx.actor.id, space_id);
  if (!access || !may_manage(ctx, access->programme_id)) return not_found();
  auto texts = checked_texts(form, access->kind != Kind::cohort);
  if (!texts) return texts.error();
  if (auto st = check_flags(form); !st) return st;
  manage_store::Settings after{*texts, form.is_protected, form.authors_hidden, form.archived};
  db::Transaction tx(ctx.db);
  auto before = manage_store::settings(ctx.db, space_id);
  manage_store::update_space(ctx.db, space_id, after, ctx.now);
  auth::audit(ctx, "space.settings", "space", std::to_string(space_id), flags_json(before, after));
  tx.commit();
  return ok();
}

}  // namespace crm::spaces::manage

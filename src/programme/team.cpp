// A programme's team: the staff accounts that run it (see programmes.hpp).
#include "auth/service.hpp"
#include "programme/policy.hpp"
#include "programme/programmes.hpp"

namespace crm::programme {

namespace {

// The programme, named in the viewer's language, when the actor may manage it.
Result<Programme> managed_programme(web::Ctx& ctx, int64_t programme_id) {
  if (!policy::can_manage_programmes(ctx.actor.role)) return not_found();
  auto p = store::find_programme(ctx.db, programme_id, std::string(ctx.tr.language()));
  if (!p) return not_found();
  return std::move(*p);
}

std::optional<int64_t> account_id_of(std::string_view text) {
  auto n = parse_whole(text, 1, 999999999);
  if (!n) return std::nullopt;
  return *n;
}

std::string label_of(const store::TeamMember& m) {
  return m.name + " <" + m.email + ">";
}

}  // namespace

Result<TeamPage> team_page(web::Ctx& ctx, int64_t programme_id) {
  auto p = managed_programme(ctx, programme_id);
  if (!p) return p.error();
  TeamPage page;
  page.programme = std::move(*p);
  page.team = store::list_team(ctx.db, programme_id);
  page.candidates = store::list_staff_not_on_team(ctx.db, programme_id);
  return page;
}

Status add_to_team(web::Ctx& ctx, int64_t programme_id, std::string_view account_id) {
  auto p = managed_programme(ctx, programme_id);
  if (!p) return p.error();
  auto id = account_id_of(account_id);
  auto account = id ? store::find_active_account(ctx.db, *id) : std::nullopt;
  auto role = account ? auth::parse_role(account->role) : std::nullopt;
  if (!role || !policy::can_join_team(*role))
    return invalid("account_id", N_("Choose a staff account from the list."));
  db::Transaction tx(ctx.db);
  if (store::is_on_team(ctx.db, programme_id, *id))
    return invalid("account_id", N_("This staff member is already on the team."));
  store::insert_programme_staff(ctx.db, programme_id, *id);
  auth::audit(ctx, "programme.team_add", "programme", std::to_string(programme_id),
              auth::changes_json({{"team_member", {"", label_of(*account)}}}));
  tx.commit();
  return ok();
}

Result<TeamRemoval> team_removal(web::Ctx& ctx, int64_t programme_id, std::string_view account_id) {
  auto p = managed_programme(ctx, programme_id);
  if (!p) return p.error();
  auto id = account_id_of(account_id);
  if (!id) return not_found();
  for (auto& m : store::list_team(ctx.db, programme_id))
    if (m.account_id == *id) return TeamRemoval{std::move(*p), std::move(m)};
  return not_found();
}

Status remove_from_team(web::Ctx& ctx, int64_t programme_id, std::string_view account_id) {
  auto p = managed_programme(ctx, programme_id);
  if (!p) return p.error();
  auto id = account_id_of(account_id);
  const char* not_on_team = N_("This account is not on the team.");
  if (!id) return invalid("account_id", not_on_team);
  db::Transaction tx(ctx.db);
  std::optional<store::TeamMember> member;
  for (auto& m : store::list_team(ctx.db, programme_id))
    if (m.account_id == *id) member = std::move(m);
  if (!member || !store::delete_programme_staff(ctx.db, programme_id, *id))
    return invalid("account_id", not_on_team);
  auth::audit(ctx, "programme.team_remove", "programme", std::to_string(programme_id),
              auth::changes_json({{"team_member", {label_of(*member), ""}}}));
  tx.commit();
  return ok();
}

}  // namespace crm::programme

#include "spaces/members_service.hpp"

#include <charconv>

#include "auth/service.hpp"
#include "core/text.hpp"
#include "spaces/access_store.hpp"
#include "spaces/name_store.hpp"
#include "spaces/policy.hpp"

namespace crm::spaces::members {

namespace {

namespace ms = members_store;

// The space and whether the reader manages it; nullopt when they may not
// see its members at all.
std::optional<std::pair<SpaceAccess, bool>> load(web::Ctx& ctx, int64_t space_id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto a = access_store::space_access(ctx.db, ctx.actor.id, space_id);
  if (!a) return std::nullopt;
  const bool manage =
      policy::can_manage(ctx.actor.role, ms::on_team(ctx.db, a->programme_id, ctx.actor.id));
  if (!manage && !policy::can_moderate(*a)) return std::nullopt;
  return std::make_pair(*a, manage);
}

}  // namespace

Result<MembersPage> members_page(web::Ctx& ctx, int64_t space_id, const std::string& name) {
  auto l = load(ctx, space_id);
  if (!l) return not_found();
  MembersPage p;
  p.space = l->first;
  p.can_manage = l->second;
  auto n = name_store::space_name(ctx.db, space_id, std::string(ctx.tr.language()));
  p.space_name = n ? name_store::display_name(*n, ctx.tr) : std::string();
  p.rows = ms::members(ctx.db, space_id);
  if (p.can_manage) {
    p.name = text::trim(name);
    // One more than shown tells whether there are more.
    p.candidates =
        ms::candidates_named(ctx.db, p.space.programme_id, space_id, p.name, kCandidatesShown + 1);
    p.more_candidates = p.candidates.size() > kCandidatesShown;
    if (p.more_candidates) p.candidates.resize(kCandidatesShown);
  }
  return p;
}

Result<MembersPage> members_export(web::Ctx& ctx, int64_t space_id) {
  auto l = load(ctx, space_id);
  if (!l || !l->second) return not_found();
  MembersPage p;
  p.space = l->first;
  p.can_manage = true;
  p.rows = ms::members(ctx.db, space_id);
  return p;
}

Status add(web::Ctx& ctx, int64_t space_id, const AddForm& form) {
  auto l = load(ctx, space_id);
  if (!l || !l->second) return not_found();
  int64_t account = 0;
  auto [end, ec] =
      std::from_chars(form.account.data(), form.account.data() + form.account.size(), account);
  if (ec != std::errc() || end != form.account.data() + form.account.size() || account <= 0)
    return invalid("account", N_("Choose the person to add."));
  if (form.role != "member" && form.role != "moderator")
    return invalid("role", N_("Choose member or moderator."));
  db::Transaction tx(ctx.db);
  // Only people of the space's programme, not yet added by hand.
  if (ms::candidates(ctx.db, l->first.programme_id, space_id, account).empty())
    return invalid("account", N_("Choose the person to add."));
  ms::add(ctx.db, space_id, account, form.role, ctx.now);
  auth::audit(
      ctx, "space.member_add", "space", std::to_string(space_id),
      auth::changes_json({{"account", {"", std::to_string(account)}}, {"role", {"", form.role}}}));
  tx.commit();
  return ok();
}

Status remove(web::Ctx& ctx, int64_t space_id, int64_t account_id) {
  auto l = load(ctx, space_id);
  if (!l || !l->second) return not_found();
  db::Transaction tx(ctx.db);
  if (!ms::remove(ctx.db, space_id, account_id)) return not_found();
  auth::audit(ctx, "space.member_remove", "space", std::to_string(space_id),
              auth::changes_json({{"account", {std::to_string(account_id), ""}}}));
  tx.commit();
  return ok();
}

}  // namespace crm::spaces::members

#include "spaces/notification_service.hpp"

#include <sodium.h>

#include <charconv>

#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "core/i18n.hpp"
#include "spaces/name_store.hpp"
#include "spaces/notification_mail.hpp"

namespace crm::spaces::notifications {

namespace {

void enqueue_mail(db::Session& db, std::string key, int64_t now) {
  notification_mail::enqueue_send(db, std::move(key), now);
}

char stop_code(Stop s) {
  switch (s) {
    case Stop::space:
      return 's';
    case Stop::mentions:
      return 'm';
    case Stop::replies:
      return 'r';
    case Stop::daily:
      return 'd';
    case Stop::weekly:
      return 'w';
  }
  return 's';
}

std::optional<Stop> parse_stop(char c) {
  switch (c) {
    case 's':
      return Stop::space;
    case 'm':
      return Stop::mentions;
    case 'r':
      return Stop::replies;
    case 'd':
      return Stop::daily;
    case 'w':
      return Stop::weekly;
    default:
      return std::nullopt;
  }
}

std::string mac_of(const std::string& key, const std::string& message) {
  auth::init_crypto();
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&st, out);
  // 128 bits are plenty against forgery and keep the link short.
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, out, 16);
  return std::string(hex, 32);
}

std::optional<int64_t> parse_id(std::string_view s) {
  int64_t v = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

Error bad_link() {
  return invalid("", N_("This unsubscribe link is not valid. It may have been changed or cut "
                        "short; nothing was changed. Sign in to choose which mails you get."));
}

std::string stop_name(Stop s) {
  return std::string(1, stop_code(s));
}

}  // namespace

void record_post(db::Session& db, int64_t post_id, int64_t now) {
  notification_store::insert_mentions(db, post_id, now);
  notification_store::insert_reply(db, post_id, now);
  notification_store::insert_posts(db, post_id, now);
  enqueue_mail(db, "post:" + std::to_string(post_id), now);
}

void record_material(db::Session& db, int64_t material_id, int64_t now) {
  notification_store::insert_materials(db, material_id, now);
  enqueue_mail(db, "material:" + std::to_string(material_id), now);
}

void record_hidden(db::Session& db, int64_t post_id, int64_t now) {
  // In the list only: the author learns it where the reason is shown.
  notification_store::insert_hidden(db, post_id, now);
}

Result<ListPage> list(web::Ctx& ctx, long page) {
  if (!ctx.actor.signed_in()) return not_found();
  ListPage out;
  out.total = notification_store::count(ctx.db, ctx.actor.id);
  out.pages = std::max<long>(1, (out.total + kPageSize - 1) / kPageSize);
  out.page = std::clamp<long>(page, 1, out.pages);
  auto rows = notification_store::list(ctx.db, ctx.actor.id, kPageSize, (out.page - 1) * kPageSize);
  auto names =
      name_store::names_of_readers_spaces(ctx.db, ctx.actor.id, std::string(ctx.tr.language()));
  for (auto& r : rows) {
    Item it;
    if (auto n = names.find(r.space_id); n != names.end())
      it.space_name = name_store::display_name(n->second, ctx.tr);
    it.row = std::move(r);
    out.items.push_back(std::move(it));
  }
  return out;
}

Status mark_all_read(web::Ctx& ctx) {
  if (!ctx.actor.signed_in()) return not_found();
  db::Transaction tx(ctx.db);
  notification_store::mark_all_read(ctx.db, ctx.actor.id, ctx.now);
  tx.commit();
  return ok();
}

void mark_post_read(db::Session& db, int64_t account_id, int64_t post_id, int64_t now) {
  notification_store::mark_post_read(db, account_id, post_id, now);
}

Result<Settings> settings(web::Ctx& ctx) {
  if (!ctx.actor.signed_in()) return not_found();
  Settings s;
  s.flags = notification_store::setting(ctx.db, ctx.actor.id);
  auto names =
      name_store::names_of_readers_spaces(ctx.db, ctx.actor.id, std::string(ctx.tr.language()));
  for (const auto& c : notification_store::space_choices(ctx.db, ctx.actor.id)) {
    SpaceSetting one;
    one.space_id = c.space_id;
    one.notify = c.notify;
    if (auto n = names.find(c.space_id); n != names.end()) {
      one.name = name_store::display_name(n->second, ctx.tr);
      one.is_protected = n->second.is_protected;
    }
    s.spaces.push_back(std::move(one));
  }
  return s;
}

Status save_settings(web::Ctx& ctx, const std::vector<std::pair<int64_t, std::string>>& choices,
                     bool mentions, bool replies, bool daily_digest, bool weekly_digest) {
  if (!ctx.actor.signed_in()) return not_found();
  auto mine = notification_store::space_choices(ctx.db, ctx.actor.id);
  auto is_mine = [&](int64_t id) {
    return std::any_of(mine.begin(), mine.end(), [&](const auto& c) { return c.space_id == id; });
  };
  for (const auto& [id, value] : choices) {
    if (!is_mine(id)) return not_found();
    if (value != "immediate" && value != "daily" && value != "weekly" && value != "none")
      return invalid("space-" + std::to_string(id), N_("Choose one of the options."));
  }
  db::Transaction tx(ctx.db);
  std::string changed;
  for (const auto& [id, value] : choices) {
    notification_store::set_notify(ctx.db, ctx.actor.id, id, parse_notify(value));
    changed += (changed.empty() ? "" : ",") + std::to_string(id) + ":" + value;
  }
  notification_store::Setting flags;
  flags.mentions = mentions;
  flags.replies = replies;
  flags.daily_digest = daily_digest;
  flags.weekly_digest = weekly_digest;
  notification_store::save_flags(ctx.db, ctx.actor.id, flags);
  // Ids and choices only: a space's name may be a protected space's text.
  auth::audit(ctx, "notifications.settings", "account", std::to_string(ctx.actor.id),
              auth::changes_json({{"spaces", {"", changed}},
                                  {"mentions", {"", mentions ? "1" : "0"}},
                                  {"replies", {"", replies ? "1" : "0"}},
                                  {"daily_digest", {"", daily_digest ? "1" : "0"}},
                                  {"weekly_digest", {"", weekly_digest ? "1" : "0"}}}));
  tx.commit();
  return ok();
}

std::string unsubscribe_token(db::Session& db, int64_t account_id, Stop kind, int64_t space_id,
                              int64_t now) {
  const std::string body = std::to_string(account_id) + "." + stop_name(kind) + "." +
                           std::to_string(kind == Stop::space ? space_id : 0);
  return body + "." + mac_of(notification_store::unsubscribe_key(db, now), body);
}

Result<Unsubscribe> read_unsubscribe(web::Ctx& ctx, const std::string& token) {
  if (token.size() > 120) return bad_link();
  std::vector<std::string_view> parts;
  std::string_view rest = token;
  for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
    parts.push_back(rest.substr(0, dot));
    rest.remove_prefix(dot + 1);
  }
  parts.push_back(rest);
  if (parts.size() != 4 || parts[1].size() != 1) return bad_link();
  auto account = parse_id(parts[0]);
  auto kind = parse_stop(parts[1][0]);
  auto space = parse_id(parts[2]);
  if (!account || !kind || !space || (*kind == Stop::space) != (*space != 0)) return bad_link();
  const std::string body(token.substr(0, token.size() - parts[3].size() - 1));
  // Read-only pages may not write: the key exists once any link was made.
  const std::string key = notification_store::existing_unsubscribe_key(ctx.db);
  if (key.empty() || !auth::constant_time_equal(mac_of(key, body), parts[3])) return bad_link();
  Unsubscribe u;
  u.account_id = *account;
  u.kind = *kind;
  u.space_id = *space;
  if (u.kind == Stop::space) {
    auto n = name_store::space_name(ctx.db, u.space_id, std::string(ctx.tr.language()));
    if (!n) return not_found();
    // The name of a protected space is its own text: the page names it only
    // for what it is, since whoever holds the link may not be a member.
    u.space_name = n->is_protected ? std::string() : name_store::display_name(*n, ctx.tr);
  }
  return u;
}

Result<Unsubscribe> unsubscribe(web::Ctx& ctx, const std::string& token) {
  auto u = read_unsubscribe(ctx, token);
  if (!u) return u;
  db::Transaction tx(ctx.db);
  auto flags = notification_store::setting(ctx.db, u->account_id);
  switch (u->kind) {
    case Stop::space:
      notification_store::set_notify(ctx.db, u->account_id, u->space_id, Notify::none);
      break;
    case Stop::mentions:
      flags.mentions = false;
      break;
    case Stop::replies:
      flags.replies = false;
      break;
    case Stop::daily:
      flags.daily_digest = false;
      break;
    case Stop::weekly:
      flags.weekly_digest = false;
      break;
  }
  if (u->kind != Stop::space) notification_store::save_flags(ctx.db, u->account_id, flags);
  auth::audit(ctx, "notifications.unsubscribe", "account", std::to_string(u->account_id),
              auth::changes_json({{"kind", {"", stop_name(u->kind)}},
                                  {"space", {"", std::to_string(u->space_id)}}}));
  tx.commit();
  return u;
}

}  // namespace crm::spaces::notifications

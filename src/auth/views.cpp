#include "auth/views.hpp"

#include "auth/password.hpp"
#include "auth/qr.hpp"
#include "web/forms.hpp"
#include "web/html.hpp"

namespace crm::auth::views {

using web::Field;
using web::Html;

const std::vector<std::string>& time_zones() {
  static const std::vector<std::string> all = {"UTC",
                                               "Europe/Berlin",
                                               "Europe/Vienna",
                                               "Europe/Rome",
                                               "Europe/Tirane",
                                               "Europe/Sarajevo",
                                               "Europe/Podgorica",
                                               "Europe/Belgrade",
                                               "Europe/Istanbul",
                                               "Europe/Kyiv",
                                               "Africa/Addis_Ababa",
                                               "Africa/Accra",
                                               "Africa/Casablanca",
                                               "Africa/Lagos",
                                               "Africa/Dakar",
                                               "Africa/Tunis",
                                               "Asia/Baghdad",
                                               "Asia/Amman",
                                               "Asia/Beirut",
                                               "Europe/London",
                                               "Europe/Paris",
                                               "Europe/Brussels"};
  return all;
}

std::string invitation_status(const web::Ctx& ctx, const Invitation& i) {
  std::string_view state = invitation_state(i, ctx.now);
  if (state == "accepted") return ctx.tr("Accepted");
  if (state == "withdrawn") return ctx.tr("Withdrawn");
  if (state == "expired") return ctx.tr("Expired");
  return ctx.tr("Open");
}

namespace {

std::vector<web::Option> language_options() {
  std::vector<web::Option> o;
  for (const auto& l : languages()) o.push_back({std::string(l.code), std::string(l.native)});
  return o;
}

// A new password and its repetition, with the rule as a hint.
void new_password_fields(Html& h, const web::Ctx& ctx, const Error* e, std::string label,
                         std::string label_again) {
  web::field(h, Field{.name = "password",
                      .label = std::move(label),
                      .type = "password",
                      .error = web::error_for(ctx, e, "password"),
                      .autocomplete = "new-password",
                      .required = true,
                      .hint = ctx.tr.plural("At least {n} character.", "At least {n} characters.",
                                            kPasswordMinChars)});
  web::field(h, Field{.name = "password_again",
                      .label = std::move(label_again),
                      .type = "password",
                      .error = web::error_for(ctx, e, "password_again"),
                      .autocomplete = "new-password",
                      .required = true});
}

void card_open(Html& h, const std::string& title) {
  h.open("section", {{"class", "card narrow"}});
  h.el("h1", title);
}

// Whole minutes, rounded up: "in 1 minute" for any wait under a minute.
long minutes_of(int64_t seconds) {
  return static_cast<long>((seconds + 59) / 60);
}

// Where the visitor was going before the login asked who they are.
void next_field(Html& h, const std::string& next) {
  if (next != "/") h.empty("input", {{"type", "hidden"}, {"name", "next"}, {"value", next}});
}

void wait_alert(Html& h, const std::string& text) {
  h.el("div", {{"class", "flash error"}, {"role", "alert"}}, text);
}

}  // namespace

std::string login(const web::Ctx& ctx, const std::string& email, const Error* e,
                  int64_t retry_after, const std::string& next) {
  const auto& t = ctx.tr;
  Html h;
  card_open(h, t("Log in"));
  if (retry_after > 0)
    wait_alert(h, t.plural("Too many failed attempts. Please try again in {n} minute, or reset "
                           "your password.",
                           "Too many failed attempts. Please try again in {n} minutes, or reset "
                           "your password.",
                           minutes_of(retry_after)));
  else
    web::form_alert(h, ctx, e);
  h.open("form", {{"method", "post"}, {"action", "/login"}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  next_field(h, next);
  web::field(h, Field{.name = "email",
                      .label = t("Email address"),
                      .type = "email",
                      .value = email,
                      .error = web::error_for(ctx, e, "email"),
                      .autocomplete = "username",
                      .required = true});
  web::field(h, Field{.name = "password",
                      .label = t("Password"),
                      .type = "password",
                      .error = web::error_for(ctx, e, "password"),
                      .autocomplete = "current-password",
                      .required = true});
  web::submit(h, t("Log in"));
  h.close("form");
  h.open("p")
      .open("a", {{"href", "/password/forgot"}})
      .text(t("Forgot your password?"))
      .close("a")
      .close("p");
  h.el("p", {{"class", "muted"}}, t("crm is by invitation. The programme team sends you a link."));
  h.close("section");
  return std::move(h).str();
}

std::string second_factor(const web::Ctx& ctx, const Error* e, int64_t retry_after,
                          const std::string& next) {
  const auto& t = ctx.tr;
  Html h;
  card_open(h, t("Two-factor sign-in"));
  if (retry_after > 0)
    wait_alert(h, t.plural("Too many wrong codes. Please try again in {n} minute.",
                           "Too many wrong codes. Please try again in {n} minutes.",
                           minutes_of(retry_after)));
  else
    web::form_alert(h, ctx, e);
  h.el("p",
       t.plural("Enter the {n}-digit code from your authenticator app, or one of your recovery "
                "codes.",
                "Enter the {n}-digit code from your authenticator app, or one of your recovery "
                "codes.",
                6));
  h.open("form", {{"method", "post"}, {"action", "/login/2fa"}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  next_field(h, next);
  web::field(h, Field{.name = "code",
                      .label = t("Code"),
                      .error = web::error_for(ctx, e, "code"),
                      .autocomplete = "one-time-code",
                      .required = true,
                      .inputmode = "numeric"});
  web::submit(h, t("Continue"));
  h.close("form");
  h.close("section");
  return std::move(h).str();
}

std::string forgot(const web::Ctx& ctx, const std::string& email, bool sent, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  card_open(h, t("Forgot your password?"));
  if (sent) {
    h.el("p", {{"role", "status"}, {"class", "flash ok"}},
         t("If an account exists for this address, we have sent it a link to choose a new "
           "password."));
  }
  web::form_alert(h, ctx, e);
  h.el("p", t("Enter the email address of your account. We will send you a link to choose a new "
              "password."));
  h.open("form", {{"method", "post"}, {"action", "/password/forgot"}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  web::field(h, Field{.name = "email",
                      .label = t("Email address"),
                      .type = "email",
                      .value = email,
                      .error = web::error_for(ctx, e, "email"),
                      .autocomplete = "username",
                      .required = true});
  web::submit(h, t("Send the link"));
  h.close("form");
  h.close("section");
  return std::move(h).str();
}

std::string reset(const web::Ctx& ctx, const std::string& token, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  card_open(h, t("Choose a new password"));
  web::form_alert(h, ctx, e);
  h.open("form", {{"method", "post"}, {"action", "/password/reset/" + token}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  new_password_fields(h, ctx, e, t("New password"), t("New password again"));
  web::submit(h, t("Save the password"));
  h.close("form");
  h.close("section");
  return std::move(h).str();
}

std::string message(const web::Ctx&, const std::string& title, const std::string& text,
                    const std::string& link, const std::string& link_label) {
  Html h;
  card_open(h, title);
  h.el("p", text);
  if (!link.empty())
    h.open("p")
        .open("a", {{"href", link}, {"class", "button"}})
        .text(link_label)
        .close("a")
        .close("p");
  h.close("section");
  return std::move(h).str();
}

std::string accept(const web::Ctx& ctx, const std::string& token, const Invitation& inv,
                   const AcceptForm& f, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  card_open(h, t("Welcome to crm"));
  h.el("p", t("You have been invited as {role}.", {{"role", t(role_label(inv.role))}}));
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Email address")).open("dd").el("bdi", inv.email).close("dd");
  h.close("dl");
  web::form_alert(h, ctx, e);
  h.open("form", {{"method", "post"}, {"action", "/invite/" + token}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  web::field(h, Field{.name = "name",
                      .label = t("Your name"),
                      .value = f.name,
                      .error = web::error_for(ctx, e, "name"),
                      .autocomplete = "name",
                      .required = true,
                      .hint = t("As you write it, in any script.")});
  new_password_fields(h, ctx, e, t("Password"), t("Password again"));
  web::select(h, "language", t("Language"), language_options(), f.language,
              web::error_for(ctx, e, "language"));
  web::time_zone_field(h, ctx, time_zones(), f.time_zone, web::error_for(ctx, e, "time_zone"));
  web::submit(h, t("Create my account"));
  h.close("form");
  h.close("section");
  return std::move(h).str();
}

std::string invitations(const web::Ctx& ctx, const InvitationList& list, long page,
                        const InviteForm& f, const Error* e) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Invitations"));
  h.open("section", {{"class", "card"}});
  h.el("h2", t("Invite someone"));
  web::form_alert(h, ctx, e);
  h.open("form", {{"method", "post"}, {"action", "/invitations"}, {"class", "grid-form"}});
  web::csrf_field(h, ctx);
  web::field(h, Field{.name = "name",
                      .label = t("Name"),
                      .value = f.name,
                      .error = web::error_for(ctx, e, "name"),
                      .required = true});
  web::field(h, Field{.name = "email",
                      .label = t("Email address"),
                      .type = "email",
                      .value = f.email,
                      .error = web::error_for(ctx, e, "email"),
                      .required = true});
  std::vector<web::Option> roles;
  for (Role r : account_roles())
    if (policy::can_invite(ctx.actor.role, r))
      roles.push_back({std::string(role_name(r)), t(role_label(r))});
  web::select(h, "role", t("Role"), roles, f.role.empty() ? "participant" : f.role,
              web::error_for(ctx, e, "role"));
  web::select(h, "language", t("Language of the invitation"), language_options(),
              f.language.empty() ? std::string(t.language()) : f.language,
              web::error_for(ctx, e, "language"));
  web::submit(h, t("Send the invitation"));
  h.close("form");
  h.close("section");

  h.open("section", {{"class", "card"}});
  h.el("h2", t("Sent invitations"));
  if (list.items.empty()) {
    h.el("p", {{"class", "muted"}}, t("No invitations yet."));
  } else {
    h.open("div", {{"class", "table-wrap"},
                   {"tabindex", "0"},
                   {"role", "region"},
                   {"aria-label", t("Sent invitations")}})
        .open("table");
    h.open("thead").open("tr");
    for (const char* c :
         {N_("Name"), N_("Email address"), N_("Role"), N_("Sent"), N_("Status"), N_("Action")})
      h.el("th", {{"scope", "col"}}, t(c));
    h.close("tr").close("thead").open("tbody");
    for (const auto& i : list.items) {
      h.open("tr");
      h.open("td").bdi(i.name).close("td");
      h.el("td", {{"dir", "ltr"}}, i.email);
      h.el("td", t(role_label(i.role)));
      h.el("td", t.date_time(i.created_at));
      h.el("td", {{"data-status", invitation_state(i, ctx.now)}}, invitation_status(ctx, i));
      h.open("td");
      if (!i.accepted_at && !i.revoked_at && i.expires_at >= ctx.now) {
        h.open("form", {{"method", "post"},
                        {"action", "/invitations/" + std::to_string(i.id) + "/revoke"}});
        web::csrf_field(h, ctx);
        web::submit(h, t("Withdraw"), "button small");
        h.close("form");
      }
      h.close("td").close("tr");
    }
    h.close("tbody").close("table").close("div");
  }
  web::pagination(h, ctx, web::Pagination{page, 25, list.total}, "/invitations");
  h.close("section");
  return std::move(h).str();
}

std::string account(const web::Ctx& ctx, const Preferences& p, const Error* pe, const Error* pw) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Your account"));
  h.open("section", {{"class", "card"}});
  h.el("h2", t("Profile and language"));
  web::form_alert(h, ctx, pe);
  h.open("form", {{"method", "post"}, {"action", "/account"}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  web::field(h, Field{.name = "name",
                      .label = t("Name"),
                      .value = p.name,
                      .error = web::error_for(ctx, pe, "name"),
                      .autocomplete = "name",
                      .required = true});
  h.open("dl", {{"class", "facts"}});
  h.el("dt", t("Email address")).open("dd").el("bdi", ctx.actor.email).close("dd");
  h.close("dl");
  web::select(h, "language", t("Language"), language_options(), p.language,
              web::error_for(ctx, pe, "language"));
  web::time_zone_field(h, ctx, time_zones(), p.time_zone, web::error_for(ctx, pe, "time_zone"));
  web::submit(h, t("Save"));
  h.close("form").close("section");

  h.open("section", {{"class", "card"}});
  h.el("h2", t("Password"));
  web::form_alert(h, ctx, pw);
  h.open("form", {{"method", "post"}, {"action", "/account/password"}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  web::field(h, Field{.name = "current",
                      .label = t("Current password"),
                      .type = "password",
                      .error = web::error_for(ctx, pw, "current"),
                      .autocomplete = "current-password",
                      .required = true});
  new_password_fields(h, ctx, pw, t("New password"), t("New password again"));
  web::submit(h, t("Change the password"));
  h.close("form").close("section");

  h.open("section", {{"class", "card"}});
  h.el("h2", t("Security"));
  h.el("p",
       ctx.actor.totp_enabled ? t("Two-factor sign-in is on.") : t("Two-factor sign-in is off."));
  if (!ctx.actor.totp_enabled)
    h.open("p")
        .open("a", {{"href", "/account/2fa"}, {"class", "button"}})
        .text(t("Turn on two-factor sign-in"))
        .close("a")
        .close("p");
  h.open("form", {{"method", "post"}, {"action", "/logout/everywhere"}});
  web::csrf_field(h, ctx);
  web::submit(h, t("Log out everywhere"), "button");
  h.close("form");
  h.el("p", {{"class", "hint"}},
       t("Ends every session of your account, on every device, this one included."));
  h.close("section");

  h.open("section", {{"class", "card"}, {"id", "privacy"}});
  h.el("h2", t("Your data and privacy"));
  h.open("ul", {{"class", "plain"}});
  h.open("li").open("a", {{"href", "/profile/data"}}).text(t("Your data")).close("a").close("li");
  h.open("li")
      .open("a", {{"href", "/profile/consents"}})
      .text(t("Consents"))
      .close("a")
      .close("li");
  h.open("li")
      .open("a", {{"href", "/profile/erasure"}})
      .text(t("Erase my data"))
      .close("a")
      .close("li");
  if (ctx.actor.role == Role::admin || ctx.actor.role == Role::staff)
    h.open("li")
        .open("a", {{"href", "/erasure-requests"}})
        .text(t("Erasure requests"))
        .close("a")
        .close("li");
  h.close("ul").close("section");
  return std::move(h).str();
}

std::string enrol(const web::Ctx& ctx, const Enrolment& e, const Error* err) {
  const auto& t = ctx.tr;
  Html h;
  card_open(h, t("Turn on two-factor sign-in"));
  if (auth::policy::needs_second_factor(ctx.actor.role))
    h.el("p", t("Your role gives you access to personal data of many people, so crm asks for a "
                "second factor."));
  h.el("p", t.plural("Scan this code with an authenticator app (for example FreeOTP or Aegis), "
                     "then enter the {n}-digit code it shows.",
                     "Scan this code with an authenticator app (for example FreeOTP or Aegis), "
                     "then enter the {n}-digit code it shows.",
                     6));
  // SVG made by auth::qr_svg; role="img" needs a name.
  h.open("div", {{"class", "qr"}})
      .raw_trusted(qr_svg(e.uri, 220, t("QR code with the key for your authenticator app")))
      .close("div");
  h.open("p")
      .text(t("Or enter this key by hand:"))
      .text(" ")
      .el("code", {{"dir", "ltr"}, {"class", "secret"}}, e.secret)
      .close("p");
  web::form_alert(h, ctx, err);
  h.open("form", {{"method", "post"}, {"action", "/account/2fa"}, {"class", "stack"}});
  web::csrf_field(h, ctx);
  web::field(h, Field{.name = "code",
                      .label = t("Code"),
                      .error = web::error_for(ctx, err, "code"),
                      .autocomplete = "one-time-code",
                      .required = true,
                      .inputmode = "numeric"});
  web::submit(h, t("Turn on"));
  h.close("form").close("section");
  return std::move(h).str();
}

std::string recovery_codes(const web::Ctx& ctx, const std::vector<std::string>& codes) {
  const auto& t = ctx.tr;
  Html h;
  card_open(h, t("Two-factor sign-in is on"));
  h.el("p", t("Keep these recovery codes somewhere safe. Each works once if you lose your phone. "
              "They are shown only now."));
  h.open("ul", {{"class", "codes"}, {"dir", "ltr"}});
  for (const auto& c : codes) h.open("li").el("code", c).close("li");
  h.close("ul");
  h.open("p")
      .open("a", {{"href", "/"}, {"class", "button primary"}})
      .text(t("Continue"))
      .close("a")
      .close("p");
  h.close("section");
  return std::move(h).str();
}

std::string audit(const web::Ctx& ctx, const AuditPage& page, long page_number) {
  const auto& t = ctx.tr;
  Html h;
  h.el("h1", t("Audit log"));
  h.el("p", {{"class", "muted"}},
       t("Every change in crm: who, what, when and from where. Entries cannot be changed."));
  // A scrolling region must be reachable with the keyboard, and named.
  h.open("div", {{"class", "table-wrap"},
                 {"tabindex", "0"},
                 {"role", "region"},
                 {"aria-label", t("Audit log")}})
      .open("table");
  h.open("thead").open("tr");
  for (const char* c : {N_("When"), N_("Who"), N_("What"), N_("Record"), N_("Changes"), N_("From")})
    h.el("th", {{"scope", "col"}}, t(c));
  h.close("tr").close("thead").open("tbody");
  for (const auto& e : page.items) {
    h.open("tr");
    h.el("td", t.date_time(e.at));
    h.open("td").bdi(e.actor_label.empty() ? t("Visitor") : e.actor_label).close("td");
    h.el("td", {{"dir", "ltr"}}, e.action);
    h.el("td", {{"dir", "ltr"}}, e.entity + " " + e.entity_id);
    h.el("td", {{"dir", "ltr"}, {"class", "changes"}}, e.changes);
    h.el("td", {{"dir", "ltr"}}, e.address);
    h.close("tr");
  }
  h.close("tbody").close("table").close("div");
  web::pagination(h, ctx, web::Pagination{page_number, 50, page.total}, "/admin/audit");
  return std::move(h).str();
}

}  // namespace crm::auth::views

// Plain data of accounts and what hangs off them.
#pragma once

#include <cstdint>
#include <string>

#include "auth/roles.hpp"

namespace crm::auth {

struct Account {
  int64_t id = 0;
  std::string email;  // lower-cased
  std::string name;
  Role role = Role::participant;
  std::string password_hash;  // empty until the invitation is accepted
  std::string language = "en";
  std::string time_zone = "UTC";
  std::string totp_secret;  // base32; empty when not enrolled
  bool totp_enabled = false;
  int64_t totp_last_step = 0;
  bool disabled = false;
  int64_t created_at = 0;
};

struct Invitation {
  int64_t id = 0;
  std::string email, name;
  Role role = Role::participant;
  std::string language = "en";
  int64_t invited_by = 0;
  int64_t created_at = 0, expires_at = 0, accepted_at = 0, revoked_at = 0;
};

// Where an invitation stands: "accepted", "withdrawn", "expired" or "open".
inline const char* invitation_state(const Invitation& i, int64_t now) {
  if (i.accepted_at) return "accepted";
  if (i.revoked_at) return "withdrawn";
  if (i.expires_at < now) return "expired";
  return "open";
}

struct AuditEntry {
  int64_t id = 0;
  int64_t at = 0;
  int64_t actor_id = 0;
  std::string actor_label;  // name and email at the time, kept when the account goes
  std::string action;       // "account.login", "invitation.create" …
  std::string entity;       // "account", "invitation" …
  std::string entity_id;
  std::string changes;  // JSON object of field -> [old, new] (never passwords or tokens)
  std::string address, request_id;
};

}  // namespace crm::auth

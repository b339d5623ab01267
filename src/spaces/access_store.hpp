// Who belongs to which space: the one reader of the view space_membership
// (migrations/0021_spaces.sql), which every spaces store keeps to. Being in
// a space is what lets anyone read anything of it — threads, posts,
// attachments, materials, search hits, notifications: a store that reaches
// such rows for a reader joins member_of_sql() or starts from one of the
// functions here, so no handler can forget it (STYLE.md habit 4).
//
// Nobody is a member by role alone: administrators are not (they run the
// system, not the exchange), nor staff of another programme. Staff on the
// programme's team moderate every space of it.
//
// Thread safety: plain functions on the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "spaces/model.hpp"

namespace crm::spaces::access_store {

// The space and the account's place in it (member and moderator false when
// they are not in it); nullopt when there is no such space.
std::optional<SpaceAccess> space_access(db::Session& db, int64_t account_id, int64_t space_id);

// The same for the space a thread or a post is in (nullopt: no such thread or post).
std::optional<SpaceAccess> thread_access(db::Session& db, int64_t account_id, int64_t thread_id);
std::optional<SpaceAccess> post_access(db::Session& db, int64_t account_id, int64_t post_id);

// The spaces an account is in, in id order (one statement).
std::vector<int64_t> spaces_of(db::Session& db, int64_t account_id);

// "EXISTS (…)": the account bound as `account_bind` (a named bind, say
// ":me") is in the space whose id is the column `space_column` ("s.id").
// With `moderator` true: and moderates it. Fixed text; never user input.
std::string member_of_sql(std::string_view space_column, std::string_view account_bind,
                          bool moderator = false);

// Whether the account is in the space (one statement).
bool is_member(db::Session& db, int64_t account_id, int64_t space_id);

}  // namespace crm::spaces::access_store

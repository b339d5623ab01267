// SQL of a space's members list and of the people added by hand
// (space_member). Callers (members_service) check rights first.
//
// Thread safety: plain functions on the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::spaces::members_store {

struct MemberRow {
  int64_t account_id = 0;
  std::string name;
  // Why they are in: "hand" (added by hand), "team" (the programme's team),
  // "alumni" (a graduate of the programme), "cohort" (enrolled in the cohort).
  std::string why;
  bool moderator = false;
};
// Everyone in the space, by name (one statement whatever their number).
std::vector<MemberRow> members(db::Session& db, int64_t space_id);

// Whether the account is on the programme's team (programme_staff).
bool on_team(db::Session& db, int64_t programme_id, int64_t account_id);

struct Candidate {
  int64_t account_id = 0;
  std::string name;
};
// People of the programme with an account (enrolled in any of its cohorts,
// or on its team) not yet added to the space by hand, by name; with
// `only_account` set: that account alone, if it is one of them.
std::vector<Candidate> candidates(db::Session& db, int64_t programme_id, int64_t space_id,
                                  std::optional<int64_t> only_account = std::nullopt);
// The same whose name contains `name` (literally; ASCII letters in any case;
// "": everyone), at most `limit` of them.
std::vector<Candidate> candidates_named(db::Session& db, int64_t programme_id, int64_t space_id,
                                        const std::string& name, size_t limit);

void add(db::Session& db, int64_t space_id, int64_t account_id, const std::string& role,
         int64_t now);
// Removes a person added by hand; false when they were not.
bool remove(db::Session& db, int64_t space_id, int64_t account_id);

}  // namespace crm::spaces::members_store

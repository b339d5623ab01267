// Learning and exchange spaces (issue 14): plain data shared by the spaces'
// stores, services and views. Schema: migrations/0021_spaces.sql.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace crm::spaces {

// cohort: one per cohort, made with it; alumni: one per programme, its
// graduates; theme and region: across cohorts, members added by hand.
enum class Kind { cohort, alumni, theme, region };
std::string_view kind_name(Kind k);   // as stored: "cohort"
Kind parse_kind(std::string_view s);  // unknown text reads as theme

// How a reader hears of what is new in a space.
enum class Notify { immediate, daily, weekly, none };
std::string_view notify_name(Notify n);
Notify parse_notify(std::string_view s);  // unknown text reads as daily, the default

// A space as its access rule sees it, with the reader's place in it.
struct SpaceAccess {
  int64_t space_id = 0;
  int64_t programme_id = 0;
  Kind kind = Kind::theme;
  int64_t cohort_id = 0;        // 0 unless kind is cohort
  bool is_protected = false;    // Chatham House rule
  bool authors_hidden = false;  // protected: authors shown to moderators only
  bool archived = false;
  bool member = false;     // the reader belongs to the space (any way)
  bool moderator = false;  // … and moderates it
};

}  // namespace crm::spaces

// The SQL of timetables and calendar feeds: the sessions a cohort has, the
// sessions an account takes part in, their lecturers, and the feed tokens.
// Every reader takes its scope (a cohort the service has checked, or an
// account) and keeps to it in the WHERE. Each function is one statement.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "curriculum/model.hpp"
#include "db/database.hpp"

namespace crm::curriculum::timetable_store {

// A session as a timetable shows it: the session, its module's title in the
// reader's language (then English, then any), its cohort's name.
struct Row {
  Session session;  // lecturer_ids left empty: see Lecturer
  std::string module_title, cohort_name;
};

struct Lecturer {
  int64_t session_id = 0;
  std::string name;
};

// Whose sessions: what the account takes part in (see sessions_of_account).
struct AccountScope {
  int64_t account_id = 0;
  bool all = false;  // an administrator: every cohort
};

// Every session of the cohort, by start.
std::vector<Row> cohort_sessions(db::Session& db, int64_t cohort_id, const std::string& language);
// The lecturers of every session of the cohort, by name: those named on the
// session, or, when it names none, those of its module.
std::vector<Lecturer> cohort_lecturers(db::Session& db, int64_t cohort_id);

// The sessions of an account: of the cohorts in which its person takes part
// as a participant (every session) or as a lecturer (the sessions they are
// named on, and those of the modules they are named on), in a status of taking_part_statuses() and
// while the account's role is participant, alumnus or lecturer; for staff, every session of their
// programmes' cohorts; for an administrator (scope.all) every session.
// upcoming: sessions not yet ended at `now`, soonest first; else those ended,
// latest first. At most `limit` (0: all, soonest first).
std::vector<Row> sessions_of_account(db::Session& db, const AccountScope& scope, int64_t now,
                                     bool upcoming, long limit, const std::string& language);
// The lecturers (as cohort_lecturers) of exactly those sessions.
std::vector<Lecturer> lecturers_of_account(db::Session& db, const AccountScope& scope, int64_t now,
                                           bool upcoming, long limit);

// Calendar feeds. cohort_id 0: the account's own sessions.
struct Feed {
  int64_t id = 0, account_id = 0, cohort_id = 0;
  std::string role;  // the account's role now
  std::string language, time_zone;
  bool disabled = false;
};
// The feed of an unrevoked token digest, with its account as it is now.
std::optional<Feed> find_feed(db::Session& db, const std::string& token_digest);
// Revokes the account's unrevoked feeds of that cohort (0: its own); how many.
long revoke_feeds(db::Session& db, int64_t account_id, int64_t cohort_id, int64_t now);
int64_t insert_feed(db::Session& db, const std::string& token_digest, int64_t account_id,
                    int64_t cohort_id, int64_t now);
// When the account's unrevoked feed of that cohort (0: its own) was made.
std::optional<int64_t> feed_created_at(db::Session& db, int64_t account_id, int64_t cohort_id);

}  // namespace crm::curriculum::timetable_store

// For bench/spaces.sh: the spaces at scale, after `crm demo --scale N`.
//
// generate() gives every participant of the programme with the most cohorts
// an account (no password: they never sign in, they are members who get
// notifications and digests), then talk in every cohort space of that
// programme, and in the reader's own cohort space a long thread and a long
// list of threads. Every post goes through notifications::record_post, the
// function a real post goes through, so the notifications and the digests
// that follow are the ones real posting makes. One transaction;
// deterministic.
//
// digest_day() runs the digest job's work (notification_mail::send_digests)
// for each of the 24 hours of the Monday after `now`, so that everyone,
// whatever their time zone, gets their daily and weekly digest once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"

namespace crm::spaces::bench {

struct Generated {
  long accounts = 0;       // made for participants who had none
  long spaces = 0;         // cohort spaces that got talk
  long posts = 0;          // in all
  long notifications = 0;  // rows in notification afterwards
  int64_t space_id = 0;    // the reader's cohort space
  int64_t long_thread_id = 0;
};

// `reader_email`: the account whose cohort space gets `replies` replies in
// one thread and `threads` more threads. REQUIRES: the demo is loaded and
// the reader is a member of a cohort space. Throws std::runtime_error when
// the reader is not found.
Generated generate(db::Session& db, const std::string& reader_email, long replies, long threads,
                   int64_t now);

struct DigestHour {
  int hour = 0;    // UTC
  long mails = 0;  // queued in that run
  double ms = 0;   // wall time of the run, its transaction included
};
std::vector<DigestHour> digest_day(db::Session& db, const Config& config, const Catalogs& catalogs,
                                   int64_t now);

}  // namespace crm::spaces::bench

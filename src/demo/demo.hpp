// Demo data for trying crm and for tests and benchmarks: one account per role
// (accounts whose role needs a second factor come enrolled) and the programme
// with its four cohorts, organisations, people and enrolments.
#pragma once

#include <string>
#include <vector>

#include "db/database.hpp"

namespace crm::demo {

struct DemoAccount {
  std::string role, email, password, totp_secret;  // totp_secret empty when none
};

// Largest --scale: 1000 is ~110,000 people and 4,000 cohorts.
constexpr long kMaxScale = 1000;

// Loads the demo accounts (skipping those that exist) and the demo programme
// (only when there is none yet), and returns the accounts. `scale` (1 to
// kMaxScale) multiplies the programme for benchmarks, see load_programme.
std::vector<DemoAccount> load(db::Session& db, int64_t now, long scale = 1);

// The demo programme alone; does nothing when it is already there. Links the
// demo participant, alumnus, lecturer and staff accounts to their person.
// scale 1 is the programme of PRODUCT.md: 4 cohorts, ~110 people. scale N adds
// cohorts 5 to 4·N, each a copy of cohort 1–4's composition with new people
// and new branches of the organisations: ~110·N people, 4·N cohorts. The same
// N gives the same data; one transaction.
void load_programme(db::Session& db, int64_t now, long scale = 1);

// Certificates for everyone complete in the cohorts whose status is
// "completed", one of them revoked (src/demo/certificates.cpp). Reads
// completion from the database: nothing is issued when nobody is complete.
// Idempotent.
void load_certificates(db::Session& db, int64_t now);
// The three-month follow-up open for the demo participant, found under "my
// surveys" (survey_answers.cpp). Idempotent.
void load_survey_invitations(db::Session& db, int64_t now);
// Notifications of the spaces: varied choices, and unread notifications for
// the demo participant (spaces_notifications.cpp). Idempotent; queues no mail.
void load_spaces_notifications(db::Session& db, int64_t now);

// Moderation in the spaces (src/demo/spaces_moderation.cpp): reported,
// hidden and edited posts, a locked thread and a pinned announcement in the
// demo participant's cohort space and the alumni space. Idempotent.
void load_spaces_moderation(db::Session& db, int64_t now);
// Photos (with their small copies) and a PDF attached to posts of a thread in
// the demo participant's cohort space (spaces_attachments.cpp). Idempotent.
void load_spaces_attachments(db::Session& db, int64_t now);
// Materials in the libraries of the demo's cohort, alumni and theme spaces:
// small PDFs and links in four languages, one with two versions
// (spaces_materials.cpp). Idempotent.
void load_spaces_materials(db::Session& db, int64_t now);
// Spaces with threads in four languages, a theme, a region and a protected
// space, and unread posts for the demo participant (spaces_threads.cpp). Idempotent.
void load_spaces_threads(db::Session& db, int64_t now);
// Practice projects (teams across cohorts, partners, updates; linked to demo
// papers when there are some) and curated resources in six languages, some
// with a PDF (projects.cpp). Idempotent.
void load_projects(db::Session& db, int64_t now);
// Attendance for every session that has ended (not cancelled) and results
// for every module whose sessions are all over, for the participants taking
// part, derived from the ids (see attendance.cpp); adds only what is missing.
void load_attendance(db::Session& db, int64_t now);

// Final papers for the demo programme's running and finished cohorts:
// milestones, a rubric, a paper per participant at every stage with real PDF
// versions, comments and assessments (src/demo/papers.cpp). Idempotent.
void load_papers(db::Session& db, int64_t now);

// Calls, applicants, reviews and shortlists, in that order (each part reads
// what the one before wrote). `crm demo` loads them after load(); tests
// start without them, so that the admissions tests write the calls they need
// for any cohort (a cohort has one call). Returns the demo applicant's
// login when there is an open call to apply to (none otherwise).
std::vector<DemoAccount> load_admissions(db::Session& db, int64_t now);

// Calls for applications (src/demo/calls.cpp): closed calls of cohorts 1–4
// with texts in four languages, questions, documents, a rubric and bounds
// from the cohorts' targets, and an open call for cohort 5 (made when
// missing). Idempotent. `crm demo` loads them; tests start without them, so
// that the admissions tests write the calls they need for any cohort.
void load_calls(db::Session& db, int64_t now);
// Applicants for the demo's calls (src/demo/applications.cpp): four per
// place for calls whose deadline has passed, a few drafts for the open one
// (one the demo applicant's, applicant@demo.crm.example). Reads the calls
// from the database; idempotent. Returns the demo applicant's login, empty
// when no call is open.
std::vector<DemoAccount> load_applications(db::Session& db, int64_t now);

// A few done and failed jobs (and their mail) for the jobs page; does nothing
// when they are there. `crm demo` loads them; tests start without them.
void load_jobs(db::Session& db, int64_t now);

// Consent for most accepted papers and several projects of the demo
// (src/demo/publications.cpp): reads them from the database, does nothing
// without any; a work with a publication row is left alone. Idempotent.
void load_publications(db::Session& db, int64_t now);

// Survey responses for the demo programme's finished cohorts: the built-in
// instruments' surveys (made when missing, matched by programme and kind),
// rounds, and responses written in bulk — session feedback, "was it useful?",
// the self-assessment before and after (paired per person) and the
// three-month follow-up (src/demo/survey_responses.cpp). Idempotent: rounds
// that exist are left alone.
void load_survey_responses(db::Session& db, int64_t now);

}  // namespace crm::demo

// The one route table: every capability registers its paths here, so every
// URL crm answers is found from this file.
#include "auth/routes.hpp"
#include "admissions/apply_routes.hpp"
#include "admissions/call_routes.hpp"
#include "admissions/decision_routes.hpp"
#include "admissions/funnel_routes.hpp"
#include "admissions/review_routes.hpp"
#include "admissions/shortlist_routes.hpp"
#include "app/app.hpp"
#include "certificates/routes.hpp"
#include "curriculum/attendance_routes.hpp"
#include "curriculum/routes.hpp"
#include "curriculum/timetable_routes.hpp"
#include "home/routes.hpp"
#include "imports/routes.hpp"
#include "jobs/routes.hpp"
#include "knowledge/publication_routes.hpp"
#include "knowledge/resource_routes.hpp"
#include "knowledge/search_routes.hpp"
#include "papers/project_routes.hpp"
#include "papers/routes.hpp"
#include "people/routes.hpp"
#include "privacy/routes.hpp"
#include "programme/routes.hpp"
#include "reports/routes.hpp"
#include "spaces/attachment_routes.hpp"
#include "spaces/manage_routes.hpp"
#include "spaces/materials_routes.hpp"
#include "spaces/members_routes.hpp"
#include "spaces/moderation_routes.hpp"
#include "spaces/notification_routes.hpp"
#include "spaces/search_routes.hpp"
#include "spaces/thread_routes.hpp"
#include "surveys/answer_routes.hpp"
#include "surveys/import_routes.hpp"
#include "surveys/results_routes.hpp"
#include "surveys/round_routes.hpp"
#include "surveys/routes.hpp"

namespace crm::app {

void register_routes(Router& r) {
  home::register_routes(r);  // /, /language, /healthz
  auth::register_routes(
      r);  // /login, /logout, /password/*, /invite/*, /invitations, /account, /admin/audit
  programme::register_routes(r);     // /programme, /programmes…, /cohorts/{id}
  people::register_routes(r);        // /people/*, /enrolments/*, /profile, /organisations
  imports::register_routes(r);       // /cohorts/{id}/import, /imports/{id}, /imports/{id}/commit
  privacy::register_routes(r);       // /profile/data…, /erasure-requests, /people/{id}/erase…
  jobs::register_routes(r);          // /admin/jobs, /admin/jobs/{id}/retry
  certificates::register_routes(r);  // /cohorts/{id}/certificates, /certificates/…, /verify…
  // /cohorts/{id}/curriculum…, /modules/*, /sessions/*, /materials/*
  curriculum::register_routes(r);
  // /attendance, /sessions/{id}/attendance, /modules/{id}/results, /cohorts/{id}/completion
  curriculum::register_attendance_routes(r);
  // /timetable, /cohorts/{id}/timetable, /calendar, /calendar/{token}.ics, /cohorts/{id}/calendar
  curriculum::register_timetable_routes(r);
  // /papers…, /cohorts/{id}/papers…, /paper-versions/{id}…, /rubric-criteria/{id}…
  papers::register_routes(r);
  // /calls/{id}/reviewers…, /calls/{id}/assign, /calls/{id}/reviews…, /reviews…
  admissions::register_review_routes(r);
  // /projects…, /projects/{id}/members, /projects/{id}/updates
  papers::register_project_routes(r);
  // /resources…, /resources/{id}/file, /resources/{id}/publish
  knowledge::register_resource_routes(r);
  // /papers/{id}/publish|withdraw, /projects/{id}/publish|withdraw, /knowledge/works/…,
  // /knowledge/resources/…
  knowledge::register_publication_routes(r);
  // /knowledge, /knowledge/feed.atom
  knowledge::register_search_routes(r);
  // /surveys/import, /surveys/{id}/import (before any /surveys/{id}: the first match wins)
  surveys::register_import_routes(r);
  // /surveys/{id}/results|change|responses (+ .csv, .xlsx)
  surveys::register_results_routes(r);
  // /surveys…, /surveys/{id}/edit|questions…|preview|archive (the survey builder)
  surveys::register_routes(r);
  // /surveys/{id}/rounds/new, /rounds/{id}…, /rounds/{id}/cancel|remind
  surveys::register_round_routes(r);
  // /reports/indicators (+ .xlsx, .pdf), /reports/indicators/records
  reports::register_routes(r);
  // /s/{token}…, /my/surveys…
  surveys::register_answer_routes(r);
  // /apply/signup, /apply/confirm/{token}, /calls/{id}/apply, /applications…
  admissions::register_apply_routes(r);
  // /calls/{id}/ranking (+ .csv, .xlsx), /calls/{id}/shortlist
  admissions::register_shortlist_routes(r);
  // /calls/{id}/decisions (+ .csv, .xlsx, /send, /offer), /calls/{id}/templates,
  // /applications/{id}/confirm
  admissions::register_decision_routes(r);
  // /calls/{id}/funnel (+ .csv, .xlsx)
  admissions::register_funnel_routes(r);
  // /calls, /calls/manage (+ .csv, .xlsx), /calls/new, /calls/{id}…: calls for applications
  admissions::register_call_routes(r);
  // notifications: /notifications, /notifications/read, /notifications/settings,
  // /unsubscribe/{token}
  spaces::register_notification_routes(r);
  // Spaces, moderation: /posts/{id}/edit|delete|history|report|hide|unhide,
  // /spaces/{id}/reports, /threads/{id}/lock|unlock|pin|unpin|move
  spaces::register_moderation_routes(r);
  // /spaces/{id}/members (+ .csv, .xlsx), /spaces/{id}/members/{account}/remove
  spaces::register_members_routes(r);
  // attachments: /attachments/{id}, /attachments/{id}/small, /posts/{id}/attachments
  spaces::register_attachment_routes(r);
  // spaces, materials: /spaces/{id}/materials (+ .csv, .xlsx, /new), /space-materials/{id}…
  spaces::register_materials_routes(r);
  // Spaces, managing: /spaces/new, /spaces (a theme or region space), /spaces/{id}/settings
  spaces::register_manage_routes(r);
  // Spaces, search: /spaces/search, /spaces/{id}/search (before any /spaces/{id} route:
  // the first match wins)
  spaces::register_search_routes(r);
  // Spaces, threads: /spaces, /spaces/{id}, /spaces/{id}/threads, /threads/{id},
  // /threads/{id}/posts, /posts/{id} (after every other /spaces/… and /posts/…/… route: the first
  // match wins)
  spaces::register_thread_routes(r);
}

}  // namespace crm::app

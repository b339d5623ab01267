// The demo's curriculum: for every demo cohort without modules, seven
// modules over its two semesters (30 ECTS, texts in English and German, some
// in French and Arabic, the cohort's lecturers), two online seminars per
// module (evenings in Berlin or Vienna) and two on-site weeks of five days:
// the first in Munich, the second at the cohort's own place in its zone. A
// few materials, one cancelled and one moved session per cohort, so the
// timetable and the calendar feed show both. Reads the cohorts and their
// lecturers from the database; a cohort that has modules is left alone, so a
// second run adds nothing.
#include <array>

#include "auth/tokens.hpp"
#include "curriculum/service.hpp"
#include "curriculum/store.hpp"
#include "demo/curriculum.hpp"
#include "programme/store.hpp"

namespace crm::demo {

namespace {

namespace cs = curriculum::store;

struct ModuleSeed {
  long semester, ects_tenths;
  const char *en, *de, *fr, *ar;
  const char* outcomes_en;
};

const std::array<ModuleSeed, 7> kModules = {{
    {1, 50, "Migration law and governance", "Migrationsrecht und Governance",
     "Droit et gouvernance des migrations", "قانون الهجرة وحوكمتها",
     "Participants compare the legal frameworks of their countries and name the gaps that matter "
     "for cooperation along a route."},
    {1, 45, "Data and evidence in migration policy", "Daten und Evidenz in der Migrationspolitik",
     nullptr, nullptr,
     "Participants read migration statistics critically and build an argument on evidence."},
    {1, 40, "Dialogue and mediation across borders", "Dialog und Mediation über Grenzen hinweg",
     "Dialogue et médiation transfrontaliers", nullptr,
     "Participants lead a structured dialogue between institutions of different countries."},
    {1, 25, "Project management for public institutions",
     "Projektmanagement für öffentliche Einrichtungen", nullptr, nullptr,
     "Participants plan a cooperation project with milestones, risks and a budget."},
    {2, 50, "Labour migration and skills partnerships",
     "Arbeitsmigration und Fachkräftepartnerschaften",
     "Migration de travail et partenariats de "
     "compétences",
     "هجرة العمالة وشراكات المهارات",
     "Participants design a skills partnership that serves both countries and the migrants."},
    {2, 40, "Protection, asylum and human rights", "Schutz, Asyl und Menschenrechte",
     "Protection, asile et droits humains", nullptr,
     "Participants apply international protection standards to cases from their work."},
    {2, 50, "Final paper and colloquium", "Abschlussarbeit und Kolloquium", nullptr,
     "الورقة الختامية والندوة",
     "Participants write and defend a policy paper on a question from their own institution."},
}};

// Where a cohort (1–4 of every round) meets for its second on-site week.
struct Place {
  const char *name, *zone, *online_zone;
};
Place place_of(long number) {
  switch ((number - 1) % 4) {
    case 0:
      return {"Sarajevo, Faculty of Political Sciences", "Europe/Sarajevo", "Europe/Berlin"};
    case 1:
      return {"Accra, University of Ghana", "Africa/Accra", "Europe/Berlin"};
    case 2:
      return {"Amman, University of Jordan", "Asia/Amman", "Europe/Berlin"};
    default:
      return {"Krems, University for Continuing Education", "Europe/Vienna", "Europe/Vienna"};
  }
}

std::string date_of(int64_t at) {
  return curriculum::local_parts(at, "UTC").date;
}

// The first Monday on or after `at` (a UTC midnight).
int64_t monday_from(int64_t at) {
  const int64_t day = at / 86400;
  const int64_t weekday = (day + 4) % 7;  // 0 Sunday … 6 Saturday
  return (day + (8 - weekday) % 7) * 86400;
}

int64_t at_local(int64_t day, const char* time, std::string_view zone) {
  auto r = curriculum::local_instant(date_of(day), time, zone, "demo");
  return r ? r->at : day;
}

void add_session(db::Session& db, curriculum::Session s, int64_t now) {
  s.uid = auth::random_token(16) + "@crm";
  s.id = cs::insert_session(db, s, now);
  cs::replace_session_lecturers(db, s.id, s.lecturer_ids);
}

void plan_cohort(db::Session& db, const programme::Cohort& c, int64_t now) {
  const auto lecturers = cs::cohort_lecturers(db, c.id);
  const Place place = place_of(c.number);
  const long semesters = std::max<long>(1, c.semesters);
  const int64_t semester_seconds =
      std::max<int64_t>(86400 * 60, (c.ends_on - c.starts_on) / semesters);
  std::vector<curriculum::Module> modules;
  long position = 0, last_semester = 0;
  for (size_t i = 0; i < kModules.size(); ++i) {
    const auto& seed = kModules[i];
    curriculum::Module m;
    m.cohort_id = c.id;
    m.semester = std::min(seed.semester, semesters);
    position = m.semester == last_semester ? position + 1 : 1;
    last_semester = m.semester;
    m.position = position;
    m.ects_tenths = seed.ects_tenths;
    m.texts.push_back({"de", seed.de, "", ""});
    m.texts.push_back({"en", seed.en,
                       "A module of the programme's " + std::to_string(seed.semester) +
                           (seed.semester == 1 ? "st" : "nd") + " semester.",
                       seed.outcomes_en});
    if (seed.fr) m.texts.push_back({"fr", seed.fr, "", ""});
    if (seed.ar) m.texts.push_back({"ar", seed.ar, "", ""});
    if (!lecturers.empty()) m.lecturer_ids.push_back(lecturers[i % lecturers.size()].person_id);
    m.id = cs::insert_module(db, m, now);
    cs::replace_module_texts(db, m);
    cs::replace_module_lecturers(db, m.id, m.lecturer_ids);
    modules.push_back(std::move(m));
  }
  // Online seminars: two per module, a week apart, 16:00–18:00 in Berlin or Vienna.
  long in_semester[3] = {0, 0, 0};
  std::vector<int64_t> seminar_ids;
  for (const auto& m : modules) {
    const long k = in_semester[std::min<long>(m.semester, 2)]++;
    const int64_t start = c.starts_on + (m.semester - 1) * semester_seconds;
    for (int n = 0; n < 2; ++n) {
      curriculum::Session s;
      s.cohort_id = c.id;
      s.module_id = m.id;
      s.title = m.texts[1].title + (n == 0 ? ": online seminar" : ": online seminar, part 2");
      s.kind = "online";
      s.time_zone = place.online_zone;
      s.meeting_url = "https://meet.example.org/crm-" + std::to_string(c.number) + "-" +
                      std::to_string(m.id) + "-" + std::to_string(n + 1);
      const int64_t day = monday_from(start + (6 + 3 * k + n) * 7 * 86400) + 86400;  // Tuesday
      s.starts_at = at_local(day, "16:00", s.time_zone);
      s.ends_at = at_local(day, "18:00", s.time_zone);
      s.lecturer_ids = m.lecturer_ids;
      add_session(db, s, now);
    }
  }
  // On-site weeks: Munich in the first semester, the cohort's place in the second.
  for (long week = 0; week < 2; ++week) {
    const bool home = week == 0;
    const char* zone = home ? "Europe/Berlin" : place.zone;
    const int64_t monday =
        monday_from(c.starts_on + std::min<long>(week, semesters - 1) * semester_seconds +
                    (home ? 2 : 8) * 7 * 86400);
    for (int d = 0; d < 5; ++d) {
      const auto& m = modules[(week == 0 ? 0 : 4) + d % (week == 0 ? 4 : 3)];
      curriculum::Session s;
      s.cohort_id = c.id;
      s.module_id = m.id;
      s.title = std::string(home ? "On-site week in Munich" : "On-site week") + ", day " +
                std::to_string(d + 1) + ": " + m.texts[1].title;
      s.kind = "on_site";
      s.time_zone = zone;
      s.place = home ? "Munich, Dialogforum Migration" : place.name;
      s.room = home ? "Seminar room 2" : "Room 104";
      s.starts_at = at_local(monday + d * 86400, "09:00", zone);
      s.ends_at = at_local(monday + d * 86400, "16:30", zone);
      s.lecturer_ids = m.lecturer_ids;
      add_session(db, s, now);
    }
  }
  // A few materials, one cancelled and one moved session.
  auto sessions = cs::list_sessions(db, c.id);
  if (sessions.size() < 4) return;
  curriculum::Material link;
  link.session_id = sessions[0].id;
  link.title = "Reading list";
  link.kind = "link";
  link.url = "https://example.org/crm/reading-list-" + std::to_string(c.number % 4 + 1);
  cs::insert_material(db, link, {}, 0, now);
  for (const auto& s : sessions)
    if (s.kind == "on_site") {
      curriculum::Material file;
      file.session_id = s.id;
      file.title = "Programme of the on-site week";
      file.kind = "file";
      file.filename = "on-site-week.txt";
      file.content_type = "text/plain";
      const std::string text = "On-site week of " + c.name + "\n\n" + s.place +
                               "\nEvery day 09:00-16:30, lunch at 12:30.\n";
      file.size = static_cast<int64_t>(text.size());
      cs::insert_material(db, file, text, 0, now);
      break;
    }
  // The first module's second seminar moves from Tuesday to Thursday; the
  // second module's first seminar is cancelled.
  std::vector<curriculum::Session> online;
  for (const auto& s : sessions)
    if (s.kind == "online") online.push_back(s);
  if (online.size() < 3) return;
  auto moved = online[1];
  moved.starts_at += 2 * 86400;
  moved.ends_at += 2 * 86400;
  ++moved.sequence;
  cs::update_session(db, moved, now);
  auto cancelled = online[2];
  cancelled.status = "cancelled";
  cancelled.cancel_reason = "The lecturer is ill; a new date follows.";
  ++cancelled.sequence;
  cs::update_session(db, cancelled, now);
}

}  // namespace

void load_curriculum(db::Session& db, int64_t now) {
  auto programme = programme::store::find_programme_id(db, "crm");
  if (!programme) return;
  db::Transaction tx(db);
  for (const auto& c : programme::store::list_cohorts(db, *programme))
    if (cs::count_modules(db, c.id) == 0) plan_cohort(db, c, now);
  tx.commit();
}

}  // namespace crm::demo

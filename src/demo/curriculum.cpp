// The demo's curriculum: for every demo cohort without modules, seven
// modules over its two semesters (30 ECTS, texts in English and German, some
// in French and Arabic, the cohort's lecturers), two online seminars per
// module (evenings in Berlin or Vienna) and two on-site weeks of five days:
// the first in Munich, the second at the cohort's own place in its zone. A
// few materials, one cancelled and one moved session per cohort, so the
// timetable and the calendar feed show both. Reads the cohorts and their
// lecturers from the database; a cohort that has modules is left alone, so a
// second run adds nothing.
#include <algorithm>
#include <array>
#include <map>

#include "auth/tokens.hpp"
#include "curriculum/service.hpp"
#include "db/migrate.hpp"
#include "demo/curriculum.hpp"
#include "demo/curriculum_store.hpp"
#include "programme/store.hpp"

namespace crm::demo {

namespace {

constexpr int kCurriculumMigration = 8;  // migrations/0008_curriculum.sql

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

// What the demo adds to one cohort, gathered before anything is inserted.
struct Plan {
  std::vector<curriculum::Module> modules;
  std::vector<curriculum::Session> sessions;
};

std::vector<curriculum::Module> plan_modules(const programme::Cohort& c,
                                             const std::vector<int64_t>& lecturers) {
  const long semesters = std::max<long>(1, c.semesters);
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
                       std::string("A module of the programme's ") +
                           (seed.semester == 1 ? "first" : "second") + " semester.",
                       seed.outcomes_en});
    if (seed.fr) m.texts.push_back({"fr", seed.fr, "", ""});
    if (seed.ar) m.texts.push_back({"ar", seed.ar, "", ""});
    if (!lecturers.empty()) m.lecturer_ids.push_back(lecturers[i % lecturers.size()]);
    modules.push_back(std::move(m));
  }
  return modules;
}

// Online seminars, two per module a week apart (the last module's in the
// cohort's last weeks), 16:00–18:00 in Berlin or Vienna (the second of the
// first module moved to Thursday, the first of the second cancelled), and the
// two on-site weeks. REQUIRES: module ids set.
std::vector<curriculum::Session> plan_sessions(const programme::Cohort& c,
                                               const std::vector<curriculum::Module>& modules) {
  const Place place = place_of(c.number);
  const long semesters = std::max<long>(1, c.semesters);
  const int64_t semester_seconds =
      std::max<int64_t>(86400 * 60, (c.ends_on - c.starts_on) / semesters);
  std::vector<curriculum::Session> out;
  auto add = [&](curriculum::Session s) {
    s.cohort_id = c.id;
    s.uid = auth::random_token(16) + "@crm";
    out.push_back(std::move(s));
  };
  long in_semester[3] = {0, 0, 0};
  long online = 0;
  for (const auto& m : modules) {
    const long k = in_semester[std::min<long>(m.semester, 2)]++;
    const int64_t start = c.starts_on + (m.semester - 1) * semester_seconds;
    for (int n = 0; n < 2; ++n, ++online) {
      curriculum::Session s;
      s.module_id = m.id;
      s.title = m.texts[1].title + (n == 0 ? ": online seminar" : ": online seminar, part 2");
      s.kind = "online";
      s.time_zone = place.online_zone;
      s.meeting_url = "https://meet.example.org/crm-" + std::to_string(c.number) + "-" +
                      std::to_string(m.id) + "-" + std::to_string(n + 1);
      int64_t day = monday_from(start + (6 + 3 * k + n) * 7 * 86400) + 86400;  // a Tuesday
      // The last module (the final paper and its colloquium) closes the
      // cohort: its seminars three weeks and one week before the end, so a
      // running cohort still has sessions ahead.
      if (&m == &modules.back() && modules.size() > 1)
        day = monday_from(c.ends_on - (n == 0 ? 21 : 8) * 86400) + 86400;
      if (online == 1) day += 2 * 86400, s.sequence = 1;  // moved
      if (online == 2) {
        s.status = "cancelled";
        s.cancel_reason = "The lecturer is ill; a new date follows.";
        s.sequence = 1;
      }
      s.starts_at = at_local(day, "16:00", s.time_zone);
      s.ends_at = at_local(day, "18:00", s.time_zone);
      s.lecturer_ids = m.lecturer_ids;
      add(std::move(s));
    }
  }
  // On-site weeks: Munich in the first semester, the cohort's place in the second.
  for (long week = 0; week < 2 && modules.size() >= 7; ++week) {
    const bool home = week == 0;
    const char* zone = home ? "Europe/Berlin" : place.zone;
    const int64_t monday =
        monday_from(c.starts_on + std::min<long>(week, semesters - 1) * semester_seconds +
                    (home ? 2 : 8) * 7 * 86400);
    for (int d = 0; d < 5; ++d) {
      const auto& m = modules[(home ? 0 : 4) + d % (home ? 4 : 3)];
      curriculum::Session s;
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
      add(std::move(s));
    }
  }
  return out;
}

// A reading list (a link) on the first session and the on-site week's
// programme (a small text file) on the first on-site day.
void plan_materials(const programme::Cohort& c, const std::vector<curriculum::Session>& sessions,
                    std::vector<std::pair<curriculum::Material, std::string>>& out) {
  if (sessions.empty()) return;
  curriculum::Material link;
  link.session_id = sessions.front().id;
  link.title = "Reading list";
  link.kind = "link";
  link.url = "https://example.org/crm/reading-list-" + std::to_string((c.number - 1) % 4 + 1);
  out.emplace_back(link, std::string());
  for (const auto& s : sessions)
    if (s.kind == "on_site") {
      curriculum::Material file;
      file.session_id = s.id;
      file.title = "Programme of the on-site week";
      file.kind = "file";
      file.filename = "on-site-week.txt";
      file.content_type = "text/plain";
      std::string text = "On-site week of " + c.name + "\n\n" + s.place +
                         "\nEvery day 09:00-16:30, lunch at 12:30.\n";
      file.size = static_cast<int64_t>(text.size());
      out.emplace_back(file, std::move(text));
      return;
    }
}

}  // namespace

void load_curriculum(db::Session& db, int64_t now) {
  // A database migrated only part of the way (tests of the migrations) has
  // no curriculum tables yet.
  if (db::schema_version(db) < kCurriculumMigration) return;
  auto programme = programme::store::find_programme_id(db, "crm");
  if (!programme) return;
  db::Transaction tx(db);
  const auto planned = store::planned_cohorts(db);
  std::vector<programme::Cohort> cohorts;
  for (auto& c : programme::store::list_cohorts(db, *programme))
    if (!planned.count(c.id)) cohorts.push_back(std::move(c));
  if (cohorts.empty()) return;
  const auto lecturers = store::lecturers_by_cohort(db, *programme);
  auto lecturers_of = [&](int64_t cohort) {
    auto it = lecturers.find(cohort);
    return it == lecturers.end() ? std::vector<int64_t>() : it->second;
  };
  std::vector<curriculum::Module> modules;
  for (const auto& c : cohorts)
    for (auto& m : plan_modules(c, lecturers_of(c.id))) modules.push_back(std::move(m));
  store::insert_modules(db, modules, now);
  const auto module_ids = store::module_ids(db, *programme);
  std::map<int64_t, std::vector<curriculum::Module>> by_cohort;
  for (auto& m : modules) {
    m.id = module_ids.at({m.cohort_id, m.semester, m.position});
    by_cohort[m.cohort_id].push_back(m);
  }
  store::insert_module_details(db, modules);
  std::vector<curriculum::Session> sessions;
  for (const auto& c : cohorts)
    for (auto& s : plan_sessions(c, by_cohort[c.id])) sessions.push_back(std::move(s));
  store::insert_sessions(db, sessions, now);
  const auto session_ids = store::session_ids(db, *programme);
  std::map<int64_t, std::vector<curriculum::Session>> sessions_of;
  for (auto& s : sessions) {
    s.id = session_ids.at(s.uid);
    sessions_of[s.cohort_id].push_back(s);
  }
  store::insert_session_lecturers(db, sessions);
  std::vector<std::pair<curriculum::Material, std::string>> materials;
  for (const auto& c : cohorts) plan_materials(c, sessions_of[c.id], materials);
  store::insert_materials(db, materials, now);
  tx.commit();
}

}  // namespace crm::demo

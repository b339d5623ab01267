// Adding a cohort to a programme (see programmes.hpp).
#include <boost/json.hpp>

#include "auth/service.hpp"
#include "programme/policy.hpp"
#include "programme/programmes.hpp"

namespace crm::programme {

namespace {

constexpr size_t kMaxText = 200;
using Numbers = std::vector<std::pair<std::string, long long>>;
constexpr const char* kNumberTaken =
    N_("This programme already has a cohort with this number. Choose another.");

// The programme, named in the viewer's language, when the actor may add cohorts to it.
Result<Programme> programme_for_cohorts(web::Ctx& ctx, int64_t programme_id) {
  const bool on_team =
      ctx.actor.signed_in() && store::is_on_team(ctx.db, programme_id, ctx.actor.id);
  if (!policy::can_add_cohort(ctx.actor.role, on_team)) return not_found();
  auto p = store::find_programme(ctx.db, programme_id, std::string(ctx.tr.language()));
  if (!p) return not_found();
  return std::move(*p);
}

Cohort validated(db::Session& db, int64_t programme_id, const CohortForm& f,
                 std::vector<Error>& problems) {
  auto problem = [&](const char* field, auto... key) {
    problems.push_back(invalid(field, key...));
  };
  Cohort c;
  c.programme_id = programme_id;
  auto number = parse_whole(trimmed(f.number), 1, 999);
  if (!number)
    problem("number", N_("Enter a whole number from {min} to {max}."),
            Numbers{{"min", 1}, {"max", 999}});
  else if (store::find_cohort_number(db, programme_id, *number))
    problem("number", kNumberTaken);
  else
    c.number = *number;
  c.name = trimmed(f.name);
  if (c.name.empty())
    problem("name", N_("Enter the cohort's name."));
  else if (!fits(c.name, kMaxText))
    problem("name", plural("The name is too long (at most {n} character).",
                           "The name is too long (at most {n} characters).", kMaxText));
  auto starts = parse_date(trimmed(f.starts_on));
  auto ends = parse_date(trimmed(f.ends_on));
  if (!starts) problem("starts_on", N_("Enter a date such as 2026-11-02."));
  if (!ends)
    problem("ends_on", N_("Enter a date such as 2026-11-02."));
  else if (starts && *ends <= *starts)
    problem("ends_on", N_("The end must be after the start."));
  c.starts_on = starts.value_or(0);
  c.ends_on = ends.value_or(0);
  if (!one_of(cohort_statuses(), f.status)) problem("status", N_("Choose a status."));
  c.status = f.status;
  c.regional_focus = trimmed(f.regional_focus);
  if (!fits(c.regional_focus, kMaxText))
    problem("regional_focus",
            plural("The regional focus is too long (at most {n} character).",
                   "The regional focus is too long (at most {n} characters).", kMaxText));
  c.location = trimmed(f.location);
  if (!fits(c.location, kMaxText))
    problem("location", plural("The location is too long (at most {n} character).",
                               "The location is too long (at most {n} characters).", kMaxText));
  auto capacity = parse_whole(trimmed(f.capacity), 0, 10000);
  if (!capacity)
    problem("capacity", N_("Enter a whole number from {min} to {max} ({min}: not set)."),
            Numbers{{"min", 0}, {"max", 10000}});
  else
    c.capacity = *capacity;
  auto semesters = parse_whole(trimmed(f.semesters), 1, 10);
  if (!semesters)
    problem("semesters", N_("Enter a whole number from {min} to {max}."),
            Numbers{{"min", 1}, {"max", 10}});
  else
    c.semesters = *semesters;
  return c;
}

}  // namespace

Result<NewCohortPage> new_cohort_page(web::Ctx& ctx, int64_t programme_id) {
  auto p = programme_for_cohorts(ctx, programme_id);
  if (!p) return p.error();
  NewCohortPage page;
  page.programme = std::move(*p);
  page.form.number = std::to_string(store::max_cohort_number(ctx.db, programme_id) + 1);
  return page;
}

std::vector<Error> cohort_problems(web::Ctx& ctx, int64_t programme_id, const CohortForm& f) {
  std::vector<Error> problems;
  validated(ctx.db, programme_id, f, problems);
  return problems;
}

Result<int64_t> create_cohort(web::Ctx& ctx, int64_t programme_id, const CohortForm& f) {
  auto p = programme_for_cohorts(ctx, programme_id);
  if (!p) return p.error();
  std::vector<Error> problems;
  auto c = validated(ctx.db, programme_id, f, problems);
  if (!problems.empty()) return problems.front();
  db::Transaction tx(ctx.db);
  // The number was free a moment ago; someone may have taken it since.
  auto id = store::insert_cohort_if_free(ctx.db, c);
  if (!id) return invalid("number", kNumberTaken);
  boost::json::object changes;
  auto set = [&](const char* k, std::string v) {
    changes[k] = boost::json::array{boost::json::string(), boost::json::string(v)};
  };
  set("programme", std::to_string(programme_id));
  set("number", std::to_string(c.number));
  set("name", c.name);
  set("starts_on", trimmed(f.starts_on));
  set("ends_on", trimmed(f.ends_on));
  set("status", c.status);
  set("regional_focus", c.regional_focus);
  set("capacity", std::to_string(c.capacity));
  set("location", c.location);
  set("semesters", std::to_string(c.semesters));
  auth::audit(ctx, "cohort.create", "cohort", std::to_string(*id), boost::json::serialize(changes));
  tx.commit();
  return *id;
}

}  // namespace crm::programme

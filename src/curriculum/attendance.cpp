#include "curriculum/attendance.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

#include "auth/service.hpp"
#include "core/i18n.hpp"
#include "curriculum/completion_store.hpp"
#include "curriculum/policy.hpp"
#include "db/database.hpp"
#include "programme/limits.hpp"
#include "programme/store.hpp"

namespace crm::curriculum {

namespace {

bool one_of_statuses(std::string_view s) {
  const auto& v = attendance_statuses();
  return std::find(v.begin(), v.end(), s) != v.end();
}

// "status-12" with prefix "status-" → 12; nullopt when the rest is not a
// positive whole number.
std::optional<int64_t> id_after(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
  auto rest = name.substr(prefix.size());
  int64_t id = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
  if (ec != std::errc() || end != rest.data() + rest.size() || id <= 0 || rest.size() > 18)
    return std::nullopt;
  return id;
}

std::optional<store::SessionAccess> session_for_attendance(web::Ctx& ctx, int64_t session_id) {
  auto s = store::find_session_access(ctx.db, session_id, ctx.actor.signed_in() ? ctx.actor.id : 0,
                                      std::string(ctx.tr.language()));
  if (!s || !policy::can_take_attendance(ctx.actor.role, s->in_programme, s->lecturer_of_session))
    return std::nullopt;
  return s;
}

std::optional<store::ModuleAccess> module_for_results(web::Ctx& ctx, int64_t module_id) {
  auto m = store::find_module_access(ctx.db, module_id, ctx.actor.signed_in() ? ctx.actor.id : 0,
                                     std::string(ctx.tr.language()));
  if (!m || !policy::can_plan(ctx.actor.role, m->in_programme)) return std::nullopt;
  return m;
}

std::string entry_text(const AttendanceEntry& e) {
  return e.note.empty() ? e.status : e.status + ": " + e.note;
}

const char* kNotTakingPart =
    N_("An entry was for someone who is not taking part in this cohort. Nothing was saved; "
       "reload the page and try again.");

}  // namespace

// ------------------------------------------------------------ attendance

Result<AttendancePage> attendance_page(web::Ctx& ctx, int64_t session_id) {
  auto s = session_for_attendance(ctx, session_id);
  if (!s) return not_found();
  AttendancePage page;
  page.session = std::move(*s);
  auto recorded = store::attendance_of_session(ctx.db, session_id);
  for (auto& p : store::participants_of_cohort(ctx.db, page.session.session.cohort_id)) {
    AttendanceRow row;
    auto it = recorded.find(p.person_id);
    if (it != recorded.end()) {
      row.entry = {it->second.status, it->second.note};
      row.recorded = true;
      ++page.recorded;
    }
    row.person = std::move(p);
    page.rows.push_back(std::move(row));
  }
  return page;
}

AttendanceForm attendance_form_of(const std::vector<std::pair<std::string, std::string>>& fields) {
  AttendanceForm f;
  for (const auto& [name, value] : fields) {
    if (name == "rest") {
      f.rest_present = value == "present";
    } else if (name.rfind("status-", 0) == 0) {
      if (auto id = id_after(name, "status-"))
        f.entries[*id].status = value;
      else
        f.forged = true;
    } else if (name.rfind("note-", 0) == 0) {
      if (auto id = id_after(name, "note-"))
        f.entries[*id].note = value;
      else
        f.forged = true;
    }
  }
  return f;
}

Result<std::vector<Error>> save_attendance(web::Ctx& ctx, int64_t session_id,
                                           const AttendanceForm& form) {
  auto s = session_for_attendance(ctx, session_id);
  if (!s) return not_found();
  std::vector<Error> problems;
  if (s->session.cancelled()) {
    problems.push_back(invalid("", N_("This session was cancelled: it has no attendance.")));
    return problems;
  }
  auto people = store::participants_of_cohort(ctx.db, s->session.cohort_id);
  bool forged = form.forged;
  for (const auto& [id, e] : form.entries)
    if (std::none_of(people.begin(), people.end(),
                     [id = id](const auto& p) { return p.person_id == id; }))
      forged = true;
  if (forged) problems.push_back(invalid("", kNotTakingPart));
  std::map<int64_t, AttendanceEntry> wanted;
  for (const auto& p : people) {
    auto it = form.entries.find(p.person_id);
    AttendanceEntry e = it == form.entries.end() ? AttendanceEntry{} : it->second;
    const std::string id = std::to_string(p.person_id);
    if (e.status.empty() && form.rest_present) e.status = "present";
    if (!one_of_statuses(e.status))  // no choice, or a value that is none of them
      problems.push_back(invalid("status-" + id, N_("Choose present, excused or absent.")));
    if (programme::characters(e.note) > kMaxAttendanceNote)
      problems.push_back(
          invalid("note-" + id, plural("At most {n} character.", "At most {n} characters.",
                                       static_cast<long long>(kMaxAttendanceNote))));
    else if (programme::has_control(e.note, false))
      problems.push_back(invalid("note-" + id, N_("The note cannot hold control characters.")));
    wanted.emplace(p.person_id, std::move(e));
  }
  if (!problems.empty()) return problems;
  // The old values are read inside the transaction, so the audit entry names
  // what each change replaced even when two people save at once.
  db::Transaction tx(ctx.db);
  auto recorded = store::attendance_of_session(ctx.db, session_id);
  boost::json::object audit;
  for (const auto& [person, e] : wanted) {
    auto old = recorded.find(person);
    AttendanceEntry before = old == recorded.end()
                                 ? AttendanceEntry{}
                                 : AttendanceEntry{old->second.status, old->second.note};
    if (before.status == e.status && before.note == e.note) continue;
    store::upsert_attendance(ctx.db, {session_id, person, e.status, e.note}, ctx.actor.id, ctx.now);
    audit["person " + std::to_string(person)] = boost::json::array{
        boost::json::string(entry_text(before)), boost::json::string(entry_text(e))};
  }
  if (audit.empty()) return problems;  // nothing changed: nothing written
  auth::audit(ctx, "attendance.record", "session", std::to_string(session_id),
              boost::json::serialize(audit));
  tx.commit();
  return problems;
}

// ------------------------------------------------------------ own attendance

Result<OwnAttendance> own_attendance(web::Ctx& ctx) {
  if (!ctx.actor.signed_in()) return not_found();
  OwnAttendance out;
  auto person = store::person_of_account(ctx.db, ctx.actor.id);
  if (!person) return out;
  out.linked = true;
  if (!policy::can_see_own_attendance(ctx.actor.role)) return out;
  const std::string language(ctx.tr.language());
  auto sessions = store::sessions_of_participant(ctx.db, *person, ctx.now, language);
  for (auto& c : store::cohorts_of_participant(ctx.db, *person)) {
    OwnCohortAttendance a;
    for (const auto& s : sessions)
      if (s.cohort_id == c.id) a.sessions.push_back(s);
    a.rules = rules_of_cohort(ctx.db, c.id);
    // As completion_of(), with the rules read once.
    auto facts = store::completion_facts(ctx.db, c.id, *person);
    if (!facts.empty())
      a.completion = evaluate(a.rules, store::module_ids_of_cohort(ctx.db, c.id), facts.front());
    a.module_titles = store::module_titles(ctx.db, c.id, language);
    a.cohort = std::move(c);
    out.cohorts.push_back(std::move(a));
  }
  return out;
}

// ------------------------------------------------------------ module results

Result<ResultsPage> results_page(web::Ctx& ctx, int64_t module_id) {
  auto m = module_for_results(ctx, module_id);
  if (!m) return not_found();
  ResultsPage page;
  page.module = std::move(*m);
  auto results = store::results_of_module(ctx.db, module_id);
  for (auto& p : store::participants_of_cohort(ctx.db, page.module.cohort_id)) {
    auto it = results.find(p.person_id);
    page.rows.push_back({std::move(p), it == results.end() ? std::string() : it->second});
  }
  return page;
}

ParsedResults results_form_of(const std::vector<std::pair<std::string, std::string>>& fields) {
  ParsedResults f;
  for (const auto& [name, value] : fields) {
    if (name.rfind("result-", 0) != 0) continue;
    if (auto id = id_after(name, "result-"))
      f.results[*id] = value;
    else
      f.forged = true;
  }
  return f;
}

Result<std::vector<Error>> save_results(web::Ctx& ctx, int64_t module_id,
                                        const ParsedResults& form) {
  auto m = module_for_results(ctx, module_id);
  if (!m) return not_found();
  std::vector<Error> problems;
  auto people = store::participants_of_cohort(ctx.db, m->cohort_id);
  bool forged = form.forged;
  for (const auto& [id, value] : form.results)
    if (std::none_of(people.begin(), people.end(),
                     [id = id](const auto& p) { return p.person_id == id; }))
      forged = true;
  if (forged) problems.push_back(invalid("", kNotTakingPart));
  std::map<int64_t, std::string> wanted;  // "" for not yet
  for (const auto& p : people) {
    auto it = form.results.find(p.person_id);
    if (it == form.results.end()) continue;
    std::string value = it->second == "none" ? "" : it->second;
    if (!value.empty() && value != "passed" && value != "failed")
      problems.push_back(invalid("result-" + std::to_string(p.person_id),
                                 N_("Choose passed, failed or not yet.")));
    wanted.emplace(p.person_id, std::move(value));
  }
  if (!problems.empty()) return problems;
  db::Transaction tx(ctx.db);
  auto results = store::results_of_module(ctx.db, module_id);
  boost::json::object audit;
  for (const auto& [person, value] : wanted) {
    auto old = results.find(person);
    std::string before = old == results.end() ? "" : old->second;
    if (before == value) continue;
    if (value.empty())
      store::delete_result(ctx.db, module_id, person);
    else
      store::upsert_result(ctx.db, module_id, person, value, ctx.actor.id, ctx.now);
    audit["person " + std::to_string(person)] =
        boost::json::array{boost::json::string(before), boost::json::string(value)};
  }
  if (audit.empty()) return problems;
  auth::audit(ctx, "module.results", "module", std::to_string(module_id),
              boost::json::serialize(audit));
  tx.commit();
  return problems;
}

// ------------------------------------------------------------ completion list

Result<CompletionPage> completion_page(web::Ctx& ctx, int64_t cohort_id,
                                       const std::string& filter) {
  auto found = programme::store::find_cohort_access(ctx.db, cohort_id,
                                                    ctx.actor.signed_in() ? ctx.actor.id : 0);
  if (!found || !policy::can_see_completion(ctx.actor.role, found->in_programme))
    return not_found();
  CompletionPage page;
  page.cohort_id = cohort_id;
  page.programme_id = found->cohort.programme_id;
  page.cohort_name = found->cohort.name;
  page.rules = rules_of_cohort(ctx.db, cohort_id);
  page.form = {page.rules.attendance, page.rules.modules, page.rules.paper,
               std::to_string(page.rules.min_percent)};
  page.filter = filter == "complete" || filter == "incomplete" ? filter : "";
  page.module_titles = store::module_titles(ctx.db, cohort_id, std::string(ctx.tr.language()));
  const auto modules = store::module_ids_of_cohort(ctx.db, cohort_id);
  auto facts = store::completion_facts(ctx.db, cohort_id, 0);
  std::map<int64_t, Completion> by_person;
  for (const auto& f : facts) by_person.emplace(f.person_id, evaluate(page.rules, modules, f));
  for (auto& p : store::participants_of_cohort(ctx.db, cohort_id)) {
    auto it = by_person.find(p.person_id);
    if (it == by_person.end()) continue;
    ++page.total;
    if (it->second.complete) ++page.complete;
    if ((page.filter == "complete" && !it->second.complete) ||
        (page.filter == "incomplete" && it->second.complete))
      continue;
    page.rows.push_back({std::move(p), std::move(it->second)});
  }
  return page;
}

Status save_completion_rules(web::Ctx& ctx, int64_t cohort_id, const CompletionRulesForm& form) {
  auto found = programme::store::find_cohort_access(ctx.db, cohort_id,
                                                    ctx.actor.signed_in() ? ctx.actor.id : 0);
  if (!found || !policy::can_plan(ctx.actor.role, found->in_programme)) return not_found();
  auto percent = parse_whole_number(form.min_percent);  // ٨٠ is 80 too
  if (!percent || *percent > 100)
    return invalid("min_percent", N_("Enter a whole number from {min} to {max}."),
                   {{"min", 0}, {"max", 100}});
  CompletionRules rules{form.attendance, static_cast<long>(*percent), form.modules, form.paper};
  auto flag = [](bool b) { return std::string(b ? "on" : "off"); };
  db::Transaction tx(ctx.db);
  CompletionRules before = rules_of_cohort(ctx.db, cohort_id);
  store::save_completion_rules(ctx.db, cohort_id, rules, ctx.now);
  auth::audit(
      ctx, "completion.rules", "cohort", std::to_string(cohort_id),
      auth::changes_json(
          {{"attendance", {flag(before.attendance), flag(rules.attendance)}},
           {"min_percent", {std::to_string(before.min_percent), std::to_string(rules.min_percent)}},
           {"modules", {flag(before.modules), flag(rules.modules)}},
           {"paper", {flag(before.paper), flag(rules.paper)}}}));
  tx.commit();
  return ok();
}

}  // namespace crm::curriculum

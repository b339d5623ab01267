// Modules of a cohort and copying a plan from an earlier cohort.
#include <algorithm>
#include <set>

#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "curriculum/access.hpp"
#include "curriculum/policy.hpp"
#include "curriculum/service.hpp"
#include "curriculum/store.hpp"
#include "programme/store.hpp"

namespace crm::curriculum {

namespace {

constexpr size_t kMaxTitle = 200, kMaxText = 5000;

ModuleForm form_of(const Module& m) {
  ModuleForm f;
  f.semester = std::to_string(m.semester);
  f.ects = ects_field(m.ects_tenths);
  f.position = std::to_string(m.position);
  for (const auto& t : m.texts) f.texts[t.language] = t;
  f.lecturers = m.lecturer_ids;
  return f;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// The module `form` describes, or why not.
Result<Module> check(web::Ctx& ctx, const programme::Cohort& cohort, const ModuleForm& form) {
  Module m;
  m.cohort_id = cohort.id;
  for (const auto& lang : languages()) {
    auto it = form.texts.find(lang.code);
    if (it == form.texts.end()) continue;
    ModuleText t{std::string(lang.code), trim(it->second.title), trim(it->second.description),
                 trim(it->second.outcomes)};
    if (t.title.size() > kMaxTitle)
      return invalid("title_" + t.language,
                     plural("At most {n} character.", "At most {n} characters.", kMaxTitle));
    for (const auto* x : {&t.description, &t.outcomes})
      if (x->size() > kMaxText)
        return invalid((x == &t.description ? "description_" : "outcomes_") + t.language,
                       plural("At most {n} character.", "At most {n} characters.", kMaxText));
    if (t.title.empty()) {
      if (!t.description.empty() || !t.outcomes.empty())
        return invalid("title_" + t.language, N_("Give this language's text a title too."));
      continue;
    }
    m.texts.push_back(std::move(t));
  }
  if (m.texts.empty()) return invalid("title_en", N_("Enter a title in at least one language."));
  auto semester = parse_whole_number(trim(form.semester));
  if (!semester || *semester < 1 || *semester > cohort.semesters)
    return invalid("semester", N_("Enter a semester from {min} to {max}."),
                   {{"min", 1}, {"max", cohort.semesters}});
  m.semester = static_cast<long>(*semester);
  auto ects = parse_ects(form.ects);
  if (!ects) return invalid("ects", N_("Enter the ECTS credits as a number such as 5 or 2.5."));
  m.ects_tenths = *ects;
  if (!trim(form.position).empty()) {
    auto pos = parse_whole_number(trim(form.position));
    if (!pos || *pos > 1000)
      return invalid("position", N_("Enter a whole number from {min} to {max}, or leave it empty."),
                     {{"min", 0}, {"max", 1000}});
    m.position = static_cast<long>(*pos);
  } else {
    m.position = -1;  // at the end of its semester
  }
  if (!detail::lecturers_of_cohort(ctx, cohort.id, form.lecturers))
    return invalid("lecturer", N_("Choose lecturers of this cohort."));
  m.lecturer_ids = form.lecturers;
  std::sort(m.lecturer_ids.begin(), m.lecturer_ids.end());
  m.lecturer_ids.erase(std::unique(m.lecturer_ids.begin(), m.lecturer_ids.end()),
                       m.lecturer_ids.end());
  return m;
}

std::string summary(const Module& m) {
  std::string s = "semester=" + std::to_string(m.semester) +
                  " ects_tenths=" + std::to_string(m.ects_tenths) +
                  " position=" + std::to_string(m.position);
  for (const auto& t : m.texts) s += " title." + t.language + "=" + t.title;
  return s;
}

}  // namespace

Result<ModuleFormPage> new_module_page(web::Ctx& ctx, int64_t cohort_id) {
  auto a = detail::cohort_access(ctx, cohort_id);
  if (!a || !a->plan) return not_found();
  ModuleFormPage p;
  p.cohort = std::move(a->cohort);
  p.lecturers = store::cohort_lecturers(ctx.db, cohort_id);
  return p;
}

Result<ModuleFormPage> edit_module_page(web::Ctx& ctx, int64_t module_id) {
  auto m = store::find_module(ctx.db, module_id);
  if (!m) return not_found();
  auto p = new_module_page(ctx, m->cohort_id);
  if (!p) return p;
  p->module_id = m->id;
  p->form = form_of(*m);
  return p;
}

Result<int64_t> create_module(web::Ctx& ctx, int64_t cohort_id, const ModuleForm& form) {
  auto a = detail::cohort_access(ctx, cohort_id);
  if (!a || !a->plan) return not_found();
  auto m = check(ctx, a->cohort, form);
  if (!m) return m.error();
  db::Transaction tx(ctx.db);
  if (m->position < 0) m->position = store::next_position(ctx.db, cohort_id, m->semester);
  m->id = store::insert_module(ctx.db, *m, ctx.now);
  store::replace_module_texts(ctx.db, *m);
  store::replace_module_lecturers(ctx.db, m->id, m->lecturer_ids);
  auth::audit(ctx, "module.create", "module", std::to_string(m->id), summary(*m));
  tx.commit();
  return m->id;
}

Status update_module(web::Ctx& ctx, int64_t module_id, const ModuleForm& form) {
  auto old = store::find_module(ctx.db, module_id);
  if (!old) return not_found();
  auto a = detail::cohort_access(ctx, old->cohort_id);
  if (!a || !a->plan) return not_found();
  auto m = check(ctx, a->cohort, form);
  if (!m) return m.error();
  m->id = module_id;
  db::Transaction tx(ctx.db);
  if (m->position < 0)
    m->position = m->semester == old->semester
                      ? old->position
                      : store::next_position(ctx.db, old->cohort_id, m->semester);
  store::update_module(ctx.db, *m, ctx.now);
  store::replace_module_texts(ctx.db, *m);
  store::replace_module_lecturers(ctx.db, m->id, m->lecturer_ids);
  auth::audit(ctx, "module.update", "module", std::to_string(m->id),
              auth::changes_json({{"module", {summary(*old), summary(*m)}}}));
  tx.commit();
  return ok();
}

Result<int64_t> delete_module(web::Ctx& ctx, int64_t module_id) {
  auto old = store::find_module(ctx.db, module_id);
  if (!old) return not_found();
  auto a = detail::cohort_access(ctx, old->cohort_id);
  if (!a || !a->plan) return not_found();
  db::Transaction tx(ctx.db);
  if (store::module_records(ctx.db, module_id) > 0)
    return invalid("", N_("This module has results or attendance and cannot be deleted."));
  store::delete_module(ctx.db, module_id);
  auth::audit(ctx, "module.delete", "module", std::to_string(module_id), summary(*old));
  tx.commit();
  return old->cohort_id;
}

Result<ModulePage> module_page(web::Ctx& ctx, int64_t module_id) {
  auto m = store::find_module(ctx.db, module_id);
  if (!m) return not_found();
  auto a = detail::cohort_access(ctx, m->cohort_id);
  if (!a) return not_found();
  ModulePage p;
  p.cohort = std::move(a->cohort);
  p.can_plan = a->plan;
  for (auto& s : store::list_sessions(ctx.db, m->cohort_id))
    if (s.module_id == module_id) p.sessions.push_back(std::move(s));
  p.module = std::move(*m);
  p.lecturer_names = detail::lecturer_names(ctx, p.cohort.id);
  return p;
}

Result<CopyPage> copy_page(web::Ctx& ctx, int64_t cohort_id) {
  auto a = detail::cohort_access(ctx, cohort_id);
  if (!a || !a->plan) return not_found();
  CopyPage p;
  p.cohort = std::move(a->cohort);
  for (auto& c : programme::store::list_cohorts(ctx.db, p.cohort.programme_id))
    if (c.id != cohort_id && c.starts_on <= p.cohort.starts_on) p.sources.push_back(std::move(c));
  p.existing_modules = store::count_modules(ctx.db, cohort_id);
  return p;
}

Result<Copied> copy_plan(web::Ctx& ctx, int64_t cohort_id, const CopyForm& form) {
  auto page = copy_page(ctx, cohort_id);
  if (!page) return page.error();
  auto id = parse_whole_number(form.source);
  const programme::Cohort* source = nullptr;
  for (const auto& c : page->sources)
    if (id && c.id == static_cast<int64_t>(*id)) source = &c;
  if (!source) return invalid("source", N_("Choose an earlier cohort of this programme."));
  if (page->existing_modules > 0 && !form.confirm)
    return invalid("confirm", N_("This cohort already has modules. Confirm that the copied "
                                 "modules are to be added to them."));
  const long days = static_cast<long>((page->cohort.starts_on - source->starts_on) / 86400);
  // Lecturers move with their modules only where they teach the new cohort too.
  auto lecturers = detail::lecturer_names(ctx, cohort_id);
  auto keep = [&](const std::vector<int64_t>& ids) {
    std::vector<int64_t> out;
    for (auto i : ids)
      if (lecturers.count(i)) out.push_back(i);
    return out;
  };
  Copied done;
  db::Transaction tx(ctx.db);
  std::map<int64_t, int64_t> new_ids;
  for (auto m : store::list_modules(ctx.db, source->id)) {
    const int64_t old_id = m.id;
    m.cohort_id = cohort_id;
    m.semester = std::min(m.semester, page->cohort.semesters);
    m.id = store::insert_module(ctx.db, m, ctx.now);
    store::replace_module_texts(ctx.db, m);
    store::replace_module_lecturers(ctx.db, m.id, keep(m.lecturer_ids));
    new_ids[old_id] = m.id;
    ++done.modules;
  }
  if (form.sessions)
    for (auto s : store::list_sessions(ctx.db, source->id)) {
      if (s.cancelled()) continue;
      s.cohort_id = cohort_id;
      s.module_id = s.module_id ? new_ids[s.module_id] : 0;
      const int64_t length = s.ends_at - s.starts_at;
      s.starts_at = shift_days(s.starts_at, s.time_zone, days);
      s.ends_at = s.starts_at + length;
      s.uid = auth::random_token() + "@crm";
      s.sequence = 0;
      int64_t sid = store::insert_session(ctx.db, s, ctx.now);
      store::replace_session_lecturers(ctx.db, sid, keep(s.lecturer_ids));
      ++done.sessions;
    }
  auth::audit(ctx, "curriculum.copy", "cohort", std::to_string(cohort_id),
              "from=" + std::to_string(source->id) + " modules=" + std::to_string(done.modules) +
                  " sessions=" + std::to_string(done.sessions));
  tx.commit();
  return done;
}

}  // namespace crm::curriculum

// The papers service: lists, a cohort's settings, starting papers, the paper
// page and its texts and tags. Versions are in submit.cpp, comments and
// assessments in review.cpp.
#include "papers/service.hpp"

#include <algorithm>
#include <set>

#include "auth/service.hpp"
#include "curriculum/service.hpp"
#include "knowledge/vocabulary.hpp"
#include "papers/access.hpp"
#include "papers/policy.hpp"
#include "programme/countries.hpp"
#include "search/change_log.hpp"

namespace crm::papers {

using detail::length;
using detail::trim;

namespace {

constexpr size_t kMaxTitle = 300, kMaxAbstract = 5000, kMaxTopic = 80, kMaxTopics = 20,
                 kMaxCriterionTitle = 200, kMaxCriterionText = 2000;

bool is_text_language(std::string_view code) {
  for (auto l : kTextLanguages)
    if (code == l) return true;
  return false;
}

}  // namespace

MilestoneState milestone_state(const std::vector<Milestone>& milestones, const bool answered[3],
                               const std::string& status, int64_t now) {
  MilestoneState s;
  const bool decided = status == "accepted" || status == "rejected";
  if (decided) return s;
  // A later milestone answered counts for the earlier ones too.
  int latest = -1;
  for (int k = 0; k < 3; ++k)
    if (answered[k]) latest = k;
  for (const auto& m : milestones) {
    int k = 0;
    while (k < 3 && m.kind != kMilestones[k]) ++k;
    if (k <= latest) continue;
    if (!s.next) s.next = m;
    if (m.due_at < now) s.overdue.push_back(m.kind);
  }
  return s;
}

// ------------------------------------------------------------ lists

Result<MyPapersPage> my_papers(web::Ctx& ctx) {
  if (!ctx.actor.signed_in()) return not_found();
  MyPapersPage p;
  const int64_t person = store::person_of_account(ctx.db, ctx.actor.id);
  if (!person) return p;
  const std::string lang(ctx.tr.language());
  p.own = store::list_rows(ctx.db, store::ListScope::author, person, person, lang);
  p.supervised = store::list_rows(ctx.db, store::ListScope::supervisor, person, person, lang);
  if (ctx.actor.role == auth::Role::participant)
    p.can_start = store::cohorts_to_start(ctx.db, person);
  std::set<int64_t> cohorts;
  for (const auto* list : {&p.own, &p.supervised})
    for (const auto& r : *list) cohorts.insert(r.cohort_id);
  p.milestones = store::milestones_of_cohorts(ctx.db, {cohorts.begin(), cohorts.end()});
  return p;
}

Result<CohortPapersPage> cohort_papers(web::Ctx& ctx, int64_t cohort_id) {
  auto a = detail::cohort_access(ctx, cohort_id);
  if (!a || !policy::can_list_cohort_papers(ctx.actor.role, a->in_programme)) return not_found();
  CohortPapersPage p;
  p.can_manage = policy::can_manage_cohort_papers(ctx.actor.role, a->in_programme);
  const std::string lang(ctx.tr.language());
  if (p.can_manage) {
    p.papers = store::list_rows(ctx.db, store::ListScope::cohort, cohort_id, 0, lang);
  } else {
    const int64_t person = store::person_of_account(ctx.db, ctx.actor.id);
    if (person)
      p.papers =
          store::list_rows(ctx.db, store::ListScope::cohort_supervised, cohort_id, person, lang);
  }
  p.milestones = store::list_milestones(ctx.db, cohort_id);
  p.cohort = std::move(a->cohort);
  return p;
}

// ------------------------------------------------------------ settings

namespace {

std::optional<detail::CohortAccess> managed_cohort(web::Ctx& ctx, int64_t cohort_id) {
  auto a = detail::cohort_access(ctx, cohort_id);
  if (!a || !policy::can_manage_cohort_papers(ctx.actor.role, a->in_programme)) return std::nullopt;
  return a;
}

std::string zone_of(const web::Ctx& ctx) {
  return ctx.tr.time_zone().empty() ? std::string("UTC") : ctx.tr.time_zone();
}

Result<Criterion> criterion_of(const CriterionForm& form, long default_position) {
  Criterion c;
  c.title = trim(form.title);
  c.description = trim(form.description);
  if (c.title.empty()) return invalid("title", N_("Enter a title."));
  if (length(c.title) > kMaxCriterionTitle)
    return invalid("title",
                   plural("At most {n} character.", "At most {n} characters.", kMaxCriterionTitle));
  if (length(c.description) > kMaxCriterionText)
    return invalid("description",
                   plural("At most {n} character.", "At most {n} characters.", kMaxCriterionText));
  auto max = parse_whole_number(trim(form.scale_max));
  if (!max || *max < 1 || *max > 100)
    return invalid("scale_max", N_("Enter a whole number from {min} to {max}."),
                   {{"min", 1}, {"max", 100}});
  c.scale_max = static_cast<long>(*max);
  if (trim(form.position).empty()) {
    c.position = default_position;
  } else {
    auto pos = parse_whole_number(trim(form.position));
    if (!pos || *pos < 0 || *pos > 1000)
      return invalid("position", N_("Enter a whole number from {min} to {max}."),
                     {{"min", 0}, {"max", 1000}});
    c.position = static_cast<long>(*pos);
  }
  return c;
}

std::string criterion_summary(const Criterion& c) {
  return "title=" + c.title + " scale_max=" + std::to_string(c.scale_max) +
         " position=" + std::to_string(c.position);
}

}  // namespace

Result<SettingsPage> settings_page(web::Ctx& ctx, int64_t cohort_id) {
  auto a = managed_cohort(ctx, cohort_id);
  if (!a) return not_found();
  SettingsPage p;
  p.cohort = std::move(a->cohort);
  p.milestones = store::list_milestones(ctx.db, cohort_id);
  p.criteria = store::list_criteria(ctx.db, cohort_id);
  const auto zone = zone_of(ctx);
  for (const auto& m : p.milestones)
    for (int k = 0; k < 3; ++k)
      if (m.kind == kMilestones[k]) p.dates[k] = curriculum::local_parts(m.due_at, zone).date;
  return p;
}

Status save_milestones(web::Ctx& ctx, int64_t cohort_id, const std::string dates[3]) {
  auto a = managed_cohort(ctx, cohort_id);
  if (!a) return not_found();
  const auto zone = zone_of(ctx);
  int64_t due[3] = {0, 0, 0};
  for (int k = 0; k < 3; ++k) {
    const auto d = trim(dates[k]);
    if (d.empty()) continue;
    auto at = curriculum::local_instant(d, "23:59", zone, std::string("due_") + kMilestones[k]);
    if (!at)
      return invalid(std::string("due_") + kMilestones[k], N_("Enter a date as YYYY-MM-DD."));
    due[k] = at->at;
  }
  db::Transaction tx(ctx.db);
  std::string changes;
  for (int k = 0; k < 3; ++k) {
    if (due[k])
      store::save_milestone(ctx.db, cohort_id, kMilestones[k], due[k]);
    else
      store::delete_milestone(ctx.db, cohort_id, kMilestones[k]);
    changes += std::string(changes.empty() ? "" : " ") + kMilestones[k] + "=" +
               (due[k] ? std::to_string(due[k]) : "none");
  }
  auth::audit(ctx, "paper.milestones", "cohort", std::to_string(cohort_id), changes);
  tx.commit();
  return ok();
}

Result<int64_t> add_criterion(web::Ctx& ctx, int64_t cohort_id, const CriterionForm& form) {
  auto a = managed_cohort(ctx, cohort_id);
  if (!a) return not_found();
  const auto existing = store::list_criteria(ctx.db, cohort_id);
  auto c = criterion_of(form, existing.empty() ? 1 : existing.back().position + 1);
  if (!c) return c.error();
  c->cohort_id = cohort_id;
  db::Transaction tx(ctx.db);
  const int64_t id = store::insert_criterion(ctx.db, *c, ctx.now);
  auth::audit(ctx, "paper.criterion.add", "rubric_criterion", std::to_string(id),
              "cohort=" + std::to_string(cohort_id) + " " + criterion_summary(*c));
  tx.commit();
  return id;
}

Result<int64_t> update_criterion(web::Ctx& ctx, int64_t criterion_id, const CriterionForm& form) {
  auto old = store::find_criterion(ctx.db, criterion_id);
  if (!old) return not_found();
  auto a = managed_cohort(ctx, old->cohort_id);
  if (!a) return not_found();
  auto c = criterion_of(form, old->position);
  if (!c) return c.error();
  c->id = criterion_id;
  c->cohort_id = old->cohort_id;
  db::Transaction tx(ctx.db);
  store::update_criterion(ctx.db, *c);
  auth::audit(ctx, "paper.criterion.change", "rubric_criterion", std::to_string(criterion_id),
              "before: " + criterion_summary(*old) + " after: " + criterion_summary(*c));
  tx.commit();
  return old->cohort_id;
}

Result<int64_t> delete_criterion(web::Ctx& ctx, int64_t criterion_id) {
  auto old = store::find_criterion(ctx.db, criterion_id);
  if (!old) return not_found();
  auto a = managed_cohort(ctx, old->cohort_id);
  if (!a) return not_found();
  db::Transaction tx(ctx.db);
  if (!store::delete_unused_criterion(ctx.db, criterion_id))
    return invalid("", N_("This criterion has been used in an assessment and cannot be deleted. "
                          "Change its description instead."));
  auth::audit(ctx, "paper.criterion.delete", "rubric_criterion", std::to_string(criterion_id),
              criterion_summary(*old));
  tx.commit();
  return old->cohort_id;
}

// ------------------------------------------------------------ starting papers

Result<NewPaperPage> new_paper_page(web::Ctx& ctx, int64_t cohort_id) {
  auto a = managed_cohort(ctx, cohort_id);
  if (!a) return not_found();
  NewPaperPage p;
  p.participants = store::cohort_participants(ctx.db, cohort_id);
  p.supervisors = store::supervisor_candidates(ctx.db, cohort_id, a->cohort.programme_id);
  p.cohort = std::move(a->cohort);
  return p;
}

namespace {

// The supervisor as typed: 0 for none; nullopt when not a candidate.
std::optional<int64_t> chosen_supervisor(web::Ctx& ctx, const std::string& typed, int64_t cohort_id,
                                         int64_t programme_id) {
  if (trim(typed).empty()) return 0;
  auto id = parse_whole_number(trim(typed));
  if (!id) return std::nullopt;
  for (const auto& s : store::supervisor_candidates(ctx.db, cohort_id, programme_id))
    if (s.person_id == *id) return s.person_id;
  return std::nullopt;
}

}  // namespace

Result<long> start_papers(web::Ctx& ctx, int64_t cohort_id, const std::string& participant,
                          const std::string& supervisor) {
  auto a = managed_cohort(ctx, cohort_id);
  if (!a) return not_found();
  auto sup = chosen_supervisor(ctx, supervisor, cohort_id, a->cohort.programme_id);
  if (!sup)
    return invalid("supervisor", N_("Choose a lecturer of the cohort or a member of the "
                                    "programme team."));
  const auto participants = store::cohort_participants(ctx.db, cohort_id);
  std::vector<int64_t> who;
  if (trim(participant) == "all") {
    for (const auto& p : participants)
      if (!p.has_paper) who.push_back(p.id);
    if (who.empty()) return invalid("participant", N_("Everyone taking part has a paper already."));
  } else {
    auto id = parse_whole_number(trim(participant));
    auto it = std::find_if(participants.begin(), participants.end(),
                           [&](const store::Participant& p) { return id && p.id == *id; });
    if (it == participants.end())
      return invalid("participant", N_("Choose a participant of the cohort."));
    if (it->has_paper)
      return invalid("participant", N_("This participant has a paper in this cohort already; "
                                       "there is one paper per participant and cohort."));
    who.push_back(it->id);
  }
  db::Transaction tx(ctx.db);
  long started = 0;
  for (int64_t person : who) {
    auto id = store::insert_paper(ctx.db, cohort_id, person, *sup, ctx.now);
    if (!id) continue;  // started meanwhile by someone else
    ++started;
    auth::audit(ctx, "paper.start", "paper", std::to_string(*id),
                "cohort=" + std::to_string(cohort_id) + " person=" + std::to_string(person) +
                    " supervisor=" + std::to_string(*sup));
    search::record_change(ctx.db, search::WorkKind::paper, *id, ctx.now);
  }
  if (started == 0)
    return invalid("participant", N_("This participant has a paper in this cohort already; "
                                     "there is one paper per participant and cohort."));
  tx.commit();
  return started;
}

Result<int64_t> start_own_paper(web::Ctx& ctx, int64_t cohort_id) {
  if (!ctx.actor.signed_in() || ctx.actor.role != auth::Role::participant) return not_found();
  const int64_t person = store::person_of_account(ctx.db, ctx.actor.id);
  if (!person) return not_found();
  // Only a cohort the person takes part in that keeps papers; one they have
  // a paper in already is the "one paper" message, not a 404.
  const auto open = store::cohorts_to_start(ctx.db, person);
  const bool can = std::any_of(open.begin(), open.end(),
                               [&](const store::PersonName& c) { return c.id == cohort_id; });
  if (!can) {
    for (const auto& r : store::list_rows(ctx.db, store::ListScope::author, person, person, "en"))
      if (r.cohort_id == cohort_id)
        return invalid("cohort", N_("You have a paper in this cohort already; there is one paper "
                                    "per participant and cohort."));
    return not_found();
  }
  db::Transaction tx(ctx.db);
  auto id = store::insert_paper(ctx.db, cohort_id, person, 0, ctx.now);
  if (!id)
    return invalid("cohort", N_("You have a paper in this cohort already; there is one paper "
                                "per participant and cohort."));
  auth::audit(
      ctx, "paper.start", "paper", std::to_string(*id),
      "cohort=" + std::to_string(cohort_id) + " person=" + std::to_string(person) + " by=author");
  search::record_change(ctx.db, search::WorkKind::paper, *id, ctx.now);
  tx.commit();
  return *id;
}

Status change_supervisor(web::Ctx& ctx, int64_t paper_id, const std::string& supervisor) {
  auto a = detail::paper_access(ctx, paper_id);
  if (!a || !policy::can_manage_cohort_papers(ctx.actor.role, a->in_programme)) return not_found();
  auto sup = chosen_supervisor(ctx, supervisor, a->paper.cohort_id, a->paper.programme_id);
  if (!sup)
    return invalid("supervisor",
                   N_("Choose a lecturer of the cohort or a member of the programme team."));
  db::Transaction tx(ctx.db);
  store::set_supervisor(ctx.db, paper_id, *sup, ctx.now);
  auth::audit(
      ctx, "paper.supervisor", "paper", std::to_string(paper_id),
      "before=" + std::to_string(a->paper.supervisor_id) + " after=" + std::to_string(*sup));
  search::record_change(ctx.db, search::WorkKind::paper, paper_id, ctx.now);
  tx.commit();
  return ok();
}

// ------------------------------------------------------------ the paper

Result<PaperPage> paper_page(web::Ctx& ctx, int64_t paper_id) {
  auto a = detail::paper_access(ctx, paper_id);
  if (!a) return not_found();
  PaperPage p;
  const auto role = ctx.actor.role;
  const bool decided = a->paper.status == "accepted" || a->paper.status == "rejected";
  p.is_author = a->is_author;
  p.can_manage = policy::can_manage_cohort_papers(role, a->in_programme);
  p.can_edit =
      policy::can_edit_paper(role, a->in_programme, a->is_author) && (p.can_manage || !decided);
  p.can_upload = policy::can_edit_paper(role, a->in_programme, a->is_author) && !decided;
  p.can_comment = policy::can_comment(role, a->in_programme, a->is_author, a->is_supervisor);
  p.can_publish = policy::can_publish_paper(a->is_author, a->paper.status == "accepted");
  p.milestones = store::list_milestones(ctx.db, a->paper.cohort_id);
  p.versions = store::list_versions(ctx.db, paper_id);
  p.can_assess = policy::can_assess(role, a->in_programme, a->is_author, a->is_supervisor) &&
                 !p.versions.empty();
  p.comments = store::list_comments(ctx.db, paper_id);
  p.assessments = store::list_assessments(ctx.db, paper_id);
  bool answered[3] = {false, false, false};
  for (const auto& v : p.versions)
    for (int k = 0; k < 3; ++k)
      if (v.milestone == kMilestones[k]) answered[k] = true;
  p.state = milestone_state(p.milestones, answered, a->paper.status, ctx.now);
  if (p.can_manage)
    p.supervisors = store::supervisor_candidates(ctx.db, a->paper.cohort_id, a->paper.programme_id);
  p.paper = std::move(a->paper);
  return p;
}

Result<EditPage> edit_page(web::Ctx& ctx, int64_t paper_id) {
  auto page = paper_page(ctx, paper_id);
  if (!page || !page->can_edit) return not_found();
  EditPage e;
  for (const auto& t : page->paper.texts) e.form.texts.push_back({t.language, t.title, t.abstract});
  std::string topics;
  for (const auto& t : page->paper.tags) {
    if (t.kind == "topic") topics += (topics.empty() ? "" : ", ") + t.value;
    if (t.kind == "country") e.form.countries.push_back(t.value);
    if (t.kind == "target_group") e.form.target_groups.push_back(t.value);
    if (t.kind == "dimension") e.form.dimensions.push_back(t.value);
    if (t.kind == "gcm") e.form.gcm.push_back(t.value);
  }
  e.form.topics = topics;
  e.paper = std::move(page->paper);
  return e;
}

namespace {

Result<std::vector<Tag>> tags_of(const PaperForm& form) {
  std::vector<Tag> tags;
  std::set<std::string> seen;
  size_t start = 0;
  const std::string& s = form.topics;
  while (start <= s.size()) {
    auto end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    auto topic = trim(std::string_view(s).substr(start, end - start));
    start = end + 1;
    if (topic.empty()) continue;
    if (length(topic) > kMaxTopic)
      return invalid("topics", plural("A topic has at most {n} character.",
                                      "A topic has at most {n} characters.", kMaxTopic));
    if (seen.insert(topic).second) tags.push_back({"topic", topic});
  }
  if (seen.size() > kMaxTopics)
    return invalid("topics", plural("At most {n} topic.", "At most {n} topics.", kMaxTopics));
  for (const auto& c : form.countries) {
    if (!programme::is_country(c)) return invalid("country", N_("Choose countries from the list."));
    tags.push_back({"country", c});
  }
  struct Kind {
    const char* kind;
    const std::vector<std::string>* values;
    const char* field;
    const char* message;
  };
  const Kind kinds[] = {
      {"target_group", &form.target_groups, "target_group",
       N_("Choose target groups from the list.")},
      {"dimension", &form.dimensions, "dimension", N_("Choose dimensions from the list.")},
      {"gcm", &form.gcm, "gcm", N_("Choose objectives of the Global Compact from the list.")},
  };
  for (const auto& k : kinds)
    for (const auto& v : *k.values) {
      if (!knowledge::find_term(knowledge::terms_of_kind(k.kind), v))
        return invalid(k.field, k.message);
      tags.push_back({k.kind, v});
    }
  return tags;
}

std::string texts_summary(const std::vector<PaperText>& texts) {
  std::string out;
  for (const auto& t : texts) out += (out.empty() ? "" : " ") + t.language + ":" + t.title;
  return out;
}

}  // namespace

Status update_paper(web::Ctx& ctx, int64_t paper_id, const PaperForm& form) {
  auto a = detail::paper_access(ctx, paper_id);
  if (!a || !policy::can_edit_paper(ctx.actor.role, a->in_programme, a->is_author))
    return not_found();
  const bool staff = policy::can_manage_cohort_papers(ctx.actor.role, a->in_programme);
  if (!staff && (a->paper.status == "accepted" || a->paper.status == "rejected"))
    return invalid("", N_("The paper has been decided; it can no longer be changed."));
  std::vector<PaperText> texts;
  std::set<std::string> languages;
  for (size_t i = 0; i < form.texts.size(); ++i) {
    const auto& f = form.texts[i];
    PaperText t{trim(f.language), trim(f.title), trim(f.abstract)};
    const auto n = std::to_string(i);
    if (t.title.empty() && t.abstract.empty()) continue;
    if (!is_text_language(t.language))
      return invalid("language_" + n, N_("Choose the language the text is written in."));
    if (!languages.insert(t.language).second)
      return invalid("language_" + n, N_("Each language once: this language has a text above."));
    if (t.title.empty()) return invalid("title_" + n, N_("Enter a title."));
    if (length(t.title) > kMaxTitle)
      return invalid("title_" + n,
                     plural("At most {n} character.", "At most {n} characters.", kMaxTitle));
    if (length(t.abstract) > kMaxAbstract)
      return invalid("abstract_" + n,
                     plural("At most {n} character.", "At most {n} characters.", kMaxAbstract));
    texts.push_back(std::move(t));
  }
  if (texts.empty()) return invalid("title_0", N_("Enter a title in at least one language."));
  auto tags = tags_of(form);
  if (!tags) return tags.error();
  db::Transaction tx(ctx.db);
  store::replace_texts(ctx.db, paper_id, texts, ctx.now);
  store::replace_tags(ctx.db, paper_id, *tags);
  auth::audit(ctx, "paper.change", "paper", std::to_string(paper_id),
              "texts=" + texts_summary(texts) + " tags=" + std::to_string(tags->size()));
  search::record_change(ctx.db, search::WorkKind::paper, paper_id, ctx.now);
  tx.commit();
  return ok();
}

std::vector<store::PersonalPaper> personal_papers(db::Session& db, int64_t person_id) {
  return store::papers_of_person(db, person_id);
}

}  // namespace crm::papers

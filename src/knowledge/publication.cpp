#include "knowledge/publication.hpp"

#include <algorithm>

#include "auth/service.hpp"
#include "papers/policy.hpp"

namespace crm::knowledge {

namespace {

Error conflict(std::string key) {
  return Error{ErrorKind::conflict, {}, std::move(key)};
}

// The actor is the paper's author, or a lead of the project.
bool is_owner(const web::Ctx& ctx, const Work& w) {
  if (!ctx.actor.signed_in()) return false;
  for (const auto& p : w.people)
    if (p.role == "lead" && p.account_id != 0 && p.account_id == ctx.actor.id) return true;
  return false;
}

bool may_publish(const web::Ctx& ctx, const Work& w) {
  if (w.kind == search::WorkKind::paper)
    return papers::policy::can_publish_paper(is_owner(ctx, w), w.status == "accepted");
  return papers::policy::can_publish_project(is_owner(ctx, w));
}

std::string_view kind_name(search::WorkKind kind) {
  return search::to_string(kind);
}

}  // namespace

std::string work_path(search::WorkKind kind, int64_t id) {
  return (kind == search::WorkKind::paper ? "/papers/" : "/projects/") + std::to_string(id);
}

std::optional<Work> load_work(db::Session& db, search::WorkKind kind, int64_t id,
                              const std::string& language) {
  Work w;
  w.kind = kind;
  if (kind == search::WorkKind::paper) {
    auto p = store::find_paper(db, id);
    if (!p) return std::nullopt;
    w.id = p->id;
    w.programme_id = p->programme_id;
    w.status = p->status;
    w.people.push_back(p->author);
    w.cohorts.push_back(p->cohort_name);
    w.version_id = p->accepted_version;
    w.file_name = p->file_name;
    w.content_type = p->content_type;
    w.file_size = p->file_size;
    w.texts = store::paper_texts(db, id);
    w.tags = store::paper_tags(db, id);
  } else if (kind == search::WorkKind::project) {
    auto p = store::find_project(db, id);
    if (!p) return std::nullopt;
    w.id = p->id;
    w.programme_id = p->programme_id;
    w.texts.push_back({p->language, p->title, p->summary});
    w.problem = p->problem;
    w.people = store::project_team(db, id);
    w.cohorts = store::project_cohorts(db, id, p->programme_id);
    w.tags = store::project_tags(db, id);
  } else {
    return std::nullopt;
  }
  w.programme = store::programme_name(db, w.programme_id, language);
  return w;
}

Result<ConsentPage> consent_page(web::Ctx& ctx, search::WorkKind kind, int64_t id) {
  if (!ctx.actor.signed_in()) return not_found();
  db::ReadSnapshot snapshot(ctx.db);
  auto w = load_work(ctx.db, kind, id, std::string(ctx.tr.language()));
  // Only the author (or lead) may consent; to anyone else the page does not exist.
  if (!w || !is_owner(ctx, *w)) return not_found();
  ConsentPage p;
  p.publishable = may_publish(ctx, *w);
  // What becomes public names only who consents (the lead reading this).
  if (kind == search::WorkKind::project)
    std::erase_if(w->people, [&](const store::NameRow& n) { return n.account_id != ctx.actor.id; });
  p.publication = store::find_publication(ctx.db, std::string(kind_name(kind)), id);
  p.work = std::move(*w);
  return p;
}

Result<int64_t> give_consent(web::Ctx& ctx, search::WorkKind kind, int64_t id, bool consent) {
  auto page = consent_page(ctx, kind, id);
  if (!page) return page.error();
  const Work& w = page->work;
  if (!page->publishable)
    return invalid("", N_("A paper can be published once it has been accepted."));
  if (page->published()) return conflict(N_("This work is published already."));
  if (!consent)
    return invalid("consent", N_("Tick the box to agree to publishing. Nothing has been "
                                 "published."));
  if (kind == search::WorkKind::paper && w.version_id == 0)
    return invalid("", N_("The accepted version of this paper has no file to publish."));
  const std::string k(kind_name(kind));
  db::Transaction tx(ctx.db);
  // Read again inside the transaction: a second click must not add a row.
  auto existing = store::find_publication(ctx.db, k, id);
  if (existing && existing->withdrawn_at == 0)
    return conflict(N_("This work is published already."));
  int64_t number = 0;
  if (existing) {
    number = existing->id;
    store::revive_publication(ctx.db, number, w.version_id, ctx.actor.id, ctx.now);
  } else {
    number = store::insert_publication(ctx.db, k, id, w.version_id, ctx.actor.id, ctx.now);
  }
  auth::audit(ctx, "publication.consent", "publication", std::to_string(number),
              auth::changes_json({{"work", {"", k + ":" + std::to_string(id)}},
                                  {"version", {"", std::to_string(w.version_id)}},
                                  {"withdrawn", {existing ? "yes" : "", "no"}}}));
  search::record_change(ctx.db, kind, id, ctx.now);
  tx.commit();
  return number;
}

Status withdraw(web::Ctx& ctx, search::WorkKind kind, int64_t id) {
  auto page = consent_page(ctx, kind, id);
  if (!page) return page.error();
  if (!page->published()) return conflict(N_("This work is not published."));
  db::Transaction tx(ctx.db);
  if (!store::withdraw_publication(ctx.db, page->publication->id, ctx.now))
    return conflict(N_("This work is not published."));
  auth::audit(
      ctx, "publication.withdraw", "publication", std::to_string(page->publication->id),
      auth::changes_json({{"work", {"", std::string(kind_name(kind)) + ":" + std::to_string(id)}},
                          {"withdrawn", {"no", "yes"}}}));
  search::record_change(ctx.db, kind, id, ctx.now);
  tx.commit();
  return ok();
}

std::vector<store::PublicationRow> own_publications(db::Session& db, int64_t person_id) {
  return store::publications_of_person(db, person_id);
}

void move_person_works(db::Session& db, int64_t from, int64_t to, int64_t now) {
  // Recorded before and after: a work may leave the duplicate or stay with it.
  auto before = store::works_naming(db, from);
  store::move_papers(db, from, to);
  store::move_supervision(db, from, to);
  store::move_memberships(db, from, to);
  auto after = store::works_naming(db, to);
  before.insert(before.end(), after.begin(), after.end());
  std::sort(before.begin(), before.end());
  before.erase(std::unique(before.begin(), before.end()), before.end());
  for (const auto& [kind, id] : before) {
    search::WorkKind k;
    if (search::parse_work_kind(kind, k)) search::record_change(db, k, id, now);
  }
}

}  // namespace crm::knowledge

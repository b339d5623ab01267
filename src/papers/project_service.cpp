#include "papers/project_service.hpp"

#include <algorithm>

#include "auth/service.hpp"
#include "papers/policy.hpp"
#include "papers/project_store.hpp"
#include "programme/programmes.hpp"
#include "search/change_log.hpp"

namespace crm::papers {

namespace store = project_store;

const std::vector<ProjectStatus>& project_statuses() {
  static const std::vector<ProjectStatus> kStatuses = {{"idea", N_("Idea")},
                                                       {"preparation", N_("In preparation")},
                                                       {"running", N_("Running")},
                                                       {"completed", N_("Completed")}};
  return kStatuses;
}

bool is_project_status(std::string_view code) {
  const auto& s = project_statuses();
  return std::any_of(s.begin(), s.end(), [&](const ProjectStatus& x) { return x.code == code; });
}

namespace {

std::string lang(const web::Ctx& ctx) {
  return std::string(ctx.tr.language());
}

// The project with what the actor is to it; nullopt when they may not see it.
struct Access {
  Project project;
  bool in_programme = false;
  int64_t my_person = 0;
  std::vector<ProjectMember> members;
  bool is_member = false, is_lead = false;
  long leads = 0;
};

std::optional<Access> access(web::Ctx& ctx, int64_t id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto p = store::find_project(ctx.db, id);
  if (!p) return std::nullopt;
  Access a;
  a.project = std::move(*p);
  a.in_programme =
      programme::store::membership(ctx.db, a.project.programme_id, ctx.actor.id).in_programme;
  if (!policy::can_see_projects(ctx.actor.role, a.in_programme)) return std::nullopt;
  a.my_person = store::person_of_account(ctx.db, ctx.actor.id);
  a.members = store::list_members(ctx.db, id, a.project.programme_id);
  for (const auto& m : a.members) {
    if (m.role == "lead") ++a.leads;
    if (a.my_person && m.person_id == a.my_person) {
      a.is_member = true;
      a.is_lead = m.role == "lead";
    }
  }
  return a;
}

// The programmes where the actor may start a project.
std::vector<programme::store::ProgrammeSummary> programmes_for(web::Ctx& ctx) {
  const auto l = lang(ctx);
  switch (ctx.actor.role) {
    case auth::Role::admin:
      return programme::store::list_programmes(ctx.db, l);
    case auth::Role::staff:
      return programme::store::list_team_programmes(ctx.db, ctx.actor.id, l);
    case auth::Role::lecturer:
    case auth::Role::participant:
    case auth::Role::alumnus:
      return programme::store::list_enrolled_programmes(ctx.db, ctx.actor.id, l);
    default:
      return {};
  }
}

// Checks every field of `form` but the programme; fills `p` and the tags
// and partners. `papers`: the papers that may be linked.
Status check_form(const ProjectForm& form, const std::vector<Choice>& papers,
                  const std::vector<Choice>& organisations, Project& p,
                  std::vector<knowledge::Tag>& tags, std::vector<ProjectPartner>& partners) {
  p.title = programme::trimmed(form.title);
  if (p.title.empty()) return invalid("title", N_("Enter a title."));
  if (!programme::fits(p.title, kMaxProjectTitle))
    return invalid("title",
                   plural("At most {n} character.", "At most {n} characters.", kMaxProjectTitle));
  p.problem = programme::trimmed(form.problem);
  if (!programme::fits(p.problem, kMaxProjectText, true))
    return invalid("problem",
                   plural("At most {n} character.", "At most {n} characters.", kMaxProjectText));
  p.summary = programme::trimmed(form.summary);
  if (!programme::fits(p.summary, kMaxProjectText, true))
    return invalid("summary",
                   plural("At most {n} character.", "At most {n} characters.", kMaxProjectText));
  if (!knowledge::is_work_language(form.language))
    return invalid("language", N_("Choose the language the texts are written in."));
  p.language = form.language;
  if (!is_project_status(form.status)) return invalid("status", N_("Choose a status."));
  p.status = form.status;
  p.paper_id = 0;
  const auto paper = programme::trimmed(form.paper);
  if (!paper.empty()) {
    auto n = parse_whole_number(paper);
    auto it = std::find_if(papers.begin(), papers.end(), [&](const Choice& c) {
      return n && c.id == *n && c.group == p.programme_id;
    });
    if (it == papers.end())
      return invalid("paper", N_("Choose one of your own papers of this programme, or none."));
    p.paper_id = it->id;
  }
  auto t = knowledge::parse_tags(form.tags);
  if (!t) return t.error();
  tags = std::move(*t);
  partners.clear();
  for (const auto& raw : form.partners) {
    auto name = programme::trimmed(raw);
    if (name.empty()) continue;
    if (!programme::fits(name, kMaxPartnerName))
      return invalid("partners", plural("Each name has at most {n} character.",
                                        "Each name has at most {n} characters.", kMaxPartnerName));
    if (std::any_of(partners.begin(), partners.end(),
                    [&](const ProjectPartner& x) { return x.name == name; }))
      continue;
    auto org = std::find_if(organisations.begin(), organisations.end(),
                            [&](const Choice& c) { return c.name == name; });
    partners.push_back({org == organisations.end() ? 0 : org->id, name});
  }
  if (partners.size() > kMaxPartners)
    return invalid("partners", plural("At most {n} partner organisation.",
                                      "At most {n} partner organisations.", kMaxPartners));
  return ok();
}

void record(web::Ctx& ctx, int64_t id) {
  search::record_change(ctx.db, search::WorkKind::project, id, ctx.now);
}

ProjectForm form_of(const Project& p, const std::vector<knowledge::Tag>& tags,
                    const std::vector<ProjectPartner>& partners) {
  ProjectForm f;
  f.programme = std::to_string(p.programme_id);
  f.paper = p.paper_id ? std::to_string(p.paper_id) : "";
  f.title = p.title;
  f.problem = p.problem;
  f.summary = p.summary;
  f.language = p.language;
  f.status = p.status;
  f.tags = knowledge::tag_form_of(tags);
  for (const auto& x : partners) f.partners.push_back(x.name);
  return f;
}

}  // namespace

std::optional<ProjectList> project_list(web::Ctx& ctx, const std::string& status) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  // Which programmes: a role that sees no programme's projects sees none
  // (the store's scope answers the programmes themselves).
  if (!policy::can_see_projects(ctx.actor.role, true)) return std::nullopt;
  db::ReadSnapshot snapshot(ctx.db);
  ProjectList l;
  l.status = is_project_status(status) ? status : "";
  const int64_t me = store::person_of_account(ctx.db, ctx.actor.id);
  l.items = store::list_projects(ctx.db, ctx.actor.id, ctx.actor.role == auth::Role::admin, me,
                                 l.status, lang(ctx));
  l.can_start = true;
  return l;
}

std::optional<ProjectFormPage> new_project_page(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_start_project(ctx.actor.role, true))
    return std::nullopt;
  ProjectFormPage p;
  p.programmes = programmes_for(ctx);
  if (p.programmes.empty()) return std::nullopt;
  const int64_t me = store::person_of_account(ctx.db, ctx.actor.id);
  if (me) p.papers = store::papers_of_person(ctx.db, me, lang(ctx));
  if (p.programmes.size() == 1) {
    p.form.programme = std::to_string(p.programmes.front().id);
    p.organisations = store::programme_organisations(ctx.db, p.programmes.front().id);
  }
  p.form.status = "idea";
  p.form.language = knowledge::is_work_language(ctx.tr.language()) ? lang(ctx) : "en";
  return p;
}

Result<int64_t> create_project(web::Ctx& ctx, const ProjectForm& form) {
  if (!ctx.actor.signed_in() || !policy::can_start_project(ctx.actor.role, true))
    return not_found();
  Project p;
  auto programme_id = parse_whole_number(programme::trimmed(form.programme));
  if (!programme_id) return invalid("programme", N_("Choose a programme."));
  p.programme_id = *programme_id;
  const auto m = programme::store::membership(ctx.db, p.programme_id, ctx.actor.id);
  const auto mine = programmes_for(ctx);
  if (!policy::can_start_project(ctx.actor.role, m.in_programme) ||
      std::none_of(mine.begin(), mine.end(), [&](const programme::store::ProgrammeSummary& s) {
        return s.id == p.programme_id;
      }))
    return invalid("programme", N_("Choose a programme."));
  const int64_t me = store::person_of_account(ctx.db, ctx.actor.id);
  const auto papers = me ? store::papers_of_person(ctx.db, me, lang(ctx)) : std::vector<Choice>{};
  const auto organisations = store::programme_organisations(ctx.db, p.programme_id);
  std::vector<knowledge::Tag> tags;
  std::vector<ProjectPartner> partners;
  if (auto st = check_form(form, papers, organisations, p, tags, partners); !st) return st.error();
  p.created_by = ctx.actor.id;
  p.created_at = p.updated_at = ctx.now;
  // The creator leads it when they are a person of the programme; staff
  // without one start it and add its lead.
  const bool lead = me && store::takes_part(ctx.db, p.programme_id, me);
  db::Transaction tx(ctx.db);
  const int64_t id = store::insert_project(ctx.db, p);
  store::replace_tags(ctx.db, id, tags);
  store::replace_partners(ctx.db, id, partners);
  if (lead) store::insert_member(ctx.db, id, me, "lead", ctx.now);
  record(ctx, id);
  auth::audit(ctx, "project.create", "project", std::to_string(id),
              "programme=" + std::to_string(p.programme_id) + " status=" + p.status +
                  " language=" + p.language + " tags=" + std::to_string(tags.size()) +
                  " partners=" + std::to_string(partners.size()) +
                  (p.paper_id ? " paper=" + std::to_string(p.paper_id) : ""));
  tx.commit();
  return id;
}

std::optional<ProjectFormPage> edit_project_page(web::Ctx& ctx, int64_t id) {
  auto a = access(ctx, id);
  if (!a || !policy::can_edit_project(ctx.actor.role, a->in_programme, a->is_member))
    return std::nullopt;
  ProjectFormPage p;
  p.id = id;
  p.current_title = a->project.title;
  if (a->my_person) p.papers = store::papers_of_person(ctx.db, a->my_person, lang(ctx));
  if (a->project.paper_id && std::none_of(p.papers.begin(), p.papers.end(), [&](const Choice& c) {
        return c.id == a->project.paper_id;
      }))
    if (auto linked = store::find_paper(ctx.db, a->project.paper_id, lang(ctx)))
      p.papers.push_back(*linked);
  p.organisations = store::programme_organisations(ctx.db, a->project.programme_id);
  p.form = form_of(a->project, store::list_tags(ctx.db, id), store::list_partners(ctx.db, id));
  return p;
}

Status update_project(web::Ctx& ctx, int64_t id, const ProjectForm& form) {
  auto a = access(ctx, id);
  if (!a || !policy::can_edit_project(ctx.actor.role, a->in_programme, a->is_member))
    return not_found();
  Project p = a->project;
  auto papers = a->my_person ? store::papers_of_person(ctx.db, a->my_person, lang(ctx))
                             : std::vector<Choice>{};
  // The paper it is linked to stays a choice for whoever edits it.
  if (p.paper_id)
    if (auto linked = store::find_paper(ctx.db, p.paper_id, lang(ctx))) papers.push_back(*linked);
  const auto organisations = store::programme_organisations(ctx.db, p.programme_id);
  std::vector<knowledge::Tag> tags;
  std::vector<ProjectPartner> partners;
  if (auto st = check_form(form, papers, organisations, p, tags, partners); !st) return st;
  p.updated_at = ctx.now;
  db::Transaction tx(ctx.db);
  store::update_project(ctx.db, p);
  store::replace_tags(ctx.db, id, tags);
  store::replace_partners(ctx.db, id, partners);
  record(ctx, id);
  std::string changes = "status=" + p.status + " language=" + p.language +
                        " tags=" + std::to_string(tags.size()) +
                        " partners=" + std::to_string(partners.size());
  if (a->project.status != p.status) changes += " status_was=" + a->project.status;
  if (a->project.title != p.title) changes += " title_changed";
  auth::audit(ctx, "project.update", "project", std::to_string(id), changes);
  tx.commit();
  return ok();
}

std::optional<ProjectPage> project_page(web::Ctx& ctx, int64_t id) {
  db::ReadSnapshot snapshot(ctx.db);
  auto a = access(ctx, id);
  if (!a) return std::nullopt;
  ProjectPage p;
  p.project = a->project;
  p.programme = store::programme_name(ctx.db, a->project.programme_id, lang(ctx));
  if (a->project.paper_id) p.paper = store::find_paper(ctx.db, a->project.paper_id, lang(ctx));
  p.members = a->members;
  p.partners = store::list_partners(ctx.db, id);
  p.updates = store::list_updates(ctx.db, id);
  p.tags = store::list_tags(ctx.db, id);
  p.is_member = a->is_member;
  p.is_lead = a->is_lead;
  p.can_edit = policy::can_edit_project(ctx.actor.role, a->in_programme, a->is_member);
  p.can_manage_team = policy::can_manage_team(ctx.actor.role, a->in_programme, a->is_lead);
  if (p.can_manage_team)
    for (auto& c : store::programme_people(ctx.db, a->project.programme_id))
      if (std::none_of(p.members.begin(), p.members.end(),
                       [&](const ProjectMember& m) { return m.person_id == c.id; }))
        p.candidates.push_back(std::move(c));
  p.can_join =
      !a->is_member && a->my_person &&
      policy::can_join_project(ctx.actor.role, a->in_programme,
                               store::takes_part(ctx.db, a->project.programme_id, a->my_person));
  p.can_publish = policy::can_publish_project(a->is_lead);
  return p;
}

Status change_members(web::Ctx& ctx, int64_t id, const MemberForm& form) {
  auto a = access(ctx, id);
  if (!a) return not_found();
  const auto& project = a->project;
  std::string audit_action, changes;
  auto member = [&](int64_t person) {
    return std::find_if(a->members.begin(), a->members.end(),
                        [&](const ProjectMember& m) { return m.person_id == person; });
  };
  int64_t person = 0;
  std::string role;
  enum class Op { insert, update, remove } op = Op::insert;
  if (form.action == "join") {
    if (a->is_member) return invalid("", N_("You are on this project's team already."));
    if (!a->my_person ||
        !policy::can_join_project(ctx.actor.role, a->in_programme,
                                  store::takes_part(ctx.db, project.programme_id, a->my_person)))
      return not_found();
    person = a->my_person;
    role = a->leads == 0 ? "lead" : "member";  // a team without a lead gets one
    audit_action = "project.join";
  } else if (form.action == "leave") {
    if (!a->is_member) return not_found();
    if (a->is_lead && a->leads <= 1)
      return invalid("", N_("You are the only lead of this project: make someone else lead "
                            "before you leave."));
    person = a->my_person;
    op = Op::remove;
    audit_action = "project.leave";
  } else if (form.action == "add" || form.action == "remove") {
    if (!policy::can_manage_team(ctx.actor.role, a->in_programme, a->is_lead)) return not_found();
    auto n = parse_whole_number(programme::trimmed(form.person));
    if (form.action == "add") {
      if (!n || !store::takes_part(ctx.db, project.programme_id, *n))
        return invalid("person", N_("Choose a person of this programme."));
      if (form.role != "lead" && form.role != "member")
        return invalid("role", N_("Choose lead or member."));
      person = *n;
      role = form.role;
      auto it = member(person);
      if (it != a->members.end()) {
        if (it->role == role) return invalid("person", N_("This person has that role already."));
        if (it->role == "lead" && a->leads <= 1)
          return invalid("role", N_("A project keeps at least one lead."));
        op = Op::update;
        audit_action = "project.member_role";
      } else {
        audit_action = "project.member_add";
      }
    } else {
      auto it = n ? member(*n) : a->members.end();
      if (it == a->members.end()) return invalid("person", N_("Choose someone on the team."));
      if (it->role == "lead" && a->leads <= 1)
        return invalid("person", N_("A project keeps at least one lead."));
      person = *n;
      op = Op::remove;
      audit_action = "project.member_remove";
    }
  } else {
    return invalid("", N_("Choose what to do."));
  }
  db::Transaction tx(ctx.db);
  switch (op) {
    case Op::insert:
      store::insert_member(ctx.db, id, person, role, ctx.now);
      break;
    case Op::update:
      store::update_member_role(ctx.db, id, person, role);
      break;
    case Op::remove:
      store::delete_member(ctx.db, id, person);
      break;
  }
  store::touch_project(ctx.db, id, ctx.now);
  record(ctx, id);
  auth::audit(ctx, audit_action, "project", std::to_string(id),
              "person=" + std::to_string(person) + (role.empty() ? "" : " role=" + role));
  tx.commit();
  return ok();
}

Status add_update(web::Ctx& ctx, int64_t id, const UpdateForm& form) {
  auto a = access(ctx, id);
  if (!a || !policy::can_edit_project(ctx.actor.role, a->in_programme, a->is_member))
    return not_found();
  auto day = programme::parse_date(programme::trimmed(form.date));
  if (!day) return invalid("date", N_("Enter a date such as 2026-11-02."));
  const auto text = programme::trimmed(form.text);
  if (text.empty()) return invalid("text", N_("Write what happened."));
  if (!programme::fits(text, kMaxProjectText, true))
    return invalid("text",
                   plural("At most {n} character.", "At most {n} characters.", kMaxProjectText));
  db::Transaction tx(ctx.db);
  const int64_t update = store::insert_update(ctx.db, id, *day, text, ctx.actor.id, ctx.now);
  store::touch_project(ctx.db, id, ctx.now);
  record(ctx, id);
  auth::audit(ctx, "project.update_added", "project", std::to_string(id),
              "update=" + std::to_string(update));
  tx.commit();
  return ok();
}

std::vector<project_store::PersonProject> projects_of_person(db::Session& db, int64_t person_id) {
  return store::projects_of_person(db, person_id);
}

std::vector<project_store::PersonUpdate> project_updates_by(db::Session& db, int64_t account_id) {
  return store::updates_by_account(db, account_id);
}

}  // namespace crm::papers

#include "imports/service.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "auth/service.hpp"
#include "imports/names.hpp"
#include "imports/policy.hpp"
#include "imports/rows.hpp"
#include "imports/store.hpp"
#include "jobs/service.hpp"
#include "programme/store.hpp"

namespace crm::imports {

namespace {

// Why a commit job can fail that its starter may read; anything else (a
// database failure) is for administrators, on the jobs page.
constexpr const char* kFileProblems = N_("The file has problems; fix them and upload it again.");
constexpr const char* kStarterGone =
    N_("The account that started this import is gone or disabled.");
constexpr const char* kChooseOrganisations =
    N_("Choose for each new organisation whether to use the similar one crm has or to create it.");
constexpr const char* kChoiceGone =
    N_("An organisation chosen in the preview is no longer in crm; check the preview again.");
constexpr const char* kNoLongerAllowed =
    N_("The import is gone, or whoever started it may no longer import into its cohort.");

std::string job_key(int64_t import_id) {
  return "import:" + std::to_string(import_id);
}

// The payload of a commit job: the import, and the organisations chosen
// instead of new ones ("COUNTRY|name" -> id).
int64_t import_of(const std::string& payload, OrganisationChoices& choices) {
  boost::system::error_code ec;
  auto v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return 0;
  if (const auto* o = v.as_object().if_contains("organisations"); o && o->is_object())
    for (const auto& [key, id] : o->as_object())
      if (id.is_int64() && id.as_int64() > 0) choices.emplace(std::string(key), id.as_int64());
  const auto* id = v.as_object().if_contains("import");
  return id && id->is_int64() ? id->as_int64() : 0;
}

// The cohort, when the actor may import into it (one statement).
std::optional<programme::Cohort> importable_cohort(web::Ctx& ctx, int64_t cohort_id) {
  auto found = programme::store::find_cohort_access(ctx.db, cohort_id,
                                                    ctx.actor.signed_in() ? ctx.actor.id : 0);
  if (!found || !policy::can_import(ctx.actor.role, found->in_programme)) return std::nullopt;
  return std::move(found->cohort);
}

// The stored import, when the actor may see it.
std::optional<ImportRecord> visible_import(web::Ctx& ctx, int64_t import_id) {
  if (!ctx.actor.signed_in() || !policy::can_import(ctx.actor.role, true)) return std::nullopt;
  return store::find_import(ctx.db, import_id, programme::scope_of(ctx.actor));
}

bool taking_part(std::string_view status) {
  return programme::one_of(programme::taking_part_statuses(), status);
}

// What a match looks up beyond who is new: for the preview, what crm holds
// of the people updated and the organisations it would create.
struct Detail {
  bool stored = false, organisations = false;
};

// The rows of the file matched against the people of the importer's
// programmes: who is new, who is an update, who is already in the cohort.
// Someone crm holds only for other programmes is new here, exactly like an
// address crm has never seen. Three or so statements per 500 rows, and with
// `detail` a few more.
Check match(web::Ctx& ctx, int64_t cohort_id, FileRows file, Detail detail = {}) {
  Check c;
  c.problems = std::move(file.problems);
  c.unknown_columns = std::move(file.unknown_columns);
  c.left_out = std::move(file.left_out);
  std::vector<std::string> emails;
  emails.reserve(file.rows.size());
  for (const auto& r : file.rows)
    if (!r.email.empty()) emails.push_back(r.email);
  const bool all = ctx.actor.role == auth::Role::admin;
  auto people = store::people_by_email(ctx.db, emails, ctx.actor.id, all);
  auto enrolled = store::cohort_enrolments(ctx.db, cohort_id);
  for (const auto& [person, e] : enrolled)
    if (taking_part(e.second)) ++c.taking_part_now;
  c.rows.reserve(file.rows.size());
  for (auto& r : file.rows) {
    Planned p;
    if (people.count(r.email) > 1) {
      c.problems.push_back({r.number, "email",
                            N_("Several records in your programmes have this email: merge them "
                               "first."),
                            0, 0, r.email});
    } else if (auto it = people.find(r.email); it != people.end()) {
      p.person_id = it->second;
      if (auto e = enrolled.find(p.person_id); e != enrolled.end()) {
        p.enrolment_id = e->second.first;
        p.current_status = e->second.second;
      }
    }
    p.row = std::move(r);
    c.rows.push_back(std::move(p));
  }
  // Only rows without a problem count: they are what would go in.
  std::set<std::size_t> bad;
  for (const auto& pr : c.problems) bad.insert(pr.row);
  c.rows_with_problems = static_cast<long>(bad.size());
  c.taking_part_after = c.taking_part_now;
  std::vector<int64_t> updated;
  for (auto& p : c.rows) {
    p.has_problem = bad.count(p.row.number) > 0;
    if (p.has_problem) continue;
    if (p.person_id) {
      ++c.updates;
      updated.push_back(p.person_id);
    } else {
      ++c.new_people;
    }
    const bool was = p.enrolment_id && taking_part(p.current_status);
    const bool will = taking_part(p.row.status);
    c.taking_part_after += (will ? 1 : 0) - (was ? 1 : 0);
  }
  if (detail.stored && !updated.empty()) {
    auto stored = store::stored_people(ctx.db, updated, ctx.actor.id, all);
    for (auto& p : c.rows)
      if (p.person_id && !p.has_problem)
        if (auto it = stored.find(p.person_id); it != stored.end()) p.before = it->second;
  }
  if (detail.organisations) {
    std::map<std::string, NewOrganisation> named;  // "COUNTRY|name" of the good rows
    for (const auto& p : c.rows) {
      if (p.has_problem || p.row.organisation.empty()) continue;
      auto& o = named[p.row.country + "|" + p.row.organisation];
      if (!o.people) {
        o.country = p.row.country;
        o.name = p.row.organisation;
        o.name_latin = p.row.organisation_latin;
        o.type = p.row.organisation_type;
      }
      ++o.people;
    }
    std::vector<std::string> names, countries;
    for (const auto& [key, o] : named) {
      names.push_back(o.name);
      countries.push_back(o.country);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::sort(countries.begin(), countries.end());
    countries.erase(std::unique(countries.begin(), countries.end()), countries.end());
    auto known = store::organisations_by_name(ctx.db, names);
    for (auto& [key, o] : named)
      if (!known.count(key)) c.new_organisations.push_back(std::move(o));
    if (!c.new_organisations.empty())
      propose_matches(c.new_organisations, store::organisations_in_countries(ctx.db, countries));
  }
  return c;
}

}  // namespace

std::vector<OpenImport> open_imports(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_import(ctx.actor.role, true)) return {};
  return store::open_imports(ctx.db, programme::scope_of(ctx.actor),
                             ctx.now - kOpenImportDays * 86400, 5);
}

Result<ImportForm> import_form(web::Ctx& ctx, int64_t cohort_id) {
  auto cohort = importable_cohort(ctx, cohort_id);
  if (!cohort) return not_found();
  auto p = programme::store::find_programme(ctx.db, cohort->programme_id,
                                            std::string(ctx.tr.language()));
  return ImportForm{std::move(*cohort), p ? p->name : std::string()};
}

Result<Uploaded> upload(web::Ctx& ctx, int64_t cohort_id, const std::string& filename,
                        const std::string& content) {
  auto cohort = importable_cohort(ctx, cohort_id);
  if (!cohort) return not_found();
  Uploaded u;
  if (content.empty()) {
    u.problem = FileProblem{N_("Choose a CSV file."), {}};
    return u;
  }
  Vocabulary words(ctx.catalogs);
  auto file = read_rows(content, &words);
  if (file.problem) {
    u.problem = std::move(file.problem);
    return u;
  }
  ImportRecord r;
  r.programme_id = cohort->programme_id;
  r.cohort_id = cohort_id;
  r.account_id = ctx.actor.id;
  r.filename = filename.empty() ? "people.csv" : filename;
  r.content = content;
  r.created_at = ctx.now;
  db::Transaction tx(ctx.db);
  u.import_id = store::insert_import(ctx.db, r);
  tx.commit();
  return u;
}

Result<Preview> preview(web::Ctx& ctx, int64_t import_id) {
  auto record = visible_import(ctx, import_id);
  if (!record) return not_found();
  auto cohort = programme::store::find_cohort(ctx.db, record->programme_id, record->cohort_id);
  if (!cohort) return not_found();
  Preview p;
  p.job = jobs::job_for_key(ctx.db, job_key(import_id));
  // Matched again only while it can still be imported: afterwards every row
  // would read as an update of itself.
  if (!p.committing() && !record->committed_at) {
    Vocabulary words(ctx.catalogs);
    p.check = match(ctx, record->cohort_id, read_rows(record->content, &words), Detail{true, true});
  }
  record->content.clear();
  p.record = std::move(*record);
  p.cohort = std::move(*cohort);
  return p;
}

std::string Preview::failure() const {
  if (!job || job->state != jobs::State::failed) return {};
  for (const char* known : {kFileProblems, kStarterGone, kNoLongerAllowed, kChoiceGone})
    if (job->last_error == known) return known;
  return N_("Something went wrong on the server; administrators see what on the jobs page.");
}

Status start_commit(web::Ctx& ctx, int64_t import_id, const OrganisationChoices& choices,
                    Preview* preview_out) {
  auto record = visible_import(ctx, import_id);
  if (!record) return not_found();
  auto cohort = programme::store::find_cohort(ctx.db, record->programme_id, record->cohort_id);
  if (!cohort) return not_found();
  if (record->committed_at)
    return Error{ErrorKind::conflict, {}, N_("These people have already been imported.")};
  if (jobs::job_for_key(ctx.db, job_key(import_id))) return ok();  // asked for already
  // Checked now, so that the page can show the problems at once; the job
  // checks again inside its transaction.
  Vocabulary words(ctx.catalogs);
  Check check =
      match(ctx, record->cohort_id, read_rows(record->content, &words), Detail{false, true});
  auto refuse = [&](const char* field, const char* key) -> Status {
    if (preview_out) {
      check = match(ctx, record->cohort_id, read_rows(record->content, &words), Detail{true, true});
      record->content.clear();
      preview_out->record = std::move(*record);
      preview_out->cohort = std::move(*cohort);
      preview_out->check = std::move(check);
      preview_out->choices = choices;
    }
    return invalid(field, key);
  };
  if (!check.problems.empty()) return refuse("", kFileProblems);
  // Every new organisation with a similar one in crm needs the staff
  // member's choice: that one, or a new organisation after all.
  boost::json::object chosen;
  for (const auto& o : check.new_organisations) {
    if (o.matches.empty()) continue;
    auto it = choices.find(o.key());
    if (it == choices.end()) return refuse("organisations", kChooseOrganisations);
    if (it->second == 0) continue;  // create it
    const bool offered = std::any_of(o.matches.begin(), o.matches.end(),
                                     [&](const auto& m) { return m.id == it->second; });
    if (!offered) return refuse("organisations", kChooseOrganisations);
    chosen[o.key()] = it->second;
  }
  jobs::NewJob j;
  j.kind = std::string(kCommitJob);
  j.payload = boost::json::serialize(
      boost::json::object{{"import", import_id}, {"organisations", std::move(chosen)}});
  j.key = job_key(import_id);
  j.max_attempts = 3;
  j.programme_id = record->programme_id;
  j.account_id = ctx.actor.id;
  db::Transaction tx(ctx.db);
  if (jobs::enqueue(ctx, j))
    auth::audit(ctx, "people.import_started", "person_import", std::to_string(import_id),
                "{\"rows\":[\"0\",\"" + std::to_string(check.rows.size()) + "\"]}");
  tx.commit();
  return ok();
}

Result<Committed> commit(web::Ctx& ctx, int64_t import_id, const OrganisationChoices& choices,
                         const std::function<void(int64_t, int64_t)>& progress) {
  auto record = visible_import(ctx, import_id);
  if (!record) return not_found();
  auto cohort = programme::store::find_cohort(ctx.db, record->programme_id, record->cohort_id);
  if (!cohort) return not_found();

  db::Transaction tx(ctx.db);
  if (!store::mark_committed(ctx.db, import_id, ctx.now))
    return Error{ErrorKind::conflict, {}, N_("These people have already been imported.")};
  // Checked again inside the transaction: crm may have changed since the preview.
  Vocabulary words(ctx.catalogs);
  auto file = read_rows(record->content, &words);
  Check check = match(ctx, record->cohort_id, std::move(file));
  if (!check.problems.empty()) return invalid("", kFileProblems);
  const auto rows = static_cast<int64_t>(check.rows.size());
  auto report = [&](int64_t done) {
    if (progress) progress(done, rows);
  };
  report(0);

  std::vector<std::string> names;
  for (const auto& p : check.rows)
    if (!p.row.organisation.empty()) names.push_back(p.row.organisation);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  auto organisations = store::organisations_by_name(ctx.db, names);
  // The organisations chosen in the preview instead of new ones: each must
  // still be an organisation of the row's country.
  if (!choices.empty()) {
    std::vector<std::string> countries;
    for (const auto& [key, id] : choices) countries.push_back(key.substr(0, key.find('|')));
    std::sort(countries.begin(), countries.end());
    countries.erase(std::unique(countries.begin(), countries.end()), countries.end());
    auto existing = store::organisations_in_countries(ctx.db, countries);
    for (const auto& [key, id] : choices) {
      if (!id) continue;
      const auto country = key.substr(0, key.find('|'));
      const bool there = std::any_of(existing.begin(), existing.end(), [&](const auto& o) {
        return o.id == id && o.country == country;
      });
      if (!there) return invalid("organisations", kChoiceGone);
      organisations.emplace(key, id);  // an exact match in crm goes first
    }
  }

  long created = 0;  // organisations
  {
    // In a block: its prepared statements end before the commit (SQLite
    // refuses to commit while a statement is still open).
    store::Writer w(ctx.db, ctx.now, ctx.actor.id);
    std::vector<int64_t> org_of(check.rows.size(), 0);
    for (std::size_t i = 0; i < check.rows.size(); ++i) {
      const Row& r = check.rows[i].row;
      if (r.organisation.empty()) continue;
      auto key = r.country + "|" + r.organisation;
      auto it = organisations.find(key);
      if (it == organisations.end()) {
        ++created;
        it = organisations
                 .emplace(key, w.insert_organisation(r.organisation, r.organisation_latin,
                                                     r.country, r.organisation_type))
                 .first;
      }
      org_of[i] = it->second;
    }
    // A slice of rows at a time, each person with their enrolment, so that
    // the page can show how many people are in (the batches of the writer
    // stay as large as they were).
    constexpr std::size_t kSlice = 1000;
    for (std::size_t from = 0; from < check.rows.size(); from += kSlice) {
      const std::size_t to = std::min(check.rows.size(), from + kSlice);
      std::vector<store::Writer::NewPerson> fresh;
      for (std::size_t i = from; i < to; ++i) {
        const auto& p = check.rows[i];
        if (p.person_id)
          w.update_person(p.person_id, p.row, org_of[i]);
        else
          fresh.push_back({&p.row, org_of[i]});
      }
      auto ids = w.insert_people(fresh);
      std::vector<std::pair<int64_t, std::string>> enrol, history;
      for (std::size_t i = from; i < to; ++i) {
        const auto& p = check.rows[i];
        int64_t person = p.person_id ? p.person_id : ids.at(p.row.email);
        if (!p.enrolment_id) {
          enrol.emplace_back(person, p.row.status);
        } else if (p.current_status != p.row.status) {
          w.update_enrolment_status(p.enrolment_id, p.row.status);
          history.emplace_back(p.enrolment_id, p.row.status);
        }
      }
      auto enrolment_of = w.insert_enrolments(record->cohort_id, enrol);
      for (const auto& [person, status] : enrol)
        history.emplace_back(enrolment_of.at(person), status);
      w.insert_status_changes(history);
      report(static_cast<int64_t>(to));
    }
  }
  long n = static_cast<long>(check.rows.size());
  // Counts only: the audit log holds no personal data of the people imported.
  auth::audit(ctx, "people.imported", "person_import", std::to_string(import_id),
              "{\"people\":[\"0\",\"" + std::to_string(n) + "\"],\"updates\":[\"0\",\"" +
                  std::to_string(check.updates) + "\"],\"organisations_created\":[\"0\",\"" +
                  std::to_string(created) + "\"],\"organisations_chosen\":[\"0\",\"" +
                  std::to_string(choices.size()) + "\"]}");
  tx.commit();
  return Committed{record->cohort_id, n};
}

jobs::Handler commit_job(const Config& config, const Catalogs& catalogs,
                         const web::Assets& assets) {
  return [&config, &catalogs, &assets](jobs::JobContext& jc) {
    OrganisationChoices choices;
    const int64_t import_id = import_of(jc.job.payload, choices);
    if (!import_id) return jobs::Outcome::fail("The job names no import.");
    auto actor = jobs::actor_of(jc.db, jc.job);
    if (!actor) return jobs::Outcome::fail(kStarterGone);
    // The import runs with the rights of whoever asked for it, as their
    // request would have: the same checks, the audit entry in their name.
    web::Ctx ctx{jc.db, config, catalogs, assets, Tr(catalogs, "en")};
    ctx.now = jc.now;
    ctx.actor = *actor;
    ctx.request_id = "job-" + std::to_string(jc.job.id);
    auto r = commit(ctx, import_id, choices,
                    [&jc](int64_t done, int64_t total) { jc.progress(done, total); });
    if (r || r.error().kind == ErrorKind::conflict) return jobs::Outcome::done();  // done before
    if (r.error().kind == ErrorKind::not_found) return jobs::Outcome::fail(kNoLongerAllowed);
    return jobs::Outcome::fail(r.error().key);
  };
}

}  // namespace crm::imports

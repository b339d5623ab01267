#include "certificates/service.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "auth/service.hpp"
#include "certificates/code.hpp"
#include "certificates/pdf.hpp"
#include "curriculum/policy.hpp"
#include "jobs/service.hpp"
#include "programme/store.hpp"

namespace crm::certificates {

namespace {

constexpr const char* kStarterGone =
    N_("The account that asked for these certificates is gone or disabled.");
constexpr const char* kNoLongerAllowed =
    N_("The cohort is gone, or whoever asked may no longer issue its certificates.");

std::string job_key_prefix(int64_t cohort_id) {
  return std::string(kIssueJob) + ":" + std::to_string(cohort_id) + ":";
}

// The cohort, when the actor may issue its certificates (one statement).
std::optional<programme::Cohort> issuable_cohort(web::Ctx& ctx, int64_t cohort_id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto found = programme::store::find_cohort_access(ctx.db, cohort_id, ctx.actor.id);
  if (!found || !curriculum::policy::can_issue_certificates(ctx.actor.role, found->in_programme))
    return std::nullopt;
  return std::move(found->cohort);
}

// What every certificate of a cohort shares.
struct Common {
  store::ProgrammeNames programme;
  std::vector<store::ModuleRow> modules;
  long ects_tenths = 0;
};

Common common_of(db::Session& db, const programme::Cohort& cohort) {
  Common c;
  c.programme = store::programme_names(db, cohort.programme_id);
  c.modules = store::modules(db, cohort.id, "en");
  for (const auto& m : c.modules) c.ects_tenths += m.ects_tenths;
  return c;
}

// Who issues, and how it is recorded: a request's actor with an audit entry,
// or crm itself for the demo (no account, no entry).
struct Issuer {
  int64_t account_id = 0;
  int64_t now = 0;
  std::string base_url;
  std::function<void(int64_t id, const Certificate&)> audit;  // in the transaction; may be empty
};

// Makes the certificate (its PDF outside any transaction), then stores it
// with its audit entry in one transaction. nullopt when, by then, the person
// holds a valid one (someone else was quicker).
std::optional<int64_t> issue_to(db::Session& db, const Issuer& by, const programme::Cohort& cohort,
                                const Common& common, const store::PersonName& person) {
  Certificate c;
  c.code = new_code();
  c.person_id = person.id;
  c.cohort_id = cohort.id;
  c.name = person.name;
  c.name_latin = person.name_latin;
  c.ects_tenths = common.ects_tenths;
  c.completed_on = cohort.ends_on && cohort.ends_on <= by.now ? cohort.ends_on : by.now;
  c.issued_at = by.now;
  c.issued_by = by.account_id;

  PdfContent content;
  content.name = c.name;
  content.name_latin = c.name_latin;
  content.programme_en = common.programme.en.empty() ? common.programme.any : common.programme.en;
  content.programme_de = common.programme.de.empty() ? content.programme_en : common.programme.de;
  content.cohort = cohort.name;
  content.cohort_starts_on = cohort.starts_on;
  content.cohort_ends_on = cohort.ends_on;
  content.completed_on = c.completed_on;
  content.issued_at = c.issued_at;
  content.ects_tenths = c.ects_tenths;
  for (const auto& m : common.modules) {
    ModuleLine line{m.title_en, m.title_de, m.ects_tenths};
    if (line.title_en.empty() && line.title_de.empty()) line.title_en = m.title_any;
    content.modules.push_back(std::move(line));
  }
  content.code = c.code;
  content.verify_url = by.base_url + "/verify/" + c.code;
  const std::string bytes = render_pdf(content);

  db::Transaction tx(db);
  if (store::has_valid(db, person.id, cohort.id)) return std::nullopt;
  const int64_t id = store::insert(db, c, bytes);
  if (by.audit) by.audit(id, c);
  tx.commit();
  return id;
}

Issuer issuer_of(web::Ctx& ctx) {
  return Issuer{ctx.actor.id, ctx.now, ctx.config.base_url,
                [&ctx](int64_t id, const Certificate& c) {
                  auth::audit(ctx, "certificate.issued", "certificate", std::to_string(id),
                              auth::changes_json({{"person", {"", std::to_string(c.person_id)}},
                                                  {"cohort", {"", std::to_string(c.cohort_id)}},
                                                  {"code", {"", c.code}}}));
                }};
}

// Everyone complete without a valid certificate gets one (`even_revoked`:
// without any certificate); `progress` hears (done, total) of those due.
IssuedAll issue_due(db::Session& db, const Issuer& by, const programme::Cohort& cohort,
                    const std::function<void(int64_t, int64_t)>& progress,
                    bool even_revoked = false) {
  const auto completions = curriculum::completion_of_cohort(db, cohort.id);
  std::set<int64_t> holding;
  for (const auto& c : store::of_cohort(db, cohort.id))
    if (c.valid() || even_revoked) holding.insert(c.person_id);
  IssuedAll out;
  std::set<int64_t> due;
  for (const auto& c : completions) {
    if (!c.complete) continue;
    if (holding.count(c.person_id)) {
      ++out.skipped;
    } else {
      due.insert(c.person_id);
    }
  }
  const auto total = static_cast<int64_t>(due.size());
  if (progress) progress(0, total);
  if (due.empty()) return out;
  const Common common = common_of(db, cohort);
  int64_t done = 0;
  for (const auto& person : store::participants(db, cohort.id)) {
    if (!due.count(person.id)) continue;
    if (issue_to(db, by, cohort, common, person)) {
      ++out.issued;
    } else {
      ++out.skipped;
    }
    if (progress) progress(++done, total);
  }
  return out;
}

int64_t cohort_of_payload(const std::string& payload) {
  boost::system::error_code ec;
  auto v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return 0;
  const auto* id = v.as_object().if_contains("cohort");
  return id && id->is_int64() ? id->as_int64() : 0;
}

}  // namespace

Result<CohortPage> cohort_page(web::Ctx& ctx, int64_t cohort_id) {
  auto cohort = issuable_cohort(ctx, cohort_id);
  if (!cohort) return not_found();
  db::ReadSnapshot snapshot(ctx.db);
  CohortPage page;
  page.cohort = std::move(*cohort);
  page.modules = store::modules(ctx.db, cohort_id, std::string(ctx.tr.language()));
  const auto completions = curriculum::completion_of_cohort(ctx.db, cohort_id);
  const auto names = store::participants(ctx.db, cohort_id);
  const auto certificates = store::of_cohort(ctx.db, cohort_id);  // by person, oldest first
  for (const auto& c : completions) {
    Participant p;
    p.person_id = c.person_id;
    p.completion = c;
    auto n = std::lower_bound(names.begin(), names.end(), c.person_id,
                              [](const store::PersonName& x, int64_t id) { return x.id < id; });
    if (n != names.end() && n->id == c.person_id) {
      p.name = n->name;
      p.name_latin = n->name_latin;
    }
    for (const auto& cert : certificates)
      if (cert.person_id == c.person_id) p.current = cert;  // the newest wins
    if (c.complete && !(p.current && p.current->valid())) ++page.ready;
    page.people.push_back(std::move(p));
  }
  page.job =
      jobs::newest_job_with_key_prefix(ctx.db, std::string(kIssueJob), job_key_prefix(cohort_id));
  return page;
}

Result<int64_t> issue(web::Ctx& ctx, int64_t cohort_id, int64_t person_id,
                      curriculum::Completion* incomplete) {
  auto cohort = issuable_cohort(ctx, cohort_id);
  if (!cohort) return not_found();
  auto completion = curriculum::completion_of(ctx.db, cohort_id, person_id);
  if (!completion) return invalid("person", N_("This person is not taking part in the cohort."));
  if (!completion->complete) {
    if (incomplete) *incomplete = *completion;
    return invalid("person", N_("This person has not completed the cohort yet, so no "
                                "certificate was issued."));
  }
  if (store::has_valid(ctx.db, person_id, cohort_id))
    return Error{ErrorKind::conflict, "person",
                 N_("This person already holds a valid certificate for this cohort.")};
  auto person = programme::store::find_person(ctx.db, person_id);
  if (!person) return not_found();
  auto id = issue_to(ctx.db, issuer_of(ctx), *cohort, common_of(ctx.db, *cohort),
                     {person->id, person->name, person->name_latin});
  if (!id)
    return Error{ErrorKind::conflict, "person",
                 N_("This person already holds a valid certificate for this cohort.")};
  return *id;
}

Status start_issue_all(web::Ctx& ctx, int64_t cohort_id) {
  auto cohort = issuable_cohort(ctx, cohort_id);
  if (!cohort) return not_found();
  const std::string prefix = job_key_prefix(cohort_id);
  auto last = jobs::newest_job_with_key_prefix(ctx.db, std::string(kIssueJob), prefix);
  if (last && (last->state == jobs::State::queued || last->state == jobs::State::running))
    return ok();  // asked for already
  jobs::NewJob j;
  j.kind = std::string(kIssueJob);
  j.payload = boost::json::serialize(boost::json::object{{"cohort", cohort_id}});
  j.key = prefix + std::to_string(ctx.now);
  j.max_attempts = 3;
  j.programme_id = cohort->programme_id;
  j.account_id = ctx.actor.id;
  db::Transaction tx(ctx.db);
  if (jobs::enqueue(ctx, j))
    auth::audit(ctx, "certificate.issue_all", "cohort", std::to_string(cohort_id));
  tx.commit();
  return ok();
}

Result<IssuedAll> issue_all(web::Ctx& ctx, int64_t cohort_id,
                            const std::function<void(int64_t, int64_t)>& progress) {
  auto cohort = issuable_cohort(ctx, cohort_id);
  if (!cohort) return not_found();
  return issue_due(ctx.db, issuer_of(ctx), *cohort, progress);
}

long issue_all_as_crm(db::Session& db, int64_t cohort_id, const std::string& base_url,
                      int64_t now) {
  auto found = programme::store::find_cohort_access(db, cohort_id, 0);
  if (!found) return 0;
  return issue_due(db, Issuer{0, now, base_url, {}}, found->cohort, {}, true).issued;
}

bool revoke_as_crm(db::Session& db, int64_t certificate_id, const std::string& reason,
                   int64_t now) {
  auto found = store::find(db, certificate_id);
  if (!found) return false;
  db::Transaction tx(db);
  if (!store::revoke(db, certificate_id, found->certificate.cohort_id, reason, 0, now))
    return false;
  tx.commit();
  return true;
}

jobs::Handler issue_job(const Config& config, const Catalogs& catalogs, const web::Assets& assets) {
  return [&config, &catalogs, &assets](jobs::JobContext& jc) {
    const int64_t cohort_id = cohort_of_payload(jc.job.payload);
    if (!cohort_id) return jobs::Outcome::fail("The job names no cohort.");
    auto actor = jobs::actor_of(jc.db, jc.job);
    if (!actor) return jobs::Outcome::fail(kStarterGone);
    // As whoever asked for it, with the same checks their request had and
    // the audit entries in their name.
    web::Ctx ctx{jc.db, config, catalogs, assets, Tr(catalogs, "en")};
    ctx.now = jc.now;
    ctx.actor = *actor;
    ctx.request_id = "job-" + std::to_string(jc.job.id);
    auto r =
        issue_all(ctx, cohort_id, [&jc](int64_t done, int64_t total) { jc.progress(done, total); });
    if (!r) return jobs::Outcome::fail(kNoLongerAllowed);
    return jobs::Outcome::done();
  };
}

Result<RevokePage> revoke_page(web::Ctx& ctx, int64_t certificate_id) {
  auto found = store::find(ctx.db, certificate_id);
  if (!found) return not_found();
  auto cohort = issuable_cohort(ctx, found->certificate.cohort_id);
  if (!cohort) return not_found();
  return RevokePage{std::move(found->certificate), std::move(*cohort)};
}

Result<int64_t> revoke(web::Ctx& ctx, int64_t certificate_id, const std::string& typed) {
  auto page = revoke_page(ctx, certificate_id);
  if (!page) return page.error();
  std::string reason = typed;
  while (!reason.empty() && std::isspace(static_cast<unsigned char>(reason.back())))
    reason.pop_back();
  reason.erase(0, std::min(reason.size(), reason.find_first_not_of(" \t\r\n")));
  if (reason.empty()) return invalid("reason", N_("Give the reason for revoking the certificate."));
  if (reason.size() > kMaxReasonBytes)
    return invalid("reason", plural("The reason may be at most {n} character long.",
                                    "The reason may be at most {n} characters long.",
                                    static_cast<long long>(kMaxReasonBytes)));
  if (!page->certificate.valid())
    return Error{ErrorKind::conflict, "", N_("This certificate has already been revoked.")};
  db::Transaction tx(ctx.db);
  if (!store::revoke(ctx.db, certificate_id, page->cohort.id, reason, ctx.actor.id, ctx.now))
    return Error{ErrorKind::conflict, "", N_("This certificate has already been revoked.")};
  auth::audit(ctx, "certificate.revoked", "certificate", std::to_string(certificate_id),
              auth::changes_json({{"reason", {"", reason}}}));
  tx.commit();
  return page->cohort.id;
}

Result<Pdf> pdf(web::Ctx& ctx, int64_t certificate_id) {
  if (!ctx.actor.signed_in()) return not_found();
  auto found = store::find(ctx.db, certificate_id);
  if (!found) return not_found();
  bool allowed = found->holder_account_id == ctx.actor.id;
  if (!allowed) {
    auto m = programme::store::membership(ctx.db, found->certificate.programme_id, ctx.actor.id);
    allowed = curriculum::policy::can_issue_certificates(ctx.actor.role, m.in_programme);
  }
  if (!allowed) return not_found();
  auto bytes = store::pdf(ctx.db, certificate_id);
  if (!bytes) return not_found();
  return Pdf{std::move(*bytes), "certificate-" + found->certificate.code + ".pdf"};
}

Verified verify(web::Ctx& ctx, std::string_view typed) {
  Verified v;
  auto code = normalise_code(typed);
  if (code) v.code = *code;
  // The same one statement whether the text is a code or not.
  v.found = store::verification(ctx.db, v.code, std::string(ctx.tr.language()));
  if (!code) v.found.reset();
  return v;
}

std::vector<Certificate> held_by(web::Ctx& ctx, int64_t person_id, int64_t holder_account_id) {
  if (!ctx.actor.signed_in()) return {};
  auto all = store::of_person(ctx.db, person_id);
  if (all.empty() || holder_account_id == ctx.actor.id) return all;
  std::vector<Certificate> out;
  std::map<int64_t, bool> staff_of;  // programme -> may issue there
  for (auto& c : all) {
    auto it = staff_of.find(c.programme_id);
    if (it == staff_of.end()) {
      auto m = programme::store::membership(ctx.db, c.programme_id, ctx.actor.id);
      it = staff_of
               .emplace(c.programme_id,
                        curriculum::policy::can_issue_certificates(ctx.actor.role, m.in_programme))
               .first;
    }
    if (it->second) out.push_back(std::move(c));
  }
  return out;
}

std::vector<Certificate> of_person(db::Session& db, int64_t person_id) {
  return store::of_person(db, person_id);
}

void erase_holder(db::Session& db, int64_t person_id, int64_t now) {
  store::erase_holder(db, person_id, std::string(kErasedReason), now);
}

}  // namespace crm::certificates

// Supervision: comments on a version and the assessment of the latest one
// with the cohort's rubric and a decision, each mailed to the author.
#include <algorithm>
#include <map>

#include "auth/service.hpp"
#include "papers/access.hpp"
#include "papers/policy.hpp"
#include "papers/service.hpp"
#include "search/change_log.hpp"

namespace crm::papers {

using detail::length;
using detail::trim;

namespace {

constexpr size_t kMaxComment = 5000, kMaxFeedback = 10000;

const char* decision_sentence(std::string_view d) {
  if (d == "accepted") return N_("Your paper has been accepted. Congratulations!");
  if (d == "revisions")
    return N_(
        "Your supervisor asks for revisions. Please read the feedback and upload a new "
        "version.");
  return N_("Your paper has not been accepted.");
}

}  // namespace

Result<int64_t> add_comment(web::Ctx& ctx, int64_t version_id, const std::string& body) {
  auto v = store::find_version(ctx.db, version_id, false);
  if (!v) return not_found();
  auto a = detail::paper_access(ctx, v->version.paper_id);
  if (!a || !policy::can_comment(ctx.actor.role, a->in_programme, a->is_author, a->is_supervisor))
    return not_found();
  const auto text = trim(body);
  if (text.empty()) return invalid("body", N_("Write a comment."));
  if (length(text) > kMaxComment)
    return invalid("body",
                   plural("At most {n} character.", "At most {n} characters.", kMaxComment));
  const auto& paper = a->paper;
  db::Transaction tx(ctx.db);
  const int64_t id = store::insert_comment(ctx.db, version_id, ctx.actor.id, text, ctx.now);
  auth::audit(ctx, "paper.comment", "paper_comment", std::to_string(id),
              "paper=" + std::to_string(paper.id) + " version=" + std::to_string(version_id));
  const std::string path =
      "/papers/" + std::to_string(paper.id) + "#version-" + std::to_string(v->version.number);
  const long number = v->version.number;
  const std::string commenter = ctx.actor.name;
  if (!a->is_author) {
    detail::mail_person(ctx, paper.person_id, path, [&](const Tr& t) {
      return detail::MailText{t("New comment on your paper from {name}", {{"name", commenter}}),
                              {t("{name} has commented on version {n} of your paper:",
                                 {{"name", commenter}, {"n", t.number(number)}}),
                               text}};
    });
  } else if (paper.supervisor_id) {
    const std::string author = paper.author_name;
    detail::mail_person(ctx, paper.supervisor_id, path, [&](const Tr& t) {
      return detail::MailText{
          t("New comment on a paper you supervise: {author}", {{"author", author}}),
          {t("{name} has commented on version {n} of their paper:",
             {{"name", author}, {"n", t.number(number)}}),
           text}};
    });
  }
  tx.commit();
  return paper.id;
}

Result<AssessPage> assess_page(web::Ctx& ctx, int64_t paper_id) {
  auto a = detail::paper_access(ctx, paper_id);
  if (!a || !policy::can_assess(ctx.actor.role, a->in_programme, a->is_author, a->is_supervisor))
    return not_found();
  auto versions = store::list_versions(ctx.db, paper_id);
  if (versions.empty())
    return invalid("", N_("Nothing has been uploaded yet: there is no version to assess."));
  AssessPage p;
  p.version = versions.front();
  p.criteria = store::list_criteria(ctx.db, a->paper.cohort_id);
  p.paper = std::move(a->paper);
  return p;
}

Status assess(web::Ctx& ctx, int64_t paper_id, const AssessForm& form) {
  auto page = assess_page(ctx, paper_id);
  if (!page) return page.error();
  std::map<int64_t, std::string> typed(form.scores.begin(), form.scores.end());
  Assessment as;
  as.paper_id = paper_id;
  as.version_id = page->version.id;
  std::vector<std::pair<int64_t, long>> scores;
  for (const auto& c : page->criteria) {
    const auto field = "score_" + std::to_string(c.id);
    auto it = typed.find(c.id);
    const auto value = it == typed.end() ? std::string() : trim(it->second);
    if (value.empty()) return invalid(field, N_("Give a score for this criterion."));
    auto n = parse_whole_number(value);
    if (!n || *n < 0 || *n > c.scale_max)
      return invalid(field, N_("Enter a whole number from {min} to {max}."),
                     {{"min", 0}, {"max", c.scale_max}});
    scores.emplace_back(c.id, static_cast<long>(*n));
  }
  as.feedback = trim(form.feedback);
  if (length(as.feedback) > kMaxFeedback)
    return invalid("feedback",
                   plural("At most {n} character.", "At most {n} characters.", kMaxFeedback));
  as.decision = form.decision;
  if (std::none_of(std::begin(kDecisions), std::end(kDecisions),
                   [&](const char* d) { return as.decision == d; }))
    return invalid("decision", N_("Choose a decision: accepted, revisions required or rejected."));
  const auto& paper = page->paper;
  db::Transaction tx(ctx.db);
  const int64_t id = store::insert_assessment(ctx.db, as, ctx.actor.id, ctx.now);
  std::string summary;
  for (const auto& [criterion, score] : scores) {
    store::insert_score(ctx.db, id, criterion, score);
    summary += " c" + std::to_string(criterion) + "=" + std::to_string(score);
  }
  store::set_status(ctx.db, paper_id, as.decision, ctx.now);
  auth::audit(ctx, "paper.assess", "paper_assessment", std::to_string(id),
              "paper=" + std::to_string(paper_id) +
                  " version=" + std::to_string(page->version.number) + " decision=" + as.decision +
                  " status=" + paper.status + "->" + as.decision + summary);
  search::record_change(ctx.db, search::WorkKind::paper, paper_id, ctx.now);
  const std::string decision = as.decision, assessor = ctx.actor.name;
  const long number = page->version.number;
  detail::mail_person(ctx, paper.person_id, "/papers/" + std::to_string(paper_id) + "#feedback",
                      [&](const Tr& t) {
                        return detail::MailText{
                            t("Your paper has been assessed: {decision}",
                              {{"decision", t(detail::status_label(decision))}}),
                            {t(decision_sentence(decision)),
                             t("{name} has assessed version {n} of your paper. The scores and the "
                               "feedback are on your paper's page.",
                               {{"name", assessor}, {"n", t.number(number)}})}};
                      });
  tx.commit();
  return ok();
}

}  // namespace crm::papers

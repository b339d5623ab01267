#include "admissions/call_service.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "admissions/blinding.hpp"
#include "admissions/deadline.hpp"
#include "admissions/policy.hpp"
#include "auth/service.hpp"
#include "curriculum/service.hpp"
#include "programme/countries.hpp"
#include "programme/model.hpp"
#include "programme/programmes.hpp"
#include "programme/store.hpp"

namespace crm::admissions {

namespace store = call_store;

const std::vector<std::string_view>& document_kinds() {
  static const std::vector<std::string_view> v = {"cv", "support_letter", "other"};
  return v;
}

const std::vector<std::string_view>& bound_dimensions() {
  static const std::vector<std::string_view> v = {"route_role", "gender", "country",
                                                  "organisation_type"};
  return v;
}

namespace {

std::string lang(const web::Ctx& ctx) {
  return std::string(ctx.tr.language());
}

bool is_language(std::string_view code) {
  const auto& l = languages();
  return std::any_of(l.begin(), l.end(), [&](const Language& x) { return x.code == code; });
}

// A whole number from `lo` to `hi` typed in `field`.
Result<long> whole(const std::string& text, const std::string& field, long lo, long hi) {
  auto n = parse_whole_number(programme::trimmed(text));
  if (!n || *n < lo || *n > hi)
    return invalid(field, N_("Enter a whole number from {min} to {max}."),
                   {{"min", lo}, {"max", hi}});
  return static_cast<long>(*n);
}

// The call with its cohort when the actor manages it; nullopt otherwise.
std::optional<CallHead> managed(web::Ctx& ctx, int64_t id) {
  if (!ctx.actor.signed_in()) return std::nullopt;
  auto c = store::find_call(ctx.db, id);
  if (!c) return std::nullopt;
  const auto m = programme::store::membership(ctx.db, c->programme_id, ctx.actor.id);
  if (!policy::can_manage_calls(ctx.actor.role, m.in_programme)) return std::nullopt;
  auto row = store::call_header(ctx.db, id, lang(ctx));
  if (!row) return std::nullopt;
  CallHead h{std::move(*c), std::move(*row), 0};
  h.applications = store::count_applications(ctx.db, id);
  return h;
}

// The opening and closing of `form` as instants in its zone.
Status read_dates(const CallForm& form, Call& c) {
  const auto zone = programme::trimmed(form.time_zone);
  if (zone.empty() || !is_time_zone(zone))
    return invalid("time_zone", N_("Choose a time zone from the list."));
  auto opens = deadline::opening_instant(programme::trimmed(form.opens_date),
                                         programme::trimmed(form.opens_time), zone, "opens");
  if (!opens) return opens.error();
  auto closes = deadline::closing_instant(programme::trimmed(form.closes_date),
                                          programme::trimmed(form.closes_time), zone, "closes");
  if (!closes) return closes.error();
  if (*closes <= *opens + 60)
    return invalid("closes_date", N_("The closing must come after the opening."));
  c.time_zone = zone;
  c.opens_at = *opens;
  c.closes_at = *closes;
  return ok();
}

// The sum of the minimums of each dimension's own values.
long largest_minimum_sum(const std::vector<Bound>& bounds) {
  std::map<std::string, long> sums;
  for (const auto& b : bounds)
    if (b.value != "*") sums[b.dimension] += b.min_count;
  long most = 0;
  for (const auto& [d, s] : sums) most = std::max(most, s);
  return most;
}

Status check_texts(const std::map<std::string, CallText>& texts) {
  for (const auto& [language, t] : texts) {
    const std::string suffix = "_" + language;
    if (!programme::fits(t.title, kMaxCallTitle))
      return invalid("title" + suffix,
                     plural("At most {n} character.", "At most {n} characters.", kMaxCallTitle));
    const std::pair<const char*, const std::string*> long_texts[] = {
        {"who", &t.who_may_apply},
        {"offer", &t.offer},
        {"costs", &t.costs},
        {"dates", &t.dates},
        {"retention", &t.retention_notice}};
    for (const auto& [name, value] : long_texts)
      if (!programme::fits(*value, kMaxCallText, true))
        return invalid(std::string(name) + suffix,
                       plural("At most {n} character.", "At most {n} characters.", kMaxCallText));
    const bool any = !t.who_may_apply.empty() || !t.offer.empty() || !t.costs.empty() ||
                     !t.dates.empty() || !t.retention_notice.empty();
    if (any && t.title.empty())
      return invalid("title" + suffix, N_("Give the call a title in this language too."));
  }
  return ok();
}

Status check_labels(const LabelTexts& texts, const char* second) {
  bool any = false;
  for (const auto& [language, t] : texts) {
    const std::string suffix = "_" + language;
    if (!programme::fits(t.first, kMaxLabel))
      return invalid("label" + suffix,
                     plural("At most {n} character.", "At most {n} characters.", kMaxLabel));
    if (!programme::fits(t.second, kMaxHint, true))
      return invalid(second + suffix,
                     plural("At most {n} character.", "At most {n} characters.", kMaxHint));
    if (t.first.empty() && !t.second.empty())
      return invalid("label" + suffix, N_("Write the label in this language too."));
    any = any || !t.first.empty();
  }
  if (!any) return invalid("label_en", N_("Write the label in at least one language."));
  return ok();
}

LabelTexts trimmed_labels(const LabelTexts& in) {
  LabelTexts out;
  for (const auto& [language, t] : in) {
    if (!is_language(language)) continue;
    auto label = programme::trimmed(t.first), second = programme::trimmed(t.second);
    if (label.empty() && second.empty()) continue;
    out[language] = {label, second};
  }
  return out;
}

CallForm form_of(const Call& c, const std::map<std::string, CallText>& texts,
                 const std::vector<DocumentRule>& docs) {
  CallForm f;
  const auto opens = curriculum::local_parts(c.opens_at, c.time_zone);
  const auto closes = curriculum::local_parts(c.closes_at - 60, c.time_zone);
  f.opens_date = opens.date;
  f.opens_time = opens.time;
  f.closes_date = closes.date;
  f.closes_time = closes.time;
  f.time_zone = c.time_zone;
  f.places = std::to_string(c.places);
  f.texts = texts;
  for (auto field : blinding::parse(c.blind_fields))
    f.blind.emplace_back(blinding::field_name(field));
  f.conflict_same_country = c.conflict_same_country;
  f.second_stage = c.second_stage;
  f.reviewers = std::to_string(c.reviewers_per_application);
  f.retention = std::to_string(c.retention_months);
  for (auto kind : document_kinds()) f.documents[std::string(kind)] = {false, true, "5"};
  for (const auto& d : docs)
    f.documents[d.kind] = {true, d.required,
                           std::to_string(std::max<int64_t>(1, d.max_bytes / (1024 * 1024)))};
  return f;
}

bool value_fits_dimension(const std::string& dimension, const std::string& value) {
  if (value == "*") return true;
  auto in = [&](const std::vector<std::string_view>& v) {
    return std::find(v.begin(), v.end(), value) != v.end();
  };
  if (dimension == "route_role") return in(programme::route_roles());
  if (dimension == "gender") return in(programme::gender_choices()) || value == "self_described";
  if (dimension == "organisation_type") return in(programme::organisation_types());
  if (dimension == "country") return programme::is_country(value);
  return false;
}

}  // namespace

const std::pair<const std::string, CallText>* text_for(const std::map<std::string, CallText>& texts,
                                                       std::string_view language) {
  for (auto want : {language, std::string_view("en")}) {
    auto it = texts.find(std::string(want));
    if (it != texts.end() && !it->second.title.empty()) return &*it;
  }
  for (const auto& entry : texts)
    if (!entry.second.title.empty()) return &entry;
  return nullptr;
}

std::optional<NewCallPage> new_call_page(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_manage_calls(ctx.actor.role, true))
    return std::nullopt;
  NewCallPage p;
  p.cohorts = store::cohorts_without_call(ctx.db, ctx.actor.id, ctx.actor.role == auth::Role::admin,
                                          lang(ctx));
  p.form.time_zone = ctx.tr.time_zone();
  p.form.opens_time = "09:00";
  p.form.closes_time = "23:59";
  p.form.places = "24";
  return p;
}

Result<int64_t> create_call(web::Ctx& ctx, const CallForm& form) {
  if (!ctx.actor.signed_in() || !policy::can_manage_calls(ctx.actor.role, true)) return not_found();
  auto cohort_id = parse_whole_number(programme::trimmed(form.cohort));
  const auto choices = store::cohorts_without_call(ctx.db, ctx.actor.id,
                                                   ctx.actor.role == auth::Role::admin, lang(ctx));
  auto cohort = std::find_if(choices.begin(), choices.end(), [&](const store::CohortChoice& c) {
    return cohort_id && c.id == *cohort_id;
  });
  if (cohort == choices.end())
    return invalid("cohort", N_("Choose a cohort of your programme that has no call yet."));
  Call c;
  c.programme_id = cohort->programme_id;
  c.cohort_id = cohort->id;
  if (auto st = read_dates(form, c); !st) return st.error();
  auto places = whole(form.places, "places", 1, kMaxPlaces);
  if (!places) return places.error();
  c.places = *places;
  c.blind_fields = blinding::default_blind_fields();
  c.created_at = c.updated_at = ctx.now;
  db::Transaction tx(ctx.db);
  const int64_t id = store::insert_call(ctx.db, c);
  std::vector<DocumentRule> docs = {{"cv", true, 5 * 1024 * 1024}};
  store::replace_documents(ctx.db, id, docs);
  auth::audit(ctx, "call.create", "call", std::to_string(id),
              "cohort=" + std::to_string(c.cohort_id) + " places=" + std::to_string(c.places) +
                  " zone=" + c.time_zone + " opens=" + std::to_string(c.opens_at) +
                  " closes=" + std::to_string(c.closes_at));
  tx.commit();
  return id;
}

std::optional<EditCallPage> edit_call_page(web::Ctx& ctx, int64_t id) {
  db::ReadSnapshot snapshot(ctx.db);
  auto h = managed(ctx, id);
  if (!h) return std::nullopt;
  EditCallPage p;
  p.form = form_of(h->call, store::call_texts(ctx.db, id), store::list_documents(ctx.db, id));
  p.closing_passed_with_applications = h->call.closes_at <= ctx.now && h->applications > 0;
  p.head = std::move(*h);
  return p;
}

Status update_call(web::Ctx& ctx, int64_t id, const CallForm& form) {
  auto h = managed(ctx, id);
  if (!h) return not_found();
  Call c = h->call;
  if (auto st = read_dates(form, c); !st) return st;
  auto places = whole(form.places, "places", 1, kMaxPlaces);
  if (!places) return places.error();
  c.places = *places;
  const auto bounds = store::list_bounds(ctx.db, id);
  if (const long need = largest_minimum_sum(bounds); need > c.places)
    return invalid("places",
                   N_("The call's bounds ask for at least {min} people: give at least as many "
                      "places, or change the bounds."),
                   {{"min", need}});
  // Reopening a call whose deadline has passed and that has applications
  // is done on purpose only.
  const bool reopens = h->call.closes_at <= ctx.now && c.closes_at > ctx.now;
  if (reopens && h->applications > 0 && c.status == "published" && !form.reopen)
    return invalid("reopen", N_("The deadline has passed and people have applied: tick "
                                "\"Reopen\" to take applications again."));
  std::map<std::string, CallText> texts;
  for (const auto& [language, t] : form.texts) {
    if (!is_language(language)) continue;
    CallText x{programme::trimmed(t.title), programme::trimmed(t.who_may_apply),
               programme::trimmed(t.offer), programme::trimmed(t.costs),
               programme::trimmed(t.dates), programme::trimmed(t.retention_notice)};
    if (x.title.empty() && x.who_may_apply.empty() && x.offer.empty() && x.costs.empty() &&
        x.dates.empty() && x.retention_notice.empty())
      continue;
    texts[language] = std::move(x);
  }
  if (auto st = check_texts(texts); !st) return st;
  std::vector<blinding::Field> blind;
  for (auto f : blinding::kBlindable)
    if (std::find(form.blind.begin(), form.blind.end(), blinding::field_name(f)) !=
        form.blind.end())
      blind.push_back(f);
  c.blind_fields = blinding::join(blind);
  c.conflict_same_country = form.conflict_same_country;
  c.second_stage = form.second_stage;
  auto reviewers = whole(form.reviewers, "reviewers", 2, kMaxReviewers);
  if (!reviewers) return reviewers.error();
  c.reviewers_per_application = *reviewers;
  auto retention = whole(form.retention, "retention", 0, kMaxRetentionMonths);
  if (!retention) return retention.error();
  c.retention_months = *retention;
  std::vector<DocumentRule> docs;
  for (auto kind : document_kinds()) {
    auto it = form.documents.find(std::string(kind));
    if (it == form.documents.end() || !it->second.asked) continue;
    auto mb = whole(it->second.max_megabytes, "max_" + std::string(kind), 1, kMaxDocumentMegabytes);
    if (!mb) return mb.error();
    docs.push_back({std::string(kind), it->second.required, int64_t{*mb} * 1024 * 1024});
  }
  const auto old_docs = store::list_documents(ctx.db, id);
  const bool docs_changed =
      docs.size() != old_docs.size() ||
      !std::equal(docs.begin(), docs.end(), old_docs.begin(), [](const auto& a, const auto& b) {
        return a.kind == b.kind && a.required == b.required && a.max_bytes == b.max_bytes;
      });
  if (docs_changed && h->applications > 0)
    return invalid("doc_cv", N_("People have applied: the documents asked for cannot change."));
  c.updated_at = ctx.now;
  db::Transaction tx(ctx.db);
  store::update_call(ctx.db, c);
  store::replace_texts(ctx.db, id, texts);
  if (docs_changed) store::replace_documents(ctx.db, id, docs);
  std::string languages;
  for (const auto& [l, t] : texts) languages += (languages.empty() ? "" : ",") + l;
  std::string changes = "places=" + std::to_string(c.places) + " zone=" + c.time_zone +
                        " opens=" + std::to_string(c.opens_at) +
                        " closes=" + std::to_string(c.closes_at) + " languages=" + languages +
                        " blind=" + c.blind_fields + " documents=" + std::to_string(docs.size()) +
                        " reviewers=" + std::to_string(c.reviewers_per_application) +
                        " retention=" + std::to_string(c.retention_months);
  auth::audit(ctx, "call.update", "call", std::to_string(id), changes);
  if (reopens && h->applications > 0 && c.status == "published")
    auth::audit(ctx, "call.reopen", "call", std::to_string(id),
                "closed_at=" + std::to_string(h->call.closes_at) +
                    " closes=" + std::to_string(c.closes_at) +
                    " applications=" + std::to_string(h->applications));
  tx.commit();
  return ok();
}

std::optional<QuestionsPage> questions_page(web::Ctx& ctx, int64_t id) {
  db::ReadSnapshot snapshot(ctx.db);
  auto h = managed(ctx, id);
  if (!h) return std::nullopt;
  QuestionsPage p;
  p.questions = store::list_questions(ctx.db, id);
  p.locked = h->applications > 0;
  p.head = std::move(*h);
  return p;
}

Status add_question(web::Ctx& ctx, int64_t id, const QuestionForm& form) {
  auto h = managed(ctx, id);
  if (!h) return not_found();
  if (h->applications > 0)
    return invalid("kind", N_("People have applied: the questions cannot change."));
  Question q;
  if (form.kind != "yes_no" && form.kind != "text")
    return invalid("kind", N_("Choose the kind of question."));
  q.kind = form.kind;
  q.required = form.required;
  if (!form.eligible.empty()) {
    if (q.kind != "yes_no" || (form.eligible != "yes" && form.eligible != "no"))
      return invalid("eligible", N_("Only a yes/no question has an eligible answer: yes or no."));
    q.eligible_answer = form.eligible;
  }
  q.texts = trimmed_labels(form.texts);
  if (auto st = check_labels(q.texts, "hint"); !st) return st;
  db::Transaction tx(ctx.db);
  const int64_t qid = store::insert_question(ctx.db, id, q);
  auth::audit(ctx, "call.question.add", "call", std::to_string(id),
              "question=" + std::to_string(qid) + " kind=" + q.kind +
                  " required=" + (q.required ? "1" : "0") + " eligible=" + q.eligible_answer);
  tx.commit();
  return ok();
}

Status delete_question(web::Ctx& ctx, int64_t id, int64_t question_id) {
  auto h = managed(ctx, id);
  if (!h) return not_found();
  if (h->applications > 0)
    return invalid("", N_("People have applied: the questions cannot change."));
  db::Transaction tx(ctx.db);
  if (!store::delete_question(ctx.db, id, question_id)) return not_found();
  auth::audit(ctx, "call.question.delete", "call", std::to_string(id),
              "question=" + std::to_string(question_id));
  tx.commit();
  return ok();
}

std::optional<CriteriaPage> criteria_page(web::Ctx& ctx, int64_t id) {
  db::ReadSnapshot snapshot(ctx.db);
  auto h = managed(ctx, id);
  if (!h) return std::nullopt;
  CriteriaPage p;
  p.criteria = store::list_criteria(ctx.db, id);
  p.locked = store::count_reviews(ctx.db, id) > 0;
  p.head = std::move(*h);
  return p;
}

Status add_criterion(web::Ctx& ctx, int64_t id, const CriterionForm& form) {
  auto h = managed(ctx, id);
  if (!h) return not_found();
  if (store::count_reviews(ctx.db, id) > 0)
    return invalid("weight", N_("Reviews have begun: the rubric cannot change."));
  Criterion k;
  const auto w = programme::trimmed(form.weight);
  double weight = 0;
  auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), weight);
  if (w.empty() || ec != std::errc() || end != w.data() + w.size() || !std::isfinite(weight) ||
      weight <= 0 || weight > 100)
    return invalid("weight", N_("Enter a weight above {min} and at most {max}."),
                   {{"min", 0}, {"max", 100}});
  k.weight = weight;
  auto lo = whole(form.scale_min, "scale_min", 0, kMaxScale);
  if (!lo) return lo.error();
  auto hi = whole(form.scale_max, "scale_max", 1, kMaxScale);
  if (!hi) return hi.error();
  if (*hi <= *lo) return invalid("scale_max", N_("The highest score must be above the lowest."));
  k.scale_min = *lo;
  k.scale_max = *hi;
  k.texts = trimmed_labels(form.texts);
  if (auto st = check_labels(k.texts, "guidance"); !st) return st;
  db::Transaction tx(ctx.db);
  const int64_t kid = store::insert_criterion(ctx.db, id, k);
  auth::audit(ctx, "call.criterion.add", "call", std::to_string(id),
              "criterion=" + std::to_string(kid) + " weight=" + w +
                  " scale=" + std::to_string(k.scale_min) + "-" + std::to_string(k.scale_max));
  tx.commit();
  return ok();
}

Status delete_criterion(web::Ctx& ctx, int64_t id, int64_t criterion_id) {
  auto h = managed(ctx, id);
  if (!h) return not_found();
  if (store::count_reviews(ctx.db, id) > 0)
    return invalid("", N_("Reviews have begun: the rubric cannot change."));
  db::Transaction tx(ctx.db);
  if (!store::delete_criterion(ctx.db, id, criterion_id)) return not_found();
  auth::audit(ctx, "call.criterion.delete", "call", std::to_string(id),
              "criterion=" + std::to_string(criterion_id));
  tx.commit();
  return ok();
}

Status check_bound(const Bound& b, const std::vector<Bound>& existing, long places) {
  if (b.max_count && *b.max_count < b.min_count)
    return invalid("max", N_("The maximum is below the minimum."));
  if (b.value == "*" && b.min_count > 0)
    return invalid("min",
                   N_("A bound for each value takes a maximum only (\"at most {max} per "
                      "country\"); set the minimum to {min}."),
                   {{"max", 3}, {"min", 0}});
  if (b.min_count > places)
    return invalid("min", N_("A minimum of {min} is more than the call's {max} places."),
                   {{"min", b.min_count}, {"max", places}});
  long sum = b.min_count;
  for (const auto& x : existing) {
    if (x.dimension != b.dimension) continue;
    if (x.value == b.value)
      return invalid("value", N_("There is a bound for this value already: delete it first."));
    if (x.value != "*") sum += x.min_count;
    // A maximum for every value below one value's minimum.
    if (x.value == "*" && x.max_count && b.min_count > *x.max_count)
      return invalid("min",
                     N_("Every value of this dimension has at most {max}: a minimum of "
                        "{min} contradicts it."),
                     {{"max", *x.max_count}, {"min", b.min_count}});
    if (b.value == "*" && b.max_count && x.min_count > *b.max_count)
      return invalid("max",
                     N_("A value of this dimension needs at least {min}: a maximum of "
                        "{max} for every value contradicts it."),
                     {{"min", x.min_count}, {"max", *b.max_count}});
  }
  if (sum > places)
    return invalid("min",
                   N_("The minimums of this dimension would add up to {min}, more than "
                      "the call's {max} places."),
                   {{"min", sum}, {"max", places}});
  return ok();
}

std::optional<BoundsPage> bounds_page(web::Ctx& ctx, int64_t id) {
  db::ReadSnapshot snapshot(ctx.db);
  auto h = managed(ctx, id);
  if (!h) return std::nullopt;
  BoundsPage p;
  p.bounds = store::list_bounds(ctx.db, id);
  for (const auto& c : programme::store::list_programme_countries(ctx.db, h->call.programme_id))
    if (std::find(p.countries.begin(), p.countries.end(), c.country) == p.countries.end())
      p.countries.push_back(c.country);
  p.head = std::move(*h);
  return p;
}

Status add_bound(web::Ctx& ctx, int64_t id, const BoundForm& form) {
  auto h = managed(ctx, id);
  if (!h) return not_found();
  Bound b;
  b.dimension = form.dimension;
  const auto& dims = bound_dimensions();
  if (std::find(dims.begin(), dims.end(), b.dimension) == dims.end())
    return invalid("dimension", N_("Choose what the bound counts."));
  b.value = programme::trimmed(form.value);
  if (b.dimension == "country" && b.value != "*")
    for (auto& ch : b.value) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (!value_fits_dimension(b.dimension, b.value))
    return invalid("value", N_("Choose a value that belongs to this dimension."));
  auto lo = whole(form.min, "min", 0, kMaxPlaces);
  if (!lo) return lo.error();
  b.min_count = *lo;
  if (!programme::trimmed(form.max).empty()) {
    auto hi = whole(form.max, "max", 0, kMaxPlaces);
    if (!hi) return hi.error();
    b.max_count = *hi;
  }
  if (auto st = check_bound(b, store::list_bounds(ctx.db, id), h->call.places); !st) return st;
  db::Transaction tx(ctx.db);
  store::insert_bound(ctx.db, id, b);
  auth::audit(ctx, "call.bound.add", "call", std::to_string(id),
              "dimension=" + b.dimension + " value=" + b.value +
                  " min=" + std::to_string(b.min_count) +
                  " max=" + (b.max_count ? std::to_string(*b.max_count) : ""));
  tx.commit();
  return ok();
}

Status delete_bound(web::Ctx& ctx, int64_t id, long n, const BoundForm& expected) {
  auto h = managed(ctx, id);
  if (!h) return not_found();
  const auto bounds = store::list_bounds(ctx.db, id);
  if (n < 1 || n > static_cast<long>(bounds.size())) return not_found();
  const auto& b = bounds[static_cast<size_t>(n - 1)];
  if (b.dimension != expected.dimension || b.value != expected.value)
    return Error{ErrorKind::conflict, "",
                 N_("The bounds have changed meanwhile: nothing was "
                    "deleted. Look at them again.")};
  db::Transaction tx(ctx.db);
  store::delete_bound(ctx.db, id, b.dimension, b.value);
  auth::audit(ctx, "call.bound.delete", "call", std::to_string(id),
              "dimension=" + b.dimension + " value=" + b.value);
  tx.commit();
  return ok();
}

Status publish_call(web::Ctx& ctx, int64_t id) {
  auto h = managed(ctx, id);
  if (!h) return not_found();
  if (h->call.status != "draft") return invalid("", N_("Only a draft call can be published."));
  if (h->row.title.empty())
    return invalid("", N_("Give the call a title in at least one language before publishing it."));
  if (h->call.closes_at <= h->call.opens_at)
    return invalid("", N_("The closing must come after the opening."));
  if (store::list_criteria(ctx.db, id).empty())
    return invalid("", N_("Add at least one review criterion before publishing the call."));
  db::Transaction tx(ctx.db);
  store::set_status(ctx.db, id, "published", ctx.now);
  auth::audit(
      ctx, "call.publish", "call", std::to_string(id),
      "opens=" + std::to_string(h->call.opens_at) + " closes=" + std::to_string(h->call.closes_at));
  tx.commit();
  return ok();
}

Status close_call(web::Ctx& ctx, int64_t id) {
  auto h = managed(ctx, id);
  if (!h) return not_found();
  if (h->call.status != "published") return invalid("", N_("Only a published call can be closed."));
  db::Transaction tx(ctx.db);
  store::set_status(ctx.db, id, "closed", ctx.now);
  auth::audit(ctx, "call.close", "call", std::to_string(id),
              "applications=" + std::to_string(h->applications));
  tx.commit();
  return ok();
}

OpenCalls open_calls(web::Ctx& ctx) {
  return {store::list_open_calls(ctx.db, ctx.now, lang(ctx))};
}

std::optional<PublicCall> public_call(web::Ctx& ctx, int64_t id) {
  db::ReadSnapshot snapshot(ctx.db);
  auto row = store::call_header(ctx.db, id, lang(ctx));
  if (!row) return std::nullopt;
  PublicCall p;
  if (ctx.actor.signed_in()) {
    const auto m = programme::store::membership(ctx.db, row->call.programme_id, ctx.actor.id);
    p.can_manage = policy::can_manage_calls(ctx.actor.role, m.in_programme);
  }
  if (row->call.status == "draft" && !p.can_manage) return std::nullopt;
  const auto texts = store::call_texts(ctx.db, id);
  if (const auto* t = text_for(texts, ctx.tr.language())) {
    p.text_language = t->first;
    p.text = t->second;
  }
  p.questions = store::list_questions(ctx.db, id);
  p.documents = store::list_documents(ctx.db, id);
  p.open = deadline::is_open(row->call, ctx.now);
  p.opens_later = row->call.status == "published" && ctx.now < row->call.opens_at;
  p.head.call = row->call;
  p.head.row = std::move(*row);
  return p;
}

std::optional<ManageCalls> manage_calls(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_manage_calls(ctx.actor.role, true))
    return std::nullopt;
  ManageCalls m;
  m.calls = store::list_programme_calls(ctx.db, ctx.actor.id, ctx.actor.role == auth::Role::admin,
                                        lang(ctx));
  m.can_create = true;
  return m;
}

}  // namespace crm::admissions

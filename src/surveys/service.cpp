#include "surveys/service.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>
#include <set>

#include "auth/service.hpp"
#include "programme/programmes.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/instruments.hpp"
#include "surveys/policy.hpp"

namespace crm::surveys {

namespace {

std::string lang(const web::Ctx& ctx) {
  return std::string(ctx.tr.language());
}

bool one_of(const auto& list, std::string_view v) {
  for (const char* x : list)
    if (v == x) return true;
  return false;
}

bool has_choices(std::string_view type) {
  return type == "single" || type == "multiple" || type == "likert" || type == "matrix";
}

// The survey when the actor may manage it; nullopt otherwise (404).
std::optional<Survey> access(web::Ctx& ctx, int64_t id) {
  if (!ctx.actor.signed_in() || !policy::can_manage_surveys(ctx.actor.role, true))
    return std::nullopt;
  auto s = store::find_survey_any(ctx.db, id);
  if (!s) return std::nullopt;
  const auto m = programme::store::membership(ctx.db, s->programme_id, ctx.actor.id);
  if (!policy::can_manage_surveys(ctx.actor.role, m.in_programme)) return std::nullopt;
  return s;
}

std::vector<programme::store::ProgrammeSummary> programmes_for(web::Ctx& ctx) {
  if (ctx.actor.role == auth::Role::admin)
    return programme::store::list_programmes(ctx.db, lang(ctx));
  if (ctx.actor.role == auth::Role::staff)
    return programme::store::list_team_programmes(ctx.db, ctx.actor.id, lang(ctx));
  return {};
}

// A survey being built may have no question yet; it cannot be sent until it
// has one (the rounds check validate() whole).
bool blocks_saving(const DefinitionProblem& p) {
  return p.key != "Add at least one question to answer.";
}

// The form field of a problem of question `index` (others: the whole form).
std::string field_of(const DefinitionProblem& p, long index, const std::string& default_language) {
  if (p.question < 0) {
    if (p.field == "title") return "title_" + default_language;
    if (p.field == "languages" || p.field == "default_language") return p.field;
    return "";
  }
  if (p.question != index) return "";
  if (p.field == "label") return "label_" + default_language;
  if (p.field == "constraint") return "constraint_expr";
  return p.field;
}

std::vector<Error> problems_of(const Definition& d, long index) {
  std::vector<Error> out;
  for (const auto& p : validate(d))
    if (blocks_saving(p))
      out.push_back(invalid(field_of(p, index, d.default_language), p.key, p.numbers));
  return out;
}

// Stores `d` as the survey's newest definition: in place while `current` is
// not frozen, else as a new version. One transaction with its audit entry.
// An error when another save made a newer version meanwhile (nothing stored).
Status save_definition(web::Ctx& ctx, const Survey& s, const Version& current, const Definition& d,
                       const std::string& action, const std::string& details,
                       const Survey* changed_survey = nullptr) {
  db::Transaction tx(ctx.db);
  if (store::lock_newest_version(ctx.db, s.id) != current.id)
    return invalid("", N_("The survey was changed meanwhile: look at it again and repeat your "
                          "change."));
  long number = current.number;
  if (current.frozen_at || !store::replace_unfrozen_version(ctx.db, current.id, d)) {
    number = current.number + 1;
    store::insert_version(ctx.db, s.id, number, "builder", d, ctx.now);
  }
  if (changed_survey) store::update_survey(ctx.db, s.programme_id, *changed_survey);
  auth::audit(ctx, action, "survey", std::to_string(s.id),
              "version=" + std::to_string(number) + (details.empty() ? "" : " " + details));
  tx.commit();
  return ok();
}

std::optional<double> parse_number(const std::string& text) {
  const auto t = programme::trimmed(text);
  if (t.empty()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// The names of the questions whose conditions read `name`.
std::vector<std::string> readers_of(const Definition& d, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& q : d.questions) {
    if (q.name == name) continue;
    for (const auto* text : {&q.relevant, &q.constraint_expr}) {
      auto parsed = parse_expression(*text);
      if (!parsed.expression) continue;
      const auto& names = parsed.expression->names();
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        out.push_back(q.name);
        break;
      }
    }
  }
  return out;
}

std::string exactly_in(const Texts& texts, const std::string& language) {
  auto it = texts.find(language);
  return it == texts.end() ? std::string() : it->second;
}

long index_of(const Definition& d, const std::string& name) {
  for (size_t i = 0; i < d.questions.size(); ++i)
    if (d.questions[i].name == name) return static_cast<long>(i);
  return -1;
}

Texts only_filled(const Texts& texts, const std::vector<std::string>& languages) {
  Texts out;
  for (const auto& l : languages) {
    auto it = texts.find(l);
    if (it == texts.end()) continue;
    auto v = programme::trimmed(it->second);
    if (!v.empty()) out[l] = std::move(v);
  }
  return out;
}

std::vector<Choice> choices_of(const std::vector<std::string>& names,
                               const std::map<std::string, std::vector<std::string>>& texts,
                               const std::vector<std::string>& languages,
                               const std::set<size_t>& positive) {
  std::vector<Choice> out;
  for (size_t i = 0; i < names.size(); ++i) {
    Choice c;
    c.name = programme::trimmed(names[i]);
    for (const auto& l : languages) {
      auto it = texts.find(l);
      if (it == texts.end() || i >= it->second.size()) continue;
      auto v = programme::trimmed(it->second[i]);
      if (!v.empty()) c.label[l] = std::move(v);
    }
    if (c.name.empty() && c.label.empty()) continue;
    c.positive = positive.count(i) > 0;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::optional<SimpleCondition> simple_condition(const std::string& expression) {
  static const std::regex compare(
      R"re(^\s*\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}\s*(=|!=|<=|>=|<|>)\s*(?:'([^']*)'|"([^"]*)"|(-?[0-9]+(?:\.[0-9]+)?))\s*$)re");
  static const std::regex selected(
      R"re(^\s*selected\(\s*\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}\s*,\s*(?:'([^']*)'|"([^"]*)")\s*\)\s*$)re");
  std::smatch m;
  if (std::regex_match(expression, m, compare))
    return SimpleCondition{m[1], m[2], m[3].matched ? m[3] : (m[4].matched ? m[4] : m[5])};
  if (std::regex_match(expression, m, selected))
    return SimpleCondition{m[1], "selected", m[2].matched ? m[2] : m[3]};
  return std::nullopt;
}

std::optional<std::string> condition_expression(const SimpleCondition& c) {
  std::string value;
  static const std::regex number(R"(^-?[0-9]+(\.[0-9]+)?$)");
  if (c.op != "selected" && std::regex_match(c.value, number))
    value = c.value;
  else if (c.value.find('\'') == std::string::npos)
    value = "'" + c.value + "'";
  else if (c.value.find('"') == std::string::npos)
    value = "\"" + c.value + "\"";
  else
    return std::nullopt;
  if (c.op == "selected") return "selected(${" + c.question + "}, " + value + ")";
  return "${" + c.question + "} " + c.op + " " + value;
}

std::optional<SurveyList> survey_list(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_manage_surveys(ctx.actor.role, true))
    return std::nullopt;
  db::ReadSnapshot snapshot(ctx.db);
  SurveyList l;
  l.items =
      store::list_surveys(ctx.db, ctx.actor.id, ctx.actor.role == auth::Role::admin, lang(ctx));
  return l;
}

std::optional<NewSurveyPage> new_survey_page(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_manage_surveys(ctx.actor.role, true))
    return std::nullopt;
  NewSurveyPage p;
  p.programmes = programmes_for(ctx);
  if (p.programmes.empty()) return std::nullopt;
  p.form.programme = std::to_string(p.programmes.front().id);
  p.form.languages = {lang(ctx)};
  p.form.default_language = lang(ctx);
  return p;
}

Result<int64_t> create_survey(web::Ctx& ctx, const NewSurveyForm& form) {
  if (!ctx.actor.signed_in() || !policy::can_manage_surveys(ctx.actor.role, true))
    return not_found();
  auto programme_id = parse_whole_number(programme::trimmed(form.programme));
  const auto mine = programmes_for(ctx);
  if (!programme_id ||
      std::none_of(mine.begin(), mine.end(), [&](const auto& s) { return s.id == *programme_id; }))
    return invalid("programme", N_("Choose a programme."));
  Survey s;
  s.programme_id = *programme_id;
  s.created_at = ctx.now;
  Definition d;
  std::string source = "builder";
  if (!form.instrument.empty()) {
    auto def = form.instrument == "custom" ? std::nullopt : instrument(form.instrument);
    if (!def) return invalid("instrument", N_("Choose one of the built-in surveys."));
    d = std::move(*def);
    s.kind = form.instrument;
    s.anonymous = instrument_is_anonymous(form.instrument);
    s.title = text_in(d.title, lang(ctx), d.default_language);
    source = "instrument";
  } else {
    s.title = programme::trimmed(form.title);
    if (s.title.empty()) return invalid("title", N_("Enter a title."));
    if (!programme::fits(s.title, kMaxSurveyTitle))
      return invalid("title",
                     plural("At most {n} character.", "At most {n} characters.", kMaxSurveyTitle));
    for (const auto& l : kLanguages)
      if (std::find(form.languages.begin(), form.languages.end(), l) != form.languages.end())
        d.languages.push_back(l);
    if (d.languages.size() != form.languages.size())
      return invalid("languages", N_("This language is not offered."));
    d.default_language = form.default_language;
    d.title[d.default_language] = s.title;
    s.anonymous = form.anonymous == "1";
    for (const auto& p : validate(d))
      if (blocks_saving(p)) return invalid(p.field, p.key, p.numbers);
  }
  db::Transaction tx(ctx.db);
  const int64_t id = store::insert_survey(ctx.db, s);
  store::insert_version(ctx.db, id, 1, source, d, ctx.now);
  auth::audit(ctx, "survey.create", "survey", std::to_string(id),
              "programme=" + std::to_string(s.programme_id) + " kind=" + s.kind + " anonymous=" +
                  (s.anonymous ? "1" : "0") + " questions=" + std::to_string(d.questions.size()));
  tx.commit();
  return id;
}

std::optional<SurveyPage> survey_page(web::Ctx& ctx, int64_t id) {
  db::ReadSnapshot snapshot(ctx.db);
  auto s = access(ctx, id);
  if (!s) return std::nullopt;
  auto v = store::latest_version(ctx.db, s->programme_id, id);
  if (!v) return std::nullopt;
  SurveyPage p;
  p.survey = std::move(*s);
  p.current = std::move(*v);
  p.title = staff_title(p.survey.title, p.current.definition.title, lang(ctx),
                        p.current.definition.default_language);
  p.programme = "";
  p.versions = store::list_versions(ctx.db, p.survey.programme_id, id);
  p.rounds = store::list_rounds(ctx.db, p.survey.programme_id, id);
  p.anonymous_locked = !p.rounds.empty();
  return p;
}

SurveyForm form_of(const SurveyPage& p) {
  SurveyForm f;
  f.working_title = p.survey.title;
  f.languages = p.current.definition.languages;
  f.default_language = p.current.definition.default_language;
  f.anonymous = p.survey.anonymous ? "1" : "";
  f.title = p.current.definition.title;
  f.intro = p.current.definition.intro;
  return f;
}

std::vector<Error> update_survey(web::Ctx& ctx, int64_t id, const SurveyForm& form) {
  auto p = survey_page(ctx, id);
  if (!p) return {not_found()};
  Definition d = p->current.definition;
  d.languages.clear();
  for (const auto& l : kLanguages)
    if (std::find(form.languages.begin(), form.languages.end(), l) != form.languages.end())
      d.languages.push_back(l);
  std::vector<Error> errors;
  if (d.languages.size() != form.languages.size())
    errors.push_back(invalid("languages", N_("This language is not offered.")));
  d.default_language = form.default_language;
  d.title = only_filled(form.title, d.languages);
  d.intro = only_filled(form.intro, d.languages);
  for (const auto& [l, t] : d.title)
    if (!programme::fits(t, kMaxSurveyTitle))
      errors.push_back(invalid("title_" + l, plural("At most {n} character.",
                                                    "At most {n} characters.", kMaxSurveyTitle)));
  for (const auto& [l, t] : d.intro)
    if (!programme::fits(t, kMaxIntroBytes, true))
      errors.push_back(invalid("intro_" + l, plural("At most {n} character.",
                                                    "At most {n} characters.", kMaxIntroBytes)));
  Survey s = p->survey;
  s.anonymous = form.anonymous == "1";
  if (s.anonymous != p->survey.anonymous && p->anonymous_locked)
    errors.push_back(invalid("anonymous", N_("Whether answers are anonymous cannot change once "
                                             "the survey has been sent.")));
  for (auto& e : problems_of(d, -1)) errors.push_back(std::move(e));
  if (!errors.empty()) return errors;
  s.title = text_in(d.title, d.default_language, d.default_language);
  if (auto st = save_definition(ctx, p->survey, p->current, d, "survey.update",
                                std::string("anonymous=") + (s.anonymous ? "1" : "0") +
                                    " languages=" + std::to_string(d.languages.size()),
                                &s);
      !st)
    return {st.error()};
  return {};
}

QuestionForm form_of(const Question& q) {
  QuestionForm f;
  f.name = q.name;
  f.type = q.type;
  f.required = q.required ? "1" : "";
  if (auto c = simple_condition(q.relevant)) {
    f.if_question = c->question;
    f.if_operator = c->op;
    f.if_value = c->value;
  } else {
    f.relevant = q.relevant;
  }
  f.constraint_expr = q.constraint_expr;
  auto number = [](const std::optional<double>& v) {
    if (!v) return std::string();
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);
    return ec == std::errc() ? std::string(buf, end) : std::string();
  };
  f.min_value = number(q.min_value);
  f.max_value = number(q.max_value);
  f.indicator = q.indicator;
  f.label = q.label;
  f.hint = q.hint;
  f.constraint_message = q.constraint_message;
  for (size_t i = 0; i < q.choices.size(); ++i) {
    f.choice_names.push_back(q.choices[i].name);
    if (q.choices[i].positive) f.positive.push_back(std::to_string(i));
  }
  for (const auto& r : q.rows) f.row_names.push_back(r.name);
  return f;
}

std::optional<QuestionPage> question_page(web::Ctx& ctx, int64_t id, const std::string& name) {
  auto p = survey_page(ctx, id);
  if (!p) return std::nullopt;
  QuestionPage q;
  q.original = name;
  if (!name.empty()) {
    q.index = index_of(p->current.definition, name);
    if (q.index < 0) return std::nullopt;
    const Question& question = p->current.definition.questions[static_cast<size_t>(q.index)];
    q.form = form_of(question);
    for (const auto& l : p->current.definition.languages) {
      for (const auto& c : question.choices)
        q.form.choice_texts[l].push_back(exactly_in(c.label, l));
      for (const auto& r : question.rows) q.form.row_texts[l].push_back(exactly_in(r.label, l));
    }
  } else {
    q.form.type = "single";
  }
  q.survey = std::move(*p);
  return q;
}

std::vector<Error> save_question(web::Ctx& ctx, int64_t id, const std::string& original,
                                 const QuestionForm& form) {
  auto p = survey_page(ctx, id);
  if (!p) return {not_found()};
  Definition d = p->current.definition;
  long index = -1;
  if (!original.empty()) {
    index = index_of(d, original);
    if (index < 0) return {not_found()};
  }
  std::vector<Error> errors;
  Question q;
  if (index >= 0) q.id = d.questions[static_cast<size_t>(index)].id;
  q.name = programme::trimmed(form.name);
  q.type = form.type;
  if (!one_of(kQuestionTypes, q.type))
    errors.push_back(invalid("type", N_("This question type is not known.")));
  q.required = form.required == "1" && q.type != "section" && q.type != "note";
  q.label = only_filled(form.label, d.languages);
  q.hint = only_filled(form.hint, d.languages);
  q.constraint_message = only_filled(form.constraint_message, d.languages);
  if (has_choices(q.type)) {
    std::set<size_t> positive;
    for (const auto& x : form.positive)
      if (auto n = parse_whole_number(x); n && *n >= 0) positive.insert(static_cast<size_t>(*n));
    q.choices = choices_of(form.choice_names, form.choice_texts, d.languages, positive);
    if (q.type == "matrix") q.rows = choices_of(form.row_names, form.row_texts, d.languages, {});
  }
  if (!programme::trimmed(form.min_value).empty()) {
    q.min_value = parse_number(form.min_value);
    if (!q.min_value)
      errors.push_back(invalid("min_value", N_("Enter a number, such as 12 or 2.5.")));
  }
  if (!programme::trimmed(form.max_value).empty()) {
    q.max_value = parse_number(form.max_value);
    if (!q.max_value)
      errors.push_back(invalid("max_value", N_("Enter a number, such as 12 or 2.5.")));
  }
  q.relevant = programme::trimmed(form.relevant);
  if (q.relevant.empty() && !form.if_question.empty()) {
    if (!one_of(kConditionOperators, form.if_operator))
      errors.push_back(invalid("if_operator", N_("Choose how to compare.")));
    else if (auto e = condition_expression(
                 {form.if_question, form.if_operator, programme::trimmed(form.if_value)}))
      q.relevant = *e;
    else
      errors.push_back(invalid("if_value", N_("The value cannot hold both ' and \".")));
  }
  q.constraint_expr = programme::trimmed(form.constraint_expr);
  q.indicator = form.indicator;
  if (!q.indicator.empty() && !one_of(kIndicators, q.indicator))
    errors.push_back(invalid("indicator", N_("Choose one of the funder's indicators.")));
  // A renamed question must not leave a condition reading its old name.
  if (index >= 0 && q.name != original && !readers_of(d, original).empty())
    errors.push_back(invalid("name", N_("A condition of another question reads this question by "
                                        "its name; change that condition first.")));
  if (index >= 0) {
    d.questions[static_cast<size_t>(index)] = q;
  } else {
    long before = form.position.empty() ? -1 : index_of(d, form.position);
    index = before < 0 ? static_cast<long>(d.questions.size()) : before;
    d.questions.insert(d.questions.begin() + index, q);
  }
  for (auto& e : problems_of(d, index)) errors.push_back(std::move(e));
  if (!errors.empty()) return errors;
  if (auto st = save_definition(ctx, p->survey, p->current, d,
                                original.empty() ? "survey.question.add" : "survey.question.update",
                                "question=" + q.name + " type=" + q.type);
      !st)
    return {st.error()};
  return {};
}

Status delete_question(web::Ctx& ctx, int64_t id, const std::string& name) {
  auto p = survey_page(ctx, id);
  if (!p) return not_found();
  Definition d = p->current.definition;
  const long index = index_of(d, name);
  if (index < 0) return not_found();
  if (!readers_of(d, name).empty())
    return invalid("", N_("A condition of another question reads this question; change that "
                          "condition before deleting it."));
  d.questions.erase(d.questions.begin() + index);
  if (auto errors = problems_of(d, -1); !errors.empty()) return errors.front();
  return save_definition(ctx, p->survey, p->current, d, "survey.question.delete",
                         "question=" + name);
}

Status move_question(web::Ctx& ctx, int64_t id, const std::string& name, bool up) {
  auto p = survey_page(ctx, id);
  if (!p) return not_found();
  Definition d = p->current.definition;
  const long index = index_of(d, name);
  if (index < 0) return not_found();
  const long other = up ? index - 1 : index + 1;
  if (other < 0 || other >= static_cast<long>(d.questions.size())) return ok();
  std::swap(d.questions[static_cast<size_t>(index)], d.questions[static_cast<size_t>(other)]);
  for (const auto& problem : validate(d))
    if (blocks_saving(problem))
      return invalid("", N_("Moving it would put a condition before the question it reads."));
  return save_definition(ctx, p->survey, p->current, d, "survey.question.move",
                         "question=" + name + (up ? " up" : " down"));
}

Status archive_survey(web::Ctx& ctx, int64_t id) {
  auto s = access(ctx, id);
  if (!s) return not_found();
  if (s->archived_at) return ok();
  db::Transaction tx(ctx.db);
  store::archive_survey(ctx.db, s->programme_id, id, ctx.now);
  auth::audit(ctx, "survey.archive", "survey", std::to_string(id));
  tx.commit();
  return ok();
}

}  // namespace crm::surveys

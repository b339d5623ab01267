#include "surveys/answer_service.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "auth/link_throttle.hpp"
#include "auth/service.hpp"
#include "auth/tokens.hpp"
#include "core/i18n.hpp"
#include "programme/parity.hpp"
#include "surveys/definition.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/expression.hpp"
#include "surveys/links.hpp"
#include "surveys/policy.hpp"

namespace crm::surveys::answer {

namespace {

std::vector<std::string> names_read(const std::string& expression) {
  auto parsed = parse_expression(expression);
  if (!parsed.expression) return {};
  return parsed.expression->names();
}

std::string trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

long characters(std::string_view s) {
  long n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// A number as the reader writes it: whole numbers through Tr::number, others
// with their decimals in the reader's digits.
std::string local_number(const Tr& tr, double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return tr.number(static_cast<long long>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  if (tr.language() != "ar") return buf;
  static const char* const kDigits[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
  std::string out;
  for (const char* c = buf; *c; ++c) {
    if (*c >= '0' && *c <= '9')
      out += kDigits[*c - '0'];
    else if (*c == '.')
      out += "٫";
    else
      out += *c;
  }
  return out;
}

std::optional<double> parse_number(std::string_view text, bool whole) {
  std::string s = ascii_digits(trimmed(text));
  // The Arabic decimal separator and a comma mean the decimal point.
  for (std::string from : {std::string("٫"), std::string(",")})
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at))
      s.replace(at, from.size(), ".");
  if (s.empty() || s.size() > 40) return std::nullopt;
  size_t start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (start == s.size()) return std::nullopt;
  bool dot = false;
  for (size_t i = start; i < s.size(); ++i) {
    if (s[i] == '.' && !whole && !dot) {
      dot = true;
      continue;
    }
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  if (s[start] == '.' || s.back() == '.') return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::string> parse_date(std::string_view text) {
  std::string s = ascii_digits(trimmed(text));
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  int y = std::atoi(s.substr(0, 4).c_str()), m = std::atoi(s.substr(5, 2).c_str()),
      d = std::atoi(s.substr(8, 2).c_str());
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return std::nullopt;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int days = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > days) return std::nullopt;
  return s;
}

bool has_choice(const std::vector<Choice>& choices, std::string_view name) {
  return std::any_of(choices.begin(), choices.end(),
                     [&](const Choice& c) { return c.name == name; });
}

const std::vector<std::string>& values_of(const Raw& raw, const std::string& field) {
  static const std::vector<std::string> kNone;
  auto it = raw.find(field);
  return it == raw.end() ? kNone : it->second;
}

std::string first_value(const Raw& raw, const std::string& field) {
  const auto& v = values_of(raw, field);
  return v.empty() ? std::string() : v.front();
}

long shown_after(const Form& f, long n, const AnswerValues& values) {
  for (long m = n + 1; m <= static_cast<long>(f.screens.size()); ++m)
    for (size_t i : f.screens[m - 1].questions)
      if (is_shown(f.version.definition, i, values)) return m;
  return 0;
}

long shown_before(const Form& f, long n, const AnswerValues& values) {
  for (long m = n - 1; m >= 1; --m)
    for (size_t i : f.screens[m - 1].questions)
      if (is_shown(f.version.definition, i, values)) return m;
  return 0;
}

long saved_pages(const Form& f) {
  return f.draft ? f.draft->page : 0;
}

// The reader's language among crm's interface languages, for the page frame.
void frame_in(web::Ctx& ctx, const std::string& language) {
  if (is_language(language) && language != ctx.tr.language())
    ctx.tr = Tr(ctx.catalogs, language, ctx.tr.time_zone());
}

// The keys an anonymous draft of the invitation may have, the seed's first.
std::vector<std::string> draft_keys(const answer_store::InvitationRow& inv,
                                    std::vector<std::string> older) {
  std::vector<std::string> keys;
  if (!inv.draft_seed.empty()) keys.push_back(draft_key(inv.draft_seed));
  keys.insert(keys.end(), older.begin(), older.end());
  return keys;
}

// The response an anonymous page is saved into, under the invitation's seed:
// the draft found (taken over from an older key when it has one), else one
// begun by a parallel request meanwhile, else a new one. REQUIRES: an open
// transaction.
int64_t anonymous_draft(web::Ctx& ctx, const Form& f) {
  const auto& inv = f.invitation;
  if (f.draft && !inv.draft_seed.empty() && f.draft->key == draft_key(inv.draft_seed))
    return f.draft->id;
  std::string key = draft_key(answer_store::claim_draft_seed(ctx.db, inv.id, auth::random_token()));
  if (f.draft) {
    if (f.draft->key != key) answer_store::rekey_draft(ctx.db, f.draft->id, key);
    return f.draft->id;
  }
  if (auto other = answer_store::draft_by_keys(ctx.db, inv.round_id, {key})) return other->id;
  return answer_store::insert_draft(ctx.db, inv.round_id, f.version.id, 0, key, f.language);
}

std::variant<Form, Refusal> open_form(web::Ctx& ctx, Form f, const std::string& reader) {
  const auto& inv = f.invitation;
  frame_in(ctx, reader);
  if (inv.answered)
    return Refusal{409, N_("You have already answered this survey. Thank you."), true};
  if (inv.cancelled_at) return Refusal{410, N_("This survey has been cancelled."), false};
  if (ctx.now >= inv.closes_at)
    return Refusal{410, N_("This survey has closed. Answers are no longer taken."), false};
  if (ctx.now < inv.opens_at || ctx.now < inv.send_at)
    return Refusal{409, N_("This survey is not open yet. It opens on {date}."), false,
                   std::max(inv.opens_at, inv.send_at)};
  if (!policy::can_answer(true, true)) return Refusal{404, N_("Page not found")};
  f.draft = inv.anonymous ? answer_store::draft_by_keys(ctx.db, inv.round_id, f.draft_keys)
                          : answer_store::draft_of_person(ctx.db, inv.round_id, inv.person_id);
  std::optional<Version> v =
      f.draft ? store::load_version(ctx.db, inv.programme_id, f.draft->version_id)
              : store::latest_version(ctx.db, inv.programme_id, inv.survey_id);
  if (!v) return Refusal{404, N_("Page not found")};
  f.version = std::move(*v);
  f.language = reading_language(f.version.definition, reader);
  frame_in(ctx, f.language);
  f.screens = screens(f.version.definition);
  if (f.screens.empty()) return Refusal{404, N_("Page not found")};
  return f;
}

bool token_shape(std::string_view token) {
  if (token.empty() || token.size() > 100) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

}  // namespace

std::vector<Screen> screens(const Definition& d) {
  std::vector<Screen> out;
  for (const auto& page : pages(d)) {
    Screen cur;
    for (size_t idx : page) {
      const auto& q = d.questions[idx];
      auto reads = names_read(q.relevant);
      if (q.type == "section") {
        cur.section = static_cast<long>(idx);
        cur.reads.insert(reads.begin(), reads.end());
        continue;
      }
      bool reads_this_page = std::any_of(reads.begin(), reads.end(),
                                         [&](const auto& n) { return cur.names.count(n); });
      if (reads_this_page && !cur.questions.empty()) {
        long section = cur.section;
        out.push_back(std::move(cur));
        cur = Screen{};
        cur.section = section;
      }
      cur.questions.push_back(idx);
      cur.names.insert(q.name);
      cur.reads.insert(reads.begin(), reads.end());
    }
    if (!cur.questions.empty()) out.push_back(std::move(cur));
  }
  return out;
}

std::string field_of(const Question& q) {
  return question_field(q);
}
std::string field_of(const Question& q, const Choice& row) {
  return row_field(q, row);
}

Raw raw_of(const Definition& d, const std::vector<Answer>& answers) {
  std::map<std::string, const Question*> by_name;
  for (const auto& q : d.questions) by_name[q.name] = &q;
  Raw out;
  for (const auto& a : answers) {
    auto it = by_name.find(a.question);
    if (it == by_name.end()) continue;
    const Question& q = *it->second;
    if (q.type == "matrix") {
      Choice row;
      row.name = a.item;
      out[field_of(q, row)].push_back(a.choice);
    } else if (!a.choice.empty()) {
      out[field_of(q)].push_back(a.choice);
    } else if (a.number) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.15g", *a.number);
      out[field_of(q)].push_back(buf);
    } else if (a.text) {
      out[field_of(q)].push_back(*a.text);
    }
  }
  return out;
}

Checked check_screen(const Tr& tr, const Definition& d, const Screen& s,
                     const std::vector<Answer>& earlier, const Raw& raw,
                     const std::string& language) {
  Checked out;
  std::vector<Answer> all = earlier;
  for (size_t idx : s.questions) {
    const Question& q = d.questions[idx];
    AnswerValues values = answer_values(d, all);
    if (!is_shown(d, idx, values)) continue;
    out.shown.push_back(idx);
    if (q.type == "note" || q.type == "section") continue;
    const std::string field = field_of(q);
    std::vector<Answer> mine;
    std::string problem;
    std::string problem_field = field;
    auto one = [&](std::string choice) {
      Answer a;
      a.question = q.name;
      a.choice = std::move(choice);
      mine.push_back(std::move(a));
    };
    if (q.type == "single" || q.type == "likert") {
      std::string v = first_value(raw, field);
      if (values_of(raw, field).size() > 1)
        problem = tr("Choose one answer.");
      else if (!v.empty() && !has_choice(q.choices, v))
        problem = tr("Choose one of the answers shown.");
      else if (!v.empty())
        one(v);
    } else if (q.type == "multiple") {
      std::set<std::string> seen;
      for (const auto& v : values_of(raw, field)) {
        if (v.empty()) continue;
        if (!has_choice(q.choices, v)) {
          problem = tr("Choose among the answers shown.");
          break;
        }
        if (seen.insert(v).second) one(v);
      }
    } else if (q.type == "integer" || q.type == "decimal") {
      std::string v = trimmed(first_value(raw, field));
      if (!v.empty()) {
        auto n = parse_number(v, q.type == "integer");
        if (!n) {
          problem = q.type == "integer" ? tr("Enter a whole number.") : tr("Enter a number.");
        } else if ((q.min_value && *n < *q.min_value) || (q.max_value && *n > *q.max_value)) {
          if (q.min_value && q.max_value)
            problem = tr(
                "Enter a number from {min} to {max}.",
                {{"min", local_number(tr, *q.min_value)}, {"max", local_number(tr, *q.max_value)}});
          else if (q.min_value)
            problem =
                tr("Enter a number of at least {min}.", {{"min", local_number(tr, *q.min_value)}});
          else
            problem =
                tr("Enter a number of at most {max}.", {{"max", local_number(tr, *q.max_value)}});
        } else {
          Answer a;
          a.question = q.name;
          a.number = *n;
          mine.push_back(std::move(a));
        }
      }
    } else if (q.type == "date") {
      std::string v = trimmed(first_value(raw, field));
      if (!v.empty()) {
        auto date = parse_date(v);
        if (!date) {
          problem = tr("Enter a valid date.");
        } else {
          Answer a;
          a.question = q.name;
          a.text = *date;
          mine.push_back(std::move(a));
        }
      }
    } else if (q.type == "text") {
      std::string v = first_value(raw, field);
      if (characters(v) > kMaxTextChars) {
        problem = tr.plural("Write at most {n} character.", "Write at most {n} characters.",
                            kMaxTextChars);
      } else if (!trimmed(v).empty()) {
        Answer a;
        a.question = q.name;
        a.text = v;
        mine.push_back(std::move(a));
      }
    } else if (q.type == "matrix") {
      for (const auto& row : q.rows) {
        const std::string rf = field_of(q, row);
        const auto& vs = values_of(raw, rf);
        std::string v = vs.empty() ? std::string() : vs.front();
        if (vs.size() > 1 || (!v.empty() && !has_choice(q.choices, v))) {
          out.problems.push_back({rf, tr("Choose one of the answers shown.")});
          continue;
        }
        if (v.empty()) {
          if (q.required)
            out.problems.push_back(
                {rf, tr("Answer for “{row}”.",
                        {{"row", text_in(row.label, language, d.default_language)}})});
          continue;
        }
        Answer a;
        a.question = q.name;
        a.item = row.name;
        a.choice = v;
        mine.push_back(std::move(a));
      }
    }
    if (problem.empty() && q.type != "matrix" && q.required && mine.empty())
      problem = tr("Answer this question.");
    if (problem.empty() && !mine.empty() && !q.constraint_expr.empty() && q.type != "matrix") {
      auto parsed = parse_expression(q.constraint_expr);
      std::vector<Answer> with = all;
      with.insert(with.end(), mine.begin(), mine.end());
      AnswerValues vals = answer_values(d, with);
      auto self = vals.find(q.name);
      if (parsed.expression &&
          !parsed.expression->test(vals, self == vals.end() ? std::string_view() : self->second)) {
        const std::string& m = text_in(q.constraint_message, language, d.default_language);
        problem = m.empty() ? tr("This answer is not allowed.") : m;
      }
    }
    if (!problem.empty()) {
      out.problems.push_back({problem_field, problem});
      continue;
    }
    all.insert(all.end(), mine.begin(), mine.end());
    out.answers.insert(out.answers.end(), mine.begin(), mine.end());
  }
  return out;
}

std::variant<Form, Refusal> open_by_token(web::Ctx& ctx, const std::string& token,
                                          const std::string& preferred) {
  std::optional<answer_store::InvitationRow> inv;
  if (int64_t wait = auth::link_wait(ctx)) {
    frame_in(ctx, preferred);
    return Refusal{429,
                   N_("Too many survey links that do not exist were opened from your network."),
                   false, 0, wait};
  }
  if (!token_shape(token) || !(inv = answer_store::find_by_hash(ctx.db, invitation_hash(token)))) {
    auth::record_unknown_link(ctx);
    return Refusal{404, N_("This survey link is not known.")};
  }
  Form f;
  f.invitation = *inv;
  f.base = "/s/" + token;
  f.draft_keys = draft_keys(*inv, {resume_hash(token)});
  std::string reader = is_language(preferred)          ? preferred
                       : !inv->person_language.empty() ? inv->person_language
                                                       : std::string(ctx.tr.language());
  return open_form(ctx, std::move(f), reader);
}

std::variant<Form, Refusal> open_by_invitation(web::Ctx& ctx, int64_t id) {
  if (!ctx.actor.signed_in() || !policy::can_answer_signed_in(ctx.actor.role))
    return Refusal{404, N_("Page not found")};
  auto inv = answer_store::find_of_account(ctx.db, id, ctx.actor.id);
  if (!inv) return Refusal{404, N_("Page not found")};
  Form f;
  f.invitation = *inv;
  f.base = "/my/surveys/" + std::to_string(id);
  std::vector<std::string> older = {signed_in_key(inv->token_hash)};
  if (!inv->previous_token_hash.empty()) older.push_back(signed_in_key(inv->previous_token_hash));
  f.draft_keys = draft_keys(*inv, std::move(older));
  return open_form(ctx, std::move(f), std::string(ctx.tr.language()));
}

bool reachable(const Form& f, long n) {
  return n >= 1 && n <= static_cast<long>(f.screens.size()) && n <= saved_pages(f) + 1;
}

long resume_page(const Form& f) {
  AnswerValues values =
      answer_values(f.version.definition, f.draft ? f.draft->answers : std::vector<Answer>{});
  long saved = saved_pages(f);
  if (long next = shown_after(f, saved, values)) return next;
  if (long last = shown_before(f, saved + 1, values)) return last;
  return 1;
}

std::vector<Answer> answers_outside(const Form& f, long n) {
  std::vector<Answer> out;
  if (!f.draft) return out;
  const auto& names = f.screens[n - 1].names;
  for (const auto& a : f.draft->answers)
    if (!names.count(a.question)) out.push_back(a);
  return out;
}

PageState page_state(const Form& f, long n) {
  PageState s;
  s.n = n;
  const auto& d = f.version.definition;
  AnswerValues values = answer_values(d, f.draft ? f.draft->answers : std::vector<Answer>{});
  for (size_t i : f.screens[n - 1].questions)
    if (is_shown(d, i, values)) s.shown.push_back(i);
  bool later_shown = shown_after(f, n, values) != 0;
  // A later page whose conditions read this one may appear once it is sent.
  bool may_appear = false;
  if (saved_pages(f) < n)
    for (long m = n + 1; m <= static_cast<long>(f.screens.size()) && !may_appear; ++m)
      for (const auto& name : f.screens[m - 1].reads)
        if (f.screens[n - 1].names.count(name)) may_appear = true;
  s.last = !later_shown && !may_appear;
  return s;
}

Saved save_page(web::Ctx& ctx, Form& f, long n, const Raw& raw, const std::string& action) {
  Saved out;
  const auto& d = f.version.definition;
  const Screen& screen = f.screens[n - 1];
  std::vector<Answer> outside = answers_outside(f, n);
  out.checked = check_screen(ctx.tr, d, screen, outside, raw, f.language);
  if (!out.checked.problems.empty()) {
    out.problems = out.checked.problems;
    return out;
  }
  // Answers elsewhere that the new ones hide are dropped (until nothing
  // more is hidden: a hidden question hides those that read it).
  std::vector<Answer> all = outside;
  all.insert(all.end(), out.checked.answers.begin(), out.checked.answers.end());
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < d.questions.size(); ++i) index[d.questions[i].name] = i;
  std::set<size_t> dropped;
  for (bool changed = true; changed;) {
    changed = false;
    AnswerValues values = answer_values(d, all);
    for (const auto& a : all) {
      size_t i = index.at(a.question);
      if (!dropped.count(i) && !is_shown(d, i, values)) {
        dropped.insert(i);
        changed = true;
      }
    }
    std::erase_if(all, [&](const Answer& a) { return dropped.count(index.at(a.question)) > 0; });
  }
  std::vector<int64_t> replace;
  for (size_t i : screen.questions) replace.push_back(d.questions[i].id);
  for (size_t i : dropped) replace.push_back(d.questions[i].id);
  std::vector<std::pair<int64_t, Answer>> rows;
  for (const auto& a : out.checked.answers)
    rows.emplace_back(d.questions[index.at(a.question)].id, a);

  // Where to go: the pages shown given the new answers.
  Form after = f;
  if (!after.draft) after.draft = answer_store::Draft{};
  after.draft->answers = all;
  AnswerValues values = answer_values(d, all);
  long next = shown_after(after, n, values);
  long page = saved_pages(f);
  bool submitting = action == "submit" && next == 0;
  if (action == "back") {
    page = std::max(page, static_cast<long>(n));
    long prev = shown_before(after, n, values);
    out.location = prev ? f.base + "/page/" + std::to_string(prev) : f.base;
  } else if (next) {
    page = std::max(page, next - 1);
    out.location = f.base + "/page/" + std::to_string(next);
  } else {
    page = std::max(page, static_cast<long>(n));
    out.location = submitting ? f.base + "/done" : f.base + "/page/" + std::to_string(n);
  }

  const auto& inv = f.invitation;
  db::Transaction tx(ctx.db);
  int64_t response = f.draft ? f.draft->id : 0;
  if (inv.anonymous)
    response = anonymous_draft(ctx, f);
  else if (!response)
    response = answer_store::insert_draft(ctx.db, inv.round_id, f.version.id, inv.person_id, "",
                                          f.language);
  // Answered now: editing the survey makes a new version from here on.
  if (!f.draft) store::freeze_version(ctx.db, f.version.id, ctx.now);
  answer_store::replace_answers(ctx.db, response, replace, rows);
  answer_store::set_progress(ctx.db, response, page, f.language);
  if (submitting) {
    auto pf = answer_store::person_facts(ctx.db, inv.person_id);
    RespondentFacts facts;
    facts.cohort_id = inv.cohort_id;
    facts.country = pf.country;
    facts.gender = programme::gender_bucket(pf.gender);
    facts.organisation_type = pf.organisation_type;
    bool ok = answer_store::submit(ctx.db, response, ctx.now - ctx.now % 86400, facts) &&
              answer_store::mark_answered(ctx.db, inv.id);
    if (!ok) {
      // Answered meanwhile (another tab): nothing of this request is kept.
      out.problems.push_back({"", ctx.tr("You have already answered this survey. Thank you.")});
      return out;
    }
    store::freeze_version(ctx.db, f.version.id, ctx.now);
    // Identified responses are logged; an anonymous one never is (an entry
    // would tie the person, or the moment, to it).
    if (!inv.anonymous)
      auth::audit(ctx, "survey.response.submit", "survey_response", std::to_string(response),
                  auth::changes_json({{"round", {"", std::to_string(inv.round_id)}},
                                      {"person", {"", std::to_string(inv.person_id)}}}));
  }
  tx.commit();
  return out;
}

Result<std::vector<MySurvey>> my_surveys(web::Ctx& ctx) {
  if (!ctx.actor.signed_in() || !policy::can_answer_signed_in(ctx.actor.role)) return not_found();
  auto rows = answer_store::open_invitations(ctx.db, ctx.actor.id, ctx.now);
  // Anonymous drafts: by the seed's key, or the older signed-in one.
  std::vector<std::string> keys;
  for (const auto& r : rows)
    if (r.anonymous) {
      if (!r.draft_seed.empty()) keys.push_back(draft_key(r.draft_seed));
      keys.push_back(signed_in_key(r.token_hash));
    }
  auto started = answer_store::drafts_with_keys(ctx.db, keys);
  auto has_draft = [&](const std::string& key) {
    return std::find(started.begin(), started.end(), key) != started.end();
  };
  std::vector<MySurvey> out;
  for (const auto& r : rows) {
    MySurvey m;
    m.invitation = r.id;
    m.closes_at = r.closes_at;
    m.anonymous = r.anonymous;
    m.started = r.anonymous ? (!r.draft_seed.empty() && has_draft(draft_key(r.draft_seed))) ||
                                  has_draft(signed_in_key(r.token_hash))
                            : r.started;
    Definition d;
    d.languages = r.languages;
    d.default_language = r.default_language;
    m.language = reading_language(d, ctx.tr.language());
    m.title = text_in(r.title, m.language, r.default_language);
    if (m.title.empty()) m.title = r.survey_title;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace crm::surveys::answer

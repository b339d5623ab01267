#include "surveys/results_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "programme/store.hpp"
#include "surveys/definition.hpp"
#include "surveys/definition_store.hpp"
#include "surveys/policy.hpp"
#include "surveys/store.hpp"

namespace crm::surveys {

namespace {

using anonymity::Hidden;

struct Access {
  Survey survey;
  programme::Programme programme;
  bool in_programme = false;
};

// The survey with its programme, for a reader of that programme.
std::optional<Access> access(web::Ctx& ctx, int64_t id) {
  auto s = store::find_survey_any(ctx.db, id);
  if (!s) return std::nullopt;
  auto m = programme::store::membership(ctx.db, s->programme_id,
                                        ctx.actor.signed_in() ? ctx.actor.id : 0);
  if (!policy::can_see_results(ctx.actor.role, m.in_programme)) return std::nullopt;
  auto p =
      programme::store::find_programme(ctx.db, s->programme_id, std::string(ctx.tr.language()));
  if (!p) return std::nullopt;
  return Access{std::move(*s), std::move(*p), m.in_programme};
}

// The survey's title for the reader from its newest version, when loaded.
StaffTitle title_of(const web::Ctx& ctx, const Survey& s, const std::optional<Version>& newest) {
  if (!newest) return staff_title(s.title, "", "");
  const Definition& d = newest->definition;
  return staff_title(s.title, d.title, ctx.tr.language(), d.default_language);
}

bool has_choices(const std::string& type) {
  return type == "single" || type == "multiple" || type == "likert" || type == "matrix";
}

const std::string& label_in(const Texts& t, const std::string& language, const Definition& d) {
  return text_in(t, language, d.default_language);
}

std::optional<int64_t> parse_id(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

double median_of(const std::vector<double>& sorted) {
  auto n = sorted.size();
  if (n == 0) return 0;
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

// Counts of one column (a plain chart) with suppression against `answered`.
std::vector<Count> suppressed_column(const std::vector<long>& counts, long answered,
                                     long threshold) {
  anonymity::Table t;
  for (long c : counts) t.cells.push_back({c});
  t.column_totals = {answered};
  auto m = anonymity::suppress(t, threshold);
  std::vector<Count> out;
  for (std::size_t i = 0; i < counts.size(); ++i) out.push_back({counts[i], m.cell[i][0]});
  return out;
}

}  // namespace

Result<ResultsPage> results_page(web::Ctx& ctx, int64_t id, ResultsQuery query) {
  auto a = access(ctx, id);
  if (!a) return not_found();
  ResultsPage page;
  page.survey = std::move(a->survey);
  page.programme = std::move(a->programme);
  page.threshold = anonymity::effective(page.programme.anonymity_threshold);
  page.can_see_responses = !page.survey.anonymous &&
                           policy::can_see_identified_responses(ctx.actor.role, a->in_programme);
  const long t = page.threshold;
  auto& db = ctx.db;

  page.versions = results_store::versions(db, page.programme.id, page.survey.id);
  long all_versions = 0;
  for (const auto& v : page.versions) all_versions += v.responses;
  // The version: asked for, or the newest with responses; a version is a
  // filter too (every version minus it must not be a small rest).
  auto version_ok = [&](const results_store::VersionCount& v) {
    return anonymity::filter_shown(v.responses, all_versions, t);
  };
  if (query.version == "all") {
    page.version = 0;
  } else if (auto want = parse_id(query.version)) {
    auto it = std::find_if(page.versions.begin(), page.versions.end(),
                           [&](const auto& v) { return v.id == *want; });
    if (it != page.versions.end()) {
      page.version = it->id;
      if (!version_ok(*it)) page.filter_refused = true;
    } else {
      query.version.clear();
    }
  }
  if (query.version.empty()) {
    for (const auto& v : page.versions)
      if (v.responses > 0) {
        if (version_ok(v)) page.version = v.id;
        break;
      }
    query.version = page.version ? std::to_string(page.version) : "all";
  }
  if (std::find(std::begin(kCrossTabs), std::end(kCrossTabs), query.by) == std::end(kCrossTabs))
    query.by.clear();

  results_store::Scope scope{page.programme.id, page.survey.id, page.version, 0, 0, query.by};
  page.rounds = results_store::rounds(db, scope);
  std::set<int64_t> cohort_ids;
  bool pre = false, post = false;
  for (const auto& r : page.rounds) {
    if (r.id == query.round) scope.round = r.id;
    if (cohort_ids.insert(r.cohort_id).second)
      page.cohorts.push_back({std::to_string(r.cohort_id), r.cohort_name, 0});
    if (r.cohort_id == query.cohort) scope.cohort = r.cohort_id;
    pre = pre || r.phase == "pre";
    post = post || r.phase == "post";
  }
  page.has_pre_post = pre && post && !page.survey.anonymous;
  query.round = scope.round;
  query.cohort = scope.cohort;
  page.query = query;

  // Texts from the version shown, or the newest for every version.
  std::optional<Version> version =
      page.version ? store::load_version(db, page.programme.id, page.version)
                   : store::latest_version(db, page.programme.id, page.survey.id);
  // The title from the newest version (versions: newest first).
  if (page.versions.empty() || (version && version->id == page.versions.front().id))
    page.title = title_of(ctx, page.survey, version);
  else
    page.title = store::find_staff_title(db, page.programme.id, page.survey.id,
                                         std::string(ctx.tr.language()));
  if (!version) return page;
  const Definition& d = version->definition;
  page.language = reading_language(d, ctx.tr.language());

  auto counted = results_store::respondents(db, scope);
  page.respondents = counted.selected;
  if (page.filter_refused) return page;
  if ((scope.round || scope.cohort) && !anonymity::filter_shown(counted.selected, counted.all, t)) {
    page.filter_refused = true;
    return page;
  }
  if (!anonymity::shown_nonempty(counted.selected, t)) {
    page.too_few = true;
    return page;
  }

  // Groups of the cross-tab: every group with its size, suppressed as the
  // columns of a table whose rows are the groups' own sizes.
  auto groups = results_store::groups(db, scope);
  std::map<std::string, std::size_t> group_index;
  if (!query.by.empty()) {
    for (const auto& g : groups) {
      group_index[g.group] = page.groups.size();
      ResultGroup rg{g.group, g.group, g.respondents};
      if (query.by == "cohort")
        for (const auto& c : page.cohorts)
          if (c.value == g.group) rg.label = c.label;
      page.groups.push_back(std::move(rg));
    }
    anonymity::Table sizes;
    sizes.cells.emplace_back();
    for (const auto& g : page.groups) {
      sizes.cells[0].push_back(g.respondents);
      sizes.column_totals.push_back(g.respondents);
    }
    auto m = anonymity::suppress(sizes, t);
    for (std::size_t i = 0; i < page.groups.size(); ++i)
      page.group_sizes.push_back({page.groups[i].respondents, m.column[i]});
  }
  const std::size_t ng = page.groups.size();

  auto choices = results_store::choice_counts(db, scope);
  auto answered = results_store::answered(db, scope);
  auto numbers = results_store::numbers(db, scope);
  auto months = results_store::months(db, scope);
  auto texts = results_store::texts(db, scope, kMaxTexts + 1);

  // (question, item) → answered overall and per group; (question, item,
  // choice) → count overall and per group.
  using Key = std::pair<std::string, std::string>;
  std::map<Key, long> answered_all;
  std::map<Key, std::vector<long>> answered_by;
  for (const auto& x : answered) {
    Key k{x.question, x.item};
    if (query.by.empty()) {
      answered_all[k] += x.respondents;
    } else {
      auto& v = answered_by[k];
      v.resize(ng);
      v[group_index[x.group]] += x.respondents;
    }
  }
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<long>> chosen_by;
  std::map<std::tuple<std::string, std::string, std::string>, long> chosen_all;
  for (const auto& x : choices) {
    auto k = std::make_tuple(x.question, x.item, x.choice);
    if (query.by.empty()) {
      chosen_all[k] += x.respondents;
    } else {
      auto& v = chosen_by[k];
      v.resize(ng);
      v[group_index[x.group]] += x.respondents;
    }
  }
  // With a cross-tab the overall figures are the groups' sums, except for
  // route roles (a response counts once per role of its country): those
  // questions show no overall chart but the table only.
  const bool overall_from_groups = !query.by.empty() && query.by != "route_role";
  if (overall_from_groups) {
    for (const auto& [k, v] : answered_by)
      for (long n : v) answered_all[k] += n;
    for (const auto& [k, v] : chosen_by)
      for (long n : v) chosen_all[k] += n;
  }

  for (const auto& q : d.questions) {
    if (q.type == "section" || q.type == "note") continue;
    QuestionResult r;
    r.name = q.name;
    r.type = q.type;
    r.label = label_in(q.label, page.language, d);
    if (has_choices(q.type)) {
      std::vector<Choice> items = q.type == "matrix" ? q.rows : std::vector<Choice>{Choice{}};
      for (const auto& item : items) {
        ChoiceBlock b;
        b.item = item.name;
        if (!item.name.empty()) b.item_label = label_in(item.label, page.language, d);
        Key k{q.name, item.name};
        b.answered = answered_all.count(k) ? answered_all[k] : 0;
        b.answered_shown = anonymity::shown_nonempty(b.answered, t);
        std::vector<long> counts;
        anonymity::Table table;
        std::vector<long> group_answered =
            answered_by.count(k) ? answered_by[k] : std::vector<long>(ng, 0);
        table.column_totals.assign(group_answered.begin(), group_answered.end());
        for (const auto& c : q.choices) {
          b.choice_names.push_back(c.name);
          b.choice_labels.push_back(label_in(c.label, page.language, d));
          auto ck = std::make_tuple(q.name, item.name, c.name);
          counts.push_back(chosen_all.count(ck) ? chosen_all[ck] : 0);
          auto row = chosen_by.count(ck) ? chosen_by[ck] : std::vector<long>(ng, 0);
          table.cells.emplace_back(row.begin(), row.end());
        }
        b.overall = suppressed_column(counts, b.answered, t);
        if (!b.answered_shown)
          for (auto& c : b.overall) c.hidden = Hidden::small;
        if (ng > 0) {
          // A group hidden on the page (too small, or protecting one) stays
          // hidden in every question's table.
          auto m = anonymity::suppress(table, t);
          for (std::size_t g = 0; g < ng; ++g) {
            Hidden h = m.column[g];
            if (h == Hidden::no && !page.group_sizes[g].shown()) h = page.group_sizes[g].hidden;
            b.group_answered.push_back({group_answered[g], h});
          }
          for (std::size_t c = 0; c < table.cells.size(); ++c) {
            std::vector<Count> row;
            for (std::size_t g = 0; g < ng; ++g) {
              Hidden h = m.cell[c][g];
              if (!b.group_answered[g].shown()) h = b.group_answered[g].hidden;
              row.push_back({static_cast<long>(table.cells[c][g]), h});
            }
            b.by_group.push_back(std::move(row));
          }
        }
        r.answered = std::max(r.answered, b.answered);
        r.blocks.push_back(std::move(b));
      }
      r.shown = anonymity::shown_nonempty(r.answered, t) || (ng > 0 && !overall_from_groups);
    } else {
      Key k{q.name, ""};
      r.answered = answered_all.count(k) ? answered_all[k] : 0;
      if (!overall_from_groups && answered_by.count(k))
        for (long n : answered_by[k]) r.answered = std::max(r.answered, n);
      if (q.type == "integer" || q.type == "decimal") {
        std::vector<double> values;
        for (const auto& n : numbers)
          if (n.question == q.name) values.push_back(n.value);
        r.answered = static_cast<long>(values.size());
        r.shown = anonymity::shown_nonempty(r.answered, t);
        if (r.shown) {
          r.stats.count = r.answered;
          double sum = 0;
          for (double v : values) sum += v;
          r.stats.mean = sum / static_cast<double>(values.size());
          r.stats.median = median_of(values);
          r.stats.min = values.front();
          r.stats.max = values.back();
        }
      } else if (q.type == "date") {
        std::vector<long> counts;
        std::vector<std::string> names;
        long total = 0;
        for (const auto& m : months)
          if (m.question == q.name) {
            names.push_back(m.month);
            counts.push_back(m.respondents);
            total += m.respondents;
          }
        r.answered = total;
        r.shown = anonymity::shown_nonempty(total, t);
        auto shown = suppressed_column(counts, total, t);
        for (std::size_t i = 0; i < names.size(); ++i) r.months.emplace_back(names[i], shown[i]);
      } else if (q.type == "text") {
        long n = 0;
        for (const auto& x : texts) n += x.question == q.name;
        // Listed only when at least the threshold of respondents answered.
        r.answered = std::max(r.answered, n);
        r.shown = anonymity::shown_nonempty(r.answered, t);
        if (r.shown)
          for (const auto& x : texts)
            if (x.question == q.name) r.texts.push_back(x.text);
        r.texts_cut =
            texts.size() > static_cast<std::size_t>(kMaxTexts) && texts.back().question == q.name;
        if (r.texts_cut && !r.texts.empty()) r.texts.pop_back();
      }
    }
    page.questions.push_back(std::move(r));
  }
  return page;
}

Result<ChangePage> change_page(web::Ctx& ctx, int64_t id) {
  auto a = access(ctx, id);
  if (!a || a->survey.anonymous) return not_found();
  ChangePage page;
  page.survey = std::move(a->survey);
  page.programme = std::move(a->programme);
  page.threshold = anonymity::effective(page.programme.anonymity_threshold);
  results_store::Scope scope{page.programme.id, page.survey.id, 0, 0, 0, ""};
  auto rounds = results_store::rounds(ctx.db, scope);
  bool pre = false, post = false;
  for (const auto& r : rounds) {
    pre = pre || r.phase == "pre";
    post = post || r.phase == "post";
  }
  if (!pre || !post) return not_found();
  auto version = store::latest_version(ctx.db, page.programme.id, page.survey.id);
  if (!version) return not_found();
  page.title = title_of(ctx, page.survey, version);
  const Definition& d = version->definition;
  const std::string language = reading_language(d, ctx.tr.language());

  // (question, item, person) → value before and after; choices score by
  // their place on the scale (1 for the first), numbers as given.
  std::map<std::string, const Question*> by_name;
  for (const auto& q : d.questions) by_name[q.name] = &q;
  struct Pair {
    std::optional<double> pre, post;
  };
  std::map<std::tuple<std::string, std::string, int64_t>, Pair> pairs;
  for (const auto& x : results_store::phase_answers(ctx.db, page.programme.id, page.survey.id)) {
    auto q = by_name.find(x.question);
    if (q == by_name.end()) continue;
    std::optional<double> v = x.number;
    if (!x.choice.empty()) {
      const auto& cs = q->second->choices;
      auto it =
          std::find_if(cs.begin(), cs.end(), [&](const Choice& c) { return c.name == x.choice; });
      if (it == cs.end()) continue;
      v = static_cast<double>(it - cs.begin() + 1);
    }
    if (!v) continue;
    auto& p = pairs[{x.question, x.item, x.person}];
    (x.phase == "pre" ? p.pre : p.post) = v;
  }
  std::set<int64_t> people;
  std::map<std::pair<std::string, std::string>, CompetenceChange> rows;
  for (const auto& [k, p] : pairs) {
    if (!p.pre || !p.post) continue;
    people.insert(std::get<2>(k));
    auto& r = rows[{std::get<0>(k), std::get<1>(k)}];
    ++r.paired;
    r.before += *p.pre;
    r.after += *p.post;
  }
  page.people_paired = static_cast<long>(people.size());
  for (const auto& q : d.questions) {
    std::vector<Choice> items = q.type == "matrix" ? q.rows : std::vector<Choice>{Choice{}};
    for (const auto& item : items) {
      auto it = rows.find({q.name, item.name});
      if (it == rows.end()) continue;
      CompetenceChange c = it->second;
      c.question = q.name;
      c.item = item.name;
      c.label =
          item.name.empty() ? label_in(q.label, language, d) : label_in(item.label, language, d);
      c.shown = anonymity::shown_nonempty(c.paired, page.threshold);
      if (c.shown) {
        c.before /= static_cast<double>(c.paired);
        c.after /= static_cast<double>(c.paired);
        c.change = c.after - c.before;
      } else {
        c.before = c.after = c.change = 0;
      }
      page.scale_max = std::max(page.scale_max, static_cast<double>(q.choices.size()));
      page.rows.push_back(std::move(c));
    }
  }
  return page;
}

Result<ResponsesPage> responses_page(web::Ctx& ctx, int64_t id) {
  auto a = access(ctx, id);
  if (!a || a->survey.anonymous ||
      !policy::can_see_identified_responses(ctx.actor.role, a->in_programme))
    return not_found();
  ResponsesPage page;
  page.survey = std::move(a->survey);
  page.programme = std::move(a->programme);
  auto version = store::latest_version(ctx.db, page.programme.id, page.survey.id);
  page.title = title_of(ctx, page.survey, version);
  if (!version) return page;
  const Definition& d = version->definition;
  const std::string language = reading_language(d, ctx.tr.language());
  std::map<std::pair<std::string, std::string>, std::size_t> column_of;
  std::map<std::pair<std::string, std::string>, std::string> choice_label;  // (question, choice)
  for (const auto& q : d.questions) {
    if (q.type == "section" || q.type == "note") continue;
    std::vector<Choice> items = q.type == "matrix" ? q.rows : std::vector<Choice>{Choice{}};
    for (const auto& item : items) {
      column_of[{q.name, item.name}] = page.columns.size();
      std::string label = label_in(q.label, language, d);
      if (!item.name.empty()) label += " — " + label_in(item.label, language, d);
      page.columns.push_back({q.name, item.name, std::move(label)});
    }
    for (const auto& c : q.choices) choice_label[{q.name, c.name}] = label_in(c.label, language, d);
  }
  results_store::Scope scope{page.programme.id, page.survey.id, 0, 0, 0, ""};
  auto responses = results_store::raw_responses(ctx.db, scope, kMaxRawResponses + 1);
  if (responses.size() > static_cast<std::size_t>(kMaxRawResponses)) {
    page.cut = true;
    responses.pop_back();
  }
  auto answers = results_store::raw_answers(ctx.db, scope, kMaxRawResponses);
  std::map<int64_t, std::size_t> row_of;
  for (auto& r : responses) {
    row_of[r.id] = page.rows.size();
    page.rows.push_back({std::move(r), std::vector<std::string>(page.columns.size())});
  }
  for (const auto& x : answers) {
    auto row = row_of.find(x.response);
    auto col = column_of.find({x.question, x.item});
    if (row == row_of.end() || col == column_of.end()) continue;
    std::string value;
    if (!x.choice.empty()) {
      auto l = choice_label.find({x.question, x.choice});
      value = l != choice_label.end() ? l->second : x.choice;
    } else if (x.number) {
      value = x.text.empty() ? fmt::format("{}", *x.number) : x.text;
    } else {
      value = x.text;
    }
    auto& cell = page.rows[row->second].cells[col->second];
    cell += cell.empty() ? value : "; " + value;
  }
  return page;
}

}  // namespace crm::surveys

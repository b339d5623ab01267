#include "reports/service.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "curriculum/service.hpp"
#include "programme/parity.hpp"
#include "programme/programmes.hpp"
#include "programme/store.hpp"
#include "reports/store.hpp"
#include "surveys/anonymity.hpp"
#include "surveys/policy.hpp"

namespace crm::reports {

namespace {

namespace ps = programme::store;

std::string iso_day(int64_t utc_midnight) {
  std::time_t tt = static_cast<std::time_t>(utc_midnight);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::optional<int64_t> parse_id(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// 00:00 of the UTC day `day` read as a date in `zone` (the UTC midnight
// itself when that hour does not exist there).
int64_t local_midnight(int64_t day, const std::string& zone) {
  auto at = curriculum::local_instant(iso_day(day), "00:00", zone.empty() ? "UTC" : zone, "date");
  return at ? at->at : day;
}

Result<Period> parse_period(const web::Ctx& ctx, const ReportQuery& q,
                            const std::vector<programme::Cohort>& cohorts) {
  Period p;
  const std::string zone = ctx.tr.time_zone().empty() ? "UTC" : ctx.tr.time_zone();
  auto trim = [](const std::string& s) { return programme::trimmed(s); };
  std::string from = trim(q.from), to = trim(q.to);
  std::optional<int64_t> from_day, to_day;
  if (!from.empty()) {
    from_day = programme::parse_date(from);
    if (!from_day) return invalid("from", N_("Enter the date as year-month-day (YYYY-MM-DD)."));
  }
  if (!to.empty()) {
    to_day = programme::parse_date(to);
    if (!to_day) return invalid("to", N_("Enter the date as year-month-day (YYYY-MM-DD)."));
  }
  // Default: the programme's whole span, from its first cohort's start to
  // its last one's end or today, whichever is later (follow-ups come after).
  const int64_t today = *programme::parse_date(curriculum::local_parts(ctx.now, zone).date);
  if (!from_day) {
    int64_t first = today;
    for (const auto& c : cohorts)
      if (c.starts_on > 0) first = std::min(first, c.starts_on - c.starts_on % 86400);
    from_day = first;
  }
  if (!to_day) {
    int64_t last = today;
    for (const auto& c : cohorts) last = std::max(last, c.ends_on - c.ends_on % 86400);
    to_day = std::max(last, *from_day);
  }
  if (*to_day < *from_day) return invalid("to", N_("The end of the period is before its start."));
  p.from = iso_day(*from_day);
  p.to = iso_day(*to_day);
  p.from_day = *from_day;
  p.to_day = *to_day;
  p.from_at = local_midnight(*from_day, zone);
  p.to_end = local_midnight(*to_day + 86400, zone);
  return p;
}

// The programme asked for (or the actor's one), its cohorts, the period; the
// scope checked first.
Result<Report> load_frame(web::Ctx& ctx, const ReportQuery& q) {
  int64_t programme_id = 0;
  if (!q.programme.empty()) {
    auto id = parse_id(q.programme);
    if (!id) return not_found();
    programme_id = *id;
  } else {
    auto home = programme::home_programme(ctx);
    if (!home || *home == 0) return not_found();
    programme_id = *home;
  }
  if (!ctx.actor.signed_in()) return not_found();
  auto m = ps::membership(ctx.db, programme_id, ctx.actor.id);
  if (!surveys::policy::can_see_indicator_report(ctx.actor.role, m.in_programme))
    return not_found();
  auto p = ps::find_programme(ctx.db, programme_id, std::string(ctx.tr.language()));
  if (!p) return not_found();
  Report r;
  r.programme = std::move(*p);
  r.threshold = r.programme.anonymity_threshold;
  r.cohorts = ps::list_cohorts(ctx.db, programme_id);
  std::sort(r.cohorts.begin(), r.cohorts.end(),
            [](const auto& a, const auto& b) { return a.number < b.number; });
  if (!q.cohort.empty()) {
    auto id = parse_id(q.cohort);
    auto it = id ? std::find_if(r.cohorts.begin(), r.cohorts.end(),
                                [&](const auto& c) { return c.id == *id; })
                 : r.cohorts.end();
    if (it == r.cohorts.end()) return not_found();
    r.cohort_filter = *id;
  }
  auto period = parse_period(ctx, q, r.cohorts);
  if (!period) return period.error();
  r.period = std::move(*period);
  return r;
}

// Whether a response with these round facts speaks to indicator `i`: (2)
// any 'useful' question; (3) 'using_skills' asked of graduates at least
// three months after they completed.
bool asked_for(Indicator i, std::string_view indicator, std::string_view audience, long months) {
  if (i == Indicator::useful) return indicator == "useful";
  return indicator == "using_skills" && audience == "graduates" && months >= 3;
}

// Whether a response counts for the indicator: answered with a positive choice.
bool counts_for(Indicator i, const store::IndicatorResponse& x) {
  return x.answered && x.positive && asked_for(i, x.indicator, x.audience, x.months_after);
}

}  // namespace

const char* indicator_key(Indicator i) {
  switch (i) {
    case Indicator::participants:
      return "participants";
    case Indicator::useful:
      return "useful";
    case Indicator::using_skills:
      return "using_skills";
  }
  return "";
}

bool parse_indicator(std::string_view key, Indicator& out) {
  for (auto i : kIndicators)
    if (key == indicator_key(i)) {
      out = i;
      return true;
    }
  return false;
}

std::vector<std::string> group_values(const std::string& country, const std::string& gender,
                                      const std::string& organisation_type,
                                      std::string_view dimension,
                                      const std::vector<programme::ProgrammeCountry>& countries) {
  if (dimension == "country") return {country.empty() ? "none" : country};
  if (dimension == "gender") return {gender};
  if (dimension == "organisation_type")
    return {organisation_type.empty() ? "none" : organisation_type};
  std::vector<std::string> roles;
  for (const auto& pc : countries)
    if (pc.country == country && std::find(roles.begin(), roles.end(), pc.role) == roles.end())
      roles.push_back(pc.role);
  if (roles.empty()) roles.push_back("none");
  return roles;
}

namespace {

// The rows a dimension always lists (every bucket, also empty ones), in
// their order; countries list those present, by count.
std::vector<std::string> fixed_values(std::string_view dimension) {
  std::vector<std::string> values;
  if (dimension == "gender") {
    for (auto v : programme::gender_choices()) values.emplace_back(v);
    values.insert(values.end(), {"self_described", "not_given"});
  } else if (dimension == "organisation_type") {
    for (auto v : programme::organisation_types()) values.emplace_back(v);
    values.emplace_back("none");
  } else if (dimension == "route_role") {
    for (auto v : programme::route_roles()) values.emplace_back(v);
    values.emplace_back("none");
  }
  return values;
}

}  // namespace

void compute(Report& report, const std::vector<programme::ProgrammeCountry>& countries) {
  const size_t n = report.cohorts.size();
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < n; ++i) index[report.cohorts[i].id] = i;
  for (auto& f : report.indicators) {
    f.cohorts.assign(n, Cell{});
    f.total = Cell{};
    f.breakdowns.clear();
    std::vector<std::unordered_map<std::string, size_t>> rows_of;
    for (const char* d : kDimensions) {
      Breakdown b{d, {}};
      std::unordered_map<std::string, size_t> rows;
      for (auto& v : fixed_values(d)) {
        rows.emplace(v, b.rows.size());
        b.rows.push_back({v, {}, std::vector<Cell>(n)});
      }
      f.breakdowns.push_back(std::move(b));
      rows_of.push_back(std::move(rows));
    }
    // Adds a tally to the figure and its groups: in its cohort's column, or
    // (column empty) in the total.
    auto add = [&](const Tally& x, std::optional<size_t> column) {
      (column ? f.cohorts[*column] : f.total).count += x.count;
      for (size_t d = 0; d < std::size(kDimensions); ++d) {
        auto& b = f.breakdowns[d];
        for (const auto& v :
             group_values(x.country, x.gender, x.organisation_type, kDimensions[d], countries)) {
          auto [row, added] = rows_of[d].emplace(v, b.rows.size());
          if (added) b.rows.push_back({v, {}, std::vector<Cell>(n)});
          auto& g = b.rows[row->second];
          (column ? g.cohorts[*column] : g.total).count += x.count;
        }
      }
    };
    for (const auto& x : f.cohort_tallies)
      if (auto it = index.find(x.cohort_id); it != index.end()) add(x, it->second);
    for (const auto& x : f.total_tallies) add(x, std::nullopt);
    auto& by_country = f.breakdowns[0].rows;
    std::stable_sort(by_country.begin(), by_country.end(), [](const auto& a, const auto& b) {
      return a.total.count != b.total.count ? a.total.count > b.total.count : a.value < b.value;
    });
  }
  // The figures as sums for the threshold (surveys/anonymity), the coarser
  // first: the cohorts against the total; per breakdown its groups against
  // the total, each cohort's groups against the cohort's figure, each
  // group's cohorts against the group's total. The total itself is shown.
  std::vector<Cell*> cells;
  std::vector<surveys::anonymity::Sum> sums;
  auto at = [&](Cell& c) {
    cells.push_back(&c);
    return cells.size() - 1;
  };
  for (auto& f : report.indicators) {
    surveys::anonymity::Sum top;
    std::vector<size_t> cohort_at;
    for (auto& c : f.cohorts) top.parts.push_back(cohort_at.emplace_back(at(c)));
    sums.push_back(std::move(top));
    for (auto& b : f.breakdowns) {
      surveys::anonymity::Sum groups;
      std::vector<surveys::anonymity::Sum> columns(n), rows;
      for (size_t i = 0; i < n; ++i) columns[i].whole = cohort_at[i];
      for (auto& row : b.rows) {
        surveys::anonymity::Sum across{at(row.total), {}};
        groups.parts.push_back(*across.whole);
        for (size_t i = 0; i < n; ++i) {
          const size_t cell = at(row.cohorts[i]);
          columns[i].parts.push_back(cell);
          across.parts.push_back(cell);
        }
        rows.push_back(std::move(across));
      }
      sums.push_back(std::move(groups));
      for (auto& c : columns) sums.push_back(std::move(c));
      for (auto& r : rows) sums.push_back(std::move(r));
    }
  }
  std::vector<int64_t> figures;
  figures.reserve(cells.size());
  for (const Cell* c : cells) figures.push_back(c->count);
  auto hidden = surveys::anonymity::suppress_sums(figures, sums, report.threshold);
  for (size_t i = 0; i < cells.size(); ++i) {
    cells[i]->suppressed = hidden[i] != surveys::anonymity::Hidden::no;
    cells[i]->small = hidden[i] == surveys::anonymity::Hidden::small;
  }
}

namespace {

// What the report counts per indicator, from a fixed number of statements
// whose rows are combinations of facts, not people or responses.
Result<Report> load_report(web::Ctx& ctx, const ReportQuery& q) {
  auto frame = load_frame(ctx, q);
  if (!frame) return frame;
  Report r = std::move(*frame);
  const int64_t pid = r.programme.id;
  auto countries = ps::list_programme_countries(ctx.db, pid);
  const auto& period = r.period;
  auto responses = store::count_indicator_responses(ctx.db, pid, period.from_day, period.to_day);
  auto asked = store::list_asked(ctx.db, pid, period.from_at, period.to_end);
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < r.cohorts.size(); ++i) index[r.cohorts[i].id] = i;
  for (auto i : kIndicators) {
    IndicatorFigures f;
    f.indicator = i;
    f.cohort_asked.assign(r.cohorts.size(), 0);
    f.cohort_answered.assign(r.cohorts.size(), 0);
    if (i == Indicator::participants) {
      f.cohort_tallies = store::count_attendance(ctx.db, pid, period.from_at, period.to_end);
      f.total_tallies = store::count_attendance_total(ctx.db, pid, period.from_at, period.to_end);
      for (auto* list : {&f.cohort_tallies, &f.total_tallies})
        for (auto& x : *list) x.gender = programme::gender_bucket(x.gender);
    } else {
      // Each response is counted once (its key), so the total is the sum of
      // the cohorts' (and of responses without a cohort).
      for (const auto& x : responses) {
        if (!asked_for(i, x.indicator, x.audience, x.months_after)) continue;
        f.answered += x.tally.count;
        if (auto it = index.find(x.tally.cohort_id); it != index.end())
          f.cohort_answered[it->second] += x.tally.count;
        if (x.positive == 0) continue;
        Tally counted = x.tally;
        counted.count = x.positive;
        f.cohort_tallies.push_back(counted);
        counted.cohort_id = 0;
        f.total_tallies.push_back(std::move(counted));
      }
      for (const auto& a : asked)
        if (asked_for(i, a.indicator, a.audience, a.months_after)) {
          f.asked += a.count;
          auto it = index.find(a.cohort_id);
          if (it != index.end()) f.cohort_asked[it->second] += a.count;
        }
    }
    r.indicators.push_back(std::move(f));
  }
  compute(r, countries);
  return r;
}

const Cell* find_cell(const IndicatorFigures& f, const std::vector<programme::Cohort>& cohorts,
                      int64_t cohort_id, std::string_view dimension, std::string_view value) {
  std::optional<size_t> col;
  if (cohort_id) {
    for (size_t i = 0; i < cohorts.size(); ++i)
      if (cohorts[i].id == cohort_id) col = i;
    if (!col) return nullptr;
  }
  if (dimension.empty()) return col ? &f.cohorts[*col] : &f.total;
  for (const auto& b : f.breakdowns)
    if (b.dimension == dimension)
      for (const auto& row : b.rows)
        if (row.value == value) return col ? &row.cohorts[*col] : &row.total;
  return nullptr;
}

}  // namespace

Result<Report> indicator_report(web::Ctx& ctx, const ReportQuery& q) {
  return load_report(ctx, q);
}

Result<RecordsPage> indicator_records(web::Ctx& ctx, const ReportQuery& q,
                                      std::string_view indicator, std::string_view group) {
  Indicator which{};
  if (!parse_indicator(indicator, which)) return not_found();
  // The cohort of the drill-down is the figure's column, not a filter of
  // the report: the report is computed whole, as on the page.
  ReportQuery whole = q;
  whole.cohort.clear();
  auto frame = load_report(ctx, whole);
  if (!frame) return frame.error();
  RecordsPage page;
  page.indicator = which;
  if (!q.cohort.empty()) {
    auto id = parse_id(q.cohort);
    if (!id) return not_found();
    page.cohort_id = *id;
  }
  if (!group.empty()) {
    auto colon = group.find(':');
    if (colon == std::string_view::npos) return not_found();
    page.dimension = std::string(group.substr(0, colon));
    page.value = std::string(group.substr(colon + 1));
    if (page.dimension.empty() || page.value.empty()) return not_found();
  }
  const int64_t pid = frame->programme.id;
  auto countries = ps::list_programme_countries(ctx.db, pid);
  const auto& f = frame->indicators[static_cast<size_t>(which) - 1];
  const Cell* cell = find_cell(f, frame->cohorts, page.cohort_id, page.dimension, page.value);
  if (!cell || cell->suppressed) return not_found();
  page.cell = *cell;
  // The figure's records: the people present (1), the responses that count
  // (2, 3), of its cohort and group.
  const auto& period = frame->period;
  std::vector<Record> records;
  if (which == Indicator::participants) {
    records = store::list_attendance(ctx.db, pid, period.from_at, period.to_end, page.cohort_id);
    for (auto& r : records) r.gender = programme::gender_bucket(r.gender);
  } else {
    auto titles = store::survey_titles(ctx.db, pid, std::string(ctx.tr.language()));
    for (auto& x : store::list_indicator_responses(ctx.db, pid, period.from_day, period.to_day,
                                                   page.cohort_id))
      if (counts_for(which, x)) {
        x.record.survey_title = titles[x.record.survey_id];
        records.push_back(std::move(x.record));
      }
  }
  std::map<int64_t, size_t> seen;  // key -> index in people
  std::map<int64_t, size_t> rounds;
  for (const auto& r : records) {
    if (!page.dimension.empty()) {
      auto values =
          group_values(r.country, r.gender, r.organisation_type, page.dimension, countries);
      if (std::find(values.begin(), values.end(), page.value) == values.end()) continue;
    }
    if (r.anonymous) {
      auto it = rounds.find(r.round_id);
      if (it == rounds.end()) {
        rounds[r.round_id] = page.anonymous_rounds.size();
        page.anonymous_rounds.push_back({r.round_id, r.cohort_id, r.survey_title, 1});
      } else {
        ++page.anonymous_rounds[it->second].count;
      }
      continue;
    }
    auto it = seen.find(r.key);
    if (it == seen.end()) {
      seen[r.key] = page.people.size();
      page.people.push_back({r, {r.cohort_id}});
    } else {
      auto& row = page.people[it->second];
      row.record.sessions += r.sessions;
      row.cohort_ids.push_back(r.cohort_id);
    }
  }
  std::sort(page.people.begin(), page.people.end(), [](const auto& a, const auto& b) {
    return a.record.person_name != b.record.person_name
               ? a.record.person_name < b.record.person_name
               : a.record.key < b.record.key;
  });
  // The counts behind the figures are not kept on the page.
  for (auto& x : frame->indicators) x.cohort_tallies.clear(), x.total_tallies.clear();
  page.report = std::move(*frame);
  return page;
}

}  // namespace crm::reports

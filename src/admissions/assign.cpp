#include "admissions/assign.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace crm::admissions::assign {

namespace {

bool contains(const std::vector<int64_t>& v, int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool same_org(const Reviewer& r, const Item& item) {
  const auto a = fold(r.organisation);
  return !a.empty() && a == fold(item.organisation);
}

bool same_land(const Reviewer& r, const Item& item) {
  const auto a = fold(r.country);
  return !a.empty() && a == fold(item.country);
}

}  // namespace

std::string fold(std::string_view name) {
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), int32_t(name.size())));
  u.foldCase();
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (!u_isUWhiteSpace(c)) out.append(c);
    i += U16_LENGTH(c);
  }
  std::string s;
  out.toUTF8String(s);
  return s;
}

bool allowed(const Reviewer& r, const Item& item, bool same_country) {
  if (contains(item.conflicts, r.account)) return false;
  if (same_org(r, item)) return false;
  if (same_country && same_land(r, item)) return false;
  return true;
}

Plan plan(const Input& in) {
  Plan out;
  const size_t n = in.reviewers.size();
  // A random rank per reviewer breaks ties of load.
  std::vector<size_t> rank(n);
  std::iota(rank.begin(), rank.end(), size_t{0});
  std::mt19937_64 rng(in.seed);
  std::shuffle(rank.begin(), rank.end(), rng);
  std::vector<size_t> tie(n);
  for (size_t k = 0; k < n; ++k) tie[rank[k]] = k;
  std::vector<long> load(n);
  for (size_t k = 0; k < n; ++k) load[k] = in.reviewers[k].load;

  // Most constrained first; the same count keeps the input's order.
  std::vector<size_t> order(in.applications.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::vector<long> choices(order.size());
  for (size_t i = 0; i < order.size(); ++i)
    for (const auto& r : in.reviewers)
      choices[i] += allowed(r, in.applications[i], in.same_country) &&
                    !contains(in.applications[i].assigned, r.account);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return choices[a] < choices[b]; });

  for (size_t i : order) {
    const Item& item = in.applications[i];
    std::vector<int64_t> have = item.assigned;
    // Reviewers assigned before who are no longer allowed (a conflict
    // declared since) do not count.
    long count = 0;
    for (int64_t a : have) count += !contains(item.conflicts, a);
    long need = in.per_application - count;
    while (need > 0) {
      size_t best = n;
      for (size_t k = 0; k < n; ++k) {
        const auto& r = in.reviewers[k];
        if (contains(have, r.account) || !allowed(r, item, in.same_country)) continue;
        if (best == n || load[k] < load[best] || (load[k] == load[best] && tie[k] < tie[best]))
          best = k;
      }
      if (best == n) break;
      ++load[best];
      have.push_back(in.reviewers[best].account);
      out.add.push_back({item.application, in.reviewers[best].account});
      --need;
    }
    if (need > 0) {
      Uncovered u{item.application, need, 0, 0, 0};
      for (const auto& r : in.reviewers) {
        if (contains(item.conflicts, r.account))
          ++u.conflict;
        else if (same_org(r, item))
          ++u.same_organisation;
        else if (in.same_country && same_land(r, item))
          ++u.same_country;
      }
      out.uncovered.push_back(u);
    }
  }
  return out;
}

}  // namespace crm::admissions::assign

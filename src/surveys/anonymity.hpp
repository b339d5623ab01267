// The one place that decides which survey figures may be shown: results
// pages, their exports and the funder's indicator report all ask here. Pure
// functions, no database, no language.
//
// The rules (the programme's anonymity threshold t, at least 1):
// - A group — a bar, a cell, a cross-tab column, a filtered set, a free-text
//   listing, a set of paired people — with 1 to t-1 respondents is
//   suppressed: the reader sees "fewer than t" instead of its numbers. An
//   empty group (0) is shown as 0: it is nobody.
// - A filter (a round, a cohort, a version …) is applied only when both the
//   set it keeps and the set it leaves out are shown (0 or at least t);
//   otherwise the unfiltered figures minus the filtered ones would reveal the
//   small rest. See filter_shown().
// - Complementary suppression in tables (suppress()): a line (a column's
//   cells against its total, or a row's cells against the row's total over
//   all groups, which the unfiltered chart shows) with exactly ONE suppressed
//   entry would give it away by subtraction. Such a line gets a second
//   entry suppressed — the smallest shown non-zero one, ties to the last
//   (the line's total only when there is none) — and this is repeated until
//   no line has exactly one. Overall totals stay shown. Likewise for
//   whole columns: if exactly one group is below the threshold, the smallest
//   other non-empty group is suppressed with it, and a hidden group hides
//   all its cells. suppress_sums() is that rule for any table; the
//   indicator report uses it for its figures by cohort and group.
//   We chose suppressing a second cell over hiding totals: the overall
//   figures are on another page anyway (the chart without a cross-tab), so a
//   hidden total would not protect anything.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace crm::surveys::anonymity {

// The threshold in force: the programme's, never below 1.
constexpr std::int64_t effective(std::int64_t programme_threshold) {
  return programme_threshold < 1 ? 1 : programme_threshold;
}

// Whether a group of `respondents` may be shown: none, or at least t.
constexpr bool shown(std::int64_t respondents, std::int64_t threshold) {
  return respondents <= 0 || respondents >= effective(threshold);
}

// Whether a group that must have someone in it (a filtered set, a free-text
// listing, a statistic such as a mean) may be shown: at least t.
constexpr bool shown_nonempty(std::int64_t respondents, std::int64_t threshold) {
  return respondents >= effective(threshold);
}

// Whether a filter keeping `selected` of `all` respondents may be applied:
// the kept set has at least t, and the rest is empty or has at least t.
constexpr bool filter_shown(std::int64_t selected, std::int64_t all, std::int64_t threshold) {
  return shown_nonempty(selected, threshold) && shown(all - selected, threshold);
}

// A table of respondent counts: cells[row][column] (rows: a question's
// choices; columns: groups — one column for a plain chart), and per column
// the respondents of that group who answered (the cells' total for a single
// choice; for a multiple choice cells may add up to more).
struct Table {
  std::vector<std::vector<std::int64_t>> cells;
  std::vector<std::int64_t> column_totals;
};

// Why a figure is hidden: small — the group has fewer than t respondents
// (pages say "fewer than t"); complement — hidden so that a small group
// cannot be worked out from the totals (pages say "hidden").
enum class Hidden : std::uint8_t { no, small, complement };

// What suppress() hides: whole columns (the group is too small, or hidden to
// protect another one; their total is hidden too) and single cells. Every
// cell of a hidden column is hidden for the column's reason.
struct Mask {
  std::vector<Hidden> column;             // per column
  std::vector<std::vector<Hidden>> cell;  // [row][column]
  bool hidden(std::size_t row, std::size_t col) const { return cell[row][col] != Hidden::no; }
  bool column_hidden(std::size_t col) const { return column[col] != Hidden::no; }
  bool any() const;
};

// Primary and complementary suppression of `table` (see the rules above).
// Rows must all have column_totals.size() entries. Built on suppress_sums().
Mask suppress(const Table& table, std::int64_t threshold);

// The general form, for tables of any shape (the results' cross-tabs above,
// the indicator report's figures by cohort and group): `figures` are counts
// of people, and each Sum says that a figure (`whole`; none: a figure that
// is always shown, such as a grand total) is made of others (`parts`; for a
// multiple choice they may add up to more, which only makes the rule
// stricter). Rules, with t the threshold:
// - a figure from 1 to t-1 is hidden (small);
// - a hidden whole hides all its parts (for its reason), zeros too: a group
//   too small to show must not show how it splits;
// - a sum with exactly one hidden entry (whole or part) gets a second one
//   hidden (complement): the smallest shown non-zero part, ties to the last;
//   else the whole; else a zero part;
// - repeated over `sums` in their order until nothing changes. List the
//   coarser sums first (the groups against the grand total, then each
//   group's parts): whole groups are then hidden before single cells.
// REQUIRES: every index in `sums` is below figures.size().
struct Sum {
  std::optional<std::size_t> whole;
  std::vector<std::size_t> parts;
};
std::vector<Hidden> suppress_sums(const std::vector<std::int64_t>& figures,
                                  const std::vector<Sum>& sums, std::int64_t threshold);

}  // namespace crm::surveys::anonymity

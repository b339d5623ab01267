#include "surveys/anonymity.hpp"

#include <cstddef>
#include <optional>

namespace crm::surveys::anonymity {

bool Mask::any() const {
  for (auto c : column)
    if (c != Hidden::no) return true;
  for (const auto& row : cell)
    for (auto c : row)
      if (c != Hidden::no) return true;
  return false;
}

namespace {

// The entry to hide next to a lone hidden one among `candidates` (indexes
// with their values): the smallest non-zero, else a zero; ties to the last.
std::optional<std::size_t> complement_of(
    const std::vector<std::pair<std::size_t, std::int64_t>>& candidates) {
  std::optional<std::size_t> best;
  std::int64_t best_value = 0;
  bool best_nonzero = false;
  for (const auto& [i, v] : candidates) {
    bool nonzero = v > 0;
    if (!best || (nonzero && !best_nonzero) || (nonzero == best_nonzero && v <= best_value)) {
      best = i;
      best_value = v;
      best_nonzero = nonzero;
    }
  }
  return best;
}

}  // namespace

Mask suppress(const Table& table, std::int64_t threshold) {
  const std::size_t cols = table.column_totals.size();
  const std::size_t rows = table.cells.size();
  Mask m;
  m.column.assign(cols, Hidden::no);
  m.cell.assign(rows, std::vector<Hidden>(cols, Hidden::no));

  // Groups too small to show, and a second one if only one is.
  std::size_t small_columns = 0;
  for (std::size_t c = 0; c < cols; ++c)
    if (!shown(table.column_totals[c], threshold)) {
      m.column[c] = Hidden::small;
      ++small_columns;
    }
  if (small_columns == 1 && cols > 1) {
    std::vector<std::pair<std::size_t, std::int64_t>> others;
    for (std::size_t c = 0; c < cols; ++c)
      if (m.column[c] == Hidden::no && table.column_totals[c] > 0)
        others.emplace_back(c, table.column_totals[c]);
    if (auto c = complement_of(others)) m.column[*c] = Hidden::complement;
  }
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      if (m.column[c] != Hidden::no)
        m.cell[r][c] = m.column[c];
      else if (!shown(table.cells[r][c], threshold))
        m.cell[r][c] = Hidden::small;
    }

  // Lines with exactly one hidden entry get a second one, until none has.
  for (bool changed = true; changed;) {
    changed = false;
    // Columns: the cells against the group's total.
    for (std::size_t c = 0; c < cols; ++c) {
      if (m.column[c] != Hidden::no) continue;
      std::size_t hidden = 0;
      std::vector<std::pair<std::size_t, std::int64_t>> open;
      for (std::size_t r = 0; r < rows; ++r) {
        if (m.cell[r][c] != Hidden::no)
          ++hidden;
        else
          open.emplace_back(r, table.cells[r][c]);
      }
      if (hidden != 1) continue;
      if (auto r = complement_of(open)) {
        m.cell[*r][c] = Hidden::complement;
        changed = true;
      }
    }
    // Rows: the cells against the row's total over all groups (the chart
    // without a cross-tab shows it). A single column is its own total.
    if (cols < 2) continue;
    for (std::size_t r = 0; r < rows; ++r) {
      std::size_t hidden = 0;
      std::vector<std::pair<std::size_t, std::int64_t>> open;
      for (std::size_t c = 0; c < cols; ++c) {
        if (m.cell[r][c] != Hidden::no)
          ++hidden;
        else
          open.emplace_back(c, table.cells[r][c]);
      }
      if (hidden != 1) continue;
      if (auto c = complement_of(open)) {
        m.cell[r][*c] = Hidden::complement;
        changed = true;
      }
    }
  }
  return m;
}

}  // namespace crm::surveys::anonymity

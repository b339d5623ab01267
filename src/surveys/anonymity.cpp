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

std::vector<Hidden> suppress_sums(const std::vector<std::int64_t>& figures,
                                  const std::vector<Sum>& sums, std::int64_t threshold) {
  std::vector<Hidden> hidden(figures.size(), Hidden::no);
  for (std::size_t i = 0; i < figures.size(); ++i)
    if (!shown(figures[i], threshold)) hidden[i] = Hidden::small;
  bool changed = false;
  auto hide = [&](std::size_t i, Hidden why) {
    if (hidden[i] != Hidden::no) return;
    hidden[i] = why;
    changed = true;
  };
  auto hide_parts_of_hidden_wholes = [&] {
    for (const auto& s : sums)
      if (s.whole && hidden[*s.whole] != Hidden::no)
        for (std::size_t p : s.parts) hide(p, hidden[*s.whole]);
  };
  hide_parts_of_hidden_wholes();
  do {
    changed = false;
    for (const auto& s : sums) {
      std::size_t count = s.whole && hidden[*s.whole] != Hidden::no ? 1 : 0;
      std::optional<std::size_t> nonzero;
      for (std::size_t p : s.parts) {
        if (hidden[p] != Hidden::no) {
          ++count;
        } else if (figures[p] > 0 && (!nonzero || figures[p] <= figures[*nonzero])) {
          nonzero = p;
        }
      }
      if (count != 1) continue;
      if (nonzero)
        hide(*nonzero, Hidden::complement);
      else if (s.whole)
        hide(*s.whole, Hidden::complement);
      hide_parts_of_hidden_wholes();
    }
  } while (changed);
  return hidden;
}

Mask suppress(const Table& table, std::int64_t threshold) {
  const std::size_t cols = table.column_totals.size();
  const std::size_t rows = table.cells.size();
  // Figures: the cells row by row, then the columns' totals. Sums: the
  // groups against the overall total (on the plain chart), each group's
  // cells against its total, each row's cells against the row's total over
  // all groups (on the plain chart too; a single column is its own).
  std::vector<std::int64_t> figures;
  figures.reserve(rows * cols + cols);
  for (const auto& row : table.cells) figures.insert(figures.end(), row.begin(), row.end());
  figures.insert(figures.end(), table.column_totals.begin(), table.column_totals.end());
  auto cell = [cols](std::size_t r, std::size_t c) { return r * cols + c; };
  const std::size_t total0 = rows * cols;
  std::vector<Sum> sums;
  if (cols > 1) {
    Sum groups;
    for (std::size_t c = 0; c < cols; ++c) groups.parts.push_back(total0 + c);
    sums.push_back(std::move(groups));
  }
  for (std::size_t c = 0; c < cols; ++c) {
    Sum column{total0 + c, {}};
    for (std::size_t r = 0; r < rows; ++r) column.parts.push_back(cell(r, c));
    sums.push_back(std::move(column));
  }
  if (cols > 1)
    for (std::size_t r = 0; r < rows; ++r) {
      Sum line;
      for (std::size_t c = 0; c < cols; ++c) line.parts.push_back(cell(r, c));
      sums.push_back(std::move(line));
    }
  auto hidden = suppress_sums(figures, sums, threshold);
  Mask m;
  m.column.assign(hidden.begin() + static_cast<std::ptrdiff_t>(total0), hidden.end());
  m.cell.assign(rows, std::vector<Hidden>(cols, Hidden::no));
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c)
      m.cell[r][c] = m.column[c] != Hidden::no ? m.column[c] : hidden[cell(r, c)];
  return m;
}

}  // namespace crm::surveys::anonymity

#include "reports/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "programme/parity_views.hpp"
#include "reports/views.hpp"

namespace crm::reports {

namespace {

struct TempFile {
  std::string path;
  TempFile() {
    auto p = (std::filesystem::temp_directory_path() / "crm-report-XXXXXX.xlsx").string();
    int fd = mkstemps(p.data(), 5);
    if (fd < 0) throw std::runtime_error("report: cannot create a temporary file");
    ::close(fd);
    path = std::move(p);
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

struct Sheet {
  lxw_worksheet* ws;
  lxw_format* bold;
  lxw_format* wrap;
  const Tr& t;
  long threshold;
  void text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* f = nullptr) {
    if (!s.empty()) worksheet_write_string(ws, row, col, s.c_str(), f);
  }
  void number(lxw_row_t row, lxw_col_t col, long n) {
    worksheet_write_number(ws, row, col, static_cast<double>(n), nullptr);
  }
  void cell(lxw_row_t row, lxw_col_t col, const Cell& c) {
    if (c.suppressed)
      text(row, col, views::cell_text(t, c, threshold));
    else
      number(row, col, c.count);
  }
};

}  // namespace

std::string report_xlsx(const Report& r, const Tr& t) {
  TempFile file;
  lxw_workbook* wb = workbook_new(file.path.c_str());
  if (!wb) throw std::runtime_error("report: cannot start a workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  std::vector<size_t> shown;  // indices of the cohorts shown
  for (size_t i = 0; i < r.cohorts.size(); ++i)
    if (!r.cohort_filter || r.cohorts[i].id == r.cohort_filter) shown.push_back(i);
  const bool with_total = r.cohort_filter == 0;
  for (const auto& f : r.indicators) {
    const int n = static_cast<int>(f.indicator);
    std::string name = t("Indicator {n}", {{"n", t.number(n)}});
    if (workbook_validate_sheet_name(wb, name.c_str()) != LXW_NO_ERROR)
      name = "Indicator " + std::to_string(n);
    Sheet s{workbook_add_worksheet(wb, name.c_str()), bold, wrap, t, r.threshold};
    if (t.rtl()) worksheet_right_to_left(s.ws);
    worksheet_set_column(s.ws, 0, 0, 34, nullptr);
    worksheet_set_column(s.ws, 1, static_cast<lxw_col_t>(shown.size() + 3), 16, nullptr);
    const bool survey = f.indicator != Indicator::participants;
    lxw_row_t row = 0;
    s.text(row, 0, views::indicator_title(t, f.indicator), bold);
    ++row;
    worksheet_merge_range(s.ws, row, 0, row, 5, "", wrap);
    worksheet_set_row(s.ws, row, 75, nullptr);
    s.text(row, 0, views::indicator_definition(t, f.indicator), wrap);
    ++row;
    s.text(row, 0, t("First day"), bold);
    s.text(row, 1, r.period.from);
    ++row;
    s.text(row, 0, t("Last day"), bold);
    s.text(row, 1, r.period.to);
    ++row;
    s.text(row, 0, t("Anonymity threshold"), bold);
    s.number(row, 1, r.threshold);
    row += 2;
    s.text(row, 0, t("Cohort"), bold);
    s.text(row, 1, t("Count"), bold);
    if (survey) {
      s.text(row, 2, t("Asked"), bold);
      s.text(row, 3, t("Answered"), bold);
    }
    ++row;
    for (size_t i : shown) {
      s.text(row, 0, r.cohorts[i].name);
      s.cell(row, 1, f.cohorts[i]);
      if (survey) {
        s.number(row, 2, f.cohort_asked[i]);
        s.number(row, 3, f.cohort_answered[i]);
      }
      ++row;
    }
    if (with_total) {
      s.text(row, 0, t("All cohorts"), bold);
      s.cell(row, 1, f.total);
      if (survey) {
        s.number(row, 2, f.asked);
        s.number(row, 3, f.answered);
      }
      ++row;
    }
    for (const auto& b : f.breakdowns) {
      ++row;
      s.text(row, 0, programme::views::dimension_label(t, b.dimension), bold);
      lxw_col_t col = 1;
      if (with_total) s.text(row, col++, t("All cohorts"), bold);
      for (size_t i : shown) s.text(row, col++, r.cohorts[i].name, bold);
      ++row;
      for (const auto& g : b.rows) {
        s.text(row, 0, programme::views::bucket_label(t, b.dimension, g.value));
        col = 1;
        if (with_total) s.cell(row, col++, g.total);
        for (size_t i : shown) s.cell(row, col++, g.cohorts[i]);
        ++row;
      }
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR)
    throw std::runtime_error("report: cannot write the workbook");
  std::ifstream in(file.path, std::ios::binary);
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (out.empty()) throw std::runtime_error("report: empty workbook");
  return out;
}

}  // namespace crm::reports

// HTML (the inside of <main>) of the jobs page, its export table, and the
// progress of one job for the page that started it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"
#include "jobs/model.hpp"
#include "web/context.hpp"
#include "web/export.hpp"
#include "web/html.hpp"

namespace crm::jobs::views {

constexpr long kPerPage = 50;

// What a kind of job does, in the reader's language ("Send mail"); the
// kind's own name for a kind this crm does not know.
std::string kind_label(const Tr& t, std::string_view kind);
std::string state_label(const Tr& t, State s);

// /admin/jobs: the counts by state as a filter, one page of jobs, the
// exports and the pagination. `state` is the filter (nullopt: every state).
std::string jobs_page(const web::Ctx& ctx, const JobList& l, std::optional<State> state, long page);
// Every job of the filter, for CSV and XLSX.
web::Table jobs_table(const web::Ctx& ctx, const std::vector<Job>& jobs);

// A <progress> of the job with "n of m" beside it (indeterminate while the
// job has not said how much there is to do), in a polite live region.
void progress(web::Html& h, const Tr& t, const Job& j, std::string_view label);

}  // namespace crm::jobs::views

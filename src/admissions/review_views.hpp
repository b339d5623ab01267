// Pages of the review: reviewers of a call, progress, a reviewer's list and
// the (blind) review page. Pure functions of the service's results; the
// review page only writes what review::Shown holds (blinding.hpp decided).
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "admissions/review_service.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::admissions::review_views {

// The scores one wrote as a reviewer, in one's data download (HTML section
// and its JSON), without anything of the applicants.
void personal_data(web::Html& h, const web::Ctx& ctx,
                   const std::vector<review_store::WrittenScore>& list);
boost::json::array personal_data_json(const std::vector<review_store::WrittenScore>& list);

std::string reviewers(const web::Ctx& ctx, const review::ReviewersPage& p, const Error* e,
                      const std::vector<assign::Uncovered>* uncovered = nullptr);
std::string progress(const web::Ctx& ctx, const review::ProgressPage& p);
web::Table progress_table(const web::Ctx& ctx, const review::ProgressPage& p);
std::string my_reviews(const web::Ctx& ctx, const std::vector<review::MyReview>& items);
web::Table my_reviews_table(const web::Ctx& ctx, const std::vector<review::MyReview>& items);
std::string review(const web::Ctx& ctx, const review::ReviewPage& p,
                   const std::vector<Error>& errors, const review::Typed* typed,
                   const Error* conflict_error = nullptr, const std::string& reason = {});

}  // namespace crm::admissions::review_views

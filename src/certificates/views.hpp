// HTML (the inside of <main>) of the certificate pages: a cohort's
// certificates, revoking one, the public verification, and the list of a
// person's certificates their page shows; the cohort list's export table.
#pragma once

#include <string>
#include <vector>

#include "certificates/service.hpp"
#include "core/result.hpp"
#include "web/context.hpp"
#include "web/export.hpp"
#include "web/html.hpp"

namespace crm::certificates::views {

// ECTS in tenths in the reader's digits: "7.5", "7,5", "٧٫٥".
std::string ects(const Tr& t, long tenths);

// What a participant still misses, in the reader's language, one per item.
std::vector<std::string> missing_texts(const Tr& t, const curriculum::Completion& c,
                                       const std::vector<store::ModuleRow>& modules);

// /cohorts/{id}/certificates. `error` (may be null) from an issue that was
// refused, about `person` (0: none), whose missing pieces `incomplete` names.
std::string cohort_page(const web::Ctx& ctx, const CohortPage& p, const Error* error = nullptr,
                        int64_t person = 0, const curriculum::Completion* incomplete = nullptr);
web::Table cohort_table(const Tr& t, const CohortPage& p);

// /certificates/{id}/revoke: the certificate and the reason asked for.
std::string revoke_form(const web::Ctx& ctx, const RevokePage& p, const std::string& reason,
                        const Error* error);

// /verify and /verify/{code}: the form, and when `asked` the answer.
std::string verify_page(const web::Ctx& ctx, const Verified& v, const std::string& typed,
                        bool asked);

// The person page's section: each certificate with its PDF and its public
// verification page. Nothing when `held` is empty.
void held(web::Html& h, const web::Ctx& ctx, const std::vector<Certificate>& held);

}  // namespace crm::certificates::views

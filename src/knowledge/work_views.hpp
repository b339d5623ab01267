// HTML of the public work and resource pages, and the parts of a work the
// consent page previews. User text (titles, abstracts, names, topics) is
// marked with its language where known and isolated (<bdi>, dir="auto").
#pragma once

#include <string>

#include "knowledge/work.hpp"
#include "web/context.hpp"
#include "web/html.hpp"

namespace crm::knowledge::views {

// The work as the public sees it: titles, abstracts, people, cohort,
// programme, tags (what the consent page promises, nothing more).
// `heading`: the first title is the page's <h1> (else <h2>, in a preview).
void work_body(web::Html& h, const web::Ctx& ctx, const Work& w, bool heading);
// "Final paper" or "Practice project" (translated).
std::string kind_label(const web::Ctx& ctx, const Work& w);

std::string work_page(const web::Ctx& ctx, const PublicWork& w);
std::string resource_page(const web::Ctx& ctx, const PublicResource& r);

}  // namespace crm::knowledge::views

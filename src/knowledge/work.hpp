// The public side of the knowledge base's works: a published paper or
// project (/knowledge/works/{n}, n = its publication's id) and a published
// curated resource (/knowledge/resources/{id}), their files and citations.
//
// No account needed. What is not public — never published, withdrawn, a
// paper no longer accepted, an unpublished resource, an unknown number —
// is not_found (404), the same for everyone, staff included: these pages
// show only what the public may see, never supervision (comments,
// assessments, feedback). Each page costs a fixed number of statements.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "knowledge/publication.hpp"
#include "knowledge/work_cite.hpp"
#include "web/context.hpp"

namespace crm::knowledge {

struct PublicWork {
  int64_t number = 0;  // the publication's id: the stable public number
  int64_t published_at = 0;
  Work work;
};
Result<PublicWork> public_work(web::Ctx& ctx, int64_t number);
Result<store::FileRow> public_work_file(web::Ctx& ctx, int64_t number);

struct PublicResource {
  store::ResourceRow resource;
  std::vector<store::TagRow> tags;
  std::string programme;  // the curating programme's name in the reader's language
};
Result<PublicResource> public_resource(web::Ctx& ctx, int64_t id);
Result<store::FileRow> public_resource_file(web::Ctx& ctx, int64_t id);

// "/knowledge/works/12", "/knowledge/resources/3"
std::string public_work_path(int64_t number);
std::string public_resource_path(int64_t id);

// The title and abstract to show first: in `language` when the work has it,
// else English, else the first. REQUIRES: !texts.empty() (else an empty row).
store::TextRow main_text(const std::vector<store::TextRow>& texts, std::string_view language);

// Citation data (English labels: a citation is read by reference managers
// in any language). `base_url`: the site's address without a trailing slash.
CiteData cite(const PublicWork& w, const std::string& base_url);
CiteData cite(const PublicResource& r, const std::string& base_url);

}  // namespace crm::knowledge

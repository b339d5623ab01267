// Curated outside resources: reports, manuals, guidelines, studies and policies
// on return and reintegration that a programme's staff add to the knowledge
// base, with a link and optionally the file itself (PDF, DOCX or ODT, sniffed
// against its name, at most kMaxResourceBytes), tagged like papers and
// projects, published (public) or not.
//
// Who: the programme's staff and admins (knowledge/policy.hpp can_curate);
// anyone else gets not_found (404) on every use case. Every write is one
// transaction with its audit entry and a search::record_change of the
// resource; storing a file also enqueues its text extraction. Bad input
// writes nothing and answers invalid naming the field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "knowledge/resource_model.hpp"
#include "knowledge/tag_form.hpp"
#include "programme/store.hpp"
#include "web/context.hpp"

namespace crm::knowledge {

inline constexpr int64_t kMaxResourceBytes = 20 * 1024 * 1024;
inline constexpr size_t kMaxResourceTitle = 300, kMaxResourceLine = 300, kMaxResourceSummary = 5000,
                        kMaxUrl = 2000;
inline constexpr long kFirstYear = 1950;

struct ResourceForm {
  std::string programme, kind, title, authors, publisher, year, language, summary, url;
  TagForm tags;
  std::optional<std::string> filename;  // a file was chosen
  std::string data;
  bool remove_file = false;
};

struct ResourceList {
  std::vector<ResourceRow> items;
};
std::optional<ResourceList> resource_list(web::Ctx& ctx);

struct ResourceFormPage {
  int64_t id = 0;  // 0: new
  std::string current_title, current_file;
  std::vector<programme::store::ProgrammeSummary> programmes;
  ResourceForm form;
};
std::optional<ResourceFormPage> new_resource_page(web::Ctx& ctx);
Result<int64_t> create_resource(web::Ctx& ctx, const ResourceForm& form);
std::optional<ResourceFormPage> edit_resource_page(web::Ctx& ctx, int64_t id);
Status update_resource(web::Ctx& ctx, int64_t id, const ResourceForm& form);

struct ResourcePage {
  Resource resource;
  std::string programme;
  std::vector<Tag> tags;
};
std::optional<ResourcePage> resource_page(web::Ctx& ctx, int64_t id);

struct ResourceFile {
  std::string filename, content_type, data;
};
std::optional<ResourceFile> resource_file(web::Ctx& ctx, int64_t id);

// publish: true publishes (sets published_at), false unpublishes.
Status publish_resource(web::Ctx& ctx, int64_t id, bool publish);

// The latest year a resource may carry: next year (forthcoming publications).
long last_year(int64_t now);
std::string_view kind_label(std::string_view kind);  // English msgid

}  // namespace crm::knowledge

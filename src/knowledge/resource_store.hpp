// SQL of curated resources: the only file of resources with SQL. Lists keep
// to the account's programmes in their WHERE.
// REQUIRES for the writes: an open db::Transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "knowledge/resource_model.hpp"
#include "knowledge/tag_form.hpp"

namespace crm::knowledge::resource_store {

// The resources of the account's programmes (`all`: every programme), the
// most recently changed first. One statement.
std::vector<ResourceRow> list_resources(db::Session& db, int64_t account_id, bool all,
                                        const std::string& language);
// Without the file's bytes.
std::optional<Resource> find_resource(db::Session& db, int64_t id);
// The file's bytes ("" when none).
std::string resource_data(db::Session& db, int64_t id);
std::string programme_name(db::Session& db, int64_t programme_id, const std::string& language);
// `data`: the file's bytes (ignored when r.filename is empty).
int64_t insert_resource(db::Session& db, const Resource& r, const std::string& data);
// The texts, link and kind; the file stays.
void update_resource(db::Session& db, const Resource& r);
// A new file (extracted text cleared until the job reads it again), or none
// (empty filename).
void set_file(db::Session& db, int64_t id, const std::string& filename,
              const std::string& content_type, const std::string& data, int64_t now);
// The file's text when it is known without extracting it (the demo wrote
// the file from it): the search index reads it as the extraction job would.
void set_extracted_text(db::Session& db, int64_t id, const std::string& text);
void set_published(db::Session& db, int64_t id, int64_t published_at,
                   int64_t now);  // 0: unpublished
std::vector<Tag> list_tags(db::Session& db, int64_t id);
void replace_tags(db::Session& db, int64_t id, const std::vector<Tag>& tags);

}  // namespace crm::knowledge::resource_store

// Curated outside resources (resource, resource_tag of migrations/0010):
// plain structs.
#pragma once

#include <cstdint>
#include <string>

namespace crm::knowledge {

struct Resource {
  int64_t id = 0, programme_id = 0;
  std::string kind, title, authors, publisher;
  int64_t year = 0;  // 0: not known
  std::string language, summary, url;
  std::string filename, content_type;  // empty filename: no file
  int64_t size = 0;
  int64_t published_at = 0;  // 0: not published
  int64_t created_by = 0, created_at = 0, updated_at = 0;
};

struct ResourceRow {
  Resource resource;
  std::string programme;
};

}  // namespace crm::knowledge

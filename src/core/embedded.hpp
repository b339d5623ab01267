// Files compiled into the binary by cmake/embed.cmake: web assets
// ("assets/app.css"), migrations ("migrations/0001_foundation.sql") and
// compiled catalogs ("locale/de/LC_MESSAGES/crm.mo"). Immutable; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace crm::embedded {

struct File {
  std::string_view name;
  std::string_view data;
};

// All embedded files, sorted as globbed (migrations in name order).
const std::vector<File>& files();

inline std::optional<std::string_view> find(std::string_view name) {
  for (const auto& f : files())
    if (f.name == name) return f.data;
  return std::nullopt;
}

}  // namespace crm::embedded

// Structured log lines (logfmt) on standard error. Thread-safe: each line is
// written whole.
#pragma once

#include <string>
#include <string_view>

namespace crm::log {

// Quotes a value for logfmt when it holds spaces, quotes or '='.
std::string value(std::string_view v);
// "time=2026-11-24T18:00:00Z level=info " + fields
void write(std::string_view level, std::string_view fields);
inline void info(std::string_view fields) {
  write("info", fields);
}
inline void error(std::string_view fields) {
  write("error", fields);
}

}  // namespace crm::log

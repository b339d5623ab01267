// The "search.extract" job: a paper version's or a resource's file turned
// into text for the search index by the tools Debian ships — pdftotext
// (PDF), odt2txt (ODT), docx2txt (DOCX) — run without a shell, with a time
// limit and an output cap, on a private temporary copy of the file whose name
// owes nothing to the uploader. The text is stored (extracted_text; '' for a
// file without text) and the work's change recorded in one transaction.
// A failing tool fails the job (shown on /admin/jobs), never a request.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "jobs/runner.hpp"

namespace crm::search {

inline constexpr std::chrono::seconds kExtractTimeLimit{60};
inline constexpr size_t kExtractOutputCap = 8 * 1024 * 1024;

// The tool's command for a content type, the file's path last; empty when
// the type has no tool (plain text is taken as it is).
std::vector<std::string> extract_command(const std::string& content_type, const std::string& path);

// Runs the tool on `bytes`; the text (valid UTF-8, no NUL) or an error
// message in English for the jobs page.
struct Extracted {
  bool ok = false;
  std::string text;
  std::string error;
};
Extracted extract_text(const std::string& content_type, const std::string& bytes);

jobs::Handler extract_job();

}  // namespace crm::search

#include "surveys/staff_title.hpp"

namespace crm::surveys {

StaffTitle staff_title(std::string working, const std::string& in_reader_language,
                       std::string working_language) {
  StaffTitle t;
  t.shown = in_reader_language.empty() ? working : in_reader_language;
  t.working = std::move(working);
  t.working_language = std::move(working_language);
  return t;
}

StaffTitle staff_title(const std::string& working, const Texts& newest_titles,
                       std::string_view reader_language, std::string_view default_language) {
  auto in = [&](std::string_view language) -> std::string {
    auto it = newest_titles.find(std::string(language));
    return it == newest_titles.end() ? std::string() : it->second;
  };
  std::string working_language;
  for (auto l : {reader_language, default_language})
    if (working_language.empty() && !working.empty() && in(l) == working)
      working_language = std::string(l);
  for (const auto& [l, text] : newest_titles)
    if (working_language.empty() && !working.empty() && text == working) working_language = l;
  return staff_title(working, in(reader_language), std::move(working_language));
}

}  // namespace crm::surveys

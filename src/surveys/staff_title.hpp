// A survey's title as staff read it. The survey's own title (survey.title) is
// the staff's working title, written once in one language; the newest
// version holds the respondents' title per language. A German, French or
// Arabic reader of the staff pages (the list, the overview, rounds, results)
// sees the newest version's title in their language when it has one, else
// the working title; the working title then stays visible beside it so that
// staff can tell surveys apart (views::working_title_note).
#pragma once

#include <string>
#include <string_view>

#include "surveys/model.hpp"

namespace crm::surveys {

struct StaffTitle {
  std::string shown;    // what headings, links and the list show
  std::string working;  // survey.title
  // The language of the newest version's title that equals the working
  // title (the reader's first, then the version's default); '' unknown.
  std::string working_language;
  // `shown` is the version's title in the reader's language, not the
  // working title.
  bool translated() const { return shown != working; }
  // The language of `shown` when it is the working title ('' for a
  // translated title: it is in the reader's, the page's, language).
  const std::string& shown_language() const {
    static const std::string none;
    return translated() ? none : working_language;
  }
};

// From what SQL reads: the version's title in the reader's language ('' none).
StaffTitle staff_title(std::string working, const std::string& in_reader_language,
                       std::string working_language);

// From the newest version's titles per language.
StaffTitle staff_title(const std::string& working, const Texts& newest_titles,
                       std::string_view reader_language, std::string_view default_language);

}  // namespace crm::surveys

// The tags of a practice project or a curated resource as a form: free topics,
// country codes, and boxes for the fixed lists of knowledge/vocabulary.hpp
// (target groups, dimensions, GCM objectives, SDGs). Parsing checks every code
// against its list, so a code that is not there is bad input, never stored.
//
// Field names: "topics" (comma or line separated), "countries" (ISO codes,
// "DE, SN"), and one checkbox name per list: "target_group", "dimension",
// "gcm", "sdg". Errors name those fields (#f-topics, #f-countries, #f-gcm …).
//
// Thread safety: pure functions; the views write into the given Html.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"
#include "web/context.hpp"
#include "web/html.hpp"

namespace crm::knowledge {

struct Tag {
  std::string kind;   // one of kTagKinds
  std::string value;  // a code of its list, an ISO country code, or a topic
  bool operator==(const Tag&) const = default;
};

struct TagForm {
  std::string topics;
  std::string countries;
  std::map<std::string, std::vector<std::string>> chosen;  // list kind → codes
};

inline constexpr size_t kMaxTopics = 20, kMaxTopicLength = 80;

// What the request's form sent.
TagForm read_tag_form(const http::Request& req);
// The form showing stored tags (editing).
TagForm tag_form_of(const std::vector<Tag>& tags);
// The tags of a form, each once, in a stable order; invalid naming the field
// of the first problem (an unknown code, a topic too long, too many topics).
Result<std::vector<Tag>> parse_tags(const TagForm& form);

// The fields of the form (a fieldset per list, folded unless something is
// chosen or wrong).
void tag_fields(web::Html& h, const web::Ctx& ctx, const TagForm& form, const Error* error);
// The tags as a description list, each label in the reader's language.
void tag_list(web::Html& h, const web::Ctx& ctx, const std::vector<Tag>& tags);
// One tag's label in the reader's language ("Germany", "SDG 4: Quality education").
std::string tag_label(const web::Ctx& ctx, const Tag& tag);

// The languages a work's texts may be written in (stored codes) and their
// names as English msgids.
struct WorkLanguage {
  std::string_view code, label;
};
const std::vector<WorkLanguage>& work_languages();
bool is_work_language(std::string_view code);
std::string work_language_name(const web::Ctx& ctx, std::string_view code);

}  // namespace crm::knowledge

// The fixed lists works are tagged with — papers, practice projects and
// curated resources alike — so the knowledge base can facet them the same way
// in every language: target groups, reintegration dimensions, the 23
// objectives of the Global Compact for Migration, the 17 Sustainable
// Development Goals, and the kinds of curated resource.
//
// Codes are what the database stores (paper_tag.value …) and what the search
// index keeps in its facet values; labels are English msgids (N_), shown
// through the reader's catalog. Topics are free text and countries are ISO
// 3166 alpha-2 codes (programme/countries.hpp), so neither is listed here.
//
// Thread safety: the lists are immutable; every function may be called from
// any thread.
#pragma once

#include <span>
#include <string_view>

namespace crm::knowledge {

struct Term {
  std::string_view code;   // stored: "children", "economic", "21", "report"
  std::string_view label;  // English msgid
};

// The tag kinds works carry (paper_tag.kind, project_tag.kind, resource_tag.kind).
inline constexpr std::string_view kTagKinds[] = {"topic",     "country", "target_group",
                                                 "dimension", "gcm",     "sdg"};

std::span<const Term> target_groups();
std::span<const Term> dimensions();      // economic, social, psychosocial
std::span<const Term> gcm_objectives();  // codes "1" … "23"
std::span<const Term> sdgs();            // codes "1" … "17"
std::span<const Term> resource_kinds();  // report, manual, guideline, study, policy

// The term of `list` with this code, or nullptr. Use it to validate input:
// a code not in the list is bad input.
const Term* find_term(std::span<const Term> list, std::string_view code);

// The list for a tag kind ("target_group" → target_groups()); empty for the
// free kinds ("topic", "country").
std::span<const Term> terms_of_kind(std::string_view kind);

}  // namespace crm::knowledge

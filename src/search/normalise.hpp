// The text normaliser of the search index, applied the same way to what is
// indexed and to what is searched, before Xapian's tokenizer and Snowball
// stemmer see the text (DESIGN.md, "full-text search"):
//
// - Arabic (in every text, since an Arabic word may stand in a French one):
//   diacritics (harakat, shadda, sukun, superscript alef) and tatweel go;
//   أ إ آ ٱ become ا, ة becomes ه, ى becomes ي; a و or ف glued to the
//   article (وال, فال) is split off so the word keeps its article alone.
// - Arabic-Indic and Persian digits become ASCII digits.
// - French and Italian elided articles and prepositions (l', d', qu',
//   dell', dall', nell', sull', all', … with ' or ’) are split off.
// - Case: lower-cased; Turkish text ("tr") lower-cases İ to i and I to ı
//   (elsewhere İ is i). Xapian's own lower-casing would map both to i.
// - German text ("de"): ä ö ü ß become ae oe ue ss, so "Rückkehr" and
//   "Rueckkehr" meet (the Snowball stemmer itself would fold ü to u, which
//   the ue spelling never reaches).
//
// Thread safety: pure functions; call from any thread.
#pragma once

#include <string>
#include <string_view>

namespace crm::search {

// `language`: the text's ISO 639-1 code ("ar", "de", "en", "fr", "tr", "it"
// or any other: then only the rules for every language apply). `text` is
// UTF-8; invalid bytes are dropped.
std::string normalise(std::string_view text, std::string_view language);

// True when the text has a letter of the Arabic script (the query's
// language is guessed from its script).
bool has_arabic_script(std::string_view text);

}  // namespace crm::search

#include "search/normalise.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <array>

namespace crm::search {

namespace {

bool arabic_diacritic(UChar32 c) {
  // Fathatan … sukun (harakat, tanwin, shadda, sukun), superscript alef, and
  // the Quranic small high marks.
  return (c >= 0x064B && c <= 0x0652) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06DC) ||
         (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 || c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED);
}

bool word_char(UChar32 c) {
  return u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK;
}

bool apostrophe(UChar32 c) {
  return c == 0x27 || c == 0x2019 || c == 0x02BC;
}

// Elided articles and prepositions of French and Italian, lower case.
constexpr std::array<std::u16string_view, 22> kElisions = {
    u"l",   u"d",      u"j",      u"m",     u"n",     u"s",    u"t",    u"c",
    u"qu",  u"lorsqu", u"puisqu", u"jusqu", u"dell",  u"dall", u"nell", u"sull",
    u"all", u"coll",   u"dagl",   u"un",    u"quell", u"quest"};

// Letter-wise rules on lower-cased text; German folding when `german`.
icu::UnicodeString fold(const icu::UnicodeString& in, bool german) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (arabic_diacritic(c) || c == 0x0640) continue;  // marks and tatweel
    switch (c) {
      case 0x0623:  // أ
      case 0x0625:  // إ
      case 0x0622:  // آ
      case 0x0671:  // ٱ
        out.append(static_cast<UChar32>(0x0627));
        continue;
      case 0x0629:  // ة
        out.append(static_cast<UChar32>(0x0647));
        continue;
      case 0x0649:  // ى
        out.append(static_cast<UChar32>(0x064A));
        continue;
      default:
        break;
    }
    if (c >= 0x0660 && c <= 0x0669) {
      out.append(static_cast<UChar32>('0' + (c - 0x0660)));
      continue;
    }
    if (c >= 0x06F0 && c <= 0x06F9) {
      out.append(static_cast<UChar32>('0' + (c - 0x06F0)));
      continue;
    }
    if (german) {
      const char16_t* digraph = nullptr;
      switch (c) {
        case 0x00E4:
          digraph = u"ae";
          break;
        case 0x00F6:
          digraph = u"oe";
          break;
        case 0x00FC:
          digraph = u"ue";
          break;
        case 0x00DF:
        case 0x1E9E:
          digraph = u"ss";
          break;
        default:
          break;
      }
      if (digraph) {
        out.append(icu::UnicodeString(digraph));
        continue;
      }
    }
    out.append(c);
  }
  return out;
}

// Word by word: a و/ف glued to the article, and elided articles.
icu::UnicodeString split_prefixes(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  const int32_t n = in.length();
  int32_t i = 0;
  while (i < n) {
    UChar32 c = in.char32At(i);
    if (!word_char(c)) {
      out.append(c);
      i += U16_LENGTH(c);
      continue;
    }
    int32_t start = i;
    while (i < n && word_char(in.char32At(i))) i += U16_LENGTH(in.char32At(i));
    icu::UnicodeString word(in, start, i - start);
    // وال / فال + at least two more letters: the conjunction goes.
    if (word.length() >= 5 && (word[0] == 0x0648 || word[0] == 0x0641) && word[1] == 0x0627 &&
        word[2] == 0x0644) {
      word.remove(0, 1);
    }
    // An elided article: the word, an apostrophe, a letter.
    if (i < n && apostrophe(in.char32At(i)) && i + 1 < n && u_isalpha(in.char32At(i + 1))) {
      std::u16string_view w(reinterpret_cast<const char16_t*>(word.getBuffer()),
                            static_cast<size_t>(word.length()));
      bool elided = false;
      for (auto e : kElisions)
        if (w == e) elided = true;
      if (elided) {
        i += 1;  // the apostrophe (one code unit for each we accept)
        continue;
      }
    }
    out.append(word);
  }
  return out;
}

}  // namespace

std::string normalise(std::string_view text, std::string_view language) {
  auto u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (language == "tr") {
    u.toLower(icu::Locale("tr"));
  } else {
    u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0130)), icu::UnicodeString("I"));
    u.toLower(icu::Locale::getRoot());
  }
  u = split_prefixes(fold(u, language == "de"));
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool has_arabic_script(std::string_view text) {
  auto u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    UErrorCode err = U_ZERO_ERROR;
    if (u_isalpha(c) && uscript_getScript(c, &err) == USCRIPT_ARABIC) return true;
  }
  return false;
}

}  // namespace crm::search

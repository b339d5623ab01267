// The gettext catalogs against the code: every msgid the sources use (extracted
// with xgettext through `scripts/update-catalogs --pot FILE`, so the test and the
// script cannot disagree on keywords) must be translated, not fuzzy, keep its
// {placeholders} and have as many plural forms as the catalog's Plural-Forms
// says. Then the compiled catalogs, as crm::Catalogs / crm::Tr load them from
// the binary. After changing strings: scripts/update-catalogs, then translate.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"

namespace crm {
namespace {

const std::string kRoot = CRM_SOURCE_DIR;
// Every language crm offers, with the number of plural forms its catalog must have.
const std::map<std::string, long> kPluralCounts = {{"en", 2}, {"de", 2}, {"fr", 2}, {"ar", 6}};
// Plural expressions are checked for every n up to this bound.
constexpr long kMaxN = 1000;

// ---------------------------------------------------------------------------
// A small .po reader: msgctxt, msgid, msgid_plural, msgstr, msgstr[N], strings
// continued over several lines, C escapes, the fuzzy flag and obsolete (#~)
// entries. Enough for what msgmerge and xgettext write; not a general parser.

struct PoEntry {
  std::optional<std::string> msgctxt;
  std::string msgid;
  std::optional<std::string> msgid_plural;
  std::vector<std::string> msgstr;  // msgstr is [0]; msgstr[N] is [N]
  bool fuzzy = false;
  bool obsolete = false;
  int line = 0;  // of the msgid
  std::string key() const { return msgctxt ? *msgctxt + '\x04' + msgid : msgid; }
};

struct PoFile {
  std::vector<PoEntry> entries;  // without the header entry
  std::map<std::string, std::string> header;
  std::string error;  // empty when the file was read completely
};

// Reads the C string literal starting at s[0] == '"'; nullopt on bad syntax.
std::optional<std::string> unquote(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::nullopt;
  s = s.substr(1, s.size() - 2);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') return std::nullopt;  // an unescaped quote inside
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i == s.size()) return std::nullopt;
    c = s[i];
    static constexpr std::string_view kEscaped = "ntrabfv\"\\'?";
    static constexpr std::string_view kMeaning = "\n\t\r\a\b\f\v\"\\'?";
    if (auto k = kEscaped.find(c); k != std::string_view::npos) {
      out += kMeaning[k];
      continue;
    }
    if (c == 'x') {  // \xHH
      int v = 0, digits = 0;
      for (; digits < 2 && i + 1 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1]));
           ++digits) {
        char h = s[++i];
        v = v * 16 +
            (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (h | 0x20) - 'a' + 10);
      }
      if (digits == 0) return std::nullopt;
      out += static_cast<char>(v);
    } else if (c >= '0' && c <= '7') {  // \ooo
      int v = c - '0';
      for (int k = 0; k < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k)
        v = v * 8 + (s[++i] - '0');
      out += static_cast<char>(v);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

PoFile parse_po(std::string_view text) {
  PoFile po;
  PoEntry cur;
  bool have_msgid = false, have_msgstr = false;
  std::string* last = nullptr;  // the string a continuation line extends
  int line_no = 0;

  auto fail = [&](const std::string& why) {
    if (po.error.empty()) po.error = "line " + std::to_string(line_no) + ": " + why;
  };
  auto flush = [&] {
    if (have_msgid) {
      if (!have_msgstr) fail("msgid without msgstr");
      if (cur.msgid.empty() && !cur.msgctxt && !cur.obsolete) {
        std::istringstream lines(cur.msgstr.empty() ? "" : cur.msgstr[0]);
        for (std::string l; std::getline(lines, l);)
          if (auto colon = l.find(':'); colon != std::string::npos)
            po.header[l.substr(0, colon)] = trim(l.substr(colon + 1));
      } else {
        po.entries.push_back(std::move(cur));
      }
    }
    cur = PoEntry{};
    have_msgid = have_msgstr = false;
    last = nullptr;
  };

  std::istringstream in{std::string(text)};
  for (std::string raw; std::getline(in, raw);) {
    ++line_no;
    std::string line = trim(raw);
    bool obsolete = false;
    if (line.starts_with("#~")) {
      obsolete = true;
      line = trim(std::string_view(line).substr(2));
      if (line.starts_with("|")) continue;  // previous msgid of an obsolete entry
    }
    if (line.empty()) {
      if (!obsolete) flush();
      continue;
    }
    if (line[0] == '#') {
      if (have_msgstr) flush();  // comments open the next entry
      if (line.starts_with("#,")) {
        std::istringstream flags(line.substr(2));
        for (std::string f; std::getline(flags, f, ',');)
          if (trim(f) == "fuzzy") cur.fuzzy = true;
      }
      continue;
    }
    if (line[0] == '"') {
      auto s = unquote(line);
      if (!last || !s) {
        fail(last ? "bad string" : "string outside an entry");
        continue;
      }
      *last += *s;
      continue;
    }
    size_t sp = line.find(' ');
    std::string keyword = line.substr(0, sp);
    auto value = sp == std::string::npos ? std::nullopt : unquote(trim(line.substr(sp + 1)));
    if (!value) {
      fail("cannot read: " + line);
      continue;
    }
    // msgctxt, or a msgid that does not follow this entry's msgctxt, opens an entry.
    if ((keyword == "msgctxt" || keyword == "msgid") && have_msgid) flush();
    if (obsolete) cur.obsolete = true;
    if (keyword == "msgctxt" && !cur.msgctxt) {
      cur.msgctxt = *value;
      last = &*cur.msgctxt;
    } else if (keyword == "msgid") {
      cur.msgid = *value;
      cur.line = line_no;
      have_msgid = true;
      last = &cur.msgid;
    } else if (keyword == "msgid_plural" && have_msgid && !have_msgstr) {
      cur.msgid_plural = *value;
      last = &*cur.msgid_plural;
    } else if (keyword == "msgstr" && have_msgid && !cur.msgid_plural && cur.msgstr.empty()) {
      cur.msgstr.push_back(*value);
      have_msgstr = true;
      last = &cur.msgstr.back();
    } else if (keyword.starts_with("msgstr[") && keyword.ends_with("]") && have_msgid &&
               cur.msgid_plural &&
               keyword.substr(7, keyword.size() - 8) == std::to_string(cur.msgstr.size())) {
      cur.msgstr.push_back(*value);
      have_msgstr = true;
      last = &cur.msgstr.back();
    } else {
      fail("unexpected " + keyword);
    }
  }
  flush();
  return po;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

PoFile read_po(const std::string& path) {
  auto text = read_file(path);
  if (!text) {
    PoFile po;
    po.error = "cannot open " + path;
    return po;
  }
  return parse_po(*text);
}

// ---------------------------------------------------------------------------
// Plural-Forms: "nplurals=N; plural=EXPR;" with EXPR in gettext's C subset.

class PluralExpression {
 public:
  // nullopt when the expression cannot be read.
  static std::optional<long> eval(std::string_view expr, long n) {
    PluralExpression p(expr, n);
    long v = p.ternary();
    p.skip();
    if (!p.ok_ || p.pos_ != p.s_.size()) return std::nullopt;
    return v;
  }

 private:
  PluralExpression(std::string_view s, long n) : s_(s), n_(n) {}

  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool take(std::string_view op) {
    skip();
    if (s_.substr(pos_, op.size()) != op) return false;
    // "<" must not swallow "<=", "!" must not swallow "!=", and so on.
    if (op.size() == 1 && pos_ + 1 < s_.size() && s_[pos_ + 1] == '=' &&
        std::string_view("<>!=").find(op[0]) != std::string_view::npos)
      return false;
    pos_ += op.size();
    return true;
  }
  long ternary() {
    long c = logical_or();
    if (!take("?")) return c;
    long a = ternary();
    if (!take(":")) ok_ = false;
    long b = ternary();
    return c ? a : b;
  }
  long logical_or() {
    long v = logical_and();
    while (take("||")) v = (logical_and() || v) ? 1 : 0;
    return v;
  }
  long logical_and() {
    long v = equality();
    while (take("&&")) v = (equality() && v) ? 1 : 0;
    return v;
  }
  long equality() {
    long v = relation();
    for (;;) {
      if (take("=="))
        v = v == relation();
      else if (take("!="))
        v = v != relation();
      else
        return v;
    }
  }
  long relation() {
    long v = additive();
    for (;;) {
      if (take("<="))
        v = v <= additive();
      else if (take(">="))
        v = v >= additive();
      else if (take("<"))
        v = v < additive();
      else if (take(">"))
        v = v > additive();
      else
        return v;
    }
  }
  long additive() {
    long v = multiplicative();
    for (;;) {
      if (take("+"))
        v += multiplicative();
      else if (take("-"))
        v -= multiplicative();
      else
        return v;
    }
  }
  long multiplicative() {
    long v = unary();
    for (;;) {
      bool mul = take("*"), div = !mul && take("/"), mod = !mul && !div && take("%");
      if (!mul && !div && !mod) return v;
      long r = unary();
      if (mul)
        v *= r;
      else if (r == 0)
        ok_ = false;
      else
        v = div ? v / r : v % r;
    }
  }
  long unary() {
    if (take("!")) return !unary();
    if (take("-")) return -unary();
    return primary();
  }
  long primary() {
    skip();
    if (take("(")) {
      long v = ternary();
      if (!take(")")) ok_ = false;
      return v;
    }
    if (pos_ < s_.size() && s_[pos_] == 'n') {
      ++pos_;
      return n_;
    }
    if (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
      long v = 0;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_])))
        v = v * 10 + (s_[pos_++] - '0');
      return v;
    }
    ok_ = false;
    return 0;
  }

  std::string_view s_;
  long n_;
  size_t pos_ = 0;
  bool ok_ = true;
};

struct PluralForms {
  long nplurals = 0;
  std::string expression;
  std::vector<long> form_of;  // form_of[n] for n in 0..kMaxN
};

// Reads and checks a Plural-Forms header value; nullopt with *why set when broken.
std::optional<PluralForms> plural_forms(const std::string& value, std::string* why) {
  static const std::regex re(R"(^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?\s*$)");
  std::smatch m;
  if (!std::regex_match(value, m, re)) {
    *why = "cannot read Plural-Forms: " + value;
    return std::nullopt;
  }
  PluralForms pf;
  pf.nplurals = std::stol(m[1]);
  pf.expression = m[2];
  std::set<long> used;
  for (long n = 0; n <= kMaxN; ++n) {
    auto f = PluralExpression::eval(pf.expression, n);
    if (!f || *f < 0 || *f >= pf.nplurals) {
      *why = "plural=" + pf.expression + " gives " + (f ? std::to_string(*f) : "an error") +
             " for n=" + std::to_string(n) + " (nplurals=" + std::to_string(pf.nplurals) + ")";
      return std::nullopt;
    }
    pf.form_of.push_back(*f);
    used.insert(*f);
  }
  if (static_cast<long>(used.size()) != pf.nplurals) {
    *why = "plural=" + pf.expression + " never picks some of its " + std::to_string(pf.nplurals) +
           " forms";
    return std::nullopt;
  }
  return pf;
}

// ---------------------------------------------------------------------------

std::set<std::string> placeholders(const std::string& s) {
  static const std::regex re(R"(\{[A-Za-z_][A-Za-z0-9_]*\})");
  std::set<std::string> out;
  for (std::sregex_iterator it(s.begin(), s.end(), re), end; it != end; ++it) out.insert(it->str());
  return out;
}

std::string join(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : " ") + x;
  return out.empty() ? "none" : out;
}

std::string shown(const std::string& msgid) {
  std::string out = "\"";
  for (char c : msgid) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out + "\"";
}

// Everything wrong with catalog `lang` for the msgids in `pot`, one line each.
std::vector<std::string> catalog_problems(const PoFile& pot, const PoFile& po,
                                          const std::string& lang) {
  std::vector<std::string> problems;
  if (!po.error.empty()) return {"cannot be read: " + po.error};
  auto field = [&](const std::string& name) {
    auto it = po.header.find(name);
    return it == po.header.end() ? std::string() : it->second;
  };
  if (field("Language") != lang)
    problems.push_back("header: Language is \"" + field("Language") + "\", not \"" + lang + "\"");
  if (field("Content-Type").find("charset=UTF-8") == std::string::npos)
    problems.push_back("header: Content-Type must say charset=UTF-8");
  std::string why;
  auto pf = plural_forms(field("Plural-Forms"), &why);
  if (!pf) {
    problems.push_back("header: " + why);
    return problems;
  }
  if (auto it = kPluralCounts.find(lang); it != kPluralCounts.end() && pf->nplurals != it->second)
    problems.push_back("header: nplurals=" + std::to_string(pf->nplurals) + ", expected " +
                       std::to_string(it->second));
  // A form may leave out {n} only when it stands for a single number ("one", "two").
  std::vector<int> numbers_per_form(pf->nplurals, 0);
  for (long f : pf->form_of) ++numbers_per_form[f];

  std::map<std::string, const PoEntry*> by_key;
  for (const auto& e : po.entries)
    if (!e.obsolete) by_key[e.key()] = &e;

  for (const auto& want : pot.entries) {
    const std::string id = shown(want.msgid);
    auto it = by_key.find(want.key());
    if (it == by_key.end()) {
      problems.push_back("missing: " + id);
      continue;
    }
    const PoEntry& e = *it->second;
    const std::string where = id + " (line " + std::to_string(e.line) + ")";
    if (e.fuzzy) problems.push_back("fuzzy: " + where);
    if (want.msgid_plural.has_value() != e.msgid_plural.has_value() ||
        (want.msgid_plural && *want.msgid_plural != *e.msgid_plural)) {
      problems.push_back("msgid_plural differs from the code: " + where);
      continue;
    }
    if (e.msgid_plural && static_cast<long>(e.msgstr.size()) != pf->nplurals)
      problems.push_back("has " + std::to_string(e.msgstr.size()) +
                         " plural forms, nplurals=" + std::to_string(pf->nplurals) + ": " + where);
    auto expected = placeholders(e.msgid);
    if (e.msgid_plural) expected.merge(placeholders(*e.msgid_plural));
    for (size_t k = 0; k < e.msgstr.size(); ++k) {
      const std::string form = e.msgid_plural ? "msgstr[" + std::to_string(k) + "] of " : "";
      if (e.msgstr[k].empty()) {
        problems.push_back("empty " + form + where);
        continue;
      }
      auto got = placeholders(e.msgstr[k]);
      auto allowed_missing = std::set<std::string>{};
      if (e.msgid_plural && k < numbers_per_form.size() && numbers_per_form[k] == 1)
        allowed_missing.insert("{n}");
      bool ok = true;
      for (const auto& p : got) ok = ok && expected.contains(p);
      for (const auto& p : expected) ok = ok && (got.contains(p) || allowed_missing.contains(p));
      if (!ok)
        problems.push_back("placeholders " + join(got) + " in " + form + "the translation of " +
                           where + ", the msgid has " + join(expected));
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------

std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Command {
  int status = -1;
  std::string output;  // stdout and stderr
};

Command run(const std::string& command) {
  Command r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  for (size_t k; (k = fread(buf, 1, sizeof buf, p)) > 0;) r.output.append(buf, k);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// The msgids the code uses, extracted once per test run. Fails the calling test
// (and returns nullptr) when extraction is impossible.
const PoFile* extracted(std::string* why) {
  static const std::pair<std::optional<PoFile>, std::string> result = [] {
    std::pair<std::optional<PoFile>, std::string> r;
    if (run("xgettext --version").status != 0) {
      r.second =
          "xgettext is not installed, so the msgids of the code cannot be checked against the "
          "catalogs. Install GNU gettext (Debian: apt-get install gettext).";
      return r;
    }
    auto pot = std::filesystem::path(testing::TempDir()) /
               ("crm-catalog-test-" + std::to_string(getpid()) + ".pot");
    auto cmd = run("bash " + sh_quote(kRoot + "/scripts/update-catalogs") + " --pot " +
                   sh_quote(pot.string()));
    if (cmd.status != 0) {
      r.second = "scripts/update-catalogs --pot failed (" + std::to_string(cmd.status) + "):\n" +
                 cmd.output;
      return r;
    }
    PoFile po = read_po(pot.string());
    std::filesystem::remove(pot);
    if (!po.error.empty()) {
      r.second = "cannot read the extracted template: " + po.error;
      return r;
    }
    r.first = std::move(po);
    return r;
  }();
  *why = result.second;
  return result.first ? &*result.first : nullptr;
}

const PoEntry* find(const PoFile& po, const std::string& msgid) {
  for (const auto& e : po.entries)
    if (e.msgid == msgid && !e.msgctxt && !e.obsolete) return &e;
  return nullptr;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
  return s;
}

// --- the reader and the plural evaluator themselves ---------------------------

TEST(CatalogPoReader, ReadsEntriesFlagsEscapesAndPlurals) {
  auto po = parse_po(R"po(# a comment
msgid ""
msgstr ""
"Language: de\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: src/a.cpp
#. TRANSLATORS: shown on a button
msgid "Log in"
msgstr "Anmelden"

#, fuzzy, c-format
msgid "Two "
"lines\n"
msgstr "Zwei \"Zeilen\"\t\\ \101\x42"
#: src/b.cpp
msgctxt "menu"
msgid "{n} file"
msgid_plural "{n} files"
msgstr[0] "{n} Datei"
msgstr[1] "{n} Dateien"

#~ msgid "Old"
#~ msgstr "Alt"
)po");
  ASSERT_EQ(po.error, "");
  EXPECT_EQ(po.header["Language"], "de");
  EXPECT_EQ(po.header["Plural-Forms"], "nplurals=2; plural=(n != 1);");
  ASSERT_EQ(po.entries.size(), 4u);
  EXPECT_EQ(po.entries[0].msgid, "Log in");
  EXPECT_EQ(po.entries[0].msgstr, std::vector<std::string>{"Anmelden"});
  EXPECT_FALSE(po.entries[0].fuzzy);
  EXPECT_EQ(po.entries[1].msgid, "Two lines\n");
  EXPECT_EQ(po.entries[1].msgstr[0], "Zwei \"Zeilen\"\t\\ AB");
  EXPECT_TRUE(po.entries[1].fuzzy);
  EXPECT_EQ(po.entries[2].msgctxt, "menu");
  EXPECT_EQ(po.entries[2].msgid_plural, "{n} files");
  EXPECT_EQ(po.entries[2].msgstr, (std::vector<std::string>{"{n} Datei", "{n} Dateien"}));
  EXPECT_FALSE(po.entries[2].fuzzy);
  EXPECT_TRUE(po.entries[3].obsolete);
  EXPECT_EQ(po.entries[3].msgstr[0], "Alt");

  EXPECT_NE(parse_po("msgid \"a\"\n").error, "");                   // no msgstr
  EXPECT_NE(parse_po("msgid \"a\nmsgstr \"\"\n").error, "");        // open string
  EXPECT_NE(parse_po("msgid \"a\"\nmsgstr[1] \"x\"\n").error, "");  // not plural
  EXPECT_NE(parse_po("msgid \"a\"\nmsgstr \"\\q\"\n").error, "");   // bad escape
}

TEST(CatalogChecks, FindsEveryKindOfProblem) {
  auto pot = parse_po(R"(msgid "Hello {name},"
msgstr ""

msgid "Missing"
msgstr ""

msgid "{n} item"
msgid_plural "{n} items"
msgstr[0] ""
msgstr[1] ""
)");
  ASSERT_EQ(pot.error, "");
  auto po = parse_po(R"(msgid ""
msgstr ""
"Language: ar\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\n"

#, fuzzy
msgid "Hello {nom},"
msgstr "x"

msgid "Hello {name},"
msgstr "مرحبًا {nom}،"

msgid "{n} item"
msgid_plural "{n} items"
msgstr[0] "لا عناصر"
msgstr[1] "عنصر واحد"
msgstr[2] "عنصران"
msgstr[3] "{n} عناصر"
msgstr[4] "عنصرًا"
msgstr[5] ""
)");
  ASSERT_EQ(po.error, "");
  auto problems = catalog_problems(pot, po, "ar");
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_EQ(problems.size(), 4u) << all;
  EXPECT_NE(all.find("placeholders {nom} in the translation of \"Hello {name},\""),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("missing: \"Missing\""), std::string::npos) << all;
  // Forms 0, 1 and 2 stand for one number each and may spell it out; 4 may not.
  EXPECT_NE(all.find("placeholders none in msgstr[4]"), std::string::npos) << all;
  EXPECT_NE(all.find("empty msgstr[5]"), std::string::npos) << all;

  po.header["Plural-Forms"] = "nplurals=2; plural=(n != 1);";
  problems = catalog_problems(pot, po, "ar");
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0], "header: nplurals=2, expected 6");
}

TEST(CatalogPluralForms, EvaluatesGettextExpressions) {
  const std::string ar =
      "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)";
  const std::map<long, long> want = {{0, 0},  {1, 1},   {2, 2},   {3, 3},   {10, 3},  {11, 4},
                                     {99, 4}, {100, 5}, {102, 5}, {103, 3}, {111, 4}, {1000, 5}};
  for (const auto& [n, form] : want) EXPECT_EQ(PluralExpression::eval(ar, n), form) << "n=" << n;
  EXPECT_EQ(PluralExpression::eval("(n > 1)", 0), 0);
  EXPECT_EQ(PluralExpression::eval("(n > 1)", 2), 1);
  EXPECT_EQ(PluralExpression::eval("n != 1", 1), 0);
  EXPECT_EQ(PluralExpression::eval("!(n >= 2) || n == 7", 7), 1);
  EXPECT_EQ(PluralExpression::eval("n % 0", 1), std::nullopt);
  EXPECT_EQ(PluralExpression::eval("n ? 1", 1), std::nullopt);
  EXPECT_EQ(PluralExpression::eval("(n != 1", 1), std::nullopt);
  std::string why;
  EXPECT_FALSE(plural_forms("nplurals=2; plural=(n > 1 ? 2 : 0);", &why).has_value());
  EXPECT_FALSE(plural_forms("nplurals=3; plural=(n != 1);", &why).has_value());
  EXPECT_TRUE(plural_forms("nplurals=6; plural=" + ar + ";", &why).has_value()) << why;
}

// --- the catalogs in locale/ against the code ---------------------------------

TEST(CatalogTest, ExtractionFindsEveryKindOfCall) {
  std::string why;
  const PoFile* pot = extracted(&why);
  ASSERT_NE(pot, nullptr) << why;
  ASSERT_GT(pot->entries.size(), 100u);
  // ctx.tr("…"), t("…"), t("… {x}", {{…}}), N_("…") and t.plural("…", "…", n).
  for (const char* id : {"Log in", "Dashboard", "Hello {name},", "Administrator", "Bad request"})
    EXPECT_NE(find(*pot, id), nullptr) << id;
  const PoEntry* plural = find(*pot, "{n} invitation sent");
  ASSERT_NE(plural, nullptr);
  EXPECT_EQ(plural->msgid_plural, "{n} invitations sent");
}

TEST(CatalogTest, EveryCatalogTranslatesEveryMsgidOfTheCode) {
  std::string why;
  const PoFile* pot = extracted(&why);
  ASSERT_NE(pot, nullptr) << why;
  for (const auto& [lang, _] : kPluralCounts) {
    auto problems = catalog_problems(*pot, read_po(kRoot + "/locale/" + lang + ".po"), lang);
    std::string all;
    for (const auto& p : problems) all += "\n  " + p;
    EXPECT_TRUE(problems.empty())
        << "locale/" << lang << ".po has " << problems.size() << " problem(s):" << all
        << "\nRun scripts/update-catalogs, then translate what is empty or fuzzy.";
  }
}

// --- the compiled catalogs, as the application loads them ---------------------

class CatalogRuntime : public testing::Test {
 protected:
  static const Catalogs& catalogs() {
    static const Catalogs c;
    return c;
  }
  static PoFile po(const std::string& lang) {
    PoFile f = read_po(kRoot + "/locale/" + lang + ".po");
    EXPECT_EQ(f.error, "") << lang;
    return f;
  }
  static std::string msgstr(const PoFile& f, const std::string& msgid, size_t form = 0) {
    const PoEntry* e = find(f, msgid);
    return e && form < e->msgstr.size() ? e->msgstr[form] : "<" + msgid + " not in catalog>";
  }
};

TEST_F(CatalogRuntime, TranslatesLikeTheCatalogFiles) {
  EXPECT_EQ(Tr(catalogs(), "en")("Log in"), "Log in");
  EXPECT_EQ(Tr(catalogs(), "de")("Log in"), "Anmelden");
  for (const auto& [lang, _] : kPluralCounts) {
    PoFile f = po(lang);
    Tr t(catalogs(), lang);
    EXPECT_EQ(t.language(), lang);
    if (lang != "en") {
      EXPECT_NE(t("Log in"), "Log in") << lang;
    }
    EXPECT_EQ(t("Log in"), msgstr(f, "Log in")) << lang;
    EXPECT_EQ(t("Welcome, {name}", {{"name", "Amina"}}),
              replace_all(msgstr(f, "Welcome, {name}"), "{name}", "Amina"))
        << lang;
    EXPECT_EQ(t.key("Enter a valid email address."), msgstr(f, "Enter a valid email address."));
    // Every translation of the file reaches the binary: a stale build shows here.
    std::vector<std::string> stale;
    for (const auto& e : f.entries)
      if (!e.obsolete && !e.fuzzy && !e.msgctxt && !e.msgid_plural && !e.msgstr[0].empty() &&
          t(e.msgid.c_str()) != e.msgstr[0])
        stale.push_back(e.msgid);
    EXPECT_TRUE(stale.empty()) << lang << ": " << stale.size()
                               << " entries differ from the .po file (rebuild?), first: \""
                               << (stale.empty() ? "" : stale[0]) << "\"";
  }
}

TEST_F(CatalogRuntime, ArabicIsRightToLeft) {
  Tr ar(catalogs(), "ar");
  EXPECT_TRUE(ar.rtl());
  EXPECT_EQ(ar.dir(), "rtl");
  for (const char* lang : {"en", "de", "fr"}) {
    Tr t(catalogs(), lang);
    EXPECT_FALSE(t.rtl()) << lang;
    EXPECT_EQ(t.dir(), "ltr") << lang;
  }
}

TEST_F(CatalogRuntime, ArabicPluralsPickTheRightForm) {
  PoFile f = po("ar");
  const PoEntry* e = find(f, "{n} invitation sent");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->msgstr.size(), 6u);
  // Distinct forms, or a wrong pick could go unnoticed.
  EXPECT_EQ(std::set<std::string>(e->msgstr.begin(), e->msgstr.end()).size(), 6u);
  Tr t(catalogs(), "ar");
  const std::map<long, size_t> form_of = {{0, 0},  {1, 1},   {2, 2},   {3, 3},  {10, 3},
                                          {11, 4}, {100, 5}, {102, 5}, {111, 4}};
  for (const auto& [n, form] : form_of)
    EXPECT_EQ(t.plural("{n} invitation sent", "{n} invitations sent", n),
              replace_all(e->msgstr[form], "{n}", t.number(n)))
        << "n=" << n << " should use msgstr[" << form << "]";
}

// Arabic text writes its numbers in Arabic-Indic digits: a number belongs in a
// placeholder that Tr formats, never written into the translation. What stays
// Latin is what people type or read as a code.
TEST_F(CatalogRuntime, ArabicTranslationsWriteNoWesternDigits) {
  const std::vector<std::string> codes = {"2026-11-02", "crm-2027", "ISO 3166", "UTF-8"};
  std::vector<std::string> bad;
  for (const auto& e : po("ar").entries) {
    if (e.obsolete) continue;
    for (auto s : e.msgstr) {
      for (const auto& code : codes) s = replace_all(s, code, "");
      if (s.find('%') != std::string::npos ||
          std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        bad.push_back(e.msgid);
    }
  }
  EXPECT_TRUE(bad.empty()) << bad.size() << " Arabic entries with a Western digit or %, first: \""
                           << (bad.empty() ? "" : bad[0]) << "\"";
}

TEST_F(CatalogRuntime, GermanAndFrenchPlurals) {
  PoFile de = po("de"), fr = po("fr");
  Tr tde(catalogs(), "de"), tfr(catalogs(), "fr");
  auto de_one = msgstr(de, "{n} invitation sent", 0),
       de_many = msgstr(de, "{n} invitation sent", 1);
  auto fr_one = msgstr(fr, "{n} invitation sent", 0),
       fr_many = msgstr(fr, "{n} invitation sent", 1);
  EXPECT_EQ(tde.plural("{n} invitation sent", "{n} invitations sent", 1),
            replace_all(de_one, "{n}", "1"));
  EXPECT_EQ(tde.plural("{n} invitation sent", "{n} invitations sent", 0),
            replace_all(de_many, "{n}", "0"));
  // French counts zero as singular: plural=(n > 1).
  EXPECT_EQ(tfr.plural("{n} invitation sent", "{n} invitations sent", 0),
            replace_all(fr_one, "{n}", "0"));
  EXPECT_EQ(tfr.plural("{n} invitation sent", "{n} invitations sent", 2),
            replace_all(fr_many, "{n}", "2"));
}

}  // namespace
}  // namespace crm

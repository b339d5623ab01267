// The XLSForm import without HTTP: the .xlsx reader (shared and inline
// strings, numbers, booleans, cell references, sheet order; malformed zips,
// zip bombs, XML with entities, caps) and the form read from it (every
// supported construct, Arabic labels, and every unsupported one named by
// sheet, row and column with nothing imported).
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>

#include "surveys/definition.hpp"
#include "surveys/xlsform.hpp"
#include "surveys/xlsx_reader.hpp"
#include "unit/support/xlsx_writer.hpp"
#include "unit/support/zip.hpp"

namespace crm::surveys {
namespace {

using test::SheetCells;
using test::write_xlsx;

// A zip whose entries are deflated; `claimed` (when not 0) is written as
// every entry's unpacked size instead of the real one: a lying zip bomb.
std::string deflated_zip(const std::vector<std::pair<std::string, std::string>>& entries,
                         unsigned long claimed = 0) {
  std::string out, central;
  auto u16 = [](std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
  };
  auto u32 = [&](std::string& s, unsigned long v) {
    u16(s, static_cast<unsigned>(v & 0xffff));
    u16(s, static_cast<unsigned>((v >> 16) & 0xffff));
  };
  for (const auto& [name, data] : entries) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
    std::string packed(deflateBound(&z, data.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(packed.data());
    z.avail_out = static_cast<uInt>(packed.size());
    deflate(&z, Z_FINISH);
    packed.resize(z.total_out);
    deflateEnd(&z);
    const unsigned long crc =
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    const unsigned long size = claimed ? claimed : data.size();
    const unsigned long offset = out.size();
    out += "PK\x03\x04";
    u16(out, 20), u16(out, 0), u16(out, 8), u16(out, 0), u16(out, 0);
    u32(out, crc), u32(out, packed.size()), u32(out, size);
    u16(out, static_cast<unsigned>(name.size())), u16(out, 0);
    out += name + packed;
    central += "PK\x01\x02";
    u16(central, 20), u16(central, 20), u16(central, 0), u16(central, 8), u16(central, 0),
        u16(central, 0);
    u32(central, crc), u32(central, packed.size()), u32(central, size);
    u16(central, static_cast<unsigned>(name.size())), u16(central, 0), u16(central, 0),
        u16(central, 0), u16(central, 0);
    u32(central, 0), u32(central, offset);
    central += name;
  }
  const unsigned long at = out.size();
  out += central;
  out += "PK\x05\x06";
  u16(out, 0), u16(out, 0), u16(out, static_cast<unsigned>(entries.size())),
      u16(out, static_cast<unsigned>(entries.size()));
  u32(out, central.size()), u32(out, at), u16(out, 0);
  return out;
}

// The parts of a workbook with one sheet "survey" whose XML is `sheet`.
std::vector<std::pair<std::string, std::string>> parts(const std::string& sheet) {
  return {
      {"_rels/.rels",
       "<?xml version=\"1.0\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
       "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml",
       "<?xml version=\"1.0\"?><workbook "
       "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
       "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
       "<sheet name=\"survey\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
       "Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet},
  };
}

const char* kSheetOpen =
    "<?xml version=\"1.0\"?><worksheet "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";

// ------------------------------------------------------------------ reader

TEST(XlsxReader, ReadsSharedStringsNumbersBooleansAndSheetOrder) {
  auto bytes = write_xlsx({{"survey",
                            {{"type", "name", "label::Arabic (ar)"},
                             {"integer", "age", "العمر"},
                             {"#n:12", "#n:2.5", "#b:1", "#b:0"},
                             {},
                             {"", "", "", "", "", "", "", "", "", "", "", "", "", "",
                              "", "", "", "", "", "", "", "", "", "", "", "", "", "far"}}},
                           {"choices", {{"list_name", "name"}}},
                           {"Settings", {{"form_title"}, {"Ü & <ok>"}}}});
  auto book = xlsx::read(bytes);
  ASSERT_TRUE(book) << book.error().key;
  ASSERT_EQ(book->sheets.size(), 3u);
  EXPECT_EQ(book->sheets[0].name, "survey");
  EXPECT_EQ(book->sheets[2].name, "Settings");
  const auto& s = book->sheets[0];
  EXPECT_EQ(s.cell(0, 2), "label::Arabic (ar)");
  EXPECT_EQ(s.cell(1, 2), "العمر");
  EXPECT_EQ(s.cell(2, 0), "12");
  EXPECT_EQ(s.cell(2, 1), "2.5");
  EXPECT_EQ(s.cell(2, 2), "TRUE");
  EXPECT_EQ(s.cell(2, 3), "FALSE");
  EXPECT_EQ(s.cell(3, 0), "");
  EXPECT_EQ(s.cell(4, 27), "far");  // AB5
  EXPECT_EQ(s.cell(99, 99), "");
  ASSERT_NE(book->find("settings"), nullptr);  // any case
  EXPECT_EQ(book->find("settings")->cell(1, 0), "Ü & <ok>");
  EXPECT_EQ(book->find("nothing"), nullptr);
}

TEST(XlsxReader, ReadsInlineStrings) {
  auto bytes = write_xlsx({{"survey", {{"type", "name"}, {"text", "comment"}}}}, true);
  auto book = xlsx::read(bytes);
  ASSERT_TRUE(book) << book.error().key;
  EXPECT_EQ(book->sheets[0].cell(1, 1), "comment");
}

TEST(XlsxReader, JoinsRichTextRunsAndLeavesOutPhonetics) {
  auto p = parts(std::string(kSheetOpen) +
                 "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"inlineStr\"><is><r>"
                 "<t>in</t></r><r><t xml:space=\"preserve\"> line</t></r></is></c></row>"
                 "</sheetData></worksheet>");
  p.push_back({"xl/sharedStrings.xml",
               "<?xml version=\"1.0\"?><sst "
               "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><r><t>"
               "bo</t></r><r><rPr><b/></rPr><t>ld</t></r><rPh><t>x</t></rPh></si></sst>"});
  auto book = xlsx::read(test::stored_zip(p));
  ASSERT_TRUE(book) << book.error().key;
  EXPECT_EQ(book->sheets[0].cell(0, 0), "bold");
  EXPECT_EQ(book->sheets[0].cell(0, 1), "");
  EXPECT_EQ(book->sheets[0].cell(0, 2), "in line");
}

TEST(XlsxReader, CellReferences) {
  size_t c = 0, r = 0;
  EXPECT_TRUE(xlsx::parse_cell_reference("A1", c, r));
  EXPECT_EQ(c, 0u);
  EXPECT_EQ(r, 1u);
  EXPECT_TRUE(xlsx::parse_cell_reference("AB12", c, r));
  EXPECT_EQ(c, 27u);
  EXPECT_EQ(r, 12u);
  EXPECT_TRUE(xlsx::parse_cell_reference("XFD1048576", c, r));
  EXPECT_EQ(c, 16383u);
  for (const char* bad : {"", "A", "12", "A0", "XFE1", "ABCD1", "A1B", "A12345678", "$A$1"})
    EXPECT_FALSE(xlsx::parse_cell_reference(bad, c, r)) << bad;
  EXPECT_EQ(xlsx::column_letters(0), "A");
  EXPECT_EQ(xlsx::column_letters(25), "Z");
  EXPECT_EQ(xlsx::column_letters(26), "AA");
  EXPECT_EQ(xlsx::column_letters(27), "AB");
  EXPECT_EQ(xlsx::column_letters(16383), "XFD");
}

std::string key_of(const Result<xlsx::Workbook>& r) {
  return r ? std::string("(read)") : r.error().key;
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbook) {
  EXPECT_EQ(key_of(xlsx::read("")), xlsx::kNotXlsx);
  EXPECT_EQ(key_of(xlsx::read("email,name\na@b.c,A\n")), xlsx::kNotXlsx);
  EXPECT_EQ(key_of(xlsx::read(std::string("PK\x03\x04", 4) + std::string(200, 'x'))),
            xlsx::kNotXlsx);
  // A zip, but not of a workbook.
  EXPECT_EQ(key_of(xlsx::read(test::stored_zip({{"word/document.xml", "<w/>"}}))), xlsx::kNotXlsx);
  // A workbook cut short.
  auto good = write_xlsx({{"survey", {{"type", "name"}}}});
  EXPECT_FALSE(xlsx::read(good.substr(0, good.size() / 2)));
  // One byte changed inside a packed part: the CRC or the inflater notices.
  auto bad = good;
  bad[bad.size() / 3] = static_cast<char>(bad[bad.size() / 3] ^ 0x55);
  EXPECT_FALSE(xlsx::read(bad));
  // Broken XML, a sheet that points nowhere, a shared string out of range.
  EXPECT_EQ(key_of(xlsx::read(test::stored_zip(parts("<worksheet><sheetData><row>")))),
            xlsx::kDamaged);
  EXPECT_EQ(key_of(xlsx::read(test::stored_zip(parts(
                std::string(kSheetOpen) +
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>")))),
            xlsx::kDamaged);
  EXPECT_EQ(key_of(xlsx::read(test::stored_zip(
                parts(std::string(kSheetOpen) +
                      "<row r=\"2\"><c r=\"A3\"><v>1</v></c></row></sheetData></worksheet>")))),
            xlsx::kDamaged);
}

TEST(XlsxReader, RefusesEntitiesAndExternalReferences) {
  // Billion laughs and XXE: a DOCTYPE is never read.
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
      "t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>";
  EXPECT_EQ(key_of(xlsx::read(test::stored_zip(parts(laughs)))), xlsx::kDamaged);
  const std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c>"
      "</row></sheetData></worksheet>";
  EXPECT_EQ(key_of(xlsx::read(test::stored_zip(parts(xxe)))), xlsx::kDamaged);
  // A relationship that leaves the package is no part.
  auto p = parts(std::string(kSheetOpen) + "</sheetData></worksheet>");
  p[2].second =
      "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
      "Target=\"../../../etc/passwd\"/></Relationships>";
  EXPECT_EQ(key_of(xlsx::read(test::stored_zip(p))), xlsx::kDamaged);
}

TEST(XlsxReader, RefusesZipBombsHonestOrLying) {
  // 40 MB of one cell's padding packs into a few kilobytes.
  const std::string huge =
      std::string(kSheetOpen) + std::string(40 * 1024 * 1024, ' ') + "</sheetData></worksheet>";
  auto honest = deflated_zip(parts(huge));
  ASSERT_LT(honest.size(), 200u * 1024);
  EXPECT_EQ(key_of(xlsx::read(honest)), xlsx::kUnpacksTooLarge);
  // The directory claims 1 kB: reading stops at the cap all the same.
  auto lying = deflated_zip(parts(huge), 1000);
  EXPECT_FALSE(xlsx::read(lying));
  // Many parts each under the cap, together over it.
  xlsx::Limits small;
  small.part_bytes = 4096;
  small.total_bytes = 6000;
  auto p = parts(std::string(kSheetOpen) + std::string(3000, ' ') + "</sheetData></worksheet>");
  p.push_back({"xl/sharedStrings.xml", "<sst>" + std::string(3000, ' ') + "</sst>"});
  EXPECT_EQ(key_of(xlsx::read(deflated_zip(p), small)), xlsx::kUnpacksTooLarge);
}

TEST(XlsxReader, CapsFileRowsColumnsAndCells) {
  EXPECT_EQ(key_of(xlsx::read(std::string(11 * 1024 * 1024, 'P'))), xlsx::kTooLarge);
  auto r = xlsx::read(std::string(11 * 1024 * 1024, 'P'));
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().numbers.size(), 1u);
  EXPECT_EQ(r.error().numbers[0].second, 10);
  auto cells = [](const std::string& row) {
    return test::stored_zip(parts(std::string(kSheetOpen) + row + "</sheetData></worksheet>"));
  };
  EXPECT_EQ(key_of(xlsx::read(cells("<row r=\"10001\"><c r=\"A10001\"><v>1</v></c></row>"))),
            xlsx::kTooManyRows);
  EXPECT_EQ(key_of(xlsx::read(cells("<row r=\"1\"><c r=\"CW1\"><v>1</v></c></row>"))),
            xlsx::kTooManyColumns);
  xlsx::Limits small;
  small.cells = 10;
  small.cell_bytes = 5;
  EXPECT_EQ(key_of(xlsx::read(cells("<row r=\"1\"><c r=\"Z1\"><v>1</v></c></row>"), small)),
            xlsx::kTooManyCells);
  EXPECT_EQ(key_of(xlsx::read(cells("<row r=\"1\"><c r=\"A1\"><v>123456</v></c></row>"), small)),
            xlsx::kCellTooLong);
}

// ------------------------------------------------------------------ forms

using xlsform::FormProblem;
using xlsform::FormResult;

FormResult form(const SheetCells& survey, const SheetCells& choices = {},
                const SheetCells& settings = {}) {
  std::vector<std::pair<std::string, SheetCells>> sheets{{"survey", survey}};
  if (!choices.empty()) sheets.push_back({"choices", choices});
  if (!settings.empty()) sheets.push_back({"settings", settings});
  return xlsform::import_xlsx(write_xlsx(sheets), "Fallback title");
}

std::string describe(const std::vector<FormProblem>& ps) {
  std::string out;
  for (const auto& p : ps)
    out += p.sheet + "!" + p.column + std::to_string(p.row) + " " + p.key + " [" + p.value + "]\n";
  return out;
}

bool has_problem(const FormResult& r, const std::string& sheet, long row, const std::string& column,
                 const std::string& key_part = {}) {
  return std::any_of(r.problems.begin(), r.problems.end(), [&](const FormProblem& p) {
    return p.sheet == sheet && p.row == row && p.column == column &&
           p.key.find(key_part) != std::string::npos;
  });
}

const Question* find(const Definition& d, const std::string& name) {
  for (const auto& q : d.questions)
    if (q.name == name) return &q;
  return nullptr;
}

const SheetCells kChoices = {
    {"list_name", "name", "label", "label::Deutsch (de)"},
    {"yes_no", "yes", "Yes", "Ja"},
    {"yes_no", "no", "No", "Nein"},
    {"agree", "1", "Disagree", "Stimme nicht zu"},
    {"agree", "2", "Neutral", "Neutral"},
    {"agree", "3", "Agree", "Stimme zu"},
    {"topics", "law", "Asylum law", "Asylrecht"},
    {"topics", "health", "Health", "Gesundheit"},
    {"topics", "housing", "Housing", "Wohnen"},
};

TEST(XlsForm, ImportsEverySupportedConstruct) {
  auto r = form(
      {
          {"type", "name", "label", "label::Deutsch (de)", "hint", "hint::de", "required",
           "relevant", "constraint", "constraint_message", "constraint_message::German",
           "appearance"},
          {"start", "start"},
          {"note", "welcome", "Welcome", "Willkommen"},
          {"begin_group", "about", "About you", "Über Sie"},
          {"integer", "age", "Age", "Alter", "In years", "In Jahren", "yes", "", ". >= 16",
           "At least 16", "Mindestens 16"},
          {"decimal", "hours", "Hours a week", "Stunden pro Woche", "", "", "#b:1", "",
           ". > 0 and . <= 60"},
          {"date", "started", "Started on", "Begonnen am", "", "", "FALSE"},
          {"end_group"},
          {"select_one yes_no", "works", "Working?", "Berufstätig?", "", "", "#n:1"},
          {"begin group", "work", "Work", "Arbeit", "", "", "", "${works} = 'yes'"},
          {"select_multiple topics", "topics", "Topics", "Themen", "", "", "true", "", "", "", "",
           "minimal"},
          {"begin_group", "detail", "Detail", "Einzelheiten", "", "", "", "${age} > 30"},
          {"text", "why", "Why?", "Warum?"},
          {"end_group"},
          {"select_one agree", "useful", "Useful", "Nützlich", "", "", "yes", "",
           "${topics} != '' or . = '1'"},
          {"end_group"},
          {"text", "comment", "Comment", "Kommentar", "", "", "no",
           "selected(${topics}, 'law') and count-selected(${topics}) > 1"},
      },
      kChoices,
      {{"form_title", "form_id", "default_language"}, {"Welcome survey", "w1", "English (en)"}});
  ASSERT_TRUE(r.definition) << describe(r.problems);
  const Definition& d = *r.definition;
  EXPECT_EQ(d.default_language, "en");
  EXPECT_EQ(d.languages, (std::vector<std::string>{"en", "de"}));
  EXPECT_EQ(d.title.at("en"), "Welcome survey");
  EXPECT_TRUE(validate(d).empty());
  std::vector<std::string> names, types;
  for (const auto& q : d.questions) names.push_back(q.name), types.push_back(q.type);
  EXPECT_EQ(names, (std::vector<std::string>{"welcome", "about", "age", "hours", "started", "works",
                                             "work", "topics", "detail", "why", "detail_after",
                                             "useful", "work_after", "comment"}));
  EXPECT_EQ(types, (std::vector<std::string>{"note", "section", "integer", "decimal", "date",
                                             "single", "section", "multiple", "section", "text",
                                             "section", "single", "section", "text"}));
  const Question* age = find(d, "age");
  EXPECT_TRUE(age->required);
  EXPECT_EQ(age->label.at("de"), "Alter");
  EXPECT_EQ(age->hint.at("en"), "In years");
  EXPECT_EQ(age->hint.at("de"), "In Jahren");
  EXPECT_EQ(age->constraint_expr, ". >= 16");
  EXPECT_EQ(age->constraint_message.at("de"), "Mindestens 16");
  EXPECT_TRUE(find(d, "hours")->required);  // TRUE as a boolean cell
  EXPECT_FALSE(find(d, "started")->required);
  EXPECT_TRUE(find(d, "works")->required);  // 1 as a number cell
  EXPECT_TRUE(find(d, "topics")->required);
  EXPECT_FALSE(find(d, "comment")->required);
  const Question* works = find(d, "works");
  ASSERT_EQ(works->choices.size(), 2u);
  EXPECT_EQ(works->choices[1].name, "no");
  EXPECT_EQ(works->choices[1].label.at("de"), "Nein");
  // A Likert-looking list stays a single choice.
  EXPECT_EQ(find(d, "useful")->type, "single");
  EXPECT_EQ(find(d, "useful")->choices.size(), 3u);
  EXPECT_EQ(find(d, "topics")->choices.size(), 3u);
  // Nested groups: the inner one is a page of its own with both conditions;
  // what follows it in the outer group gets the outer group's page back.
  EXPECT_EQ(find(d, "detail")->relevant, "(${works} = 'yes') and (${age} > 30)");
  EXPECT_EQ(find(d, "detail_after")->relevant, "${works} = 'yes'");
  EXPECT_EQ(find(d, "detail_after")->label.at("de"), "Arbeit");
  // After a group with a condition, the survey's own level is a page again.
  EXPECT_EQ(find(d, "work_after")->relevant, "");
  EXPECT_EQ(find(d, "work_after")->label.at("en"), "Welcome survey");
  EXPECT_EQ(find(d, "comment")->relevant,
            "selected(${topics}, 'law') and count-selected(${topics}) > 1");
  // What was left out is said: the metadata row, the nested group, the
  // appearance column.
  EXPECT_TRUE(r.problems.empty());
  const std::string notices = describe(r.notices);
  EXPECT_NE(notices.find("survey!A2 "), std::string::npos) << notices;
  EXPECT_NE(notices.find("survey!A12 "), std::string::npos) << notices;
  EXPECT_NE(notices.find("survey!L1 "), std::string::npos) << notices;
  // "Show if" works on what was imported.
  auto pages = surveys::pages(d);
  EXPECT_GE(pages.size(), 4u);
  const size_t why = 9;
  EXPECT_FALSE(is_shown(d, why, {{"works", "yes"}, {"age", "20"}}));
  EXPECT_TRUE(is_shown(d, why, {{"works", "yes"}, {"age", "40"}}));
}

TEST(XlsForm, ArabicLabelsWithTheLanguageWrittenEitherWay) {
  auto r = form(
      {
          {"type", "name", "label::Arabic (ar)", "label::en", "hint::العربية"},
          {"select_one yn", "useful", "هل كان التدريب مفيدًا لعملك؟", "Was it useful?",
           "اختر واحدًا"},
          {"text", "why", "لماذا؟", "Why?"},
      },
      {{"list_name", "name", "label::Arabic (ar)", "label::English (en)"},
       {"yn", "yes", "نعم", "Yes"},
       {"yn", "no", "لا", "No"}},
      {{"form_title", "default_language"}, {"استبيان المتابعة", "Arabic (ar)"}});
  ASSERT_TRUE(r.definition) << describe(r.problems);
  const Definition& d = *r.definition;
  EXPECT_EQ(d.default_language, "ar");
  EXPECT_EQ(d.languages, (std::vector<std::string>{"ar", "en"}));
  EXPECT_EQ(d.title.at("ar"), "استبيان المتابعة");
  EXPECT_EQ(d.questions[0].label.at("ar"), "هل كان التدريب مفيدًا لعملك؟");
  EXPECT_EQ(d.questions[0].hint.at("ar"), "اختر واحدًا");
  EXPECT_EQ(d.questions[0].choices[0].label.at("ar"), "نعم");
  EXPECT_EQ(reading_language(d, "de"), "ar");
  EXPECT_EQ(reading_language(d, "en"), "en");
  // Without settings: the first label column's language, the file's name.
  auto bare = form({{"type", "name", "label::Arabic (ar)"}, {"text", "why", "لماذا؟"}});
  ASSERT_TRUE(bare.definition) << describe(bare.problems);
  EXPECT_EQ(bare.definition->default_language, "ar");
  EXPECT_EQ(bare.definition->title.at("ar"), "Fallback title");
}

TEST(XlsForm, LanguageCodes) {
  EXPECT_EQ(xlsform::language_code("ar"), "ar");
  EXPECT_EQ(xlsform::language_code(" Arabic (ar) "), "ar");
  EXPECT_EQ(xlsform::language_code("Arabic"), "ar");
  EXPECT_EQ(xlsform::language_code("العربية"), "ar");
  EXPECT_EQ(xlsform::language_code("Français"), "fr");
  EXPECT_EQ(xlsform::language_code("de-AT"), "de");
  EXPECT_EQ(xlsform::language_code("English (en)"), "en");
  EXPECT_EQ(xlsform::language_code("Kurdish (ku)"), std::nullopt);
  EXPECT_EQ(xlsform::language_code("Klingon"), std::nullopt);
  EXPECT_EQ(xlsform::language_code(""), std::nullopt);
}

TEST(XlsForm, ListsEveryUnsupportedConstructBySheetRowAndColumn) {
  auto r = form(
      {
          {"type", "name", "label", "calculation", "choice_filter", "label::Kurdish (ku)"},
          {"text", "name", "Name"},
          {"geopoint", "where", "Where?"},
          {"calculate", "double", "", "${age} * 2"},
          {"begin repeat", "kids", "Children"},
          {"end repeat"},
          {"select_one nowhere", "pick", "Pick"},
          {"select_one topics", "topic", "Topic", "", "${name} = 'x'"},
          {"text", "name", "Name again"},
          {"integer", "age", "Age"},
          {"select_one topics or_other", "other", "Other"},
          {"", "orphan", "No type"},
          {"end_group"},
          {"text", "bad name!", "Bad"},
      },
      {{"list_name", "name", "label"},
       {"topics", "law", "Law"},
       {"topics", "law", "Law again"},
       {"topics", "health"}});
  EXPECT_FALSE(r.definition);
  const std::string all = describe(r.problems);
  EXPECT_TRUE(has_problem(r, "survey", 1, "F", "language")) << all;        // label::Kurdish
  EXPECT_TRUE(has_problem(r, "survey", 3, "A", "not supported")) << all;   // geopoint
  EXPECT_TRUE(has_problem(r, "survey", 4, "A", "not supported")) << all;   // calculate
  EXPECT_TRUE(has_problem(r, "survey", 4, "D", "column")) << all;          // calculation
  EXPECT_TRUE(has_problem(r, "survey", 5, "A", "not supported")) << all;   // begin repeat
  EXPECT_TRUE(has_problem(r, "survey", 6, "A", "not supported")) << all;   // end repeat
  EXPECT_TRUE(has_problem(r, "survey", 7, "A", "choices")) << all;         // missing list
  EXPECT_TRUE(has_problem(r, "survey", 8, "E", "column")) << all;          // choice_filter
  EXPECT_TRUE(has_problem(r, "survey", 11, "A", "not supported")) << all;  // or_other
  EXPECT_TRUE(has_problem(r, "survey", 12, "A", "no type")) << all;
  EXPECT_TRUE(has_problem(r, "survey", 13, "A", "end_group")) << all;
  EXPECT_TRUE(has_problem(r, "choices", 3, "B", "same name") ||
              has_problem(r, "choices", 3, "B", "has this name"))
      << all;
  EXPECT_TRUE(has_problem(r, "choices", 4, "C", "text")) << all;  // no label
  // The list's problem value names it; problems come in sheet, row, column order.
  auto missing = std::find_if(r.problems.begin(), r.problems.end(), [](const FormProblem& p) {
    return p.row == 7 && p.sheet == "survey";
  });
  ASSERT_NE(missing, r.problems.end());
  EXPECT_EQ(missing->value, "nowhere");
  EXPECT_TRUE(std::is_sorted(
      r.problems.begin(), r.problems.end(), [](const FormProblem& a, const FormProblem& b) {
        auto rank = [](const std::string& s) { return s == "survey" ? 2 : s == "choices" ? 3 : 1; };
        return std::make_pair(rank(a.sheet), a.row) < std::make_pair(rank(b.sheet), b.row);
      }));
}

TEST(XlsForm, DuplicateNamesAndValidationProblemsMapBackToTheirRows) {
  auto r = form({
      {"type", "name", "label", "relevant"},
      {"text", "name", "Name"},
      {"integer", "age", "Age", "${later} > 1"},
      {"text", "name", "Name again"},
      {"text", "bad name!", "Bad"},
      {"text", "later", ""},
  });
  EXPECT_FALSE(r.definition);
  const std::string all = describe(r.problems);
  EXPECT_TRUE(has_problem(r, "survey", 3, "D", "does not come before")) << all;
  EXPECT_TRUE(has_problem(r, "survey", 4, "B", "Another question has this name")) << all;
  EXPECT_TRUE(has_problem(r, "survey", 5, "B")) << all;
  EXPECT_TRUE(has_problem(r, "survey", 6, "C", "text")) << all;
}

TEST(XlsForm, RelevantThatDoesNotParseIsNamedWithItsPlace) {
  auto r = form({
      {"type", "name", "label", "relevant", "constraint", "required"},
      {"integer", "age", "Age"},
      {"text", "why", "Why", "${age > 3"},
      {"text", "how", "How", "", "regex(., '[a-z]+')"},
      {"text", "who", "Who", "", "", "${age} > 3"},
  });
  EXPECT_FALSE(r.definition);
  const std::string all = describe(r.problems);
  ASSERT_TRUE(has_problem(r, "survey", 3, "D", "not closed")) << all;
  auto p = std::find_if(r.problems.begin(), r.problems.end(),
                        [](const FormProblem& x) { return x.row == 3; });
  ASSERT_EQ(p->numbers.size(), 1u);
  EXPECT_EQ(p->numbers[0].first, "at");
  EXPECT_EQ(p->numbers[0].second, 1);
  EXPECT_TRUE(has_problem(r, "survey", 4, "E", "Unknown function")) << all;
  EXPECT_TRUE(has_problem(r, "survey", 5, "F", "required")) << all;
  EXPECT_EQ(r.problems.size(), 3u) << all;
}

TEST(XlsForm, WorkbookWithoutSurveySheetOrBrokenFile) {
  auto none = xlsform::import_xlsx(write_xlsx({{"Sheet1", {{"type", "name"}}}}), "x");
  EXPECT_FALSE(none.definition);
  ASSERT_EQ(none.problems.size(), 1u);
  EXPECT_NE(none.problems[0].key.find("survey"), std::string::npos);
  EXPECT_EQ(none.problems[0].row, 0);

  auto broken = xlsform::import_xlsx("not a zip at all", "x");
  EXPECT_FALSE(broken.definition);
  ASSERT_EQ(broken.problems.size(), 1u);
  EXPECT_EQ(broken.problems[0].key, xlsx::kNotXlsx);
  EXPECT_EQ(broken.problems[0].sheet, "");

  auto no_type = form({{"name", "label"}, {"age", "Age"}});
  EXPECT_FALSE(no_type.definition);
  EXPECT_TRUE(has_problem(no_type, "survey", 1, "", "type")) << describe(no_type.problems);

  auto nothing_to_ask = form({{"type", "name", "label"}, {"note", "hi", "Hello"}});
  EXPECT_FALSE(nothing_to_ask.definition);
  EXPECT_TRUE(has_problem(nothing_to_ask, "survey", 1, "", "at least one question"))
      << describe(nothing_to_ask.problems);

  auto long_title = form({{"type", "name", "label"}, {"text", "t", "T"}}, {},
                         {{"form_title"}, {std::string(kMaxLabelBytes + 1, 'x')}});
  EXPECT_FALSE(long_title.definition);
  EXPECT_TRUE(has_problem(long_title, "settings", 2, "A", "at most"))
      << describe(long_title.problems);

  auto open_group =
      form({{"type", "name", "label"}, {"begin_group", "g", "G"}, {"text", "t", "T"}});
  EXPECT_FALSE(open_group.definition);
  EXPECT_TRUE(has_problem(open_group, "survey", 0, "", "begin_group"))
      << describe(open_group.problems);
}

}  // namespace
}  // namespace crm::surveys

#include "surveys/xlsform.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/i18n.hpp"
#include "surveys/definition.hpp"
#include "surveys/expression.hpp"

namespace crm::surveys::xlsform {

namespace {

constexpr const char* kSurvey = "survey";
constexpr const char* kChoices = "choices";
constexpr const char* kSettings = "settings";

using text::trim;

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// A header as XLSForm compares it: the part before "::" trimmed, in lower
// case, spaces as underscores; the language after "::" trimmed as written.
struct Header {
  std::string base, language;  // language: "" for a plain column
  bool has_language = false;
};

Header parse_header(std::string_view text) {
  Header h;
  std::string t = trim(text);
  std::string base = t;
  if (auto p = t.find("::"); p != std::string::npos) {
    base = trim(std::string_view(t).substr(0, p));
    h.language = trim(std::string_view(t).substr(p + 2));
    h.has_language = true;
  }
  base = lower(base);
  for (char& c : base)
    if (c == ' ') c = '_';
  if (base == "jr:constraintmsg") base = "constraint_message";
  if (base == "jr:requiredmsg") base = "required_message";
  h.base = base;
  return h;
}

// Columns that change what a form asks or records: crm cannot import them
// and would import a different form without them.
bool changes_meaning(const std::string& base) {
  static const std::set<std::string> kBases = {
      "calculation", "choice_filter", "repeat_count", "default", "read_only",
      "readonly",    "trigger",       "parameters",   "image",   "audio",
      "video",       "big-image",     "media",        "body",    "bind",
      "instance",    "and_other",     "or_other",     "entities"};
  return kBases.count(base) > 0;
}

// Device metadata an ODK form records by itself: nothing to ask.
bool is_metadata(const std::string& type) {
  static const std::set<std::string> kTypes = {
      "start",       "end",      "today", "deviceid", "subscriberid",   "simserial",
      "phonenumber", "username", "email", "audit",    "start-geopoint", "background-audio"};
  return kTypes.count(type) > 0;
}

class Builder {
 public:
  Builder(const xlsx::Workbook& book, std::string_view fallback_title)
      : book_(book), fallback_title_(trim(fallback_title)) {}

  FormResult run() {
    survey_ = book_.find(kSurvey);
    choices_ = book_.find(kChoices);
    settings_ = book_.find(kSettings);
    if (!survey_) {
      problem("", 0, "", N_("The workbook has no sheet named “survey”."));
      return finish();
    }
    read_settings();
    read_survey_header();
    read_choices();
    read_questions();
    if (problems_.empty()) check_definition();
    return finish();
  }

 private:
  struct Column {
    std::size_t index = 0;
    std::string language;  // crm's code
  };

  void problem(std::string sheet, long row, std::string column, const char* key,
               std::string value = {},
               std::vector<std::pair<std::string, long long>> numbers = {}) {
    problems_.push_back(
        {std::move(sheet), row, std::move(column), key, std::move(numbers), std::move(value)});
  }
  void notice(std::string sheet, long row, std::string column, const char* key,
              std::string value = {}) {
    notices_.push_back({std::move(sheet), row, std::move(column), key, {}, std::move(value)});
  }
  static std::string letters(std::size_t c) { return xlsx::column_letters(c); }

  // The language of a `label::X` header, or the default for a plain one;
  // nullopt (and a problem) when crm does not know it.
  std::optional<std::string> column_language(const std::string& sheet, const Header& h,
                                             std::size_t column) {
    if (!h.has_language) return default_language_;
    auto code = language_code(h.language);
    if (!code) {
      problem(sheet, 1, letters(column),
              N_("crm does not write surveys in the language “{value}”: use en, de, fr, ar, "
                 "tr or it."),
              h.language);
      return std::nullopt;
    }
    return code;
  }

  void read_settings() {
    if (!settings_ || settings_->rows.empty()) {
      default_language_ = "";  // decided from the label columns
      return;
    }
    const auto& head = settings_->rows[0];
    for (std::size_t c = 0; c < head.size(); ++c) {
      const Header h = parse_header(head[c]);
      const std::string value = trim(settings_->cell(1, c));
      if (h.base == "form_title") {
        title_ = value;
        title_column_ = letters(c);
      } else if (h.base == "default_language" && !value.empty()) {
        auto code = language_code(value);
        if (!code) {
          problem(kSettings, 2, letters(c),
                  N_("crm does not write surveys in the language “{value}”: use en, de, fr, "
                     "ar, tr or it."),
                  value);
        } else {
          default_language_ = *code;
        }
      }
    }
  }

  void read_survey_header() {
    if (survey_->rows.empty()) {
      problem(kSurvey, 1, "", N_("The “survey” sheet has no header row."));
      return;
    }
    const auto& head = survey_->rows[0];
    // Without a default language in the settings: English when there is a
    // plain label column, else the first language of the label columns.
    if (default_language_.empty()) {
      bool plain = false;
      std::string first;
      for (const auto& text : head) {
        const Header h = parse_header(text);
        if (h.base != "label") continue;
        if (!h.has_language) plain = true;
        if (auto code = language_code(h.language); h.has_language && code && first.empty())
          first = *code;
      }
      default_language_ = plain || first.empty() ? "en" : first;
    }
    std::set<std::string> told;
    for (std::size_t c = 0; c < head.size(); ++c) {
      const Header h = parse_header(head[c]);
      if (h.base.empty()) continue;
      auto single = [&](std::optional<std::size_t>& slot) {
        if (h.has_language || slot) {
          problem(kSurvey, 1, letters(c), N_("The column “{value}” is there twice."), head[c]);
          return;
        }
        slot = c;
      };
      if (h.base == "type") {
        single(type_col_);
      } else if (h.base == "name") {
        single(name_col_);
      } else if (h.base == "required") {
        single(required_col_);
      } else if (h.base == "relevant") {
        single(relevant_col_);
      } else if (h.base == "constraint") {
        single(constraint_col_);
      } else if (h.base == "label" || h.base == "hint" || h.base == "constraint_message") {
        auto lang = column_language(kSurvey, h, c);
        if (!lang) continue;
        auto& cols = h.base == "label"  ? label_cols_
                     : h.base == "hint" ? hint_cols_
                                        : message_cols_;
        if (std::any_of(cols.begin(), cols.end(),
                        [&](const Column& x) { return x.language == *lang; })) {
          problem(kSurvey, 1, letters(c), N_("The column “{value}” is there twice."), head[c]);
          continue;
        }
        cols.push_back({c, *lang});
      } else if (changes_meaning(h.base)) {
        meaning_cols_.push_back(c);
      } else if (told.insert(h.base).second) {
        other_cols_.push_back(c);
      }
    }
    if (!type_col_) problem(kSurvey, 1, "", N_("The “survey” sheet has no “type” column."));
    if (!name_col_) problem(kSurvey, 1, "", N_("The “survey” sheet has no “name” column."));
  }

  void read_choices() {
    if (!choices_ || choices_->rows.empty()) return;
    const auto& head = choices_->rows[0];
    std::optional<std::size_t> list_col, name_col;
    std::vector<Column> labels;
    for (std::size_t c = 0; c < head.size(); ++c) {
      const Header h = parse_header(head[c]);
      if (h.base == "list_name") {
        list_col = c;
      } else if (h.base == "name") {
        name_col = c;
      } else if (h.base == "label") {
        if (auto lang = column_language(kChoices, h, c)) labels.push_back({c, *lang});
      } else if (changes_meaning(h.base)) {
        for (std::size_t r = 1; r < choices_->rows.size(); ++r)
          if (!trim(choices_->cell(r, c)).empty()) {
            problem(kChoices, static_cast<long>(r + 1), letters(c),
                    N_("crm cannot import the column “{value}”: remove it or leave it empty."),
                    head[c]);
            break;
          }
      }
    }
    if (!list_col || !name_col) {
      problem(kChoices, 1, "", N_("The “choices” sheet needs the columns “list_name” and “name”."));
      return;
    }
    std::optional<std::size_t> default_label;
    for (const auto& l : labels)
      if (l.language == default_language_) default_label = l.index;
    for (std::size_t r = 1; r < choices_->rows.size(); ++r) {
      const auto& row = choices_->rows[r];
      if (std::all_of(row.begin(), row.end(), [](const std::string& s) { return trim(s).empty(); }))
        continue;
      const long number = static_cast<long>(r + 1);
      const std::string list = trim(choices_->cell(r, *list_col));
      const std::string name = trim(choices_->cell(r, *name_col));
      if (list.empty()) {
        problem(kChoices, number, letters(*list_col), N_("Give the choice's list a name."));
        continue;
      }
      if (!is_valid_choice_name(name)) {
        problem(kChoices, number, letters(*name_col),
                N_("A choice name is {min} to {max} letters, digits, _ - or ."), {},
                {{"min", 1}, {"max", static_cast<long long>(kMaxNameBytes)}});
        continue;
      }
      auto& list_choices = lists_[list];
      if (std::any_of(list_choices.begin(), list_choices.end(),
                      [&](const Choice& c) { return c.name == name; })) {
        problem(kChoices, number, letters(*name_col),
                N_("Another choice of the list “{value}” has this name."), list);
        continue;
      }
      Choice choice;
      choice.name = name;
      for (const auto& l : labels)
        if (auto text = trim(choices_->cell(r, l.index)); !text.empty()) {
          choice.label[l.language] = text;
          used_languages_.insert(l.language);
        }
      if (!choice.label.count(default_language_)) {
        problem(kChoices, number, letters(default_label.value_or(*name_col)),
                N_("Give the choice a text in the survey's default language."));
        continue;
      }
      list_choices.push_back(std::move(choice));
    }
  }

  std::string cell(std::size_t r, const std::optional<std::size_t>& c) const {
    return c ? trim(survey_->cell(r, *c)) : std::string();
  }

  void texts(std::size_t r, const std::vector<Column>& cols, Texts& out) {
    for (const auto& c : cols)
      if (auto text = trim(survey_->cell(r, c.index)); !text.empty()) {
        out[c.language] = text;
        used_languages_.insert(c.language);
      }
  }

  // The row's relevant (or constraint) checked: the text when it parses, ""
  // with a problem at its cell when not.
  std::string expression(std::size_t r, const std::optional<std::size_t>& c) {
    std::string text = cell(r, c);
    if (text.empty()) return text;
    auto parsed = parse_expression(text);
    if (!parsed.expression) {
      problem(kSurvey, static_cast<long>(r + 1), letters(*c), parsed.error_key.c_str(), {},
              {{"at", static_cast<long long>(parsed.error_at) + 1}});
      return {};
    }
    return text;
  }

  static std::string both(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return "(" + a + ") and (" + b + ")";
  }

  void add(Question q, std::size_t r) {
    rows_.push_back(static_cast<long>(r + 1));
    d_.questions.push_back(std::move(q));
  }

  void read_questions() {
    if (!type_col_ || !name_col_) return;
    for (std::size_t r = 1; r < survey_->rows.size(); ++r) {
      const auto& row = survey_->rows[r];
      if (std::all_of(row.begin(), row.end(), [](const std::string& s) { return trim(s).empty(); }))
        continue;
      const long number = static_cast<long>(r + 1);
      for (std::size_t c : meaning_cols_)
        if (!trim(survey_->cell(r, c)).empty())
          problem(kSurvey, number, letters(c),
                  N_("crm cannot import the column “{value}”: remove it or leave it empty."),
                  survey_->rows[0][c]);
      for (auto it = other_cols_.begin(); it != other_cols_.end();)
        if (!trim(survey_->cell(r, *it)).empty()) {
          notice(kSurvey, 1, letters(*it), N_("The column “{value}” is not read; it was left out."),
                 survey_->rows[0][*it]);
          it = other_cols_.erase(it);
        } else {
          ++it;
        }
      // "select_one  likert" → word "select_one", rest "likert".
      std::string type = trim(survey_->cell(r, *type_col_));
      std::string word = lower(type.substr(0, type.find(' ')));
      std::string rest =
          type.find(' ') == std::string::npos ? std::string() : trim(type.substr(type.find(' ')));
      for (const char* two : {"select", "begin", "end"})
        if (word == two && !rest.empty()) {  // "select one x", "begin group"
          word += "_" + lower(rest.substr(0, rest.find(' ')));
          rest = rest.find(' ') == std::string::npos ? std::string()
                                                     : trim(rest.substr(rest.find(' ')));
        }
      const std::string type_cell = letters(*type_col_);
      if (word.empty()) {
        problem(kSurvey, number, type_cell, N_("The row has no type."));
        continue;
      }
      if (is_metadata(word)) {
        notice(kSurvey, number, type_cell,
               N_("“{value}” is recorded by phones, not asked: the row was left out."), word);
        continue;
      }
      if (word == "end_group") {
        if (groups_.empty()) {
          problem(kSurvey, number, type_cell, N_("This end_group has no begin_group before it."));
          continue;
        }
        Group closed = std::move(groups_.back());
        groups_.pop_back();
        const std::string outer = groups_.empty() ? std::string() : groups_.back().relevant;
        // What follows belonged to the outer level: a page of its own when
        // the group closed had a condition of its own.
        if (closed.relevant != outer) continue_after_ = Continuation{closed.name, r};
        continue;
      }
      Question q;
      q.name = cell(r, name_col_);
      texts(r, label_cols_, q.label);
      texts(r, hint_cols_, q.hint);
      texts(r, message_cols_, q.constraint_message);
      const std::string required = lower(cell(r, required_col_));
      if (required == "yes" || required == "true" || required == "1" || required == "true()") {
        q.required = true;
      } else if (!required.empty() && required != "no" && required != "false" && required != "0" &&
                 required != "false()") {
        problem(kSurvey, number, letters(*required_col_),
                N_("“required” is yes or no here; a condition is not supported."));
      }
      q.relevant = expression(r, relevant_col_);
      q.constraint_expr = expression(r, constraint_col_);
      if (word == "begin_group") {
        if (!groups_.empty())
          notice(kSurvey, number, type_cell,
                 N_("A group inside a group was made a page of its own; its conditions were "
                    "joined with those of the groups around it."));
        if (rest.substr(0, 6) == "repeat" || lower(rest).substr(0, 6) == "repeat") {
          problem(kSurvey, number, type_cell, N_("The question type “{value}” is not supported."),
                  type);
          continue;
        }
        const std::string outer = groups_.empty() ? std::string() : groups_.back().relevant;
        q.type = "section";
        q.relevant = both(outer, q.relevant);
        if (q.required)
          notice(kSurvey, number, letters(*required_col_),
                 N_("A group is not answered: “required” was left out."));
        q.required = false;
        q.constraint_expr.clear();
        groups_.push_back({q.name, q.label, q.relevant});
        continue_after_.reset();
        add(std::move(q), r);
        continue;
      }
      if (word == "select_one" || word == "select_multiple") {
        q.type = word == "select_one" ? "single" : "multiple";
        std::string list = rest.substr(0, rest.find(' '));
        std::string extra =
            rest.find(' ') == std::string::npos ? std::string() : trim(rest.substr(rest.find(' ')));
        if (list.empty() || !extra.empty()) {
          problem(kSurvey, number, type_cell, N_("The question type “{value}” is not supported."),
                  type);
          continue;
        }
        auto it = lists_.find(list);
        if (it == lists_.end()) {
          problem(kSurvey, number, type_cell,
                  N_("The list “{value}” is not on the “choices” sheet."), list);
          continue;
        }
        q.choices = it->second;
      } else if (word == "integer" || word == "int") {
        q.type = "integer";
      } else if (word == "decimal") {
        q.type = "decimal";
      } else if (word == "text" || word == "string") {
        q.type = "text";
      } else if (word == "date") {
        q.type = "date";
      } else if (word == "note") {
        q.type = "note";
      } else {
        problem(kSurvey, number, type_cell, N_("The question type “{value}” is not supported."),
                type);
        continue;
      }
      if (!rest.empty() && q.type != "single" && q.type != "multiple") {
        problem(kSurvey, number, type_cell, N_("The question type “{value}” is not supported."),
                type);
        continue;
      }
      if (continue_after_) {
        // A page for the questions after a group with a condition: the
        // enclosing group's texts and condition, or the survey's title.
        Question page;
        page.type = "section";
        std::string base = continue_after_->name.substr(0, kMaxNameBytes - 8);
        page.name = base + "_after";
        if (!groups_.empty()) {
          page.label = groups_.back().label;
          page.relevant = groups_.back().relevant;
        } else {
          page.label = d_.title;
        }
        continuations_.insert(d_.questions.size());
        add(std::move(page), continue_after_->row);
        continue_after_.reset();
      }
      add(std::move(q), r);
    }
    if (!groups_.empty()) problem(kSurvey, 0, "", N_("A begin_group has no end_group after it."));
  }

  void check_definition() {
    d_.default_language = default_language_;
    used_languages_.insert(default_language_);
    d_.languages.push_back(default_language_);
    for (const char* l : kLanguages)
      if (l != default_language_ && used_languages_.count(l)) d_.languages.push_back(l);
    // The title: the settings', else the file's name.
    const std::string title = !title_.empty() ? title_ : fallback_title_;
    if (title.size() > kMaxLabelBytes) {
      problem(kSettings, 2, title_column_, N_("A text is at most {max} characters."), {},
              {{"max", static_cast<long long>(kMaxLabelBytes)}});
      return;
    }
    if (!title.empty()) d_.title[default_language_] = title;
    for (std::size_t i : continuations_)
      if (d_.questions[i].label.empty()) d_.questions[i].label = d_.title;
    for (const auto& p : validate(d_)) {
      FormProblem f;
      f.key = p.key;
      f.numbers = p.numbers;
      if (p.question < 0 || static_cast<std::size_t>(p.question) >= rows_.size()) {
        if (p.field == "title") {
          f.sheet = kSettings;
          f.row = settings_ ? 2 : 0;
          f.column = title_column_;
        } else {
          f.sheet = kSurvey;
          f.row = 1;
        }
      } else {
        const auto i = static_cast<std::size_t>(p.question);
        f.sheet = kSurvey;
        f.row = rows_[i];
        std::optional<std::size_t> col = type_col_;
        if (p.field == "name") col = name_col_;
        if (p.field == "relevant") col = relevant_col_;
        if (p.field == "constraint") col = constraint_col_;
        if (p.field == "label") {
          col = type_col_;
          for (const auto& l : label_cols_)
            if (l.language == default_language_) col = l.index;
        }
        f.column = col ? letters(*col) : std::string();
      }
      problems_.push_back(std::move(f));
    }
  }

  FormResult finish() {
    FormResult out;
    auto order = [](const std::string& sheet) {
      return sheet.empty() ? 0 : sheet == kSettings ? 1 : sheet == kSurvey ? 2 : 3;
    };
    auto less = [&](const FormProblem& a, const FormProblem& b) {
      return std::make_tuple(order(a.sheet), a.row, a.column.size(), a.column) <
             std::make_tuple(order(b.sheet), b.row, b.column.size(), b.column);
    };
    // One problem per cell: the first found says what to fix first.
    std::set<std::tuple<std::string, long, std::string>> seen;
    for (auto& p : problems_)
      if (p.row == 0 || p.column.empty() || seen.insert({p.sheet, p.row, p.column}).second)
        out.problems.push_back(std::move(p));
    std::stable_sort(out.problems.begin(), out.problems.end(), less);
    out.notices = std::move(notices_);
    std::stable_sort(out.notices.begin(), out.notices.end(), less);
    if (out.problems.empty()) out.definition = std::move(d_);
    return out;
  }

  struct Group {
    std::string name;
    Texts label;
    std::string relevant;  // its own and its outer groups', joined
  };
  struct Continuation {
    std::string name;
    std::size_t row = 0;
  };

  const xlsx::Workbook& book_;
  std::string fallback_title_;
  const xlsx::Sheet* survey_ = nullptr;
  const xlsx::Sheet* choices_ = nullptr;
  const xlsx::Sheet* settings_ = nullptr;
  std::string default_language_, title_, title_column_;
  std::optional<std::size_t> type_col_, name_col_, required_col_, relevant_col_, constraint_col_;
  std::vector<Column> label_cols_, hint_cols_, message_cols_;
  std::vector<std::size_t> meaning_cols_, other_cols_;
  std::map<std::string, std::vector<Choice>> lists_;
  std::set<std::string> used_languages_;
  std::vector<Group> groups_;
  std::optional<Continuation> continue_after_;
  Definition d_;
  std::vector<long> rows_;               // each question's row in the survey sheet
  std::set<std::size_t> continuations_;  // indexes of pages made for what follows a group
  std::vector<FormProblem> problems_, notices_;
};

}  // namespace

std::optional<std::string> language_code(std::string_view written) {
  std::string s = trim(written);
  if (s.empty()) return std::nullopt;
  // "Arabic (ar)": the code in brackets.
  if (s.back() == ')') {
    if (auto open = s.rfind('('); open != std::string::npos)
      s = trim(std::string_view(s).substr(open + 1, s.size() - open - 2));
  }
  s = lower(s);
  static const std::map<std::string, std::string> kNames = {
      {"english", "en"},  {"german", "de"},   {"deutsch", "de"}, {"french", "fr"},
      {"français", "fr"}, {"francais", "fr"}, {"arabic", "ar"},  {"العربية", "ar"},
      {"عربي", "ar"},     {"turkish", "tr"},  {"türkçe", "tr"},  {"turkce", "tr"},
      {"italian", "it"},  {"italiano", "it"}};
  if (auto it = kNames.find(s); it != kNames.end()) return it->second;
  // "ar", "ar-SA", "de_AT": the primary subtag.
  std::string primary = s.substr(0, s.find_first_of("-_"));
  for (const char* l : kLanguages)
    if (primary == l) return primary;
  return std::nullopt;
}

FormResult read_form(const xlsx::Workbook& book, std::string_view fallback_title) {
  return Builder(book, fallback_title).run();
}

FormResult import_xlsx(std::string_view bytes, std::string_view fallback_title,
                       const xlsx::Limits& limits) {
  auto book = xlsx::read(bytes, limits);
  if (!book) {
    FormResult out;
    out.problems.push_back({"", 0, "", book.error().key, book.error().numbers, {}});
    return out;
  }
  return read_form(*book, fallback_title);
}

}  // namespace crm::surveys::xlsform

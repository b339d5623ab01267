#include "admissions/blinding.hpp"

#include <algorithm>

namespace crm::admissions::blinding {

std::string_view field_name(Field f) {
  switch (f) {
    case Field::name:
      return "name";
    case Field::email:
      return "email";
    case Field::gender:
      return "gender";
    case Field::age:
      return "age";
    case Field::nationality:
      return "nationality";
    case Field::organisation:
      return "organisation";
    case Field::photo:
      return "photo";
    case Field::documents:
      return "documents";
  }
  return "";
}

std::string default_blind_fields() {
  return join({std::begin(kBlindable), std::end(kBlindable)});
}

std::vector<Field> parse(std::string_view stored) {
  std::vector<std::string_view> words;
  while (!stored.empty()) {
    auto comma = stored.find(',');
    auto word = stored.substr(0, comma);
    while (!word.empty() && word.front() == ' ') word.remove_prefix(1);
    while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
    words.push_back(word);
    if (comma == std::string_view::npos) break;
    stored.remove_prefix(comma + 1);
  }
  std::vector<Field> out;
  for (Field f : kBlindable)
    if (std::find(words.begin(), words.end(), field_name(f)) != words.end()) out.push_back(f);
  return out;
}

std::string join(const std::vector<Field>& fields) {
  std::string out;
  for (Field f : kBlindable)
    if (std::find(fields.begin(), fields.end(), f) != fields.end()) {
      if (!out.empty()) out += ',';
      out += field_name(f);
    }
  return out;
}

bool reviewer_sees(Field f, const std::vector<Field>& fields, int stage, bool second_stage) {
  if (stage == 2 && second_stage) return true;
  return std::find(fields.begin(), fields.end(), f) == fields.end();
}

}  // namespace crm::admissions::blinding

#include "imports/rows.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <unordered_map>

#include "auth/service.hpp"
#include "core/i18n.hpp"
#include "imports/csv.hpp"
#include "imports/names.hpp"
#include "programme/countries.hpp"
#include "programme/limits.hpp"
#include "programme/model.hpp"

namespace crm::imports {

namespace {

using text::trim;

std::string upper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

FileProblem file_problem(const csv::Problem& p) {
  auto n = [](std::size_t v) { return std::to_string(v); };
  if (p.key == csv::kNotUtf8) return {N_("The file is not UTF-8; save it as CSV UTF-8."), {}};
  if (p.key == csv::kEmpty) return {N_("The file is empty."), {}};
  if (p.key == csv::kNoRows) return {N_("The file has a header line but no rows."), {}};
  if (p.key == csv::kUnterminatedQuote)
    return {N_("Row {row}: a quoted field never ends; a closing quote is missing."),
            {{"row", n(p.row)}}};
  if (p.key == csv::kWrongFieldCount)
    return {N_("Row {row} has {found} fields; the header line has {expected}."),
            {{"row", n(p.row)}, {"found", n(p.found)}, {"expected", n(p.expected)}}};
  return {N_("The file has more than {max} rows."), {{"max", n(p.expected)}}};
}

}  // namespace

const std::vector<std::string>& known_columns() {
  static const std::vector<std::string> c = {"email",
                                             "name",
                                             "name_latin",
                                             "country",
                                             "organisation",
                                             "organisation_latin",
                                             "organisation_type",
                                             "position",
                                             "gender",
                                             "status"};
  return c;
}

const std::vector<std::string>& required_columns() {
  static const std::vector<std::string> c = {"email", "name", "country"};
  return c;
}

std::string column_key(std::string_view header) {
  std::string k = lower(trim(header));
  for (auto& c : k)
    if (c == ' ' || c == '-') c = '_';
  return k;
}

FileRows read_rows(std::string_view bytes, const Vocabulary* words) {
  FileRows out;
  if (bytes.size() > kMaxFileBytes) {
    out.problem = FileProblem{N_("The file is larger than {max} MB; split it into smaller files."),
                              {{"max", std::to_string(kMaxFileBytes / (1024 * 1024))}}};
    return out;
  }
  auto parsed = csv::parse(bytes);
  if (!parsed) {
    out.problem = file_problem(parsed.problem);
    return out;
  }
  const auto& table = *parsed.table;
  // Which field of a row holds each known column (-1: not in the file).
  std::unordered_map<std::string, long> at;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    std::string key = column_key(table.header[i]);
    if (words &&
        std::find(known_columns().begin(), known_columns().end(), key) == known_columns().end())
      key = words->column(table.header[i]);
    if (std::find(known_columns().begin(), known_columns().end(), key) == known_columns().end() &&
        !(words && key == "role")) {
      out.unknown_columns.push_back(table.header[i]);
      continue;
    }
    if (at.count(key)) {
      out.problem = FileProblem{N_("The column {column} appears twice in the header line."),
                                {{"column", key}}};
      return out;
    }
    at[key] = static_cast<long>(i);
  }
  for (const auto& r : required_columns())
    if (!at.count(r)) {
      out.problem =
          FileProblem{N_("The header line has no column {column}; email, name and country are "
                         "required."),
                      {{"column", r}}};
      return out;
    }

  std::unordered_map<std::string, std::size_t> first_row_of;  // email -> row
  out.rows.reserve(table.rows.size());
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& fields = table.rows[i];
    auto get = [&](const char* column) {
      auto it = at.find(column);
      return it == at.end() ? std::string() : trim(fields[static_cast<std::size_t>(it->second)]);
    };
    Row r;
    r.number = i + 1;
    r.email = auth::normalise_email(get("email"));
    r.name = get("name");
    r.name_latin = get("name_latin");
    r.country = upper(get("country"));
    if (words && r.country.size() > 2)
      if (auto code = words->country(get("country")); !code.empty()) r.country = code;
    r.organisation = get("organisation");
    r.organisation_latin = get("organisation_latin");
    r.organisation_type = lower(get("organisation_type"));
    r.position = get("position");
    r.gender = get("gender");
    r.status = lower(get("status"));
    if (r.status.empty()) r.status = "applicant";
    if (words) {
      if (auto role = words->role(get("role")); !role.empty() && role != "participant") {
        out.left_out.push_back(i + 1);
        continue;
      }
      if (!programme::one_of(programme::organisation_types(), r.organisation_type))
        if (auto type = words->organisation_type(get("organisation_type")); !type.empty())
          r.organisation_type = type;
      if (!programme::one_of(programme::enrolment_statuses(), r.status))
        if (auto status = words->status(get("status")); !status.empty()) r.status = status;
    }
    if (!r.organisation.empty() && r.organisation_type.empty()) r.organisation_type = "other";

    // The value as written (trimmed), shown beside its problem.
    auto problem = [&](const char* column, const char* key, std::size_t other = 0) {
      out.problems.push_back({r.number, column, key, other, 0, get(column)});
    };
    // The profile's limits, so the person can later save their profile as imported.
    auto within = [&](const char* column, const std::string& value, std::size_t max) {
      if (programme::has_control(value, false))
        problem(column, N_("Line breaks and other control characters are not allowed here."));
      else if (programme::characters(value) > max)
        out.problems.push_back(
            {r.number, column, N_("Too long: at most {max} characters."), 0, max, value});
    };
    if (r.email.empty())
      problem("email", N_("Email is missing."));
    else if (!auth::plausible_email(r.email))
      problem("email", N_("This is not an email address."));
    else if (auto [it, fresh] = first_row_of.emplace(r.email, r.number); !fresh) {
      // Both rows are named: the first gets its problem here, out of order.
      out.problems.push_back(
          {it->second, "email", N_("The same email is also on row {row}."), r.number, 0, r.email});
      problem("email", N_("The same email is also on row {row}."), it->second);
    }
    if (r.name.empty()) problem("name", N_("Name is missing."));
    within("name", r.name, programme::kMaxName);
    within("name_latin", r.name_latin, programme::kMaxName);
    if (r.country.empty())
      problem("country", N_("Country is missing."));
    else if (!programme::is_country(r.country))
      problem("country", N_("Unknown country code; use the two-letter ISO code, e.g. DE."));
    within("organisation", r.organisation, programme::kMaxName);
    within("organisation_latin", r.organisation_latin, programme::kMaxName);
    if (!r.organisation_type.empty() &&
        !programme::one_of(programme::organisation_types(), r.organisation_type))
      problem("organisation_type",
              N_("Unknown organisation type; use ministry, authority, international, ngo, "
                 "university or other."));
    within("position", r.position, programme::kMaxPosition);
    within("gender", r.gender, programme::kMaxGender);
    if (!programme::one_of(programme::enrolment_statuses(), r.status))
      problem("status", N_("Unknown status; use applicant, admitted, participant, graduate, "
                           "withdrawn or not_admitted."));
    out.rows.push_back(std::move(r));
  }
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const RowProblem& a, const RowProblem& b) { return a.row < b.row; });
  return out;
}

}  // namespace crm::imports

// The one place that decides what a reviewer sees of an application. Every
// review page, export and mail of the first stage asks here; nothing else
// decides it. Pure functions, no database.
//
// A call blinds a set of fields (call.blind_fields, comma-separated; by
// default all of kBlindable). In stage 1 those fields are left out of
// everything a reviewer gets — not hidden by CSS, not in the HTML at all. In
// stage 2 (when the call has one) the reviewer sees the whole application.
// Staff always see everything.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm::admissions::blinding {

// The fields a call can blind, in the order the call form lists them.
enum class Field { name, email, gender, age, nationality, organisation, photo, documents };
inline constexpr Field kBlindable[] = {Field::name,  Field::email,       Field::gender,
                                       Field::age,   Field::nationality, Field::organisation,
                                       Field::photo, Field::documents};

// "name", "email", … (the words stored in call.blind_fields).
std::string_view field_name(Field f);
// The default of a new call: every blindable field.
std::string default_blind_fields();

// The fields `stored` (call.blind_fields, written by join()) names, in
// kBlindable's order; unknown words and repeats are ignored.
std::vector<Field> parse(std::string_view stored);
// `fields` as call.blind_fields stores them (kBlindable's order, no repeats).
std::string join(const std::vector<Field>& fields);

// Whether a reviewer in `stage` (1 or 2) of a call with `second_stage` and
// the blinded `fields` sees `f`. Stage 2 only exists when the call has one.
bool reviewer_sees(Field f, const std::vector<Field>& fields, int stage, bool second_stage);

}  // namespace crm::admissions::blinding

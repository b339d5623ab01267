// Expected failures as values.
//
// A Result<T> holds either a T or an Error. An Error names the form field it
// belongs to (empty when it concerns the whole request) and a translation key
// (the English source string of the message, looked up in the catalogs when
// shown). Exceptions are for bugs and broken infrastructure only.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace crm {

enum class ErrorKind {
  invalid,    // bad input: 422, the form is shown again with the message
  not_found,  // missing, or not visible to this actor: 404
  forbidden,  // 403 (used only where a 404 would mislead, e.g. CSRF)
  conflict,   // 409: state changed underneath (e.g. token already used)
  throttled,  // 429: too many attempts
};

struct Error {
  ErrorKind kind = ErrorKind::invalid;
  std::string field;  // form field the message belongs to; empty = whole form
  std::string key;    // translation key (English source text)
  // A message with a count ("at most {n} characters"): key is the singular,
  // key_plural the plural, n the count; shown with Tr::error, which picks the
  // language's plural form and writes n in its digits. n < 0: no count.
  std::string key_plural;
  long long n = -1;
  // Other numbers in the message ({min}, {max}), written in the reader's digits;
  // one named "percent" is written as a percentage ("100 %", "١٠٠٪").
  std::vector<std::pair<std::string, long long>> numbers;
};

// A message about a count, for Error: plural("at most {n} character",
// "at most {n} characters", 200). Named `plural` so that xgettext extracts it as
// a plural entry (keyword plural:1,2 in scripts/update-catalogs).
struct PluralKey {
  const char* singular;
  const char* plural;
  long long n;
};
constexpr PluralKey plural(const char* singular, const char* plural_form, long long n) {
  return {singular, plural_form, n};
}

inline Error invalid(std::string field, std::string key) {
  return Error{ErrorKind::invalid, std::move(field), std::move(key)};
}
inline Error invalid(std::string field, PluralKey k) {
  return Error{ErrorKind::invalid, std::move(field), k.singular, k.plural, k.n, {}};
}
// A message with numbers: invalid("n", N_("From {min} to {max}."), {{"min", 1}, {"max", 9}}).
inline Error invalid(std::string field, std::string key,
                     std::vector<std::pair<std::string, long long>> numbers) {
  return Error{ErrorKind::invalid, std::move(field), std::move(key), {}, -1, std::move(numbers)};
}
inline Error not_found() {
  return Error{ErrorKind::not_found, {}, "Page not found"};
}

// Minimal std::expected stand-in (g++ 12 has no <expected>).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// For operations that return nothing on success.
struct Done {};
using Status = Result<Done>;
inline Status ok() {
  return Done{};
}

}  // namespace crm

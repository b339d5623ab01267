// Verification codes: 16 characters of Crockford's base-32 alphabet (digits
// and letters without I, L, O and U), 80 random bits from libsodium, in four
// groups of four for reading aloud: "K7QM-3XTR-9HCW-NP4D". Read back
// forgivingly: any case, dashes and spaces anywhere, O read as 0 and I or L
// as 1. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crm::certificates {

constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kCodeLetters = 16;  // 16 × 5 bits = 80 bits

// A new random code, grouped.
std::string new_code();

// A code as someone typed or read it, grouped as stored; nullopt when it
// cannot be a code (wrong length, a character outside the alphabet).
std::optional<std::string> normalise_code(std::string_view typed);

}  // namespace crm::certificates

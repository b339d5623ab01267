// Which reviewer reviews which application: the rules of the call and an even
// load, decided without a database (the review service reads the reviewers,
// the applications, their assignments and declared conflicts, asks here, and
// writes what comes back).
//
// Rules: every application gets `per_application` reviewers; never one of the
// applicant's organisation (names compared case- and space-insensitively, so
// "Ministry of  Labour" and "ministry of labour" are one), with
// `same_country` never one of the applicant's organisation's country, never
// one who declared a conflict with it, never one twice. Among the reviewers a
// rule allows, the one with the fewest assignments so far (in this call) is
// taken; ties are broken by a shuffle drawn from `seed`, so a plan is
// deterministic for a seed and still random across calls. The most
// constrained applications (fewest allowed reviewers) are served first, so a
// scarce reviewer is not used up by an application that had other choices.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crm::admissions::assign {

struct Reviewer {
  int64_t account = 0;
  std::string organisation, country;
  long load = 0;  // assignments of this call the reviewer already has
};

struct Item {
  int64_t application = 0;
  std::string organisation, country;  // the applicant's organisation as typed, its country
  std::vector<int64_t> assigned;      // reviewers it already has (this stage)
  std::vector<int64_t> conflicts;     // reviewers who declared a conflict with it
};

struct Input {
  std::vector<Reviewer> reviewers;
  std::vector<Item> applications;
  long per_application = 2;
  bool same_country = false;
  uint64_t seed = 0;
};

struct Pair {
  int64_t application = 0, account = 0;
  bool operator==(const Pair&) const = default;
};

// An application that could not get all its reviewers, and why: how many are
// missing and how many of the call's reviewers each rule kept away.
struct Uncovered {
  int64_t application = 0;
  long missing = 0;
  long same_organisation = 0, same_country = 0, conflict = 0;
  bool operator==(const Uncovered&) const = default;
};

struct Plan {
  std::vector<Pair> add;  // new assignments, in the order they were made
  std::vector<Uncovered> uncovered;
};

// An organisation's name folded for comparison: lower case, no white space.
std::string fold(std::string_view name);
// Whether the rules allow `r` to review `item` (already assigned or not).
bool allowed(const Reviewer& r, const Item& item, bool same_country);

Plan plan(const Input& in);

}  // namespace crm::admissions::assign

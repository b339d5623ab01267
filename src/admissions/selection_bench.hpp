// The selection benchmark (bench/selection.sh, `crm selection-bench`):
// synthetic applicants with five kinds of bounds, timed in-process, and a
// call with that many reviewed applications written into a database for the
// ranking page's time.
#pragma once

#include <cstdint>
#include <string>

#include "admissions/selection.hpp"
#include "db/database.hpp"

namespace crm::admissions::bench {

using selection::Input;
using selection::Outcome;

// `n` applicants (deterministic: the same for the same n), spread over 20
// countries (three of them holding several route roles), four organisation
// types and three genders, each with a score from 1 to 5 in steps of 1/6 (the
// weighted mean of two reviews of two criteria weighing 2 and 1) and two
// reviews; `places` places; five kinds of bounds: at least 30 % women, at
// least a fifth of the places per route role, at most 3 per country ('*'),
// at least 2 from Ukraine, NGOs at most a third and universities at least 3.
Input synthetic(long n, long places);

struct Timing {
  double min_ms = 0, median_ms = 0, max_ms = 0;
  Outcome outcome;  // of the last round
};
// Solves `in` `rounds` times.
Timing measure(const Input& in, int rounds);

// A closed call of the programme with the most cohorts, for a new cohort,
// with `n` submitted applications of new people (as synthetic's), two
// reviewers' submitted reviews each and the same bounds. Returns the call's id.
int64_t generate_call(db::Session& db, long n, long places, int64_t now);

}  // namespace crm::admissions::bench

// How a person row reads: the one column list and reader that every store
// selecting whole person records uses (programme, people, privacy), so a new
// column is added in one place; and the one SQL list of the statuses peers see.
#pragma once

#include <soci/soci.h>
#include <string>

#include "programme/model.hpp"

namespace crm::programme {

// "SELECT <every person column> FROM person " — append the WHERE.
extern const char* const kSelectPerson;

// A row selected with kSelectPerson. NULLs read as 0 or "".
Person person_from_row(const soci::row& r);

// taking_part_statuses() as an SQL list, "('admitted', 'participant',
// 'graduate')", for `e.status IN …` in the stores that list people to peers.
const std::string& taking_part_sql();

}  // namespace crm::programme

// SQL for surveys and their versions (the definitions). Every read takes the
// programme as scope; writes REQUIRE an open db::Transaction and that the
// caller checked policy and validate().
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "surveys/model.hpp"

namespace crm::surveys::store {

// Inserts the survey; returns its id.
int64_t insert_survey(db::Session& db, const Survey& s);

// The survey when it belongs to `programme`.
std::optional<Survey> find_survey(db::Session& db, int64_t programme, int64_t survey);
// The survey of any programme the reader may see (the caller checks policy
// with the survey's programme_id): for pages addressed by survey id alone.
std::optional<Survey> find_survey_any(db::Session& db, int64_t survey);

// Inserts `d` as version `number` of the survey (texts, questions, choices);
// returns the version's id. Question ids in `d` are ignored.
int64_t insert_version(db::Session& db, int64_t survey, long number, const std::string& source,
                       const Definition& d, int64_t now);

// Inserts the texts, questions and choices of `d` into the version (which
// has none yet): what insert_version does after the version's row.
void insert_definition(db::Session& db, int64_t version, const Definition& d);

// A version with its definition (question ids set), when its survey belongs
// to `programme`. A fixed number of statements whatever its size.
std::optional<Version> load_version(db::Session& db, int64_t programme, int64_t version);

// The newest version of the survey (nullopt: none yet).
std::optional<Version> latest_version(db::Session& db, int64_t programme, int64_t survey);

// Marks the version frozen (a round sent it or a response answered it).
void freeze_version(db::Session& db, int64_t version, int64_t now);

}  // namespace crm::surveys::store

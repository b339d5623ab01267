// The built-in instruments: ready-made definitions staff start a survey from
// and may edit (a copy: the instrument itself never changes). Texts in
// English, German, French and Arabic.
//
// - session_feedback: how a session went (scale questions, an overall mark,
//   what to improve).
// - useful: end of the programme; its question "useful" feeds the funder's
//   indicator "participants who consider the training useful for their
//   work" (agree and strongly agree count as yes).
// - self_assessment: competences rated 1–5 in one matrix ("competences"),
//   sent before and after the programme (rounds with phase pre and post) and
//   paired per person, so the change per competence is shown. Identified:
//   pairing needs the person.
// - follow_up: three months after the training; its question
//   "using_skills" feeds the indicator "participants who report three months
//   after leaving the training that they are using the skills and
//   competences acquired" (regularly and sometimes count as yes).
#pragma once

#include <optional>
#include <string_view>

#include "surveys/model.hpp"

namespace crm::surveys {

// The definition of a built-in instrument (kind among kKinds other than
// "custom"); nullopt for any other kind.
std::optional<Definition> instrument(std::string_view kind);

// Whether an instrument's survey is anonymous by default (what staff start
// from; they may change it before the first round).
bool instrument_is_anonymous(std::string_view kind);

}  // namespace crm::surveys

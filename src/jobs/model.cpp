#include "jobs/model.hpp"

namespace crm::jobs {

std::string_view state_name(State s) {
  switch (s) {
    case State::queued:
      return "queued";
    case State::running:
      return "running";
    case State::done:
      return "done";
    case State::failed:
      return "failed";
  }
  return "failed";
}

std::optional<State> parse_state(std::string_view s) {
  for (State st : all_states())
    if (state_name(st) == s) return st;
  return std::nullopt;
}

const std::vector<State>& all_states() {
  static const std::vector<State> all = {State::queued, State::running, State::failed, State::done};
  return all;
}

}  // namespace crm::jobs

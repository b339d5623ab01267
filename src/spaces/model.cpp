#include "spaces/model.hpp"

namespace crm::spaces {

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::cohort:
      return "cohort";
    case Kind::alumni:
      return "alumni";
    case Kind::theme:
      return "theme";
    case Kind::region:
      return "region";
  }
  return "theme";
}

Kind parse_kind(std::string_view s) {
  if (s == "cohort") return Kind::cohort;
  if (s == "alumni") return Kind::alumni;
  if (s == "region") return Kind::region;
  return Kind::theme;
}

std::string_view notify_name(Notify n) {
  switch (n) {
    case Notify::immediate:
      return "immediate";
    case Notify::daily:
      return "daily";
    case Notify::weekly:
      return "weekly";
    case Notify::none:
      return "none";
  }
  return "daily";
}

Notify parse_notify(std::string_view s) {
  if (s == "immediate") return Notify::immediate;
  if (s == "weekly") return Notify::weekly;
  if (s == "none") return Notify::none;
  return Notify::daily;
}

}  // namespace crm::spaces

// HTML of the calls' pages: the public list and page of a call, and the
// staff pages that write one; the staff list as a table for its export.
#pragma once

#include <string>

#include "admissions/call_service.hpp"
#include "core/result.hpp"
#include "web/context.hpp"
#include "web/export.hpp"

namespace crm::admissions::views {

std::string open_calls(const web::Ctx& ctx, const OpenCalls& l);
std::string public_call(const web::Ctx& ctx, const PublicCall& p);
std::string manage_calls(const web::Ctx& ctx, const ManageCalls& m);
web::Table manage_calls_table(const web::Ctx& ctx, const ManageCalls& m);
std::string new_call(const web::Ctx& ctx, const NewCallPage& p, const Error* error);
std::string edit_call(const web::Ctx& ctx, const EditCallPage& p, const Error* error);
std::string questions(const web::Ctx& ctx, const QuestionsPage& p, const Error* error);
std::string criteria(const web::Ctx& ctx, const CriteriaPage& p, const Error* error);
std::string bounds(const web::Ctx& ctx, const BoundsPage& p, const Error* error);

}  // namespace crm::admissions::views

// Pages of a post's edit, history, report and hiding, the moderators' queue
// of reports and a thread's move (moderation_service.hpp). Post texts are
// shown as written, escaped, each in its own direction (dir="auto").
#pragma once

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/result.hpp"
#include "spaces/moderation_service.hpp"
#include "web/context.hpp"
#include "web/html.hpp"

namespace crm::spaces::moderation_views {

std::string edit(web::Ctx& ctx, const moderation::PostPage& p, const std::string& body,
                 const Error* e);
std::string history(web::Ctx& ctx, const moderation::PostPage& p);
std::string report(web::Ctx& ctx, const moderation::PostPage& p, const std::string& reason,
                   const Error* e);
std::string reports(web::Ctx& ctx, const moderation::ReportsPage& p, const Error* e);
std::string hide(web::Ctx& ctx, const moderation::PostPage& p, const std::string& reason,
                 const Error* e);
std::string move(web::Ctx& ctx, const moderation::MovePage& p, const std::string& to,
                 const Error* e);

// The person's own posts in their data download (privacy/views.cpp).
void personal_data(web::Html& h, const web::Ctx& ctx,
                   const std::vector<moderation_store::OwnPost>& posts);
boost::json::array personal_data_json(const std::vector<moderation_store::OwnPost>& posts);

}  // namespace crm::spaces::moderation_views

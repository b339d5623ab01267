// How attachments look: on the thread page (photos as their small copy,
// linked to the original; other files as a download link with name, type
// and size), the file input of a posting form, and the page where an author
// adds files to their own post.
#pragma once

#include <string>
#include <vector>

#include "core/i18n.hpp"
#include "core/result.hpp"
#include "spaces/attachment_service.hpp"
#include "web/context.hpp"
#include "web/html.hpp"

namespace crm::spaces::attachment_views {

// The attachments of one post (an empty string for none): put it after the
// post's text. Photos reserve their space (width, height) and load lazily.
std::string list(const std::vector<attachment_store::Attachment>& files, const Tr& t);

// The file input of a posting form (name "attachments", several files), its
// hint and `error` when it is about this field. The form needs
// enctype="multipart/form-data" and its route Router::post_files.
void input(web::Html& h, const web::Ctx& ctx, const Error* error);

// The page of GET /posts/{id}/attachments (and the form again after an error).
std::string post_files_page(const web::Ctx& ctx, const attachments::PostFiles& p,
                            const Error* error);

}  // namespace crm::spaces::attachment_views

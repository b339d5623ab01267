// Personal survey links and the keys of anonymous drafts.
//
// The token of a link is handed to the respondent once (in the invitation
// or reminder mail) and never stored: the invitation keeps invitation_hash()
// of it (and of the link a reminder replaced).
//
// An anonymous draft (survey_response without person_id) is found by its
// key, resume_hash, = draft_key(the invitation's draft_seed): one random
// seed per invitation, set when its first page is saved (migration 0015).
// So the first mail's link, a reminder's new link and the signed-in pages
// (/my/surveys/{id}) all lead to the same draft, and a respondent who
// switches between them goes on where they left off.
//
// The trade-off, honestly: while the response is a draft, the server can
// tell whose draft it is (invitation → seed → key → draft); staff pages
// never show it, results count only submitted responses. Submission clears
// the draft's key and the invitation's seed in the same transaction: from
// then on nothing in the database leads from the invitation or the person to
// the response (the invitation keeps only answered = 1). A draft that is
// never submitted keeps its key while its invitation exists.
//
// resume_hash() and signed_in_key() are the keys drafts had before the
// seed: a draft begun under one is taken over by the seed's key when it is
// next saved through that way.
#pragma once

#include <string>
#include <string_view>

#include "auth/tokens.hpp"

namespace crm::surveys {

inline std::string invitation_hash(std::string_view token) {
  return auth::token_digest(token);
}

// The key of the anonymous draft of the invitation whose seed is `seed`.
inline std::string draft_key(std::string_view seed) {
  return auth::token_digest("draft:" + std::string(seed));
}

// Older keys (see above): of a draft begun through the link `token`, and of
// one begun signed in while the invitation's link digest was `token_hash`.
inline std::string resume_hash(std::string_view token) {
  return auth::token_digest("resume:" + std::string(token));
}
inline std::string signed_in_key(std::string_view token_hash) {
  return auth::token_digest("resume-signed-in:" + std::string(token_hash));
}

}  // namespace crm::surveys

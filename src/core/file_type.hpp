// What an upload really is, from its bytes (libmagic), never from the name or
// the type the client claimed.
//
// Thread-safe: every thread that calls sniff_mime() opens its own libmagic
// handle on first use (a magic_t must not be shared between threads) and keeps
// it for the thread's life.
#pragma once

#include <string>
#include <string_view>

namespace crm {

// The MIME type libmagic finds in `bytes` ("image/png", "application/x-executable",
// "application/octet-stream" for bytes it does not know, "application/x-empty"
// for none). Throws std::runtime_error when libmagic or its database cannot be
// loaded (a broken installation, not bad input).
std::string sniff_mime(std::string_view bytes);

// True for the photo formats crm accepts and serves: image/jpeg, image/png, image/webp.
bool is_photo_type(std::string_view mime);

}  // namespace crm

#include "core/file_type.hpp"

#include <magic.h>

#include <memory>
#include <stdexcept>

namespace crm {

namespace {

struct MagicClose {
  void operator()(magic_set* m) const { magic_close(m); }
};
using MagicHandle = std::unique_ptr<magic_set, MagicClose>;

MagicHandle open_magic() {
  MagicHandle m(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR));
  if (!m) throw std::runtime_error("libmagic: cannot open a handle");
  if (magic_load(m.get(), nullptr) != 0)
    throw std::runtime_error(std::string("libmagic: cannot load its database: ") +
                             magic_error(m.get()));
  return m;
}

}  // namespace

std::string sniff_mime(std::string_view bytes) {
  thread_local MagicHandle handle = open_magic();
  const char* type = magic_buffer(handle.get(), bytes.data(), bytes.size());
  if (!type) return "application/octet-stream";
  return type;
}

bool is_photo_type(std::string_view mime) {
  return mime == "image/jpeg" || mime == "image/png" || mime == "image/webp";
}

}  // namespace crm

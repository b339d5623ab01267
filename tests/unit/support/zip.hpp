// A zip archive of stored (uncompressed) entries, as office suites write the
// first entries of their documents: for tests of uploads that must be (or
// must not be) a DOCX or an ODT.
#pragma once

#include <zlib.h>

#include <string>
#include <utility>
#include <vector>

namespace crm::test {

inline std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, central;
  auto u16 = [](std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
  };
  auto u32 = [&](std::string& s, unsigned long v) {
    u16(s, static_cast<unsigned>(v & 0xffff));
    u16(s, static_cast<unsigned>((v >> 16) & 0xffff));
  };
  for (const auto& [name, data] : entries) {
    const unsigned long crc =
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    const unsigned long offset = out.size();
    out += "PK\x03\x04";
    u16(out, 20), u16(out, 0), u16(out, 0), u16(out, 0), u16(out, 0);
    u32(out, crc), u32(out, data.size()), u32(out, data.size());
    u16(out, static_cast<unsigned>(name.size())), u16(out, 0);
    out += name + data;
    central += "PK\x01\x02";
    u16(central, 20), u16(central, 20), u16(central, 0), u16(central, 0), u16(central, 0),
        u16(central, 0);
    u32(central, crc), u32(central, data.size()), u32(central, data.size());
    u16(central, static_cast<unsigned>(name.size())), u16(central, 0), u16(central, 0),
        u16(central, 0), u16(central, 0);
    u32(central, 0), u32(central, offset);
    central += name;
  }
  const unsigned long at = out.size();
  out += central;
  out += "PK\x05\x06";
  u16(out, 0), u16(out, 0), u16(out, static_cast<unsigned>(entries.size())),
      u16(out, static_cast<unsigned>(entries.size()));
  u32(out, central.size()), u32(out, at), u16(out, 0);
  return out;
}

}  // namespace crm::test

// Pixels for the photo tests (core/image.hpp and
// core/photo_metadata.hpp): w·h RGB triples, row by row, in smooth
// gradients, so that a JPEG of them is small and a picture turned on its side
// is not the same picture.
#pragma once

#include <cstddef>
#include <string>

namespace crm::test {

inline std::string gradient(int w, int h) {
  std::string rgb(static_cast<std::size_t>(w) * h * 3, '\0');
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto i = (static_cast<std::size_t>(y) * w + x) * 3;
      rgb[i] = static_cast<char>(x * 255 / w);
      rgb[i + 1] = static_cast<char>(y * 255 / h);
      rgb[i + 2] = static_cast<char>((x + y) % 256);
    }
  return rgb;
}

}  // namespace crm::test

// What each libdeflate level costs and saves on real pages: for every file
// given, the gzip size and the CPU time of one compression at levels 1..12
// (the best of several rounds, so other load on the machine counts little).
// Built and run by bench/people.sh on the demo's pages; prints figures only.
//
//   c++ -O2 -std=c++20 bench/compress_levels.cpp -ldeflate -o compress_levels
//   ./compress_levels page1.html page2.html …
#include <libdeflate.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::pair<std::string, std::string>> pages;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    std::string name = argv[i];
    name = name.substr(name.find_last_of('/') + 1);
    pages.emplace_back(name, s.str());
  }
  if (pages.empty()) {
    std::fprintf(stderr, "usage: %s FILE...\n", argv[0]);
    return 2;
  }
  std::printf("%-22s %8s", "page", "bytes");
  for (int level = 1; level <= 12; ++level)
    std::printf(" %13s", ("level " + std::to_string(level)).c_str());
  std::printf("\n%-22s %8s", "", "");
  for (int level = 1; level <= 12; ++level) std::printf(" %13s", "bytes    us");
  std::printf("\n");
  std::vector<double> total_us(13), total_bytes(13);
  double total_in = 0;
  for (const auto& [name, data] : pages) {
    std::printf("%-22s %8zu", name.c_str(), data.size());
    total_in += static_cast<double>(data.size());
    for (int level = 1; level <= 12; ++level) {
      auto* c = libdeflate_alloc_compressor(level);
      std::string out(libdeflate_gzip_compress_bound(c, data.size()), '\0');
      size_t n = 0;
      double best = 1e18;
      for (int round = 0; round < 7; ++round) {
        constexpr int kRepeat = 20;
        auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < kRepeat; ++r)
          n = libdeflate_gzip_compress(c, data.data(), data.size(), out.data(), out.size());
        std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count() / kRepeat);
      }
      libdeflate_free_compressor(c);
      total_us[level] += best;
      total_bytes[level] += static_cast<double>(n);
      std::printf(" %7zu %5.0f", n, best);
    }
    std::printf("\n");
  }
  std::printf("%-22s %8.0f", "all pages", total_in);
  for (int level = 1; level <= 12; ++level)
    std::printf(" %7.0f %5.0f", total_bytes[level], total_us[level]);
  std::printf("\n%-22s %8s", "saved vs level 1", "");
  for (int level = 1; level <= 12; ++level)
    std::printf(" %6.1f%% %+5.0f", 100.0 * (total_bytes[1] - total_bytes[level]) / total_bytes[1],
                total_us[level] - total_us[1]);
  std::printf("\n");
  return 0;
}

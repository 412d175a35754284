// A gzip file assembled from pieces compressed independently, on any thread (the way
// parallel gzip tools work): each piece is raw deflate ending on a byte boundary (a sync
// flush, no final block), so pieces simply concatenate; the writer adds the gzip header, a
// final empty block and the CRC-32 and length of the whole text. The result is one
// ordinary gzip member, and the same pieces give the same bytes whatever thread made them.
// Internal to gis.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace zanplan::synthetic {

struct DeflatedPiece {
  std::string bytes;        // raw deflate, byte-aligned, not final
  std::uint32_t crc32 = 0;  // of the uncompressed text
  std::uint64_t size = 0;   // uncompressed length
};

// Level 1: the text is regular and the files are rewritten often; speed matters more than
// the last 20 % of size.
inline constexpr int gzip_level = 1;

DeflatedPiece deflate_piece(std::string_view text, int level = gzip_level);

// Writes the gzip header on construction; finish() writes the trailer.
class GzipAssembler {
 public:
  explicit GzipAssembler(std::ostream& out);
  void append(const DeflatedPiece& piece);
  void finish();

 private:
  std::ostream& out_;
  std::uint32_t crc32_ = 0;
  std::uint64_t size_ = 0;
};

}  // namespace zanplan::synthetic

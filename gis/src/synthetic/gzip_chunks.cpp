#include "synthetic/gzip_chunks.hpp"

#include <array>

#include <zlib.h>

#include "zanplan/error.hpp"

namespace zanplan::synthetic {

namespace {

// RFC 1952 header: no name, no time stamp (so that the bytes do not depend on the day),
// "unknown" operating system.
constexpr std::array<unsigned char, 10> gzip_header{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
// A final empty fixed-Huffman block: what deflate emits for Z_FINISH on no input after a
// sync flush.
constexpr std::array<unsigned char, 2> final_block{0x03, 0x00};

void put_le32(std::ostream& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.put(static_cast<char>((value >> (8 * i)) & 0xffU));
}

}  // namespace

DeflatedPiece deflate_piece(std::string_view text, int level) {
  z_stream stream{};
  // Negative window bits: raw deflate, no zlib or gzip wrapper.
  if (deflateInit2(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw Error(ErrorKind::internal, "zlib deflateInit2 failed");
  DeflatedPiece piece;
  piece.size = text.size();
  piece.crc32 = static_cast<std::uint32_t>(
      crc32_z(crc32_z(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(text.data()), text.size()));
  piece.bytes.resize(deflateBound(&stream, static_cast<uLong>(text.size())) + 16);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));  // zlib never writes input
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(piece.bytes.data());
  stream.avail_out = static_cast<uInt>(piece.bytes.size());
  const int result = deflate(&stream, Z_SYNC_FLUSH);
  const bool complete = result == Z_OK && stream.avail_in == 0 && stream.avail_out > 0;
  piece.bytes.resize(stream.total_out);
  deflateEnd(&stream);
  if (!complete) throw Error(ErrorKind::internal, "zlib deflate did not finish a piece");
  return piece;
}

GzipAssembler::GzipAssembler(std::ostream& out) : out_(out) {
  out_.write(reinterpret_cast<const char*>(gzip_header.data()), gzip_header.size());
}

void GzipAssembler::append(const DeflatedPiece& piece) {
  out_.write(piece.bytes.data(), static_cast<std::streamsize>(piece.bytes.size()));
  crc32_ = static_cast<std::uint32_t>(crc32_combine(crc32_, piece.crc32, static_cast<z_off_t>(piece.size)));
  size_ += piece.size;
}

void GzipAssembler::finish() {
  out_.write(reinterpret_cast<const char*>(final_block.data()), final_block.size());
  put_le32(out_, crc32_);
  put_le32(out_, static_cast<std::uint32_t>(size_ & 0xffffffffU));  // ISIZE is the length mod 2^32
}

}  // namespace zanplan::synthetic

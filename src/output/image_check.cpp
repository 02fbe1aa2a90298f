#include "output/image_check.h"

#include <array>
#include <cstdint>

namespace dauys {

namespace {

uint32_t Crc32(std::string_view bytes) {
  static const auto table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

uint32_t Big32(std::string_view b, size_t at) {
  return (uint32_t{static_cast<unsigned char>(b[at])} << 24) |
         (uint32_t{static_cast<unsigned char>(b[at + 1])} << 16) |
         (uint32_t{static_cast<unsigned char>(b[at + 2])} << 8) |
         uint32_t{static_cast<unsigned char>(b[at + 3])};
}

std::string Printable4(std::string_view type) {
  std::string out;
  for (char c : type) out += (c >= 0x21 && c <= 0x7E) ? c : '?';
  return out;
}

Expected<std::string> CheckPng(std::string_view b) {
  size_t at = 8;
  bool header = false, data = false;
  while (true) {
    if (at + 12 > b.size()) return Error{"a PNG cut short before its end (IEND)"};
    const uint32_t length = Big32(b, at);
    const std::string type = Printable4(b.substr(at + 4, 4));
    if (length > 0x7FFFFFFFu || b.size() - at - 12 < length) {
      return Error{"a PNG cut short in its '" + type + "' chunk"};
    }
    if (Crc32(b.substr(at + 4, 4 + length)) != Big32(b, at + 8 + length)) {
      return Error{"a damaged PNG: its '" + type + "' chunk fails its CRC"};
    }
    if (!header && type != "IHDR")
      return Error{"a damaged PNG: it does not begin with an IHDR chunk"};
    header = true;
    data |= type == "IDAT";
    at += 12 + length;
    if (type == "IEND") break;
  }
  if (!data) return Error{"a damaged PNG: it has no image data (IDAT)"};
  return std::string("image/png");
}

Expected<std::string> CheckJpeg(std::string_view b) {
  const Error cut{"a JPEG cut short before its end (EOI)"};
  size_t at = 2;
  bool frame = false, scan = false;
  while (true) {
    if (at >= b.size()) return cut;
    if (static_cast<unsigned char>(b[at]) != 0xFF)
      return Error{"a damaged JPEG: no marker where a segment should begin"};
    while (at < b.size() && static_cast<unsigned char>(b[at]) == 0xFF) ++at;  // fill bytes
    if (at >= b.size()) return cut;
    const auto marker = static_cast<unsigned char>(b[at++]);
    if (marker == 0xD9) break;                                           // EOI
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no length
    if (marker == 0xD8 || marker == 0x00) return Error{"a damaged JPEG: a misplaced marker"};
    if (at + 2 > b.size()) return cut;
    const size_t length =
        (size_t{static_cast<unsigned char>(b[at])} << 8) | static_cast<unsigned char>(b[at + 1]);
    if (length < 2) return Error{"a damaged JPEG: a segment shorter than its own length"};
    if (at + length > b.size()) return cut;
    const bool sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    frame |= sof;
    at += length;
    if (marker == 0xDA) {  // start of scan: entropy-coded data up to the next marker
      if (!frame) return Error{"a damaged JPEG: a scan before its frame header (SOF)"};
      scan = true;
      while (true) {
        if (at + 1 >= b.size()) return cut;
        if (static_cast<unsigned char>(b[at]) == 0xFF) {
          const auto next = static_cast<unsigned char>(b[at + 1]);
          if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) break;
          at += next == 0xFF ? 1 : 2;
          continue;
        }
        ++at;
      }
    }
  }
  if (!frame) return Error{"a damaged JPEG: it has no frame header (SOF)"};
  if (!scan) return Error{"a damaged JPEG: it has no image data (SOS)"};
  return std::string("image/jpeg");
}

}  // namespace

Expected<std::string> CheckImage(std::string_view bytes) {
  if (bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return CheckPng(bytes);
  if (bytes.substr(0, 3) == "\xFF\xD8\xFF") return CheckJpeg(bytes);
  return Error{"not a PNG or JPEG image"};
}

}  // namespace dauys

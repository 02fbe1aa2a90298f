#include "audio/mp3_encoder.h"

namespace dauys {

namespace {
constexpr int kBitrates[] = {56, 64, 80, 96, 112, 128, 144, 160};
}  // namespace

bool IsSupportedBitrate(int kbps) {
  for (int b : kBitrates) {
    if (b == kbps) return true;
  }
  return false;
}

std::string SupportedBitrates() {
  std::string out;
  for (int b : kBitrates) out += (out.empty() ? "" : ", ") + std::to_string(b);
  return out;
}

}  // namespace dauys

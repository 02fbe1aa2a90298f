#include "audio/mp3_encoder.h"

#include <ebur128.h>
#include <lame/lame.h>

#include <cmath>
#include <vector>

namespace dauys {

namespace {
constexpr int kBitrates[] = {56, 64, 80, 96, 112, 128, 144, 160};
lame_global_flags* L(void* p) { return static_cast<lame_global_flags*>(p); }
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

Expected<std::unique_ptr<Mp3Encoder>> Mp3Encoder::Create(const Mp3Options& options) {
  if (!IsSupportedBitrate(options.bitrate)) {
    return Error{"bit rate " + std::to_string(options.bitrate) + " kbps is not supported (use one of " +
                 SupportedBitrates() + ")"};
  }
  lame_global_flags* lame = lame_init();
  if (!lame) return Error{"cannot start the LAME encoder"};
  lame_set_in_samplerate(lame, options.sample_rate);
  lame_set_out_samplerate(lame, options.sample_rate);
  lame_set_num_channels(lame, 1);
  lame_set_mode(lame, MONO);
  lame_set_VBR(lame, vbr_off);
  lame_set_brate(lame, options.bitrate);
  lame_set_quality(lame, options.quality);
  lame_set_bWriteVbrTag(lame, 1);
  lame_set_write_id3tag_automatic(lame, 0);
  if (lame_init_params(lame) < 0) {
    lame_close(lame);
    return Error{"LAME rejected the encoder settings"};
  }
  return std::unique_ptr<Mp3Encoder>(new Mp3Encoder(lame));
}

Mp3Encoder::~Mp3Encoder() {
  lame_close(L(lame_));
  if (hip_) hip_decode_exit(static_cast<hip_t>(hip_));
  if (meter_) {
    auto* st = static_cast<ebur128_state*>(meter_);
    ebur128_destroy(&st);
  }
}

void Mp3Encoder::EnableLoudnessMonitor() {
  if (hip_) return;
  hip_ = hip_decode_init();
  meter_ = ebur128_init(1, static_cast<unsigned long>(lame_get_out_samplerate(L(lame_))),
                        EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM);
}

double Mp3Encoder::MonitoredLoudness() const {
  double loudness = -HUGE_VAL;
  if (!meter_ || ebur128_loudness_global(static_cast<ebur128_state*>(meter_), &loudness) != EBUR128_SUCCESS) {
    return -HUGE_VAL;
  }
  return loudness;
}

void Mp3Encoder::Monitor(const unsigned char* bytes, size_t size) {
  if (!hip_ || size == 0) return;
  std::vector<short> left(size * 48 + 8192), right(left.size());
  int n = hip_decode(static_cast<hip_t>(hip_), const_cast<unsigned char*>(bytes), size, left.data(), right.data());
  if (n > 0) ebur128_add_frames_short(static_cast<ebur128_state*>(meter_), left.data(), static_cast<size_t>(n));
}

Status Mp3Encoder::Encode(std::span<const int16_t> samples) {
  constexpr size_t kChunk = 8192;
  std::vector<unsigned char> buffer(kChunk * 5 / 4 + 7200);
  for (size_t offset = 0; offset < samples.size(); offset += kChunk) {
    size_t n = std::min(kChunk, samples.size() - offset);
    int bytes = lame_encode_buffer(L(lame_), const_cast<short*>(samples.data() + offset), nullptr,
                                   static_cast<int>(n), buffer.data(), static_cast<int>(buffer.size()));
    if (bytes < 0) return Error{"LAME failed to encode (code " + std::to_string(bytes) + ")"};
    out_.append(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(bytes));
    Monitor(buffer.data(), static_cast<size_t>(bytes));
  }
  samples_ += static_cast<int64_t>(samples.size());
  return {};
}

Expected<std::string> Mp3Encoder::Finish() {
  std::vector<unsigned char> buffer(7200);
  int bytes = lame_encode_flush(L(lame_), buffer.data(), static_cast<int>(buffer.size()));
  if (bytes < 0) return Error{"LAME failed to flush (code " + std::to_string(bytes) + ")"};
  out_.append(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(bytes));
  std::vector<unsigned char> tag(2880);
  size_t tag_size = lame_get_lametag_frame(L(lame_), tag.data(), tag.size());
  if (tag_size == 0 || tag_size > out_.size()) return Error{"LAME wrote no Info tag"};
  out_.replace(0, tag_size, reinterpret_cast<const char*>(tag.data()), tag_size);
  return std::move(out_);
}

}  // namespace dauys

#include "audio/mp3_segments.h"

#include <lame/lame.h>

#include <algorithm>
#include <array>
#include <string.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>

namespace dauys {

namespace {

constexpr int kSamplesPerFrame = 576;  // MPEG-2 Layer III

using Lame = std::unique_ptr<lame_global_flags, int (*)(lame_global_flags*)>;

Expected<Lame> NewLame(const Mp3Options& options, bool info_tag) {
  if (!IsSupportedBitrate(options.bitrate)) {
    return Error{"bit rate " + std::to_string(options.bitrate) + " kbps is not supported (use one of " +
                 SupportedBitrates() + ")"};
  }
  Lame lame(lame_init(), lame_close);
  if (!lame) return Error{"cannot start the LAME encoder"};
  lame_set_in_samplerate(lame.get(), options.sample_rate);
  lame_set_out_samplerate(lame.get(), options.sample_rate);
  lame_set_num_channels(lame.get(), 1);
  lame_set_mode(lame.get(), MONO);
  lame_set_VBR(lame.get(), vbr_off);
  lame_set_brate(lame.get(), options.bitrate);
  lame_set_quality(lame.get(), options.quality);
  lame_set_bWriteVbrTag(lame.get(), info_tag ? 1 : 0);
  lame_set_write_id3tag_automatic(lame.get(), 0);
  if (lame_init_params(lame.get()) < 0) return Error{"LAME rejected the encoder settings"};
  return lame;
}

/// CRC-16 as LAME computes it for the Info frame (polynomial 0x8005, reflected).
uint16_t Crc16(const unsigned char* data, size_t size, uint16_t crc = 0) {
  static const auto table = [] {
    std::array<uint16_t, 256> t{};
    for (unsigned i = 0; i < 256; ++i) {
      unsigned c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0xA001 : c >> 1;
      t[i] = static_cast<uint16_t>(c);
    }
    return t;
  }();
  for (size_t i = 0; i < size; ++i) crc = static_cast<uint16_t>((crc >> 8) ^ table[(crc ^ data[i]) & 0xFF]);
  return crc;
}

void Put32(unsigned char* p, uint32_t v) {
  p[0] = static_cast<unsigned char>(v >> 24);
  p[1] = static_cast<unsigned char>(v >> 16);
  p[2] = static_cast<unsigned char>(v >> 8);
  p[3] = static_cast<unsigned char>(v);
}

/// LAME's own Info frame for these options, to patch: it carries the right header,
/// encoder string and flags.
Expected<std::string> InfoFrameTemplate(const Mp3Options& options) {
  static std::mutex mutex;
  static std::vector<std::pair<std::string, std::string>> templates;  // (options key, frame)
  const std::string key = std::to_string(options.sample_rate) + "/" + std::to_string(options.bitrate) + "/" +
                          std::to_string(options.quality);
  std::lock_guard<std::mutex> lock(mutex);
  for (const auto& [k, frame] : templates) {
    if (k == key) return frame;
  }
  Expected<Lame> lame = NewLame(options, true);
  if (!lame) return lame.error();
  std::vector<short> silence(static_cast<size_t>(options.sample_rate / 10), 0);
  std::vector<unsigned char> buffer(65536);
  int n = lame_encode_buffer(lame->get(), silence.data(), nullptr, static_cast<int>(silence.size()), buffer.data(),
                             static_cast<int>(buffer.size()));
  if (n < 0 || lame_encode_flush(lame->get(), buffer.data(), static_cast<int>(buffer.size())) < 0) {
    return Error{"LAME failed to encode"};
  }
  unsigned char tag[2880];
  size_t size = lame_get_lametag_frame(lame->get(), tag, sizeof tag);
  if (size == 0) return Error{"LAME wrote no Info tag at " + std::to_string(options.bitrate) + " kbps"};
  templates.emplace_back(key, std::string(reinterpret_cast<char*>(tag), size));
  return templates.back().second;
}

}  // namespace

Expected<EncodedSegment> EncodeSegment(std::span<const int16_t> pcm, const Mp3Options& options) {
  Expected<Lame> lame = NewLame(options, false);
  if (!lame) return lame.error();
  EncodedSegment segment;
  segment.samples = static_cast<int64_t>(pcm.size());
  segment.delay = lame_get_encoder_delay(lame->get());
  constexpr size_t kChunk = 8192;
  std::vector<unsigned char> buffer(kChunk * 5 / 4 + 7200);
  for (size_t offset = 0; offset < pcm.size(); offset += kChunk) {
    size_t n = std::min(kChunk, pcm.size() - offset);
    int bytes = lame_encode_buffer(lame->get(), const_cast<short*>(pcm.data() + offset), nullptr, static_cast<int>(n),
                                   buffer.data(), static_cast<int>(buffer.size()));
    if (bytes < 0) return Error{"LAME failed to encode (code " + std::to_string(bytes) + ")"};
    segment.frames.append(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(bytes));
  }
  int bytes = lame_encode_flush(lame->get(), buffer.data(), static_cast<int>(buffer.size()));
  if (bytes < 0) return Error{"LAME failed to flush (code " + std::to_string(bytes) + ")"};
  segment.frames.append(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(bytes));
  segment.frame_count = lame_get_frameNum(lame->get());
  return segment;
}

JoinLayout LayoutSegments(const std::vector<const EncodedSegment*>& segments) {
  JoinLayout layout;
  SegmentJoiner joiner(Mp3Options{});
  for (const EncodedSegment* s : segments) layout.starts.push_back(joiner.Add(*s));
  layout.samples = joiner.samples();
  return layout;
}

int64_t SegmentJoiner::Add(const EncodedSegment& segment) {
  // Decoders drop the first segment's delay; every later segment's content sits behind
  // the frames before it plus its own delay.
  if (first_delay_ < 0) first_delay_ = segment.delay;
  const int64_t start = frames_ * kSamplesPerFrame + segment.delay - first_delay_;
  frames_ += segment.frame_count;
  samples_ = start + segment.samples;
  audio_bytes_ += segment.frames.size();
  music_crc_ = Crc16(reinterpret_cast<const unsigned char*>(segment.frames.data()), segment.frames.size(), music_crc_);
  return start;
}

Expected<size_t> SegmentJoiner::InfoFrameSize() const {
  Expected<std::string> info = InfoFrameTemplate(options_);
  if (!info) return info.error();
  return info->size();
}

Expected<std::string> SegmentJoiner::InfoFrame() const {
  Expected<std::string> info = InfoFrameTemplate(options_);
  if (!info) return info.error();
  std::string frame = *info;
  auto* f = reinterpret_cast<unsigned char*>(frame.data());
  const auto* found = static_cast<const unsigned char*>(::memmem(f, frame.size(), "Info", 4));
  if (!found || static_cast<size_t>(found - f) + 156 > frame.size()) return Error{"LAME's Info frame has an unknown layout"};
  const size_t info_at = static_cast<size_t>(found - f);
  const int64_t delay = std::max(first_delay_, 0);
  const int64_t padding = frames_ * kSamplesPerFrame - delay - samples_;
  if (delay > 0xFFF || padding < 0 || padding > 0xFFF) return Error{"joined MP3 segments have an impossible layout"};
  const uint64_t total_bytes = frame.size() + audio_bytes_;

  unsigned char* p = f + info_at;
  Put32(p + 8, static_cast<uint32_t>(frames_));
  Put32(p + 12, static_cast<uint32_t>(total_bytes));
  // Seek table: at i% of the duration, the byte position as a fraction of 256. Frames
  // of a CBR stream are all but equal, so positions are proportional.
  for (int i = 0; i < 100; ++i) {
    double position = static_cast<double>(frame.size()) + static_cast<double>(audio_bytes_) * i / 100.0;
    p[16 + i] = static_cast<unsigned char>(std::min(255.0, position * 256.0 / static_cast<double>(total_bytes)));
  }
  unsigned char* lame_ext = p + 120;
  const uint32_t delay_padding = (static_cast<uint32_t>(delay) << 12) | static_cast<uint32_t>(padding);
  lame_ext[21] = static_cast<unsigned char>(delay_padding >> 16);
  lame_ext[22] = static_cast<unsigned char>(delay_padding >> 8);
  lame_ext[23] = static_cast<unsigned char>(delay_padding);
  Put32(lame_ext + 28, static_cast<uint32_t>(total_bytes));
  lame_ext[32] = static_cast<unsigned char>(music_crc_ >> 8);
  lame_ext[33] = static_cast<unsigned char>(music_crc_);
  uint16_t tag_crc = Crc16(f, info_at + 154);
  lame_ext[34] = static_cast<unsigned char>(tag_crc >> 8);
  lame_ext[35] = static_cast<unsigned char>(tag_crc);
  return frame;
}

Expected<std::string> JoinSegments(const std::vector<const EncodedSegment*>& segments, const Mp3Options& options) {
  SegmentJoiner joiner(options);
  size_t audio = 0;
  for (const EncodedSegment* s : segments) {
    joiner.Add(*s);
    audio += s->frames.size();
  }
  Expected<std::string> info = joiner.InfoFrame();
  if (!info) return info.error();
  std::string out = std::move(*info);
  out.reserve(out.size() + audio);
  for (const EncodedSegment* s : segments) out += s->frames;
  return out;
}

Expected<Mp3Length> ReadMp3Length(const std::filesystem::path& path) {
  const std::string name = path.string();
  const Error no_info{name + ": not an MP3 with an Info/LAME frame (frame count, byte count, delay)"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{name + ": cannot read"};
  unsigned char head[10] = {};
  in.read(reinterpret_cast<char*>(head), sizeof head);
  if (in.gcount() != sizeof head) return no_info;
  Mp3Length length;
  if (std::memcmp(head, "ID3", 3) == 0) {
    for (int i = 6; i < 10; ++i) {
      if (head[i] & 0x80) return no_info;
      length.tag_bytes = (length.tag_bytes << 7) | head[i];
    }
    length.tag_bytes += 10 + ((head[5] & 0x10) ? 10 : 0);  // header, and the footer if flagged
  }
  in.clear();
  in.seekg(static_cast<std::streamoff>(length.tag_bytes));
  std::array<unsigned char, 2880> frame{};  // the largest Layer III frame
  in.read(reinterpret_cast<char*>(frame.data()), frame.size());
  const auto got = static_cast<size_t>(in.gcount());
  const unsigned char* f = frame.data();
  // Frame header: sync, version (MPEG-1 3, MPEG-2 2, MPEG-2.5 0), Layer III, rate index.
  const int version = (f[1] >> 3) & 3, rate_index = (f[2] >> 2) & 3;
  if (got < 4 || f[0] != 0xFF || (f[1] & 0xE0) != 0xE0 || version == 1 || ((f[1] >> 1) & 3) != 1 ||
      rate_index == 3) {
    return no_info;
  }
  static constexpr int kRates[3] = {44100, 48000, 32000};
  length.sample_rate = kRates[rate_index] / (version == 3 ? 1 : version == 2 ? 2 : 4);
  const int64_t per_frame = version == 3 ? 1152 : 576;
  const auto* found = static_cast<const unsigned char*>(::memmem(f, std::min<size_t>(got, 64), "Info", 4));
  if (!found) found = static_cast<const unsigned char*>(::memmem(f, std::min<size_t>(got, 64), "Xing", 4));
  const size_t at = found ? static_cast<size_t>(found - f) : 0;
  // Flags: frames, bytes, seek table, quality, as LAME writes them; the LAME extension follows.
  if (!found || at + 156 > got || (found[7] & 0x0F) != 0x0F || std::memcmp(found + 120, "LAME", 4) != 0) {
    return no_info;
  }
  auto get32 = [](const unsigned char* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
  };
  const int64_t frames = get32(found + 8);
  length.stream_bytes = get32(found + 12);
  const unsigned char* lame_ext = found + 120;
  const int64_t delay = (int64_t{lame_ext[21]} << 4) | (lame_ext[22] >> 4);
  const int64_t padding = ((int64_t{lame_ext[22]} & 0x0F) << 8) | lame_ext[23];
  length.samples = std::max<int64_t>(0, frames * per_frame - delay - padding);
  length.delay = delay;
  length.padding = padding;
  return length;
}

}  // namespace dauys

#include "output/m4b.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <utility>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

#include "util/atomic_file.h"

namespace dauys {

namespace {

std::string AvMessage(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(code, text, sizeof(text));
  return text;
}

struct FormatInputCloser {
  void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct FormatOutputFreer {
  void operator()(AVFormatContext* c) const { avformat_free_context(c); }
};
struct CodecFreer {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameFreer {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketFreer {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct IoFreer {
  void operator()(AVIOContext* io) const {
    av_freep(&io->buffer);
    avio_context_free(&io);
  }
};
using InputPtr = std::unique_ptr<AVFormatContext, FormatInputCloser>;
using OutputPtr = std::unique_ptr<AVFormatContext, FormatOutputFreer>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using IoPtr = std::unique_ptr<AVIOContext, IoFreer>;

/// The muxer's bytes go to the temporary at the position it seeks to (it goes back to
/// write the size of the audio box), so the M4B streams to disk, never to memory.
struct FileSink {
  AtomicFile* file = nullptr;
  uint64_t pos = 0, size = 0;
  std::string error;

  static int Write(void* opaque, uint8_t* data, int n) {
    auto* self = static_cast<FileSink*>(opaque);
    if (Status s = self->file->WriteAt(self->pos, {reinterpret_cast<const char*>(data), static_cast<size_t>(n)}); !s) {
      self->error = s.error().message;
      return AVERROR(EIO);
    }
    self->pos += static_cast<uint64_t>(n);
    self->size = std::max(self->size, self->pos);
    return n;
  }
  static int64_t Seek(void* opaque, int64_t offset, int whence) {
    auto* self = static_cast<FileSink*>(opaque);
    whence &= ~AVSEEK_FORCE;
    if (whence == AVSEEK_SIZE) return static_cast<int64_t>(self->size);
    int64_t to = offset;
    if (whence == SEEK_CUR) {
      to += static_cast<int64_t>(self->pos);
    } else if (whence == SEEK_END) {
      to += static_cast<int64_t>(self->size);
    } else if (whence != SEEK_SET) {
      return AVERROR(EINVAL);
    }
    if (to < 0 || static_cast<uint64_t>(to) > self->size) return AVERROR(EINVAL);
    self->pos = static_cast<uint64_t>(to);
    return to;
  }
};

uint32_t BigEndian(std::string_view b, size_t at, size_t bytes) {
  uint32_t v = 0;
  for (size_t i = 0; i < bytes; ++i) v = v << 8 | static_cast<uint8_t>(b[at + i]);
  return v;
}

/// Width and height of a PNG (its IHDR) or JPEG (its first frame header), which the
/// muxer wants for the picture stream; {0, 0} when the bytes do not say.
std::pair<int, int> ImageSize(std::string_view b) {
  if (b.size() >= 24 && b.substr(1, 3) == "PNG") {
    return {static_cast<int>(BigEndian(b, 16, 4) & 0x7fffffff), static_cast<int>(BigEndian(b, 20, 4) & 0x7fffffff)};
  }
  for (size_t at = 2; at + 9 <= b.size();) {
    if (static_cast<uint8_t>(b[at]) != 0xFF) return {0, 0};
    const uint8_t marker = static_cast<uint8_t>(b[at + 1]);
    if (marker == 0xFF) {
      ++at;
      continue;
    }
    const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) return {static_cast<int>(BigEndian(b, at + 7, 2)), static_cast<int>(BigEndian(b, at + 5, 2))};
    at += 2 + BigEndian(b, at + 2, 2);
  }
  return {0, 0};
}

/// The AAC encoder and the muxer it feeds, one frame of samples at a time.
class AacWriter {
 public:
  AacWriter(const M4bBook& book, AtomicFile& file) : book_(book) { sink_.file = &file; }
  Status Open();
  /// Queues mono samples; encodes every whole frame queued.
  Status Add(const float* samples, size_t count);
  /// Encodes what is queued, flushes the encoder and writes the trailer.
  Status Finish();

 private:
  Status AddStreams();
  Status AddChapters();
  Status AddCover();
  Status Encode(const float* samples, int count);
  Status Drain();
  Error Fail(const std::string& what, int code) const;

  const M4bBook& book_;
  FileSink sink_;
  IoPtr io_;
  OutputPtr out_;
  CodecPtr encoder_;
  AVStream* audio_ = nullptr;
  std::vector<float> queue_;
  int64_t next_pts_ = 0;
};

Error AacWriter::Fail(const std::string& what, int code) const {
  const std::string why = sink_.error.empty() ? AvMessage(code) : sink_.error;
  return Error{sink_.file->target().string() + ": " + what + ": " + why};
}

Status AacWriter::Open() {
  constexpr int kIoBuffer = 1 << 16;
  auto* buffer = static_cast<unsigned char*>(av_malloc(kIoBuffer));
  if (!buffer) return Error{sink_.file->target().string() + ": out of memory"};
  io_.reset(avio_alloc_context(buffer, kIoBuffer, 1, &sink_, nullptr, &FileSink::Write, &FileSink::Seek));
  if (!io_) {
    av_free(buffer);
    return Error{sink_.file->target().string() + ": out of memory"};
  }
  AVFormatContext* out = nullptr;
  if (int r = avformat_alloc_output_context2(&out, nullptr, "ipod", nullptr); r < 0) return Fail("ipod muxer", r);
  out_.reset(out);
  out_->pb = io_.get();
  out_->flags |= AVFMT_FLAG_BITEXACT | AVFMT_FLAG_CUSTOM_IO;
  if (Status s = AddStreams(); !s) return s;
  if (Status s = AddChapters(); !s) return s;
  auto set = [&](const char* key, const std::string& value) {
    if (!value.empty()) av_dict_set(&out_->metadata, key, value.c_str(), 0);
  };
  set("title", book_.title);
  set("album", book_.title);
  set("artist", book_.author);
  set("album_artist", book_.author);
  set("composer", book_.narrator);
  set("genre", book_.genre);
  if (book_.year > 0) set("date", std::to_string(book_.year));
  AVDictionary* options = nullptr;
  av_dict_set(&options, "brand", "M4B ", 0);  // audiobook players look for it
  const int r = avformat_write_header(out_.get(), &options);
  av_dict_free(&options);
  if (r < 0) return Fail("writing the MP4 header", r);
  return AddCover();
}

Status AacWriter::AddStreams() {
  const AVCodec* aac = avcodec_find_encoder_by_name("aac");
  if (!aac) return Error{sink_.file->target().string() + ": this FFmpeg has no AAC encoder"};
  encoder_.reset(avcodec_alloc_context3(aac));
  if (!encoder_) return Error{sink_.file->target().string() + ": out of memory"};
  encoder_->sample_fmt = AV_SAMPLE_FMT_FLTP;
  encoder_->sample_rate = book_.sample_rate;
  av_channel_layout_default(&encoder_->ch_layout, 1);
  encoder_->bit_rate = int64_t{book_.bitrate_kbps} * 1000;
  encoder_->profile = FF_PROFILE_AAC_LOW;
  encoder_->time_base = AVRational{1, book_.sample_rate};
  encoder_->flags |= AV_CODEC_FLAG_BITEXACT | AV_CODEC_FLAG_GLOBAL_HEADER;
  if (int r = avcodec_open2(encoder_.get(), aac, nullptr); r < 0) return Fail("opening the AAC encoder", r);
  audio_ = avformat_new_stream(out_.get(), nullptr);
  if (!audio_) return Error{sink_.file->target().string() + ": out of memory"};
  audio_->time_base = encoder_->time_base;
  if (int r = avcodec_parameters_from_context(audio_->codecpar, encoder_.get()); r < 0) return Fail("AAC stream", r);
  if (!book_.cover) return {};
  AVStream* picture = avformat_new_stream(out_.get(), nullptr);
  if (!picture) return Error{sink_.file->target().string() + ": out of memory"};
  picture->disposition = AV_DISPOSITION_ATTACHED_PIC;
  picture->codecpar->codec_type = AVMEDIA_TYPE_VIDEO;
  picture->codecpar->codec_id = book_.cover->mime == "image/png" ? AV_CODEC_ID_PNG : AV_CODEC_ID_MJPEG;
  const auto [width, height] = ImageSize(book_.cover->data);
  if (width <= 0 || height <= 0) return Error{sink_.file->target().string() + ": the cover's size cannot be read"};
  picture->codecpar->width = width;
  picture->codecpar->height = height;
  picture->time_base = AVRational{1, book_.sample_rate};
  return {};
}

Status AacWriter::AddChapters() {
  if (book_.marks.empty()) return {};
  out_->chapters = static_cast<AVChapter**>(av_calloc(book_.marks.size(), sizeof(AVChapter*)));
  if (!out_->chapters) return Error{sink_.file->target().string() + ": out of memory"};
  for (const M4bMark& mark : book_.marks) {
    auto* chapter = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
    if (!chapter) return Error{sink_.file->target().string() + ": out of memory"};
    out_->chapters[out_->nb_chapters++] = chapter;
    chapter->id = out_->nb_chapters;
    chapter->time_base = AVRational{1, 1000};
    chapter->start = mark.start_ms;
    chapter->end = mark.end_ms;
    av_dict_set(&chapter->metadata, "title", mark.title.c_str(), 0);
  }
  return {};
}

/// The cover as one packet of the attached-picture stream: the muxer keeps it and
/// writes it as the `covr` item of the iTunes tags.
Status AacWriter::AddCover() {
  if (!book_.cover) return {};
  PacketPtr packet(av_packet_alloc());
  if (!packet || av_new_packet(packet.get(), static_cast<int>(book_.cover->data.size())) < 0) {
    return Error{sink_.file->target().string() + ": out of memory"};
  }
  std::copy(book_.cover->data.begin(), book_.cover->data.end(), packet->data);
  packet->stream_index = 1;
  packet->flags |= AV_PKT_FLAG_KEY;
  packet->pts = packet->dts = 0;
  if (int r = av_write_frame(out_.get(), packet.get()); r < 0) return Fail("writing the cover", r);
  return {};
}

Status AacWriter::Add(const float* samples, size_t count) {
  queue_.insert(queue_.end(), samples, samples + count);
  const size_t frame = static_cast<size_t>(encoder_->frame_size);
  size_t at = 0;
  for (; queue_.size() - at >= frame; at += frame) {
    if (Status s = Encode(queue_.data() + at, static_cast<int>(frame)); !s) return s;
  }
  queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(at));
  return {};
}

Status AacWriter::Encode(const float* samples, int count) {
  FramePtr frame(av_frame_alloc());
  if (!frame) return Error{sink_.file->target().string() + ": out of memory"};
  frame->nb_samples = count;
  frame->format = AV_SAMPLE_FMT_FLTP;
  frame->sample_rate = book_.sample_rate;
  av_channel_layout_default(&frame->ch_layout, 1);
  if (int r = av_frame_get_buffer(frame.get(), 0); r < 0) return Fail("AAC frame", r);
  std::copy(samples, samples + count, reinterpret_cast<float*>(frame->data[0]));
  frame->pts = next_pts_;
  next_pts_ += count;
  if (int r = avcodec_send_frame(encoder_.get(), frame.get()); r < 0) return Fail("encoding AAC", r);
  return Drain();
}

Status AacWriter::Drain() {
  PacketPtr packet(av_packet_alloc());
  if (!packet) return Error{sink_.file->target().string() + ": out of memory"};
  for (;;) {
    const int r = avcodec_receive_packet(encoder_.get(), packet.get());
    if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return {};
    if (r < 0) return Fail("encoding AAC", r);
    packet->stream_index = audio_->index;
    av_packet_rescale_ts(packet.get(), encoder_->time_base, audio_->time_base);
    if (int w = av_interleaved_write_frame(out_.get(), packet.get()); w < 0) return Fail("writing AAC", w);
  }
}

Status AacWriter::Finish() {
  if (!queue_.empty()) {
    if (Status s = Encode(queue_.data(), static_cast<int>(queue_.size())); !s) return s;
    queue_.clear();
  }
  if (int r = avcodec_send_frame(encoder_.get(), nullptr); r < 0) return Fail("flushing AAC", r);
  if (Status s = Drain(); !s) return s;
  if (int r = av_write_trailer(out_.get()); r < 0) return Fail("writing the MP4 index", r);
  avio_flush(io_.get());
  if (!sink_.error.empty()) return Error{sink_.file->target().string() + ": " + sink_.error};
  return {};
}

/// Decodes one chapter MP3 into `writer`, cut or padded with silence to part.samples.
Status DecodePart(const M4bPart& part, AacWriter& writer) {
  const std::string where = part.mp3.string() + ": ";
  AVFormatContext* raw = nullptr;
  if (int r = avformat_open_input(&raw, part.mp3.c_str(), nullptr, nullptr); r < 0) {
    return Error{where + "cannot open it for the M4B: " + AvMessage(r)};
  }
  InputPtr in(raw);
  if (int r = avformat_find_stream_info(in.get(), nullptr); r < 0) return Error{where + AvMessage(r)};
  const AVCodec* codec = nullptr;
  const int stream = av_find_best_stream(in.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
  if (stream < 0 || !codec) return Error{where + "no MP3 audio in it"};
  CodecPtr decoder(avcodec_alloc_context3(codec));
  if (!decoder) return Error{where + "out of memory"};
  avcodec_parameters_to_context(decoder.get(), in->streams[stream]->codecpar);
  decoder->request_sample_fmt = AV_SAMPLE_FMT_FLTP;
  if (int r = avcodec_open2(decoder.get(), codec, nullptr); r < 0) return Error{where + AvMessage(r)};
  PacketPtr packet(av_packet_alloc());
  FramePtr frame(av_frame_alloc());
  if (!packet || !frame) return Error{where + "out of memory"};
  int64_t left = part.samples;
  auto take = [&]() -> Status {
    for (;;) {
      const int r = avcodec_receive_frame(decoder.get(), frame.get());
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return {};
      if (r < 0) return Error{where + "decoding: " + AvMessage(r)};
      if (frame->format != AV_SAMPLE_FMT_FLTP && frame->format != AV_SAMPLE_FMT_FLT) {
        return Error{where + "decoded to an unexpected sample format"};
      }
      const int64_t n = std::min<int64_t>(frame->nb_samples, left);
      if (Status s = writer.Add(reinterpret_cast<const float*>(frame->data[0]), static_cast<size_t>(n)); !s) return s;
      left -= n;
      av_frame_unref(frame.get());
    }
  };
  int read = 0;
  while ((read = av_read_frame(in.get(), packet.get())) >= 0) {
    if (packet->stream_index == stream) {
      const int r = avcodec_send_packet(decoder.get(), packet.get());
      av_packet_unref(packet.get());
      if (r < 0) return Error{where + "decoding: " + AvMessage(r)};
      if (Status s = take(); !s) return s;
    } else {
      av_packet_unref(packet.get());
    }
  }
  if (read != AVERROR_EOF) return Error{where + "reading: " + AvMessage(read)};
  avcodec_send_packet(decoder.get(), nullptr);
  if (Status s = take(); !s) return s;
  const std::vector<float> silence(static_cast<size_t>(std::max<int64_t>(left, 0) + part.gap), 0.0f);
  return writer.Add(silence.data(), silence.size());
}

}  // namespace

Status WriteM4b(const M4bBook& book, AtomicFile& file) {
  av_log_set_level(AV_LOG_ERROR);  // dauys reports FFmpeg's failures itself
  AacWriter writer(book, file);
  if (Status s = writer.Open(); !s) return s;
  for (const M4bPart& part : book.parts) {
    if (Status s = DecodePart(part, writer); !s) return s;
  }
  return writer.Finish();
}

std::string M4bLibraryVersions() {
  auto version = [](unsigned v) {
    return std::to_string(AV_VERSION_MAJOR(v)) + "." + std::to_string(AV_VERSION_MINOR(v)) + "." +
           std::to_string(AV_VERSION_MICRO(v));
  };
  return "libavformat " + version(avformat_version()) + ", libavcodec " + version(avcodec_version());
}

}  // namespace dauys

#pragma once
// MP3 by segments: each spoken sentence (with the silence before it) is encoded on its
// own, so it can be cached and reused when an editor changes another sentence, and
// encoded on any thread. A chapter file is the segments' frames joined behind one
// Info/LAME frame that tells decoders the exact length.
//
// Joining is sound because every segment starts and ends in silence and a fresh LAME
// stream never reaches into earlier bytes for its bit reservoir. Each segment brings
// its own encoder delay and padding (52 to 78 ms of extra silence at each join); the
// layout below accounts for them so sample positions stay exact.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "audio/mp3_encoder.h"
#include "util/error.h"

namespace dauys {

/// The least silence a join adds between two segments: the later one's encoder delay
/// (576 samples) plus the earlier one's padding, which LAME 3.100 makes 576 to 1151
/// samples at 22.05 kHz. A join so adds 1152 to 1727 samples (52 to 78 ms); taking
/// this much off each pause makes it come out as set, or up to one frame (26 ms)
/// longer. The encoder tests check the figure against the installed LAME.
constexpr int64_t kJoinSilenceSamples = 1152;

/// One independently encoded segment.
struct EncodedSegment {
  std::string frames;   ///< MPEG audio frames, no tag.
  int64_t frame_count = 0;
  int64_t samples = 0;  ///< PCM samples that went in.
  int delay = 0;        ///< Encoder delay in samples (LAME's, without the decoder's 529).
};

/// Encodes `pcm` as a stand-alone stream of frames.
Expected<EncodedSegment> EncodeSegment(std::span<const int16_t> pcm, const Mp3Options& options);

/// Where each segment's first PCM sample lands in the decoded, joined stream.
struct JoinLayout {
  std::vector<int64_t> starts;  ///< Per segment, in decoded samples.
  int64_t samples = 0;          ///< Decoded length of the joined stream.
};

/// Computes the layout of `segments` joined in order (all encoded with one options).
JoinLayout LayoutSegments(const std::vector<const EncodedSegment*>& segments);

/// Joins segments one by one, so a long stream (a whole book) can go straight to a
/// file: write InfoFrameSize() bytes of room, then each added segment's frames, then
/// InfoFrame() over the room.
class SegmentJoiner {
 public:
  explicit SegmentJoiner(const Mp3Options& options) : options_(options) {}

  /// Takes the next segment into the counts and returns where its first PCM sample
  /// lands in the decoded stream.
  int64_t Add(const EncodedSegment& segment);
  /// Decoded length of the stream so far.
  int64_t samples() const { return samples_; }
  Expected<size_t> InfoFrameSize() const;
  /// The Info/LAME frame: frame and byte counts, seek table, encoder delay and
  /// padding, and both CRCs, for everything added.
  Expected<std::string> InfoFrame() const;

 private:
  Mp3Options options_;
  int64_t frames_ = 0;
  int64_t samples_ = 0;
  int first_delay_ = -1;
  uint64_t audio_bytes_ = 0;
  uint16_t music_crc_ = 0;
};

/// The joined stream in memory: the Info frame, then every segment's frames.
Expected<std::string> JoinSegments(const std::vector<const EncodedSegment*>& segments, const Mp3Options& options);

/// What an MP3 file says of its own length: its ID3v2 tag, then the Info/LAME frame
/// SegmentJoiner wrote, read back, so a length recorded elsewhere can be checked.
struct Mp3Length {
  int sample_rate = 0;
  int64_t samples = 0;        ///< Decoded: frames × samples per frame − delay − padding.
  int64_t delay = 0;          ///< Encoder delay the decoder drops at the start.
  int64_t padding = 0;        ///< Encoder padding the decoder drops at the end.
  uint64_t tag_bytes = 0;     ///< The ID3v2 tag in front of the audio.
  uint64_t stream_bytes = 0;  ///< The Info frame and the frames after it, as it counts them.
};

/// Reads `path`'s tag header and Info frame (a few KB, not the audio); an Error names
/// the file when it has no Info/LAME frame with a frame count, byte count and delay.
Expected<Mp3Length> ReadMp3Length(const std::filesystem::path& path);

}  // namespace dauys

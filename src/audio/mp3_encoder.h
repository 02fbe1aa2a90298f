#pragma once
// MP3 settings dauys encodes with, and the bit rates it accepts. The encoding itself is
// in mp3_segments.h: sentence by sentence, joined behind one Info/LAME frame.

#include <string>

namespace dauys {

struct Mp3Options {
  int sample_rate = 22050;  ///< Hz, mono input.
  int bitrate = 64;         ///< kbps, constant bit rate.
  /// LAME's algorithm quality, 0 (best, slowest) .. 9 (fastest). 3 is LAME's own
  /// default for CBR and what the `lame` program uses: for 64 kbps speech, 2 and below
  /// cost about a third more CPU with no audible gain.
  int quality = 3;
};

/// The bit rates dauys accepts: MPEG-2 Layer III rates at which LAME can still write the
/// Info tag at 22.05 kHz (at 48 kbps and below the tag is silently left empty).
bool IsSupportedBitrate(int kbps);
/// "56, 64, 80, 96, 112, 128, 144, 160".
std::string SupportedBitrates();

}  // namespace dauys

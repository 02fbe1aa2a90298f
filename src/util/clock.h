#pragma once
// Times as the companions write them: every file that names a moment of a chapter
// (WebVTT cues, SMIL clips, EPUB durations, the feed's transcript) rounds a sample
// position to the millisecond the same way, so they agree to the millisecond.

#include <cstdint>
#include <string>

namespace dauys {

/// The millisecond nearest to a sample position (halves round up).
int64_t MillisOfSample(int64_t sample, int sample_rate);

/// "01:02:03.456" (WebVTT) or, with two_digit_hours false, "1:02:03.456" (SMIL,
/// EPUB media:duration). Hours are never cut: 100 hours is "100:00:00.000".
std::string ClockOfMillis(int64_t ms, bool two_digit_hours = true);

/// "01:02:03", rounded to the nearest second (itunes:duration).
std::string ClockOfSeconds(int64_t ms);

}  // namespace dauys

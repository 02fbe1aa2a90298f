#pragma once
// `--speed` must change how fast every voice talks by the factor asked, which eSpeak NG's
// own rate cannot: its words-per-minute setting stretches vowels and pauses unevenly
// (twice the rate gives about 1.8 times the speed). So dauys speaks at the profile's
// rate and then changes the tempo of the samples with Sonic, a pitch-synchronous speech
// speed changer that keeps the pitch and the voice, and moves the word events with them.

#include "speech/speech_engine.h"

namespace dauys {

/// `speech` said `factor` times faster (factor > 1) or slower (< 1), at the same pitch.
/// The result depends only on the samples and the factor.
Speech ChangeTempo(const Speech& speech, double factor, int sample_rate);

}  // namespace dauys

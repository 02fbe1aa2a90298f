#pragma once
// The voices a book is read with live in plain text files under voices/, one per
// profile, so an editor can retune a voice without rebuilding dauys:
//
//   # the interviewer
//   language = kk      # eSpeak NG voice
//   variant  = f3      # eSpeak NG variant (voices/!v), or "none"
//   rate     = 165     # words per minute, 80..450
//   pitch    = 70      # base pitch, 0..100
//   range    = 60      # pitch range, 0..100
//   volume   = 100     # amplitude, 0..200
//   gender   = female  # cast for women ("male": for men); optional

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace dauys {

struct VoiceProfile {
  std::string name;           ///< File stem: "narrator", "interviewee-2".
  std::string language = "kk";
  std::string variant;        ///< Empty for the voice's own sound.
  int rate = 165;             ///< Words per minute.
  int pitch = 50;             ///< 0..100.
  int range = 50;             ///< 0..100.
  int volume = 100;           ///< 0..200.
  std::string gender;         ///< "female", "male" or empty: whom the profile is cast for.
  double speed = 1.0;         ///< Tempo factor from --speed (not in the file).
  /// Where `language` and `variant` were set ("voices/a.voice: line 2: "), for errors
  /// found later, when eSpeak NG is asked for them.
  std::string language_where;
  std::string variant_where;

  /// The eSpeak NG voice name: "kk+f3", or "kk" without a variant.
  std::string EspeakName() const;
  /// One line with every value, for cache keys and logs.
  std::string Describe() const;
};

/// A --speed factor as it is shown and keyed: "1.5".
std::string FormatSpeed(double speed);

/// Parses the text of a profile; `source` names the file in error messages.
Expected<VoiceProfile> ParseVoiceProfile(std::string_view text, std::string name,
                                         const std::string& source);

/// Every `*.voice` file in `dir`, by name. Any malformed file is an Error.
Expected<std::map<std::string, VoiceProfile>> LoadVoiceProfiles(const std::filesystem::path& dir);

/// The interviewee voices in `voices` in pool order: "interviewee", "interviewee-2", ...
std::vector<std::string> IntervieweeVoicePool(const std::map<std::string, VoiceProfile>& voices);
/// Each profile's gender, for the profiles that have one.
std::map<std::string, std::string> VoiceGenders(const std::map<std::string, VoiceProfile>& voices);

}  // namespace dauys

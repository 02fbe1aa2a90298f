#pragma once
// The silences around speech, read from voices/pauses.txt so an editor can tune the
// pacing of a book without rebuilding:
//
//   head               = 0.6    # start of every chapter file, 0.5..1 s
//   after_opening      = 1.2    # after the book's opening (its title and author)
//   after_title        = 0.9    # after the narrator reads the chapter title
//   between_sentences  = 0.15   # added to eSpeak NG's own end-of-sentence pause
//   comma              = 0.0    # added to eSpeak NG's comma pause between the pieces of
//                               # a sentence in two languages (a quotation)
//   between_paragraphs = 0.4
//   between_turns      = 0.7    # when the speaker changes
//   tail               = 2.0    # end of every chapter file, 1..3 s

#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.h"

namespace dauys {

/// Silences placed around speech, in seconds.
struct PauseSettings {
  double head = 0.6;
  double after_opening = 1.2;  ///< After the book's title and author, said at its start.
  double after_title = 0.9;
  double between_sentences = 0.15;
  double comma = 0.0;  ///< Between a quotation in another language and the rest of its sentence.
  double between_paragraphs = 0.4;
  double between_turns = 0.7;
  double tail = 2.0;

  /// Every value in one line, for cache keys.
  std::string Describe() const;
};

Expected<PauseSettings> ParsePauseSettings(std::string_view text, const std::string& source);
Expected<PauseSettings> LoadPauseSettings(const std::filesystem::path& path);

}  // namespace dauys

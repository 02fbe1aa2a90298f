#pragma once
// Where detection gets an article wrong, the editor corrects it in a sidecar file next
// to the input instead of editing the article:
//
//   # texts/interview.kk.txt.toml  (or texts/interview.kk.toml)
//   title = "Орта державалар: сұхбат"
//   date = 2024-03-12      # publication day, for the podcast feed (or "2024-03-12")
//   [speakers]
//   interviewer = { name = "Жанна Жомарт" }
//   guest-1 = { name = "Рүстем Мұстафин", voice = "interviewee-2" }
//   [lines]
//   12 = "interviewer"   # the paragraph on line 12 is the interviewer's
//   18 = "heading"       # line 18 opens a chapter
//   25 = "paragraph"     # line 25 is not a heading
//   7 = { language = "ru" }                     # line 7 is read by the Russian voice
//   9 = { role = "interviewee", language = "en" }
//   [book]
//   epub = true          # also write the EPUB edition, as `build --epub` does
//   web = false          # no read-along page, as `build --no-web`
//   m4b = true           # also write the M4B edition, as `build --m4b` does
//   description = "…"    # the book's description (Audiobookshelf's desc.txt)
//   kind = "article"     # the page is an article, read by the narrator ("interview": not)
//   opening = false      # no spoken title and author at the start of the first chapter
//   author = "…"         # and single_file, announce_speakers, cover (a path from the
//   speed = 1.1          #  sidecar's folder), title, script, year, bitrate, loudness:
//                        #  every setting a book remembers, as its build option
//   voice_quotes = true  # an article's quotes in the quoted voice, as `--voice-quotes`
//   [lexicon]            # this book's pronunciations, over voices/lexicon.txt
//   "Тоқаев" = "Тоқайев"
//   "Name" = "[[n'eIm]]" # eSpeak NG phonemes
//
// Line values: "heading", "paragraph", "narrator", "interviewer", "interviewee", or a
// table with `role` (one of those) and/or `language` ("kk", "ru", "en").
// Speaker keys: a speaker id from `dauys plan` (narrator, interviewer, guest-1, or a
// name's id such as erlan-sakenov; see text/speaker_ids.h), a role name (the first
// speaker with that role), or an old number (s2), taken with a warning.

#include "text/page_kind.h"
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "text/script.h"
#include "util/error.h"

namespace dauys {

enum class LineOverride { kHeading, kParagraph, kNarrator, kInterviewer, kInterviewee };

struct SpeakerOverride {
  std::optional<std::string> name;
  std::optional<std::string> voice;
  std::optional<std::string> gender;  ///< "female" or "male": cast onto a profile of it.
};

struct Overrides {
  std::string source;  ///< The sidecar's path, for messages; empty when there is none.
  std::optional<std::string> title;
  std::optional<std::string> date;                   ///< "YYYY-MM-DD", a real day.
  std::map<int, LineOverride> lines;                 ///< By input line (1-based).
  std::map<int, std::string> languages;              ///< "kk", "ru", "en" by input line.
  std::map<std::string, SpeakerOverride> speakers;   ///< By speaker id or role name.
  std::optional<bool> epub;  ///< [book] epub: the EPUB edition without --epub.
  std::optional<bool> web;   ///< [book] web = false: no read-along page, as --no-web.
  std::optional<bool> m4b;   ///< [book] m4b: the M4B edition without --m4b.
  std::optional<bool> voice_quotes;  ///< [book] voice_quotes: an article's quotes voiced without --voice-quotes.
  std::optional<std::string> description;  ///< [book] description, for desc.txt.
  std::optional<PageKind> page_kind;  ///< [book] kind: "interview" or "article", as the editor decides.
  /// The rest of [book]: settings a book remembers, each as its build option gives it
  /// (`single_file = true` as --single-file). Their types are checked here; their
  /// ranges by the command line, whose options they are (cli::SidecarSettings).
  std::optional<bool> single_file, announce_speakers, opening;
  std::optional<std::string> author, cover, script;  ///< `cover` as written.
  std::optional<int64_t> year, bitrate;
  std::optional<double> speed, loudness;
  std::map<std::string, int> book_at;  ///< The sidecar line of each [book] key (and "title").
  /// [lexicon]: (written, spoken) in the order written, over voices/lexicon.txt.
  std::vector<std::pair<std::string, std::string>> lexicon;
  /// Where each entry stands in the sidecar, for messages about what it names: the
  /// sidecar line of each [lines] entry (by input line), each speaker and each voice.
  std::map<int, int> line_at;
  std::map<std::string, int> speaker_at;
  std::map<std::string, int> voice_at;

  /// "SIDECAR: line N: " for the sidecar line `at` (without the line when 0).
  std::string Where(int at) const;
};

/// Parses sidecar TOML text; errors name `source`, the line and the column.
Expected<Overrides> ParseOverrides(std::string_view text, const std::string& source);

/// The sidecar of `input`: `<input>.toml`, else `<input minus .txt>.toml`, else none.
std::optional<std::filesystem::path> FindOverridesFile(const std::filesystem::path& input);

/// Reads the sidecar at `path`.
Expected<Overrides> LoadOverrides(const std::filesystem::path& path);

/// Applies title, speaker and language overrides to a segmented script. An id or role that the
/// script does not have, a line override for a line without a paragraph, or (when
/// `voices` lists the profiles there are) a voice not among `voices` is an Error
/// naming the sidecar and its line. Returns the warnings for the user (speakers named
/// by an old number), each naming the sidecar and its line.
Expected<std::vector<std::string>> ApplyOverrides(const Overrides& overrides, Script& script, const std::vector<std::string>& voices = {});

}  // namespace dauys

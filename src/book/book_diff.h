#pragma once
// What a build changes in a book folder, and why. book.json records, for every file a
// build published, the recipe of its bytes (PlannedFile) and the hash of the bytes;
// comparing a new plan's recipes with those records and with the files on disk says,
// before anything is made, which files a build will write, retag, rename or remove
// (--dry-run). After a build, the same comparison gives the reasons for what the
// publisher actually did (--explain), so the two lists can be checked against each
// other.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dauys {

struct BookPlan;
struct PlannedSegment;
struct Script;

/// What the book.json in a folder says an earlier build made.
struct EarlierBook {
  struct File {
    std::string recipe, hash;       ///< PlannedFile::recipe; hash of the bytes published.
    std::string audio, audio_hash;  ///< MP3s: audio recipe; hash of the bytes after the tag.
    std::string text;               ///< Subtitles, playlist: PlannedFile::text.
    std::map<std::string, std::string> tags;
  };
  struct Chapter {
    int number = 0;
    std::string title;
    std::vector<std::string> files;
  };
  bool found = false;  ///< A readable book.json was there.
  std::string input;   ///< The file name of the input it was made from ("" before dauys recorded it).
  /// Where that input was (BookOptions::source_path; "" before dauys recorded it), the
  /// hash of its text at the latest build and at the first build of this book.
  std::string source_path, source_hash, first_source_hash;
  /// book.json's first_built as written ("" when it is not a string); nullopt: none.
  std::optional<std::string> first_built;
  std::map<std::string, File> files;  ///< Files with a recorded recipe.
  std::vector<Chapter> chapters;
  std::vector<std::string> listed;    ///< Every file book.json lists (chapter files, single file),
                                      ///< and the journal's leftovers.
  std::vector<std::string> leftovers; ///< What a build that did not finish was publishing.
  std::map<std::string, std::string> spoken;   ///< Sentence as written → as spoken.
  std::map<std::string, std::string> voices;   ///< Speaker → hash of its voice.
  std::map<std::string, std::vector<std::string>> segments;  ///< Chapter MP3 → its segment keys.
  std::string recipe;  ///< book.json's own recipe.
  std::string pauses;
  int bitrate = 0;
  double loudness = 0;
  double seconds = 0;
};

/// Reads book.json in `dir` (not through a link); an absent or unreadable one gives
/// `found == false`. Only names a build of this book could write (IsBookFileName, the
/// slug being the folder's name) are listed.
EarlierBook ReadEarlierBook(const std::filesystem::path& dir);

/// Content hashes of a file ("xxh128:…"): of all its bytes and, for an MP3, of those
/// after its ID3v2 tag (the audio), so a retag can be told from new audio.
struct DiskState {
  std::string hash;
  std::string audio_hash;  ///< MP3s only.
};

/// One change to one file.
struct FileChange {
  enum class Action { kWrite, kRetag, kRename, kRemove };
  Action action = Action::kWrite;
  std::string name;    ///< The file (for a rename, its new name).
  std::string from;    ///< A rename's old name.
  std::string reason;  ///< "new text", "tag changed: title, track count", "file missing", ...
  int chapter = 0;     ///< Its chapter's number (an earlier build's, for a removal); 0: book-wide.
  /// Only the timings changed, which are known once the segments are made: the file
  /// is rewritten only if its rounded times differ.
  bool uncertain = false;
};

/// "write 03-a.mp3: new text", "rename 04-b.mp3 → 03-b.mp3: tag changed: track".
std::string Describe(const FileChange& change);

/// Why segment `s` must be made: "new text", "spoken form changed", "voice changed",
/// "pauses changed", "bitrate changed", "loudness changed", "pause around it changed"
/// (the sentence moved to or from the end of a paragraph or chapter), or "not in cache"
/// (the earlier build had it).
std::string SegmentReason(const PlannedSegment& s, const BookPlan& plan, const EarlierBook& earlier);
/// "synthesize chapter 3, line 11 (new text): Қазір немен шұғылданасыз?"
std::string DescribeSynthesis(const PlannedSegment& s, const std::string& reason);

/// The changes a build of `plan` makes to a folder holding `earlier`, `disk` giving
/// each planned or listed file's current state (nullopt: missing). Writes, retags and
/// renames come in plan order, removals last.
using DiskLookup = std::function<std::optional<DiskState>(const std::string& name, bool mp3)>;
std::vector<FileChange> DiffBook(const BookPlan& plan, const EarlierBook& earlier, const DiskLookup& disk);

}  // namespace dauys

#pragma once
// Helpers shared by the tests: temporary folders, running dauys and the independent
// readers (ffmpeg, mutagen, mp3val), and decoding MP3 files to PCM.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "book/book_plan.h"
#include "text/lexicon.h"
#include "text/script.h"

namespace dauys {
class SpeechEngine;
}

namespace dauys::test {

/// voices/lexicon.txt of the source tree, loaded once.
const Lexicon& BundledLexicon();

/// The plan a build makes of `script` with the source tree's voices and lexicon (the
/// voices stay loaded for the plan's segments to point into).
BookPlan PlanWithBundledVoices(const Script& script);
/// The same with `engine` (a process keeps one eSpeak NG engine for all its work).
BookPlan PlanWithBundledVoices(const Script& script, const SpeechEngine& engine);

/// A fresh folder under the system temp folder, removed with its content on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs a shell command, capturing stdout and stderr; stdin is /dev/null.
CommandResult Run(const std::string& command);
/// Quotes for /bin/sh.
std::string Quote(const std::string& s);
/// Runs build/dauys with `args` (already quoted).
CommandResult RunDauys(const std::string& args);

/// Writes `bytes` to `path`, creating folders.
void WriteFile(const std::filesystem::path& path, const std::string& bytes);
std::string ReadFile(const std::filesystem::path& path);

/// Decodes an MP3 with ffmpeg to 16-bit mono samples. Fails the test on any message
/// ffmpeg prints at level "error".
std::vector<int16_t> DecodeMp3(const std::filesystem::path& path);
/// mutagen's view of the ID3 frames of `path` (see tools/read_tags.py).
nlohmann::json ReadTags(const std::filesystem::path& path);

/// Python's zipfile and XML parsers' view of an EPUB (see tools/read_epub.py).
nlohmann::json ReadEpub(const std::filesystem::path& path);
/// EPUBCheck's JSON report on `path` (Debian's epubcheck 4.2).
nlohmann::json EpubCheck(const std::filesystem::path& path);
/// EPUBCheck's messages of severity ERROR, FATAL or WARNING, one per line ("" when none).
std::string EpubCheckProblems(const nlohmann::json& report);

/// Starts (seconds) of speech after at least 60 ms of near-silence, in 5 ms frames of
/// 22050 Hz samples.
std::vector<double> SpeechOnsets(const std::vector<int16_t>& pcm);

/// Median fundamental frequency (Hz) of voiced frames in samples[begin, end), by
/// normalized autocorrelation; 0 when nothing is voiced.
double MedianF0(const std::vector<int16_t>& samples, size_t begin, size_t end, int rate = 22050);

std::filesystem::path SourceDir();
std::filesystem::path BundledInterview();
/// The bundled interview rendered with DAUYS_E2E_ARGS (--year 2024 --single-file --epub
/// --cover tests/data/cover.png --web): by the ctest fixture render_bundled_interview, or
/// here when the test binary runs on its own.
const std::filesystem::path& BundledBook();

/// The number of segment entries (*.seg) in a cache folder, 0 when there is none.
size_t CacheEntries(const std::filesystem::path& cache);

}  // namespace dauys::test

#include "test_util.h"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "speech/speech_engine.h"
#include "speech/voice_profile.h"
#include "text/normalizer.h"

#include <catch2/catch.hpp>

namespace dauys::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("dauys-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

CommandResult Run(const std::string& command) {
  TempDir dir;
  fs::path out = dir / "out", err = dir / "err";
  std::string full = "(" + command + ") <" + "/dev/null >" + Quote(out.string()) + " 2>" + Quote(err.string());
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

CommandResult RunDauys(const std::string& args) {
  return Run(Quote(DAUYS_BINARY) + " " + args);
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::vector<int16_t> DecodeMp3(const fs::path& path) {
  TempDir dir;
  fs::path raw = dir / "pcm.raw";
  CommandResult r = Run("ffmpeg -nostdin -v error -i " + Quote(path.string()) +
                        " -f s16le -acodec pcm_s16le -ac 1 " + Quote(raw.string()));
  INFO("ffmpeg decoding " << path << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.err.empty());
  std::string bytes = ReadFile(raw);
  std::vector<int16_t> samples(bytes.size() / 2);
  std::memcpy(samples.data(), bytes.data(), samples.size() * 2);
  return samples;
}

nlohmann::json ReadTags(const fs::path& path) {
  CommandResult r = Run("/usr/bin/python3 " + Quote((SourceDir() / "tests/tools/read_tags.py").string()) +
                        " " + Quote(path.string()));
  INFO("mutagen: " << r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out).at(path.string());
}

nlohmann::json ReadEpub(const fs::path& path) {
  CommandResult r = Run("/usr/bin/python3 " + Quote((SourceDir() / "tests/tools/read_epub.py").string()) + " " +
                        Quote(path.string()));
  INFO("read_epub.py: " << r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

nlohmann::json EpubCheck(const fs::path& path) {
  TempDir dir;
  const fs::path json = dir / "epubcheck.json";
  CommandResult r = Run("java -jar /usr/share/java/epubcheck.jar " + Quote(path.string()) + " --json " +
                        Quote(json.string()));
  INFO("epubcheck " << path << ": " << r.out << r.err);
  nlohmann::json report = nlohmann::json::parse(fs::exists(json) ? ReadFile(json) : "", nullptr, false);
  REQUIRE(report.is_object());
  REQUIRE(report.contains("messages"));
  return report;
}

std::string EpubCheckProblems(const nlohmann::json& report) {
  std::string out;
  for (const nlohmann::json& m : report["messages"]) {
    const std::string severity = m.value("severity", "");
    if (severity != "ERROR" && severity != "FATAL" && severity != "WARNING") continue;
    out += severity + " " + m.value("ID", "") + ": " + m.value("message", "");
    for (const nlohmann::json& at : m.value("locations", nlohmann::json::array())) {
      out += " [" + at.value("path", "") + ":" + std::to_string(at.value("line", 0)) + "]";
    }
    out += "\n";
  }
  return out;
}

std::vector<double> SpeechOnsets(const std::vector<int16_t>& pcm) {
  const size_t frame = 110;
  std::vector<double> onsets;
  int quiet_frames = 0;
  for (size_t f = 0; f + frame <= pcm.size(); f += frame) {
    double energy = 0;
    for (size_t i = 0; i < frame; ++i) energy += double(pcm[f + i]) * pcm[f + i];
    double rms = std::sqrt(energy / frame);
    if (rms < 150) {
      ++quiet_frames;
    } else {
      if (rms > 400 && quiet_frames >= 12) onsets.push_back(double(f) / 22050.0);
      if (rms > 400) quiet_frames = 0;
    }
  }
  return onsets;
}

double MedianF0(const std::vector<int16_t>& samples, size_t begin, size_t end, int rate) {
  const size_t frame = static_cast<size_t>(rate) * 40 / 1000;
  const size_t hop = static_cast<size_t>(rate) * 10 / 1000;
  const size_t min_lag = static_cast<size_t>(rate / 400), max_lag = static_cast<size_t>(rate / 60);
  end = std::min(end, samples.size());
  std::vector<double> f0s;
  for (size_t start = begin; start + frame + max_lag < end; start += hop) {
    double energy = 0;
    for (size_t i = 0; i < frame; ++i) energy += double(samples[start + i]) * samples[start + i];
    if (energy / frame < 500.0 * 500.0) continue;  // silence or very quiet
    double best = 0;
    size_t best_lag = 0;
    for (size_t lag = min_lag; lag <= max_lag; ++lag) {
      double num = 0, e1 = 0, e2 = 0;
      for (size_t i = 0; i < frame; ++i) {
        double a = samples[start + i], b = samples[start + i + lag];
        num += a * b;
        e1 += a * a;
        e2 += b * b;
      }
      double r = num / std::sqrt(e1 * e2 + 1e-9);
      if (r > best) {
        best = r;
        best_lag = lag;
      }
    }
    if (best > 0.6 && best_lag > 0) f0s.push_back(double(rate) / best_lag);
  }
  if (f0s.empty()) return 0;
  std::nth_element(f0s.begin(), f0s.begin() + f0s.size() / 2, f0s.end());
  return f0s[f0s.size() / 2];
}

fs::path SourceDir() { return DAUYS_SOURCE_DIR; }
fs::path BundledInterview() { return SourceDir() / "texts/interview-un-middle-powers.kk.txt"; }

const fs::path& BundledBook() {
  static const fs::path book = fs::path(DAUYS_E2E_DIR) / "interview-un-middle-powers";
  if (!fs::exists(book / "book.json")) {
    CommandResult r = RunDauys("build " + Quote(BundledInterview().string()) + " -o " + Quote(DAUYS_E2E_DIR) +
                               " " DAUYS_E2E_ARGS);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  return book;
}

size_t CacheEntries(const std::filesystem::path& cache) {
  size_t n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(cache, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    n += it->path().extension() == ".seg" ? 1 : 0;
  }
  return n;
}

const Lexicon& BundledLexicon() {
  static const Lexicon lexicon = [] {
    Expected<Lexicon> l = Lexicon::Load(SourceDir() / "voices/lexicon.txt");
    REQUIRE(l.ok());
    return *l;
  }();
  return lexicon;
}

BookPlan PlanWithBundledVoices(const Script& script, const SpeechEngine& engine) {
  static const std::map<std::string, VoiceProfile> voices = [] {
    Expected<std::map<std::string, VoiceProfile>> v = LoadVoiceProfiles(SourceDir() / "voices");
    REQUIRE(v.ok());
    return *v;
  }();
  Normalizer normalizer(BundledLexicon());
  Expected<BookPlan> plan = PlanBook(script, voices, normalizer, engine, BookOptions{});
  REQUIRE(plan.ok());
  return std::move(*plan);
}

BookPlan PlanWithBundledVoices(const Script& script) {
  Expected<std::unique_ptr<SpeechEngine>> engine = SpeechEngine::Open();
  REQUIRE(engine.ok());
  return PlanWithBundledVoices(script, **engine);
}

}  // namespace dauys::test

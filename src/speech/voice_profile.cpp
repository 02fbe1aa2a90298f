#include "speech/voice_profile.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "util/atomic_file.h"
#include "util/key_value.h"
#include "util/unicode.h"

namespace dauys {

namespace fs = std::filesystem;

std::string VoiceProfile::EspeakName() const {
  return variant.empty() ? language : language + "+" + variant;
}

std::string VoiceProfile::Describe() const {
  return "language=" + language + " variant=" + variant + " rate=" + std::to_string(rate) +
         " pitch=" + std::to_string(pitch) + " range=" + std::to_string(range) +
         " volume=" + std::to_string(volume) + (speed == 1.0 ? "" : " speed=" + FormatSpeed(speed));
}

std::string FormatSpeed(double speed) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", speed);
  return buf;
}

namespace {

bool ValidToken(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
  });
}

}  // namespace

Expected<VoiceProfile> ParseVoiceProfile(std::string_view text, std::string name,
                                         const std::string& source) {
  VoiceProfile profile;
  profile.name = std::move(name);
  profile.language_where = profile.variant_where = source + ": ";
  struct IntKey {
    const char* key;
    int* field;
    int min, max;
  };
  const IntKey int_keys[] = {{"rate", &profile.rate, 80, 450},
                             {"pitch", &profile.pitch, 0, 100},
                             {"range", &profile.range, 0, 100},
                             {"volume", &profile.volume, 0, 200}};
  Expected<std::vector<KeyValue>> entries = ParseKeyValues(text, source);
  if (!entries) return entries.error();
  for (const KeyValue& kv : *entries) {
    const std::string where = Where(source, kv.line);
    if (kv.key == "language") {
      if (!ValidToken(kv.value)) return Error{where + "invalid language '" + Printable(kv.value) + "'"};
      profile.language = kv.value;
      profile.language_where = where;
      continue;
    }
    if (kv.key == "gender") {
      if (kv.value != "female" && kv.value != "male") {
        return Error{where + "'gender' must be female or male, got '" + Printable(kv.value) + "'"};
      }
      profile.gender = kv.value;
      continue;
    }
    if (kv.key == "variant") {
      if (!ValidToken(kv.value)) return Error{where + "invalid variant '" + Printable(kv.value) + "'"};
      profile.variant = kv.value == "none" ? "" : kv.value;
      profile.variant_where = where;
      continue;
    }
    const IntKey* match = nullptr;
    for (const IntKey& k : int_keys) {
      if (kv.key == k.key) match = &k;
    }
    if (!match) {
      return Error{where + "unknown key '" + Printable(kv.key) + "' (known: language, variant, rate, pitch, range, volume, gender)"};
    }
    int v = 0;
    auto [ptr, ec] = std::from_chars(kv.value.data(), kv.value.data() + kv.value.size(), v);
    if (ec != std::errc() || ptr != kv.value.data() + kv.value.size()) {
      return Error{where + "'" + kv.key + "' must be a whole number, got '" + Printable(kv.value) + "'"};
    }
    if (v < match->min || v > match->max) {
      return Error{where + "'" + kv.key + "' must be between " + std::to_string(match->min) + " and " +
                   std::to_string(match->max) + ", got " + kv.value};
    }
    *match->field = v;
  }
  return profile;
}

Expected<std::map<std::string, VoiceProfile>> LoadVoiceProfiles(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Error{dir.string() + ": voice folder not found"};
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".voice") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, VoiceProfile> voices;
  for (const fs::path& file : files) {
    Expected<std::string> text = ReadWholeFile(file);
    if (!text) return text.error();
    Expected<VoiceProfile> profile = ParseVoiceProfile(*text, file.stem().string(), file.string());
    if (!profile) return profile.error();
    voices.emplace(profile->name, *profile);
  }
  for (const char* required : {"narrator", "interviewer", "interviewee"}) {
    if (!voices.count(required)) {
      return Error{(dir / (std::string(required) + ".voice")).string() +
                   ": missing; every book needs a narrator, interviewer and interviewee voice"};
    }
  }
  return voices;
}

std::vector<std::string> IntervieweeVoicePool(const std::map<std::string, VoiceProfile>& voices) {
  std::vector<std::pair<int, std::string>> pool;
  for (const auto& [name, profile] : voices) {
    if (name == "interviewee") {
      pool.emplace_back(1, name);
    } else if (name.rfind("interviewee-", 0) == 0) {
      int n = 0;
      std::string_view digits = std::string_view(name).substr(12);
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      if (ec == std::errc() && ptr == digits.data() + digits.size()) pool.emplace_back(n, name);
    }
  }
  std::sort(pool.begin(), pool.end());
  std::vector<std::string> names;
  for (auto& [n, name] : pool) names.push_back(name);
  return names;
}

std::map<std::string, std::string> VoiceGenders(const std::map<std::string, VoiceProfile>& voices) {
  std::map<std::string, std::string> genders;
  for (const auto& [name, profile] : voices) {
    if (!profile.gender.empty()) genders[name] = profile.gender;
  }
  return genders;
}

}  // namespace dauys

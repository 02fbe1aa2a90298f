#include "text/speaker_ids.h"

#include <set>

#include "text/script.h"
#include "text/slug.h"

namespace dauys {

namespace {

/// The id a speaker's own name gives, or "" for an unnamed speaker (or a name with
/// no letter that has a Latin form).
std::string NameId(const Speaker& s, const std::function<std::string(std::string_view)>& as_cyrillic) {
  if (s.role == Role::kNarrator || s.name.empty()) return "";
  return Slugify(as_cyrillic ? as_cyrillic(s.name) : s.name, 48, "");
}

/// "s3" → 3; 0 for anything else.
size_t OldNumber(std::string_view key) {
  if (key.size() < 2 || key.size() > 7 || key[0] != 's' || key[1] == '0') return 0;
  size_t n = 0;
  for (char c : key.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return n;
}

}  // namespace

void AssignSpeakerIds(std::vector<Speaker>& speakers,
                      const std::function<std::string(std::string_view)>& as_cyrillic) {
  std::set<std::string> taken;
  std::vector<std::string> named(speakers.size());
  for (size_t i = 0; i < speakers.size(); ++i) {
    named[i] = NameId(speakers[i], as_cyrillic);
    if (!named[i].empty()) speakers[i].id = UniqueSlug(named[i], taken);
  }
  int guests = 0;
  for (size_t i = 0; i < speakers.size(); ++i) {
    if (!named[i].empty()) continue;
    Speaker& s = speakers[i];
    const std::string base = s.role == Role::kInterviewee ? "guest-" + std::to_string(++guests) : RoleName(s.role);
    s.id = UniqueSlug(base, taken);
  }
}

std::string NumberedSpeakerId(size_t index) { return "s" + std::to_string(index + 1); }

std::optional<SpeakerKeyMatch> FindSpeakerByKey(const Script& script, std::string_view key) {
  for (size_t i = 0; i < script.speakers.size(); ++i) {
    if (script.speakers[i].id == key) return SpeakerKeyMatch{i, false};
  }
  if (std::optional<Role> role = ParseRole(key)) {
    for (size_t i = 0; i < script.speakers.size(); ++i) {
      if (script.speakers[i].role == *role) return SpeakerKeyMatch{i, false};
    }
  }
  const size_t number = OldNumber(key);
  if (number >= 1 && number <= script.speakers.size()) return SpeakerKeyMatch{number - 1, true};
  return std::nullopt;
}

std::string QuotedSpeakerIds(const Script& script) {
  std::string out;
  for (const Speaker& s : script.speakers) out += (out.empty() ? "\"" : ", \"") + s.id + "\"";
  return out;
}

}  // namespace dauys

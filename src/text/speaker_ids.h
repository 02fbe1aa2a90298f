#pragma once
// A sidecar names speakers by their id, so an id must stay with its person when an
// edit or a line override changes the turns around them: it comes from the speaker
// alone (the name in Latin letters, else the role), never from where they first speak
// among the others. Older dauys numbered speakers in order of first turn (s1, s2, ...);
// such a number still finds its speaker, with a warning naming the id to write instead.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dauys {

struct Script;
struct Speaker;

/// Gives every speaker its id: a named one the slug of the name ("erlan-sakenov"),
/// else "narrator", "interviewer", or "guest-1", "guest-2", ... for the unnamed
/// interviewees in their order in `speakers`. Two speakers that would share an id get
/// "-2", "-3", ...; named speakers are served first, so a name's id never depends on
/// the unnamed. `as_cyrillic` (if given) makes a name Cyrillic first, so a text in the
/// Latin or Arabic script gives the ids its Cyrillic twin does.
void AssignSpeakerIds(std::vector<Speaker>& speakers,
                      const std::function<std::string(std::string_view)>& as_cyrillic = nullptr);

/// The id the speaker at `index` had when ids were numbers: "s1" for the first.
std::string NumberedSpeakerId(size_t index);

/// The speaker a sidecar key names: its id, a role name (the first speaker with that
/// role), or an old number ("s3", `numbered` set).
struct SpeakerKeyMatch {
  size_t index = 0;
  bool numbered = false;
};
std::optional<SpeakerKeyMatch> FindSpeakerByKey(const Script& script, std::string_view key);

/// `"narrator", "interviewer", "erlan-sakenov"`: every id, quoted, for messages.
std::string QuotedSpeakerIds(const Script& script);

}  // namespace dauys

#pragma once
// The structure of an interview as dauys will speak it: who speaks, in which chapter,
// in which order. Segmentation produces it, `dauys plan` prints it, and the book
// builder renders exactly it, so an editor can check the plan before any audio exists.

#include <map>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/role_model.h"

namespace dauys {

/// kQuoted is the voice an article's direct quotes are read in (--voice-quotes): it
/// owns no turn, only pieces of the narrator's paragraphs (Paragraph::runs).
enum class Role { kNarrator, kInterviewer, kInterviewee, kQuoted };

/// "narrator", "interviewer", "interviewee" or "quoted": the names used in plans and
/// overrides (ParseRole knows the first three only: no line is the quoted speaker's).
const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct Speaker {
  /// "narrator", "interviewer", "guest-1", or the name in Latin letters ("erlan-sakenov"):
  /// how sidecars name the speaker, the same whatever the turns (text/speaker_ids.h).
  std::string id;
  Role role = Role::kNarrator;
  std::string name;   ///< Empty when the text does not name the speaker.
  std::string voice;  ///< Name of a profile in voices/ ("narrator", "interviewee-2", ...).
  std::string gender;  ///< "female", "male", or empty when nothing tells (see text/gender.h).
};

/// A piece of a paragraph and whether the quoted speaker says it.
struct TextRun {
  std::string text;  ///< As written; the pieces of a paragraph join to its text.
  bool quoted = false;
};

struct Paragraph {
  int line = 0;      ///< Line of the input the paragraph starts on.
  std::string text;  ///< Without the turn marker or label.
  /// The paragraph opened with a dash (the marker `text` no longer has): in an article,
  /// quoted speech.
  bool dash = false;
  /// With --voice-quotes, an article's paragraph cut into its direct quotes and the
  /// narration around them (text/quotes.h); empty: all of `text` in the turn's voice.
  std::vector<TextRun> runs;
};

/// Consecutive paragraphs of one speaker.
struct Turn {
  size_t speaker = 0;  ///< Index into Script::speakers.
  Role role = Role::kNarrator;
  std::vector<Paragraph> paragraphs;
  /// The evidence that decided the speaker ("dash", "ends with ?", "alternation").
  std::vector<std::string> why;
  /// With --announce-speakers: the name the narrator says before the turn.
  std::optional<std::string> announcement;
};

struct Chapter {
  int number = 0;                      ///< 1-based.
  std::string title;                   ///< Never empty; read by the narrator first.
  std::optional<std::string> heading;  ///< The heading as written, when the chapter has one.
  int line = 0;                        ///< Line of the heading, or of the first paragraph.
  std::vector<Turn> turns;
};

/// A line with nothing to speak (page furniture, a view counter), reported rather
/// than read in someone's voice.
struct SkippedLine {
  int line = 0;
  std::string text;
  std::string reason;  ///< "no words", "page furniture"
};

/// The numbers the who-speaks decisions are made from, for `dauys plan --features` and
/// `scripts/fit-roles`: the page's features, and each unit's (its input line and text)
/// features of every step of the role decoder, index 3 × previous role + role.
struct UnitFeatures {
  int line = 0;
  std::string text;
  std::array<std::optional<FeatureVector>, 9> steps;
};
struct ModelFeatures {
  FeatureVector page;
  std::vector<UnitFeatures> units;
};

struct Script {
  std::optional<std::string> title;  ///< The headline, when the text has one.
  int title_line = 0;                 ///< Its input line (0 without a headline).
  /// What the narrator says before the first chapter: the book's title and author
  /// (book/opening); none when the book has no opening.
  std::optional<std::string> opening;
  std::vector<SkippedLine> skipped;
  std::vector<Speaker> speakers;
  std::vector<Chapter> chapters;
  /// "kk", "ru" or "en" by input line, from the sidecar; a paragraph not listed has each
  /// sentence's language detected.
  std::map<int, std::string> languages;
  /// "interview" or "article" (read by the narrator alone), and why.
  std::string page_kind = "interview";
  std::vector<std::string> page_kind_why;
  /// Kept only when SegmentOptions::keep_features asks.
  std::optional<ModelFeatures> features;
  /// The sidecar's own pronunciations ([lexicon]: written, spoken), said over the voice
  /// folder's lexicon.
  std::vector<std::pair<std::string, std::string>> lexicon;

  /// The language the sidecar sets for the paragraph on `line`, or empty.
  std::string LanguageOf(int line) const;
  /// The speaker of `role` with the lowest index, or nullptr.
  const Speaker* FirstWithRole(Role role) const;
};

/// The `dauys plan --json` document (see README for the contract).
std::string PlanJson(const Script& script);

/// `script.features` as one JSON object: {"page": {name: value}, "units": [{"line",
/// "text", "steps": [9 × ({name: value} or null)]}]}, with the feature names of
/// role_model.h.
std::string FeaturesJson(const Script& script);
/// The readable outline `dauys plan` prints: chapters, then each turn with its speaker
/// and first words; with `why`, the evidence that decided each speaker.
std::string PlanOutline(const Script& script, bool why = false);

}  // namespace dauys

#pragma once
// Finds the structure of a newspaper interview: the headline, the narrator's lead,
// section headings that open chapters, the turns of interviewer and interviewees
// (however the paper marks them), the closing thanks and the byline.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "text/overrides.h"
#include "text/reader.h"
#include "text/gender.h"
#include "text/page_kind.h"
#include "text/script.h"
#include "text/word_lists.h"

namespace dauys {

struct SegmentOptions {
  /// Voice profile names given to interviewees in order of first appearance; the list
  /// wraps around when there are more interviewees than profiles.
  std::vector<std::string> interviewee_voices = {"interviewee"};
  /// Title of the first chapter when the text has no headline ("Introduction").
  std::string lead_title = "Кіріспе";
  /// The editor's corrections by input line (see overrides.h).
  std::map<int, LineOverride> line_overrides;
  /// A unit's text as Kazakh Cyrillic (a Latin- or Arabic-script page made Cyrillic),
  /// read for the evidence of who speaks: question words, «сіз», thanks. Null reads
  /// the text as written. Names and the plan keep the text as written.
  std::function<std::string(std::string_view)> as_cyrillic;
  /// Each voice profile's gender ("interviewee-2" -> "female") and the first names
  /// whose gender is known: interviewees are cast onto profiles of their gender.
  std::map<std::string, std::string> voice_genders;
  NameGenders names;
  /// The sidecar's genders by speaker id ("s3") or role ("interviewee").
  std::map<std::string, std::string> speaker_genders;
  /// The sidecar's `[book] kind`: the page's kind as the editor decided it.
  std::optional<PageKind> page_kind;
  /// The words that tell who speaks: titles, byline verbs, words of talking, reporting
  /// and address, a TV script's labels (voices/words.txt).
  WordLists words = WordLists::BuiltIn();
  /// The weights of the role decoder and the page-kind decision (voices/roles.weights).
  RoleModel model = RoleModel::HandSet();
  /// An article's direct quotes read by a quoted speaker of their own (text/quotes.h),
  /// in the profile `quoted_voice`; an interview is not changed by it.
  bool voice_quotes = false;
  std::string quoted_voice = "quoted";
  /// Keep the numbers the decisions were made from in `Script::features`.
  bool keep_features = false;
};

/// Segments a read document. Pure: same document, same script. Every paragraph of the
/// document lands in exactly one turn or is a heading or the headline.
Script SegmentInterview(const Document& doc, const SegmentOptions& options = {});

/// Replaces Latin look-alike letters (a, e, i, o, p, c, x, y and capitals) inside words
/// that are otherwise Cyrillic with their Kazakh Cyrillic forms, as old scanned and
/// hand-typed texts need.
std::string RepairLookAlikes(std::string_view text);

}  // namespace dauys

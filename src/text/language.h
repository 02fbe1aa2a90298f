#pragma once
// Kazakh pages quote Russian and English: a Russian header line, a Russian quotation,
// an English sentence, a Russian saying. eSpeak NG's Kazakh voice reads them badly, so
// each sentence's language is decided by a language identifier (CLD2), or from
// evidence (letters only Kazakh has, function words of each language) where the text
// is too short for it, and a foreign sentence is spoken by eSpeak NG's Russian or
// English voice, with the speaker's variant, pitch and loudness.

#include <string>
#include <string_view>
#include <vector>

namespace dauys {

/// "kk", "ru" or "en": CLD2's answer when it is sure (a sentence of some length, most
/// of it in one language), else the evidence below. Latin-script Kazakh is never
/// English.
std::string DetectLanguage(std::string_view sentence);

/// CLD2 (Google's Compact Language Detector 2, libcld2_full): "kk", "ru" or "en" when
/// `text` has 24 letters or more and CLD2 is reliable with 70% of it in that language;
/// "" otherwise.
std::string IdentifiedLanguage(std::string_view text);

/// The fallback for short text. Kazakh unless the evidence says otherwise: a sentence
/// with a letter only Kazakh has (ә ғ қ ң ө ұ ү һ і) or a Kazakh function word is Kazakh;
/// a Cyrillic one of three words or more with two Russian words (function words: и,
/// в, на, что, это, …; or Russian inflections: -ый, -ые, -ются, -ешь, …) and no Kazakh
/// evidence is Russian; a Latin one that does not read as Kazakh Latin and has English
/// function words is English.
std::string DetectLanguageByEvidence(std::string_view sentence);

struct LanguageRun {
  std::string text;      ///< As written.
  std::string language;  ///< "kk", "ru" or "en".
};

/// `sentence` cut where a quotation in another language starts and ends ("Ол: «Я
/// очень рад», – деді." -> Kazakh, Russian, Kazakh), and around an unquoted Russian
/// saying in a Kazakh piece (three words or more that could be Russian, two with
/// Russian evidence, not Kazakh to CLD2), each piece with its language; a piece of
/// marks only joins the one before it. `forced` (from the sidecar) gives every
/// piece one language.
std::vector<LanguageRun> SplitByLanguage(std::string_view sentence, const std::string& forced = "");

/// A foreign sentence as eSpeak NG's voice for it is given it: words, digits and
/// sentence punctuation kept (that voice reads its own numbers), quotes and brackets
/// dropped, dashes a pause.
std::string SpeakAsWritten(std::string_view sentence);

}  // namespace dauys

#pragma once
// Kazakh pages quote Russian and English: a Russian header line, a Russian quotation,
// an English sentence. eSpeak NG's Kazakh voice reads them badly, so each sentence's
// language is decided from evidence (letters only Kazakh has, function words of each
// language) and a foreign sentence is spoken by eSpeak NG's Russian or English voice,
// with the speaker's variant, pitch and loudness.

#include <string>
#include <string_view>
#include <vector>

namespace dauys {

/// "kk", "ru" or "en". Kazakh unless the evidence says otherwise: a sentence with a
/// letter only Kazakh has (ә ғ қ ң ө ұ ү һ і) or a Kazakh function word is Kazakh;
/// a Cyrillic one of three words or more with two Russian words (function words: и,
/// в, на, что, это, …; or Russian inflections: -ый, -ые, -ются, …) and no Kazakh
/// evidence is Russian; a Latin one that does not read as Kazakh Latin and has English
/// function words is English.
std::string DetectLanguage(std::string_view sentence);

struct LanguageRun {
  std::string text;      ///< As written.
  std::string language;  ///< "kk", "ru" or "en".
};

/// `sentence` cut where a quotation in another language starts and ends ("Ол: «Я
/// очень рад», – деді." -> Kazakh, Russian, Kazakh), each piece with its language; a
/// piece of marks only joins the one before it. `forced` (from the sidecar) gives every
/// piece one language.
std::vector<LanguageRun> SplitByLanguage(std::string_view sentence, const std::string& forced = "");

/// A foreign sentence as eSpeak NG's voice for it is given it: words, digits and
/// sentence punctuation kept (that voice reads its own numbers), quotes and brackets
/// dropped, dashes a pause.
std::string SpeakAsWritten(std::string_view sentence);

}  // namespace dauys

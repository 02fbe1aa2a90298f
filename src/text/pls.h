#pragma once
// W3C Pronunciation Lexicon Specification 1.0 (https://www.w3.org/TR/pronunciation-lexicon/),
// the lexicon format DAISY Pipeline and other speech tools share, read and written
// with libxml2. A `voices/*.pls` file beside lexicon.txt adds its entries:
//
//   <lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
//            alphabet="x-espeak-ng" xml:lang="kk">
//     <lexeme><grapheme>ДДСҰ</grapheme><alias>Дүниежүзілік денсаулық сақтау ұйымы</alias></lexeme>
//     <lexeme><grapheme>Name</grapheme><phoneme>n'eIm</phoneme></lexeme>
//   </lexicon>
//
// An <alias> is a respelling, a <phoneme> in eSpeak NG's alphabet ("x-espeak-ng") the
// lexicon's "[[...]]"; the first of them a lexeme has that dauys can speak is taken
// (PLS lists the preferred pronunciation first). Units carry role="dauys:unit".

#include <filesystem>
#include <string>
#include <string_view>

#include "text/lexicon.h"
#include "util/error.h"

namespace dauys {

/// The PLS alphabet name of eSpeak NG's phonemes, as dauys writes it.
inline constexpr const char* kEspeakAlphabet = "x-espeak-ng";
/// The namespace of dauys's lexeme roles (role="dauys:unit").
inline constexpr const char* kDauysPlsNamespace = "urn:dauys:lexicon";

/// Parses a PLS document; errors name `source` and the line.
Expected<Lexicon> ParsePls(std::string_view xml, const std::string& source);
/// Reads the PLS file at `path`.
Expected<Lexicon> ReadPlsFile(const std::filesystem::path& path);
/// `lexicon` as a PLS document (UTF-8, one lexeme per entry).
std::string WritePls(const Lexicon& lexicon);

}  // namespace dauys

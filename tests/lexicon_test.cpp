// The pronunciation lexicon as a newsreader needs it: a respelled name keeps the endings
// written on to it, lower-case entries match at a sentence start, eSpeak NG phonemes
// pass through untouched, a book adds its own entries in its sidecar, and W3C PLS
// lexicons are read and written.
#include "text/lexicon.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "book/book_plan.h"
#include "speech/speech_engine.h"
#include "speech/voice_profile.h"
#include "test_util.h"
#include "text/normalizer.h"
#include "text/overrides.h"
#include "text/pls.h"
#include "text/reader.h"
#include "text/segmenter.h"

using namespace dauys;
namespace fs = std::filesystem;

namespace {

Lexicon Parsed(const std::string& text) {
  Expected<Lexicon> l = Lexicon::Parse(text, "test lexicon");
  REQUIRE(l.ok());
  return *l;
}


}  // namespace

TEST_CASE("a respelled name keeps every case ending as it was written", "[lexicon]") {
  Lexicon lexicon = Parsed("[words]\nТоқаев = Тоқайев\n");
  Normalizer n(lexicon);
  CHECK(n.Normalize("Тоқаев келді.") == "Тоқайев келді.");
  CHECK(n.Normalize("Тоқаевқа хат жазды.") == "Тоқайевқа хат жазды.");
  CHECK(n.Normalize("Тоқаевтың сөзі") == "Тоқайевтың сөзі");
  CHECK(n.Normalize("Тоқаевпен кездесті") == "Тоқайевпен кездесті");
  CHECK(n.Normalize("Тоқаевты көрдім") == "Тоқайевты көрдім");
  CHECK(n.Normalize("Тоқаевтар әулеті") == "Тоқайевтар әулеті");
  CHECK(n.Normalize("Тоқаевтан сұрады") == "Тоқайевтан сұрады");
  CHECK(n.Normalize("Тоқаевқа, Тоқаевқа") == "Тоқайевқа, Тоқайевқа");
}

TEST_CASE("a respelling with a front vowel keeps the back endings written", "[lexicon]") {
  // Harmony with the respelling would say «Тоқайевке», «Путиинбен».
  Lexicon lexicon = Parsed("Тоқаев = Тоқайев\nПутин = Путиин\n");
  Normalizer n(lexicon);
  CHECK(n.Normalize("Тоқаевқа") == "Тоқайевқа");
  CHECK(n.Normalize("Путинмен") == "Путиинмен");
  CHECK(n.Normalize("Путинге") == "Путиинге");
  // An acronym's written ending stays too: its letters are said the way it shows.
  CHECK(Normalizer(test::BundledLexicon()).Normalize("АҚШ-тың") == "а-қыштың");
}

TEST_CASE("a lower-case entry matches a capitalised word and speaks with the capital", "[lexicon]") {
  Normalizer n(test::BundledLexicon());
  CHECK(n.Normalize("Доц. Ахметов келді.") == "Доцент Ахметов келді.");
  CHECK(n.Normalize("доц. Ахметов келді.") == "доцент Ахметов келді.");
  CHECK(n.Normalize("Проф. Әлиев") == "Профессор Әлиев");
  CHECK(n.Normalize("Мыс. былай") == "Мысалы былай");
  // An entry with a capital stays case-sensitive; a capital and a dot is an initial.
  Lexicon upper = Parsed("ДДСҰ = Дүниежүзілік денсаулық сақтау ұйымы\n");
  CHECK(Normalizer(upper).Normalize("ддсұ") == "ддсұ");
  CHECK(n.Normalize("Қ. Сәтбаев").find("аласы") == std::string::npos);
  CHECK(n.Normalize("Сарыарқа қ. әкімі") == "Сарыарқа қаласы әкімі");
  // A sentence starting with an abbreviation is not cut after it.
  CHECK(n.SplitSentences("Доц. Ахметов келді. Ол сөйледі.").size() == 2);
}

TEST_CASE("a malformed phoneme entry names the file and line", "[lexicon]") {
  Expected<Lexicon> l = Lexicon::Parse("X = бір\nName = [[n'eIm]] келді\n", "voices/lexicon.txt");
  REQUIRE_FALSE(l.ok());
  CHECK(l.error().message ==
        "voices/lexicon.txt: line 2: 'Name': phonemes are written as one [[...]] and nothing else, got '[[n'eIm]] келді'");
}

TEST_CASE("the sidecar's [lexicon] adds a book's own pronunciations", "[lexicon][overrides]") {
  Expected<Overrides> o = ParseOverrides("title = \"X\"\n[lexicon]\n\"Тоқаев\" = \"Тоқайев\"\nName = \"[[n'eIm]]\"\n",
                                         "book.txt.toml");
  REQUIRE(o.ok());
  CHECK(o->lexicon == std::vector<std::pair<std::string, std::string>>{{"Тоқаев", "Тоқайев"}, {"Name", "[[n'eIm]]"}});
  auto error = [](const std::string& text) {
    Expected<Overrides> bad = ParseOverrides(text, "book.txt.toml");
    REQUIRE_FALSE(bad.ok());
    return bad.error().message;
  };
  CHECK(error("[lexicon]\n\"Тоқаев\" = \"\"\n") == "book.txt.toml: line 2: lexicon 'Тоқаев' must be a non-empty string");
  CHECK(error("[lexicon]\n\"Тоқаев\" = 5\n") == "book.txt.toml: line 2: lexicon 'Тоқаев' must be a non-empty string");
  CHECK(error("\n[lexicon]\nName = \"[[n'eIm\"\n") ==
        "book.txt.toml: line 3: lexicon 'Name': phonemes are written as one [[...]] and nothing else, got '[[n'eIm'");
  CHECK(error("lexicon = 3\n") == "book.txt.toml: line 1: 'lexicon' must be a table of \"written\" = \"spoken\"");
}

TEST_CASE("a book's own lexicon entries change the keys of the segments they touch, and only those",
          "[lexicon][overrides]") {
  test::TempDir dir;
  test::WriteFile(dir / "book.txt",
                  "Сайлау туралы\n"
                  "Бүгін сайлау өтті.\n"
                  "– Тоқаевқа кім дауыс берді?\n"
                  "– Көп адам берді.\n");
  // The sidecar's entries reach the script that PlanBook plans.
  auto spoken = [&](const std::string& sidecar) {
    Expected<Document> doc = ReadDocument(dir / "book.txt");
    REQUIRE(doc.ok());
    Script script = SegmentInterview(*doc);
    Expected<Overrides> o = ParseOverrides(sidecar, "book.txt.toml");
    REQUIRE(o.ok());
    REQUIRE(ApplyOverrides(*o, script).ok());
    CHECK(script.lexicon == o->lexicon);
    return script;
  };
  CHECK(spoken("[lexicon]\n\"Тоқаев\" = \"Тоқайев\"\n").lexicon.size() == 1);

  // Through the command line: the sidecar beside the input; the key of the one segment
  // it touches changes, so exactly one segment is made again.
  const std::string build = "build " + test::Quote((dir / "book.txt").string()) + " -o " + test::Quote((dir / "out").string());
  test::CommandResult first = test::RunDauys(build);
  REQUIRE(first.exit_code == 0);
  test::WriteFile(dir / "book.txt.toml", "[lexicon]\n\"Тоқаев\" = \"Тоқайев\"\n");
  test::CommandResult second = test::RunDauys(build);
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(second.err.find("segments: 1 synthesized") != std::string::npos);
  nlohmann::json book = nlohmann::json::parse(test::ReadFile(dir / "out/book/book.json"));
  std::map<std::string, std::string> spoken_as;
  for (const nlohmann::json& chapter : book["chapters"]) {
    for (const nlohmann::json& turn : chapter["turns"]) {
      for (const nlohmann::json& s : turn["sentences"]) spoken_as[s["text"]] = s["spoken"];
    }
  }
  CHECK(spoken_as.at("Тоқаевқа кім дауыс берді?") == "Тоқайевқа кім дауыс берді?");
  CHECK(spoken_as.at("Көп адам берді.") == "Көп адам берді.");
  // A bad entry names the sidecar and its line.
  test::WriteFile(dir / "book.txt.toml", "[lexicon]\n\"Тоқаев\" = \"\"\n");
  test::CommandResult bad = test::RunDauys(build);
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find((dir / "book.txt.toml").string() + ": line 2: lexicon 'Тоқаев' must be a non-empty string") !=
        std::string::npos);
}

TEST_CASE("phonemes in the lexicon reach eSpeak NG as phonemes", "[lexicon][engine]") {
  Expected<ScriptTransliterator> scripts = ScriptTransliterator::Load(test::SourceDir() / "voices");
  REQUIRE(scripts.ok());
  ScriptOptions options;
  options.transliterator = &*scripts;
  Lexicon lexicon = test::BundledLexicon().With(Parsed("Name = [[n'eIm]]\nЖанар = [[Z,Anar]]\n"));
  Normalizer n(lexicon, options);
  // No transliteration, number reading or lower-casing inside the brackets; an ending
  // written on follows as written.
  CHECK(n.Normalize("Name 2 рет келді.") == "[[n'eIm]] екі рет келді.");
  CHECK(n.Normalize("Жанарға") == "[[Z,Anar]]ға");
  CHECK(n.Normalize("NAME") != "[[n'eIm]]");  // a capital in the entry: case-sensitive

  auto engine = SpeechEngine::Open();
  REQUIRE(engine.ok());
  VoiceProfile kazakh;
  kazakh.name = "kazakh";
  kazakh.language = "kk";
  const std::string spoken = n.Normalize("Name келді.");
  Expected<std::string> traced = (*engine)->Phonemes(spoken, kazakh);
  Expected<std::string> respelled = (*engine)->Phonemes("Нейм келді.", kazakh);
  REQUIRE(traced.ok());
  REQUIRE(respelled.ok());
  INFO("phonemes: " << *traced << "respelled: " << *respelled);
  CHECK(traced->find("nˈeɪm") != std::string::npos);  // eSpeak NG's n'eIm in IPA
  CHECK(traced->find('[') == std::string::npos);     // not read out as text
  CHECK(*traced != *respelled);
  Expected<Speech> a = (*engine)->Speak(spoken, kazakh);
  Expected<Speech> b = (*engine)->Speak("Нейм келді.", kazakh);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->samples != b->samples);
}

TEST_CASE("the lexicon goes to a W3C PLS file and comes back the same", "[lexicon]") {
  Lexicon lexicon = test::BundledLexicon().With(Parsed("Name = [[n'eIm]]\nA&B = эй энд би\n"));
  const std::string pls = WritePls(lexicon);
  CHECK(pls.find("<lexicon xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\"") != std::string::npos);
  CHECK(pls.find("<phoneme>n'eIm</phoneme>") != std::string::npos);
  CHECK(pls.find("<grapheme>A&amp;B</grapheme>") != std::string::npos);
  Expected<Lexicon> back = ParsePls(pls, "round.pls");
  INFO((back.ok() ? std::string() : back.error().message));
  REQUIRE(back.ok());
  CHECK(back->entries() == lexicon.entries());
  CHECK(back->Fingerprint() == lexicon.Fingerprint());
  // Well-formed to an independent reader.
  test::TempDir dir;
  test::WriteFile(dir / "round.pls", pls);
  test::CommandResult lint = test::Run("xmllint --noout " + test::Quote((dir / "round.pls").string()) + " 2>&1");
  INFO(lint.out);
  CHECK(lint.exit_code == 0);
}

TEST_CASE("a PLS lexicon written by hand is read, and loaded from the voice folder", "[lexicon]") {
  const std::string pls =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<lexicon version=\"1.0\" xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\"\n"
      "         xmlns:d=\"urn:dauys:lexicon\" alphabet=\"ipa\" xml:lang=\"kk\">\n"
      "  <lexeme>\n"
      "    <grapheme>ДДСҰ</grapheme>\n"
      "    <alias>Дүниежүзілік денсаулық сақтау ұйымы</alias>\n"
      "  </lexeme>\n"
      "  <lexeme><grapheme>Name</grapheme><grapheme>NAME</grapheme>\n"
      "    <phoneme alphabet=\"x-espeak-ng\">n'eIm</phoneme></lexeme>\n"
      "  <lexeme><grapheme>Smith</grapheme><phoneme>smɪθ</phoneme><alias>Смит</alias></lexeme>\n"
      "  <lexeme role=\"d:unit\"><grapheme>ккал</grapheme><alias>килокалория</alias></lexeme>\n"
      "</lexicon>\n";
  Expected<Lexicon> l = ParsePls(pls, "hand.pls");
  INFO((l.ok() ? std::string() : l.error().message));
  REQUIRE(l.ok());
  const Lexicon with_pls = test::BundledLexicon().With(*l);
  Normalizer n(with_pls);
  CHECK(n.Normalize("ДДСҰ-ның есебі") == "Дүниежүзілік денсаулық сақтау ұйымының есебі");
  CHECK(n.Normalize("Name мен NAME") == "[[n'eIm]] мен [[n'eIm]]");
  CHECK(n.Normalize("Smith келді") == "Смит келді");  // IPA is not eSpeak's: the alias
  CHECK(n.Normalize("200 ккал") == "екі жүз килокалория");

  test::TempDir dir;
  test::WriteFile(dir / "lexicon.txt", "[words]\nNAME = нэйм\n");
  test::WriteFile(dir / "names.pls", pls);
  Expected<Lexicon> loaded = Lexicon::Load(dir / "lexicon.txt");
  REQUIRE(loaded.ok());
  CHECK(Normalizer(*loaded).Normalize("NAME, ДДСҰ") == "[[n'eIm]], Дүниежүзілік денсаулық сақтау ұйымы");
}

TEST_CASE("a bad PLS lexicon is an error naming the file and line", "[lexicon]") {
  auto error = [](const std::string& body) {
    std::string xml =
        "<?xml version=\"1.0\"?>\n"
        "<lexicon version=\"1.0\" xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\" alphabet=\"ipa\" "
        "xml:lang=\"kk\">\n" + body + "</lexicon>\n";
    Expected<Lexicon> l = ParsePls(xml, "voices/bad.pls");
    REQUIRE_FALSE(l.ok());
    return l.error().message;
  };
  const std::string malformed = error("<lexeme><grapheme>X</grapheme>\n<alias>икс</lexeme>\n");
  INFO(malformed);
  CHECK(malformed.rfind("voices/bad.pls: line 4: not a PLS lexicon: ", 0) == 0);
  CHECK(error("<lexeme>\n<alias>икс</alias></lexeme>\n") == "voices/bad.pls: line 3: <lexeme> without a <grapheme>");
  CHECK(error("<lexeme><grapheme>X</grapheme></lexeme>\n") == "voices/bad.pls: line 3: <lexeme> without an <alias> or <phoneme>");
  CHECK(error("\n<lexeme><grapheme>Smith</grapheme>\n<phoneme>smɪθ</phoneme></lexeme>\n") ==
        "voices/bad.pls: line 5: phoneme alphabet 'ipa' is not eSpeak NG's (\"x-espeak-ng\"); give this lexeme an "
        "<alias> or phonemes in that alphabet");
  CHECK(error("<word/>\n") == "voices/bad.pls: line 3: unexpected <word> in <lexicon>");
  Expected<Lexicon> wrong_root = ParsePls("<?xml version=\"1.0\"?>\n<lexicon version=\"1.0\"/>\n", "x.pls");
  REQUIRE_FALSE(wrong_root.ok());
  CHECK(wrong_root.error().message ==
        "x.pls: line 2: the root element must be <lexicon xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\">");
  // In the voice folder: loading the lexicon fails with the PLS file's name.
  test::TempDir dir;
  test::WriteFile(dir / "lexicon.txt", "[words]\n");
  test::WriteFile(dir / "broken.pls", "<lexicon>\n<lexeme>\n");
  Expected<Lexicon> loaded = Lexicon::Load(dir / "lexicon.txt");
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().message.rfind((dir / "broken.pls").string() + ": line ", 0) == 0);
}

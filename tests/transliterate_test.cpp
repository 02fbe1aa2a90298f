// Kazakh in Latin and Arabic script is spoken as Kazakh: detection of the script, the
// rule files in voices/, and the same interview written four ways.
#include "text/transliterate.h"

#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "test_util.h"
#include "text/lexicon.h"
#include "text/normalizer.h"
#include "util/unicode.h"

using namespace dauys;
namespace fs = std::filesystem;

namespace {

const ScriptTransliterator& Bundled() {
  static ScriptTransliterator t = [] {
    Expected<ScriptTransliterator> loaded = ScriptTransliterator::Load(test::SourceDir() / "voices");
    REQUIRE(loaded.ok());
    return std::move(*loaded);
  }();
  return t;
}

std::string Cyr(const std::string& text, KazakhScript script) { return Bundled().ToCyrillic(text, script); }

/// Letters of `text` in `script` (ICU's script property), as a string, for messages.
std::string LettersIn(const std::string& text, UScriptCode script) {
  std::string found;
  for (char32_t c : ToUtf32(text)) {
    UErrorCode status = U_ZERO_ERROR;
    if (u_isalpha(static_cast<UChar32>(c)) && uscript_getScript(static_cast<UChar32>(c), &status) == script) {
      AppendUtf8(found, c);
    }
  }
  return found;
}

std::string Normalize(const fs::path& file, const std::string& extra = "") {
  test::CommandResult r = test::RunDauys("normalize " + test::Quote(file.string()) + extra);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("each paragraph's script is detected from its letters", "[scripts]") {
  CHECK(DetectScript("Қазақстан Республикасы") == KazakhScript::kCyrillic);
  CHECK(DetectScript("Qazaqstan Respýblıkasy") == KazakhScript::kLatin2018);
  CHECK(DetectScript("Qazaqstan Respublikasy, Türkıstan") == KazakhScript::kLatin2021);
  CHECK(DetectScript("Qazaqtyng tarihy men әdebiyeti, saghat") == KazakhScript::kLatinDigraph);
  CHECK(DetectScript("قازاقستان رەسپۋبليكاسى") == KazakhScript::kArabic);
  // ı after a vowel is 2018's й; i after a vowel is 2021's й; y after one the digraph's.
  CHECK(DetectScript("Qytaı") == KazakhScript::kLatin2018);
  CHECK(DetectScript("Qytai", KazakhScript::kLatin2018) == KazakhScript::kLatin2021);
  CHECK(DetectScript("Qytay") == KazakhScript::kLatinDigraph);
  // No letter tells the alphabet: the document's choice decides.
  CHECK(DetectScript("Qazaq tili", KazakhScript::kLatin2018) == KazakhScript::kLatin2018);
  CHECK(DetectScript("Qazaq tili") == KazakhScript::kLatin2021);
  // y between consonants is ы in both tables: it tells nothing.
  CHECK(DetectScript("Qyzyl jyly", KazakhScript::kLatin2018) == KazakhScript::kLatin2018);
  CHECK(DetectScript("Qyzyl jyly") == KazakhScript::kLatin2021);
  // English, with no Kazakh letter, is read as written.
  CHECK(DetectScript("The United Nations met in New York.") == KazakhScript::kCyrillic);
  CHECK(DetectScript("Google мен Microsoft компаниялары") == KazakhScript::kCyrillic);
}

TEST_CASE("the 2018 Latin alphabet: acute letters, sh and ch, ı as и or й", "[scripts]") {
  CHECK(Cyr("Qazaqstan Respýblıkasy", KazakhScript::kLatin2018) == "Қазақстан Республикасы");
  CHECK(Cyr("Qytaı, shyǵys, ǵylym, ań, óner, úı", KazakhScript::kLatin2018) == "Қытай, шығыс, ғылым, аң, өнер, үй");
  CHECK(Cyr("SHYǴYS", KazakhScript::kLatin2018) == "ШЫҒЫС");
}

TEST_CASE("the 2021 Latin alphabet: y is ы, ı is і, i is и or й", "[scripts]") {
  CHECK(Cyr("Bız biyl auylda jaña mektep saldyq. Onda jüz bala oqidy.", KazakhScript::kLatin2021) ==
        "Біз биыл ауылда жаңа мектеп салдық. Онда жүз бала оқиды.");
  CHECK(Cyr("Qazaqstan Respublikasy", KazakhScript::kLatin2021) == "Қазақстан Республикасы");
  CHECK(Cyr("şyğys, ğylym, añ, öner, üi, ūly, Äke, syi, qalaiyn", KazakhScript::kLatin2021) ==
        "шығыс, ғылым, аң, өнер, үй, ұлы, Әке, сый, қалайын");
  CHECK(Cyr("ǧylym, aŋ, əke", KazakhScript::kLatin2021) == "ғылым, аң, әке");
  // Capitals: I is І, the dotted İ is И (never I with a combining dot).
  CHECK(Cyr("Ilım İNSTİTUTY, İran", KazakhScript::kLatin2021) == "Ілім ИНСТИТУТЫ, Иран");
  // At the head of a word i stays и before a vowel (иә, иесі), as often as я is written
  // ia there; у is a glide: i after u is и.
  CHECK(Cyr("İä, iesı", KazakhScript::kLatin2021) == "Иә, иесі");
  CHECK(Cyr("auyl, quiryq", KazakhScript::kLatin2021) == "ауыл, қуирық");
}

TEST_CASE("the 2018 Latin capital I: Й before a vowel, И or І by the next vowel", "[scripts]") {
  CHECK(Cyr("Iaponıa, Iran, Islam, Ishki, Ile", KazakhScript::kLatin2018) == "Йапониа, Иран, Ислам, Ішкі, Іле");
  CHECK(Cyr("IRAN, BILIM", KazakhScript::kLatin2018) == "ИРАН, БІЛІМ");
  CHECK(Cyr("Instıtýt, Ilim", KazakhScript::kLatin2018) == "Институт, Ілім");
}

TEST_CASE("the digraph Latin of abai.kz: sh gh ng, ú = ұ, ý = ү, Cyrillic ә", "[scripts]") {
  CHECK(Cyr("Qazaqtyng tarihy, saghat, Júma, ýshin, әkim, Ábishev", KazakhScript::kLatinDigraph) ==
        "Қазақтың тарихы, сағат, Жұма, үшін, әкім, Әбішев");
  CHECK(Cyr("Qúday, sayyn, boyy, Óitkeni, ýiirme, biyligi, Ádebiyet, monografiyalyq", KazakhScript::kLatinDigraph) ==
        "Құдай, сайын, бойы, Өйткені, үйірме, билігі, Әдебиет, монографиялық");
  // Two readings: the one hunspell-kk knows (ң or н+г before a vowel, и or и+ы).
  CHECK(Cyr("jumysyngyz, kýnge, jiyn, jiyrma", KazakhScript::kLatinDigraph) == "жумысыңыз, күнге, жиын, жиырма");
  CHECK(Cyr("tarihy, tabighy apat", KazakhScript::kLatinDigraph) == "тарихы, табиғи апат");
  CHECK(Cyr("SYILYGhY", KazakhScript::kLatinDigraph) == "СЫЙЛЫҒЫ");
}

TEST_CASE("the Arabic script: ك, گ or ە make a word front without a hamza, loanwords excepted", "[scripts]") {
  CHECK(Cyr("اكىم اكە سايكەس دارىگەر كاسىپتىك الگى", KazakhScript::kArabic) == "әкім әке сәйкес дәрігер кәсіптік әлгі");
  CHECK(Cyr("كىتاپ كىتاپتار گازەتتە", KazakhScript::kArabic) == "кітап кітаптар газетте");
  // A back stem keeps its vowels before a front suffix.
  CHECK(Cyr("قىزىمەن", KazakhScript::kArabic) == "қызымен");
  CHECK(Cyr("دانامەن نۇرلانمەن ساۋلەمەن ەلمەن", KazakhScript::kArabic) == "данамен нұрланмен сәулемен елмен");
  // A year with a space before its hyphen keeps them for the number reader.
  CHECK(Cyr("1929 -جىلى", KazakhScript::kArabic) == "1929 -жылы");
}

TEST_CASE("the Arabic script: hamza makes a word front, Arabic punctuation is kept as marks", "[scripts]") {
  CHECK(Cyr("قازاقستان", KazakhScript::kArabic) == "қазақстан");
  CHECK(Cyr("ٴبىلىم", KazakhScript::kArabic) == "білім");
  CHECK(Cyr("ٴسوز", KazakhScript::kArabic) == "сөз");
  CHECK(Cyr("مەكتەپ", KazakhScript::kArabic) == "мектеп");
  CHECK(Cyr("كىتاپ", KazakhScript::kArabic) == "кітап");
  CHECK(Cyr("كىتاپحاناسى", KazakhScript::kArabic) == "кітапханасы");
  CHECK(Cyr("نۇرلانقىزىمەن", KazakhScript::kArabic) == "нұрланқызымен");
  CHECK(Cyr("ٴۇي، جول؛ قايدا؟", KazakhScript::kArabic) == "үй, жол; қайда?");
  CHECK(Cyr("١٩١٢", KazakhScript::kArabic) == "1912");
}

TEST_CASE("Latin words inside Cyrillic text: Kazakh ones are read as Kazakh, English ones stay", "[scripts]") {
  CHECK(Cyr("«Túrkistan» газеті", KazakhScript::kCyrillic) == "«Түркістан» газеті");
  CHECK(Cyr("Qazaqstan мен Google", KazakhScript::kCyrillic) == "Қазақстан мен Google");
  CHECK(Cyr("Apple iPhone", KazakhScript::kCyrillic) == "Apple iPhone");
  // In a Latin paragraph, English words (letters Kazakh Latin lacks) stay English.
  CHECK(Cyr("Microsoft pen Google kompanıalary", KazakhScript::kLatin2018) == "Microsoft пен Google компаниалары");
}

TEST_CASE("digits, dates and initials in Latin script are spoken as in Cyrillic", "[scripts]") {
  Expected<Lexicon> lexicon = Lexicon::Load(test::SourceDir() / "voices/lexicon.txt");
  REQUIRE(lexicon.ok());
  ScriptOptions options;
  options.transliterator = &Bundled();
  Normalizer n(*lexicon, options);
  CHECK(n.Normalize("1912 jyly 12 qañtarda") == n.Normalize("1912 жылы 12 қаңтарда"));
  CHECK(n.Normalize("1912 jyly 12 qañtarda") == "мың тоғыз жүз он екінші жылы он екінші қаңтарда");
  CHECK(n.Normalize("M.Áýezov pen Q.-J. Toqaev") == "эм Әуезов пен Қасым-Жомарт Тоқаев");
  CHECK(n.Normalize("M.S.Gorbachev pen kezdesti") == "эм эс Горбачев пен кездесті");
  CHECK(n.Normalize("ٴۇي قايدا؟") == "үй қайда?");
}

TEST_CASE("a rule file ICU cannot read is named with its line", "[scripts]") {
  Expected<ScriptTransliterator> t =
      ScriptTransliterator::FromRules("a > а ;\nb > > б ;\n", "a > а ;", "a > а ;", "ا > а ;", "voices/");
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message.rfind("voices/script-latin2018.txt: line 2: not a transliteration rule ICU can read", 0) == 0);
  test::TempDir dir;
  for (auto& e : fs::directory_iterator(test::SourceDir() / "voices")) fs::copy_file(e.path(), dir / e.path().filename());
  fs::remove(dir / "script-arabic.txt");
  test::WriteFile(dir / "in.txt", "Сәлем\n");
  test::CommandResult r = test::RunDauys("normalize " + test::Quote((dir / "in.txt").string()) + " --voices " +
                                         test::Quote(dir.path()));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + (dir / "script-arabic.txt").string() + ": no such file\n");
}

/// The words of `text` written in the Latin script ("Facebook"), in order.
std::vector<std::string> LatinWordsOf(const std::string& text) {
  std::vector<std::string> words;
  for (const std::string& w : SplitWords(text)) {
    std::string latin = LettersIn(w, USCRIPT_LATIN);
    if (!latin.empty()) words.push_back(latin);
  }
  return words;
}

constexpr const char* kScripts[] = {"latin2018", "latin2021", "arabic"};

TEST_CASE("the same interview in four scripts is spoken the same", "[scripts][cli]") {
  const fs::path data = fs::path(DAUYS_TEST_DATA) / "scripts";
  for (const char* interview : {"library", "lab"}) {
    INFO(interview);
    const fs::path cyrillic_file = data / (std::string(interview) + ".cyrillic.txt");
    std::string cyrillic = Normalize(cyrillic_file);
    CHECK(Normalize(data / (std::string(interview) + ".latin2018.txt")) == cyrillic);
    CHECK(Normalize(data / (std::string(interview) + ".latin2021.txt")) == cyrillic);
    // The Arabic script has no capital letters; otherwise it is the same.
    CHECK(ToLower(Normalize(data / (std::string(interview) + ".arabic.txt"))) == ToLower(cyrillic));
    // No Latin or Arabic letter is left for the Kazakh voice but the English words the
    // text quotes ("Facebook"), which the Cyrillic version has too.
    const std::vector<std::string> english = LatinWordsOf(test::ReadFile(cyrillic_file));
    for (const char* script : kScripts) {
      std::string spoken = Normalize(data / (std::string(interview) + "." + script + ".txt"));
      INFO(script);
      CHECK(LatinWordsOf(spoken) == english);
      CHECK(LettersIn(spoken, USCRIPT_ARABIC).empty());
    }
  }
  CHECK(LatinWordsOf(test::ReadFile(data / "lab.cyrillic.txt")) == std::vector<std::string>{"Facebook"});
}

TEST_CASE("the same interview in four scripts has the same plan", "[scripts][cli]") {
  const fs::path data = fs::path(DAUYS_TEST_DATA) / "scripts";
  // The plan with its text left out and each name read in Cyrillic: what must agree.
  auto plan = [&](const std::string& interview, const std::string& script) {
    test::CommandResult r =
        test::RunDauys("plan --json " + test::Quote((data / (interview + "." + script + ".txt")).string()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    nlohmann::json doc = nlohmann::json::parse(r.out);
    KazakhScript written = *ParseScriptName(script);
    doc.erase("title");
    doc.erase("opening");  // the title again, as written
    for (nlohmann::json& chapter : doc["chapters"]) {
      chapter.erase("title");
      chapter.erase("heading");
      for (nlohmann::json& turn : chapter["turns"]) turn.erase("paragraphs");
    }
    for (nlohmann::json& speaker : doc["speakers"]) {
      if (speaker["name"].is_string()) speaker["name"] = ToLower(Cyr(speaker["name"].get<std::string>(), written));
    }
    return doc;
  };
  for (const char* interview : {"library", "lab"}) {
    const nlohmann::json cyrillic = plan(interview, "cyrillic");
    for (const char* script : kScripts) {
      INFO(interview << " in " << script);
      CHECK(plan(interview, script).dump(1) == cyrillic.dump(1));
    }
  }
  const nlohmann::json apiary = plan("apiary", "cyrillic");
  CHECK(apiary["speakers"][2]["name"] == "ерлан сейітқазыұлы");
  for (const char* script : {"latin2018", "latin2021", "digraph"}) {
    INFO("apiary in " << script);
    CHECK(plan("apiary", script).dump(1) == apiary.dump(1));
  }
  // The guest and the interviewer are named in every script.
  nlohmann::json lab = plan("lab", "arabic");
  CHECK(lab["speakers"][1]["name"] == "нұрлан оспанов");
  CHECK(lab["speakers"][2]["name"] == "дана асқарқызы");
}

TEST_CASE("the script option forces the alphabet and rejects an unknown one", "[scripts][cli]") {
  test::TempDir dir;
  test::WriteFile(dir / "in.txt", "Bul\n");
  // No letter tells the alphabet: hunspell-kk knows бұл (2018, u is ұ), not бул (2021).
  CHECK(Normalize(dir / "in.txt") == "Бұл\n");
  CHECK(Normalize(dir / "in.txt", " --script latin2021") == "Бул\n");
  test::WriteFile(dir / "in.txt", "Búl\n");
  CHECK(Normalize(dir / "in.txt", " --script digraph") == "Бұл\n");
  test::CommandResult bad = test::RunDauys("normalize " + test::Quote((dir / "in.txt").string()) + " --script latin");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--script") != std::string::npos);
}

TEST_CASE("an Arabic-script book keeps its script in every text output and speaks Cyrillic", "[scripts][cli]") {
  test::TempDir dir;
  const fs::path input = fs::path(DAUYS_TEST_DATA) / "scripts" / "lab.arabic.txt";
  test::CommandResult r = test::RunDauys("build " + test::Quote(input.string()) + " -o " + test::Quote(dir.path()) + " -q");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  fs::path book;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    if (fs::exists(e.path() / "book.json")) book = e.path();
  }
  REQUIRE(!book.empty());
  nlohmann::json manifest = nlohmann::json::parse(test::ReadFile(book / "book.json"));
  const nlohmann::json& chapter = manifest["chapters"][0];
  // Written: the page's own script, in book.json, the subtitles and the tags (read by
  // mutagen); spoken: Cyrillic, with no Arabic letter left.
  const nlohmann::json& first = chapter["turns"][0]["sentences"][0];
  CHECK(first["text"] == "وسى جىلى 5 ناۋرىزدا الماتىداعى ورتالىقتا جاس عالىم دانا اسقارقىزىمەن سويلەستىك.");
  CHECK(first["spoken"] == "осы жылы бесінші наурызда алматыдағы орталықта жас ғалым дана асқарқызымен сөйлестік.");
  std::string vtt = test::ReadFile(book / chapter["vtt"].get<std::string>());
  CHECK(vtt.find("جۇمىسىڭىز قاشان باستالدى؟") != std::string::npos);
  CHECK(vtt.find("қашан") == std::string::npos);
  nlohmann::json tags = test::ReadTags(book / chapter["file"].get<std::string>());
  CHECK(tags["TIT2"][0] == "جاس عالىمنىڭ جاڭا جولى");
  const nlohmann::json& artists = tags["TPE1"];
  CHECK(std::find(artists.begin(), artists.end(), "نۇرلان وسپانوۆ") != artists.end());
  CHECK(std::find(artists.begin(), artists.end(), "دانا اسقارقىزى") != artists.end());
  for (const nlohmann::json& turn : chapter["turns"]) {
    for (const nlohmann::json& s : turn["sentences"]) CHECK(LettersIn(s["spoken"], USCRIPT_ARABIC).empty());
  }
}

namespace {

/// hunspell-kk, which the tests need as the build does.
const KazakhWords& Dictionary() {
  static std::unique_ptr<KazakhWords> words = KazakhWords::Open(DefaultKazakhDictionary());
  REQUIRE(words != nullptr);  // scripts/deps installs hunspell-kk
  return *words;
}

const fs::path kApiary = fs::path(DAUYS_TEST_DATA) / "scripts" / "apiary";

fs::path Apiary(const std::string& script) { return kApiary.string() + "." + script + ".txt"; }

}  // namespace

TEST_CASE("the same interview in 2018, 2021 and digraph Latin is spoken as its Cyrillic original", "[scripts][cli]") {
  const std::string cyrillic = Normalize(Apiary("cyrillic"));
  REQUIRE(std::count(cyrillic.begin(), cyrillic.end(), '\n') == 12);
  for (const char* script : {"latin2018", "latin2021", "digraph"}) {
    INFO(script);
    CHECK(Normalize(Apiary(script)) == cyrillic);
    // --script forces what detection found.
    CHECK(Normalize(Apiary(script), std::string(" --script ") + script) == cyrillic);
  }
}

TEST_CASE("each Latin convention of a text is detected without --script", "[scripts]") {
  for (const char* script : {"latin2018", "latin2021", "digraph"}) {
    INFO(script);
    const std::string text = test::ReadFile(Apiary(script));
    CHECK(Bundled().Detect(text) == *ParseScriptName(script));
    // Whatever the document's default, its letters and known words decide.
    for (KazakhScript fallback : {KazakhScript::kLatin2018, KazakhScript::kLatin2021, KazakhScript::kLatinDigraph}) {
      CHECK(Bundled().Detect(text, fallback) == *ParseScriptName(script));
    }
  }
  for (const char* interview : {"lab", "library"}) {
    for (const char* script : {"latin2018", "latin2021"}) {
      INFO(interview << " in " << script);
      const fs::path file = fs::path(DAUYS_TEST_DATA) / "scripts" / (std::string(interview) + "." + script + ".txt");
      CHECK(Bundled().Detect(test::ReadFile(file)) == *ParseScriptName(script));
    }
  }
  // Shared letters only (ı, i, y): the reading with more known words wins.
  CHECK(Bundled().Detect("Bız biyl auylda boldyq") == KazakhScript::kLatin2021);
  CHECK(Bundled().Detect("Biz bıyl aýylda boldyq") == KazakhScript::kLatin2018);
  CHECK(Bundled().Detect("Qazaq tili") == KazakhScript::kLatin2018);
}

TEST_CASE("the spoken Latin texts know as many Kazakh words as their Cyrillic original", "[scripts][cli]") {
  const double cyrillic = Dictionary().KnownShare(Normalize(Apiary("cyrillic")));
  CHECK(cyrillic > 0.6);
  for (const char* script : {"latin2021", "digraph"}) {
    INFO(script << ": " << Dictionary().KnownShare(Normalize(Apiary(script))) << " against " << cyrillic);
    CHECK(std::abs(Dictionary().KnownShare(Normalize(Apiary(script))) - cyrillic) <= 0.03);
  }
  // The 2021 text read with 2018's ı and i, or the digraph's ú and ý read as 2018's, loses words.
  const double wrong_2021 = Dictionary().KnownShare(Normalize(Apiary("latin2021"), " --script latin2018"));
  const double wrong_digraph = Dictionary().KnownShare(Normalize(Apiary("digraph"), " --script latin2018"));
  INFO(wrong_2021 << " " << wrong_digraph << " against " << cyrillic);
  CHECK(wrong_2021 < cyrillic - 0.03);
  CHECK(wrong_digraph < cyrillic - 0.03);
}

TEST_CASE("without hunspell-kk the letters alone choose the convention", "[scripts][cli]") {
  Expected<ScriptTransliterator> blind = ScriptTransliterator::Load(test::SourceDir() / "voices", "/nonexistent/kk_KZ");
  REQUIRE(blind.ok());
  CHECK(blind->Detect(test::ReadFile(Apiary("latin2021"))) == KazakhScript::kLatin2021);
  CHECK(blind->Detect(test::ReadFile(Apiary("digraph"))) == KazakhScript::kLatinDigraph);
  CHECK(blind->Detect("Qazaq tili") == KazakhScript::kLatin2021);
  test::CommandResult r = test::Run("DAUYS_KK_DICTIONARY=/nonexistent/kk_KZ " + test::Quote(DAUYS_BINARY) +
                                    " normalize " + test::Quote(Apiary("latin2021").string()));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == Normalize(Apiary("cyrillic")));
}

// --voice-quotes: an article's direct quotes read in the quoted speaker's voice. Checked
// in SplitQuotes' pieces, in plan --json (the quoted runs are exactly the quote's words;
// attributions and short names stay the narrator's; without the option the plan is
// unchanged), and in the decoded audio (the quotes' median F0 stands apart from the
// narrator's, and every word of the article is spoken).
#include <catch2/catch.hpp>

#include <cmath>

#include "test_util.h"
#include "text/quotes.h"
#include "util/unicode.h"

using namespace dauys;
using namespace dauys::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// A news item of our own: a lead, two quotes after a dash with «– деді …», a quotation
/// of six words inside narration and a company's name in guillemets.
const char* kArticle =
    "Павлодарда жаңа көпір ашылды\n"
    "Кеше Павлодар қаласында Ертіс өзені арқылы салынған жаңа көпір пайдалануға берілді. Салтанатты шараға облыс "
    "әкімі мен құрылысшылар қатысты.\n"
    "– Біз бұл көпірді екі жыл бойы салдық, енді қала тұрғындары жолда аз уақыт жұмсайды, – деді облыс әкімі "
    "Ерлан Сәкенов.\n"
    "Құрылысқа «Қазақстан темір жолы» компаниясы да қатысты. Әкімнің айтуынша, жоба жергілікті бюджет есебінен "
    "қаржыландырылған.\n"
    "– Көпір жүз жылға шыдайды. Біз ең сапалы материалдарды таңдадық, – деп атап өтті құрылыс компаниясының "
    "басшысы Марат Әлиев.\n"
    "Тұрғындар «бұл көпір біздің ауылды қаламен жалғайды» деп қуанышын жасырмады.\n"
    "Көпірдің ұзындығы сегіз жүз метр, ол төрт жолақты.\n";

std::vector<std::pair<std::string, bool>> Pieces(const std::string& text, bool dash) {
  std::vector<std::pair<std::string, bool>> out;
  for (const TextRun& r : SplitQuotes(text, dash)) out.emplace_back(r.text, r.quoted);
  return out;
}

json Plan(const fs::path& input, const std::string& options) {
  CommandResult r = RunDauys("plan --json " + Quote(input.string()) + options);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

/// Every (role, text) piece of the plan's paragraphs: a paragraph not cut is one
/// piece of its turn's role.
std::vector<std::pair<std::string, std::string>> Runs(const json& plan) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const json& c : plan["chapters"]) {
    for (const json& t : c["turns"]) {
      for (size_t p = 0; p < t["paragraphs"].size(); ++p) {
        if (!t.contains("runs") || t["runs"][p].is_null()) {
          out.emplace_back(t["role"], t["paragraphs"][p]);
          continue;
        }
        for (const json& r : t["runs"][p]) out.emplace_back(r["role"], r["text"]);
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("SplitQuotes cuts a dash paragraph at its attribution", "[quotes]") {
  using P = std::vector<std::pair<std::string, bool>>;
  CHECK(Pieces("Біз жоспарды орындадық, – деді әкім.", true) ==
        P{{"Біз жоспарды орындадық,", true}, {" – деді әкім.", false}});
  // The quote goes on after the attribution's sentence.
  CHECK(Pieces("Жұмыс көп, – деді ол. – Бірақ біз үлгереміз.", true) ==
        P{{"Жұмыс көп,", true}, {" – деді ол. – ", false}, {"Бірақ біз үлгереміз.", true}});
  // A dash inside the quote is not an attribution.
  CHECK(Pieces("Алматы – үлкен қала.", true) == P{{"Алматы – үлкен қала.", true}});
  // A dash paragraph in lower case is the attribution of the one before.
  CHECK(Pieces("деп сұрады ол.", true) == P{{"деп сұрады ол.", false}});
}

TEST_CASE("SplitQuotes voices long quotations in narration and leaves names alone", "[quotes]") {
  using P = std::vector<std::pair<std::string, bool>>;
  CHECK(Pieces("Әкім «жоспар толық көлемде орындалды» деп мәлімдеді.", false) ==
        P{{"Әкім ", false}, {"«жоспар толық көлемде орындалды»", true}, {" деп мәлімдеді.", false}});
  CHECK(Pieces("Ол «Самұрық-Қазына» қорында істейді.", false) == P{{"Ол «Самұрық-Қазына» қорында істейді.", false}});
  // Short, but a sentence of its own.
  CHECK(Pieces("Ол: «Дайынбыз!» – деді.", false) == P{{"Ол: ", false}, {"«Дайынбыз!»", true}, {" – деді.", false}});
  // An unclosed quotation is nobody's quote.
  CHECK(Pieces("Ол «бұл жерде біз көп жұмыс істедік деді.", false) ==
        P{{"Ол «бұл жерде біз көп жұмыс істедік деді.", false}});
  CHECK(IsVoicedQuotation("бір екі үш төрт"));
  CHECK_FALSE(IsVoicedQuotation("бір екі үш"));
}

TEST_CASE("plan --voice-quotes gives an article's quotes, and only them, to the quoted speaker", "[quotes]") {
  TempDir dir;
  WriteFile(dir / "bridge.txt", kArticle);
  const json plan = Plan(dir / "bridge.txt", " --voice-quotes");
  REQUIRE(plan["page"]["kind"] == "article");
  const json& speakers = plan["speakers"];
  REQUIRE(speakers.size() == 2);
  CHECK(speakers[1]["role"] == "quoted");
  CHECK(speakers[1]["voice"] == "quoted");
  CHECK(speakers[1]["name"].is_null());
  using R = std::vector<std::pair<std::string, std::string>>;
  CHECK(Runs(plan) ==
        R{{"narrator", "Кеше Павлодар қаласында Ертіс өзені арқылы салынған жаңа көпір пайдалануға берілді. "
                       "Салтанатты шараға облыс әкімі мен құрылысшылар қатысты."},
          {"quoted", "Біз бұл көпірді екі жыл бойы салдық, енді қала тұрғындары жолда аз уақыт жұмсайды,"},
          {"narrator", " – деді облыс әкімі Ерлан Сәкенов."},
          {"narrator", "Құрылысқа «Қазақстан темір жолы» компаниясы да қатысты. Әкімнің айтуынша, жоба жергілікті "
                       "бюджет есебінен қаржыландырылған."},
          {"quoted", "Көпір жүз жылға шыдайды. Біз ең сапалы материалдарды таңдадық,"},
          {"narrator", " – деп атап өтті құрылыс компаниясының басшысы Марат Әлиев."},
          {"narrator", "Тұрғындар "},
          {"quoted", "«бұл көпір біздің ауылды қаламен жалғайды»"},
          {"narrator", " деп қуанышын жасырмады."},
          {"narrator", "Көпірдің ұзындығы сегіз жүз метр, ол төрт жолақты."}});
  // No turn of its own, no announcement, never «Тілші» or «Сұхбат беруші».
  for (const json& c : plan["chapters"]) {
    for (const json& t : c["turns"]) CHECK(t["role"] == "narrator");
  }
  CommandResult announced = RunDauys("plan --json --voice-quotes --announce-speakers " + Quote((dir / "bridge.txt").string()));
  REQUIRE(announced.exit_code == 0);
  CHECK(announced.out.find("\"announcement\"") == std::string::npos);
  CommandResult outline = RunDauys("plan --voice-quotes " + Quote((dir / "bridge.txt").string()));
  CHECK(outline.out.find("  quoted  quoted  (unnamed)  voice=quoted\n") != std::string::npos);
  CHECK(outline.out.find("      quoted, line 6: «бұл көпір біздің ауылды қаламен жалғайды»\n") != std::string::npos);
}

TEST_CASE("without --voice-quotes an article's plan is what it was", "[quotes]") {
  TempDir dir;
  WriteFile(dir / "bridge.txt", kArticle);
  CommandResult plain = RunDauys("plan --json " + Quote((dir / "bridge.txt").string()));
  CommandResult off = RunDauys("plan --json --no-voice-quotes " + Quote((dir / "bridge.txt").string()));
  REQUIRE(plain.exit_code == 0);
  CHECK(off.out == plain.out);
  CHECK(plain.out.find("quoted") == std::string::npos);
  CHECK(plain.out.find("\"runs\"") == std::string::npos);
  // The option adds the runs and the quoted speaker, and changes nothing else.
  json with = Plan(dir / "bridge.txt", " --voice-quotes");
  with["speakers"].erase(1);
  for (json& c : with["chapters"]) {
    for (json& t : c["turns"]) t.erase("runs");
  }
  CHECK(with == json::parse(plain.out));
}

TEST_CASE("the sidecar's [book] voice_quotes voices the quotes; an interview is not changed", "[quotes]") {
  TempDir dir;
  WriteFile(dir / "bridge.txt", kArticle);
  WriteFile(dir / "bridge.toml", "[book]\nvoice_quotes = true\n");
  CHECK(Plan(dir / "bridge.txt", "")["speakers"].back()["role"] == "quoted");
  CHECK(Plan(dir / "bridge.txt", " --no-voice-quotes")["speakers"].size() == 1);
  WriteFile(dir / "bridge.toml", "[book]\nvoice_quotes = 1\n");
  CommandResult bad = RunDauys("plan " + Quote((dir / "bridge.txt").string()));
  CHECK(bad.exit_code == 1);
  CHECK(bad.err == "dauys: error: " + (dir / "bridge.toml").string() + ": line 2: 'voice_quotes' must be true or false\n");
  const std::string interview = (SourceDir() / "texts/interview-un-middle-powers.kk.txt").string();
  CHECK(RunDauys("plan --json --voice-quotes " + Quote(interview)).out == RunDauys("plan --json " + Quote(interview)).out);
}

namespace {
double Semitones(double a, double b) { return std::abs(12.0 * std::log2(a / b)); }
}  // namespace

TEST_CASE("an article's quotes are spoken in a voice apart from the narrator's, every word said", "[quotes][voices]") {
  TempDir dir;
  WriteFile(dir / "bridge.txt", kArticle);
  CommandResult r = RunDauys("build " + Quote((dir / "bridge.txt").string()) + " -o " + Quote(dir.path()) +
                             " -q --voice-quotes --epub --single-file");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());  // no word-coverage warning, the EPUB's sentences all found
  const json m = json::parse(ReadFile(dir / "bridge/book.json"));
  // The single file's marks: one per turn, and no quote is one.
  const json tags = ReadTags(dir / "bridge/bridge.mp3");
  INFO(tags.dump());
  size_t turns = 0;
  for (const json& chapter : m["chapters"]) turns += chapter["turns"].size();
  CHECK(tags["CHAP"].size() == turns);
  CHECK(tags["TPE1"] == json::array({"Диктор"}));
  CHECK(m["settings"]["voice_quotes"] == true);
  CHECK(EpubCheckProblems(EpubCheck(dir / "bridge/bridge.epub")).empty());
  std::vector<int16_t> quoted, narrator;
  std::string transcript;
  size_t quotes = 0;
  for (const json& chapter : m["chapters"]) {
    const std::vector<int16_t> pcm = DecodeMp3(dir / "bridge" / chapter["file"].get<std::string>());
    for (const json& turn : chapter["turns"]) {
      for (const json& s : turn["sentences"]) {
        transcript += s["text"].get<std::string>() + " ";
        const bool q = s.value("quoted", false);
        quotes += q;
        std::vector<int16_t>& to = q ? quoted : narrator;
        const size_t a = s["start_sample"].get<size_t>(), b = std::min(s["end_sample"].get<size_t>(), pcm.size());
        to.insert(to.end(), pcm.begin() + static_cast<long>(a), pcm.begin() + static_cast<long>(b));
      }
    }
  }
  CHECK(quotes == 4);  // two sentences of one quote, one of each other
  const double f0_quoted = MedianF0(quoted, 0, quoted.size()), f0_narrator = MedianF0(narrator, 0, narrator.size());
  INFO("median F0: quotes " << f0_quoted << " Hz, narrator " << f0_narrator << " Hz");
  REQUIRE(f0_quoted > 0);
  REQUIRE(f0_narrator > 0);
  CHECK(Semitones(f0_quoted, f0_narrator) >= 4.0);
  // Every word of the article but the headline (the chapter's title) is in a sentence.
  std::string body = kArticle;
  body = body.substr(body.find('\n') + 1);
  for (const std::string& word : SplitWords(body)) {
    INFO(word);
    CHECK(transcript.find(word) != std::string::npos);
  }
  // A rebuild without the option keeps it.
  CommandResult again = RunDauys("build " + Quote((dir / "bridge.txt").string()) + " -o " + Quote(dir.path()) + " --dry-run");
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find("dauys: kept from the last build: --single-file, --epub, --voice-quotes\n") != std::string::npos);
  CHECK(again.err.find("dauys: no chapter would change\n") != std::string::npos);
  CHECK(json::parse(ReadFile(dir / "bridge/book.json"))["settings"]["voice_quotes"] == true);
  CommandResult off = RunDauys("build " + Quote((dir / "bridge.txt").string()) + " -o " + Quote(dir.path()) +
                               " -q --no-voice-quotes");
  REQUIRE(off.exit_code == 0);
  CHECK(ReadFile(dir / "bridge/book.json").find("\"quoted\"") == std::string::npos);
}

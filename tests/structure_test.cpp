// Interview conventions of Kazakh newspapers, one short interview per convention in
// tests/data/interviews/, each with its expected plan beside it (.plan).
#include <catch2/catch.hpp>

#include <chrono>
#include <map>

#include "speech/voice_profile.h"
#include "test_util.h"
#include "text/overrides.h"
#include "text/person_names.h"
#include "text/segmenter.h"
#include "text/speaker_ids.h"
#include "text/turn_markers.h"
#include "text/word_lists.h"
#include "util/unicode.h"

using namespace dauys;
namespace fs = std::filesystem;

namespace {

SegmentOptions BundledVoicePool() {
  SegmentOptions options;
  auto voices = LoadVoiceProfiles(test::SourceDir() / "voices");
  REQUIRE(voices.ok());
  options.interviewee_voices = IntervieweeVoicePool(*voices);
  options.voice_genders = VoiceGenders(*voices);
  Expected<NameGenders> names = NameGenders::Load(test::SourceDir() / "voices");
  REQUIRE(names.ok());
  options.names = *names;
  Expected<RoleModel> model = RoleModel::Load(test::SourceDir() / "voices");
  REQUIRE(model.ok());
  options.model = *model;
  return options;
}

/// The compact form of a plan that the .plan files hold. They say who speaks each
/// turn, so they name speakers by their place in the plan (s1 the narrator, s2 the
/// next to speak, ...), not by id: the ids have tests of their own (speaker_ids_test).
std::string Compact(const Script& s) {
  std::string out = "title: " + (s.title ? *s.title : "-") + "\n";
  for (size_t i = 0; i < s.speakers.size(); ++i) {
    const Speaker& sp = s.speakers[i];
    out += "speaker " + NumberedSpeakerId(i) + " " + RoleName(sp.role) + " " + (sp.name.empty() ? "-" : sp.name) +
           " " + sp.voice + "\n";
  }
  for (const Chapter& c : s.chapters) {
    out += "chapter " + std::to_string(c.number) + ": " + c.title + "\n";
    for (const Turn& t : c.turns) {
      std::vector<std::string> words = SplitWords(t.paragraphs.front().text);
      std::string first;
      for (size_t i = 0; i < words.size() && i < 3; ++i) first += (i ? " " : "") + words[i];
      out += "  " + NumberedSpeakerId(t.speaker) + " " + RoleName(t.role) + " (" +
             std::to_string(t.paragraphs.size()) + "): " + first + "\n";
    }
  }
  return out;
}

Script SegmentFile(const fs::path& path, const SegmentOptions& options) {
  Expected<Document> doc = ReadDocument(path);
  REQUIRE(doc.ok());
  return SegmentInterview(*doc, options);
}

}  // namespace

TEST_CASE("each test interview segments into its expected plan", "[structure]") {
  const SegmentOptions options = BundledVoicePool();
  std::vector<fs::path> texts;
  for (auto& e : fs::directory_iterator(fs::path(DAUYS_TEST_DATA) / "interviews")) {
    if (e.path().extension() == ".txt") texts.push_back(e.path());
  }
  std::sort(texts.begin(), texts.end());
  REQUIRE(texts.size() >= 12);
  for (const fs::path& text : texts) {
    fs::path expected = fs::path(text).replace_extension(".plan");
    INFO(text.filename());
    REQUIRE(fs::exists(expected));
    CHECK(Compact(SegmentFile(text, options)) == test::ReadFile(expected));
  }
}

TEST_CASE("the plan keeps every paragraph of every test interview", "[structure]") {
  for (auto& e : fs::directory_iterator(fs::path(DAUYS_TEST_DATA) / "interviews")) {
    if (e.path().extension() != ".txt") continue;
    Expected<Document> doc = ReadDocument(e.path());
    REQUIRE(doc.ok());
    Script s = SegmentInterview(*doc);
    // Every non-blank line is the headline, a heading, a reported skip or spoken text;
    // a line split into several turns keeps all of its words.
    std::map<int, std::string> placed;
    for (const Chapter& c : s.chapters) {
      if (c.heading) placed[c.line] += *c.heading + " ";
      for (const Turn& t : c.turns) {
        for (const Paragraph& p : t.paragraphs) placed[p.line] += p.text + " ";
      }
    }
    for (const SkippedLine& k : s.skipped) placed[k.line] += k.text + " ";
    INFO(e.path().filename());
    for (const Line& l : doc->lines) {
      if (CollapseSpaces(l.text).empty()) continue;
      INFO("line " << l.number);
      if (s.title && l.number == s.title_line) continue;
      REQUIRE(placed.count(l.number));
      std::string spoken = RepairLookAlikes(l.text);
      if (auto numbered = StripNumberedQuestion(CollapseSpaces(spoken))) spoken = *numbered;
      if (auto label = SplitLabel(CollapseSpaces(spoken)); label && !label->rest.empty()) spoken = label->rest;
      for (const std::string& word : SplitWords(spoken)) {
        if (word.find(':') != std::string::npos || CodePointCount(word) == 1) continue;  // labels, dashes
        std::string bare;  // without the dashes that mark turns
        for (char32_t c : ToUtf32(word)) {
          if (!IsTurnDash(c)) AppendUtf8(bare, c);
        }
        if (bare.empty()) continue;
        CHECK(placed[l.number].find(bare.substr(bare.size() > 6 ? bare.size() - 6 : 0)) != std::string::npos);
      }
    }
  }
}

TEST_CASE("an override file changes a role, a heading and a speaker name", "[structure][overrides]") {
  test::TempDir dir;
  const std::string text =
      "Бүгін біз сәулетшімен сөйлестік.\n"        // 1
      "– Қаланың келбеті қалай өзгерді?\n"          // 2
      "– Жаңа ғимараттар көп салынды.\n"            // 3
      "Ескі қала\n"                                 // 4: detected heading
      "– Ескі үйлер сақтала ма?\n"                  // 5
      "Иә, бірақ бәрі емес.\n"                      // 6: continues the interviewer
      "Болашақ жоспарлары туралы бірер сөз.\n";     // 7
  test::WriteFile(dir / "a.txt", text);
  Expected<Overrides> o = ParseOverrides(
      "title = \"Сәулет туралы\"\n"
      "[speakers]\n"
      "interviewee = { name = \"Ерлан Әбілов\" }\n"
      "[lines]\n"
      "4 = \"paragraph\"\n"
      "6 = \"interviewee\"\n"
      "7 = \"heading\"\n",
      "a.txt.toml");
  REQUIRE(o.ok());
  Expected<Document> doc = ReadDocument(dir / "a.txt");
  REQUIRE(doc.ok());

  Script before = SegmentInterview(*doc);
  REQUIRE(before.chapters.size() == 2);
  CHECK(before.chapters[1].title == "Ескі қала");
  CHECK(before.chapters[1].turns.back().role == Role::kInterviewer);

  SegmentOptions options;
  options.line_overrides = o->lines;
  Script after = SegmentInterview(*doc, options);
  REQUIRE(ApplyOverrides(*o, after).ok());
  CHECK(after.title == "Сәулет туралы");
  CHECK(after.FirstWithRole(Role::kInterviewee)->name == "Ерлан Әбілов");
  REQUIRE(after.chapters.size() == 2);
  // Line 4 is no heading: it continues the interviewee's answer.
  const Chapter& first = after.chapters[0];
  REQUIRE(first.turns.size() == 5);
  CHECK(first.turns[2].paragraphs.back().text == "Ескі қала");
  // Line 6 is the interviewee's, line 7 a heading.
  CHECK(first.turns[4].role == Role::kInterviewee);
  CHECK(first.turns[4].paragraphs[0].text == "Иә, бірақ бәрі емес.");
  CHECK(after.chapters[1].heading == "Болашақ жоспарлары туралы бірер сөз.");
  CHECK(after.chapters[1].turns.empty());
}

TEST_CASE("override files are checked with file and line", "[structure][overrides]") {
  auto error = [](const std::string& toml) {
    Expected<Overrides> o = ParseOverrides(toml, "x.toml");
    REQUIRE_FALSE(o.ok());
    return o.error().message;
  };
  CHECK(error("title = 3\n") == "x.toml: line 1: 'title' must be a non-empty string");
  CHECK(error("\n[lines]\n12 = \"chorus\"\n") ==
        "x.toml: line 3: line 12: expected \"heading\", \"paragraph\", \"narrator\", \"interviewer\" or \"interviewee\"");
  CHECK(error("[lines]\nabc = \"heading\"\n") == "x.toml: line 2: 'abc' is not a line number");
  CHECK(error("colour = \"red\"\n") == "x.toml: line 1: unknown key 'colour' (known: title, date, speakers, lines, book, lexicon)");
  CHECK(error("[speakers]\ns2 = { nick = \"x\" }\n") == "x.toml: line 2: unknown speaker field 'nick' (known: name, voice, gender)");
  CHECK(error("title = \"a\n").rfind("x.toml: line 1: ", 0) == 0);
  Script s;
  s.speakers.push_back(Speaker{"narrator", Role::kNarrator, "", "narrator", ""});
  Overrides o;
  o.source = "x.toml";
  o.speakers["s9"] = SpeakerOverride{std::string("Біреу"), std::nullopt, std::nullopt};
  Expected<std::vector<std::string>> st = ApplyOverrides(o, s);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message == "x.toml: speaker \"s9\" is not in this text; its speakers are \"narrator\"");
}

TEST_CASE("dauys plan finds the sidecar beside the input and prints JSON", "[structure][cli]") {
  test::TempDir dir;
  fs::copy_file(fs::path(DAUYS_TEST_DATA) / "interviews/05-question-answer-labels.txt", dir / "qa.txt");
  test::WriteFile(dir / "qa.txt.toml", "[speakers]\ninterviewer = { name = \"Мәди Сейіт\", voice = \"narrator\" }\n");
  test::CommandResult r = test::RunDauys("plan --json " + test::Quote((dir / "qa.txt").string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  nlohmann::json plan = nlohmann::json::parse(r.out);
  CHECK(plan["title"].is_null());
  REQUIRE(plan["speakers"].size() == 3);
  CHECK(plan["speakers"][1] ==
        nlohmann::json({{"id", "interviewer"}, {"role", "interviewer"}, {"name", "Мәди Сейіт"}, {"voice", "narrator"}}));
  CHECK(plan["speakers"][2]["name"].is_null());
  REQUIRE(plan["chapters"].size() == 1);
  const auto& turns = plan["chapters"][0]["turns"];
  REQUIRE(turns.size() == 5);
  CHECK(turns[1]["speaker"] == "interviewer");
  CHECK(turns[1]["paragraphs"] == nlohmann::json::array({"Күзде иммунитетті қалай нығайтуға болады?"}));
  CHECK(turns[2]["paragraphs"].size() == 2);
  CHECK(plan["chapters"][0]["heading"].is_null());
  CHECK(plan["chapters"][0]["title"] == "Кіріспе");

  test::WriteFile(dir / "qa.txt.toml", "[lines]\n40 = \"heading\"\n");
  r = test::RunDauys("plan " + test::Quote((dir / "qa.txt").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.err == "dauys: error: " + (dir / "qa.txt.toml").string() + ": line 2: line 40 of " + (dir / "qa.txt").string() +
                     " has no paragraph to override\n");
}

TEST_CASE("hostile input gives a plan or a clear error, quickly", "[structure][hostile]") {
  auto plan = [](const std::string& bytes) -> Expected<Script> {
    Expected<Document> doc = ParseDocument(bytes, "hostile.txt");
    if (!doc) return doc.error();
    return SegmentInterview(*doc);
  };
  SECTION("binary bytes") {
    std::string bytes;
    for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 7919) & 0xFF);
    Expected<Script> s = plan(bytes);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("hostile.txt: line ") == 0);
  }
  SECTION("no turns at all") {
    Expected<Script> s = plan("Бір.\nЕкі.\nҮш.\n");
    REQUIRE(s.ok());
    REQUIRE(s->chapters.size() == 1);
    REQUIRE(s->chapters[0].turns.size() == 1);
    CHECK(s->chapters[0].turns[0].role == Role::kNarrator);
    CHECK(s->chapters[0].turns[0].paragraphs.size() == 3);
  }
  SECTION("one 2 MB paragraph") {
    std::string big;
    while (big.size() < 2'000'000) big += "Ұзын сөйлем: – мұнда соңы жоқ, ";
    Expected<Script> s = plan(big + "соңы.\n");
    REQUIRE(s.ok());
    REQUIRE(s->chapters.size() == 1);
    CHECK(s->chapters[0].turns.size() == 1);
  }
  SECTION("a 600 kB lead that keeps talking with someone") {
    // Each «…ақынмен сұхбат» sends the name search back through the lead; it must look
    // each word up, not rescan the lead (this took minutes when it did).
    std::string lead;
    while (lead.size() < 600'000) lead += "Біз ақынмен кездесіп, сұхбат құрдық және ақынмен сөйлестік ";
    Expected<Script> s = plan("Тақырып\n" + lead + "\n– Сұрақ?\n");
    REQUIRE(s.ok());
    CHECK(s->chapters[0].turns.size() == 2);
  }
  SECTION("a 2 MB answer of attributions without a full stop") {
    // Each «– деп» is read as a possible attribution; only its next few words are.
    std::string answer;
    while (answer.size() < 2'000'000) answer += "жауап – деп ";
    Expected<Script> s = plan("Тақырып\n– Сұрақ?\n– " + answer + "\n");
    REQUIRE(s.ok());
    CHECK(s->chapters[0].turns.size() == 2);
  }
  SECTION("50,000 short lines") {
    std::string lines;
    for (int i = 0; i < 50'000; ++i) lines += (i % 2 ? "– Иә\n" : "Жол " + std::to_string(i) + "\n");
    Expected<Script> s = plan(lines);
    REQUIRE(s.ok());
    size_t paragraphs = 0;
    for (const Chapter& c : s->chapters) {
      paragraphs += c.heading ? 1 : 0;
      for (const Turn& t : c.turns) paragraphs += t.paragraphs.size();
    }
    CHECK(paragraphs + (s->title ? 1 : 0) == 50'000);
  }
}

TEST_CASE("plan --json and --why show the evidence for every turn and the skipped lines", "[structure][cli]") {
  const std::string text = (fs::path(DAUYS_TEST_DATA) / "interviews/25-page-garbage.txt").string();
  test::CommandResult r = test::RunDauys("plan --json " + test::Quote(text));
  REQUIRE(r.exit_code == 0);
  nlohmann::json plan = nlohmann::json::parse(r.out);
  for (const auto& chapter : plan["chapters"]) {
    for (const auto& turn : chapter["turns"]) CHECK_FALSE(turn["why"].empty());
  }
  CHECK(plan["chapters"][0]["turns"][1]["why"] ==
        nlohmann::json::array({"dash", "first turn", "ends with ?"}));
  CHECK(plan["skipped"] == nlohmann::json::parse(R"([
    {"line": 2, "text": "Печать", "reason": "page furniture"},
    {"line": 3, "text": "1254", "reason": "no words"},
    {"line": 4, "text": "чвпвпа", "reason": "no words"},
    {"line": 8, "text": "👁 3 402", "reason": "no words"}])"));

  r = test::RunDauys("plan --why " + test::Quote(text));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("  [rakhat-ospanov Рахат Оспанов] line 7, 1 paragraph: Қар жеткілікті болса, желтоқсанның ортасында.\n"
                   "      why: dash, alternation\n") != std::string::npos);
  CHECK(r.out.find("Skipped line 4 (no words): чвпвпа\n") != std::string::npos);

  test::TempDir dir;
  r = test::RunDauys("build " + test::Quote(text) + " -o " + test::Quote(dir.path().string()) + " --quiet --dry-run");
  CHECK(r.err.find("dauys: warning: " + text + ": line 4: not spoken (no words): \"чвпвпа\"\n") != std::string::npos);
}

TEST_CASE("the sidecar overrides a decision, and the plan says so", "[structure][overrides]") {
  test::TempDir dir;
  // A dash line that is the paper's own aside, not a question: the decoder cannot
  // know, the editor says so.
  test::WriteFile(dir / "a.txt",
                  "Ауыл дәрігері Сәуле Жақыпова туралы.\n"
                  "– Отыз жыл бойы бір ауылда жұмыс істеген дәрігер сирек кездеседі.\n"
                  "– Қиын болды ма?\n"
                  "– Әрине, бірақ қызықты болды.\n");
  test::CommandResult r = test::RunDauys("plan --json " + test::Quote((dir / "a.txt").string()));
  REQUIRE(r.exit_code == 0);
  nlohmann::json plan = nlohmann::json::parse(r.out);
  REQUIRE(plan["chapters"][0]["turns"].size() >= 3);
  CHECK(plan["chapters"][0]["turns"][1]["role"] != "narrator");

  test::WriteFile(dir / "a.txt.toml", "[lines]\n2 = \"narrator\"\n");
  r = test::RunDauys("plan --json " + test::Quote((dir / "a.txt").string()));
  REQUIRE(r.exit_code == 0);
  plan = nlohmann::json::parse(r.out);
  const auto& turns = plan["chapters"][0]["turns"];
  REQUIRE(turns.size() == 3);
  CHECK(turns[0]["lines"] == nlohmann::json::array({1, 2}));
  CHECK(turns[1]["role"] == "interviewer");
  CHECK(turns[1]["why"] == nlohmann::json::array({"dash", "first turn", "ends with ?"}));
  CHECK(turns[2]["role"] == "interviewee");

  test::WriteFile(dir / "a.txt.toml", "[lines]\n3 = \"interviewee\"\n");
  r = test::RunDauys("plan --json " + test::Quote((dir / "a.txt").string()));
  REQUIRE(r.exit_code == 0);
  plan = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& turn : plan["chapters"][0]["turns"]) {
    if (turn["lines"][0] == 3) {
      found = true;
      CHECK(turn["role"] == "interviewee");
      CHECK(turn["why"] == nlohmann::json::array({"override"}));
    }
  }
  CHECK(found);
}

TEST_CASE("one interview in Cyrillic, Latin and Arabic script has one structure", "[structure][scripts]") {
  auto plan = [](const std::string& interview, const std::string& script) {
    return SegmentFile(fs::path(DAUYS_TEST_DATA) / "scripts" / (interview + "." + script + ".txt"), SegmentOptions{});
  };
  auto shape = [](const Script& s) {
    std::string out = s.title ? "title\n" : "-\n";
    for (const Chapter& c : s.chapters) {
      out += "chapter\n";
      for (const Turn& t : c.turns) {
        out += std::string(RoleName(t.role)) + " " + std::to_string(t.paragraphs.size()) + "\n";
      }
    }
    return out;
  };
  for (const char* interview : {"library", "lab"}) {
    const Script cyrillic = plan(interview, "cyrillic");
    for (const char* script : {"latin2018", "latin2021", "arabic"}) {
      INFO(interview << " in " << script);
      const Script other = plan(interview, script);
      CHECK(shape(other) == shape(cyrillic));
      CHECK(other.skipped.empty());  // Arabic-script words are words, not furniture
    }
  }
  // Names are found in every script, the Arabic one without capitals, and kept in the
  // script of the text.
  auto name = [&](const std::string& interview, const std::string& script, Role role) {
    const Script planned = plan(interview, script);
    const Speaker* s = planned.FirstWithRole(role);
    return s ? s->name : std::string("(none)");
  };
  CHECK(name("library", "cyrillic", Role::kInterviewee) == "Сәуле Нұрланқызы");
  CHECK(name("library", "latin2018", Role::kInterviewee) == "Sáýle Nurlanqyzy");
  CHECK(name("library", "latin2021", Role::kInterviewee) == "Säule Nūrlanqyzy");
  CHECK(name("library", "arabic", Role::kInterviewee) == "ساۋلە نۇرلانقىزى");
  CHECK(name("lab", "cyrillic", Role::kInterviewee) == "Дана Асқарқызы");
  CHECK(name("lab", "arabic", Role::kInterviewee) == "دانا اسقارقىزى");
  CHECK(name("lab", "cyrillic", Role::kInterviewer) == "Нұрлан Оспанов");
  CHECK(name("lab", "latin2018", Role::kInterviewer) == "Nurlan Ospanov");
  CHECK(name("lab", "latin2021", Role::kInterviewer) == "Nūrlan Ospanov");
  CHECK(name("lab", "arabic", Role::kInterviewer) == "نۇرلان وسپانوۆ");
}

TEST_CASE("a page without capitals names no one from words alone", "[structure][scripts]") {
  // Arabic-script Kazakh: a name is told by its endings (-ов, -ұлы, -қызы), not by a
  // capital, so a plain word or a closing thanks is never taken for one.
  CHECK(IntervieweeFromLead("وسى جىلى اۋىلدا جاڭا مەكتەپ اشىلدى.", WordLists::BuiltIn()) == std::nullopt);
  CHECK(IntervieweeFromLead("ساۋلە نۇرلانقىزىمەن سۇحباتتاستىق.", WordLists::BuiltIn()) == "ساۋلە نۇرلانقىزى");
  CHECK(AddressedName("راقمەت! ٴسىز كەلدىڭىز.", WordLists::BuiltIn()) == std::nullopt);
  CHECK(NameFromHeadline("كىتاپحانا مەڭگەرۋشىسى: «بالالار كوپ وقيدى»", WordLists::BuiltIn()) == std::nullopt);
  CHECK(NameFromHeadline("ساۋلە نۇرلانقىزى: «بالالار كوپ وقيدى»", WordLists::BuiltIn()) == "ساۋلە نۇرلانقىزى");
  CHECK_FALSE(LooksLikeSurname("مەكتەپ"));
  CHECK(LooksLikeSurname("وسپانوۆ"));
  CHECK(StripCaseEnding("وسپانوۆتىڭ") == "وسپانوۆ");
  // Labels: «Сұрақ», «Жауап», «Тілекші» in every script, and a name with a surname's
  // ending; any other words before a colon are text ("ماسەلەن:", for example:).
  CHECK(SplitLabel("سەرىك جاقىپوۆ:").has_value());
  CHECK(SplitLabel("يمانبەك مولداحمەت ۇلى، زەينەتكەر: ءوركەنيەت كوشىندە")->role == "زەينەتكەر");
  CHECK(SplitLabel("تىلەكشى:").has_value());
  CHECK(IsQuestionLabel("تىلەكشى"));
  CHECK(IsAnswerLabel("جاۋاپ"));
  CHECK(IsQuestionLabel("Sūraq"));
  CHECK(IsAnswerLabel("Jaýap"));
  CHECK_FALSE(SplitLabel("ماسەلەن: قالا اتاۋى وزگەردى").has_value());
  // «1. …?» is a numbered question; a page number alone is not.
  CHECK(StripNumberedQuestion("1. Неге таңдадыңыз?") == "1. Неге таңдадыңыз?");
  CHECK_FALSE(StripNumberedQuestion("12").has_value());
  CHECK_FALSE(StripNumberedQuestion("1.").has_value());
  CHECK_FALSE(StripNumberedQuestion("1. Мектеп ашылды.").has_value());
  CHECK_FALSE(SplitLabel("جاڭا كىتاپ: بالالارعا ارنالعان").has_value());
}

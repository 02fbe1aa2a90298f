// The words that tell who speaks as data: voices/words.txt, its errors, and an edit to
// it changing what dauys decides.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "test_util.h"
#include "text/person_names.h"
#include "text/word_lists.h"

using namespace dauys;

namespace {

std::string ParseError(const std::string& text) {
  Expected<WordLists> lists = WordLists::Parse(text, "voices/words.txt");
  REQUIRE_FALSE(lists.ok());
  return lists.error().message;
}

/// A copy of the bundled voice folder whose words.txt is `words` (none when empty).
void CopyVoices(const std::filesystem::path& to, const std::string& words) {
  std::filesystem::copy(test::SourceDir() / "voices", to, std::filesystem::copy_options::recursive);
  std::filesystem::remove(to / "words.txt");
  if (!words.empty()) test::WriteFile(to / "words.txt", words);
}

}  // namespace

TEST_CASE("the built-in word lists are voices/words.txt as shipped", "[words]") {
  const WordLists& built_in = WordLists::BuiltIn();
  Expected<WordLists> file = WordLists::Load(test::SourceDir() / "voices");
  REQUIRE(file.ok());
  CHECK(file->title_words == built_in.title_words);
  CHECK(file->byline_verbs == built_in.byline_verbs);
  CHECK(file->question_words == built_in.question_words);
  CHECK(built_in.title_words.size() == 13);
  CHECK(built_in.byline_verbs.size() == 16);
  CHECK(built_in.byline_verbs[3] == "сұхбатты жүргізген");  // '_' joins the words of one entry
  CHECK(built_in.byline_verbs.back() == "سۇحباتتاسقان");
  CHECK(built_in.headline_byline_verbs == std::vector<std::string>{"сұхбаттасқан", "сұқбаттасқан", "әңгімелескен"});
  CHECK(built_in.talk_words.size() == 49);
  CHECK(built_in.guest_words.size() == 7);
  CHECK(built_in.interview_words == std::vector<std::string>{"сұхбат", "әңгімелес", "интервью"});
  CHECK(built_in.reporting_verbs.size() == 18);
  CHECK(built_in.kinship_words.size() == 19);
  CHECK(built_in.address_female.size() == 6);
  CHECK(built_in.address_male.size() == 6);
  CHECK(built_in.tv_voices.size() == 9);
  CHECK(built_in.question_words.size() == 24);
  CHECK(built_in.lead_asks.size() == 11);
  CHECK(built_in.lead_asks[0] == "деп сұрадық");
  CHECK(built_in.thanks_words == std::vector<std::string>{"рақмет", "рахмет", "алғыс"});
  test::TempDir dir;
  Expected<WordLists> none = WordLists::Load(dir.path());
  REQUIRE(none.ok());
  CHECK(none->reporting_verbs == built_in.reporting_verbs);
}

TEST_CASE("a section written replaces its words; one left out keeps dauys's own", "[words]") {
  Expected<WordLists> lists = WordLists::Parse("[title-words]\nПрофессор  РЕКТОР # the head of a university\n", "w");
  REQUIRE(lists.ok());
  CHECK(lists->title_words == std::vector<std::string>{"профессор", "ректор"});
  CHECK(lists->byline_verbs == WordLists::BuiltIn().byline_verbs);
}

TEST_CASE("a words file that is wrong says where and what", "[words]") {
  CHECK(ParseError("ректор\n") == "voices/words.txt: line 1: words before a section such as [title-words]");
  CHECK(ParseError("[title-words]\nректор\n\n[titles]\n") ==
        "voices/words.txt: line 4: unknown section [titles] (known: [title-words], [byline-verbs], "
        "[headline-byline-verbs], [talk-words], [guest-words], [interview-words], [reporting-verbs], "
        "[kinship-words], [address-female], [address-male], [tv-voices], [question-words], [lead-asks], "
        "[thanks-words])");
  const std::string not_a_word = "' is not a word: letters only, '-' inside a word, '_' between the words of one entry";
  CHECK(ParseError("[byline-verbs]\nдайындаған 2024ж\n") == "voices/words.txt: line 2: '2024ж" + not_a_word);
  CHECK(ParseError("[byline-verbs]\nдайындаған:\n") == "voices/words.txt: line 2: 'дайындаған:" + not_a_word);
  CHECK(ParseError("[byline-verbs]\n_жүргізген\n") == "voices/words.txt: line 2: '_жүргізген" + not_a_word);
  CHECK(ParseError("[tv-voices]\nкорр.\n") == "voices/words.txt: line 2: 'корр." + not_a_word);
  CHECK(ParseError("[tv-voices]\nдиктор\nтілші \xff\n") ==
        "voices/words.txt: line 3: invalid UTF-8 or a NUL byte; this is not a text file");
  CHECK(ParseError(std::string("[tv-voices]\n\0", 13)) ==
        "voices/words.txt: line 2: invalid UTF-8 or a NUL byte; this is not a text file");
}

TEST_CASE("a words file that is huge or a device is refused", "[words]") {
  test::TempDir dir;
  std::filesystem::create_symlink("/dev/zero", dir / "words.txt");
  Expected<WordLists> zero = WordLists::Load(dir.path());
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error().message ==
        (dir / "words.txt").string() + ": not a regular file (a device or socket cannot be a words file)");
  std::filesystem::remove(dir / "words.txt");
  test::WriteFile(dir / "words.txt", "[title-words]\n" + std::string(2u << 20, 'a') + "\n");
  Expected<WordLists> huge = WordLists::Load(dir.path());
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().message == (dir / "words.txt").string() + ": larger than 1 MB, the limit for a words file");
}

TEST_CASE("a title word added keeps it out of a name", "[words]") {
  const std::string headline = "Ректор Сәкенов: Білім – болашақтың кілті";
  CHECK(NameFromHeadline(headline, WordLists::BuiltIn()) == "Ректор Сәкенов");
  Expected<WordLists> lists = WordLists::Parse(
      "[title-words]\nпрезидент мемлекет министр профессор доктор академик ақын жазушы депутат директор\n"
      "төраға журналист сенатор ректор\n",
      "w");
  REQUIRE(lists.ok());
  CHECK_FALSE(NameFromHeadline(headline, *lists).has_value());
}

TEST_CASE("a byline verb added to voices/words.txt names the interviewer", "[words][cli]") {
  test::TempDir dir;
  test::WriteFile(dir / "talk.txt",
                  "Ақын Ерлан Сәкеновпен сөйлестік.\n"
                  "– Кітап қалай туды?\n"
                  "– Ұзақ жаздым, үш жыл.\n"
                  "Сауалнаманы жүргізген Айгүл Сейіл\n");
  auto interviewer = [&](const std::string& words) {
    std::filesystem::remove_all(dir / "voices");
    CopyVoices(dir / "voices", words);
    test::CommandResult r = test::RunDauys("plan --json --voices " + test::Quote((dir / "voices").string()) + " " +
                                           test::Quote((dir / "talk.txt").string()));
    REQUIRE(r.exit_code == 0);
    const nlohmann::json plan = nlohmann::json::parse(r.out);
    for (const nlohmann::json& s : plan["speakers"]) {
      if (s["role"] == "interviewer") return s["name"].is_null() ? std::string("(unnamed)") : s["name"].get<std::string>();
    }
    return std::string("(none)");
  };
  const std::string shipped = test::ReadFile(test::SourceDir() / "voices" / "words.txt");
  const std::string before = interviewer("");
  CHECK(before == interviewer(shipped));  // no file: the same words as shipped
  CHECK(before == "(unnamed)");  // the line is read as the guest's answer
  std::string edited = shipped;
  const std::string section = "[byline-verbs]\n";
  edited.insert(edited.find(section) + section.size(), "сауалнаманы_жүргізген\n");
  CHECK(interviewer(edited) == "Айгүл Сейіл");
}

TEST_CASE("a bad voices/words.txt stops plan with its message", "[words][cli]") {
  test::TempDir dir;
  CopyVoices(dir / "voices", "[byline-verbs]\nдайындаған\n[titles]\n");
  test::WriteFile(dir / "talk.txt", "– Кітап қалай туды?\n– Ұзақ жаздым.\n");
  test::CommandResult r = test::RunDauys("plan --voices " + test::Quote((dir / "voices").string()) + " " +
                                         test::Quote((dir / "talk.txt").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "dauys: error: " + (dir / "voices" / "words.txt").string() +
                     ": line 3: unknown section [titles] (known: [title-words], [byline-verbs], "
                     "[headline-byline-verbs], [talk-words], [guest-words], [interview-words], [reporting-verbs], "
                     "[kinship-words], [address-female], [address-male], [tv-voices], [question-words], [lead-asks], "
                     "[thanks-words])\n");
}

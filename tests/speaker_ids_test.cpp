// Speaker ids: how a sidecar names a speaker, the same whatever the turns around them.
#include <catch2/catch.hpp>

#include <map>

#include "test_util.h"
#include "text/overrides.h"
#include "text/speaker_ids.h"

using namespace dauys;
namespace fs = std::filesystem;

namespace {

Speaker Named(Role role, const std::string& name) { return Speaker{"", role, name, RoleName(role), ""}; }

std::vector<std::string> Ids(const std::vector<Speaker>& speakers) {
  std::vector<std::string> out;
  for (const Speaker& s : speakers) out.push_back(s.id);
  return out;
}

}  // namespace

TEST_CASE("ids come from names, else from the role; unnamed guests are numbered among themselves", "[speaker_ids]") {
  std::vector<Speaker> speakers = {Named(Role::kNarrator, ""),
                                   Named(Role::kInterviewer, ""),
                                   Named(Role::kInterviewee, ""),
                                   Named(Role::kInterviewee, "Ерлан Сакенов"),
                                   Named(Role::kInterviewee, ""),
                                   Named(Role::kInterviewee, "Ерлан Сакенов"),
                                   Named(Role::kInterviewee, "Qazaq Tili")};
  AssignSpeakerIds(speakers);
  CHECK(Ids(speakers) == std::vector<std::string>{"narrator", "interviewer", "guest-1", "erlan-sakenov", "guest-2",
                                                  "erlan-sakenov-2", "qazaq-tili"});
  // A named interviewer is named by the name; "interviewer" stays free.
  std::vector<Speaker> named = {Named(Role::kNarrator, ""), Named(Role::kInterviewer, "Жанна Жомарт"),
                                Named(Role::kInterviewee, "")};
  AssignSpeakerIds(named);
  CHECK(Ids(named) == std::vector<std::string>{"narrator", "zhanna-zhomart", "guest-1"});
}

TEST_CASE("a name's id does not depend on who speaks before it", "[speaker_ids]") {
  std::vector<Speaker> one = {Named(Role::kNarrator, ""), Named(Role::kInterviewer, ""),
                              Named(Role::kInterviewee, "Дина Омарова"), Named(Role::kInterviewee, "Асқар Сейітов")};
  std::vector<Speaker> other = {Named(Role::kNarrator, ""), Named(Role::kInterviewee, "Асқар Сейітов"),
                                Named(Role::kInterviewer, ""), Named(Role::kInterviewee, "Дина Омарова")};
  AssignSpeakerIds(one);
  AssignSpeakerIds(other);
  CHECK(Ids(one) == std::vector<std::string>{"narrator", "interviewer", "dina-omarova", "asqar-seiitov"});
  CHECK(Ids(other) == std::vector<std::string>{"narrator", "asqar-seiitov", "interviewer", "dina-omarova"});
  // A guest whose name has no Latin form is numbered as the unnamed are.
  std::vector<Speaker> arabic = {Named(Role::kNarrator, ""), Named(Role::kInterviewee, "نۇرلان")};
  AssignSpeakerIds(arabic);
  CHECK(Ids(arabic) == std::vector<std::string>{"narrator", "guest-1"});
}

TEST_CASE("a sidecar key is an id, a role, or an old number that warns", "[speaker_ids][overrides]") {
  Script script;
  script.speakers = {Named(Role::kNarrator, ""), Named(Role::kInterviewer, ""), Named(Role::kInterviewee, "Ерлан Сакенов")};
  AssignSpeakerIds(script.speakers);
  CHECK(FindSpeakerByKey(script, "erlan-sakenov")->index == 2);
  CHECK(FindSpeakerByKey(script, "interviewee")->index == 2);
  CHECK_FALSE(FindSpeakerByKey(script, "interviewee")->numbered);
  CHECK(FindSpeakerByKey(script, "s3")->index == 2);
  CHECK(FindSpeakerByKey(script, "s3")->numbered);
  for (const char* missing : {"s4", "s0", "s03", "guest-1", "s", "S2", "erlan"}) {
    CAPTURE(missing);
    CHECK_FALSE(FindSpeakerByKey(script, missing));
  }

  Expected<Overrides> o = ParseOverrides("[speakers]\ns3 = { name = \"Ерлан Сәкенов\" }\n", "book.toml");
  REQUIRE(o.ok());
  Expected<std::vector<std::string>> warnings = ApplyOverrides(*o, script);
  REQUIRE(warnings.ok());
  CHECK(script.speakers[2].name == "Ерлан Сәкенов");
  CHECK(script.speakers[2].id == "erlan-sakenov");
  CHECK(*warnings == std::vector<std::string>{"book.toml: line 2: speaker \"s3\" is numbered the old way (numbers "
                                              "move when the turns change); its id is \"erlan-sakenov\": write that "
                                              "instead"});

  o = ParseOverrides("title = \"Су\"\n\n[speakers]\ns7 = { name = \"Б\" }\n", "book.toml");
  REQUIRE(o.ok());
  warnings = ApplyOverrides(*o, script);
  REQUIRE_FALSE(warnings.ok());
  CHECK(warnings.error().message == "book.toml: line 4: speaker \"s7\" is not in this text; its speakers are "
                                    "\"narrator\", \"interviewer\", \"erlan-sakenov\"");
}

namespace {

const char* kRoundTable =
    "Су тапшылығы туралы дөңгелек үстел\n"
    "Дөңгелек үстелге екі маман қатысты: гидролог Асқар Сейітов пен эколог Дина Омарова.\n"
    "– Өңірде су неге азайды?\n"
    "Асқар Сейітов: Мұздықтар жыл сайын кішірейіп барады.\n"
    "– Ал ауыл шаруашылығы қалай бейімделеді?\n"
    "Дина Омарова: Тамшылатып суару тәсілі көмектеседі.\n"
    "– Қалалар не істеуі керек?\n"
    "Дина Омарова: Құбырлардағы шығынды азайту керек.\n"
    "Асқар Сейітов: Мен келісемін.\n";

/// `dauys plan --json` of `input`, read back: speakers by id (role, name, voice), and
/// the speaker of each turn.
struct ReadPlan {
  std::map<std::string, std::vector<std::string>> speakers;
  std::vector<std::string> turns;
  std::string err;
};

ReadPlan PlanOf(const fs::path& input) {
  test::CommandResult r = test::RunDauys("plan --json " + test::Quote(input.string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const nlohmann::json plan = nlohmann::json::parse(r.out);
  ReadPlan out;
  for (const auto& s : plan["speakers"]) {
    out.speakers[s["id"]] = {s["role"], s["name"].is_null() ? "" : s["name"].get<std::string>(), s["voice"]};
  }
  for (const auto& c : plan["chapters"]) {
    for (const auto& t : c["turns"]) out.turns.push_back(t["speaker"]);
  }
  out.err = r.err;
  return out;
}

}  // namespace

TEST_CASE("a guest keeps its id and the sidecar's name when an override changes the turns before it",
          "[speaker_ids][cli]") {
  test::TempDir dir;
  const fs::path input = dir / "talk.txt";
  test::WriteFile(input, kRoundTable);
  const std::string names = "[speakers]\ndina-omarova = { name = \"Дина Омарқызы\", voice = \"interviewee-3\" }\n";
  test::WriteFile(dir / "talk.txt.toml", names);
  ReadPlan before = PlanOf(input);
  CHECK(before.turns == std::vector<std::string>{"narrator", "interviewer", "asqar-seiitov", "interviewer",
                                                 "dina-omarova", "interviewer", "dina-omarova", "asqar-seiitov"});
  CHECK(before.speakers["dina-omarova"] == std::vector<std::string>{"interviewee", "Дина Омарқызы", "interviewee-3"});

  // Line 4, the first guest's first answer, is the narrator's now: the second guest is
  // the first to answer (it was "s3" by the old numbering, and is "s3" no longer).
  test::WriteFile(dir / "talk.txt.toml", names + "\n[lines]\n4 = \"narrator\"\n");
  ReadPlan after = PlanOf(input);
  CHECK(after.turns == std::vector<std::string>{"narrator", "interviewer", "narrator", "interviewer", "dina-omarova",
                                                "interviewer", "dina-omarova", "asqar-seiitov"});
  CHECK(after.speakers["dina-omarova"] == std::vector<std::string>{"interviewee", "Дина Омарқызы", "interviewee-3"});
  CHECK(after.speakers["asqar-seiitov"][1] == "Асқар Сейітов");
  CHECK(after.speakers.size() == 4);
  CHECK(after.err.empty());
}

TEST_CASE("an unnamed guest keeps its id and name when it comes to speak first", "[speaker_ids][cli]") {
  test::TempDir dir;
  const fs::path input = dir / "talk.txt";
  test::WriteFile(input,
                  "Су тапшылығы туралы әңгіме\n"
                  "– Өңірде су неге азайды?\n"
                  "– Мұздықтар жыл сайын кішірейіп барады.\n"
                  "– Ал ауыл шаруашылығы қалай бейімделеді?\n"
                  "– Тамшылатып суару тәсілі көмектеседі.\n");
  const std::string names = "[speakers]\ninterviewer = { name = \"Жанна Жомарт\" }\nguest-1 = { name = \"Асқар Сейітов\" }\n";
  test::WriteFile(dir / "talk.txt.toml", names);
  ReadPlan before = PlanOf(input);
  CHECK(before.turns == std::vector<std::string>{"interviewer", "guest-1", "interviewer", "guest-1"});
  // The guest now speaks first, which made them "s2" and gave them the interviewer's name.
  test::WriteFile(dir / "talk.txt.toml", names + "[lines]\n2 = \"interviewee\"\n");
  ReadPlan after = PlanOf(input);
  CHECK(after.turns == std::vector<std::string>{"guest-1", "interviewer", "guest-1"});
  CHECK(after.speakers["guest-1"] == std::vector<std::string>{"interviewee", "Асқар Сейітов", "interviewee"});
  CHECK(after.speakers["interviewer"] == std::vector<std::string>{"interviewer", "Жанна Жомарт", "interviewer"});
}

TEST_CASE("an old number still finds its speaker, with a warning; an id the text lacks is an error",
          "[speaker_ids][cli][messages]") {
  test::TempDir dir;
  const fs::path input = dir / "talk.txt";
  const std::string sidecar = (dir / "talk.txt.toml").string();
  test::WriteFile(input, kRoundTable);
  test::WriteFile(sidecar, "title = \"Су\"\n\n[speakers]\ns4 = { name = \"Дина Омарқызы\" }\n");
  ReadPlan plan = PlanOf(input);
  CHECK(plan.speakers["dina-omarova"][1] == "Дина Омарқызы");
  CHECK(plan.err == "dauys: warning: " + sidecar +
                        ": line 4: speaker \"s4\" is numbered the old way (numbers move when the turns change); its "
                        "id is \"dina-omarova\": write that instead\n");

  test::WriteFile(sidecar, "title = \"Су\"\n\n[speakers]\nguest-2 = { name = \"Біреу\" }\n");
  const std::string expected = "dauys: error: " + sidecar +
                               ": line 4: speaker \"guest-2\" is not in this text; its speakers are \"narrator\", "
                               "\"interviewer\", \"asqar-seiitov\", \"dina-omarova\"\n";
  test::CommandResult r = test::RunDauys("plan " + test::Quote(input.string()));
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == expected);
  r = test::RunDauys("build " + test::Quote(input.string()) + " -q -o " + test::Quote((dir / "out").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.err == expected);
  CHECK_FALSE(fs::exists(dir / "out" / "talk"));
}

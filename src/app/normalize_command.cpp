#include "app/command.h"

#include <unistd.h>

#include "app/cli.h"
#include "input/read_input.h"
#include "text/language.h"
#include "util/atomic_file.h"

namespace dauys::cli {

namespace fs = std::filesystem;

namespace {

int RunNormalize(const CommonOptions& common, std::ostream& out, std::ostream& err) {
  Expected<Lexicon> lexicon = LoadLexicon(common);
  if (!lexicon) {
    Report(err, lexicon.error());
    return kExitFailed;
  }
  Expected<Document> doc = Error{""};
  if (common.input.empty() || common.input == "-") {
    Expected<std::string> bytes = ReadWholeStream(STDIN_FILENO, "<stdin>", kTextReadLimits);
    doc = bytes ? ParseDocument(*bytes, "<stdin>", /*require_text=*/false) : Expected<Document>(bytes.error());
  } else {
    Expected<std::string> bytes = ReadInputBytes(common.input);
    Expected<InputFormat> format = bytes ? DetectFormat(*bytes, common.input) : Expected<InputFormat>(bytes.error());
    if (!format) {
      doc = format.error();
    } else if (*format == InputFormat::kText) {
      doc = ParseDocument(*bytes, common.input, /*require_text=*/false);
    } else {
      doc = ReadFormat(std::move(*bytes), common.input, *format);
    }
  }
  if (!doc) {
    Report(err, doc.error());
    return kExitFailed;
  }
  Expected<ScriptTransliterator> transliterator = ScriptTransliterator::Load(FindVoicesDir(common.voices_dir));
  if (!transliterator) {
    Report(err, transliterator.error());
    return kExitFailed;
  }
  // Each line as the build speaks it: look-alike letters repaired, sentence by sentence,
  // a Russian or English piece as its own voice is given it.
  Normalizer normalizer(*lexicon, ScriptsFor(common, *transliterator, LatinDefault(*doc, *transliterator)));
  for (const Line& line : doc->lines) {
    std::string spoken;
    for (const std::string& sentence : normalizer.SplitSentences(RepairLookAlikes(line.text))) {
      for (const LanguageRun& run : SplitByLanguage(sentence)) {
        std::string said = run.language == "kk" ? normalizer.Normalize(run.text) : SpeakAsWritten(run.text);
        if (said.empty()) continue;
        spoken += (spoken.empty() ? "" : " ") + said;
      }
    }
    if (!(out << spoken << "\n")) break;  // reported by the caller
  }
  return kExitOk;
}

}  // namespace

/// `dauys normalize [INPUT]`.
Command AddNormalizeCommand(CLI::App& app) {
  auto common = std::make_shared<CommonOptions>();
  CLI::App* cmd = app.add_subcommand("normalize", "Print INPUT (or stdin) as it will be spoken, line for line");
  cmd->add_option("INPUT", common->input, "UTF-8 text, or - for standard input");
  cmd->add_option("--voices", common->voices_dir, "Folder with lexicon.txt (default: voices/)");
  AddScriptOption(cmd, *common);
  return {cmd, [common](std::ostream& out, std::ostream& err, bool) {
            return CheckOutput(RunNormalize(*common, out, err), out, err);
          }};
}

}  // namespace dauys::cli

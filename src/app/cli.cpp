#include "app/cli.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

#include "app/command.h"
#include "util/unicode.h"
#include "version.h"

namespace dauys {

namespace {

/// The end of `dauys --help`.
constexpr const char* kHelpFooter = R"(Examples:
  dauys build talk.kk.txt                    render into output/<slug>/
  dauys build talk.kk.txt -o books --single-file --speed 1.25 --announce-speakers
  dauys watch talk.kk.txt -o books           rebuild a moment after each save; Ctrl-C stops
  dauys plan talk.kk.txt --why               who speaks in each turn, and why
  dauys say "Сәлеметсіз бе!" --voice interviewer -o hello.mp3
  dauys voices                               the voice profiles and eSpeak NG variants
  dauys cache gc -o books                    drop cache entries no book uses
  dauys feed books --base-url https://news.example.kz/audio/   a podcast of the books
Run 'dauys COMMAND --help' for a command's options.

Environment:
  DAUYS_VOICES  voice folder when --voices is not given; else share/dauys/voices
                beside an installed dauys, voices/ beside its build folder, ./voices

Exit codes: 0 success; 1 failure (bad input, unwritable output, bad voice profile,
standard output that cannot be written); 2 usage error. watch, stopped by Ctrl-C
or SIGTERM, exits 0.)";

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err, bool err_is_terminal) {
  CLI::App app{"dauys: Kazakh interviews and articles into multi-voice audiobooks", "dauys"};
  app.set_version_flag("--version", std::string("dauys ") + DAUYS_VERSION);
  app.require_subcommand(1);
  app.footer(kHelpFooter);
  // In the order `dauys --help` lists them.
  const std::vector<cli::Command> commands = {
      cli::AddBuildCommand(app),     cli::AddWatchCommand(app),  cli::AddCacheCommand(app),
      cli::AddPlanCommand(app),      cli::AddNormalizeCommand(app), cli::AddVoicesCommand(app),
      cli::AddSayCommand(app),       cli::AddFeedCommand(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return cli::CheckOutput(kExitOk, out, err);
  } catch (const CLI::CallForVersion& e) {
    out << "dauys " << DAUYS_VERSION << "\n";
    return cli::CheckOutput(kExitOk, out, err);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      out << app.help();
      return cli::CheckOutput(kExitOk, out, err);
    }
    err << "dauys: " << Printable(e.what()) << "\nRun 'dauys --help' for usage.\n";
    return kExitUsage;
  }
  for (const cli::Command& command : commands) {
    if (command.app->parsed()) return command.run(out, err, err_is_terminal);
  }
  return kExitUsage;
}

}  // namespace dauys

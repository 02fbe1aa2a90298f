#pragma once
// The dauys command line: parses options and wires the stages together. Streams are
// injected so tests can assert exactly what a user sees.

#include <iosfwd>

namespace dauys {

/// Exit codes: 0 success, 1 failure (bad input, unwritable output, ...), 2 usage error.
enum ExitCode { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

/// Runs `dauys` with `argv`. Results go to `out`, messages and progress to `err`.
/// `err_is_terminal` enables the progress line.
int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
           bool err_is_terminal);

}  // namespace dauys

// dauys: Kazakh interviews and articles into multi-voice audiobooks.
#include <unistd.h>

#include <exception>
#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
  try {
    return dauys::RunCli(argc, argv, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
  } catch (const std::exception& e) {
    std::cerr << "dauys: internal error: " << e.what() << "\n";
    return dauys::kExitFailed;
  }
}

# Writes a C++ file defining voices/words.txt as a string view, so the built-in word
# lists are that file's words and a voice folder without it decides the same.
# Run with -DOUT=<file> -DIN=<voices/words.txt>.
file(READ "${IN}" content)
string(FIND "${content}" ")dauys_words\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} holds the raw string delimiter )dauys_words\"")
endif()
file(WRITE "${OUT}" "// Generated from voices/words.txt by embed_words.cmake; do not edit.\n#include <string_view>\n\nnamespace dauys {\nextern const std::string_view kBuiltInWordsText;\nconst std::string_view kBuiltInWordsText = R\"dauys_words(${content})dauys_words\";\n}  // namespace dauys\n")

#pragma once
// The read-along page's fixed files, compiled into dauys from src/output/web/ (see
// src/CMakeLists.txt), so a build never depends on where it is installed.

#include <string_view>

namespace dauys {

extern const std::string_view kWebPageCss;      ///< src/output/web/page.css
extern const std::string_view kWebPageJs;       ///< src/output/web/page.js
extern const std::string_view kWebPageStrings;  ///< src/output/web/strings.kk.json

}  // namespace dauys

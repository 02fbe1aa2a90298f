#include "text/script.h"

#include "text/language.h"
#include "text/quotes.h"

#include <nlohmann/json.hpp>

#include "util/unicode.h"

namespace dauys {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kNarrator: return "narrator";
    case Role::kInterviewer: return "interviewer";
    case Role::kInterviewee: return "interviewee";
    case Role::kQuoted: return "quoted";
  }
  return "narrator";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kNarrator, Role::kInterviewer, Role::kInterviewee}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

std::string Script::LanguageOf(int line) const {
  auto it = languages.find(line);
  return it == languages.end() ? std::string() : it->second;
}

const Speaker* Script::FirstWithRole(Role role) const {
  for (const Speaker& s : speakers) {
    if (s.role == role) return &s;
  }
  return nullptr;
}

std::string FeaturesJson(const Script& script) {
  using nlohmann::json;
  json doc = json::object();
  if (!script.features) return doc.dump();
  auto named = [](const FeatureVector& f, const auto& names) {
    json o = json::object();
    for (const auto& [k, v] : f) o[std::string(names[k])] = o.value(std::string(names[k]), 0.0) + v;
    return o;
  };
  doc["page"] = named(script.features->page, PageFeatureNames());
  doc["units"] = json::array();
  for (const UnitFeatures& u : script.features->units) {
    json steps = json::array();
    for (const std::optional<FeatureVector>& f : u.steps) steps.push_back(f ? named(*f, RoleFeatureNames()) : json(nullptr));
    doc["units"].push_back({{"line", u.line}, {"text", u.text}, {"steps", steps}});
  }
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

/// With --voice-quotes, a turn's paragraphs in their pieces (null for a paragraph not
/// cut), each piece's speaker and role: null when no paragraph of the turn is cut.
nlohmann::json RunsJson(const Script& script, const Turn& turn) {
  using nlohmann::json;
  json out = json::array();
  bool any = false;
  for (const Paragraph& p : turn.paragraphs) {
    if (p.runs.empty()) {
      out.push_back(nullptr);
      continue;
    }
    any = true;
    json runs = json::array();
    for (const TextRun& r : p.runs) {
      const size_t who = r.quoted ? QuotedSpeaker(script) : turn.speaker;
      const Speaker& s = script.speakers[who < script.speakers.size() ? who : turn.speaker];
      runs.push_back({{"speaker", s.id}, {"role", RoleName(s.role)}, {"text", r.text}});
    }
    out.push_back(std::move(runs));
  }
  return any ? out : json(nullptr);
}

}  // namespace

std::string PlanJson(const Script& script) {
  using nlohmann::json;
  json doc;
  doc["title"] = script.title ? json(*script.title) : json(nullptr);
  if (script.opening) doc["opening"] = *script.opening;
  doc["page"] = {{"kind", script.page_kind}, {"why", script.page_kind_why}};
  doc["speakers"] = json::array();
  for (const Speaker& s : script.speakers) {
    doc["speakers"].push_back({{"id", s.id},
                               {"role", RoleName(s.role)},
                               {"name", s.name.empty() ? json(nullptr) : json(s.name)},
                               {"voice", s.voice}});
    if (!s.gender.empty()) doc["speakers"].back()["gender"] = s.gender;
  }
  doc["chapters"] = json::array();
  for (const Chapter& c : script.chapters) {
    json turns = json::array();
    for (const Turn& t : c.turns) {
      json paragraphs = json::array();
      json lines = json::array();
      json languages = json::object();  // line -> language, for paragraphs not in Kazakh
      for (const Paragraph& p : t.paragraphs) {
        paragraphs.push_back(p.text);
        lines.push_back(p.line);
        std::string language = script.LanguageOf(p.line);
        if (language.empty()) language = DetectLanguage(p.text);
        if (language != "kk") languages[std::to_string(p.line)] = language;
      }
      json turn = {{"speaker", script.speakers[t.speaker].id},
                   {"role", RoleName(t.role)},
                   {"paragraphs", paragraphs},
                   {"lines", lines},
                   {"why", t.why}};
      if (!languages.empty()) turn["languages"] = languages;
      if (json runs = RunsJson(script, t); !runs.is_null()) turn["runs"] = std::move(runs);
      if (t.announcement) turn["announcement"] = *t.announcement;
      turns.push_back(std::move(turn));
    }
    doc["chapters"].push_back({{"number", c.number},
                               {"title", c.title},
                               {"heading", c.heading ? json(*c.heading) : json(nullptr)},
                               {"line", c.line},
                               {"turns", turns}});
  }
  doc["skipped"] = json::array();
  for (const SkippedLine& s : script.skipped) {
    doc["skipped"].push_back({{"line", s.line}, {"text", s.text}, {"reason", s.reason}});
  }
  return doc.dump(2) + "\n";
}

namespace {

std::string FirstWords(const std::string& text, size_t count) {
  std::vector<std::string> words = SplitWords(text);
  std::string out;
  for (size_t i = 0; i < words.size() && i < count; ++i) {
    if (i) out += ' ';
    out += words[i];
  }
  if (words.size() > count) out += " …";
  return out;
}

}  // namespace

std::string PlanOutline(const Script& script, bool why) {
  std::string out;
  out += "Title: " + (script.title ? *script.title : std::string("(none in the text)")) + "\n";
  if (script.opening) out += "Opening: " + *script.opening + "\n";
  // An article is said so (it is read by the narrator alone); --why says it of any page.
  if (script.page_kind != "interview" || why) {
    std::string evidence;
    for (const std::string& w : script.page_kind_why) evidence += (evidence.empty() ? "" : "; ") + w;
    out += "Page: " + script.page_kind + (evidence.empty() ? "" : " (" + evidence + ")") + "\n";
  }
  out += "Speakers:\n";
  for (const Speaker& s : script.speakers) {
    out += "  " + s.id + "  " + RoleName(s.role) + "  " + (s.name.empty() ? "(unnamed)" : s.name) +
           "  voice=" + s.voice + "\n";
  }
  for (const Chapter& c : script.chapters) {
    out += "\nChapter " + std::to_string(c.number) + ": " + c.title + "  (line " +
           std::to_string(c.line) + ")\n";
    for (const Turn& t : c.turns) {
      const Speaker& s = script.speakers[t.speaker];
      std::string who = s.name.empty() ? RoleName(t.role) : s.name;
      out += "  [" + s.id + " " + who + "] line " + std::to_string(t.paragraphs.front().line) +
             ", " + std::to_string(t.paragraphs.size()) + " paragraph" +
             (t.paragraphs.size() == 1 ? "" : "s") + ": " + FirstWords(t.paragraphs.front().text, 8) +
             "\n";
      if (t.announcement) out += "      announced: " + *t.announcement + "\n";
      for (const Paragraph& p : t.paragraphs) {
        for (const TextRun& r : p.runs) {
          if (r.quoted) out += "      quoted, line " + std::to_string(p.line) + ": " + FirstWords(r.text, 8) + "\n";
        }
      }
      if (why && !t.why.empty()) {
        std::string reasons;
        for (const std::string& r : t.why) reasons += (reasons.empty() ? "" : ", ") + r;
        out += "      why: " + reasons + "\n";
      }
    }
  }
  for (const SkippedLine& s : script.skipped) {
    out += "\nSkipped line " + std::to_string(s.line) + " (" + s.reason + "): " + FirstWords(s.text, 8) + "\n";
  }
  return out;
}

}  // namespace dauys

#include "app/command.h"

#include <nlohmann/json.hpp>

#include <cctype>

#include "app/cli.h"
#include "book/publisher.h"
#include "output/feed_books.h"
#include "util/atomic_file.h"
#include "util/calendar_date.h"
#include "util/unicode.h"

namespace dauys::cli {

namespace fs = std::filesystem;

namespace {

/// The file in the output folder where `dauys feed` keeps its options, so every later
/// build into that folder brings the feed up to date.
constexpr const char* kFeedSettingsName = ".feed.json";

std::string FeedSettingsJson(const FeedOptions& o) {
  nlohmann::json j = {{"base_url", o.base_url}, {"title", o.title},         {"author", o.author},
                      {"description", o.description}, {"language", o.language}, {"image", o.image},
                      {"category", o.category}, {"email", o.email}};
  if (o.date) j["date"] = IsoDate(*o.date);
  return j.dump(2) + "\n";
}

/// `dauys feed`: the podcast feed of every book in the output folder; its options are
/// kept for the builds that follow.
int RunFeed(const FeedOptions& options, std::ostream& err) {
  Expected<FeedResult> result = WriteFeed(options, FeedAccess());
  if (!result) return Fail(result.error(), err);
  if (Status s = WriteFileAtomically(options.output_dir / kFeedSettingsName, FeedSettingsJson(options)); !s) {
    return Fail(s.error(), err);
  }
  err << "dauys: " << Printable((options.output_dir / "feed.xml").string()) << ": " << result->episodes
      << (result->episodes == 1 ? " episode" : " episodes") << ", newest " << result->newest << "; "
      << result->written.size() << " files written\n";
  return kExitOk;
}

/// The options the last `dauys feed` kept in `output_dir`, checked as the command line
/// checks them; nullopt when there are none.
Expected<std::optional<FeedOptions>> KeptFeedOptions(const fs::path& output_dir) {
  const fs::path path = output_dir / kFeedSettingsName;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return std::optional<FeedOptions>();
  Expected<std::string> text = ReadWholeFile(path, {1 << 20, "feed settings", false, /*follow_links=*/false});
  if (!text) return text.error();
  const nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  const Error bad{Printable(path.string()) + ": not the feed settings dauys wrote; run dauys feed again"};
  if (!j.is_object()) return bad;
  FeedOptions o;
  o.output_dir = output_dir;
  for (auto [key, field] : {std::pair{"base_url", &o.base_url}, {"title", &o.title}, {"author", &o.author},
                            {"description", &o.description}, {"language", &o.language}, {"image", &o.image},
                            {"category", &o.category}, {"email", &o.email}}) {
    if (!j.contains(key) || !j[key].is_string() || !IsValidUtf8(j[key].get<std::string>())) return bad;
    *field = j[key].get<std::string>();
  }
  if (j.contains("date")) {
    o.date = j["date"].is_string() ? ParseCalendarDate(j["date"].get<std::string>()) : std::nullopt;
    if (!o.date) return bad;
  }
  if (!CheckFeedUrl(o.base_url).empty()) return bad;
  return std::optional<FeedOptions>(std::move(o));
}

/// `dauys feed OUTPUT_DIR --base-url URL`, its options checked before any work.
CLI::App* AddFeedOptions(CLI::App& app, FeedOptions& feed) {
  CLI::App* cmd = app.add_subcommand("feed", "Write OUTPUT_DIR/feed.xml, a podcast of the books built there");
  cmd->add_option("OUTPUT_DIR", feed.output_dir, "Output folder of books built with --single-file")->required();
  cmd->add_option("--base-url", feed.base_url, "URL where OUTPUT_DIR is published")
      ->required()
      ->check(CLI::Validator([](std::string& v) { return CheckFeedUrl(v); }, "URL"));
  cmd->add_option("--title", feed.title, "Podcast title (default: the folder's name)")->check(kUtf8Text);
  cmd->add_option("--author", feed.author, "Podcast author (default: the books' author)")->check(kUtf8Text);
  cmd->add_option("--description", feed.description, "Podcast description (default: the title)")->check(kUtf8Text);
  cmd->add_option("--language", feed.language, "Language tag of the podcast")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            bool ok = v.size() >= 2 && v.size() <= 35 && std::isalpha(static_cast<unsigned char>(v[0]));
            for (char c : v) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-');
            return ok ? "" : "must be a language tag such as kk or kk-KZ, got '" + v + "'";
          },
          "TAG"));
  cmd->add_option("--image", feed.image, "Cover: a URL, or a PNG or JPEG file inside OUTPUT_DIR");
  cmd->add_option("--email", feed.email, "Owner's e-mail address for podcast directories")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            bool ok = v.find('@') != std::string::npos && IsValidUtf8(v);
            for (char c : v) ok = ok && c > ' ' && c != '<' && c != '>' && c != '"';
            return ok ? "" : "must be an e-mail address, got '" + v + "'";
          },
          "ADDRESS"));
  cmd->add_option("--category", feed.category, "iTunes category")->capture_default_str()->check(kUtf8Text);
  cmd->add_option_function<std::string>(
         "--date",
         [&feed](const std::string& v) { feed.date = ParseCalendarDate(v); },
         "Publication day (YYYY-MM-DD) of books whose sidecar gives none")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            return ParseCalendarDate(v) ? "" : "must be a day written YYYY-MM-DD, got '" + v + "'";
          },
          "DATE"));
  return cmd;
}

}  // namespace

Status UpdateKeptFeed(const fs::path& output_dir, std::ostream& err) {
  Expected<std::optional<FeedOptions>> kept = KeptFeedOptions(output_dir);
  if (!kept) return kept.error();
  if (!*kept) return {};
  Expected<FeedResult> result = WriteFeed(**kept, FeedAccess());
  if (!result) return Error{"feed not brought up to date: " + result.error().message};
  err << "dauys: " << Printable((output_dir / "feed.xml").string()) << ": " << result->episodes
      << (result->episodes == 1 ? " episode" : " episodes") << ", newest " << result->newest << "; "
      << result->written.size() << " files written\n";
  return {};
}

Command AddFeedCommand(CLI::App& app) {
  auto feed = std::make_shared<FeedOptions>();
  CLI::App* cmd = AddFeedOptions(app, *feed);
  return {cmd, [feed](std::ostream&, std::ostream& err, bool) { return RunFeed(*feed, err); }};
}

}  // namespace dauys::cli

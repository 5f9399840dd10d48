// Checks the dependency direction of DESIGN section 2 on the real sources:
// every #include "folder/..." in a folder must name a folder it may depend
// on. The same table is written in each folder's README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// folder -> project folders it may include from (itself always allowed).
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"base", {}},
    {"proto", {"base"}},
    {"ipc", {"base", "proto"}},
    {"sandbox", {"base"}},
    {"browser", {"base", "proto", "ipc", "sandbox"}},
    {"renderer", {"base", "proto", "ipc", "sandbox"}},
    {"plugin", {"base", "proto", "ipc", "sandbox"}},
    // The course's lessons: sandtab's vocabulary and channels, never its
    // processes' code (they drive the browser through its shell).
    {"lessons", {"base", "ipc"}},
};

// Calls visit("file:line", "folder[/sub]") for each #include "folder[/sub]/x"
// in the sources under root/folder.
template <typename Visit>
void ForEachInclude(const fs::path& root, const std::string& folder, Visit visit) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"([a-z_]+(/[a-z_]+)*)/[^/"]+")re");
  if (!fs::exists(root / folder)) return;
  for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
    const auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cc" && ext != ".c") continue;
    std::ifstream file(entry.path());
    std::string line;
    for (int number = 1; std::getline(file, line); ++number) {
      std::smatch match;
      if (std::regex_search(line, match, kInclude)) {
        visit(fs::relative(entry.path(), root).string() + ":" + std::to_string(number), std::string(match[1]));
      }
    }
  }
}

std::vector<std::string> Violations(const fs::path& root) {
  std::vector<std::string> violations;
  for (const auto& [folder, allowed] : kAllowed) {
    ForEachInclude(root, folder, [&](const std::string& where, const std::string& path) {
      const std::string target = path.substr(0, path.find('/'));
      if (target == folder || !kAllowed.count(target)) return;  // own folder, or not a project folder
      if (!allowed.count(target)) violations.push_back(where + ": " + folder + "/ may not include " + target + "/");
    });
  }
  return violations;
}

// Sub-folders of renderer/ with a narrower rule: folder -> the project
// folders and sub-folders it may include (itself always allowed). The page
// library knows nothing about IPC; the script library sits on the page and
// never on the renderer process around it (which will link it).
const std::map<std::string, std::set<std::string>> kAllowedSubfolders = {
    {"renderer/page", {"base"}},
    {"renderer/script", {"base", "proto", "ipc", "renderer/page"}},
};

std::vector<std::string> SubfolderViolations(const fs::path& root) {
  std::vector<std::string> violations;
  for (const auto& [folder, allowed] : kAllowedSubfolders) {
    ForEachInclude(root, folder, [&](const std::string& where, const std::string& target) {
      const std::string top = target.substr(0, target.find('/'));
      // A folder's rule covers its sub-folders (renderer/page/css is renderer/page).
      auto within = [&](const std::string& rule) { return target == rule || target.starts_with(rule + "/"); };
      if (within(folder) || (!kAllowed.count(top) && top != "base")) return;  // own, or not a project folder
      if (std::none_of(allowed.begin(), allowed.end(), within)) {
        violations.push_back(where + ": " + folder + "/ may not include " + target + "/");
      }
    });
  }
  return violations;
}

TEST(Layering, EverySubfolderIncludeFollowsItsNarrowerRule) {
  const auto violations = SubfolderViolations(SANDTAB_SOURCE_DIR);
  std::string report;
  for (const auto& violation : violations) report += violation + "\n";
  EXPECT_TRUE(violations.empty()) << report;
}

// A script file that includes the renderer process (or a folder whose name
// merely starts like an allowed one), or a page file that includes the
// script library, is caught; the script library on the page library and
// its sub-folders is not.
TEST(Layering, CatchesTheScriptLibraryIncludingTheRendererProcess) {
  const fs::path root = fs::temp_directory_path() / ("sandtab-sublayering-" + std::to_string(::getpid()));
  fs::create_directories(root / "renderer" / "script");
  fs::create_directories(root / "renderer" / "page");
  std::ofstream(root / "renderer" / "script" / "bad.cc")
      << "#include \"renderer/renderer_service.h\"\n#include \"renderer/page/css/nesting_guard.h\"\n"
      << "#include \"ipc/channel.h\"\n#include \"renderer/pages/x.h\"\n";
  std::ofstream(root / "renderer" / "page" / "bad.cc")
      << "#include \"renderer/script/js_engine.h\"\n#include \"renderer/page/css/css_element.h\"\n";
  auto violations = SubfolderViolations(root);
  fs::remove_all(root);
  std::sort(violations.begin(), violations.end());
  ASSERT_EQ(violations.size(), 3u);
  EXPECT_NE(violations[0].find("renderer/page/ may not include renderer/script/"), std::string::npos);
  EXPECT_NE(violations[1].find("renderer/script/ may not include renderer/"), std::string::npos);
  EXPECT_NE(violations[2].find("renderer/script/ may not include renderer/pages/"), std::string::npos);
}

// A room of browser/ -> the rooms it may include from (itself always
// allowed). Files directly in browser/ are the composition root (Browser,
// the command line, main): they may include every room, and no room may
// include them. The same table is in browser/README.md.
const std::map<std::string, std::set<std::string>> kBrowserRooms = {
    {"common", {}},
    {"process", {"common"}},
    {"loader", {"common"}},
    {"storage", {"loader", "common"}},
    {"plugins", {"process", "common"}},
    {"tab", {"process", "loader", "storage", "plugins", "common"}},
    {"compositor", {"tab", "plugins", "process", "common"}},
    {"window", {"compositor", "tab", "plugins", "loader", "process", "common"}},
    {"shell", {"window", "compositor", "tab", "plugins", "storage", "loader", "process", "common"}},
    {"devtools", {"compositor", "tab", "process", "loader", "common"}},
};

// "browser/tab/tab.cc:12" or "browser/tab" -> "tab"; "" for the root.
std::string RoomOf(const std::string& path) {
  const std::string rest = path.substr(std::string("browser/").size());
  const size_t slash = rest.find('/');
  return slash == std::string::npos ? "" : rest.substr(0, slash);
}

std::vector<std::string> RoomViolations(const fs::path& root) {
  std::vector<std::string> violations;
  ForEachInclude(root, "browser", [&](const std::string& where, const std::string& target) {
    if (target != "browser" && target.rfind("browser/", 0) != 0) return;
    const std::string from = RoomOf(where);
    const std::string to = target == "browser" ? "" : target.substr(std::string("browser/").size());
    if (from.empty() || from == to) return;  // the composition root, or within a room
    if (!kBrowserRooms.count(from)) {
      violations.push_back(where + ": browser/" + from + "/ is not a room of the table");
    } else if (to.empty()) {
      violations.push_back(where + ": browser/" + from + "/ may not include the composition root");
    } else if (!kBrowserRooms.at(from).count(to)) {
      violations.push_back(where + ": browser/" + from + "/ may not include browser/" + to + "/");
    }
  });
  return violations;
}

TEST(Layering, EveryBrowserRoomIncludesOnlyTheRoomsBelowIt) {
  const auto violations = RoomViolations(SANDTAB_SOURCE_DIR);
  std::string report;
  for (const auto& violation : violations) report += violation + "\n";
  EXPECT_TRUE(violations.empty()) << report;
}

// A lower room reaching up (the loader into the tab) and a room reaching
// the composition root are caught; a room including its own files or a
// lower room, and the root including a room, are not.
TEST(Layering, CatchesARoomIncludingUpward) {
  const fs::path root = fs::temp_directory_path() / ("sandtab-rooms-" + std::to_string(::getpid()));
  fs::create_directories(root / "browser" / "loader");
  std::ofstream(root / "browser" / "loader" / "bad.cc") << "#include \"browser/loader/url.h\"\n"
                                                           "#include \"browser/tab/tab.h\"\n"
                                                           "#include \"browser/browser.h\"\n"
                                                           "#include \"browser/common/json_writer.h\"\n";
  std::ofstream(root / "browser" / "browser.cc") << "#include \"browser/shell/shell.h\"\n";
  auto violations = RoomViolations(root);
  fs::remove_all(root);
  std::sort(violations.begin(), violations.end());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_NE(violations[0].find("bad.cc:2: browser/loader/ may not include browser/tab/"), std::string::npos)
      << violations[0];
  EXPECT_NE(violations[1].find("bad.cc:3: browser/loader/ may not include the composition root"), std::string::npos)
      << violations[1];
}

TEST(Layering, EveryIncludeFollowsTheDependencyTable) {
  const auto violations = Violations(SANDTAB_SOURCE_DIR);
  std::string report;
  for (const auto& violation : violations) report += violation + "\n";
  EXPECT_TRUE(violations.empty()) << report;
}

// The check itself must be able to fail: a renderer file that includes a
// browser header is caught.
TEST(Layering, CatchesARendererIncludingTheBrowser) {
  const fs::path root = fs::temp_directory_path() / ("sandtab-layering-" + std::to_string(::getpid()));
  fs::create_directories(root / "renderer");
  std::ofstream(root / "renderer" / "bad.cc") << "#include \"browser/tab/tab.h\"\n#include \"ipc/channel.h\"\n";
  const auto violations = Violations(root);
  fs::remove_all(root);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_NE(violations[0].find("renderer/ may not include browser/"), std::string::npos);
}

// base/ is the bottom layer: it may include no other project folder, and
// sandbox/ may include base/ but still not ipc/.
TEST(Layering, CatchesBaseOrSandboxReachingUp) {
  const fs::path root = fs::temp_directory_path() / ("sandtab-layering-base-" + std::to_string(::getpid()));
  fs::create_directories(root / "base");
  fs::create_directories(root / "sandbox");
  std::ofstream(root / "base" / "bad.h") << "#include \"ipc/channel.h\"\n#include \"base/result.h\"\n";
  std::ofstream(root / "sandbox" / "bad.cc") << "#include \"base/unique_fd.h\"\n#include \"ipc/unique_fd.h\"\n";
  auto violations = Violations(root);
  fs::remove_all(root);
  std::sort(violations.begin(), violations.end());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_NE(violations[0].find("base/bad.h:1: base/ may not include ipc/"), std::string::npos) << violations[0];
  EXPECT_NE(violations[1].find("sandbox/bad.cc:2: sandbox/ may not include ipc/"), std::string::npos) << violations[1];
}

// lessons/ may use base/ and ipc/, and nothing of the processes; no
// process may include lessons/.
TEST(Layering, CatchesTheLessonsReachingIntoTheBrowserOrTheBrowserIntoThem) {
  const fs::path root = fs::temp_directory_path() / ("sandtab-layering-lessons-" + std::to_string(::getpid()));
  fs::create_directories(root / "lessons");
  fs::create_directories(root / "browser");
  std::ofstream(root / "lessons" / "bad.cc") << "#include \"ipc/shared_buffer.h\"\n#include \"browser/tab/tab.h\"\n";
  std::ofstream(root / "browser" / "bad.cc") << "#include \"lessons/narrator.h\"\n";
  auto violations = Violations(root);
  fs::remove_all(root);
  std::sort(violations.begin(), violations.end());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_NE(violations[0].find("browser/bad.cc:1: browser/ may not include lessons/"), std::string::npos)
      << violations[0];
  EXPECT_NE(violations[1].find("lessons/bad.cc:2: lessons/ may not include browser/"), std::string::npos)
      << violations[1];
}

}  // namespace

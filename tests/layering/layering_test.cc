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
    {"proto", {}},
    {"ipc", {"proto"}},
    {"sandbox", {}},
    {"browser", {"proto", "ipc", "sandbox"}},
    {"renderer", {"proto", "ipc", "sandbox"}},
    {"plugin", {"proto", "ipc", "sandbox"}},
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
    {"renderer/page", {}},
    {"renderer/script", {"base", "proto", "ipc", "renderer/page"}},
};

std::vector<std::string> SubfolderViolations(const fs::path& root) {
  std::vector<std::string> violations;
  for (const auto& [folder, allowed] : kAllowedSubfolders) {
    ForEachInclude(root, folder, [&](const std::string& where, const std::string& target) {
      const std::string top = target.substr(0, target.find('/'));
      if (target == folder || (!kAllowed.count(top) && top != "base")) return;  // own, or not a project folder
      if (!allowed.count(target) && !allowed.count(top)) {
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

// A script file that includes the renderer process, or a page file that
// includes the script library, is caught; the script library on the page
// library is not.
TEST(Layering, CatchesTheScriptLibraryIncludingTheRendererProcess) {
  const fs::path root = fs::temp_directory_path() / ("sandtab-sublayering-" + std::to_string(::getpid()));
  fs::create_directories(root / "renderer" / "script");
  fs::create_directories(root / "renderer" / "page");
  std::ofstream(root / "renderer" / "script" / "bad.cc")
      << "#include \"renderer/renderer_service.h\"\n#include \"renderer/page/page.h\"\n#include \"ipc/channel.h\"\n";
  std::ofstream(root / "renderer" / "page" / "bad.cc") << "#include \"renderer/script/js_engine.h\"\n";
  auto violations = SubfolderViolations(root);
  fs::remove_all(root);
  std::sort(violations.begin(), violations.end());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_NE(violations[0].find("renderer/page/ may not include renderer/script/"), std::string::npos);
  EXPECT_NE(violations[1].find("renderer/script/ may not include renderer/"), std::string::npos);
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
  std::ofstream(root / "renderer" / "bad.cc") << "#include \"browser/tab.h\"\n#include \"ipc/channel.h\"\n";
  const auto violations = Violations(root);
  fs::remove_all(root);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_NE(violations[0].find("renderer/ may not include browser/"), std::string::npos);
}

}  // namespace

// Checks the dependency direction of DESIGN section 2 on the real sources:
// every #include "folder/..." in a folder must name a folder it may depend
// on. The same table is written in each folder's README.md.
#include <gtest/gtest.h>

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

std::vector<std::string> Violations(const fs::path& root) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"([a-z_]+)/)re");
  std::vector<std::string> violations;
  for (const auto& [folder, allowed] : kAllowed) {
    if (!fs::exists(root / folder)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
      const auto ext = entry.path().extension();
      if (ext != ".h" && ext != ".cc" && ext != ".c") continue;
      std::ifstream file(entry.path());
      std::string line;
      for (int number = 1; std::getline(file, line); ++number) {
        std::smatch match;
        if (!std::regex_search(line, match, kInclude)) continue;
        const std::string target = match[1];
        if (target == folder || !kAllowed.count(target)) continue;  // own folder, or not a project folder
        if (!allowed.count(target)) {
          violations.push_back(fs::relative(entry.path(), root).string() + ":" + std::to_string(number) +
                               ": " + folder + "/ may not include " + target + "/");
        }
      }
    }
  }
  return violations;
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

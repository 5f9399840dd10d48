// DESIGN section 12: text that came from a child or the network (titles,
// URLs, broker outcomes) reaches the terminal and --json output with its
// control characters replaced. The security review's M7: a page whose title
// and a subresource URL carry ESC sequences (set the terminal title, colour).
#include <filesystem>
#include <fstream>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {
namespace {

// The title is "ESC[31mX"; the image path decodes to "ESC]0;pwned BEL", which
// the refusal (outside the content root) quotes in the broker log.
constexpr char kHostilePage[] =
    "<html><head><title>&#x1b;[31mX</title></head>"
    "<body><img src=\"file:///%1b]0;pwned%07\"></body></html>";

// Every byte a terminal could act on: C0 but the line break, DEL, and ESC
// in particular.
std::string FirstControl(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) {
      return "byte 0x" + std::to_string(c) + " at " + std::to_string(i) + " in: " + text;
    }
  }
  return "";
}

class TerminalTextTest : public ShellTest {
 protected:
  std::string WriteRoot() {
    const std::string root = TempPath("root");
    std::filesystem::create_directory(root);
    std::ofstream(root + "/hostile.html") << kHostilePage;
    return root;
  }
};

TEST_F(TerminalTextTest, JsonAnswersCarryNoControlCharacters) {
  StartShell({"--content-root=" + WriteRoot()});
  TabRef tab = Open("hostile.html");
  // The image's refusal is logged once the renderer asked for it.
  ASSERT_TRUE(PollUntil([&] { return shell().CommandRaw("broker 5").find("pwned") != std::string::npos; }, 10s));
  for (const char* command : {"tabs", "broker 5", "deaths"}) {
    const std::string raw = shell().CommandRaw(command);
    EXPECT_EQ(FirstControl(raw), "") << command;
    // Replaced, not escaped: a consumer decoding the JSON gets no ESC back.
    EXPECT_EQ(raw.find("\\u001b"), std::string::npos) << raw;
  }
  const Json entry = Tab(tab.id);
  EXPECT_EQ(entry.get<std::string>("title"), "\\x1b[31mX");
  const std::string broker = shell().CommandRaw("broker 5");
  EXPECT_NE(broker.find("\\\\x1b]0;pwned\\\\x07"), std::string::npos) << broker;
}

TEST_F(TerminalTextTest, TextAnswersCarryNoControlCharacters) {
  const std::string root = WriteRoot();
  // The text shell, fed from a pipe: open, let the image be refused, report.
  const std::string commands = "open hostile.html\\nwait 1 10\\nbroker 5\\ntabs\\nquit\\n";
  ProcessResult result = RunProcess(
      {"/bin/sh", "-c", "printf '" + commands + "' | \"$0\" --content-root=\"$1\"", SandtabBinary(), root}, 30s);
  ASSERT_EQ(result.exit_code, 0) << result.stderr_text;
  EXPECT_EQ(FirstControl(result.stdout_text), "");
  // What was sent stays readable.
  EXPECT_NE(result.stdout_text.find("\\x1b[31mX"), std::string::npos) << result.stdout_text;
}

}  // namespace
}  // namespace sandtab::integration

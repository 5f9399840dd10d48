// Shared pieces of the plugin integration tests (plugin_*_test.cc): small
// test pages with one plugin type each at exactly known places, written into
// the test's own content root, and readers for `plugins`, `deaths` and the
// pixels docs/plugins.md promises.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/integration_fixture.h"

namespace sandtab::integration {

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  int cx() const { return x + w / 2; }
  int cy() const { return y + h / 2; }
};

// docs/plugins.md colours.
inline constexpr Rgba kClockBackground{0x0B, 0x3D, 0x91, 255};
inline constexpr Rgba kClockFace{0xFF, 0xD4, 0x00, 255};
inline constexpr Rgba kClockRed{0xE4, 0x00, 0x2B, 255};
inline constexpr Rgba kWhite{255, 255, 255, 255};
inline constexpr Rgba kChartAxis{0x33, 0x33, 0x33, 255};
inline constexpr Rgba kPpmBackground{0x20, 0x20, 0x20, 255};
// browser/compositor/compositor.cc DrawPlaceholder: crashed (0.55,0.12,0.12) = #8C1F1F,
// missing (0.45,0.45,0.5) = #737380 (cairo rounds; compare with a tolerance).
inline constexpr Rgba kCrashedPlaceholder{140, 31, 31, 255};
inline constexpr Rgba kMissingPlaceholder{115, 115, 128, 255};
inline constexpr int kPlaceholderTolerance = 2;

// The test pages. Every embed is absolutely positioned, so its box (CSS px,
// document coordinates) is exactly its style; each page also has a marker
// block at (20,20) 200x100 (pages/README.md convention) and is 2000 px tall
// so it can scroll.
inline constexpr Rgba kTestPageBackground{0xE0, 0xF2, 0xF1, 255};  // #E0F2F1
inline constexpr Rgba kTestPageBlock{0x00, 0x4D, 0x40, 255};       // #004D40
inline constexpr Rgba kTestLink{0xFF, 0xAB, 0x00, 255};            // #FFAB00
inline constexpr Box kClockBox{40, 150, 200, 200};
inline constexpr Box kChartBox{300, 150, 300, 200};
inline constexpr Box kPpmBox{660, 150, 100, 100};
// A link below the clock (to chart.html), for "a click outside plugins still
// goes to the page".
inline constexpr Box kLinkBox{40, 380, 200, 40};
// chart.html: data 1,2,4 in red, green, blue, no title.
inline constexpr Rgba kBarColours[3] = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}};
// ppm.html: a 2x2 image, enlarged to four exact 50x50 squares.
inline constexpr Rgba kPpmPixels[4] = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 255, 255}};

inline std::string EmbedAt(const Box& box, const std::string& type, const std::string& attributes) {
  return "<embed type=\"application/x-sandtab-" + type + "\" width=\"" + std::to_string(box.w) + "\" height=\"" +
         std::to_string(box.h) + "\" style=\"position:absolute; left:" + std::to_string(box.x) +
         "px; top:" + std::to_string(box.y) + "px\" " + attributes + ">\n";
}

inline std::string TestPage(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title +
         "</title>\n<style>\n"
         "body { margin: 0; background: #e0f2f1; font-family: \"DejaVu Sans\", sans-serif; }\n"
         ".swatch { position: absolute; left: 20px; top: 20px; width: 200px; height: 100px; "
         "background: #004d40; }\n"
         ".tall { position: absolute; left: 0; top: 1990px; width: 10px; height: 10px; }\n"
         "a.go { position: absolute; display: block; left: 40px; top: 380px; width: 200px; "
         "height: 40px; background: #ffab00; color: #000000; font-size: 20px; }\n"
         "</style></head><body>\n<div class=\"swatch\"></div>\n" +
         body + "<div class=\"tall\"></div>\n</body></html>\n";
}

class PluginShellTest : public ShellTest {
 protected:
  // Writes the test pages into <temp>/root and starts the shell serving them.
  void StartWithPages(std::vector<std::string> flags = {}) {
    root_ = TempPath("root");
    std::filesystem::create_directories(root_);
    const std::string clock = EmbedAt(kClockBox, "clock", "");
    Write("clock.html", TestPage("it: clock", clock + "<a class=\"go\" href=\"chart.html\">go</a>\n"));
    Write("chart.html",
          TestPage("it: chart", EmbedAt(kChartBox, "chart", "data=\"1,2,4\" colors=\"red,#00ff00,#00f\"")));
    Write("ppm.html", TestPage("it: ppm", EmbedAt(kPpmBox, "ppm",
                                                  "data=\"P3 2 2 255  255 0 0  0 255 0  0 0 255  "
                                                  "255 255 255\"")));
    Write("three.html",
          TestPage("it: three", clock + EmbedAt(kChartBox, "chart", "data=\"1,2,4\" colors=\"red,#00ff00,#00f\"") +
                                    EmbedAt(kPpmBox, "ppm",
                                            "data=\"P3 2 2 255  255 0 0  0 255 0  0 0 "
                                            "255  255 255 255\"")));
    Write("clock-crash.html", TestPage("it: clock crash", EmbedAt(kClockBox, "clock", "crash=\"1\"")));
    Write("clock-hang.html", TestPage("it: clock hang", EmbedAt(kClockBox, "clock", "hang=\"1\"")));
    Write("clock-badmessage.html", TestPage("it: clock badmessage", EmbedAt(kClockBox, "clock", "badmessage=\"1\"")));
    Write("nope.html", TestPage("it: nope",
                                "<embed type=\"application/x-sandtab-nope\" width=\"200\" "
                                "height=\"150\" style=\"position:absolute; left:40px; "
                                "top:150px\">\n"));
    Write("light.html", TestPage("it: light", ""));
    flags.push_back("--content-root=" + root_);
    StartShell(flags);
  }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream out(root_ + "/" + name);
    out << text;
    Require(static_cast<bool>(out), "cannot write " + root_ + "/" + name);
  }

  // Every row of `plugins`.
  std::vector<Json> Plugins() {
    Json answer = Ok("plugins");
    Require(answer.get_child_optional("plugins").has_value(),
            "'plugins' has no \"plugins\": " + sandtab::test::ToJsonText(answer));
    return sandtab::test::ArrayAt(answer, "plugins");
  }
  // The `plugins` row of one type, if listed.
  std::optional<Json> Plugin(const std::string& type) {
    for (const Json& row : Plugins()) {
      if (row.get<std::string>("type", "") == type) return row;
    }
    return std::nullopt;
  }
  // The pid of the running plugin process of `type` (throws when none).
  pid_t PluginPid(const std::string& type) {
    auto row = Plugin(type);
    Require(row.has_value() && row->get<std::string>("state", "") == "running",
            "no running '" + type + "' plugin: " + sandtab::test::ToJsonText(Ok("plugins")));
    return row->get<pid_t>("pid");
  }
  std::vector<Json> Deaths() { return sandtab::test::ArrayAt(Ok("deaths"), "deaths"); }
  // The `deaths` entries of plugin processes.
  std::vector<Json> PluginDeaths() {
    std::vector<Json> result;
    for (const Json& death : Deaths()) {
      if (death.get<std::string>("type", "").rfind("plugin", 0) == 0) result.push_back(death);
    }
    return result;
  }

  // Polls screenshots of the tab until pred holds (bounded); the last one.
  Image WaitForPixels(int tab, const std::function<bool(const Image&)>& pred, std::chrono::milliseconds timeout,
                      const std::string& what) {
    Image last;
    bool met = PollUntil(
        [&] {
          last = Screenshot(tab);
          return pred(last);
        },
        timeout);
    Require(met, "tab " + std::to_string(tab) + ": " + what + " not seen within " + std::to_string(timeout.count()) +
                     " ms (screenshots in " + temp_dir() + ")");
    return last;
  }

  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

// Pixels of `image` in the box (shifted up by scroll_y) that are not near
// `colour`, counting only the part inside the image.
inline size_t CountNotNearIn(const Image& image, const Box& box, const Rgba& colour, int tolerance, int scroll_y = 0) {
  return image.CountNotNear(box.x, box.y - scroll_y, box.x + box.w, box.y + box.h - scroll_y, colour, tolerance);
}

// A placeholder fills the box apart from its label text (white, top-left):
// most pixels are its colour.
inline bool ShowsPlaceholder(const Image& image, const Box& box, const Rgba& colour, int scroll_y = 0) {
  const size_t area = static_cast<size_t>(box.w) * box.h;
  return CountNotNearIn(image, box, colour, kPlaceholderTolerance, scroll_y) < area / 5 &&
         sandtab::test::Near(image.At(box.x + box.w - 3, box.y + box.h - 3 - scroll_y), colour, kPlaceholderTolerance);
}

// docs/plugins.md clock facts: background in the corners, red hub in the
// centre, yellow face over 40 % of the instance. "" when they hold, else
// what is wrong.
inline std::string ClockProblem(const Image& image, const Box& box, int scroll_y = 0) {
  const int y = box.y - scroll_y;
  const size_t area = static_cast<size_t>(box.w) * box.h;
  const size_t face = area - CountNotNearIn(image, box, kClockFace, 0, scroll_y);
  std::string problem;
  auto check = [&](bool ok, const std::string& what) {
    if (!ok) problem += what + "; ";
  };
  using sandtab::test::ToString;
  check(image.At(box.x + 2, y + 2) == kClockBackground,
        "top-left corner " + ToString(image.At(box.x + 2, y + 2)) + " is not the clock background");
  check(image.At(box.x + box.w - 3, y + box.h - 3) == kClockBackground,
        "bottom-right corner " + ToString(image.At(box.x + box.w - 3, y + box.h - 3)) + " is not the clock background");
  check(image.At(box.cx(), y + box.h / 2) == kClockRed,
        "centre " + ToString(image.At(box.cx(), y + box.h / 2)) + " is not the red hub");
  check(face * 10 > area * 4, "face " + std::to_string(face) + " of " + std::to_string(area) + " px");
  return problem;
}
inline bool ShowsClock(const Image& image, const Box& box, int scroll_y = 0) {
  return ClockProblem(image, box, scroll_y).empty();
}

// Pixels that differ between two images inside the box / outside it.
inline size_t CountDifferentIn(const Image& a, const Image& b, const Box& box) {
  size_t n = 0;
  for (int y = box.y; y < box.y + box.h; ++y) {
    for (int x = box.x; x < box.x + box.w; ++x) n += a.At(x, y) == b.At(x, y) ? 0 : 1;
  }
  return n;
}
inline size_t CountDifferentOutside(const Image& a, const Image& b, const Box& box) {
  return a.CountDifferent(b) - CountDifferentIn(a, b, box);
}

}  // namespace sandtab::integration

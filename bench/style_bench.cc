// Style matching rows: building a news-sized page (renderer::Page: parse,
// style, lay out) with a framework-sized author sheet, through the
// renderer's RuleIndex and through litehtml's own loop over the whole
// sheet, against the floor of the same page with no author sheet.
#include <benchmark/benchmark.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "renderer/page/page.h"
#include "renderer/page/css/rule_index.h"

namespace sandtab::bench {
namespace {

using renderer::Page;

constexpr int kBlocks = 1000;  // 3,000 elements: a div, a span and a link each
constexpr int kRules = 1000;
constexpr int kClasses = 200;

// Shaped like a CSS framework's sheet: mostly class rules, some descendant
// and child rules ending in a class or a tag, a few ids and pseudo-classes.
std::string Sheet() {
  std::string sheet;
  // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) on
  // "c" + std::to_string(...) here.
  auto add = [&sheet](std::initializer_list<std::string_view> parts) {
    for (std::string_view part : parts) sheet.append(part);
  };
  for (int i = 0; i < kRules; ++i) {
    const std::string c = std::string("c").append(std::to_string(i % kClasses));
    const std::string d = std::string("c").append(std::to_string((i * 7 + 3) % kClasses));
    switch (i % 8) {
      case 0:
      case 1:
      case 2:
        add({".", c});
        break;
      case 3:
        add({".", d, " .", c});
        break;
      case 4:
        add({"div.", c, " > span"});
        break;
      case 5:
        add({"#b", std::to_string(i)});
        break;
      case 6:
        add({".", c, " a:hover"});
        break;
      default:
        add({".", c, ":first-child"});
        break;
    }
    add({"{margin-left:", std::to_string(i % 5), "px;color:#", std::to_string(100 + i % 900), "}\n"});
  }
  return sheet;
}

std::string Document(bool with_sheet) {
  std::string html = "<html><head><title>news</title>";
  if (with_sheet) html += "<style>" + Sheet() + "</style>";
  html += "</head><body>";
  for (int i = 0; i < kBlocks; ++i) {
    const std::string n = std::to_string(i);
    html += "<div id='b" + n + "' class='c" + std::to_string(i % kClasses) + " item'><span class='c" +
            std::to_string((i * 3) % kClasses) + "'>Story " + n + "</span> <a href='#s" + n + "'>more</a></div>";
  }
  return html + "</body></html>";
}

void BuildPage(benchmark::State& state, bool with_sheet, bool indexed) {
  const std::string html = Document(with_sheet);
  renderer::SetRuleIndexEnabled(indexed);
  renderer::TakeRuleIndexCounts();
  for (auto _ : state) {
    Page page(html, "http://bench.test/news.html", 1280, 800);
    benchmark::DoNotOptimize(page.ContentHeight());
  }
  const renderer::RuleIndexCounts counts = renderer::TakeRuleIndexCounts();
  renderer::SetRuleIndexEnabled(true);
  if (counts.elements) {
    state.counters["selectors_per_element"] =
        static_cast<double>(counts.selectors_tested) / static_cast<double>(counts.elements);
  }
}

void BM_StylePlain(benchmark::State& state) { BuildPage(state, false, true); }
void BM_StyleIndexed(benchmark::State& state) { BuildPage(state, true, true); }
void BM_StyleLitehtmlLoop(benchmark::State& state) { BuildPage(state, true, false); }

}  // namespace

// Few iterations: litehtml's loop takes a good part of a second per page.
BENCHMARK(BM_StylePlain)->Name("style/plain")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StyleIndexed)->Name("style/indexed")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StyleLitehtmlLoop)
    ->Name("style/litehtml_loop")
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace sandtab::bench

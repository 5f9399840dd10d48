// The cookie lookup row of issue 22 line 7: what the HTTP stack pays per
// request to find the Cookie header with 10,000 cookies stored, beside the
// same lookup with 100 stored. Every request of every tab asks, on the
// browser's loop, so this is time no tab gets.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "browser/loader/site.h"
#include "browser/storage/cookie_store.h"
#include "browser/storage/storage_database.h"

namespace sandtab::browser {
namespace {

constexpr int kCookiesPerSite = 100;  // under the 180 a registrable domain may hold

// `sites` registrable domains of 100 cookies each (paths / and /app, some
// HttpOnly), in a database in memory; looked up for one site's page.
void BM_CookieLookup(benchmark::State& state) {
  const int sites = static_cast<int>(state.range(0));
  auto database = StorageDatabase::Open("");
  if (!database) return state.SkipWithError(database.error().c_str());
  CookieLimits limits;
  limits.total = limits.total_after_purge = 1'000'000;  // keep all 10,000: the row's point
  int64_t now = 1'700'000'000'000;
  CookieStore store(
      **database, IsPublicSuffix, [&now] { return now; }, limits);
  for (int site = 0; site < sites; ++site) {
    const auto url = ParseUrl(std::string("http://www.site").append(std::to_string(site)).append(".example/app/page"));
    for (int i = 0; i < kCookiesPerSite; ++i) {
      // Built with append: GCC 12 warns falsely (-Wrestrict) on "x" + to_string(i) + "y".
      const std::string number = std::to_string(i);
      std::string line = std::string("c").append(number).append("=value").append(number);
      if (i % 2) {
        line.append("; Path=/app");
      } else {
        line.append("; Path=/; Domain=site").append(std::to_string(site)).append(".example");
      }
      if (i % 5 == 0) line += "; HttpOnly";
      if (!store.Set(*url, line, CookieAccess{})) return state.SkipWithError("a cookie was refused");
    }
  }
  if (store.size() != static_cast<size_t>(sites * kCookiesPerSite)) return state.SkipWithError("cookies evicted");
  const auto target =
      ParseUrl(std::string("http://www.site").append(std::to_string(sites / 2)).append(".example/app/page?q=1"));
  size_t bytes = 0;
  for (auto _ : state) {
    std::string header = store.CookieHeaderFor(*target, CookieAccess{});
    bytes = header.size();
    benchmark::DoNotOptimize(header);
  }
  state.counters["stored"] = static_cast<double>(store.size());
  state.counters["header_bytes"] = static_cast<double>(bytes);
}

BENCHMARK(BM_CookieLookup)->Name("storage/cookie_lookup")->Arg(1)->Arg(100)->UseRealTime();

}  // namespace
}  // namespace sandtab::browser

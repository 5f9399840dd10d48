// DESIGN section 14 against a compromised renderer (the grants-probe
// scenario's |cookies|URL, tests/support/hostile/grants_scenarios.cc): on
// its storage channel it asks for cookies as document.cookie would. Its own
// site's are answered (never the HttpOnly ones); another site's kill it as
// a bad message with the rule named, and every other tab keeps its
// renderer and its pixels.
#include "tests/integration/hostile_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

LoopbackHttpServer::Response PageSetting(std::vector<std::string> cookies) {
  LoopbackHttpServer::Response response;
  response.headers = {{"Content-Type", "text/html"}};
  for (auto& line : cookies) response.headers.emplace_back("Set-Cookie", std::move(line));
  response.body = "<!DOCTYPE html><title>login</title>";
  return response;
}

class HostileStorageTest : public HostileTest {};

TEST_F(HostileStorageTest, ItsOwnSitesCookiesAreAnsweredWithoutHttpOnlyOnes) {
  LoopbackHttpServer site;
  site.Serve("/login", PageSetting({"session=s3cret; Path=/; HttpOnly", "user=ann; Path=/"}));
  const std::string path = "/hostile|cookies|" + site.Url("/account");
  site.Serve(path, "text/html", "<!DOCTYPE html><title>web</title>");
  StartHostile(HostileOptions("grants-probe"));
  Open(site.Url("/login"));
  TabRef hostile = OpenHostileTab(site.Url(path));
  Json tab = WaitForTab(
      hostile.id, [](const Json& t) { return t.get<std::string>("title", "").rfind("ok:", 0) == 0; }, 20s,
      "the scenario's report");
  EXPECT_EQ(tab.get<std::string>("title"), "ok:user=ann");
  ExpectBenignTabsUntouched();
}

TEST_F(HostileStorageTest, AskingForAnotherSitesCookiesKillsTheRenderer) {
  LoopbackHttpServer site("127.0.0.1");
  LoopbackHttpServer other("127.0.0.2");
  other.Serve("/login", PageSetting({"secret=1; Path=/"}));
  const std::string path = "/hostile|cookies|" + other.Url("/");
  site.Serve(path, "text/html", "<!DOCTYPE html><title>web</title>");
  StartHostile(HostileOptions("grants-probe"));
  Open(other.Url("/login"));
  ExpectDeath(site.Url(path), "bad_message",
              "StorageRequest: data of http://127.0.0.2 asked by a renderer of http://127.0.0.1 (rule \"cookies and "
              "storage of the renderer's own site only\")");
}

}  // namespace
}  // namespace sandtab::integration

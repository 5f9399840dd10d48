// Cookies and localStorage through the real binaries (DESIGN section 14,
// issue 22 lines 3-6), with loopback http servers as sites: 127.0.0.1,
// localhost and 127.0.0.2 are three. Cookies go where RFC 6265 says and no
// further; scripts see no HttpOnly cookie; localStorage is per origin; both
// survive a restart with --user-data-dir and not without; the shell's
// `cookies` and `storage` show them.
#include <filesystem>

#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

constexpr char kPage[] = "<!DOCTYPE html><title>page</title><script></script><p>page</p>";

LoopbackHttpServer::Response PageSetting(std::vector<std::string> cookies) {
  LoopbackHttpServer::Response response;
  response.headers = {{"Content-Type", "text/html"}};
  for (auto& line : cookies) response.headers.emplace_back("Set-Cookie", std::move(line));
  response.body = kPage;
  return response;
}

class StorageTest : public ShellTest {
 protected:
  // The page's value of EXPR, as the shell's JSON answer holds it.
  std::string Eval(int id, const std::string& expression) {
    return Ok("eval " + std::to_string(id) + " " + expression).get<std::string>("result", "<none>");
  }
  std::vector<std::string> CookieNames(const std::string& url) {
    std::vector<std::string> names;
    for (const Json& cookie : ArrayAt(Ok("cookies " + url), "cookies"))
      names.push_back(cookie.get<std::string>("name"));
    return names;
  }
};

TEST_F(StorageTest, CookiesGoOnlyWhereRfc6265Says) {
  LoopbackHttpServer site("127.0.0.1");
  LoopbackHttpServer other("127.0.0.2");
  site.Serve("/login", PageSetting({"session=s3cret; Path=/; HttpOnly", "user=ann; Path=/", "admin=1; Path=/admin",
                                    "gone=1; Path=/; Max-Age=0"}));
  site.Serve("/page", "text/html", kPage);
  site.Serve("/admin/panel", "text/html", kPage);
  other.Serve("/page", "text/html", kPage);
  StartShell();
  Open(site.Url("/login"));
  Open(site.Url("/page"));
  Open(site.Url("/admin/panel"));
  Open(site.UrlAs("localhost", "/page"));  // the same server, another site
  Open(other.Url("/page"));
  EXPECT_EQ(site.CookieHeaders("/login"), std::vector<std::string>{""});
  EXPECT_EQ(site.CookieHeaders("/page"), (std::vector<std::string>{"session=s3cret; user=ann", ""}));
  EXPECT_EQ(site.CookieHeaders("/admin/panel"), std::vector<std::string>{"admin=1; session=s3cret; user=ann"});
  EXPECT_EQ(other.CookieHeaders("/page"), std::vector<std::string>{""});
  // The shell says the same.
  EXPECT_EQ(CookieNames(site.Url("/admin/x")), (std::vector<std::string>{"admin", "session", "user"}));
  EXPECT_TRUE(CookieNames(other.Url("/")).empty());
  Json all = Ok("cookies");
  ASSERT_EQ(ArrayAt(all, "cookies").size(), 3u);
  EXPECT_EQ(ArrayAt(all, "cookies")[0].get<std::string>("site"), "127.0.0.1");
}

TEST_F(StorageTest, ScriptsSeeTheirSitesCookiesButNoHttpOnlyOnes) {
  LoopbackHttpServer site;
  site.Serve("/login", PageSetting({"session=s3cret; Path=/; HttpOnly", "user=ann; Path=/"}));
  site.Serve("/page", "text/html", kPage);
  StartShell();
  TabRef tab = Open(site.Url("/login"));
  EXPECT_EQ(Eval(tab.id, "document.cookie"), "user=ann");
  EXPECT_EQ(Eval(tab.id, "document.cookie = 'js=1; Path=/', document.cookie"), "user=ann; js=1");
  // A script may neither set an HttpOnly cookie nor replace one.
  EXPECT_EQ(Eval(tab.id, "document.cookie = 'x=1; HttpOnly', document.cookie = 'session=stolen', document.cookie"),
            "user=ann; js=1");
  // A malformed or oversized write is dropped, not fatal.
  EXPECT_EQ(Eval(tab.id, "document.cookie = '=', document.cookie = 'big=' + 'x'.repeat(9000), document.cookie"),
            "user=ann; js=1");
  Open(site.Url("/page"));
  EXPECT_EQ(site.CookieHeaders("/page"), std::vector<std::string>{"session=s3cret; user=ann; js=1"});
  // A page that is no http document has no cookies and no localStorage.
  TabRef local = Open("index.html");
  EXPECT_EQ(Eval(local.id, "document.cookie"), "");
  EXPECT_EQ(Eval(local.id, "(() => { try { localStorage; return 'reached'; } catch (e) { return e.name; } })()"),
            "SecurityError");
}

TEST_F(StorageTest, LocalStorageIsPerOrigin) {
  LoopbackHttpServer first("127.0.0.1");
  LoopbackHttpServer second("127.0.0.1");  // another port: another origin of the same site
  LoopbackHttpServer other("127.0.0.2");
  for (auto* server : {&first, &second, &other}) server->Serve("/page", "text/html", kPage);
  StartShell();
  TabRef a = Open(first.Url("/page"));
  TabRef b = Open(second.Url("/page"));
  TabRef c = Open(other.Url("/page"));
  EXPECT_EQ(Eval(a.id, "localStorage.setItem('k', 'first'), localStorage.k2 = 'two', localStorage.length"), "2");
  EXPECT_EQ(Eval(b.id, "String(localStorage.getItem('k'))"), "null");
  EXPECT_EQ(Eval(c.id, "String(localStorage.getItem('k'))"), "null");
  EXPECT_EQ(Eval(b.id, "localStorage['k'] = 'second', localStorage.getItem('k')"), "second");
  // A second document of the origin loads the map the first one wrote.
  TabRef again = Open(first.Url("/page"));
  EXPECT_EQ(Eval(again.id, "JSON.stringify([localStorage.k, localStorage.k2, Object.keys(localStorage)])"),
            R"(["first","two",["k","k2"]])");
  EXPECT_EQ(Eval(again.id, "delete localStorage.k2, localStorage.removeItem('nothing'), localStorage.length"), "1");
  // Over the 5 MiB quota: QuotaExceededError, and nothing stored.
  EXPECT_EQ(Eval(again.id,
                 "(() => { try { localStorage.setItem('big', 'x'.repeat(3 * 1024 * 1024)); return 'stored'; }"
                 " catch (e) { return e.name + ' ' + localStorage.length; } })()"),
            "QuotaExceededError 1");
  // The shell: keys and sizes (UTF-16 bytes) for the site, both origins.
  Json storage = Ok("storage http://127.0.0.1");
  std::vector<Json> origins = ArrayAt(storage, "origins");
  ASSERT_EQ(origins.size(), 2u);
  EXPECT_EQ(origins[0].get<std::string>("origin"),
            "http://127.0.0.1:" + std::to_string(std::min(first.port(), second.port())));
  EXPECT_EQ(ArrayAt(Ok("storage " + other.Url("/")), "origins").size(), 0u);
}

// What the browser acknowledged outlives the browser with --user-data-dir,
// and only with it; session cookies never do.
TEST_F(StorageTest, PersistenceAcrossARestartOnlyWithUserDataDir) {
  LoopbackHttpServer site;
  site.Serve("/login", PageSetting({"kept=1; Path=/; Max-Age=3600", "session=1; Path=/"}));
  site.Serve("/page", "text/html", kPage);
  const std::string dir = TempPath("profile");
  for (const bool with_dir : {true, false}) {
    SCOPED_TRACE(with_dir ? "--user-data-dir" : "in memory");
    std::vector<std::string> flags;
    if (with_dir) flags.push_back("--user-data-dir=" + dir);
    StartShell(flags);
    TabRef tab = Open(site.Url("/login"));
    EXPECT_EQ(Eval(tab.id, "localStorage.setItem('note', 'hello'), localStorage.note"), "hello");
    ASSERT_EQ(shell().Quit(10s), std::optional<int>(0));
    StartShell(flags);
    EXPECT_EQ(CookieNames(site.Url("/")), with_dir ? std::vector<std::string>{"kept"} : std::vector<std::string>{});
    TabRef after = Open(site.Url("/page"));
    EXPECT_EQ(Eval(after.id, "String(localStorage.getItem('note'))"), with_dir ? "hello" : "null");
    ASSERT_EQ(shell().Quit(10s), std::optional<int>(0));
  }
  EXPECT_TRUE(std::filesystem::exists(dir + "/storage.sqlite"));
}

}  // namespace
}  // namespace sandtab::integration

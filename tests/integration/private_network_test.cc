// DESIGN section 12, Private Network Access: what a page asks for may not
// reach a more private address than the one its document came from; what
// the user types may go anywhere but a blocked port or a link-local address.
// Tests serve from loopback; --ip-address-space-overrides makes a loopback
// server play a public one, as in Chrome's own tests.
#include <cctype>
#include <cstdio>

#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

constexpr char kPnaRule[] = "private network access";

std::string PercentEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

// A page whose only content is a link box over the top of the window.
std::string LinkPage(const std::string& href) {
  return "<!DOCTYPE html><html><head><title>links</title><style>body{margin:0;background:#e8eaf6}"
         "a{display:block;width:600px;height:100px;background:#00897b;color:#ffffff;font-size:60px;"
         "line-height:100px}</style></head><body><a href=\"" +
         href + "\">follow follow</a></body></html>";
}

std::string Override(const LoopbackHttpServer& server, const char* space) {
  return "127.0.0.1:" + std::to_string(server.port()) + "=" + space;
}

class PrivateNetworkTest : public ShellTest {
 protected:
  // The broker's decision for `url`, once there is one.
  Json DecisionFor(const std::string& url) {
    Json found;
    bool seen = PollUntil(
        [&] {
          for (const Json& decision : sandtab::test::ArrayAt(Ok("broker 100"), "decisions")) {
            if (decision.get<std::string>("url", "") == url) {
              found = decision;
              return true;
            }
          }
          return false;
        },
        10s);
    Require(seen, "no broker decision for " + url);
    return found;
  }

  // Opens url and waits for it to settle on its error page; the tab then.
  Json OpenRefused(const std::string& url) {
    int id = Ok("open " + url).get<int>("id");
    Ok("wait " + std::to_string(id) + " 10", 20s);
    return Tab(id);
  }
};

// The issue's own test: a data: page (public) whose <img> points at a
// loopback server. The server must see no request, not even a connection.
TEST_F(PrivateNetworkTest, APublicPagesImageNeverReachesLoopback) {
  LoopbackHttpServer server;
  server.Serve("/img.png", "image/png", "not really a png");
  StartShell();
  const std::string image = server.Url("/img.png");
  TabRef tab =
      Open("data:text/html," + PercentEncode("<!DOCTYPE html><title>public</title><img src=\"" + image + "\">"));
  Json decision = DecisionFor(image);
  EXPECT_EQ(decision.get<std::string>("rule", ""), kPnaRule) << ToJsonText(decision);
  EXPECT_EQ(decision.get<std::string>("outcome", "").rfind("refused", 0), 0u) << ToJsonText(decision);
  EXPECT_EQ(decision.get<int>("tab", -1), tab.id);
  EXPECT_EQ(server.Connections(), 0);
  EXPECT_EQ(server.RequestCount("/img.png"), 0);
  EXPECT_EQ(Tab(tab.id).get<std::string>("document_error", ""), "") << "the page itself loads";
}

// A loopback server playing a public one redirects to another loopback
// server: the redirect is refused, even for the user who typed the first
// URL, and the second server sees nothing. The user may open the second
// one directly.
TEST_F(PrivateNetworkTest, APublicServerCannotRedirectAnyoneToLoopback) {
  LoopbackHttpServer inner;
  inner.Serve("/secret", "text/html", "<!DOCTYPE html><title>secret</title><p>local</p>");
  LoopbackHttpServer outer;
  LoopbackHttpServer::Response redirect;
  redirect.status = 302;
  redirect.headers = {{"Location", inner.Url("/secret")}};
  outer.Serve("/go", redirect);
  StartShell({"--ip-address-space-overrides=" + Override(outer, "public")});

  Json refused = OpenRefused(outer.Url("/go"));
  EXPECT_NE(refused.get<std::string>("document_error", "").find(kPnaRule), std::string::npos) << ToJsonText(refused);
  EXPECT_EQ(refused.get<std::string>("title"), "Can't open this page");
  EXPECT_EQ(outer.RequestCount("/go"), 1);
  EXPECT_EQ(inner.Connections(), 0);

  // What the user types may go anywhere: loopback included.
  TabRef direct = Open(inner.Url("/secret"));
  Json tab = Tab(direct.id);
  EXPECT_EQ(tab.get<std::string>("document_error", ""), "") << ToJsonText(tab);
  EXPECT_EQ(tab.get<std::string>("title"), "secret");
}

// Chrome's restricted ports are refused whoever asks, the user included.
TEST_F(PrivateNetworkTest, ABlockedPortIsRefusedEvenWhenTyped) {
  StartShell();
  Json tab = OpenRefused("http://127.0.0.1:6667/");
  EXPECT_NE(tab.get<std::string>("document_error", "").find("blocked port"), std::string::npos) << ToJsonText(tab);
  Json decision = DecisionFor("http://127.0.0.1:6667/");
  EXPECT_EQ(decision.get<std::string>("rule", ""), "blocked port") << ToJsonText(decision);
}

// A link on a public page to a loopback URL: the renderer asks, the
// navigation starts, and its document fetch is refused at connect time. The
// tab ends on the error page naming the rule; the loopback server sees
// nothing. Going back and reloading keeps the clicking page's bound.
TEST_F(PrivateNetworkTest, ALinkFromAPublicPageToLoopbackEndsOnTheErrorPage) {
  LoopbackHttpServer inner;
  inner.Serve("/admin", "text/html", "<!DOCTYPE html><title>admin</title><p>local</p>");
  LoopbackHttpServer outer;
  outer.Serve("/links.html", "text/html", LinkPage(inner.Url("/admin")));
  StartShell({"--ip-address-space-overrides=" + Override(outer, "public")});
  TabRef tab = Open(outer.Url("/links.html"));
  const std::string id = std::to_string(tab.id);
  ASSERT_EQ(Screenshot(tab.id).At(300, 50).r, 0) << "the link box is not where the test clicks";

  Ok("click " + id + " 100 50");
  Json ended = WaitForTab(
      tab.id,
      [&](const Json& t) {
        return t.get<std::string>("url") == inner.Url("/admin") && !t.get<std::string>("document_error", "").empty();
      },
      10s, "the link followed and refused");
  EXPECT_NE(ended.get<std::string>("document_error", "").find(kPnaRule), std::string::npos) << ToJsonText(ended);
  Ok("wait " + id + " 10", 20s);
  EXPECT_EQ(Tab(tab.id).get<std::string>("title"), "Can't open this page");
  EXPECT_EQ(DecisionFor(inner.Url("/admin")).get<std::string>("rule", ""), kPnaRule);

  // A reload of the entry is still the public page's request.
  Ok("reload " + id);
  Ok("wait " + id + " 10", 20s);
  EXPECT_NE(Tab(tab.id).get<std::string>("document_error", "").find(kPnaRule), std::string::npos);
  EXPECT_EQ(inner.Connections(), 0);
  EXPECT_EQ(Tab(tab.id).get<pid_t>("pid"), tab.pid) << "a refusal is no crash";
}

}  // namespace
}  // namespace sandtab::integration

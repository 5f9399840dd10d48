// RendererGrants: what a renderer may ask for, by the document it shows
// (ChildProcessSecurityPolicy; review H2, L8).
#include "browser/tab/renderer_grants.h"

#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

Url U(const std::string& spec) {
  auto url = ParseUrl(spec);
  EXPECT_TRUE(url) << spec;
  return url ? *url : Url{};
}

RendererGrants Showing(const std::string& url, AddressSpace space = AddressSpace::kPublic, bool error_page = false) {
  RendererGrants grants;
  grants.Commit(url, space, error_page);
  return grants;
}

TEST(RendererGrants, AnHttpDocumentMayFetchHttpAndDataOnly) {
  const RendererGrants web = Showing("http://example.test/", AddressSpace::kPublic);
  EXPECT_TRUE(web.MayFetch(U("http://example.test/a.png")).allowed);
  EXPECT_TRUE(web.MayFetch(U("data:,x")).allowed);
  auto file = web.MayFetch(U("file:///srv/pages/images/tile.png"));
  EXPECT_FALSE(file.allowed);
  EXPECT_EQ(file.rule, kRuleFileForFileDocuments);
  auto tabs = web.MayFetch(U("about:tabs"));
  EXPECT_FALSE(tabs.allowed);
  EXPECT_EQ(tabs.rule, kRuleAboutNotASubresource);
  EXPECT_EQ(web.address_space(), AddressSpace::kPublic);
}

TEST(RendererGrants, AFileDocumentMayFetchFiles) {
  const RendererGrants local = Showing("file:///srv/pages/index.html", AddressSpace::kLocal);
  EXPECT_TRUE(local.MayFetch(U("file:///srv/pages/images/tile.png")).allowed);
  EXPECT_TRUE(local.MayNavigate(U("file:///srv/pages/other.html")).allowed);
  EXPECT_FALSE(local.MayFetch(U("about:tabs")).allowed);
  EXPECT_EQ(local.address_space(), AddressSpace::kLocal);
}

TEST(RendererGrants, NoDocumentOrAnErrorPageHoldsTheLeast) {
  RendererGrants grants = Showing("file:///srv/pages/index.html", AddressSpace::kLocal);
  grants.Reset();
  EXPECT_FALSE(grants.MayFetch(U("file:///srv/pages/x.png")).allowed);
  EXPECT_EQ(grants.address_space(), AddressSpace::kPublic);
  const RendererGrants error = Showing("file:///srv/pages/missing.html", AddressSpace::kLocal, /*error_page=*/true);
  EXPECT_FALSE(error.MayFetch(U("file:///srv/pages/x.png")).allowed);
  EXPECT_EQ(error.address_space(), AddressSpace::kPublic);
}

TEST(RendererGrants, WebDocumentsMayNotNavigateToFilesOrTheBrowsersPages) {
  for (const char* document : {"http://example.test/", "data:text/html,x", "about:blank"}) {
    const RendererGrants web = Showing(document);
    EXPECT_TRUE(web.MayNavigate(U("http://other.test/")).allowed) << document;
    EXPECT_TRUE(web.MayNavigate(U("about:blank")).allowed) << document;
    EXPECT_EQ(web.MayNavigate(U("file:///etc/passwd")).rule, kRuleFileForFileDocuments) << document;
    EXPECT_EQ(web.MayNavigate(U("about:tabs")).rule, kRuleAboutFromAboutPages) << document;
    EXPECT_EQ(web.MayNavigate(U("about:version")).rule, kRuleAboutFromAboutPages) << document;
  }
  const RendererGrants about = Showing("about:version");
  EXPECT_TRUE(about.MayNavigate(U("about:tabs")).allowed);
  EXPECT_FALSE(about.MayFetch(U("about:tabs")).allowed);
}

// L8: debug URLs are the user's, from every document, the browser's own included.
TEST(RendererGrants, NoRendererStartsADebugUrl) {
  for (const char* document : {"http://example.test/", "file:///srv/pages/index.html", "about:version"}) {
    const RendererGrants grants = Showing(document, AddressSpace::kLocal);
    for (const char* debug : {"about:crash", "about:oom", "about:hang", "about:abort", "about:badmessage", "about:exit",
                              "about:ptrace", "about:threads"}) {
      auto decision = grants.MayNavigate(U(debug));
      EXPECT_FALSE(decision.allowed) << document << " -> " << debug;
      EXPECT_EQ(decision.rule, kRuleDebugUrlsFromTheUser) << debug;
      EXPECT_TRUE(IsDebugUrl(U(debug)));
    }
  }
  EXPECT_FALSE(IsDebugUrl(U("about:version")));
  EXPECT_FALSE(IsDebugUrl(U("http://crash/")));
}

}  // namespace
}  // namespace sandtab::browser

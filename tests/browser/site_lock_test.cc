#include "browser/tab/site_lock.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

using ::testing::HasSubstr;

const Site kExample = SiteForSpec("http://www.example.com/");
const Site kOther = SiteForSpec("http://127.0.0.2:8080/");

TEST(SiteLockTest, AFreshProcessTakesAnySiteAndIsLockedToIt) {
  SiteLock lock;
  EXPECT_EQ(lock.ToString(), "none");
  EXPECT_FALSE(lock.NeedsNewProcess(kExample));
  lock.Commit(kExample);
  EXPECT_TRUE(lock.locked());
  EXPECT_EQ(lock.site(), kExample);
  EXPECT_EQ(lock.ToString(), "http://example.com");
  EXPECT_FALSE(lock.NeedsNewProcess(SiteForSpec("http://mail.example.com:81/inbox")));
  EXPECT_TRUE(lock.NeedsNewProcess(kOther));
  // The lock never moves, whatever is committed later.
  lock.Commit(kOther);
  EXPECT_EQ(lock.site(), kExample);
}

TEST(SiteLockTest, OpaqueDocumentsStayButLeaveTheProcessUsed) {
  SiteLock lock;
  EXPECT_FALSE(lock.NeedsNewProcess(SiteForSpec("data:text/html,hi")));
  lock.Commit(SiteForSpec("data:text/html,hi"));
  EXPECT_FALSE(lock.locked());
  EXPECT_EQ(lock.ToString(), "unlocked");
  EXPECT_FALSE(lock.NeedsNewProcess(SiteForSpec("about:blank")));
  // A page that ran here may have compromised it: no site is given to it.
  EXPECT_TRUE(lock.NeedsNewProcess(kExample));

  SiteLock locked;
  locked.Commit(kExample);
  EXPECT_FALSE(locked.NeedsNewProcess(SiteForSpec("about:blank")));
  locked.Commit(SiteForSpec("about:blank"));
  EXPECT_EQ(locked.site(), kExample);
}

TEST(SiteLockTest, TheCitadelCheckRefusesDocumentsOfAnotherSiteNamingTheRule) {
  SiteLock lock;
  EXPECT_TRUE(lock.CheckDocument(kOther, "FetchRequest: DOCUMENT").ok())
      << "an unlocked process has no site to lie about";
  lock.Commit(kExample);
  EXPECT_TRUE(lock.CheckDocument(SiteForSpec("http://example.com/b"), "FetchRequest: DOCUMENT").ok());
  EXPECT_TRUE(lock.CheckDocument(SiteForSpec("data:text/html,x"), "FetchRequest: DOCUMENT").ok());
  const Status refused = lock.CheckDocument(kOther, "FetchRequest: DOCUMENT");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error(), std::string("FetchRequest: DOCUMENT: ") + kRuleDocumentOfLockedSite +
                                 " (http://127.0.0.2, locked to http://example.com)");
  EXPECT_THAT(lock.CheckDocument(SiteForSpec("file:///etc/passwd"), "X").error(), HasSubstr("file://"));
}

}  // namespace
}  // namespace sandtab::browser

#include "browser/storage/cookie_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "browser/storage/storage_database.h"

namespace sandtab::browser {
namespace {

bool FakePublicSuffix(std::string_view domain) {
  static const std::set<std::string, std::less<>> kSuffixes = {"com", "org", "localhost"};
  return kSuffixes.count(domain) > 0;
}

Url U(const std::string& spec) {
  auto url = ParseUrl(spec);
  EXPECT_TRUE(url) << url.error();
  return *url;
}

// Built with append: GCC 12 warns falsely (-Wrestrict) on "x" + to_string(i) + "y".
std::string Name(int i) { return std::string("c").append(std::to_string(i)); }
std::string Site(int i) { return std::string("http://site").append(std::to_string(i)).append(".org/"); }

constexpr CookieAccess kSameSite{};
constexpr CookieAccess kCrossSiteSubresource{.same_site = false};
constexpr CookieAccess kCrossSiteNavigation{.same_site = false, .top_level_navigation = true};
constexpr CookieAccess kScript{.from_script = true};

class CookieStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(""); }
  void Open(const std::string& path) {
    store_.reset();
    auto database = StorageDatabase::Open(path);
    ASSERT_TRUE(database) << database.error();
    database_ = std::move(*database);
    store_ = std::make_unique<CookieStore>(
        *database_, FakePublicSuffix, [this] { return now_; }, limits_);
    ASSERT_TRUE(store_->Load());
  }
  std::string Header(const std::string& url, const CookieAccess& access = kSameSite) {
    return store_->CookieHeaderFor(U(url), access);
  }
  void Set(const std::string& url, const std::string& line, const CookieAccess& access = kSameSite) {
    Status set = store_->Set(U(url), line, access);
    ASSERT_TRUE(set) << line << ": " << set.error();
  }

  int64_t now_ = 1'700'000'000'000;
  CookieLimits limits_;
  std::unique_ptr<StorageDatabase> database_;
  std::unique_ptr<CookieStore> store_;
};

TEST_F(CookieStoreTest, HostOnlyAndDomainCookies) {
  Set("http://www.example.com/", "host=1");
  Set("http://www.example.com/", "wide=2; Domain=example.com");
  EXPECT_EQ(Header("http://www.example.com/"), "host=1; wide=2");
  EXPECT_EQ(Header("http://example.com/"), "wide=2");
  EXPECT_EQ(Header("http://a.www.example.com/"), "wide=2");
  EXPECT_EQ(Header("http://other.com/"), "");
  EXPECT_EQ(Header("http://notexample.com/"), "");
}

TEST_F(CookieStoreTest, PortsDoNotSeparateCookies) {
  Set("http://127.0.0.1:8001/", "a=1");
  EXPECT_EQ(Header("http://127.0.0.1:9002/"), "a=1");  // RFC 6265 section 8.5
  EXPECT_EQ(Header("http://127.0.0.2:8001/"), "");
  EXPECT_EQ(Header("http://localhost:8001/"), "");
}

TEST_F(CookieStoreTest, PathsAndTheirOrder) {
  Set("http://example.com/", "root=1; Path=/");
  Set("http://example.com/", "deep=2; Path=/a/b");
  Set("http://example.com/", "mid=3; Path=/a");
  EXPECT_EQ(Header("http://example.com/a/b/c"), "deep=2; mid=3; root=1");
  EXPECT_EQ(Header("http://example.com/a"), "mid=3; root=1");
  EXPECT_EQ(Header("http://example.com/ab"), "root=1");
  // Same path length: the older first.
  now_ += 1;
  Set("http://example.com/", "root2=4; Path=/");
  EXPECT_EQ(Header("http://example.com/"), "root=1; root2=4");
}

TEST_F(CookieStoreTest, ReplaceKeepsCreationAndExpiryDeletes) {
  Set("http://example.com/", "a=1; Path=/");
  now_ += 5;
  Set("http://example.com/", "b=2; Path=/");
  Set("http://example.com/", "a=3; Path=/");
  EXPECT_EQ(Header("http://example.com/"), "a=3; b=2");  // a is still the older
  Set("http://example.com/", "a=gone; Path=/; Max-Age=0");
  EXPECT_EQ(Header("http://example.com/"), "b=2");
  EXPECT_EQ(store_->size(), 1u);
}

TEST_F(CookieStoreTest, CookiesExpire) {
  Set("http://example.com/", "short=1; Max-Age=10");
  Set("http://example.com/", "session=2");
  EXPECT_EQ(Header("http://example.com/"), "short=1; session=2");
  now_ += 10'000;
  EXPECT_EQ(Header("http://example.com/"), "session=2");
  EXPECT_EQ(store_->size(), 1u);
}

TEST_F(CookieStoreTest, SecureOnlyToSecureUrls) {
  Set("http://localhost/", "s=1; Secure");
  EXPECT_EQ(Header("http://localhost/"), "s=1");
  EXPECT_FALSE(store_->Set(U("http://example.com/"), "s=1; Secure", kSameSite));
}

TEST_F(CookieStoreTest, HttpOnlyIsInvisibleToScripts) {
  Set("http://example.com/", "h=1; HttpOnly");
  Set("http://example.com/", "v=2");
  EXPECT_EQ(Header("http://example.com/"), "h=1; v=2");
  EXPECT_EQ(Header("http://example.com/", kScript), "v=2");
  auto set = store_->Set(U("http://example.com/"), "x=1; HttpOnly", kScript);
  ASSERT_FALSE(set);
  EXPECT_NE(set.error().find("HttpOnly"), std::string::npos);
  // Nor may a script overwrite one.
  EXPECT_FALSE(store_->Set(U("http://example.com/"), "h=stolen", kScript));
  EXPECT_EQ(Header("http://example.com/"), "h=1; v=2");
}

TEST_F(CookieStoreTest, SameSiteRules) {
  Set("http://localhost/", "strict=1; SameSite=Strict");
  Set("http://localhost/", "lax=2; SameSite=Lax");
  Set("http://localhost/", "default=3");
  Set("http://localhost/", "none=4; SameSite=None; Secure");
  EXPECT_EQ(Header("http://localhost/"), "strict=1; lax=2; default=3; none=4");
  EXPECT_EQ(Header("http://localhost/", kCrossSiteNavigation), "lax=2; default=3; none=4");
  CookieAccess cross_site_post = kCrossSiteNavigation;
  cross_site_post.safe_method = false;
  EXPECT_EQ(Header("http://localhost/", cross_site_post), "none=4");
  EXPECT_EQ(Header("http://localhost/", kCrossSiteSubresource), "none=4");
}

TEST_F(CookieStoreTest, CrossSiteSubresourcesSetOnlySameSiteNone) {
  auto lax = store_->Set(U("http://localhost/"), "lax=1", kCrossSiteSubresource);
  ASSERT_FALSE(lax);
  EXPECT_NE(lax.error().find("cross-site"), std::string::npos);
  EXPECT_TRUE(store_->Set(U("http://localhost/"), "none=1; SameSite=None; Secure", kCrossSiteSubresource));
  EXPECT_TRUE(store_->Set(U("http://localhost/"), "nav=1", kCrossSiteNavigation));
  store_->StoreFromResponse(U("http://localhost/"), "lax=1", kCrossSiteSubresource);
  EXPECT_EQ(store_->refused(), 1u);
}

TEST_F(CookieStoreTest, EvictsTheLeastRecentlyUsedPastTheLimits) {
  limits_ = {.per_domain = 10, .per_domain_after_purge = 8, .total = 25, .total_after_purge = 20};
  Open("");
  for (int i = 0; i < 11; ++i) {
    now_ += 1;
    Set("http://a.example.com/", Name(i) + "=v; Domain=example.com");
  }
  EXPECT_EQ(store_->size(), 8u);
  const std::string header = Header("http://example.com/");
  EXPECT_EQ(header.find("c0="), std::string::npos);  // the oldest went
  EXPECT_NE(header.find("c10="), std::string::npos);
  // Past the total: other domains' least recently used go too.
  for (int site = 0; site < 3; ++site) {
    for (int i = 0; i < 7; ++i) {
      now_ += 1;
      Set(Site(site), Name(i) + "=v");
    }
  }
  EXPECT_LE(store_->size(), 25u);
  EXPECT_GE(store_->size(), 20u);
  EXPECT_EQ(Header(Site(2)), "c0=v; c1=v; c2=v; c3=v; c4=v; c5=v; c6=v");
}

TEST_F(CookieStoreTest, BucketsAreRegistrableDomains) {
  EXPECT_EQ(store_->BucketOf("a.b.example.com"), "example.com");
  EXPECT_EQ(store_->BucketOf("example.com"), "example.com");
  EXPECT_EQ(store_->BucketOf("com"), "com");
  EXPECT_EQ(store_->BucketOf("localhost"), "localhost");
  EXPECT_EQ(store_->BucketOf("127.0.0.1"), "127.0.0.1");
}

TEST_F(CookieStoreTest, PersistentCookiesSurviveReopeningTheFile) {
  const std::string dir = ::testing::TempDir() + "cookie_store_test_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/storage.sqlite";
  Open(path);
  Set("http://example.com/", "kept=1; Max-Age=3600; HttpOnly; SameSite=Strict");
  Set("http://example.com/", "session=2");
  Set("http://example.com/", "short=3; Max-Age=1");
  Open(path);
  now_ += 2'000;
  EXPECT_EQ(Header("http://example.com/"), "kept=1");
  const std::vector<Cookie> all = store_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].http_only);
  EXPECT_EQ(all[0].same_site, SameSite::kStrict);
  // In memory: nothing survives.
  Open("");
  EXPECT_EQ(Header("http://example.com/"), "");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sandtab::browser

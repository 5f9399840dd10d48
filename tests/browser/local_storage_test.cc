#include "browser/storage/local_storage.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "browser/storage/storage_database.h"

namespace sandtab::browser {
namespace {

std::unique_ptr<StorageDatabase> OpenDatabase(const std::string& path) {
  auto database = StorageDatabase::Open(path);
  EXPECT_TRUE(database) << database.error();
  return database ? std::move(*database) : nullptr;
}

TEST(LocalStorageTest, ItemsPerOrigin) {
  auto database = OpenDatabase("");
  LocalStorage storage(*database);
  ASSERT_TRUE(storage.SetItem("http://127.0.0.1:8000", "k", "one"));
  ASSERT_TRUE(storage.SetItem("http://127.0.0.1:9000", "k", "two"));
  ASSERT_TRUE(storage.SetItem("http://127.0.0.1:8000", "k", "three"));
  auto items = storage.Items("http://127.0.0.1:8000");
  ASSERT_TRUE(items);
  EXPECT_EQ((*items)->size(), 1u);
  EXPECT_EQ((*items)->at("k"), "three");
  EXPECT_EQ((*storage.Items("http://127.0.0.1:9000"))->at("k"), "two");
  EXPECT_TRUE((*storage.Items("http://localhost:8000"))->empty());
  ASSERT_TRUE(storage.RemoveItem("http://127.0.0.1:8000", "k"));
  ASSERT_TRUE(storage.RemoveItem("http://127.0.0.1:8000", "absent"));
  EXPECT_TRUE((*storage.Items("http://127.0.0.1:8000"))->empty());
  ASSERT_TRUE(storage.Clear("http://127.0.0.1:9000"));
  EXPECT_EQ(*storage.Usage("http://127.0.0.1:9000"), 0u);
}

TEST(LocalStorageTest, QuotaCountsUtf16) {
  EXPECT_EQ(Utf16Bytes("abc"), 6u);
  EXPECT_EQ(Utf16Bytes("\xc3\xa9"), 2u);          // é: one unit
  EXPECT_EQ(Utf16Bytes("\xe2\x82\xac"), 2u);      // €: one unit
  EXPECT_EQ(Utf16Bytes("\xf0\x9f\x98\x80"), 4u);  // an emoji: a surrogate pair

  auto database = OpenDatabase("");
  LocalStorage storage(*database);
  const std::string origin = "http://localhost:1";
  // 5 MiB of UTF-16 is 2.5 Mi code units: one key of 1 and a value just under.
  const std::string fits(kLocalStorageQuotaBytes / 2 - 1, 'x');
  ASSERT_TRUE(storage.SetItem(origin, "k", fits));
  EXPECT_EQ(*storage.Usage(origin), kLocalStorageQuotaBytes);
  auto over = storage.SetItem(origin, "l", "y");
  ASSERT_FALSE(over);
  EXPECT_NE(over.error().find("QuotaExceededError"), std::string::npos);
  // Replacing a value counts the new one instead of the old.
  ASSERT_TRUE(storage.SetItem(origin, "k", "small"));
  ASSERT_TRUE(storage.SetItem(origin, "l", "y"));
  EXPECT_EQ(*storage.Usage(origin), Utf16Bytes("ksmallly"));
  // Another origin has its own quota.
  EXPECT_TRUE(storage.SetItem("http://localhost:2", "k", fits));
}

TEST(LocalStorageTest, SurvivesReopeningTheFile) {
  const std::string dir = ::testing::TempDir() + "local_storage_test_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/storage.sqlite";
  {
    auto database = OpenDatabase(path);
    LocalStorage storage(*database);
    ASSERT_TRUE(storage.SetItem("http://a:1", "name", "value \xe2\x82\xac"));
    ASSERT_TRUE(storage.SetItem("http://b:1", "x", "y"));
    ASSERT_TRUE(storage.RemoveItem("http://b:1", "x"));
  }
  auto database = OpenDatabase(path);
  LocalStorage storage(*database);
  EXPECT_EQ((*storage.Items("http://a:1"))->at("name"), "value \xe2\x82\xac");
  EXPECT_TRUE((*storage.Items("http://b:1"))->empty());
  auto origins = storage.OriginsAndUsage();
  ASSERT_TRUE(origins);
  ASSERT_EQ(origins->count("http://a:1"), 1u);
  EXPECT_EQ(origins->at("http://a:1"), Utf16Bytes("namevalue \xe2\x82\xac"));
  std::filesystem::remove_all(dir);
}

TEST(StorageDatabaseTest, TransactionsRollBackWhole) {
  auto database = OpenDatabase("");
  ASSERT_TRUE(database->Execute("INSERT INTO local_storage VALUES ('o', 'a', '1')"));
  Status failed = database->Transaction([&]() -> Status {
    TRY(database->Execute("INSERT INTO local_storage VALUES ('o', 'b', '2')"));
    return Error{"changed my mind"};
  });
  EXPECT_FALSE(failed);
  auto rows = database->Query("SELECT key FROM local_storage WHERE origin = ?", {std::string("o")});
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->size(), 1u);
  EXPECT_FALSE(database->Execute("NOT SQL"));
  EXPECT_FALSE(StorageDatabase::Open("/nonexistent-dir/x/storage.sqlite"));
}

TEST(StorageDatabaseTest, FilesUseTheWriteAheadLog) {
  const std::string dir = ::testing::TempDir() + "storage_database_test_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  auto database = OpenDatabase(dir + "/storage.sqlite");
  auto mode = database->Query("PRAGMA journal_mode");
  ASSERT_TRUE(mode);
  EXPECT_EQ(std::get<std::string>((*mode)[0][0]), "wal");
  auto synchronous = database->Query("PRAGMA synchronous");
  EXPECT_EQ(std::get<int64_t>((*synchronous)[0][0]), 1);  // NORMAL
  database.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sandtab::browser

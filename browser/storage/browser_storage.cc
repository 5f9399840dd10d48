#include "browser/storage/browser_storage.h"

#include <chrono>

#include "browser/loader/site.h"

namespace sandtab::browser {
namespace {

int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

BrowserStorage::BrowserStorage(std::unique_ptr<StorageDatabase> database)
    : database_(std::move(database)), cookies_(*database_, IsPublicSuffix, WallClockMs), local_storage_(*database_) {}

Result<std::unique_ptr<BrowserStorage>> BrowserStorage::Open(const std::string& user_data_dir) {
  ASSIGN_OR_RETURN(auto database, StorageDatabase::Open(user_data_dir.empty() ? "" : user_data_dir + "/" + kFileName));
  std::unique_ptr<BrowserStorage> storage(new BrowserStorage(std::move(database)));
  TRY(storage->cookies_.Load(), "loading the cookies");
  return storage;
}

}  // namespace sandtab::browser

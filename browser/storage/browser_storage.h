#ifndef SANDTAB_BROWSER_STORAGE_BROWSER_STORAGE_H_
#define SANDTAB_BROWSER_STORAGE_BROWSER_STORAGE_H_

#include <memory>
#include <string>

#include "base/result.h"
#include "browser/storage/cookie_store.h"
#include "browser/storage/local_storage.h"
#include "browser/storage/storage_database.h"

namespace sandtab::browser {

// What the browser keeps for sites (DESIGN section 14), opened once at
// start: the database and the two stores in it. In memory without
// --user-data-dir; DIR/storage.sqlite with it, so a restart finds them.
class BrowserStorage {
 public:
  static constexpr char kFileName[] = "storage.sqlite";

  // `user_data_dir` empty: in memory. The directory must exist.
  static Result<std::unique_ptr<BrowserStorage>> Open(const std::string& user_data_dir);

  CookieStore& cookies() { return cookies_; }
  LocalStorage& local_storage() { return local_storage_; }
  // "memory", or the database file's path.
  std::string location() const { return database_->in_memory() ? "memory" : database_->path(); }

 private:
  explicit BrowserStorage(std::unique_ptr<StorageDatabase> database);

  std::unique_ptr<StorageDatabase> database_;
  CookieStore cookies_;
  LocalStorage local_storage_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_STORAGE_BROWSER_STORAGE_H_

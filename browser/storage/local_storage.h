#ifndef SANDTAB_BROWSER_STORAGE_LOCAL_STORAGE_H_
#define SANDTAB_BROWSER_STORAGE_LOCAL_STORAGE_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"

namespace sandtab::browser {

class StorageDatabase;

// The Web Storage quota: 5 MiB an origin, counted as browsers count it,
// in UTF-16 (two bytes a code unit) of every key plus its value.
inline constexpr size_t kLocalStorageQuotaBytes = 5u << 20;
// The number of code units a UTF-8 text has in UTF-16, times two.
size_t Utf16Bytes(std::string_view utf8);

// localStorage of every origin ("http://127.0.0.1:8080"): each origin's map
// loaded from the StorageDatabase when first asked for and kept, each write
// one transaction committed before it is acknowledged. The origin is the
// caller's to have checked against the asker's site.
class LocalStorage {
 public:
  using Map = std::map<std::string, std::string>;

  explicit LocalStorage(StorageDatabase& database) : database_(database) {}

  Result<const Map*> Items(const std::string& origin);
  // Refused past the quota (the page sees QuotaExceededError).
  Status SetItem(const std::string& origin, const std::string& key, const std::string& value);
  Status RemoveItem(const std::string& origin, const std::string& key);
  Status Clear(const std::string& origin);
  // UTF-16 bytes the origin holds.
  Result<size_t> Usage(const std::string& origin);
  // Origins with items, in the database or only loaded.
  Result<std::map<std::string, size_t>> OriginsAndUsage();

 private:
  struct Area {
    Map items;
    size_t bytes = 0;
  };
  Result<Area*> Load(const std::string& origin);

  StorageDatabase& database_;
  std::map<std::string, Area> areas_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_STORAGE_LOCAL_STORAGE_H_

#include "browser/storage/local_storage.h"

#include "browser/storage/storage_database.h"

namespace sandtab::browser {

size_t Utf16Bytes(std::string_view utf8) {
  size_t units = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if ((byte & 0xc0) == 0x80) continue;  // a continuation byte
    units += byte >= 0xf0 ? 2 : 1;        // past the BMP: a surrogate pair
  }
  return units * 2;
}

Result<LocalStorage::Area*> LocalStorage::Load(const std::string& origin) {
  if (auto it = areas_.find(origin); it != areas_.end()) return &it->second;
  ASSIGN_OR_RETURN(auto rows, database_.Query("SELECT key, value FROM local_storage WHERE origin = ?", {origin}));
  Area area;
  for (auto& row : rows) {
    std::string key = std::get<std::string>(row[0]);
    std::string value = std::get<std::string>(row[1]);
    area.bytes += Utf16Bytes(key) + Utf16Bytes(value);
    area.items.emplace(std::move(key), std::move(value));
  }
  return &areas_.emplace(origin, std::move(area)).first->second;
}

Result<const LocalStorage::Map*> LocalStorage::Items(const std::string& origin) {
  ASSIGN_OR_RETURN(Area * area, Load(origin));
  return &area->items;
}

Result<size_t> LocalStorage::Usage(const std::string& origin) {
  ASSIGN_OR_RETURN(Area * area, Load(origin));
  return area->bytes;
}

Status LocalStorage::SetItem(const std::string& origin, const std::string& key, const std::string& value) {
  ASSIGN_OR_RETURN(Area * area, Load(origin));
  size_t bytes = area->bytes + Utf16Bytes(key) + Utf16Bytes(value);
  auto old = area->items.find(key);
  if (old != area->items.end()) bytes -= Utf16Bytes(old->first) + Utf16Bytes(old->second);
  if (bytes > kLocalStorageQuotaBytes) {
    return Error{"QuotaExceededError: the origin's localStorage would hold " + std::to_string(bytes) +
                 " bytes, over its quota of " + std::to_string(kLocalStorageQuotaBytes)};
  }
  TRY(database_.Execute("INSERT OR REPLACE INTO local_storage VALUES (?, ?, ?)", {origin, key, value}));
  area->items[key] = value;
  area->bytes = bytes;
  return OkStatus();
}

Status LocalStorage::RemoveItem(const std::string& origin, const std::string& key) {
  ASSIGN_OR_RETURN(Area * area, Load(origin));
  auto old = area->items.find(key);
  if (old == area->items.end()) return OkStatus();
  TRY(database_.Execute("DELETE FROM local_storage WHERE origin = ? AND key = ?", {origin, key}));
  area->bytes -= Utf16Bytes(old->first) + Utf16Bytes(old->second);
  area->items.erase(old);
  return OkStatus();
}

Status LocalStorage::Clear(const std::string& origin) {
  ASSIGN_OR_RETURN(Area * area, Load(origin));
  TRY(database_.Execute("DELETE FROM local_storage WHERE origin = ?", {origin}));
  area->items.clear();
  area->bytes = 0;
  return OkStatus();
}

Result<std::map<std::string, size_t>> LocalStorage::OriginsAndUsage() {
  ASSIGN_OR_RETURN(auto rows, database_.Query("SELECT DISTINCT origin FROM local_storage"));
  std::map<std::string, size_t> usage;
  for (auto& row : rows) usage[std::get<std::string>(row[0])] = 0;
  for (const auto& [origin, area] : areas_) usage[origin] = 0;
  for (auto& [origin, bytes] : usage) {
    ASSIGN_OR_RETURN(bytes, Usage(origin));
  }
  return usage;
}

}  // namespace sandtab::browser

#ifndef SANDTAB_BROWSER_STORAGE_STORAGE_DATABASE_H_
#define SANDTAB_BROWSER_STORAGE_STORAGE_DATABASE_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "base/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sandtab::browser {

// The one SQLite database of the browser's cookies and localStorage
// (DESIGN section 14): `:memory:` by default, DIR/storage.sqlite with
// --user-data-dir=DIR. Only the browser's loop touches it.
//
// Why the loop may write to it itself, with no BlockingWorker: the file is
// in WAL mode with synchronous=NORMAL, so a commit appends to the
// write-ahead log and returns without an fsync (SQLite syncs only at
// checkpoints, every ~1000 pages). A write costs a write(2) into the page
// cache, microseconds, and the loop never waits on the disk for a commit.
// What that trades: a power cut may lose the last commits; a crash of the
// browser process loses nothing committed, and a renderer's crash never
// touches the browser's memory, so what the browser acknowledged stays.
class StorageDatabase {
 public:
  using Value = std::variant<std::nullptr_t, int64_t, std::string>;
  using Row = std::vector<Value>;

  // `path` empty: in memory. Creates the tables when they do not exist.
  static Result<std::unique_ptr<StorageDatabase>> Open(const std::string& path);
  ~StorageDatabase();
  StorageDatabase(const StorageDatabase&) = delete;
  StorageDatabase& operator=(const StorageDatabase&) = delete;

  // One statement with `?` parameters bound in order; statements are
  // prepared once and kept.
  Status Execute(const std::string& sql, std::initializer_list<Value> parameters = {});
  Result<std::vector<Row>> Query(const std::string& sql, std::initializer_list<Value> parameters = {});
  // `work` inside BEGIN IMMEDIATE ... COMMIT; an error rolls it back whole.
  Status Transaction(const std::function<Status()>& work);

  bool in_memory() const { return in_memory_; }
  const std::string& path() const { return path_; }

 private:
  StorageDatabase(sqlite3* db, std::string path) : db_(db), path_(std::move(path)), in_memory_(path_.empty()) {}
  Result<sqlite3_stmt*> Prepare(const std::string& sql, std::initializer_list<Value> parameters);
  Error LastError(const std::string& what) const;

  sqlite3* db_;
  std::string path_;
  bool in_memory_;
  std::vector<std::pair<std::string, sqlite3_stmt*>> statements_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_STORAGE_STORAGE_DATABASE_H_

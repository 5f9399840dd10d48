#include "browser/storage/storage_database.h"

#include <sqlite3.h>

namespace sandtab::browser {
namespace {

constexpr const char* kSchema[] = {
    // Persistent cookies only: session cookies end with the browser.
    "CREATE TABLE IF NOT EXISTS cookies (name TEXT NOT NULL, value TEXT NOT NULL, domain TEXT NOT NULL, "
    "path TEXT NOT NULL, host_only INTEGER NOT NULL, secure INTEGER NOT NULL, http_only INTEGER NOT NULL, "
    "same_site INTEGER NOT NULL, expiry_ms INTEGER NOT NULL, creation_ms INTEGER NOT NULL, "
    "last_access_ms INTEGER NOT NULL, PRIMARY KEY (name, domain, path))",
    "CREATE TABLE IF NOT EXISTS local_storage (origin TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
    "PRIMARY KEY (origin, key))",
};

}  // namespace

Result<std::unique_ptr<StorageDatabase>> StorageDatabase::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.empty() ? ":memory:" : path.c_str(), &db, flags, nullptr);
  std::unique_ptr<StorageDatabase> database(new StorageDatabase(db, path));
  if (rc != SQLITE_OK) return database->LastError("opening " + (path.empty() ? ":memory:" : path));
  if (!path.empty()) {
    // See the class comment: WAL with synchronous=NORMAL never waits for the
    // disk on commit.
    TRY(database->Query("PRAGMA journal_mode=WAL"), "WAL");
    TRY(database->Execute("PRAGMA synchronous=NORMAL"));
  }
  // A second browser on the same directory waits a moment, then fails.
  sqlite3_busy_timeout(db, 200);
  for (const char* statement : kSchema) TRY(database->Execute(statement), "schema");
  return database;
}

StorageDatabase::~StorageDatabase() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

Error StorageDatabase::LastError(const std::string& what) const {
  return Error{what + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory")};
}

Result<sqlite3_stmt*> StorageDatabase::Prepare(const std::string& sql, std::initializer_list<Value> parameters) {
  sqlite3_stmt* statement = nullptr;
  for (auto& [text, prepared] : statements_) {
    if (text == sql) statement = prepared;
  }
  if (!statement) {
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
      return LastError("preparing " + sql);
    }
    statements_.emplace_back(sql, statement);
  }
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  int index = 1;
  for (const Value& parameter : parameters) {
    int rc = SQLITE_OK;
    if (const auto* number = std::get_if<int64_t>(&parameter)) {
      rc = sqlite3_bind_int64(statement, index, *number);
    } else if (const auto* text = std::get_if<std::string>(&parameter)) {
      rc = sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
    } else {
      rc = sqlite3_bind_null(statement, index);
    }
    if (rc != SQLITE_OK) return LastError("binding a parameter of " + sql);
    ++index;
  }
  return statement;
}

Status StorageDatabase::Execute(const std::string& sql, std::initializer_list<Value> parameters) {
  TRY(Query(sql, parameters));
  return OkStatus();
}

Result<std::vector<StorageDatabase::Row>> StorageDatabase::Query(const std::string& sql,
                                                                 std::initializer_list<Value> parameters) {
  ASSIGN_OR_RETURN(sqlite3_stmt * statement, Prepare(sql, parameters));
  std::vector<Row> rows;
  for (;;) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Error error = LastError(sql);
      sqlite3_reset(statement);
      return error;
    }
    Row row;
    for (int column = 0; column < sqlite3_column_count(statement); ++column) {
      switch (sqlite3_column_type(statement, column)) {
        case SQLITE_INTEGER:
          row.emplace_back(static_cast<int64_t>(sqlite3_column_int64(statement, column)));
          break;
        case SQLITE_NULL:
          row.emplace_back(nullptr);
          break;
        default:
          row.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, column)),
                                       static_cast<size_t>(sqlite3_column_bytes(statement, column))));
      }
    }
    rows.push_back(std::move(row));
  }
  sqlite3_reset(statement);
  return rows;
}

Status StorageDatabase::Transaction(const std::function<Status()>& work) {
  TRY(Execute("BEGIN IMMEDIATE"));
  Status done = work();
  if (!done) {
    (void)Execute("ROLLBACK");
    return done;
  }
  if (Status committed = Execute("COMMIT"); !committed) {
    (void)Execute("ROLLBACK");
    return committed;
  }
  return OkStatus();
}

}  // namespace sandtab::browser

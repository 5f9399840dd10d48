#include "browser/window/task_manager_feed.h"

#include "browser/process/process_registry.h"
#include "browser/process/process_stats.h"

namespace sandtab::browser {

TaskManagerFeed::TaskManagerFeed(boost::asio::io_context& io, const ProcessRegistry& processes, RowsCallback on_rows,
                                 std::chrono::milliseconds interval)
    : processes_(processes), on_rows_(std::move(on_rows)), interval_(interval), timer_(io), worker_(io) {}

void TaskManagerFeed::Start() {
  if (running_) return;
  running_ = true;
  ReadNow();
}

void TaskManagerFeed::Stop() {
  running_ = false;
  timer_.cancel();
}

void TaskManagerFeed::ReadNow() {
  if (!running_ || reading_) return;
  std::vector<TaskRow> rows;
  for (const ProcessRow& process : processes_.Rows()) {
    TaskRow& row = rows.emplace_back();
    row.pid = process.pid;
    row.type = process.type;
    row.tab = process.tab;
    row.state = process.state;
    row.sandboxed = process.sandboxed;
  }
  reading_ = true;
  worker_.Run(
      [rows = std::move(rows)]() mutable {
        for (TaskRow& row : rows) {
          const ProcessUsage usage = ReadProcessUsage(row.pid);
          // PSS when the kernel has it (shared pixels counted once), else RSS.
          row.memory_kib = usage.pss_kib ? usage.pss_kib : usage.rss_kib;
          row.cpu_seconds = usage.cpu_seconds;
          if (!usage.exists) row.state = "gone";
        }
        return rows;
      },
      [this](std::vector<TaskRow> rows) {
        reading_ = false;
        if (!running_) return;
        on_rows_(std::move(rows));
        Arm();
      });
}

void TaskManagerFeed::Arm() {
  timer_.expires_after(interval_);
  // A wait that completed before the panel closed is still queued with
  // success: the token says whether this is still there.
  timer_.async_wait([this, alive = anchor_.token()](const boost::system::error_code& ec) {
    if (!ec && alive.Alive()) ReadNow();
  });
}

}  // namespace sandtab::browser

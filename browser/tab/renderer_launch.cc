#include "browser/tab/renderer_launch.h"

#include <signal.h>

#include "browser/process/child_reaper.h"

namespace sandtab::browser {

LaunchRequest RendererLaunchRequest(const BrowserConfig& config) {
  LaunchRequest request;
  request.kind = ChildKind::kRenderer;
  request.sandbox = config.sandbox ? SandboxMode::kSandboxed : SandboxMode::kUnsandboxed;
  request.argv = config.renderer_cmd_prefix;
  if (!request.argv.empty()) request.view_dirs = {config.bin_dir};
  request.argv.push_back(config.bin_dir + "/sandtab-renderer");
  if (!config.sandbox) request.argv.push_back("--no-sandbox");
  if (config.verbosity > 0) request.argv.push_back("--v=" + std::to_string(config.verbosity));
  return request;
}

proto::DeathRecord LaunchFailedRecord(const std::string& why) {
  proto::DeathRecord record;
  record.set_process_type(proto::PROCESS_TYPE_RENDERER);
  record.set_cause(proto::DeathRecord::LAUNCH_FAILED);
  record.set_detail(why);
  record.set_exit_code(-1);
  return record;
}

void DiscardLaunchedChild(const LaunchedChild& child, ChildReaper& reaper) {
  KillThroughPidfd(child.pidfd);  // never the pid: a zygote's child may be reaped already
  reaper.Watch(child.pid, [](int) {});
}

}  // namespace sandtab::browser

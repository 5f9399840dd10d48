#include "browser/tab/renderer_launch.h"

#include <signal.h>

#include "browser/process/child_reaper.h"
#include "browser/tab/tab_context.h"

namespace sandtab::browser {

LaunchRequest RendererLaunchRequest(const BrowserConfig& config) {
  LaunchRequest request;
  request.kind = ChildKind::kRenderer;
  request.sandbox = config.sandbox ? SandboxMode::kSandboxed : SandboxMode::kUnsandboxed;
  SetProgram(request, config.renderer_cmd_prefix, config.bin_dir, config.bin_dir + "/sandtab-renderer");
  for (std::string& flag : config.RendererScriptFlags()) request.argv.push_back(std::move(flag));
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

void LaunchRenderer(const RendererLaunchContext& context, RendererHost::Client* client,
                    std::function<bool()> still_wanted,
                    std::function<void(Result<std::unique_ptr<RendererHost>>)> done) {
  context.launcher.Launch(RendererLaunchRequest(context.config), [&io = context.io, &reaper = context.reaper,
                                                                  &processes = context.processes,
                                                                  log_to_stderr = context.config.enable_logging,
                                                                  hang_timeout = context.hang_timeout, client,
                                                                  still_wanted = std::move(still_wanted),
                                                                  done = std::move(done)](Result<LaunchedChild> child) {
    if (!still_wanted()) {
      if (child) DiscardLaunchedChild(*child, reaper);
      return;
    }
    if (!child) return done(Error{child.error()});
    done(std::make_unique<RendererHost>(io, reaper, processes, std::move(*child), log_to_stderr, hang_timeout, client));
  });
}

}  // namespace sandtab::browser

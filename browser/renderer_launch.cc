#include "browser/renderer_launch.h"

#include <sstream>

namespace sandtab::browser {

LaunchRequest RendererLaunchRequest(const BrowserConfig& config) {
  LaunchRequest request;
  request.kind = ChildKind::kRenderer;
  request.sandbox = config.sandbox ? SandboxMode::kSandboxed : SandboxMode::kUnsandboxed;
  std::istringstream prefix(config.renderer_cmd_prefix);
  for (std::string word; prefix >> word;) request.argv.push_back(word);
  request.argv.push_back(config.bin_dir + "/sandtab-renderer");
  if (!config.sandbox) request.argv.push_back("--no-sandbox");
  if (config.verbosity > 0) request.argv.push_back("--v=" + std::to_string(config.verbosity));
  return request;
}

}  // namespace sandtab::browser

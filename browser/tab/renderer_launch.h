#ifndef SANDTAB_BROWSER_TAB_RENDERER_LAUNCH_H_
#define SANDTAB_BROWSER_TAB_RENDERER_LAUNCH_H_

#include "browser/common/browser_config.h"
#include <functional>
#include <memory>

#include "browser/process/child_launcher.h"
#include "browser/tab/renderer_host.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

// How the browser starts a renderer, for a tab or as a spare: one program,
// one set of flags, one sandbox mode, so a spare is exactly what the tab
// would have launched itself.
LaunchRequest RendererLaunchRequest(const BrowserConfig& config);

// What a launch that failed leaves: a death record (the tab's sad-tab reason).
proto::DeathRecord LaunchFailedRecord(const std::string& why);

class ChildReaper;
// A renderer launched for someone who no longer wants it (its tab closed,
// a newer launch started): killed, and still reaped.
void DiscardLaunchedChild(const LaunchedChild& child, ChildReaper& reaper);

struct RendererLaunchContext;

// Launches a renderer the way every one is launched (for a tab or as the
// spare) and makes its host, speaking to `client`. `still_wanted` is asked
// once the launch ends: a renderer nobody wants any more (its tab closed, a
// newer launch started) is discarded, and `done` not called. A launch that
// failed comes to `done` as the error.
void LaunchRenderer(const RendererLaunchContext& context, RendererHost::Client* client,
                    std::function<bool()> still_wanted,
                    std::function<void(Result<std::unique_ptr<RendererHost>>)> done);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_RENDERER_LAUNCH_H_

#ifndef SANDTAB_BROWSER_RENDERER_LAUNCH_H_
#define SANDTAB_BROWSER_RENDERER_LAUNCH_H_

#include "browser/browser_config.h"
#include "browser/child_launcher.h"

namespace sandtab::browser {

// How the browser starts a renderer, for a tab or as a spare: one program,
// one set of flags, one sandbox mode, so a spare is exactly what the tab
// would have launched itself.
LaunchRequest RendererLaunchRequest(const BrowserConfig& config);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_RENDERER_LAUNCH_H_

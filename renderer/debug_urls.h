#ifndef SANDTAB_RENDERER_DEBUG_URLS_H_
#define SANDTAB_RENDERER_DEBUG_URLS_H_

#include <functional>
#include <string>

namespace sandtab::renderer {

// Makes allocation failure visible: writes a line to stderr and exits with
// sandbox::kExitOutOfMemory (sandbox/exit_codes.h) instead of throwing into code that cannot handle it.
void InstallOutOfMemoryHandler();

// Chrome-style debug URLs that make a fault happen on purpose in this
// process (DESIGN section 6). Returns false if `url` is not one. The
// `send_bad_message` callback sends the browser a message that breaks the
// protocol, for about:badmessage.
bool IsDebugUrl(const std::string& url);
void RunDebugUrl(const std::string& url, const std::function<void()>& send_bad_message);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_DEBUG_URLS_H_

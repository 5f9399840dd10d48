// sandtab: the trusted browser process. Flags into a config, then one mode.
#include <malloc.h>

#include <cstdio>
#include <cstring>

#include "browser/browser.h"
#include "browser/common/browser_config.h"
#include "browser/command_line.h"
#include "browser/storage/browser_storage.h"
#include "browser/window/browser_window.h"
#include "sandbox/shared_net_namespace.h"

int main(int argc, char** argv) {
  // A block of a megabyte or more (a composed frame, a decoded saved frame)
  // is a mapping of its own and goes back to the kernel when freed, as
  // PartitionAlloc's direct maps do. glibc's own threshold rises to the
  // largest block freed, after which such blocks come from the heap and
  // their pages stay: two 1280x800 screenshots left the browser 4 MB larger
  // for good. The price is a fresh frame's page faults per such block.
  ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
  auto config = sandtab::browser::ParseCommandLine(argc, argv);
  if (!config) {
    if (config.error() == "help") {
      std::fputs(sandtab::browser::UsageText().c_str(), stdout);
      return 0;
    }
    std::fprintf(stderr, "sandtab: %s\n", config.error().c_str());
    return 2;
  }
  // Without a display --window fails now, before any child process starts.
  if (config->window) {
    if (auto display = sandtab::browser::BrowserWindow::CheckDisplay(); !display) {
      std::fprintf(stderr, "sandtab: %s\n", display.error().c_str());
      return 1;
    }
  }
  if (!config->sandbox) {
    std::fprintf(stderr,
                 "sandtab: WARNING: --no-sandbox: renderers run with full access to this "
                 "machine's files and network. For debugging only.\n");
  }
  // The first renderer's launch waits for this namespace; the kernel makes
  // it while the storage opens and the browser is built (a one-shot's
  // renderer launches at once after).
  if (config->sandbox) sandtab::sandbox::StartSharedNetNamespace();
  // Before the browser: a database that cannot be opened (a full disk, a
  // file that is no database) is an error to show, not a browser to run.
  auto storage = sandtab::browser::BrowserStorage::Open(config->user_data_dir);
  if (!storage) {
    std::fprintf(stderr, "sandtab: --user-data-dir: %s\n", storage.error().c_str());
    return 2;
  }
  sandtab::browser::Browser browser(std::move(*config), std::move(*storage));
  int exit_code = browser.config().one_shot() ? browser.RunOneShot() : browser.RunShell();
  std::fflush(stdout);
  // The shell's input thread may still sit in a read of stdin that nothing
  // can interrupt: leave without running static destructors under it.
  std::_Exit(exit_code);
}

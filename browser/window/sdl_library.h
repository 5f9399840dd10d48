#ifndef SANDTAB_BROWSER_WINDOW_SDL_LIBRARY_H_
#define SANDTAB_BROWSER_WINDOW_SDL_LIBRARY_H_

#include "base/result.h"

// Last, and only in the window's own files: SDL_syswm.h brings Xlib, whose
// macros (Status, Bool, None) would rename our words.
#include <SDL.h>
#include <SDL_syswm.h>
#undef Status

namespace sandtab::browser {

// SDL2, loaded when a window is first asked for (dlopen), not when the
// browser starts: linked in, libSDL2 brought 37 more shared libraries
// (PulseAudio, ALSA, Wayland, X11, D-Bus, systemd, audio codecs) that the
// dynamic linker mapped and relocated at every start of every browser, a
// headless one-shot included (~10 ms on the slow machine kind;
// docs/performance.md). Chrome loads its optional desktop libraries the
// same way. The functions BrowserWindow calls, typed as SDL declares them.
struct SdlLibrary {
  decltype(&::SDL_SetHint) SetHint;
  decltype(&::SDL_InitSubSystem) InitSubSystem;
  decltype(&::SDL_QuitSubSystem) QuitSubSystem;
  decltype(&::SDL_GetError) GetError;
  decltype(&::SDL_CreateWindow) CreateWindow;
  decltype(&::SDL_DestroyWindow) DestroyWindow;
  decltype(&::SDL_GetWindowWMInfo) GetWindowWMInfo;
  decltype(&::SDL_GetWindowSurface) GetWindowSurface;
  decltype(&::SDL_UpdateWindowSurface) UpdateWindowSurface;
  decltype(&::SDL_GetWindowSize) GetWindowSize;
  decltype(&::SDL_GetPixelFormatName) GetPixelFormatName;
  decltype(&::SDL_StartTextInput) StartTextInput;
  decltype(&::SDL_PollEvent) PollEvent;
  decltype(&::SDL_GetModState) GetModState;
  decltype(&::SDL_GetMouseState) GetMouseState;

  // The library, loaded once and kept for the process's life; or why not
  // (not installed, or a symbol missing).
  static Result<const SdlLibrary*> Get();
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_SDL_LIBRARY_H_

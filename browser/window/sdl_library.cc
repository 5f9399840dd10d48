#include "browser/window/sdl_library.h"

#include "browser/common/library_loader.h"

namespace sandtab::browser {
namespace {

// The runtime name (libsdl2-2.0-0), which is what a linked binary records.
constexpr const char* kSdlSoname = "libSDL2-2.0.so.0";

Result<SdlLibrary> Load() {
  LibraryLoader library(kSdlSoname);
  SdlLibrary sdl{};
  library.Bind(sdl.SetHint, "SDL_SetHint");
  library.Bind(sdl.InitSubSystem, "SDL_InitSubSystem");
  library.Bind(sdl.QuitSubSystem, "SDL_QuitSubSystem");
  library.Bind(sdl.GetError, "SDL_GetError");
  library.Bind(sdl.CreateWindow, "SDL_CreateWindow");
  library.Bind(sdl.DestroyWindow, "SDL_DestroyWindow");
  library.Bind(sdl.GetWindowWMInfo, "SDL_GetWindowWMInfo");
  library.Bind(sdl.GetWindowSurface, "SDL_GetWindowSurface");
  library.Bind(sdl.UpdateWindowSurface, "SDL_UpdateWindowSurface");
  library.Bind(sdl.GetWindowSize, "SDL_GetWindowSize");
  library.Bind(sdl.GetPixelFormatName, "SDL_GetPixelFormatName");
  library.Bind(sdl.StartTextInput, "SDL_StartTextInput");
  library.Bind(sdl.PollEvent, "SDL_PollEvent");
  library.Bind(sdl.GetModState, "SDL_GetModState");
  library.Bind(sdl.GetMouseState, "SDL_GetMouseState");
  if (Status loaded = library.Finish(); !loaded)
    return Error{"--window needs SDL2 (Debian's libsdl2-2.0-0): " + loaded.error()};
  return sdl;
}

}  // namespace

Result<const SdlLibrary*> SdlLibrary::Get() { return LoadOnce(&Load); }

}  // namespace sandtab::browser

#include "browser/window/sdl_library.h"

#include <dlfcn.h>

#include <string>
#include <type_traits>

namespace sandtab::browser {
namespace {

// The runtime name (libsdl2-2.0-0), which is what a linked binary records.
constexpr const char* kSdlSoname = "libSDL2-2.0.so.0";

Result<SdlLibrary> Load() {
  // RTLD_LOCAL: SDL's symbols serve these pointers and nothing else.
  void* handle = ::dlopen(kSdlSoname, RTLD_NOW | RTLD_LOCAL);
  if (!handle) return Error{std::string("--window needs SDL2 (Debian's libsdl2-2.0-0): ") + ::dlerror()};
  SdlLibrary sdl{};
  std::string missing;
  auto bind = [&](auto& function, const char* name) {
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(::dlsym(handle, name));
    if (!function) missing += std::string(missing.empty() ? "" : ", ") + name;
  };
  bind(sdl.SetHint, "SDL_SetHint");
  bind(sdl.InitSubSystem, "SDL_InitSubSystem");
  bind(sdl.QuitSubSystem, "SDL_QuitSubSystem");
  bind(sdl.GetError, "SDL_GetError");
  bind(sdl.CreateWindow, "SDL_CreateWindow");
  bind(sdl.DestroyWindow, "SDL_DestroyWindow");
  bind(sdl.GetWindowWMInfo, "SDL_GetWindowWMInfo");
  bind(sdl.GetWindowSurface, "SDL_GetWindowSurface");
  bind(sdl.UpdateWindowSurface, "SDL_UpdateWindowSurface");
  bind(sdl.GetWindowSize, "SDL_GetWindowSize");
  bind(sdl.GetPixelFormatName, "SDL_GetPixelFormatName");
  bind(sdl.StartTextInput, "SDL_StartTextInput");
  bind(sdl.PollEvent, "SDL_PollEvent");
  bind(sdl.GetModState, "SDL_GetModState");
  bind(sdl.GetMouseState, "SDL_GetMouseState");
  if (!missing.empty()) {
    ::dlclose(handle);
    return Error{std::string("--window: ") + kSdlSoname + " lacks " + missing};
  }
  return sdl;  // the handle stays open for the process's life, by design
}

}  // namespace

Result<const SdlLibrary*> SdlLibrary::Get() {
  static const Result<SdlLibrary> loaded = Load();
  if (!loaded) return Error{loaded.error()};
  return &*loaded;
}

}  // namespace sandtab::browser

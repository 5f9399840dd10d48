#ifndef SANDTAB_BROWSER_WINDOW_INPUT_EVENTS_H_
#define SANDTAB_BROWSER_WINDOW_INPUT_EVENTS_H_

#include <string>

namespace sandtab::browser {

// Input as the window's classes see it, free of SDL: BrowserWindow
// translates SDL's events into these, so the routing can be tested
// without a display.

// A key pressed: `key` is the DOM KeyboardEvent.key of keys that type no
// text ("Enter", "Escape", "ArrowLeft", "F5", "Tab") and the lower-case
// letter of a letter pressed with Ctrl or Alt ("t", "l"). Typed text comes
// as TextInput instead.
struct KeyInput {
  std::string key;
  bool ctrl = false;
  bool shift = false;
  bool alt = false;
};

// Text typed (after the keyboard layout): one or more UTF-8 characters.
struct TextInput {
  std::string text;
};

// A primary-button press at window coordinates.
struct ClickInput {
  int x = 0;
  int y = 0;
};

// The pointer moved to window coordinates (x, y); `left`: it left the
// window (x and y are then meaningless).
struct MotionInput {
  int x = 0;
  int y = 0;
  bool left = false;
};

// The wheel turned over (x, y): `delta_y` CSS pixels down (negative: up).
struct WheelInput {
  int x = 0;
  int y = 0;
  int delta_y = 0;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_INPUT_EVENTS_H_

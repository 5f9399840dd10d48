#ifndef SANDTAB_BROWSER_WINDOW_WINDOW_CHROME_H_
#define SANDTAB_BROWSER_WINDOW_WINDOW_CHROME_H_

#include <cairo.h>

#include <cstddef>
#include <string>
#include <vector>

#include "browser/window/window_layout.h"

namespace sandtab::browser {

class AddressBar;

// What the chrome shows, gathered from the tabs by the controller: drawing
// needs no tab, so it is tested from values.
struct ChromeTab {
  std::string title;
  bool loading = false;
  bool crashed = false;
};
struct ChromeModel {
  std::vector<ChromeTab> tabs;
  size_t active = 0;
  bool can_back = false;
  bool can_forward = false;
  const AddressBar* address = nullptr;
  std::string status;
  int spinner_phase = 0;  // advances while a tab loads
};

// Draws the browser's own UI around the page with Cairo and Pango: the tab
// strip (titles, a spinner while loading, the crashed mark, close buttons,
// the new-tab button), back / forward / reload, the address bar with its
// cursor or selection, and the status line. Also the demo's caption band.
class WindowChrome {
 public:
  static void Draw(cairo_t* cr, const WindowLayout& layout, const ChromeModel& model);
  // A band of text at the bottom of the page area (the narrated demo).
  static void DrawCaption(cairo_t* cr, const UiRect& page, const std::string& caption);

 private:
  static void DrawTabStrip(cairo_t* cr, const WindowLayout& layout, const ChromeModel& model);
  static void DrawToolbar(cairo_t* cr, const WindowLayout& layout, const ChromeModel& model);
  static void DrawStatus(cairo_t* cr, const WindowLayout& layout, const std::string& status);
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_WINDOW_WINDOW_CHROME_H_

#ifndef SANDTAB_BROWSER_COMMON_UI_RECT_H_
#define SANDTAB_BROWSER_COMMON_UI_RECT_H_

namespace sandtab::browser {

// A rectangle of the browser's own drawing (the window's chrome, the sad
// tab's button), in whole pixels: what is drawn there is also what a click
// there hits, so drawing and hit-testing share one value.
struct UiRect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;

  bool Contains(int px, int py) const { return px >= x && py >= y && px < x + width && py < y + height; }
  int right() const { return x + width; }
  int bottom() const { return y + height; }
  bool empty() const { return width <= 0 || height <= 0; }
  bool operator==(const UiRect&) const = default;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_UI_RECT_H_

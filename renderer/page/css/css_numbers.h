// Numbers in CSS declarations, bounded before litehtml sees them. litehtml
// 0.6 converts lengths to int pixels (a float cast) and adds margins,
// borders, paddings and widths as ints, so `margin: -999999999999em` or
// `width: 1e9px` overflow: undefined behaviour, in practice boxes placed at
// wrapped-around coordinates. Chromium saturates its layout units at about
// +-33 million px; here the numbers themselves are bounded so that what
// litehtml computes from them stays far inside int: 1,000,000 for absolute
// units and plain numbers, 10,000 for units relative to a font, the viewport
// or a percentage, and 10,000 for any number of 'font' or 'font-size' (a
// font that size is already taller than any screen).
#ifndef SANDTAB_RENDERER_PAGE_CSS_CSS_NUMBERS_H_
#define SANDTAB_RENDERER_PAGE_CSS_CSS_NUMBERS_H_

#include <string>
#include <string_view>

namespace sandtab::renderer {

inline constexpr double kMaxAbsoluteNumber = 1e6;
inline constexpr double kMaxRelativeNumber = 1e4;

// `declaration` ("name: value", without ';') with each number of its value
// that is larger in magnitude than its bound replaced by the bound (same
// sign, same unit). Numbers in strings, url() and hex colours are left
// alone, and so is every declaration with nothing to bound (returned as is).
std::string BoundedNumbers(std::string_view declaration);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_CSS_CSS_NUMBERS_H_

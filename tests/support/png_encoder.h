// Encodes pixels as a PNG file in memory (e.g. an image a test serves).
#pragma once

#include <string>

#include "tests/support/png_reader.h"

namespace sandtab::test {

// The PNG bytes of `image` (8-bit RGBA, straight alpha); empty on failure
// or when the image's size and pixel count disagree.
std::string EncodePng(const Image& image);

}  // namespace sandtab::test

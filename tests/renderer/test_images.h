// Encoders for tests and the demo-image generator: the renderer only decodes,
// so encoding lives here, beside the tests that need known images.
#ifndef SANDTAB_TESTS_RENDERER_TEST_IMAGES_H_
#define SANDTAB_TESTS_RENDERER_TEST_IMAGES_H_

#include <cairo.h>

#include <cstdint>
#include <string>

namespace sandtab::renderer::testing {

std::string EncodePng(cairo_surface_t* surface);
std::string EncodeJpeg(cairo_surface_t* surface, int quality);
// A w×h image filled with one colour (0xRRGGBB, opaque).
std::string SolidPng(int width, int height, uint32_t rgb);
std::string SolidJpeg(int width, int height, uint32_t rgb);

}  // namespace sandtab::renderer::testing

#endif  // SANDTAB_TESTS_RENDERER_TEST_IMAGES_H_

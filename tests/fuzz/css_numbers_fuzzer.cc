// The renderer's CSS number bounding (renderer/page/css/css_numbers.h) on any
// declaration text. Bounding twice must change nothing (a number it let
// through is inside its bound; one it wrote is the bound itself), and a
// declaration with nothing to bound comes back as is.
#include <cstdint>
#include <string>
#include <string_view>

#include "renderer/page/css/css_numbers.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view declaration(reinterpret_cast<const char*>(data), size);
  const std::string once = sandtab::renderer::BoundedNumbers(declaration);
  const std::string twice = sandtab::renderer::BoundedNumbers(once);
  sandtab::fuzz::Check(once == twice, "BoundedNumbers is not idempotent");
  return 0;
}

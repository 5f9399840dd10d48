// The PPM decoder is the untrusted-input parser of this folder: exact pixels
// for valid input, a clear error (never a crash, never a huge allocation)
// for everything else, including random mutations.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "plugin/plugin_fonts.h"
#include "plugin/ppm_decoder.h"
#include "plugin/ppm_plugin.h"
#include "tests/plugin/pixels.h"

namespace sandtab::plugin {
namespace {

constexpr char kTwoByTwo[] = "P3\n# a comment\n2 2\n255\n255 0 0  0 255 0\n0 0 255  255 255 255\n";

TEST(PpmDecoder, DecodesExactPixels) {
  auto image = DecodePlainNetpbm(kTwoByTwo);
  ASSERT_TRUE(image.ok()) << image.error();
  EXPECT_EQ(image->width, 2);
  EXPECT_EQ(image->height, 2);
  ASSERT_EQ(image->pixels.size(), 4u);
  EXPECT_EQ(image->pixels[0], 0xFFFF0000u);
  EXPECT_EQ(image->pixels[1], 0xFF00FF00u);
  EXPECT_EQ(image->pixels[2], 0xFF0000FFu);
  EXPECT_EQ(image->pixels[3], 0xFFFFFFFFu);
}

TEST(PpmDecoder, ScalesMaxvalAndReadsGreyscaleAndComments) {
  auto image = DecodePlainNetpbm("P3 1 1 15 15 0 8#comment right after a number\n");
  ASSERT_TRUE(image.ok()) << image.error();
  EXPECT_EQ(image->pixels[0], 0xFFFF0088u);  // 8/15*255 = 136 = 0x88
  auto wide = DecodePlainNetpbm("P3 1 1 65535 65535 32768 0");
  ASSERT_TRUE(wide.ok()) << wide.error();
  EXPECT_EQ(wide->pixels[0], 0xFFFF8000u);
  auto grey = DecodePlainNetpbm("P2\n3 1\n2\n0 1 2\n");
  ASSERT_TRUE(grey.ok()) << grey.error();
  EXPECT_EQ(grey->pixels[0], 0xFF000000u);
  EXPECT_EQ(grey->pixels[1], 0xFF808080u);
  EXPECT_EQ(grey->pixels[2], 0xFFFFFFFFu);
}

TEST(PpmDecoder, RejectsMalformedInputWithAReason) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "must start with P3 or P2"},
      {"P6 1 1 255 abc", "must start with P3 or P2"},
      {"P36 1 1 255 0 0 0", "bad magic"},
      {"P3", "ends before width"},
      {"P3 2", "ends before height"},
      {"P3 2 2", "ends before maxval"},
      {"P3 2 2 255 1 2 3", "ends before sample"},
      {"P3 1 1 255 1 2 3 4", "data after the last sample"},
      {"P3 1 1 255 1 2 3 junk", "data after the last sample"},
      {"P3 1 1 255 1 2 256", "sample 256 exceeds 255"},
      {"P3 0 1 255", "at least 1"},
      {"P3 1 0 255", "at least 1"},
      {"P3 1 1 0 0 0 0", "maxval must be at least 1"},
      {"P3 1 1 65536 0 0 0", "maxval 65536 exceeds 65535"},
      {"P3 1025 1 255", "width 1025 exceeds 1024"},
      {"P3 1 99999999999999999999 255", "too many digits"},
      {"P3 600 600 255", "over the 262144-pixel cap"},
      {"P3 1 1 255 1 2 3x", "unexpected 'x'"},
      {"P3 1 1 255 1 -2 3", "unexpected '-'"},
      {"P3 1 1 2.5 1 2 3", "unexpected '.'"},
      {std::string("P3 1 1 255 1 2 \xc3\xa9"), "unexpected 0xc3"},
      {std::string("P3 1 1 255 1 2\0 3", 16), "unexpected 0x00"},
  };
  for (const auto& [input, reason] : cases) {
    auto image = DecodePlainNetpbm(input);
    ASSERT_FALSE(image.ok()) << input;
    EXPECT_NE(image.error().find(reason), std::string::npos) << input << " -> " << image.error();
  }
  EXPECT_FALSE(DecodePlainNetpbm(std::string(kMaxPpmInputBytes + 1, ' ')).ok());
}

TEST(PpmDecoder, LargestAllowedImageDecodes) {
  std::string input = "P2 512 512 1\n";
  for (int i = 0; i < 512 * 512; ++i) input += (i % 2) ? "1 " : "0 ";
  auto image = DecodePlainNetpbm(input);
  ASSERT_TRUE(image.ok()) << image.error();
  EXPECT_EQ(image->pixels.size(), 512u * 512u);
  EXPECT_EQ(image->pixels[1], 0xFFFFFFFFu);
}

// Random mutations and truncations of a valid image: every outcome is a
// decoded image of the declared size or an error, never a crash (run it
// under -DSANDTAB_SANITIZE=address,undefined to check memory too).
TEST(PpmDecoder, SurvivesRandomMutations) {
  std::mt19937 random(12345);
  const std::string valid = kTwoByTwo;
  const char alphabet[] = "P3260 \n#9-x\xff";
  for (int round = 0; round < 20000; ++round) {
    std::string input = valid;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = random() % (input.size() + 1);
      switch (random() % 3) {
        case 0:
          if (at < input.size()) input[at] = alphabet[random() % (sizeof(alphabet) - 1)];
          break;
        case 1:
          input.insert(at, 1, alphabet[random() % (sizeof(alphabet) - 1)]);
          break;
        case 2:
          input.resize(at);
          break;
      }
    }
    auto image = DecodePlainNetpbm(input);
    if (image.ok()) {
      ASSERT_EQ(image->pixels.size(), static_cast<size_t>(image->width) * image->height) << input;
      ASSERT_LE(image->width, kMaxPpmDimension);
    } else {
      ASSERT_FALSE(image.error().empty());
    }
  }
}

TEST(PpmPlugin, PaintsTheImageScaledWithWholePixels) {
  PluginParams params;
  params.Add("data", kTwoByTwo);
  auto ppm = PpmInstance::Create(params);
  test::Canvas canvas(100, 100);
  canvas.Paint(*ppm);
  // Scale 50: four exact 50x50 quadrants, edges included.
  EXPECT_EQ(canvas.Rgb(0, 0), 0xFF0000u);
  EXPECT_EQ(canvas.Rgb(49, 49), 0xFF0000u);
  EXPECT_EQ(canvas.Rgb(50, 0), 0x00FF00u);
  EXPECT_EQ(canvas.Rgb(0, 50), 0x0000FFu);
  EXPECT_EQ(canvas.Rgb(99, 99), 0xFFFFFFu);
  EXPECT_EQ(canvas.Count(0xFF0000), 2500);
}

TEST(PpmPlugin, CentresOnTheBackground) {
  PluginParams params;
  params.Add("data", "P3 3 1 255 255 0 0 0 255 0 0 0 255");
  auto ppm = PpmInstance::Create(params);
  test::Canvas canvas(100, 100);
  canvas.Paint(*ppm);
  // Scale 33: x 0..98, y 33..65.
  EXPECT_EQ(canvas.Rgb(50, 10), PpmInstance::kBackgroundRgb);
  EXPECT_EQ(canvas.Rgb(99, 50), PpmInstance::kBackgroundRgb);
  EXPECT_EQ(canvas.Rgb(0, 33), 0xFF0000u);
  EXPECT_EQ(canvas.Rgb(32, 65), 0xFF0000u);
  EXPECT_EQ(canvas.Rgb(33, 50), 0x00FF00u);
  EXPECT_EQ(canvas.Rgb(98, 50), 0x0000FFu);
  EXPECT_EQ(canvas.Rgb(50, 66), PpmInstance::kBackgroundRgb);
}

TEST(PpmPlugin, BadOrMissingDataPaintsAnError) {
  for (const char* data : std::initializer_list<const char*>{"P3 2 2 255 1", "P6 ...", nullptr}) {
    PluginParams params;
    if (data) params.Add("data", data);
    auto ppm = PpmInstance::Create(params);
    test::Canvas canvas(120, 60);
    canvas.Paint(*ppm);
    EXPECT_EQ(canvas.Rgb(0, 0), kErrorRgb);
    EXPECT_EQ(canvas.Rgb(119, 59), kErrorRgb);
  }
}

}  // namespace
}  // namespace sandtab::plugin

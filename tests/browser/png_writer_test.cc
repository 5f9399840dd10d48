// WritePng output read back with libpng itself.
#include "browser/common/png_writer.h"

#include <png.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/browser/test_util.h"

namespace sandtab::browser {
namespace {

namespace fs = std::filesystem;

struct Rgba {
  int r, g, b, a;
};

// Premultiplied BGRA, as Cairo's ARGB32 lays it out on little-endian.
void Put(Image* image, int x, int y, uint8_t b, uint8_t g, uint8_t r, uint8_t a) {
  uint8_t* p = &image->pixels[(static_cast<size_t>(y) * image->width + x) * 4];
  p[0] = b;
  p[1] = g;
  p[2] = r;
  p[3] = a;
}

// Reads a PNG with libpng as straight (non-premultiplied) RGBA.
bool ReadPng(const std::string& path, int* width, int* height, std::vector<uint8_t>* rgba) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) return false;
  image.format = PNG_FORMAT_RGBA;
  rgba->assign(PNG_IMAGE_SIZE(image), 0);
  if (!png_image_finish_read(&image, nullptr, rgba->data(), 0, nullptr)) {
    png_image_free(&image);
    return false;
  }
  *width = static_cast<int>(image.width);
  *height = static_cast<int>(image.height);
  return true;
}

Image TestImage() {
  Image image;
  image.width = 3;
  image.height = 2;
  image.pixels.assign(3 * 2 * 4, 0);
  Put(&image, 0, 0, 0, 0, 255, 255);      // opaque red
  Put(&image, 1, 0, 0, 255, 0, 255);      // opaque green
  Put(&image, 2, 0, 255, 0, 0, 255);      // opaque blue
  Put(&image, 0, 1, 0, 0, 0, 0);          // transparent
  Put(&image, 1, 1, 128, 128, 128, 128);  // half-transparent white
  Put(&image, 2, 1, 0, 0, 64, 128);       // half-transparent, half-bright red
  return image;
}

void ExpectPixel(const std::vector<uint8_t>& rgba, int width, int x, int y, Rgba want) {
  const uint8_t* p = &rgba[(static_cast<size_t>(y) * width + x) * 4];
  // Un-premultiplying may round either way: allow one step.
  EXPECT_NEAR(p[0], want.r, 1) << "red at " << x << "," << y;
  EXPECT_NEAR(p[1], want.g, 1) << "green at " << x << "," << y;
  EXPECT_NEAR(p[2], want.b, 1) << "blue at " << x << "," << y;
  EXPECT_EQ(p[3], want.a) << "alpha at " << x << "," << y;
}

TEST(PngWriterTest, WritesARealPngWithUnpremultipliedPixels) {
  testing::TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path() + "/shot.png";
  auto status = WritePng(path, TestImage());
  ASSERT_TRUE(status.ok()) << status.error();

  // The PNG signature, then libpng's reading.
  std::ifstream file(path, std::ios::binary);
  char signature[8] = {};
  file.read(signature, 8);
  EXPECT_EQ(std::string(signature, 8), std::string("\x89PNG\r\n\x1a\n", 8));

  int width = 0, height = 0;
  std::vector<uint8_t> rgba;
  ASSERT_TRUE(ReadPng(path, &width, &height, &rgba));
  EXPECT_EQ(width, 3);
  EXPECT_EQ(height, 2);
  ExpectPixel(rgba, width, 0, 0, {255, 0, 0, 255});
  ExpectPixel(rgba, width, 1, 0, {0, 255, 0, 255});
  ExpectPixel(rgba, width, 2, 0, {0, 0, 255, 255});
  ExpectPixel(rgba, width, 0, 1, {0, 0, 0, 0});
  ExpectPixel(rgba, width, 1, 1, {255, 255, 255, 128});
  ExpectPixel(rgba, width, 2, 1, {128, 0, 0, 128});

  EXPECT_FALSE(fs::exists(path + ".tmp")) << "the temporary file was left behind";
}

TEST(PngWriterTest, EncodePngInMemoryMatchesTheFile) {
  testing::TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path() + "/shot.png";
  ASSERT_TRUE(WritePng(path, TestImage()).ok());
  auto encoded = EncodePng(TestImage());
  ASSERT_TRUE(encoded.ok()) << encoded.error();
  std::ifstream file(path, std::ios::binary);
  const std::string written((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(*encoded, written);

  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  ASSERT_TRUE(png_image_begin_read_from_memory(&image, encoded->data(), encoded->size()));
  EXPECT_EQ(image.width, 3u);
  EXPECT_EQ(image.height, 2u);
  png_image_free(&image);
  EXPECT_FALSE(EncodePng(Image{}).ok());
}

// The colour type byte of the IHDR chunk: 2 is RGB, 6 is RGBA.
int ColorType(const std::string& png) { return png.size() > 25 ? static_cast<uint8_t>(png[25]) : -1; }

TEST(PngWriterTest, AnOpaqueImageIsWrittenWithoutAlphaAndReadsBackTheSame) {
  Image image;
  image.width = 64;
  image.height = 3;
  image.pixels.assign(64 * 3 * 4, 255);
  for (int x = 0; x < 64; ++x) Put(&image, x, 1, static_cast<uint8_t>(x * 4), 20, static_cast<uint8_t>(255 - x), 255);
  auto encoded = EncodePng(image);
  ASSERT_TRUE(encoded.ok()) << encoded.error();
  EXPECT_EQ(ColorType(*encoded), 2) << "an opaque screenshot needs no alpha channel";
  EXPECT_EQ(ColorType(*EncodePng(TestImage())), 6) << "a translucent one keeps it";

  // Read back through libpng's simplified API, which expands RGB to RGBA.
  png_image decoded{};
  decoded.version = PNG_IMAGE_VERSION;
  ASSERT_TRUE(png_image_begin_read_from_memory(&decoded, encoded->data(), encoded->size()));
  decoded.format = PNG_FORMAT_RGBA;
  std::vector<uint8_t> rgba(PNG_IMAGE_SIZE(decoded));
  ASSERT_TRUE(png_image_finish_read(&decoded, nullptr, rgba.data(), 0, nullptr));
  ASSERT_EQ(decoded.width, 64u);
  ASSERT_EQ(decoded.height, 3u);
  ExpectPixel(rgba, 64, 5, 0, {255, 255, 255, 255});
  for (int x = 0; x < 64; ++x) ExpectPixel(rgba, 64, x, 1, {255 - x, 20, x * 4, 255});
}

// Tall enough to be compressed in parts on several threads.
TEST(PngWriterTest, ATallImageReadsBackExactlyAndOneTranslucentPixelKeepsTheAlpha) {
  Image image;
  image.width = 97;
  image.height = 700;
  image.pixels.resize(size_t{97} * 700 * 4);
  for (int y = 0; y < 700; ++y) {
    for (int x = 0; x < 97; ++x) Put(&image, x, y, static_cast<uint8_t>(x + y), static_cast<uint8_t>(y / 3), 7, 255);
  }
  for (const bool translucent : {false, true}) {
    if (translucent) Put(&image, 96, 699, 0, 0, 64, 128);
    auto encoded = EncodePng(image);
    ASSERT_TRUE(encoded.ok()) << encoded.error();
    EXPECT_EQ(ColorType(*encoded), translucent ? 6 : 2);
    png_image decoded{};
    decoded.version = PNG_IMAGE_VERSION;
    ASSERT_TRUE(png_image_begin_read_from_memory(&decoded, encoded->data(), encoded->size()));
    decoded.format = PNG_FORMAT_RGBA;
    std::vector<uint8_t> rgba(PNG_IMAGE_SIZE(decoded));
    ASSERT_TRUE(png_image_finish_read(&decoded, nullptr, rgba.data(), 0, nullptr)) << decoded.message;
    ASSERT_EQ(decoded.height, 700u);
    for (int y = 0; y < 700; y += 3) ExpectPixel(rgba, 97, (y * 5) % 97, y, {7, y / 3, ((y * 5) % 97 + y) & 255, 255});
    ExpectPixel(rgba, 97, 95, 699, {7, 233, (95 + 699) & 255, 255});
    if (translucent) ExpectPixel(rgba, 97, 96, 699, {128, 0, 0, 128});
  }
}

TEST(PngWriterTest, ReplacesAnExistingFile) {
  testing::TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path() + "/shot.png";
  std::ofstream(path) << "old contents";
  Image image;
  image.width = 1;
  image.height = 1;
  image.pixels = {10, 20, 30, 255};
  ASSERT_TRUE(WritePng(path, image).ok());
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;
  ASSERT_TRUE(ReadPng(path, &width, &height, &rgba));
  ExpectPixel(rgba, width, 0, 0, {30, 20, 10, 255});
}

TEST(PngWriterTest, FailsCleanlyInAMissingDirectory) {
  testing::TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path() + "/no/such/dir/shot.png";
  auto status = WritePng(path, TestImage());
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error(), ::testing::HasSubstr(path));
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

// The check a screenshot makes before it draws anything: the same verdict
// and the same error as the write itself would give.
TEST(PngWriterTest, CheckPngWritableAgreesWithWritePng) {
  testing::TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string missing = dir.path() + "/no/such/dir/shot.png";
  auto checked = CheckPngWritable(missing);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error(), WritePng(missing, TestImage()).error());
  EXPECT_FALSE(CheckPngWritable(dir.path() + "/").ok()) << "a folder is not a file name";
  EXPECT_FALSE(CheckPngWritable("").ok());
  const std::string fine = dir.path() + "/shot.png";
  EXPECT_TRUE(CheckPngWritable(fine).ok());
  EXPECT_TRUE(fs::is_empty(dir.path())) << "checking wrote something";
  EXPECT_TRUE(WritePng(fine, TestImage()).ok());
}

TEST(PngWriterTest, FailsCleanlyWhenTheTargetIsADirectory) {
  // The temporary file can be written but not renamed over a directory.
  // WritePng reports that, but leaves "<path>.tmp" behind.
  testing::TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path() + "/shot.png";
  fs::create_directory(path);
  auto status = WritePng(path, TestImage());
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error(), ::testing::HasSubstr(path));
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_FALSE(fs::exists(path + ".tmp")) << "a failed WritePng left its temporary file behind";
}

TEST(PngWriterTest, RefusesImagesWithoutPixels) {
  testing::TempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.path() + "/shot.png";
  Image empty;
  EXPECT_FALSE(WritePng(path, empty).ok());
  Image short_buffer;
  short_buffer.width = 4;
  short_buffer.height = 4;
  short_buffer.pixels.assign(4 * 4 * 4 - 1, 0);
  EXPECT_FALSE(WritePng(path, short_buffer).ok());
  Image negative;
  negative.width = -2;
  negative.height = -2;
  negative.pixels.assign(16, 0);
  EXPECT_FALSE(WritePng(path, negative).ok());
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(PngWriterTest, CopyAreaTakesOnlyThePixelsInsideTheRows) {
  Image image;
  image.width = 4;
  image.height = 3;
  for (int i = 0; i < 12; ++i) image.pixels.insert(image.pixels.end(), {uint8_t(i), 0, 0, 255});
  int rows_read = 0;
  PixelRows rows = RowsOf(image);
  PixelRows counted{rows.width, rows.height, [&rows, &rows_read](int y) {
                      ++rows_read;
                      return rows.row(y);
                    }};
  auto area = CopyArea(counted, UiRect{1, 1, 10, 1});
  ASSERT_TRUE(area.ok()) << area.error();
  EXPECT_EQ(area->width, 3);
  EXPECT_EQ(area->height, 1);
  EXPECT_EQ(area->pixels, (std::vector<uint8_t>{5, 0, 0, 255, 6, 0, 0, 255, 7, 0, 0, 255}));
  EXPECT_EQ(rows_read, 1) << "only the area's rows are read";
  EXPECT_FALSE(CopyArea(rows, UiRect{4, 0, 2, 2}).ok()) << "right of the picture";
  EXPECT_FALSE(CopyArea(rows, UiRect{-3, 0, 2, 2}).ok()) << "left of it";
  EXPECT_FALSE(CopyArea(rows, UiRect{0, 0, 0, 2}).ok()) << "empty";
  auto corner = CopyArea(rows, UiRect{-1, -1, 2, 2});
  ASSERT_TRUE(corner.ok()) << corner.error();
  EXPECT_EQ(corner->width * corner->height, 1);
  EXPECT_EQ(corner->pixels[0], 0);
}

}  // namespace
}  // namespace sandtab::browser

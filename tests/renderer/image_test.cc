// Untrusted images: valid ones decode, corrupt and oversized ones are
// rejected before any large allocation, and nothing crashes.
#include "renderer/page/image_decoder.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "renderer/page/page.h"
#include "tests/renderer/page_fixture.h"
#include "tests/renderer/test_images.h"

namespace sandtab::renderer {
namespace {

uint32_t PixelRgb(cairo_surface_t* surface, int x, int y) {
  cairo_surface_flush(surface);
  const unsigned char* row = cairo_image_surface_get_data(surface) + y * cairo_image_surface_get_stride(surface);
  return reinterpret_cast<const uint32_t*>(row)[x];
}

uint32_t Crc32(const std::string& bytes, size_t begin, size_t end) {
  uint32_t crc = 0xffffffffu;
  for (size_t i = begin; i < end; ++i) {
    crc ^= static_cast<unsigned char>(bytes[i]);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void PutBigEndian(std::string* bytes, size_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) (*bytes)[at + i] = static_cast<char>(value >> (24 - 8 * i));
}

// A valid PNG whose IHDR claims width×height (CRC fixed up, so only the size
// check can reject it).
std::string PngClaiming(uint32_t width, uint32_t height) {
  std::string png = testing::SolidPng(4, 4, 0x112233);
  // 8-byte signature, then IHDR: length(4) "IHDR"(4) width(4) height(4) ... crc.
  PutBigEndian(&png, 16, width);
  PutBigEndian(&png, 20, height);
  PutBigEndian(&png, 29, Crc32(png, 12, 29));
  return png;
}

// A valid JPEG whose SOF0 claims width×height.
std::string JpegClaiming(uint16_t width, uint16_t height) {
  std::string jpeg = testing::SolidJpeg(8, 8, 0x112233);
  const size_t sof = jpeg.find("\xff\xc0");
  EXPECT_NE(sof, std::string::npos);
  // FFC0 length(2) precision(1) height(2) width(2)
  jpeg[sof + 5] = static_cast<char>(height >> 8);
  jpeg[sof + 6] = static_cast<char>(height & 0xff);
  jpeg[sof + 7] = static_cast<char>(width >> 8);
  jpeg[sof + 8] = static_cast<char>(width & 0xff);
  return jpeg;
}

TEST(ImageDecoder, DecodesPngWithPremultipliedAlpha) {
  cairo_surface_t* source = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 2, 1);
  cairo_t* cr = cairo_create(source);
  cairo_set_source_rgba(cr, 1, 0, 0, 0.5);
  cairo_rectangle(cr, 0, 0, 1, 1);
  cairo_fill(cr);
  cairo_destroy(cr);
  const std::string png = testing::EncodePng(source);
  cairo_surface_destroy(source);
  CairoSurfacePtr image = DecodePng(png);
  ASSERT_TRUE(image);
  EXPECT_EQ(cairo_image_surface_get_width(image.get()), 2);
  const uint32_t half_red = PixelRgb(image.get(), 0, 0);
  EXPECT_NEAR(static_cast<int>(half_red >> 24), 128, 1);
  EXPECT_NEAR(static_cast<int>((half_red >> 16) & 0xff), 128, 1);  // premultiplied
  EXPECT_EQ(PixelRgb(image.get(), 1, 0), 0u);                      // transparent
}

TEST(ImageDecoder, DecodesJpeg) {
  CairoSurfacePtr image = DecodeImage(testing::SolidJpeg(33, 17, 0x20a040));
  ASSERT_TRUE(image);
  EXPECT_EQ(cairo_image_surface_get_width(image.get()), 33);
  EXPECT_EQ(cairo_image_surface_get_height(image.get()), 17);
  EXPECT_TRUE(testing::ColorNear(PixelRgb(image.get(), 16, 8) & 0xffffff, 0x20a040, 3));
  EXPECT_EQ(PixelRgb(image.get(), 16, 8) >> 24, 0xffu);
}

TEST(ImageDecoder, SniffsTheBytesNotTheName) {
  EXPECT_EQ(SniffImageFormat(testing::SolidPng(1, 1, 0)), ImageFormat::kPng);
  EXPECT_EQ(SniffImageFormat(testing::SolidJpeg(1, 1, 0)), ImageFormat::kJpeg);
  EXPECT_EQ(SniffImageFormat("GIF89a"), ImageFormat::kUnknown);
  EXPECT_EQ(SniffImageFormat(""), ImageFormat::kUnknown);
  EXPECT_FALSE(DecodeImage("GIF89a\x01\x00\x01\x00"));
}

TEST(ImageDecoder, RejectsCorruptImages) {
  const std::string png = testing::SolidPng(64, 64, 0x445566);
  EXPECT_FALSE(DecodeImage(png.substr(0, 8)));
  EXPECT_FALSE(DecodeImage(png.substr(0, png.size() / 2)));
  std::string bad_crc = png;
  bad_crc[30] ^= 0x55;
  EXPECT_FALSE(DecodeImage(bad_crc));
  EXPECT_FALSE(DecodeImage(std::string("\xff\xd8\xff") + std::string(100, '\0')));
  EXPECT_FALSE(DecodeImage(std::string("\x89PNG\r\n\x1a\n", 8) + "garbage"));
}

TEST(ImageDecoder, TruncatedJpegDoesNotCrash) {
  const std::string jpeg = testing::SolidJpeg(64, 64, 0x445566);
  for (size_t size : {size_t{3}, size_t{20}, jpeg.size() / 2, jpeg.size() - 2}) {
    CairoSurfacePtr image = DecodeImage(jpeg.substr(0, size));  // partial image or null
    if (image) {
      EXPECT_EQ(cairo_image_surface_get_width(image.get()), 64);
    }
  }
}

TEST(ImageDecoder, RejectsHugeImagesBeforeAllocating) {
  EXPECT_TRUE(DecodeImage(PngClaiming(4, 4)));  // the fixture itself is valid
  EXPECT_FALSE(DecodeImage(PngClaiming(kMaxImageDimension + 1, 1)));
  EXPECT_FALSE(DecodeImage(PngClaiming(100000, 100000)));
  EXPECT_FALSE(DecodeImage(PngClaiming(0x7fffffff, 0x7fffffff)));
  EXPECT_FALSE(DecodeImage(PngClaiming(5000, 5000)));  // within 8192 but over the pixel cap
  EXPECT_TRUE(DecodeImage(JpegClaiming(8, 8)));
  EXPECT_FALSE(DecodeImage(JpegClaiming(60000, 60000)));
  EXPECT_FALSE(DecodeImage(JpegClaiming(8192, 8192)));
  EXPECT_FALSE(ImageSizeAllowed(0, 10));
  EXPECT_TRUE(ImageSizeAllowed(kMaxImageDimension, 16));
}

TEST(ImageDecoder, RandomMutationsDoNotCrash) {
  const std::string seeds[] = {testing::SolidPng(16, 16, 0x808080), testing::SolidJpeg(16, 16, 0x808080)};
  std::mt19937 rng(1234);
  for (const std::string& seed : seeds) {
    for (int i = 0; i < 300; ++i) {
      std::string bytes = seed;
      const int flips = 1 + static_cast<int>(rng() % 8);
      for (int f = 0; f < flips; ++f) bytes[rng() % bytes.size()] = static_cast<char>(rng());
      if (rng() % 4 == 0) bytes.resize(rng() % bytes.size());
      DecodeImage(bytes);
    }
  }
}

TEST(ImageDecoder, CorruptImageInAPageIsSkipped) {
  Page page(
      "<body style='margin:0'><img src=a.png style='display:block'>"
      "<div style='height:10px;background:#00ff00'></div>",
      "http://example.test/", 100, 50);
  auto requests = page.TakeResourceRequests();
  ASSERT_EQ(requests.size(), 1u);
  page.SupplyResource(requests[0].url, true, PngClaiming(100000, 100000));
  EXPECT_TRUE(page.IsComplete());
  testing::Canvas canvas(100, 50);
  canvas.Paint(&page);
  EXPECT_EQ(canvas.Rgb(5, 5), 0x00ff00u);
}

}  // namespace
}  // namespace sandtab::renderer

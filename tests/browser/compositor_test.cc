// Compositor::ComposePage, the code under every screenshot: the page's front
// buffer (a real sealed SharedBuffer) copied exactly, plugin frames placed at
// their document rects less the scroll, clipped to their rect and to the
// viewport, and the destination reused from frame to frame.
#include "browser/compositor/compositor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "browser/plugins/plugin_instance.h"
#include "ipc/shared_buffer.h"

namespace sandtab::browser {
namespace {

constexpr int kWidth = 64;
constexpr int kHeight = 48;

// Opaque premultiplied BGRA, one uint32 per pixel on little-endian.
constexpr uint32_t kPage = 0xff204060;
constexpr uint32_t kPlugin = 0xffc08000;

uint32_t At(const Image& image, int x, int y) {
  uint32_t pixel;
  std::memcpy(&pixel, &image.pixels[(static_cast<size_t>(y) * image.width + x) * 4], 4);
  return pixel;
}

void Fill(std::span<uint8_t> bytes, uint32_t pixel) {
  for (size_t i = 0; i + 4 <= bytes.size(); i += 4) std::memcpy(&bytes[i], &pixel, 4);
}

// The browser's read-only view of a surface plus the writable one a renderer
// paints through: two mappings of one sealed memfd.
struct PaintedBuffer {
  ipc::SharedBuffer browser_view;
  ipc::SharedBuffer renderer_view;
  PixelView view() const { return {browser_view.bytes().data(), kWidth, kHeight, kWidth * 4}; }
};

PaintedBuffer MakePage(uint32_t pixel) {
  const size_t bytes = size_t{kWidth} * kHeight * 4;
  auto browser_view = ipc::SharedBuffer::Create(bytes, "compositor-test", ipc::Access::kReadOnly);
  if (!browser_view) std::abort();
  auto fd = browser_view->Duplicate();
  auto renderer_view = ipc::SharedBuffer::Adopt(std::move(*fd), bytes, ipc::Access::kReadWrite);
  if (!renderer_view) std::abort();
  Fill(renderer_view->writable_bytes(), pixel);
  return {std::move(*browser_view), std::move(*renderer_view)};
}

// A running instance whose plugin presented one frame of `pixel`, placed at
// `rect` in document coordinates (the frame may be larger than the rect).
std::unique_ptr<PluginInstance> MakeInstance(int x, int y, int w, int h, int frame_w, int frame_h, uint32_t pixel) {
  auto instance = std::make_unique<PluginInstance>();
  instance->state = PluginInstanceState::kRunning;
  instance->rect.set_x(x);
  instance->rect.set_y(y);
  instance->rect.set_width(w);
  instance->rect.set_height(h);
  auto sink = FrameSink::Create(frame_w, frame_h);
  if (!sink) std::abort();
  auto fds = (*sink)->AttachRenderer();
  if (!fds) std::abort();
  const size_t bytes = static_cast<size_t>(frame_w) * frame_h * 4;
  auto mapping = ipc::SharedBuffer::Adopt(std::move((*fds)[0]), bytes, ipc::Access::kReadWrite);
  if (!mapping) std::abort();
  Fill(mapping->writable_bytes(), pixel);
  proto::Rect damage;
  damage.set_width(frame_w);
  damage.set_height(frame_h);
  if (!(*sink)->Present({0, (*sink)->generation(), 1, damage})) std::abort();
  instance->sink = std::move(*sink);
  return instance;
}

// Where plugin pixels are expected on screen: [x0, x1) x [y0, y1).
struct Box {
  int x0, y0, x1, y1;
};

// Every pixel is the plugin's inside the boxes and the page's elsewhere.
void ExpectPluginsExactlyIn(const Image& image, const std::vector<Box>& boxes) {
  int wrong = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      bool inside = false;
      for (const Box& b : boxes) inside = inside || (x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1);
      const uint32_t expected = inside ? kPlugin : kPage;
      if (At(image, x, y) != expected && wrong++ < 5) {
        ADD_FAILURE() << "pixel (" << x << ", " << y << ") is " << std::hex << At(image, x, y) << ", expected "
                      << expected;
      }
    }
  }
  EXPECT_EQ(wrong, 0);
}

TEST(ComposePageTest, CopiesTheFrontBufferExactly) {
  PaintedBuffer page = MakePage(kPage);
  // A pattern that differs per byte, so an offset shows.
  auto bytes = page.renderer_view.writable_bytes();
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i * 7 + i / 251);
  Image image;
  Compositor::ComposePage(page.view(), 0, {}, image);
  EXPECT_EQ(image.width, kWidth);
  EXPECT_EQ(image.height, kHeight);
  ASSERT_EQ(image.pixels.size(), bytes.size());
  EXPECT_EQ(0, std::memcmp(image.pixels.data(), page.browser_view.bytes().data(), bytes.size()));
}

TEST(ComposePageTest, HonoursAStrideWiderThanTheRow) {
  constexpr int kStride = kWidth * 4 + 32;
  std::vector<uint8_t> padded(size_t{kStride} * kHeight, 0xee);  // padding must not show
  for (int y = 0; y < kHeight; ++y) Fill({&padded[size_t{kStride} * y], size_t{kWidth} * 4}, kPage + y);
  Image image;
  Compositor::ComposePage({padded.data(), kWidth, kHeight, kStride}, 0, {}, image);
  ASSERT_EQ(image.pixels.size(), size_t{kWidth} * kHeight * 4);
  for (int y = 0; y < kHeight; ++y) {
    EXPECT_EQ(At(image, 0, y), kPage + y) << y;
    EXPECT_EQ(At(image, kWidth - 1, y), kPage + y) << y;
  }
}

// Rows the renderer left unpainted come out in their colour; the rest is
// copied, at any stride.
TEST(ComposePageTest, SolidRowsAreFilledAndTheRestCopied) {
  for (const int stride : {kWidth * 4, kWidth * 4 + 32}) {
    std::vector<uint8_t> buffer(size_t(stride) * kHeight, 0xee);  // unpainted rows hold junk
    const std::vector<SolidRows> solid = {{0, 5, 0xffff0000}, {5, 3, 0xff00ff00}, {30, kHeight - 30, 0xffffffff}};
    for (int y = 8; y < 30; ++y) Fill({&buffer[size_t(stride) * y], size_t{kWidth} * 4}, kPage + y);
    Image image;
    Compositor::ComposePage({buffer.data(), kWidth, kHeight, stride, solid}, 0, {}, image);
    ASSERT_EQ(image.pixels.size(), size_t{kWidth} * kHeight * 4);
    for (int y = 0; y < kHeight; ++y) {
      const uint32_t expected = y < 5 ? 0xffff0000 : y < 8 ? 0xff00ff00 : y < 30 ? kPage + y : 0xffffffff;
      for (int x : {0, kWidth / 2, kWidth - 1}) EXPECT_EQ(At(image, x, y), expected) << stride << " " << x << "," << y;
    }
  }
}

// The rows an encoder reads in place (the one-shot's screenshot) are the
// rows ComposePage copies, solid runs included, at any stride.
TEST(ComposePageTest, PageRowsAreTheRowsItComposes) {
  for (const int stride : {kWidth * 4, kWidth * 4 + 32}) {
    std::vector<uint8_t> buffer(size_t(stride) * kHeight, 0xee);
    const std::vector<SolidRows> solid = {{2, 4, 0xff0000ff}, {40, kHeight - 40, 0xffffffff}};
    for (int y = 0; y < kHeight; ++y) Fill({&buffer[size_t(stride) * y], size_t{kWidth} * 4}, kPage + y);
    const PixelView view{buffer.data(), kWidth, kHeight, stride, solid};
    Image image;
    Compositor::ComposePage(view, 0, {}, image);
    const PixelRows rows = Compositor::PageRows(view);
    ASSERT_EQ(rows.width, kWidth);
    ASSERT_EQ(rows.height, kHeight);
    for (int y = 0; y < kHeight; ++y) {
      EXPECT_EQ(std::memcmp(rows.row(y), &image.pixels[size_t(y) * kWidth * 4], size_t{kWidth} * 4), 0)
          << "stride " << stride << ", row " << y;
    }
    uint32_t solid_pixel;
    std::memcpy(&solid_pixel, rows.row(3), 4);
    EXPECT_EQ(solid_pixel, 0xff0000ffu);
  }
}

TEST(ComposePageTest, PageRowsOfTwoSolidColoursAreValidAtOnce) {
  // An encoder reads rows on several threads, each keeping its row while
  // the others ask for theirs.
  std::vector<uint8_t> buffer(size_t{kWidth} * 4 * kHeight, 0xee);
  const std::vector<SolidRows> solid = {{0, 10, 0xff0000ff}, {10, 10, 0xff00ff00}};
  const PixelRows rows = Compositor::PageRows({buffer.data(), kWidth, kHeight, kWidth * 4, solid});
  const uint8_t* blue = rows.row(5);
  const uint8_t* green = rows.row(15);
  uint32_t pixel;
  std::memcpy(&pixel, blue + 4 * (kWidth - 1), 4);
  EXPECT_EQ(pixel, 0xff0000ffu);
  std::memcpy(&pixel, green + 4 * (kWidth - 1), 4);
  EXPECT_EQ(pixel, 0xff00ff00u);
}

TEST(ComposePageTest, NothingPaintedYetIsWhite) {
  Image image;
  Compositor::ComposePage({nullptr, kWidth, kHeight, kWidth * 4}, 0, {}, image);
  EXPECT_EQ(At(image, 0, 0), 0xffffffffu);
  EXPECT_EQ(At(image, kWidth - 1, kHeight - 1), 0xffffffffu);
}

TEST(ComposePageTest, ReusesTheDestinationOfTheSameSize) {
  PaintedBuffer page = MakePage(kPage);
  Image image;
  Compositor::ComposePage(page.view(), 0, {}, image);
  const uint8_t* first = image.pixels.data();
  Fill(page.renderer_view.writable_bytes(), kPlugin);  // the next frame
  Compositor::ComposePage(page.view(), 0, {}, image);
  EXPECT_EQ(image.pixels.data(), first);
  EXPECT_EQ(At(image, kWidth - 1, kHeight - 1), kPlugin);
  // A smaller surface (a resized window) shrinks it.
  Compositor::ComposePage({page.view().pixels, 8, 4, kWidth * 4}, 0, {}, image);
  EXPECT_EQ(image.width, 8);
  EXPECT_EQ(image.height, 4);
  EXPECT_EQ(image.pixels.size(), 8u * 4 * 4);
}

constexpr int kScroll = 40;

Image ComposeWith(const PaintedBuffer& page, const std::vector<std::unique_ptr<PluginInstance>>& owned) {
  std::vector<const PluginInstance*> instances;
  for (const auto& instance : owned) instances.push_back(instance.get());
  Image image;
  Compositor::ComposePage(page.view(), kScroll, instances, image);
  return image;
}

TEST(ComposePageTest, PluginFrameLandsAtItsRectLessTheScroll) {
  PaintedBuffer page = MakePage(kPage);
  std::vector<std::unique_ptr<PluginInstance>> instances;
  instances.push_back(MakeInstance(10, kScroll + 10, 20, 16, 20, 16, kPlugin));
  ExpectPluginsExactlyIn(ComposeWith(page, instances), {{10, 10, 30, 26}});
}

TEST(ComposePageTest, PluginFrameIsClippedToItsRect) {
  PaintedBuffer page = MakePage(kPage);
  std::vector<std::unique_ptr<PluginInstance>> instances;
  // The frame is larger than its box.
  instances.push_back(MakeInstance(5, kScroll + 5, 12, 8, 30, 30, kPlugin));
  ExpectPluginsExactlyIn(ComposeWith(page, instances), {{5, 5, 17, 13}});
}

TEST(ComposePageTest, PluginFramesAreClippedToTheViewport) {
  PaintedBuffer page = MakePage(kPage);
  std::vector<std::unique_ptr<PluginInstance>> instances;
  // Half above, past the right edge, past the bottom, past the left edge.
  instances.push_back(MakeInstance(0, kScroll - 10, 16, 16, 16, 16, kPlugin));
  instances.push_back(MakeInstance(kWidth - 6, kScroll + 20, 20, 10, 20, 10, kPlugin));
  instances.push_back(MakeInstance(30, kScroll + kHeight - 4, 10, 10, 10, 10, kPlugin));
  instances.push_back(MakeInstance(-8, kScroll + 30, 12, 4, 12, 4, kPlugin));
  // Scrolled out above, and below the viewport.
  instances.push_back(MakeInstance(40, 0, 20, 20, 20, 20, kPlugin));
  instances.push_back(MakeInstance(40, kScroll + kHeight, 20, 20, 20, 20, kPlugin));
  ExpectPluginsExactlyIn(ComposeWith(page, instances),
                         {{0, 0, 16, 6}, {kWidth - 6, 20, kWidth, 30}, {30, kHeight - 4, 40, kHeight}, {0, 30, 4, 34}});
}

TEST(ComposePageTest, InstanceWithoutAFrameLeavesThePage) {
  PaintedBuffer page = MakePage(kPage);
  std::vector<std::unique_ptr<PluginInstance>> instances;
  instances.push_back(std::make_unique<PluginInstance>());  // starting: no surface yet
  instances.back()->rect.set_width(20);
  instances.back()->rect.set_height(20);
  instances.back()->rect.set_y(kScroll);
  ExpectPluginsExactlyIn(ComposeWith(page, instances), {});
}

TEST(ComposePageTest, MissingPluginGetsAPlaceholderInItsBoxOnly) {
  PaintedBuffer page = MakePage(kPage);
  std::vector<std::unique_ptr<PluginInstance>> instances;
  instances.push_back(std::make_unique<PluginInstance>());
  PluginInstance& missing = *instances.back();
  missing.state = PluginInstanceState::kMissing;
  missing.type = "application/x-nothing";
  missing.rect.set_x(8);
  missing.rect.set_y(kScroll + 4);
  missing.rect.set_width(30);
  missing.rect.set_height(20);
  const Image image = ComposeWith(page, instances);
  EXPECT_NE(At(image, 9, 5), kPage);  // the box's corner, clear of its text
  EXPECT_NE(At(image, 37, 23), kPage);
  EXPECT_EQ(At(image, 7, 5), kPage);
  EXPECT_EQ(At(image, 38, 23), kPage);
  EXPECT_EQ(At(image, 9, 3), kPage);
  EXPECT_EQ(At(image, 9, 24), kPage);
}

}  // namespace
}  // namespace sandtab::browser

namespace sandtab::browser {
namespace {

// ComposePageInto, the window's path: straight into a rectangle of a larger
// canvas (the window's surface), clipped to both, the rest of the target
// white and the canvas around the target untouched.
TEST(ComposePageIntoTest, WritesOnlyItsTargetAndFillsWhatThePageDoesNotCover) {
  PaintedBuffer page = MakePage(kPage);
  constexpr int kCanvasWidth = kWidth + 20, kCanvasHeight = kHeight + 30;
  constexpr uint32_t kAround = 0xff123456;
  std::vector<uint8_t> canvas(size_t{kCanvasWidth} * kCanvasHeight * 4);
  Fill(canvas, kAround);
  const int stride = kCanvasWidth * 4;
  // A target 10 px wider and 20 px taller than the page, at (5, 4).
  const PixelTarget target{canvas.data() + 4 * stride + 5 * 4, kWidth + 10, kHeight + 20, stride};
  Compositor::ComposePageInto(page.view(), 0, {}, target);
  auto at = [&](int x, int y) {
    uint32_t pixel;
    std::memcpy(&pixel, &canvas[size_t(y) * stride + size_t(x) * 4], 4);
    return pixel;
  };
  EXPECT_EQ(at(5, 4), kPage);
  EXPECT_EQ(at(5 + kWidth - 1, 4 + kHeight - 1), kPage);
  EXPECT_EQ(at(5 + kWidth, 4), 0xffffffffu) << "right of the page, inside the target";
  EXPECT_EQ(at(5, 4 + kHeight), 0xffffffffu) << "below the page, inside the target";
  EXPECT_EQ(at(4, 4), kAround);
  EXPECT_EQ(at(5, 3), kAround);
  EXPECT_EQ(at(5 + kWidth + 10, 4), kAround);
  EXPECT_EQ(at(5, 4 + kHeight + 20), kAround);
}

TEST(ComposePageIntoTest, ASmallerTargetClipsThePage) {
  PaintedBuffer page = MakePage(kPage);
  std::vector<uint8_t> small(size_t{10} * 8 * 4, 0);
  Compositor::ComposePageInto(page.view(), 0, {}, {small.data(), 10, 8, 40});
  for (size_t i = 0; i < small.size(); i += 4) {
    uint32_t pixel;
    std::memcpy(&pixel, &small[i], 4);
    ASSERT_EQ(pixel, kPage) << i;
  }
}

TEST(ComposePageIntoTest, NothingPaintedYetIsWhite) {
  std::vector<uint8_t> target(size_t{kWidth} * kHeight * 4, 0);
  Compositor::ComposePageInto({}, 0, {}, {target.data(), kWidth, kHeight, kWidth * 4});
  EXPECT_TRUE(std::all_of(target.begin(), target.end(), [](uint8_t byte) { return byte == 0xff; }));
}

}  // namespace
}  // namespace sandtab::browser

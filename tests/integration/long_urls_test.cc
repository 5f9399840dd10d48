// URLs may be long: inline images as data: URLs pass 64 KiB easily. Up to
// Chrome's cap (2 MiB, proto/limits.h) the renderer asks the browser for
// them; past it the renderer fails the load itself, and a click on a link
// past it goes nowhere, instead of sending a request the browser must
// refuse as a bad message (and kill the renderer for).
#include <boost/beast/core/detail/base64.hpp>

#include <cstdint>
#include <string>

#include "tests/integration/integration_fixture.h"
#include "tests/support/loopback_http_server.h"
#include "tests/support/png_encoder.h"

namespace sandtab::integration {
namespace {

using sandtab::test::LoopbackHttpServer;

constexpr Rgba kAmber{255, 193, 7, 255};

std::string Base64(const std::string& bytes) {
  std::string out(boost::beast::detail::base64::encoded_size(bytes.size()), '\0');
  out.resize(boost::beast::detail::base64::encode(out.data(), bytes.data(), bytes.size()));
  return out;
}

// PNG's chunk checksum (CRC-32, ISO 3309), bit by bit: a test needs no table.
uint32_t Crc32(const std::string& bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A 40x40 amber PNG carrying `padding` bytes in a private ancillary chunk
// ("paDd", which decoders skip): any length of data: URL that shows amber.
std::string PaddedAmberPngUrl(size_t padding) {
  Image image;
  image.width = 40;
  image.height = 40;
  image.pixels.assign(40 * 40, kAmber);
  const std::string png = sandtab::test::EncodePng(image);
  std::string chunk = "paDd" + std::string(padding, '\0');
  const uint32_t crc = Crc32(chunk);
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  };
  // After the 8-byte signature and the 25-byte IHDR chunk.
  const std::string padded =
      png.substr(0, 33) + be32(static_cast<uint32_t>(padding)) + chunk + be32(crc) + png.substr(33);
  return "data:image/png;base64," + Base64(padded);
}

class LongUrlsTest : public ShellTest {};

TEST_F(LongUrlsTest, DataUrlsOverSixtyFourKiBLoadAndOnesOverTheCapFailQuietly) {
  const std::string inline_image = PaddedAmberPngUrl(100 * 1024);   // ~137 KiB of URL
  const std::string too_long = PaddedAmberPngUrl(2 * 1024 * 1024);  // ~2.7 MiB
  ASSERT_GT(inline_image.size(), 64u * 1024);
  LoopbackHttpServer server;
  server.Serve("/page.html", "text/html",
               "<!DOCTYPE html><html><head><title>long</title></head><body style=\"margin:0\">"
               "<img src=\"" +
                   inline_image +
                   "\" width=40 height=40 style=\"display:block\">"
                   "<img src=\"" +
                   too_long +
                   "\" width=40 height=40 style=\"display:block\">"
                   "<a href=\"data:text/html," +
                   std::string(3 * 1024 * 1024, 'x') +
                   "\" style=\"display:block;width:200px;height:50px;background:#6a1b9a\">far</a>"
                   "<div style=\"height:2000px\"></div></body></html>");

  StartShell();
  TabRef tab = Open(server.Url("/page.html"));
  Json entry = Tab(tab.id);
  EXPECT_EQ(entry.get<int>("crashes", -1), 0) << ToJsonText(entry);
  Image shot = Screenshot(tab.id);
  EXPECT_EQ(shot.At(20, 20), kAmber) << "the 137 KiB data: image";
  EXPECT_NE(shot.At(20, 60), kAmber) << "the one past 2 MiB is not loaded";
  EXPECT_EQ(shot.At(100, 100), (Rgba{106, 27, 154, 255})) << "the link's box";

  // A click on the link past the cap: nothing happens, nobody dies. The
  // scroll after it is handled after the click, in order: once its frame is
  // in, the renderer has dealt with the click.
  const int frames = entry.get<int>("frames");
  Ok("click " + std::to_string(tab.id) + " 100 100");
  Ok("scroll " + std::to_string(tab.id) + " 10");
  WaitForTab(
      tab.id, [frames](const Json& t) { return t.get<int>("frames", 0) > frames || t.get<int>("crashes", 0) > 0; },
      std::chrono::seconds(10), "the scroll's frame");
  entry = Tab(tab.id);
  EXPECT_EQ(entry.get<pid_t>("pid"), tab.pid) << ToJsonText(entry);
  EXPECT_EQ(entry.get<std::string>("url"), server.Url("/page.html"));
  EXPECT_TRUE(sandtab::test::ArrayAt(Ok("deaths"), "deaths").empty());
}

}  // namespace
}  // namespace sandtab::integration

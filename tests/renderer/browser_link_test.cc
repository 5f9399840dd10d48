// BrowserLink over a real socketpair: each named method says exactly one
// message, read back by a browser end as the browser's MessageChannel reads
// it.
#include "renderer/browser_link.h"

#include <gtest/gtest.h>

#include <memory>

#include "tests/support/child_endpoint_pair.h"
#include "tests/support/run_until.h"

namespace sandtab::renderer {
namespace {

using proto::BrowserToRenderer;
using proto::RendererToBrowser;

class BrowserLinkTest : public ::testing::Test {
 protected:
  boost::asio::io_context io_;
  test::ChildEndpointPair<BrowserToRenderer, RendererToBrowser> pair_{io_, proto::PROCESS_TYPE_RENDERER};
  BrowserLink link_{pair_.endpoint->channel()};

  // The one message the link said after the endpoint's Hello.
  const RendererToBrowser& Said() {
    EXPECT_TRUE(test::RunUntil(io_, [&] { return pair_.said.messages.size() >= 2; }));
    static const RendererToBrowser kNothing;
    if (pair_.said.messages.size() < 2) return kNothing;
    EXPECT_EQ(pair_.said.messages.size(), 2u);
    EXPECT_EQ(pair_.said.messages[1].message.attached_fds(), 0u);
    return pair_.said.messages[1].message;
  }
};

TEST_F(BrowserLinkTest, RequestFetch) {
  link_.RequestFetch(5, "file:///a.css", proto::FetchRequest::STYLESHEET, 9);
  const auto& request = Said().fetch_request();
  EXPECT_EQ(request.request_id(), 5u);
  EXPECT_EQ(request.url(), "file:///a.css");
  EXPECT_EQ(request.kind(), proto::FetchRequest::STYLESHEET);
  EXPECT_EQ(request.navigation_id(), 9u);
}

TEST_F(BrowserLinkTest, PresentFrameMergesNeighbouringSolidBandsOfOneColour) {
  SolidColorBands bands;
  bands.Reset(64, 5 * SolidColorBands::kBandHeight);
  bands.Fill({0, 64, 64, 32}, {255, 0, 0});  // band 2
  bands.Ink({8, 136, 4, 4});                 // band 4
  FrameReport report;
  report.buffer = 1;
  report.sequence = 4;
  report.navigation_id = 2;
  report.generation = 6;
  report.width = 64;
  report.height = 160;
  report.scroll_y = 30;
  report.loaded = true;
  report.work_us = 321;
  link_.PresentFrame(report, bands);
  const auto& frame = Said().frame_ready();
  EXPECT_EQ(frame.buffer(), 1u);
  EXPECT_EQ(frame.sequence(), 4u);
  EXPECT_EQ(frame.navigation_id(), 2u);
  EXPECT_EQ(frame.generation(), 6u);
  EXPECT_EQ(frame.damage().width(), 64);
  EXPECT_EQ(frame.damage().height(), 160);
  EXPECT_EQ(frame.scroll_y(), 30);
  EXPECT_TRUE(frame.loaded());
  EXPECT_EQ(frame.work_us(), 321u);
  const uint32_t white = SolidColorBands::OpaquePixel({255, 255, 255});
  const uint32_t red = SolidColorBands::OpaquePixel({255, 0, 0});
  ASSERT_EQ(frame.solid_rows_size(), 3);
  EXPECT_EQ(frame.solid_rows(0).first_row(), 0u);
  EXPECT_EQ(frame.solid_rows(0).row_count(), 64u);
  EXPECT_EQ(frame.solid_rows(0).argb(), white);
  EXPECT_EQ(frame.solid_rows(1).first_row(), 64u);
  EXPECT_EQ(frame.solid_rows(1).row_count(), 32u);
  EXPECT_EQ(frame.solid_rows(1).argb(), red);
  EXPECT_EQ(frame.solid_rows(2).first_row(), 96u);
  EXPECT_EQ(frame.solid_rows(2).row_count(), 32u);
  EXPECT_EQ(frame.solid_rows(2).argb(), white);
}

TEST_F(BrowserLinkTest, PresentFrameOfNoBuffer) {
  link_.PresentFrameOfNoBuffer(8);
  const auto& frame = Said().frame_ready();
  EXPECT_EQ(frame.buffer(), 7u);
  EXPECT_EQ(frame.sequence(), 8u);
}

TEST_F(BrowserLinkTest, ReportDocument) {
  DocumentReport document;
  document.navigation_id = 3;
  document.title = "A page";
  document.content_height = 900;
  document.embeds.push_back({"application/x-sandtab-clock", 10, 20, 30, 40, {{"mode", "digital"}, {"tz", "1"}}});
  link_.ReportDocument(document);
  const auto& info = Said().document_info();
  EXPECT_EQ(info.navigation_id(), 3u);
  EXPECT_EQ(info.title(), "A page");
  EXPECT_EQ(info.content_height(), 900);
  ASSERT_EQ(info.embeds_size(), 1);
  EXPECT_EQ(info.embeds(0).mime_type(), "application/x-sandtab-clock");
  EXPECT_EQ(info.embeds(0).rect().x(), 10);
  EXPECT_EQ(info.embeds(0).rect().y(), 20);
  EXPECT_EQ(info.embeds(0).rect().width(), 30);
  EXPECT_EQ(info.embeds(0).rect().height(), 40);
  ASSERT_EQ(info.embeds(0).params_size(), 2);
  EXPECT_EQ(info.embeds(0).params(1).name(), "tz");
  EXPECT_EQ(info.embeds(0).params(1).value(), "1");
}

TEST_F(BrowserLinkTest, RequestNavigation) {
  link_.RequestNavigation("file:///next.html");
  EXPECT_EQ(Said().navigate_request().url(), "file:///next.html");
}

TEST_F(BrowserLinkTest, ReportSandbox) {
  link_.ReportSandbox(11, true, {{"open /etc/passwd", true, 2, "openat: No such file or directory"}});
  const auto& report = Said().sandbox_report();
  EXPECT_EQ(report.request_id(), 11u);
  EXPECT_TRUE(report.layer2_engaged());
  ASSERT_EQ(report.probes_size(), 1);
  EXPECT_EQ(report.probes(0).name(), "open /etc/passwd");
  EXPECT_TRUE(report.probes(0).denied());
  EXPECT_EQ(report.probes(0).error_number(), 2);
  EXPECT_EQ(report.probes(0).detail(), "openat: No such file or directory");
}

TEST_F(BrowserLinkTest, ReportWarmedUp) {
  link_.ReportWarmedUp(4, 1500);
  EXPECT_EQ(Said().warmed_up().generation(), 4u);
  EXPECT_EQ(Said().warmed_up().work_us(), 1500u);
}

}  // namespace
}  // namespace sandtab::renderer

// DescribeDocument on real pages: what the browser is told, and what is left
// out because the browser could not host it.
#include "renderer/document_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "proto/limits.h"

namespace sandtab::renderer {
namespace {

constexpr char kUrl[] = "file:///index.html";

TEST(DocumentReportTest, SaysTitleHeightAndEmbeds) {
  Page page(
      "<title>Clock</title><body style='margin:0'>"
      "<embed type='application/x-sandtab-clock' width=40 height=30 mode=digital>"
      "<div style='height:500px'></div>",
      kUrl, 200, 100);
  DocumentReport report = DescribeDocument(page, 7);
  EXPECT_EQ(report.navigation_id, 7u);
  EXPECT_EQ(report.title, "Clock");
  EXPECT_GE(report.content_height, 500);
  ASSERT_EQ(report.embeds.size(), 1u);
  EXPECT_EQ(report.embeds[0].mime_type, "application/x-sandtab-clock");
  EXPECT_EQ(report.embeds[0].width, 40);
  EXPECT_EQ(report.embeds[0].height, 30);
  bool has_mode = false;
  for (const auto& [name, value] : report.embeds[0].params)
    has_mode = has_mode || (name == "mode" && value == "digital");
  EXPECT_TRUE(has_mode);
}

TEST(DocumentReportTest, TheSamePageDescribedTwiceIsEqual) {
  const char* html = "<title>t</title><embed type='application/x-sandtab-chart' width=10 height=10 data='1,2'>";
  Page first(html, kUrl, 200, 100), second(html, kUrl, 200, 100);
  EXPECT_EQ(DescribeDocument(first, 1), DescribeDocument(second, 1));
  EXPECT_FALSE(DescribeDocument(first, 1) == DescribeDocument(second, 2));
}

TEST(DocumentReportTest, ALongTitleIsCutToTheBrowsersLimit) {
  Page page("<title>" + std::string(5000, 'x') + "</title>", kUrl, 200, 100);
  EXPECT_LE(DescribeDocument(page, 1).title.size(), proto::kMaxTitleBytes);
}

TEST(DocumentReportTest, EmbedsPastTheBrowsersLimitsAreLeftOut) {
  std::string html;
  for (int i = 0; i < proto::kMaxEmbeds + 6; ++i) html += "<embed type='application/x-sandtab-clock' width=4 height=4>";
  html += "<embed type='" + std::string(proto::kMaxEmbedTypeBytes + 1, 'a') + "' width=4 height=4>";
  Page page(html, kUrl, 200, 100);
  DocumentReport report = DescribeDocument(page, 1);
  EXPECT_EQ(report.embeds.size(), static_cast<size_t>(proto::kMaxEmbeds));
  for (const EmbedBox& embed : report.embeds) EXPECT_LE(embed.mime_type.size(), proto::kMaxEmbedTypeBytes);
}

TEST(DocumentReportTest, ParamsPastTheBrowsersLimitsAreLeftOutButTheFirstThatFitStay) {
  std::string html = "<embed type='application/x-sandtab-chart' width=10 height=10 a_big='" +
                     std::string(proto::kMaxEmbedParamBytes, 'v') + "' a_small=1";
  for (int i = 0; i < proto::kMaxEmbedParams + 4; ++i) html += " p" + std::to_string(i) + "=x";
  html += ">";
  Page page(html, kUrl, 200, 100);
  DocumentReport report = DescribeDocument(page, 1);
  ASSERT_EQ(report.embeds.size(), 1u);
  // Attributes come in name order: a_big (too big, skipped), then a_small.
  const auto& params = report.embeds[0].params;
  EXPECT_EQ(params.size(), static_cast<size_t>(proto::kMaxEmbedParams));
  bool has_big = false, has_small = false;
  for (const auto& [name, value] : params) {
    EXPECT_LE(name.size() + value.size(), proto::kMaxEmbedParamBytes);
    has_big = has_big || name == "a_big";
    has_small = has_small || name == "a_small";
  }
  EXPECT_FALSE(has_big);
  EXPECT_TRUE(has_small);
}

TEST(DocumentReporterTest, SendsOnlyWhatIsNew) {
  std::vector<DocumentReport> sent;
  DocumentReporter reporter([&](const DocumentReport& report) { sent.push_back(report); });
  Page page("<title>One</title><p>text", kUrl, 200, 100);
  reporter.Report(page, 1);
  reporter.MarkChanged();
  EXPECT_TRUE(reporter.changed());
  reporter.Report(page, 1);  // laid out again, nothing the browser keeps changed
  EXPECT_FALSE(reporter.changed());
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].title, "One");

  page.SetTitle("Two");
  reporter.Report(page, 1);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].title, "Two");
}

TEST(DocumentReporterTest, ANewNavigationsFirstReportAlwaysGoesOut) {
  std::vector<DocumentReport> sent;
  DocumentReporter reporter([&](const DocumentReport& report) { sent.push_back(report); });
  Page page("<title>Same</title>", kUrl, 200, 100);
  reporter.Report(page, 1);
  reporter.MarkChanged();
  reporter.Reset();
  EXPECT_FALSE(reporter.changed());
  reporter.Report(page, 1);  // the same page again, say after a reload of the same navigation id
  ASSERT_EQ(sent.size(), 2u);
  reporter.Report(page, 2);  // another navigation id is another report
  EXPECT_EQ(sent.size(), 3u);
}

}  // namespace
}  // namespace sandtab::renderer

#ifndef SANDTAB_BROWSER_COMPOSITOR_SHEET_CAPTURE_H_
#define SANDTAB_BROWSER_COMPOSITOR_SHEET_CAPTURE_H_

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <vector>

#include "browser/compositor/contact_sheet.h"

namespace sandtab::browser {

class PluginBroker;
class TabManager;

// `screenshot all` at any number of tabs. Tabs in the background have
// released their pixels (the surface budget); bringing all 500 back at once
// would map 500 new surfaces and have 500 renderers repaint together. So the
// capture brings back at most `batch` of them at a time, pins them (the
// budget leaves them alone) until each is drawn into the sheet, and releases
// each again at once: the browser never holds more than the budget plus one
// batch of surfaces. One tab is brought back, and one drawn, per turn of the
// loop, so every other tab's frames, pings and deaths are served in between.
class SheetCapture : public std::enable_shared_from_this<SheetCapture> {
 public:
  struct Sheet {
    Image image;
    size_t tabs = 0;
    size_t blank = 0;  // cells with no frame to show (a repaint that did not come in time)
  };
  using Done = std::function<void(Sheet)>;

  struct Options {
    size_t batch = 32;        // surfaces brought back at a time (>= 1)
    double wait_seconds = 5;  // for each to repaint
    int tab_width = 1280;     // the window size every tab has
    int tab_height = 800;
    // Called now and then (at most twice a second) while tabs are drawn.
    std::function<void(size_t drawn, size_t total)> progress;
  };

  // What a capture draws on, made before it starts and off the loop: the
  // blank sheet (ContactSheet::Blank) and a tab-sized scratch image.
  struct Canvas {
    Image blank;
    Image scratch;
  };
  static Canvas MakeCanvas(size_t tabs, const Options& options);

  // Draws the tabs `ids`, in this order, onto `canvas` (MakeCanvas of
  // ids.size()); `done` gets the sheet on the loop. A tab closed meanwhile
  // keeps its cell, labelled "closed".
  static void Start(TabManager& tabs, const PluginBroker* plugins, boost::asio::io_context& io, std::vector<int> ids,
                    Canvas canvas, const Options& options, Done done);

  SheetCapture(TabManager& tabs, const PluginBroker* plugins, boost::asio::io_context& io, std::vector<int> ids,
               Canvas canvas, const Options& options, Done done);

 private:
  void NextBatch();
  void BringBackNext();
  void PostDrawNext();
  void DrawNext();

  TabManager& tabs_;
  const PluginBroker* plugins_;
  boost::asio::io_context& io_;
  const std::vector<int> ids_;
  const Options options_;
  Done done_;
  ContactSheet sheet_;
  size_t next_ = 0;       // the next cell to draw
  size_t batch_end_ = 0;  // cells before this one are ready once nothing is pending
  size_t pending_ = 0;    // tabs of this batch still repainting
  size_t brought_back_in_batch_ = 0;
  bool asking_ = false;         // still bringing this batch's tabs back
  std::set<int> brought_back_;  // released again once drawn
  size_t blank_ = 0;
  std::chrono::steady_clock::time_point last_progress_ = std::chrono::steady_clock::now();
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMPOSITOR_SHEET_CAPTURE_H_

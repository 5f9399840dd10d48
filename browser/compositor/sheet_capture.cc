#include "browser/compositor/sheet_capture.h"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "browser/tab/tab.h"
#include "browser/tab/tab_manager.h"

namespace sandtab::browser {

SheetCapture::Canvas SheetCapture::MakeCanvas(size_t tabs, const Options& options) {
  Canvas canvas;
  canvas.blank = ContactSheet::Blank(LayoutSheet(tabs, options.tab_width, options.tab_height));
  canvas.scratch.width = options.tab_width;
  canvas.scratch.height = options.tab_height;
  canvas.scratch.pixels.resize(static_cast<size_t>(options.tab_width) * static_cast<size_t>(options.tab_height) * 4);
  return canvas;
}

void SheetCapture::Start(TabManager& tabs, const PluginBroker* plugins, boost::asio::io_context& io,
                         std::vector<int> ids, Canvas canvas, const Options& options, Done done) {
  std::make_shared<SheetCapture>(tabs, plugins, io, std::move(ids), std::move(canvas), options, std::move(done))
      ->NextBatch();
}

SheetCapture::SheetCapture(TabManager& tabs, const PluginBroker* plugins, boost::asio::io_context& io,
                           std::vector<int> ids, Canvas canvas, const Options& options, Done done)
    : tabs_(tabs),
      plugins_(plugins),
      io_(io),
      ids_(std::move(ids)),
      options_(options),
      done_(std::move(done)),
      sheet_(LayoutSheet(ids_.size(), options.tab_width, options.tab_height), std::move(canvas.blank),
             std::move(canvas.scratch)) {}

void SheetCapture::NextBatch() {
  if (next_ == ids_.size()) {
    done_({sheet_.Take(), ids_.size(), blank_});
    return;
  }
  batch_end_ = next_;
  brought_back_in_batch_ = 0;
  asking_ = true;
  BringBackNext();
}

void SheetCapture::BringBackNext() {
  while (batch_end_ < ids_.size() && brought_back_in_batch_ < std::max<size_t>(1, options_.batch)) {
    Tab* tab = tabs_.Find(ids_[batch_end_++]);
    // Only a live renderer can repaint: a sad tab shows what it has.
    if (!tab || !tab->surface_released() || tab->pid() <= 0) continue;
    ++brought_back_in_batch_;
    ++pending_;
    tab->PinSurface(true);
    brought_back_.insert(tab->id());
    // Always answers later, never from inside this call.
    tab->WaitUntilPainted(options_.wait_seconds, [self = shared_from_this()](bool) {
      if (--self->pending_ == 0 && !self->asking_) self->PostDrawNext();
    });
    // One tab per turn of the loop: a surface is two new memfds, mapped and
    // sent (2-3 ms each here), and a batch is 32 of them.
    boost::asio::post(io_, [self = shared_from_this()] { self->BringBackNext(); });
    return;
  }
  asking_ = false;
  if (pending_ == 0) PostDrawNext();
}

void SheetCapture::PostDrawNext() {
  boost::asio::post(io_, [self = shared_from_this()] { self->DrawNext(); });
}

void SheetCapture::DrawNext() {
  if (next_ == batch_end_) return NextBatch();
  const int id = ids_[next_];
  if (Tab* tab = tabs_.Find(id)) {
    if (!tab->sink().has_frame()) ++blank_;
    sheet_.Draw(next_, *tab, plugins_);
    if (brought_back_.erase(id) > 0) {
      tab->PinSurface(false);
      // Back as it was, without the cost of a saved frame: the budget keeps
      // those for tabs a user looked at, which drawing a cell is not.
      tab->ReleaseSurface(false);
    }
  } else {
    sheet_.DrawClosed(next_, id);
    brought_back_.erase(id);
  }
  ++next_;
  if (options_.progress && std::chrono::steady_clock::now() - last_progress_ >= std::chrono::milliseconds(500)) {
    last_progress_ = std::chrono::steady_clock::now();
    options_.progress(next_, ids_.size());
  }
  PostDrawNext();
}

}  // namespace sandtab::browser

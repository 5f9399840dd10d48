#include "browser/sheet_capture.h"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "browser/tab.h"
#include "browser/tab_manager.h"

namespace sandtab::browser {

void SheetCapture::Start(TabManager& tabs, const PluginBroker* plugins, boost::asio::io_context& io,
                         std::vector<int> ids, const Options& options, Done done) {
  std::make_shared<SheetCapture>(tabs, plugins, io, std::move(ids), options, std::move(done))->NextBatch();
}

SheetCapture::SheetCapture(TabManager& tabs, const PluginBroker* plugins, boost::asio::io_context& io,
                           std::vector<int> ids, const Options& options, Done done)
    : tabs_(tabs),
      plugins_(plugins),
      io_(io),
      ids_(std::move(ids)),
      options_(options),
      done_(std::move(done)),
      sheet_(ids_.size(), options.tab_width, options.tab_height) {}

void SheetCapture::NextBatch() {
  if (next_ == ids_.size()) {
    done_({sheet_.Take(), ids_.size(), blank_});
    return;
  }
  const size_t batch = std::max<size_t>(1, options_.batch);
  size_t brought_back = 0;
  batch_end_ = next_;
  while (batch_end_ < ids_.size() && brought_back < batch) {
    Tab* tab = tabs_.Find(ids_[batch_end_++]);
    // Only a live renderer can repaint: a sad tab shows what it has.
    if (!tab || !tab->surface_released() || tab->pid() <= 0) continue;
    ++brought_back;
    ++pending_;
    tab->PinSurface(true);
    brought_back_.insert(tab->id());
    // Always answers later, never from inside this call.
    tab->WaitUntilPainted(options_.wait_seconds, [self = shared_from_this()](bool) {
      if (--self->pending_ == 0) self->PostDrawNext();
    });
  }
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
      tab->ReleaseSurface();
    }
  } else {
    sheet_.DrawClosed(next_, id);
    brought_back_.erase(id);
  }
  ++next_;
  PostDrawNext();
}

}  // namespace sandtab::browser

#ifndef SANDTAB_BROWSER_TAB_RETIRED_RENDERERS_H_
#define SANDTAB_BROWSER_TAB_RETIRED_RENDERERS_H_

#include <boost/asio/io_context.hpp>

#include <functional>
#include <list>
#include <memory>
#include <string>

#include "browser/tab/renderer_host.h"
#include "proto/death_record.pb.h"

namespace sandtab::browser {

// The renderers a tab let go when it swapped processes (a navigation to
// another site), each kept until its process has exited and been reaped, so
// none is a zombie and its shared buffers go with it. A retired renderer's
// channel is closed at once: nothing it says reaches the tab again, and it
// ends on its own (a clean exit, which is no death). One that has to be
// killed (still running 2 s later) is a death, and goes to `on_death` with
// its site and tab. Destroying this kills the ones still running, as a
// closed tab kills its renderer.
class RetiredRenderers {
 public:
  using DeathCallback = std::function<void(const proto::DeathRecord&)>;

  RetiredRenderers(boost::asio::io_context& io, DeathCallback on_death);
  ~RetiredRenderers();
  RetiredRenderers(const RetiredRenderers&) = delete;
  RetiredRenderers& operator=(const RetiredRenderers&) = delete;

  void Retire(std::unique_ptr<RendererHost> host, int tab_id, const std::string& site);
  // Retired processes not yet reaped.
  size_t size() const { return retirees_.size(); }

 private:
  // One retired host; it is its own host's client, so its death names it.
  class Retiree;
  void OnGone(Retiree* retiree, proto::DeathRecord record);

  boost::asio::io_context& io_;
  DeathCallback on_death_;
  std::list<std::unique_ptr<Retiree>> retirees_;
};

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_TAB_RETIRED_RENDERERS_H_

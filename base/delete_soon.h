// Destroys an object on a later turn of its event loop instead of now:
// for an owner dropping a host (a renderer's, a plugin's, the zygote's
// channel) from inside one of that host's own callbacks, whose frames are
// still on the stack (Chromium's DeleteSoon). Loop-agnostic: `post` is
// found by argument-dependent lookup on the context's type, so with a Boost
// Asio io_context the caller includes <boost/asio/post.hpp>.
#ifndef SANDTAB_BASE_DELETE_SOON_H_
#define SANDTAB_BASE_DELETE_SOON_H_

#include <memory>
#include <utility>

namespace sandtab {

template <typename ExecutionContext, typename T>
void DeleteSoon(ExecutionContext& context, std::unique_ptr<T> object) {
  if (!object) return;
  // A shared_ptr, because a loop may copy its handlers.
  post(context, [dead = std::shared_ptr<T>(std::move(object))] {});
}

}  // namespace sandtab

#endif  // SANDTAB_BASE_DELETE_SOON_H_

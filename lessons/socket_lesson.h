#ifndef SANDTAB_LESSONS_SOCKET_LESSON_H_
#define SANDTAB_LESSONS_SOCKET_LESSON_H_

#include <functional>

#include "base/result.h"
#include "base/unique_fd.h"
#include "lessons/lesson.h"

namespace sandtab::lessons {

// The seed's server and client as two processes, on a socketpair and on
// loopback TCP: the blocking read that waits for the bytes, the
// non-blocking read whose answer depends on who ran first (both orders,
// counted), and the event loop sandtab's channels use instead (Asio's
// epoll wakes the reader when the bytes are there).
class SocketLesson : public Lesson {
 public:
  const char* name() const override { return "sockets"; }
  Status Run(LessonContext& context) override;

  // A server end for the parent, and what the forked client does to get
  // its own end (connect, or the other half of a socketpair).
  struct Connection {
    UniqueFd server;
    std::function<UniqueFd()> client;
  };
  using Transport = std::function<Result<Connection>()>;

 private:
  Status BlockingRead(LessonContext& context, const char* transport_name, const Transport& transport);
  Status NonBlockingRead(LessonContext& context, const char* transport_name, const Transport& transport);
  Status EventLoopRead(LessonContext& context);
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_SOCKET_LESSON_H_

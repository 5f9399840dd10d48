#ifndef SANDTAB_LESSONS_QUEUE_LESSON_H_
#define SANDTAB_LESSONS_QUEUE_LESSON_H_

#include <sys/types.h>

#include "lessons/lesson.h"

namespace sandtab::lessons {

// System V message queues: ftok, msgget, a writer and a reader process with
// message types, the kernel's limits (msgmax, msgmnb) read and then hit,
// and the same queue tried from a new IPC namespace and from a sandboxed
// process (sandtab-exec --profile=renderer), both denied.
class QueueLesson : public Lesson {
 public:
  const char* name() const override { return "queues"; }
  Status Run(LessonContext& context) override;

  // `sandtab-lessons --probe-queue KEY`, the sandboxed side: tries
  // msgget(KEY, 0), prints what happened, exits 0 only if it got the queue.
  static int ProbeQueue(key_t key);

 private:
  Status WriterAndReader(LessonContext& context, int queue);
  Status Limits(LessonContext& context, int queue);
  Status FromAnotherNamespace(LessonContext& context, key_t key);
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_QUEUE_LESSON_H_

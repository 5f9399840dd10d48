#ifndef SANDTAB_LESSONS_SHM_LESSON_H_
#define SANDTAB_LESSONS_SHM_LESSON_H_

#include "lessons/lesson.h"

namespace sandtab::lessons {

// System V shared memory end to end (shmget, a child's shmat, write, read,
// shmdt, shmctl IPC_RMID), then a segment left behind on purpose, as
// `ipcs -m` and sandtab's `stats` see it, and removed; beside it the sealed
// memfd sandtab really uses for pixels, and why.
class ShmLesson : public Lesson {
 public:
  const char* name() const override { return "shm"; }
  Status Run(LessonContext& context) override;

 private:
  Status SegmentLifecycle(LessonContext& context);
  Status LeakedSegment(LessonContext& context);
  Status Memfd(LessonContext& context);
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_SHM_LESSON_H_

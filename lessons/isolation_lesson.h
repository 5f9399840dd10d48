#ifndef SANDTAB_LESSONS_ISOLATION_LESSON_H_
#define SANDTAB_LESSONS_ISOLATION_LESSON_H_

#include "lessons/lesson.h"

namespace sandtab::lessons {

// Independent against cooperating processes: the seed's fork example (a
// private variable the child changes and the parent never sees), then a
// shared segment (a change both see), then why each tab is a process: a
// renderer killed from outside, its neighbour untouched.
class IsolationLesson : public Lesson {
 public:
  const char* name() const override { return "isolation"; }
  Status Run(LessonContext& context) override;

 private:
  Status PrivateVariable(LessonContext& context);
  Status SharedSegment(LessonContext& context);
  Status TabsAsProcesses(LessonContext& context);
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_ISOLATION_LESSON_H_

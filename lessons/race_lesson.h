#ifndef SANDTAB_LESSONS_RACE_LESSON_H_
#define SANDTAB_LESSONS_RACE_LESSON_H_

#include "lessons/lesson.h"

namespace sandtab::lessons {

// Two processes, one counter, no synchronisation: updates lost (CounterRace);
// with a process-shared mutex or an atomic add: none. Then the same race in
// sandtab's frames: without the FrameAck handshake the browser reads a
// buffer the renderer is painting, and screenshots tear (FrameTearing).
class RaceLesson : public Lesson {
 public:
  const char* name() const override { return "race"; }
  Status Run(LessonContext& context) override;

 private:
  Status CountOnTwoCpus(LessonContext& context);
  Status TearFrames(LessonContext& context);
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_RACE_LESSON_H_

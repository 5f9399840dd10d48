#ifndef SANDTAB_LESSONS_LESSON_H_
#define SANDTAB_LESSONS_LESSON_H_

#include <string>

#include "base/result.h"

namespace sandtab::lessons {

class IpcJanitor;
class Narrator;

// What every lesson gets: where to speak, who cleans up, and where the
// project's programs are (sandtab, sandtab-exec, sandtab-lessons itself).
struct LessonContext {
  Narrator& narrator;
  IpcJanitor& janitor;
  std::string bin_dir;
};

// One of the course's mechanisms, shown with real processes and system
// calls. Run() narrates its steps; a failed system call ends the lesson
// with the error (the janitor still cleans up).
class Lesson {
 public:
  virtual ~Lesson() = default;
  virtual const char* name() const = 0;
  virtual Status Run(LessonContext& context) = 0;
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_LESSON_H_

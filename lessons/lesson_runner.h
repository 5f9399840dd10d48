#ifndef SANDTAB_LESSONS_LESSON_RUNNER_H_
#define SANDTAB_LESSONS_LESSON_RUNNER_H_

#include <memory>
#include <string>
#include <vector>

#include "lessons/lesson.h"

namespace sandtab::lessons {

// The lessons in course order, and a run of some of them that ends with the
// residue check (DESIGN's "no segment, queue or process left", printed).
class LessonRunner {
 public:
  LessonRunner();
  ~LessonRunner();

  std::vector<std::string> Names() const;
  // Runs `names` (all when empty); false if any failed or left residue.
  bool Run(const std::vector<std::string>& names, LessonContext& context);

 private:
  void CheckResidue(LessonContext& context, bool& clean);

  std::vector<std::unique_ptr<Lesson>> lessons_;
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_LESSON_RUNNER_H_

#ifndef SANDTAB_LESSONS_NARRATOR_H_
#define SANDTAB_LESSONS_NARRATOR_H_

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace sandtab::lessons {

// What a class sees: each lesson's title and the course section it shows,
// numbered steps with a pause before each (so a teacher can talk over the
// last one), lines of narration, and the numbers. A number is printed as
// "   = name: value", one per line, so that tests (and a curious student
// with grep) can read the figures back without parsing prose.
class Narrator {
 public:
  // `pause` between steps; zero with --fast.
  Narrator(std::ostream& out, std::chrono::milliseconds pause);

  void Lesson(std::string_view title, std::string_view course_section);
  void Step(std::string_view what);
  void Say(std::string_view line);
  void Number(std::string_view name, int64_t value);
  void Number(std::string_view name, double value, int decimals);
  void Text(std::string_view name, std::string_view value);

 private:
  std::ostream& out_;
  std::chrono::milliseconds pause_;
  int step_ = 0;
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_NARRATOR_H_

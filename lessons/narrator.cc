#include "lessons/narrator.h"

#include <iomanip>
#include <thread>

namespace sandtab::lessons {

Narrator::Narrator(std::ostream& out, std::chrono::milliseconds pause) : out_(out), pause_(pause) {}

void Narrator::Lesson(std::string_view title, std::string_view course_section) {
  step_ = 0;
  out_ << "\n\033[1m=== " << title << "\033[0m\n    (course: " << course_section << ")\n";
  out_.flush();
}

void Narrator::Step(std::string_view what) {
  out_.flush();
  // The pace of a class: time to read the last step's numbers aloud.
  if (step_ > 0 && pause_.count() > 0) std::this_thread::sleep_for(pause_);
  out_ << "\n\033[1m" << ++step_ << ". " << what << "\033[0m\n";
  out_.flush();
}

void Narrator::Say(std::string_view line) {
  out_ << "   " << line << "\n";
  out_.flush();
}

void Narrator::Number(std::string_view name, int64_t value) {
  out_ << "   = " << name << ": " << value << "\n";
  out_.flush();
}

void Narrator::Number(std::string_view name, double value, int decimals) {
  out_ << "   = " << name << ": " << std::fixed << std::setprecision(decimals) << value << "\n";
  out_.unsetf(std::ios::floatfield);
  out_.flush();
}

void Narrator::Text(std::string_view name, std::string_view value) {
  out_ << "   = " << name << ": " << value << "\n";
  out_.flush();
}

}  // namespace sandtab::lessons

#ifndef SANDTAB_LESSONS_COMPARE_LESSON_H_
#define SANDTAB_LESSONS_COMPARE_LESSON_H_

#include <cstddef>

#include "base/result.h"
#include "lessons/lesson.h"
#include "lessons/transport_bench.h"

namespace sandtab::lessons {

// The course's comparison of message passing with shared memory, measured
// now: system calls per message (strace -c), latency and throughput by size
// for a socket, a pipe, a message queue and shared memory with a notify
// (TransportBench), the crossover size, and what sandtab uses for what.
class CompareLesson : public Lesson {
 public:
  const char* name() const override { return "compare"; }
  Status Run(LessonContext& context) override;

  // The "calls" of strace -c's total line, or -1.
  static long StraceTotalCalls(const std::string& summary);

 private:
  Result<double> SyscallsPerMessage(LessonContext& context, TransportBench::Kind kind, size_t size);
  Status LatencyBySize(LessonContext& context);
};

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_COMPARE_LESSON_H_

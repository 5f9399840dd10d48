#include "lessons/race_lesson.h"

#include <unistd.h>

#include <string>

#include "lessons/counter_race.h"
#include "lessons/frame_tearing.h"
#include "lessons/narrator.h"

namespace sandtab::lessons {
namespace {

// Long enough (tens of ms) that the two overlap even when other work shares
// their CPUs; the mutex pays a futex call per contended add, so it counts
// fewer.
constexpr int64_t kIncrements = 10'000'000;
constexpr int64_t kMutexIncrements = 1'000'000;
constexpr int kUnsynchronisedRuns = 8;
constexpr int kSynchronisedRuns = 3;

}  // namespace

Status RaceLesson::Run(LessonContext& context) {
  context.narrator.Lesson("race: two writers, one segment",
                          "the race condition of two processes writing one shared segment; synchronisation");
  TRY(CountOnTwoCpus(context));
  return TearFrames(context);
}

Status RaceLesson::CountOnTwoCpus(LessonContext& context) {
  Narrator& say = context.narrator;
  const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  say.Step("Two processes add 1 to one counter in a System V segment, " + std::to_string(kIncrements) +
           " times each, no synchronisation");
  say.Say("counter = counter + 1 is three steps (load, add, store): two processes on two CPUs interleave them,");
  say.Say("and an add that loaded the old value overwrites the other's. Each is pinned to its own CPU.");
  say.Number("cpus", static_cast<int64_t>(cpus));
  if (cpus < 2) say.Say("skipped claim: this machine has one CPU, so the two processes never run at the same time");
  CounterRace race(context.janitor);
  int overlapped = 0, losing = 0;
  int64_t lost = 0;
  for (int run = 0; run < kUnsynchronisedRuns; ++run) {
    ASSIGN_OR_RETURN(CounterRace::Run result, race.RunOnce(CounterRace::Kind::kUnsynchronised, kIncrements));
    say.Say("run " + std::to_string(run + 1) + ": expected " + std::to_string(result.expected) + ", actual " +
            std::to_string(result.actual) + ", lost " + std::to_string(result.lost()) +
            (result.overlapped   ? " (both ran at once)"
             : result.lost() > 0 ? " (not at once: one was preempted between its load and its store)"
                                 : " (they did not run at once)"));
    overlapped += result.overlapped ? 1 : 0;
    losing += result.lost() > 0 ? 1 : 0;
    lost += result.lost();
  }
  say.Number("unsynchronised runs", kUnsynchronisedRuns);
  say.Number("unsynchronised runs overlapped", overlapped);
  say.Number("unsynchronised runs losing updates", losing);
  say.Number("unsynchronised updates lost", lost);

  for (CounterRace::Kind kind : {CounterRace::Kind::kMutex, CounterRace::Kind::kAtomic}) {
    say.Step(std::string("The same with ") + (kind == CounterRace::Kind::kMutex ? "a " : "an ") +
             CounterRace::Name(kind));
    say.Say(kind == CounterRace::Kind::kMutex
                ? "pthread_mutex_t in the segment, PTHREAD_PROCESS_SHARED: one process at a time in the add"
                : "one locked instruction (lock xadd): the load, add and store cannot be split");
    int64_t kind_lost = 0;
    for (int run = 0; run < kSynchronisedRuns; ++run) {
      ASSIGN_OR_RETURN(CounterRace::Run result,
                       race.RunOnce(kind, kind == CounterRace::Kind::kMutex ? kMutexIncrements : kIncrements));
      say.Say("run " + std::to_string(run + 1) + ": expected " + std::to_string(result.expected) + ", actual " +
              std::to_string(result.actual));
      kind_lost += result.lost();
    }
    say.Number(kind == CounterRace::Kind::kMutex ? "mutex updates lost" : "atomic updates lost", kind_lost);
  }
  return OkStatus();
}

Status RaceLesson::TearFrames(LessonContext& context) {
  Narrator& say = context.narrator;
  FrameTearing tearing(context.janitor, context.bin_dir);
  say.Step("The same race in sandtab's frames: --unsafe-single-buffer");
  say.Say("pages/lesson-tearing.html paints 16 stripes, all one colour per frame. Without the FrameAck");
  say.Say("handshake the browser hands each frame straight back, so the renderer paints the buffer the");
  say.Say("browser is reading: a screenshot whose stripes disagree holds two frames (torn).");
  ASSIGN_OR_RETURN(FrameTearing::Count unsafe, tearing.Capture(true, 600, 5, std::chrono::seconds(40)));
  say.Number("single-buffer frames", unsafe.frames);
  say.Number("single-buffer torn frames", unsafe.torn);
  say.Number("single-buffer distinct whole frames", unsafe.distinct);

  say.Step("Double buffering back on (the default): the renderer never paints the buffer the browser holds");
  ASSIGN_OR_RETURN(FrameTearing::Count safe, tearing.Capture(false, unsafe.frames, 1, std::chrono::seconds(40)));
  say.Number("double-buffer frames", safe.frames);
  say.Number("double-buffer torn frames", safe.torn);
  say.Number("double-buffer distinct whole frames", safe.distinct);
  say.Say("the page moved in both runs (distinct frames), yet only the unsafe one tore");
  return OkStatus();
}

}  // namespace sandtab::lessons

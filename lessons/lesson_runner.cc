#include "lessons/lesson_runner.h"

#include <sys/msg.h>
#include <sys/shm.h>

#include <algorithm>

#include "lessons/compare_lesson.h"
#include "lessons/ipc_janitor.h"
#include "lessons/isolation_lesson.h"
#include "lessons/narrator.h"
#include "lessons/queue_lesson.h"
#include "lessons/race_lesson.h"
#include "lessons/shm_lesson.h"
#include "lessons/socket_lesson.h"

namespace sandtab::lessons {

LessonRunner::LessonRunner() {
  lessons_.push_back(std::make_unique<ShmLesson>());
  lessons_.push_back(std::make_unique<RaceLesson>());
  lessons_.push_back(std::make_unique<SocketLesson>());
  lessons_.push_back(std::make_unique<QueueLesson>());
  lessons_.push_back(std::make_unique<CompareLesson>());
  lessons_.push_back(std::make_unique<IsolationLesson>());
}

LessonRunner::~LessonRunner() = default;

std::vector<std::string> LessonRunner::Names() const {
  std::vector<std::string> names;
  for (const auto& lesson : lessons_) names.push_back(lesson->name());
  return names;
}

bool LessonRunner::Run(const std::vector<std::string>& names, LessonContext& context) {
  bool clean = true;
  for (const auto& lesson : lessons_) {
    if (!names.empty() && std::find(names.begin(), names.end(), lesson->name()) == names.end()) continue;
    if (Status done = lesson->Run(context); !done) {
      context.narrator.Say(std::string("lesson ") + lesson->name() + " failed: " + done.error());
      clean = false;
    }
    context.janitor.Clean();
  }
  CheckResidue(context, clean);
  return clean;
}

void LessonRunner::CheckResidue(LessonContext& context, bool& clean) {
  Narrator& say = context.narrator;
  say.Step("What is left behind");
  // The kernel's own count of every segment and queue on the machine
  // (shmctl SHM_INFO, msgctl MSG_INFO), and ours among them in /proc/sysvipc.
  shm_info segments = {};
  msginfo queues = {};
  const int shm_highest = shmctl(0, SHM_INFO, reinterpret_cast<shmid_ds*>(&segments));
  const int msg_highest = msgctl(0, MSG_INFO, reinterpret_cast<msqid_ds*>(&queues));
  if (shm_highest >= 0)
    say.Say("System V segments on the machine (shmctl SHM_INFO): " + std::to_string(segments.used_ids));
  if (msg_highest >= 0) say.Say("System V queues on the machine (msgctl MSG_INFO): " + std::to_string(queues.msgpool));
  const int segments_left = context.janitor.SegmentsLeft();
  const int queues_left = context.janitor.QueuesLeft();
  const int children_left = IpcJanitor::ChildrenLeft();
  say.Number("segments left", segments_left);
  say.Number("queues left", queues_left);
  say.Number("processes left", children_left);
  clean &= segments_left == 0 && queues_left == 0 && children_left == 0;
}

}  // namespace sandtab::lessons
